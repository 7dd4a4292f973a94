"""Propositions: predictions that need a chain of firms' choices and could come out either way.

Each row says why it is not true by construction and where it is known to
fail (docs/validation.md). The model mechanisms they rest on are in
``clusternet.dynamics``; the designs are declarations of the experiment layer.
"""

from __future__ import annotations

from typing import cast

from clusternet.dynamics.parameters_technology import DEFAULT_IMITATION, TECHNOLOGY_PARAMETERS
from clusternet.experiments import Arm, Claim, Experiment
from clusternet.validation.rows import Row

__all__ = ["BARTER_COST", "HUMP_GAP", "PROPOSITIONS", "SME_PAIR"]

#: The imitation gap at which V4 traces the whole hump (the top of its plausible range):
#: at the default 0.5 imitation adds little to what spillover already spreads, so only the
#: falling side is significant there.
HUMP_GAP = 0.75


def _imitation(factor: float, **extra) -> dict:
    return {"imitation_rates": {k: min(1.0, v * factor) for k, v in DEFAULT_IMITATION.items()},
            **extra}  # fmt: skip


V3 = Experiment(
    "V3",
    kind="proposition",
    arms=(
        Arm("baseline", "the generated cluster"),
        Arm("no_competition", "the same cluster without competition ties",
            drop_layers=("competition",)),
    ),
    outcomes=("innovations_total",),
    claims=(
        Claim("innovations, with - without competition ties", "C-SQUEEZE-1", "baseline",
              "innovations_total", +1, reference="no_competition"),
    ),
)  # fmt: skip

V4 = Experiment(
    "V4",
    kind="proposition",
    arms=(
        Arm("none", "no imitation", _imitation(0.0)),
        Arm("slow", "imitation x0.25", _imitation(0.25)),
        Arm("fast", "imitation x4", _imitation(4.0)),
        Arm("hump_none", f"no imitation, gap {HUMP_GAP}", _imitation(0.0, imitation_gap=HUMP_GAP)),
        Arm("hump_half", f"imitation x0.5, gap {HUMP_GAP}",
            _imitation(0.5, imitation_gap=HUMP_GAP)),
        Arm("hump_fast", f"imitation x4, gap {HUMP_GAP}", _imitation(4.0, imitation_gap=HUMP_GAP)),
    ),
    outcomes=("innovations_total", "knowledge_gini", "knowledge_mean"),
    claims=(
        Claim("innovations, imitation x4 - x0.25", "C-SQUEEZE-1", "fast", "innovations_total",
              -1, reference="slow"),
        Claim("knowledge Gini (spread), imitation x0.25 - none", "C-IMIT-1", "slow",
              "knowledge_gini", -1),
        Claim("long-run knowledge, imitation x4 - x0.25", "C-IMIT-1, C-SQUEEZE-1", "fast",
              "knowledge_mean", -1, reference="slow"),
        Claim(f"hump, gap {HUMP_GAP}: long-run knowledge, imitation x0.5 - none",
              "C-IMIT-1, C-SQUEEZE-1", "hump_half", "knowledge_mean", +1, reference="hump_none"),
        Claim(f"hump, gap {HUMP_GAP}: long-run knowledge, imitation x4 - x0.5",
              "C-IMIT-1, C-SQUEEZE-1", "hump_fast", "knowledge_mean", -1, reference="hump_half"),
    ),
)  # fmt: skip

#: The baseline's platform funding per member (the default), set in the arms it is compared
#: with so that a robustness draw of ``platform_funding`` cannot make the policy arm's
#: funding (0.5) equal to the baseline's.
_FUNDING = float(cast(float, TECHNOLOGY_PARAMETERS["platform_funding"].default))

_SIZES = {"size_median": 6.0, "size_tail_min": 50.0}  # the Taizhou case study's calibration

V5 = Experiment(
    "V5",
    kind="proposition",
    generator={"preset": "taizhou"},
    arms=(
        Arm("baseline", "Taizhou preset, funding 0.2 per member, no matching",
            {"platform_funding": _FUNDING}),
        Arm("funded", "matching 0.6 and funding 0.5 per member",
            {"platform_subsidy": 0.6, "platform_funding": 0.5}),
        Arm("mixed", "8 % large firms", generator={"size_tail_share": 0.08, **_SIZES}),
        Arm("sme", "2 % large firms (more SMEs)", generator={"size_tail_share": 0.02, **_SIZES}),
    ),
    outcomes=("contributors_share", "knowledge_mean_0"),
    claims=(
        Claim("contributors' share, funded and matched - baseline", "C-GENERIC-1",
              "funded", "contributors_share", +1),
        Claim("generic knowledge (domain 0), funded and matched - baseline", "Tassey 2005",
              "funded", "knowledge_mean_0", +1),
        Claim("generic knowledge, 2 % - 8 % large firms (more SMEs)", "C-GENERIC-1",
              "sme", "knowledge_mean_0", -1, reference="mixed"),
    ),
)  # fmt: skip

V7 = Experiment(
    "V7",
    kind="proposition",
    arms=(
        Arm("baseline", "no policy (the default funding 0.2 per member)",
            {"platform_funding": _FUNDING}),
        Arm("platform", "platform matching 0.6, funding 0.5",
            {"platform_subsidy": 0.6, "platform_funding": 0.5}),
        Arm("certification", "certification 0.6 (funding 0.2 per member)",
            {"certification": 0.6, "platform_funding": _FUNDING}),
    ),
    outcomes=("high_quality_share", "innovations_total"),
    claims=(
        Claim("high-quality share, platform policy - baseline", "C-WHEELS-1", "platform",
              "high_quality_share", +1),
        Claim("innovations, certification policy - baseline", "C-WHEELS-1", "certification",
              "innovations_total", +1),
    ),
)  # fmt: skip


V12 = Experiment(
    "V12",
    kind="proposition",
    arms=(
        Arm("baseline", "every role present"),
        Arm("without_government", "the same cluster without its local government",
            drop_roles=("government",)),
        Arm("without_training", "without its training providers", drop_roles=("training",)),
    ),
    outcomes=("members_share",),
    claims=(
        Claim("platform members' share without the government (funding the club offers)",
              "C-SUPPORT-1; Buchanan 1965", "without_government", "members_share", -1),
        Claim("platform members' share without training (absorptive capacity values the club)",
              "C-SUPPORT-1; Cohen & Levinthal 1990", "without_training", "members_share", -1),
    ),
)  # fmt: skip

#: V5's pair of clusters with more and fewer SMEs (the Taizhou preset with 8 % and 2 % large
#: firms, the case study's firm sizes), shared by V13 and the wiring check V15.
SME_PAIR: tuple[Arm, Arm] = (
    Arm("mixed", "8 % large firms", generator={"size_tail_share": 0.08, **_SIZES}),
    Arm("sme", "2 % large firms (more SMEs)", generator={"size_tail_share": 0.02, **_SIZES}),
)

V13 = Experiment(
    "V13",
    kind="proposition",
    generator={"preset": "taizhou"},
    arms=SME_PAIR,
    outcomes=("platform_output_per_firm_total",),
    claims=(
        Claim("platform output per catchment firm over the run, 2 % - 8 % large firms "
              "(more SMEs)", "C-GENERIC-1; Tassey 2005", "sme",
              "platform_output_per_firm_total", -1),
    ),
)  # fmt: skip

V16 = Experiment(
    "V16",
    kind="proposition",
    generator={"preset": "taizhou"},
    arms=SME_PAIR,
    outcomes=("provision_shortfall_total", "samuelson_return"),
    claims=(
        Claim("under-provision against the Samuelson optimum per catchment firm over the "
              "run, 2 % - 8 % large firms (more SMEs)", "C-GENERIC-1; Tassey 2005; "
              "Samuelson 1954", "sme", "provision_shortfall_total", +1),
        Claim("under-provision against the Samuelson optimum per catchment firm over the "
              "run, 8 % large firms (any efficient contribution missing)",
              "C-GENERIC-1; Tassey 2005; Samuelson 1954", "mixed",
              "provision_shortfall_total", +1, absolute=True),
    ),
)  # fmt: skip

#: The tie choice's cost in V14: 0, the end of the opt-in ``tie_cost``'s range at which a
#: pair ties whenever each side learns more with the tie than without it (mutual consent,
#: Jackson & Wolinsky 1996; Cowan & Jonard's 2004 barter without a cost).
BARTER_COST = 0.0

V14 = Experiment(
    "V14",
    kind="proposition",
    arms=(
        Arm("baseline", "the tie choice at cost 0, training switched off (0)",
            {"tie_cost": BARTER_COST, "training_rate": 0.0}),
        Arm("trained", "the tie choice at cost 0, training 0.04 (the top of its range)",
            {"tie_cost": BARTER_COST, "training_rate": 0.04}),
    ),
    outcomes=("knowledge_tie_share",),
    claims=(
        Claim("firm technology ties' share (transaction ties fixed) under the tie choice, "
              "training 0.04 - none", "C-DYNAMIC-1", "trained", "knowledge_tie_share", +1),
    ),
)  # fmt: skip


#: The propositions, by key.
PROPOSITIONS: dict[str, Row] = {
    "V3": Row(
        "V3",
        "proposition",
        "Squeeze effect: rivals' innovations raise a firm's innovation hazard; a cluster with "
        "its competition ties innovates more.",
        "C-SQUEEZE-1",
        "hazard x the net incentive v = max(0, (G / pi_S - c) / (1 - c)), G the incremental "
        "rent of one step in the market among rivals (clusternet.dynamics.market: escape "
        "competition, the Schumpeterian effect, rivals' imitation); the legacy `squeeze` "
        "multiplier is off (0)",
        "the same cluster with and without its competition layer, same seeds",
        30,
        experiment=V3,
        not_by_construction="Without rivals every firm earns a monopolist's step, pi_S; with "
        "them a neck-and-neck firm gains more (escape competition) but a laggard less, and "
        "rivals' imitation takes part of the rent, so the sign depends on how many firms are "
        "neck and neck. The round-1 squeeze multiplier (3, chosen so that this row passed) "
        "is off; from the market the row fails: a cluster with competition ties innovates "
        "less (most firms with rivals are laggards whose step does not pay its cost).",
    ),
    "V4": Row(
        "V4",
        "proposition",
        "Imitation spreads knowledge but lowers the innovator's returns; with innovation "
        "costly, long-run knowledge is hump-shaped in the imitation rate.",
        "C-IMIT-1, C-SQUEEZE-1",
        "hazard x the net incentive v = max(0, (G / pi_S - c) / (1 - c)), G the incremental "
        "rent of one step with the rivals at their expected positions after imitating it "
        "(clusternet.dynamics.market; only rivals with an imitation tie take rent), cost c = "
        "`innovation_cost`; imitation over technology, transaction, social",
        "imitation rates x0, x0.25 and x4 on the same clusters; the hump: x0, x0.5 and x4 with "
        f"imitators closing {HUMP_GAP:.0%} of the gap (`imitation_gap`, the top of its "
        "plausible range)",
        60,
        experiment=V4,
        not_by_construction="Imitation raises diffusion and lowers the return to innovating; "
        "which dominates depends on the rates. The rising side of the hump holds only at "
        "`imitation_gap` 0.75, not at the default 0.5.",
    ),
    "V5": Row(
        "V5",
        "proposition",
        "Generic technology is under-supplied without a platform, the more so the higher the "
        "SME share; funding and matching move the contribution game into a regime where "
        "contributions take off.",
        "C-GENERIC-1; Tassey 2005",
        "platform public-goods game with a club share (`platform_excludable`), subsidy and funding",
        "Taizhou preset; baseline vs matching 0.6 and funding 0.5 per member; a cluster with 2 % "
        "large firms vs 8 % (same seed, same draws, not the same network)",
        30,
        experiment=V5,
        not_by_construction="Contributions are firms' choices in a public-goods game, so a "
        "subsidy could crowd out private contributions. Caveat: the SME gradient keeps 44 % of "
        "its size with the platform producing nothing — a composition effect of "
        "lower absorptive capacity, not under-supply; V13 measures the supply, and V15 "
        "holds the platforms' output fixed to separate the two.",
    ),
    "V7": Row(
        "V7",
        "proposition",
        "The two wheels are coupled: each wheel's policy moves the other wheel.",
        "C-WHEELS-1",
        "quality cost / (1 + quality_learning * kbar); hazard x (1 + reputation_innovation * R)",
        "platform policy (technology) and certification (brand) vs baseline",
        30,
        experiment=V7,
        not_by_construction="The cross effects pass through firms' choices (quality choice "
        "given knowledge, innovation given reputation); they are coupling terms of the model, "
        "so the sign is set by them, the size is not.",
    ),
    "V12": Row(
        "V12",
        "proposition",
        "Auxiliary roles act through firms' choices: the government and training providers "
        "move how many firms join a platform, a choice whose payoff their switches enter "
        "but do not set.",
        "C-ACTORS-1, C-SUPPORT-1; Buchanan 1965",
        "platform membership a club choice, Delta^J = a g (phi O / n'_m + r f (...)) - f, "
        "revised by a logit rule",
        "the same cluster with and without all actors of one role (the local government; the "
        "training providers); V8 checks each role's own switch, this row a choice downstream "
        "of it",
        30,
        experiment=V12,
        not_by_construction="The government funds platform output and training raises "
        "absorptive capacity, both arguments of the joining payoff; neither sets "
        "membership. Without public funding the club's output comes from fees and any "
        "contributions alone, but firms then fall further behind the generic "
        "frontier, and the larger gap g raises the value a g of what the club still offers "
        "(joining a club that lives on fees alone pays where a g r (phi + (1 - phi) / n_p) "
        "exceeds one, below it at the defaults, r phi = 0.9, above it in part of the "
        "plausible space); higher absorptive "
        "capacity raises a but also closes g. Either claim could come out either way; the "
        "government claim's sign follows at given gaps from dDelta^J/dO > 0, so it is the "
        "gap response over the run that could reverse it. Universities, intermediaries, the "
        "association and finance act on quality or innovation through couplings whose sign "
        "is built in (V7, V8) and have no claim here.",
    ),
    "V13": Row(
        "V13",
        "proposition",
        "Common technology is provided less per firm where SMEs dominate: with more SMEs, "
        "firms' membership and contribution choices give the platforms less output per "
        "catchment firm.",
        "C-GENERIC-1; Tassey 2005; Isaac & Walker 1988",
        "platform output O_p = r (c n_c + f n_m + G n_p) from firms' contribution and "
        "membership choices (club share phi, fee f, public funding G per catchment firm)",
        "Taizhou preset, 2 % against 8 % large firms (V5's pair), output per catchment firm "
        "summed over the run; V15 holds the output fixed to see what it carries",
        30,
        experiment=V13,
        not_by_construction="Public funding is paid per catchment firm whatever its size, "
        "so output per catchment firm moves only with the shares that join (fees) and "
        "contribute, and both are choices whose value a g r (...) rises with absorptive "
        "capacity a and with the generic gap g. At the start a g is lower in a cluster of "
        "SMEs (initial knowledge rises with a, so g is smaller where a is larger, but not "
        "by enough); over the run the firms that learn close g, members' club shares "
        "depend on how many join, and output feeds back into the next choice, so the "
        "gradient over the run could take either sign. It is provision per firm, not "
        "provision against an optimum (V16 measures that).",
    ),
    "V16": Row(
        "V16",
        "proposition",
        "Generic technology is under-provided against the social optimum (contributions worth "
        "their cost to the catchment as a whole go unmade), the more so where SMEs dominate: "
        "with more SMEs, more of the surplus of efficient contributions is forgone.",
        "C-GENERIC-1; Tassey 2005; Samuelson 1954",
        "contributions in the linear public-goods game of the platforms, S_p = sum over the "
        "catchment of MPCR_i = r ((1 - phi) mean(a g) + phi mean over members(a g)); "
        "contributing is efficient for the whole catchment where S_p > 1, and the "
        "shortfall U_p = c max(S_p - 1, 0) (n_p - n_c) counts the surplus of the "
        "contributions not made (clusternet.dynamics.platform.provision_shortfall), at the "
        "returns each step's contribution choice weighed",
        "Taizhou preset, 2 % against 8 % large firms (V5's pair), U over the catchment firms "
        "summed over the run (steps 1-30; step 0 has no choice); the level in the 8 % "
        "cluster as its own claim",
        30,
        experiment=V16,
        not_by_construction="The optimum and the choices move together: lower absorptive "
        "capacity lowers every firm's MPCR (fewer contributions are made) and the "
        "Samuelson return S_p (fewer are worth making); the platforms close the generic gap "
        "g more slowly in a cluster of SMEs, which keeps S_p higher for longer; and who "
        "joins moves the club term of S_p. The shortfall counts only contributions that "
        "are efficient and not made, so the gradient's sign is an outcome. Where S_p stays "
        "below 1 in both clusters nobody should contribute, the shortfall is 0 in both, and "
        "the gradient cannot be shown. The level claim's sign is built in (a shortfall is "
        "never negative), but whether it is above 0 is not: each firm weighs only "
        "MPCR_i, about S_p / n_p, so it is above 0 wherever S_p passes 1, which depends on "
        "r, absorptive capacity and how fast the platforms close the gap.",
    ),
    "V14": Row(
        "V14",
        "proposition",
        "Ties move from trade to knowledge as absorptive capacity grows, when firms choose "
        "their knowledge ties.",
        "C-DYNAMIC-1; Cowan & Jonard 2004",
        "the opt-in tie choice (`tie_cost` 0): a firm searches with probability "
        "`tie_formation` and the technology tie forms only if each side would learn more "
        "per step with it than without it under the model's spillover rule (a new tie "
        "dilutes the others; clusternet.dynamics.evolution.tie_gain); ties decay "
        "(`tie_decay`); transaction ties do not change",
        "the same clusters and draws with training 0.04 (the top of its plausible range) "
        "and none, both under the tie choice at cost 0, over three network rounds",
        60,
        experiment=V14,
        not_by_construction="At cost 0 absorptive capacity is not an argument of the choice "
        "(it scales each side's gain, not its sign): a tie forms when each side's new "
        "partner leads it by more than its current partners do. Training raises "
        "absorptive capacity, so firms learn faster through the ties they have; that can "
        "make knowledge profiles more alike (fewer pairs in which each side leads somewhere, "
        "fewer ties) or spread them (faster learners pull ahead in different domains, more "
        "ties), so the sign is an outcome. V10 checks the default rule, where formation is "
        "proportional to absorptive capacity, as wiring. The trade side is fixed: "
        "transaction ties are not chosen in the model, so the share moves only with the "
        "technology ties.",
    ),
}
