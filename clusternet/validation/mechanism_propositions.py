"""Propositions on the mechanisms of issue 26: the brand game, generic technology, the market.

Each row is a prediction that needs a chain of firms' choices and could come
out either way (``not_by_construction`` says why, and where it is known to
fail). Designs that compare clusters of different sizes or start states are
small run functions ``run(firms, reps, seed, steps, **theta)`` — ``theta``
being a point of the behavioural parameters' plausible space, which the
design's own settings override (a lever stays a lever); the competition shape
is a declared :class:`~clusternet.experiments.Experiment`. Every effect is a
paired difference over replicates with common random numbers and the one
interval of :func:`clusternet.experiments.paired_interval`.
:mod:`clusternet.validation.mechanism_space` reruns a row over a Latin hypercube
of the plausible ranges and reports the share of draws in which each claim holds.

References
----------
Tirole (1996), collective reputation; Olson (1965), group size and the
collective good; Tassey (2005), generic technology; Isaac & Walker (1988),
the voluntary contribution mechanism; Aghion, Bloom, Blundell, Griffith &
Howitt (2005), competition and innovation.
"""

from __future__ import annotations

import numpy as np

from clusternet.experiments import Arm, Claim, Experiment
from clusternet.validation.rows import Effect, Row, paired_effect, replicate_seeds

__all__ = [
    "BRAND_FIXED",
    "CLAIMS",
    "COMPETITION_SHAPE",
    "DESIGN_FIXED",
    "MECHANISM_PROPOSITIONS",
    "PASTS",
    "PERSISTENCE_GAP",
    "TAKEOFF_TOLERANCE",
]

#: Knowledge frozen and governance held fixed across cluster sizes (brand rows): no own
#: brands at any size (``leader_share`` 0: floor(leader_share n) would give large clusters
#: leaders and small ones none) and no market externality of size (``agglomeration`` 0).
BRAND_FIXED = {
    "innovation_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
    "network_every": 0,
    "measure_every": 0,
    "leader_share": 0.0,
    "agglomeration": 0.0,
}

#: Knowledge frozen for the contribution game (the generic gap stays g = 1).
_PLATFORM_QUIET = {
    "innovation_rate": 0.0,
    "training_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
    "network_every": 0,
    "measure_every": 0,
}

#: Half-width of the window around the derived threshold s* in which contributions must
#: cross one half: a tenth of the matching rate's range [0, 1], fixed before any run.
TAKEOFF_TOLERANCE = 0.1

#: Parameters each row's design sets itself: a draw of them is overridden, so they cannot
#: decide where a claim fails (a pointer to failure boxes leaves them out).
DESIGN_FIXED: dict[str, tuple[str, ...]] = {
    "M1": tuple(BRAND_FIXED),
    "M2": tuple(BRAND_FIXED),
    "M3": ("measure_every", "platform_funding"),
    "M4": (*_PLATFORM_QUIET, "platform_excludable", "platform_return", "platform_subsidy"),
    "M5": ("competition",),
    "M6": ("initial_reputation",),
}

#: M6's two pasts (V11's: Tirole 1996's comparison of two otherwise identical groups).
PASTS = (0.9, 0.1)

#: M6's bar for persistence: a reputation gap of 0.1 beyond what buyers alone leave after the
#: run, a tenth of the scale,
#: set in round 9 before the robustness runs (tests/test_dynamics_brand.py uses the same).
PERSISTENCE_GAP = 0.1

#: Each row's claims: (text, claimed sign), in the order its design returns them.
CLAIMS: dict[str, list[tuple[str, int]]] = {
    "M1": [("own-effect uplift of the high-quality share, 8 firms - the larger cluster "
            "(difference-in-differences)", +1)],
    "M2": [("own-effect uplift of the high-quality share, half large firms - all SMEs "
            "(12 firms, difference-in-differences)", +1)],
    "M3": [("catchment innovations, generated generic gap - gap closed (same firms, same R&D)",
            -1),
           ("innovation gain from platform funding 0.2 -> 1.0, with the gap - without "
            "(difference-in-differences)", +1)],
    "M4": [(f"contributors' share at s* - {TAKEOFF_TOLERANCE:g}, minus one half", -1),
           (f"contributors' share at s* + {TAKEOFF_TOLERANCE:g}, minus one half", +1)],
    "M5": [("innovations, competition 0.55 - 0.2", +1),
           ("innovations, competition 0.9 - 0.55", +1)],
    "M6": [(f"reputation gap after the run, good past ({PASTS[0]:g}) - bad past "
            f"({PASTS[1]:g}), beyond the gap with no firm revising a choice, minus "
            f"{PERSISTENCE_GAP:g}", +1)],
}  # fmt: skip


def _effects(key: str, *differences) -> list[Effect]:
    return [
        paired_effect(text, d, sign)
        for (text, sign), d in zip(CLAIMS[key], differences, strict=True)
    ]


#: Settled high-quality share: mean of the last ``_SETTLED`` steps.
_SETTLED = 10


def _settled_hq(net, steps: int, seed: int, theta: dict, **design) -> float:
    from clusternet.dynamics import simulate_upgrading

    ts = simulate_upgrading(net, steps, seed=seed, **{**theta, **BRAND_FIXED, **design})
    return float(ts.timeseries["high_quality_share"].iloc[-_SETTLED:].mean())


def _free_riding_did(small_net, large_net, steps: int, seed: int, theta: dict) -> float:
    """``[HQ_small(on) - HQ_small(off)] - [HQ_large(on) - HQ_large(off)]``.

    Off: the firms ignore their own effect on the reputation (``own_effect`` False),
    at the same discount and name withdrawal, so the contrast isolates the own effect.
    """
    s_on = _settled_hq(small_net, steps, seed, theta)
    s_off = _settled_hq(small_net, steps, seed, theta, own_effect=False)
    l_on = _settled_hq(large_net, steps, seed, theta)
    l_off = _settled_hq(large_net, steps, seed, theta, own_effect=False)
    return (s_on - s_off) - (l_on - l_off)


def _brand_firms(firms: int, reps: int, seed, steps: int, **theta) -> list[Effect]:
    """Free riding grows with the number of firms (8 firms against ``firms``)."""
    from clusternet.generate import generate_cluster

    d = []
    for s in replicate_seeds(seed, reps):
        small, large = generate_cluster(8, seed=s), generate_cluster(firms, seed=s)
        d.append(_free_riding_did(small, large, steps, s, theta))
    return _effects("M1", d)


def _brand_sme(firms: int, reps: int, seed, steps: int, **theta) -> list[Effect]:
    """Free riding grows with the SME share (12 firms, no large-firm tail against half)."""
    from clusternet.generate import generate_cluster

    d = []
    for s in replicate_seeds(seed, reps):
        sme = generate_cluster(12, seed=s, size_tail_share=0.0)
        mixed = generate_cluster(12, seed=s, size_tail_share=0.5)
        # free riding is larger where the uplift is smaller: mixed minus all-SME
        d.append(_free_riding_did(mixed, sme, steps, s, theta))
    return _effects("M2", d)


def _catchment_innovations(net, steps: int, seed: int, theta: dict, knowledge0=None, **design):
    """Applied innovations of platform-catchment firms over the run."""
    from clusternet.dynamics import UpgradingModel

    model = UpgradingModel(
        net, seed=seed, knowledge0=knowledge0, **{**theta, "measure_every": 0, **design}
    )
    catchment = model.state.member >= 0
    total = 0
    for _ in range(steps):
        model.step()
        total += int((model.state.last_innovation[catchment] == model.state.step).sum())
    return total


def _generic(firms: int, reps: int, seed, steps: int, **theta) -> list[Effect]:
    """A generic gap holds back applied innovation; platform funding relieves it."""
    from clusternet.dynamics import UpgradingModel
    from clusternet.generate import generate_cluster

    gap_effect, relief = [], []
    for s in replicate_seeds(seed, reps):
        net = generate_cluster(firms, seed=s)
        probe = UpgradingModel(net, seed=s, **{**theta, "measure_every": 0})
        closed = probe.state.knowledge.copy()
        closed[probe.firms, 0] = probe.generic_frontier()
        runs = {
            (label, funding): _catchment_innovations(
                net, steps, s, theta, knowledge0=k0, platform_funding=funding
            )
            for label, k0 in (("gap", None), ("closed", closed))
            for funding in (0.2, 1.0)
        }
        gap_effect.append(runs["gap", 0.2] - runs["closed", 0.2])
        relief.append(
            (runs["gap", 1.0] - runs["gap", 0.2]) - (runs["closed", 1.0] - runs["closed", 0.2])
        )
    return _effects("M3", gap_effect, relief)


def _takeoff(firms: int, reps: int, seed, steps: int, **theta) -> list[Effect]:
    """Contributions cross one half within TAKEOFF_TOLERANCE of the derived threshold s*."""
    from clusternet.dynamics import UpgradingModel
    from clusternet.generate import generate_cluster

    below, above = [], []
    for s in replicate_seeds(seed, reps):
        net = generate_cluster(firms, preset="taizhou", seed=s)
        a = np.where(net.tier_mask("core"), 0.5, np.nan)
        net = net.with_actor_columns(absorptive_capacity=a)
        base = {**theta, **_PLATFORM_QUIET, "platform_excludable": 0.0}
        probe = UpgradingModel(net, seed=s, **base)
        sizes = np.bincount(probe.state.member[probe.state.member >= 0])
        largest = int(np.argmax(sizes))
        # MPCR = r a g / n with a = 0.5, g = 1 (no generic knowledge): s* = 1 - r a / n;
        # r is set so that s* = 0.5 in the largest catchment (where to look, not the outcome)
        r = float(sizes[largest])
        k0 = probe.state.knowledge.copy()
        k0[probe.firms, 0] = 0.0
        shares = {}
        for label, sub in (("below", 0.5 - TAKEOFF_TOLERANCE), ("above", 0.5 + TAKEOFF_TOLERANCE)):
            model = UpgradingModel(
                net,
                seed=s,
                knowledge0=k0,
                **{**base, "platform_return": r, "platform_subsidy": sub},
            )
            in_p = model.state.member == largest
            x = []
            for t in range(steps):
                model.step()
                if t >= steps - _SETTLED:
                    x.append(model.state.contribute[in_p].mean())
            shares[label] = float(np.mean(x))
        below.append(shares["below"] - 0.5)
        above.append(shares["above"] - 0.5)
    return _effects("M4", below, above)


def _reputation_gap(net, steps: int, seed: int, theta: dict) -> float:
    """Reputation after ``steps`` from the good past minus from the bad past."""
    from clusternet.dynamics import simulate_upgrading

    good, bad = (
        float(
            simulate_upgrading(net, steps, seed=seed, **{**theta, "initial_reputation": r0})
            .timeseries["reputation"]
            .iloc[-1]
        )
        for r0 in PASTS
    )
    return good - bad


def _history(firms: int, reps: int, seed, steps: int, **theta) -> list[Effect]:
    """Two pasts of the same cluster: the gap the firms' choices keep, against a bar.

    The reputation gap after ``steps`` minus the gap the same pasts leave when no firm
    revises a choice (``revision_rate`` 0: buyers' memory and their reallocation of
    sales only), minus :data:`PERSISTENCE_GAP`.
    """
    from clusternet.generate import generate_cluster

    beyond = []
    for s in replicate_seeds(seed, reps):
        net = generate_cluster(firms, seed=s)
        gap = _reputation_gap(net, steps, s, theta)
        frozen = _reputation_gap(net, steps, s, {**theta, "revision_rate": 0.0})
        beyond.append(gap - frozen - PERSISTENCE_GAP)
    return _effects("M6", beyond)


#: The competition shape: intensity at the ends and the middle of its plausible range.
COMPETITION_SHAPE = Experiment(
    "M5",
    kind="proposition",
    arms=(
        Arm("low", "competition 0.2 (bottom of its plausible range)", {"competition": 0.2}),
        Arm("mid", "competition 0.55", {"competition": 0.55}),
        Arm("high", "competition 0.9 (top of its plausible range)", {"competition": 0.9}),
    ),
    outcomes=("innovations_total",),
    claims=(
        Claim(CLAIMS["M5"][0][0], "Aghion et al. 2005", "mid", "innovations_total", +1),
        Claim(CLAIMS["M5"][1][0], "Aghion et al. 2005", "high", "innovations_total", +1,
              reference="mid"),
    ),
)  # fmt: skip

#: The propositions on the mechanisms of issue 26, by key.
MECHANISM_PROPOSITIONS: dict[str, Row] = {
    "M1": Row(
        "M1",
        "proposition",
        "Free riding on the regional brand grows with the number of firms at fixed governance: "
        "a firm's own effect on reputation shrinks with its output share, so the high-quality "
        "share the own effect supports is smaller in large clusters.",
        "C-BRAND-1; Tirole 1996; Olson 1965",
        "a firm's return to quality adds its own effect on reputation (share x discounted "
        "premium) and the demand channel; logit quality choice",
        "clusters of 8 and of `firms` firms from the same seed, each run with the own effect "
        "on and off (`own_effect` False: same discount and name withdrawal); paired "
        "difference-in-differences of the "
        "settled high-quality share (last 10 steps); knowledge frozen, no leaders, no "
        "agglomeration at any size",
        40,
        run=_brand_firms,
        not_by_construction="No term of the model depends on the number of firms: the "
        "gradient needs firms' quality choices responding to their output shares, through "
        "reputation, demand and each other's choices. Raw gaps between sizes mix in "
        "composition (membership, knowledge); the arm without the own effect nets those out, "
        "and the sign could go either way — small clusters with few members could gain less "
        "from the own effect than large ones whose reputation others sustain.",
    ),
    "M2": Row(
        "M2",
        "proposition",
        "Free riding grows with the SME share: at equal number of firms, a cluster of SMEs "
        "keeps less of the own-effect uplift than one with large firms.",
        "C-BRAND-1; Olson 1965",
        "as M1",
        "12-firm clusters from the same seed with no large-firm tail against half their firms "
        "in it; the same difference-in-differences as M1 (mixed - all SMEs)",
        40,
        run=_brand_sme,
        not_by_construction="Large firms have larger output shares, so their own effect is "
        "larger; but large firms also weigh more in reputation and demand, so an SME "
        "cluster's uplift could equally be larger (the SMEs follow nobody). Small clusters "
        "are noisy: the sign is clear only with many replicates. Why it fails here: the own "
        "effect is linear in the output share and the shares sum to 1, so the first-order "
        "term of the firm-count uplift does not depend on how output is divided; at a fixed "
        "number of firms the SME gradient is second order (the logit's curvature and the "
        "reputation feedback), about +0.007 by the mean field on these clusters, far below "
        "what 6 or 8 replicates can show (docs/model.md, Free riding and the SME share). "
        "The gradient Olson's privileged group predicts is in the output-weighted quality, "
        "shown there by a design declared before it was run (+0.044 [0.006, 0.083]).",
    ),
    "M3": Row(
        "M3",
        "proposition",
        "Applied innovation is limited by generic knowledge: at equal R&D a generic gap "
        "means less applied innovation, and a platform relieves it.",
        "C-GENERIC-1; Tassey 2005",
        "innovation hazard x (generic knowledge / generic frontier)^gamma; platform output "
        "raises members' generic knowledge; membership and contributions are choices",
        "the same generated cluster with its generic gap and with the gap closed (generic "
        "knowledge at the frontier), each at platform funding 0.2 and 1.0; catchment firms' "
        "innovations over the run",
        30,
        run=_generic,
        not_by_construction="Partly by construction: the complement multiplies the hazard, "
        "so the first step's effect is set by gamma (that part is the wiring check in "
        "tests/test_dynamics_platform.py). Over the run the gap also raises what platform "
        "membership is worth (a g), so firms join and contribute more, and the market's "
        "rents change when rivals innovate less; the relief (second claim) needs firms to "
        "join the platform and its output to reach them.",
    ),
    "M4": Row(
        "M4",
        "proposition",
        "Platform contributions take off at the derived VCM threshold s* = 1 - r a g / n_eff: "
        "below it few contribute, above it most do.",
        "C-GENERIC-1; Isaac & Walker 1988",
        "linear voluntary contribution game with matching s and logit noise; membership a "
        "logit choice against the fee; docs/model.md derives s*",
        "Taizhou preset, equal absorptive capacity 0.5, no generic knowledge (g = 1), "
        "knowledge frozen, a pure public good; platform_return set so that s* = 0.5 in the "
        "largest catchment; matching s* - 0.1 and s* + 0.1; contributors' share of that "
        "catchment (last 10 steps) minus one half",
        40,
        run=_takeoff,
        not_by_construction="s* is derived for a firm that takes the others' membership and "
        "noise as given; revision, logit noise and the membership choice (the fee) could "
        "move the crossing away from s*, and at high noise the two shares approach one half.",
    ),
    "M5": Row(
        "M5",
        "proposition",
        "Innovation and competition intensity: the model's shape, reported as it is (rising; "
        "Aghion et al.'s inverted U would fall at the top).",
        "C-SQUEEZE-1; Aghion et al. 2005",
        "step-by-step innovation: incremental rent of one step under limit pricing, "
        "intensity D = 1 - (1 - competition)^k (clusternet.dynamics.market)",
        "competition 0.2, 0.55 and 0.9 on the same clusters and seeds",
        30,
        experiment=COMPETITION_SHAPE,
        not_by_construction="Escape competition (neck-and-neck firms gain more from a step) "
        "and the Schumpeterian effect (laggards gain less) come out of one market; which "
        "dominates depends on how many firms are neck and neck. The model gives a rising "
        "line because most firms with rivals are laggards whose one-step gain is below "
        "its cost at every intensity (docs/model.md): the inverted U is not reproduced. "
        "Most of the innovation it counts is paid for by a one-period lead the model's "
        "market does not pay (the incentive holds the fringe for a step; docs/model.md, "
        "The one-period lead). Round 19 tested whether the shape turns when innovation, "
        "not learning, sets who is level: with spillover off from a levelled start, "
        "competition moves markets from level to unlevelled as in Aghion et al., and the "
        "line still rises; far laggards never innovate, as a step adds little to their logit "
        "share of the collusive rent (G / pi_S 0.069 against Aghion et al.'s 0.625), and "
        "with Aghion et al.'s allocation for them the line falls from the generated start "
        "and rises from the levelled one (docs/model.md): no inverted U either way.",
    ),
    "M6": Row(
        "M6",
        "proposition",
        "Reputation is history-dependent through the firms' choices: two clusters identical "
        "but for the reputation buyers remember stay apart by more than buyers alone would "
        "keep them.",
        "C-BRAND-1; Tirole 1996",
        "collective reputation R <- lambda R + (1 - lambda) (output-weighted mean quality); "
        "each firm's quality choice weighs the premium on perceived value, its own effect "
        "on R and the name it loses if caught, worth more when R is high",
        "the same generated cluster and seed with a good and a bad past (initial_reputation "
        "0.9 and 0.1, the firms unchanged); the reputation gap after the run minus the gap "
        "of the same two pasts when no firm revises a choice (revision_rate 0: quality, "
        "membership and contributions frozen, so what remains is buyers' memory, "
        "(0.9 - 0.1) lambda^T, and their reallocation of sales), against a bar of 0.1",
        20,
        run=_history,
        not_by_construction="Buyers' memory alone keeps a gap of 0.8 lambda^T (above 0.1 "
        "after 20 steps for lambda > 0.90), so the raw gap is partly built in; the "
        "counterfactual arm takes it out, and what is left is the firms' choices. Whether "
        "they keep the pasts apart depends on whether the quality choice has two stable "
        "reputations (Tirole 1996), which the mean field finds at few plausible points "
        "(docs/model.md): with one, the firms converge from either past and the gap they "
        "keep falls below the bar. That choices widen the gap at all (its sign) is V11's "
        "wiring check, every firm's gain rising with R; the bar of 0.1 is what makes it "
        "persistence.",
    ),
}
