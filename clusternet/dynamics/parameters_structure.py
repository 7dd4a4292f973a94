"""Parameters of policy levers, network evolution, entry and exit, and bookkeeping (:class:`clusternet.UpgradingModel`).

The declarations of the cluster's structure and the run: each parameter's default, bounds, meaning, source and
plausible range. :data:`clusternet.dynamics.parameters.PARAMETERS` joins them in order.
"""

from __future__ import annotations

from clusternet.params import Parameter

#: Parameters of policy levers, network evolution, entry and exit, and bookkeeping, in the order of the docs table.
STRUCTURE_PARAMETERS: dict[str, Parameter] = {
    # other policy levers
    "rd_subsidy": Parameter(
        0.0,
        0.0,
        10.0,
        "relative increase of every firm's R&D intensity (policy lever)",
        float,
        source="policy lever, off by default",
    ),
    "new_university_ties": Parameter(
        0,
        0,
        10_000_000,
        "technology ties added at the start from firms to universities (policy lever)",
        int,
        source="policy lever, off by default",
    ),
    "attract_external_leader": Parameter(
        False,
        None,
        None,
        "add an external lead firm with frontier knowledge tied to the largest firms (policy lever)",
        bool,
        source="policy lever, off by default",
    ),
    "leader_ties": Parameter(
        50,
        1,
        10_000_000,
        "firms tied to the attracted external leader",
        int,
        source="assumed: the attracted leader ties to the 50 largest firms; plausible 10-200 (a lead firm's local supplier base, a stated argument)",
        plausible=(10, 200),
    ),
    # network evolution
    "network_every": Parameter(
        20,
        0,
        1_000_000,
        "steps between rounds of technology-tie decay and formation (0 = a static network; "
        "a round rebuilds the knowledge operators, about 4.5 s at a million firms, so 20 keeps "
        "the mean step under 2 s there)",
        int,
        source="bookkeeping: a round every 20 steps keeps the mean step under 2 s at a million firms; C-DYNAMIC-1",
    ),
    "tie_formation": Parameter(
        0.1,
        0.0,
        1.0,
        "probability per round that a firm of absorptive capacity 1 forms a technology tie "
        "(assumed)",
        float,
        source="assumed: a firm of full absorptive capacity forms a tie per round with probability 0.1; plausible 0.02-0.3 per round of 20 quarters (a stated argument: firms add new knowledge partners rarely; Giuliani 2007 finds knowledge networks sparse and selective)",
        plausible=(0.02, 0.3),
    ),
    "tie_decay": Parameter(
        0.02,
        0.0,
        1.0,
        "probability per round that a firm-firm technology tie dissolves (assumed)",
        float,
        source="assumed: 2 % of firm-firm technology ties dissolve per round (at the low end of the range); plausible 0.01-0.5 per round of 20 quarters (inter-firm collaborations last from a few years to well over a decade; Greve et al. 2010 on alliance dissolution)",
        plausible=(0.01, 0.5),
    ),
    "closure": Parameter(
        0.5,
        0.0,
        1.0,
        "share of new ties that close a triangle (friend of a friend) rather than follow "
        "attraction to knowledge and innovators",
        float,
        source="assumed: half the new ties close triangles; plausible 0.2-0.8 (triadic closure is a main but not the only route to new ties: Davidsen, Ebel & Bornholdt 2002; Kossinets & Watts 2006; Giuliani 2007)",
        plausible=(0.2, 0.8),
    ),
    "candidates": Parameter(
        8,
        1,
        1000,
        "firms drawn by attractiveness among which the nearest becomes the partner",
        int,
        source="assumed: the nearest of 8 attractive firms becomes the partner; plausible 2-20 (from choosing by attraction almost alone to choosing by proximity among many; a stated argument)",
        plausible=(2, 20),
    ),
    "tie_cost": Parameter(
        None,
        0.0,
        10.0,
        "c: opt-in tie choice. None: a firm forms a technology tie with probability "
        "tie_formation x a_i, no choice. A float: a firm searches with probability "
        "tie_formation, and the tie forms only if each side would learn more than c per step "
        "with it than without it under the spillover rule (a new tie dilutes the others; "
        "clusternet.dynamics.evolution.tie_gain), mutual consent",
        float,
        source="assumed (opt-in, off by default): c = 0 is mutual consent without a cost "
        "(the pairwise stability of Jackson & Wolinsky 1996; the barter of Cowan & Jonard "
        "2004); plausible 0-0.002 knowledge per step, a stated argument: 0.002 is about "
        "2.6 times the median gain 0.00077 of the random pairs of firms that would gain at "
        "all at the start of a generated 400-firm cluster, where 0.6 % of random pairs "
        "would both gain more than it (18 % at c = 0)",
        plausible=(0.0, 0.002),
    ),
    # entry and exit
    "exit_rate": Parameter(
        0.0,
        0.0,
        1.0,
        "probability per step that a lagging firm exits and a spin-off takes its place "
        "(0 = a fixed population; annual exit rates of manufacturing firms are 5-10 %, "
        "so 0.01-0.03 per step if a step is a quarter)",
        float,
        source="off by default; annual exit rates of 5-10 % (Dunne, Roberts & Samuelson 1988) give 0.01-0.03 per quarterly step",
    ),
    "exit_rule": Parameter(
        "knowledge",
        None,
        None,
        "which firms exit and whose spin-offs enter: 'knowledge' (a firm lagging behind "
        "exit_gap of the best firm's knowledge exits, parents drawn by knowledge) or "
        "'margin' (a firm whose unit margin in the step is below outside_margin exits, "
        "parents drawn in proportion to their positive margins; the selection channel of "
        "Tirole 1996 and Levin 2009)",
        str,
        source="off by default: 'knowledge', Schumpeterian selection on capability (Nelson & "
        "Winter 1982); 'margin' is the opt-in selection on profitability",
        choices=("knowledge", "margin"),
    ),
    "outside_margin": Parameter(
        0.0,
        -1.0,
        1.0,
        "the unit margin (price units) below which a firm exits under exit_rule 'margin': "
        "the return of the firm's owner outside the cluster's trade",
        float,
        source="assumed: 0, a firm exits when its unit margin over the common cost is "
        "negative (zero economic profit as the outside option, the free-entry benchmark); "
        "plausible -0.05-0.05: a firm may stay through losses of up to 5 % of the price "
        "(sunk costs keep it, Dixit 1989) or leave while it still earns up to 5 % when its "
        "owner has better uses for the premises and capital (a stated argument)",
        plausible=(-0.05, 0.05),
    ),
    "exit_gap": Parameter(
        0.6,
        0.0,
        1.0,
        "a firm lags, and may exit, when its mean knowledge is below this share of the best "
        "firm's (assumed: well behind the frontier but not only the very last firms)",
        float,
        source="assumed: a firm below 60 % of the best firm's knowledge lags; plausible 0.4-0.8 (productivity dispersion within narrow industries, a 90th/10th percentile ratio of about 2 in the US, Syverson 2004, puts the laggards at about half the leaders' level)",
        plausible=(0.4, 0.8),
    ),
    "spinoff_inheritance": Parameter(
        0.8,
        0.0,
        1.0,
        "share of its parent's knowledge a spin-off starts with (assumed: spin-offs carry "
        "most of the parent's know-how, Klepper 2007)",
        float,
        source="assumed: spin-offs carry most of the parent's know-how (Klepper 2007; Klepper & Sleeper 2005); plausible 0.5-1",
        plausible=(0.5, 1.0),
    ),
    # bookkeeping
    "measure_every": Parameter(
        0,
        0,
        1_000_000,
        "recompute technology and brand readiness every so many steps (0 = never)",
        int,
        source="bookkeeping",
    ),
    "snapshot_every": Parameter(
        0,
        0,
        1_000_000,
        "keep per-actor knowledge and quality every so many steps (0 = never)",
        int,
        source="bookkeeping",
    ),
}
