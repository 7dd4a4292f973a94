"""Wiring checks: a lever moves its own target. Unit tests of mechanisms, not validation.

Each holds by construction — a switch or a term adds to the outcome it is
checked on — so a pass says the mechanism is wired, not that the model is
valid (docs/validation.md separates them from the propositions).
"""

from __future__ import annotations

import numpy as np

from clusternet.dynamics.parameters_technology import DEFAULT_SPILLOVER
from clusternet.experiments import Arm, Claim, Experiment
from clusternet.generate import generate_cluster
from clusternet.network import ClusterNetwork
from clusternet.spillover import run as run_spillover
from clusternet.validation.propositions import SME_PAIR
from clusternet.validation.rows import Row, paired_effect, replicate_seeds

__all__ = ["ROLE_OUTCOMES", "WIRING"]


def _spillover_gain(net: ClusterNetwork, steps: int, seed: int, **kwargs) -> np.ndarray:
    """Mean knowledge gain of core firms per domain (domain 0 tacit, domain 1 codified)."""
    rng = np.random.default_rng(seed)
    n = net.n_actors
    k0 = np.zeros((n, 2))
    firms = net.tier_mask("core")
    k0[firms] = 0.2 + 0.3 * rng.random((int(firms.sum()), 2))
    holders = net.role_mask("university", "research_institute", "platform") | net.tier_mask(
        "external"
    )
    k0[holders] = 1.0
    rates = {k: v for k, v in DEFAULT_SPILLOVER.items() if k in net.layers}
    res = run_spillover(net, k0, steps, tacitness=[1.0, 0.0], layer_rates=rates, **kwargs)
    return (res.final[firms] - k0[firms]).mean(axis=0)


def _v1(firms, reps, seed, steps):
    """Proximity: tacit spillover falls with distance, codified does not."""
    tacit, gap = [], []
    for s in replicate_seeds(seed, reps):
        net = generate_cluster(firms, seed=s)
        near = _spillover_gain(net, steps, s, distance_scale=5.0)
        far = _spillover_gain(net, steps, s, distance_scale=0.5)
        tacit.append(far[0] - near[0])
        gap.append((far[0] - near[0]) - (far[1] - near[1]))
    return [
        paired_effect("tacit gain, decay scale 0.5 km - 5 km", tacit, -1),
        paired_effect("(tacit - codified) change in gain", gap, -1),
    ]


def _v2(firms, reps, seed, steps):
    """Social capital: removing social ties slows tacit diffusion more than codified."""
    tacit_rel, gap = [], []
    for s in replicate_seeds(seed, reps):
        net = generate_cluster(firms, seed=s)
        without = net.subnetwork(layers=[x for x in net.layers if x != "social"])
        full_gain = _spillover_gain(net, steps, s)
        rel = (_spillover_gain(without, steps, s) - full_gain) / full_gain
        tacit_rel.append(rel[0])
        gap.append(rel[0] - rel[1])
    return [
        paired_effect("relative tacit gain without social ties", tacit_rel, -1),
        paired_effect("(tacit - codified) relative loss", gap, -1),
    ]


#: The auxiliary roles V8 removes one at a time, and the outcome each acts on.
ROLE_OUTCOMES = {
    "government": ("knowledge_mean_0", "platform funding"),
    "association": ("high_quality_share", "monitoring"),
    "intermediary": ("knowledge_mean", "codified information"),
    "training": ("knowledge_mean", "absorptive capacity"),
    "finance": ("innovations_total", "sharing innovation cost"),
    "university": ("knowledge_mean", "frontier knowledge"),
}

V6 = Experiment(
    "V6",
    kind="wiring",
    arms=(
        Arm("baseline", "default governance"),
        Arm(
            "ungoverned",
            "no monitoring, certification or own brands",
            {"monitoring": 0.0, "certification": 0.0, "own_brand_visibility": 0.0},
        ),
        Arm("monitored", "monitoring 0.6 with penalty 0.4", {"monitoring": 0.6, "penalty": 0.4}),
        Arm("certified", "certification 0.6", {"certification": 0.6}),
        Arm("covered", "association membership 0.9", generator={"association_membership": 0.9}),
    ),
    outcomes=("reputation", "reputation_change", "high_quality_share"),
    claims=(
        Claim(
            "reputation change without any governance",
            "C-BRAND-1",
            "ungoverned",
            "reputation_change",
            -1,
            absolute=True,
        ),
        Claim("reputation, monitoring 0.6 with penalty - baseline", "C-SPEC-1", "monitored",
              "reputation", +1),
        Claim("reputation, certification 0.6 - baseline", "C-SPEC-1", "certified",
              "reputation", +1),
        Claim("high-quality share, association coverage 0.9 - 0.4", "C-SPEC-1", "covered",
              "high_quality_share", +1),
    ),
)  # fmt: skip

V8 = Experiment(
    "V8",
    kind="wiring",
    arms=(
        Arm("baseline", "every role present"),
        *(
            Arm(
                f"without_{role}",
                f"the same cluster without its {role} actors",
                drop_roles=(role, "research_institute") if role == "university" else (role,),
            )
            for role in ROLE_OUTCOMES
        ),
    ),
    outcomes=tuple(dict.fromkeys(o for o, _ in ROLE_OUTCOMES.values())),
    claims=tuple(
        Claim(
            f"{o} without {r} ({what})", "C-ACTORS-1, C-TIERS-1, C-SUPPORT-1", f"without_{r}", o, -1
        )
        for r, (o, what) in ROLE_OUTCOMES.items()
    ),
)

V10 = Experiment(
    "V10",
    kind="wiring",
    arms=(
        Arm("baseline", "evolving network, training switched off (0), fixed population",
            {"training_rate": 0.0}),
        Arm("trained", "training 0.04 (the top of its plausible range)",
            {"training_rate": 0.04}),
        Arm("churn", "entry and exit, exit_rate 0.03", {"exit_rate": 0.03}),
    ),
    outcomes=("knowledge_tie_share_change", "knowledge_tie_share", "knowledge_mean"),
    claims=(
        Claim("knowledge-tie share, end - start (evolving network)", "C-DYNAMIC-1",
              "baseline", "knowledge_tie_share_change", +1, absolute=True),
        Claim("knowledge-tie share, training 0.04 - none", "C-DYNAMIC-1", "trained",
              "knowledge_tie_share", +1),
        Claim("mean knowledge, entry and exit (exit_rate 0.03) - none",
              "Klepper 2007; Nelson & Winter 1982", "churn", "knowledge_mean", +1),
    ),
)  # fmt: skip

#: The wiring checks, by key.
#: The region's capacity in V9: output (employees) it hosts without congestion per firm of the
#: base cluster, 1.5 times the generated clusters' mean firm size (about 20 employees;
#: median over 40 generated clusters of 400 firms 19.0, mean 21.7). A design setting of
#: this wiring check, not a sourced value: it places the base cluster below capacity and
#: one four times its size above it, so the check sees both sides of the margin formula.
V9_CAPACITY_PER_FIRM = 30.0

#: Output growth per step per unit of margin in V9 (``growth`` is off by default). A design
#: setting (assumed): at margins of about 0.2 a firm grows about 1 % a quarter, 4 % a year.
V9_GROWTH = 0.05

_REGION = {"growth": V9_GROWTH}
_CAPACITY = {"capacity": V9_CAPACITY_PER_FIRM}

V9 = Experiment(
    "V9",
    kind="wiring",
    arms=(
        Arm("mid", "the base cluster in a region that hosts 1.5 times its expected output",
            _REGION, per_base_firm=_CAPACITY),
        Arm("small", "an eighth of the firms, the same region", _REGION, firms_factor=0.125,
            per_base_firm=_CAPACITY),
        Arm("large", "four times the firms, the same region", _REGION, firms_factor=4.0,
            per_base_firm=_CAPACITY),
    ),
    outcomes=("total_output_growth", "congestion_unit_cost_total"),
    claims=(
        Claim("output growth per step, mid-sized - small cluster", "C-CONGEST-1, C-MARKET-1",
              "mid", "total_output_growth", +1, reference="small"),
        Claim("output growth per step, large - mid-sized cluster", "C-CONGEST-1; Henderson 1974",
              "large", "total_output_growth", -1),
    ),
)  # fmt: skip


#: V11's two pasts: the collective reputation buyers remember at the start (Tirole 1996's
#: comparison of two otherwise identical groups; tests/test_dynamics_brand.py uses the same).
GOOD_PAST, BAD_PAST = 0.9, 0.1

_FROZEN = {"revision_rate": 0.0}  # no firm revises a choice (quality, membership, contribution)

V11 = Experiment(
    "V11",
    kind="wiring",
    arms=(
        Arm("bad_past", f"the generated cluster, buyers remembering R = {BAD_PAST}",
            {"initial_reputation": BAD_PAST}),
        Arm("good_past", f"the same cluster, buyers remembering R = {GOOD_PAST}",
            {"initial_reputation": GOOD_PAST}),
        Arm("bad_past_frozen", "bad past, no firm revises a choice",
            {"initial_reputation": BAD_PAST, **_FROZEN}),
        Arm("good_past_frozen", "good past, no firm revises a choice",
            {"initial_reputation": GOOD_PAST, **_FROZEN}),
    ),
    outcomes=("reputation", "high_quality_share"),
    claims=(
        Claim("reputation, good - bad past, less the same gap with no firm revising",
              "C-BRAND-1; Tirole 1996", "good_past", "reputation", +1,
              minus=("good_past_frozen", "bad_past_frozen")),
        Claim("high-quality share, good - bad past", "C-BRAND-1; Tirole 1996", "good_past",
              "high_quality_share", +1),
    ),
)  # fmt: skip

_MIXED, _SME = SME_PAIR

V15 = Experiment(
    "V15",
    kind="wiring",
    generator={"preset": "taizhou"},
    arms=(
        _MIXED,
        _SME,
        Arm("mixed_held", "8 % large firms, the platforms producing the 8 % cluster's output",
            generator=_MIXED.generator, hold_output_of="mixed"),
        Arm("sme_held", "2 % large firms, the platforms producing the 8 % cluster's output",
            generator=_SME.generator, hold_output_of="mixed"),
    ),
    outcomes=("knowledge_mean_0", "innovations_total"),
    claims=(
        Claim("generic knowledge, more SMEs - fewer, with the platforms producing the 8 % "
              "cluster's output in both (composition)", "C-GENERIC-1; Cohen & Levinthal 1990",
              "sme_held", "knowledge_mean_0", -1, reference="mixed_held"),
        Claim("generic knowledge, more SMEs - fewer, less the same with the platforms "
              "producing the 8 % cluster's output (provision)", "C-GENERIC-1", "sme",
              "knowledge_mean_0", -1, reference="mixed", minus=("sme_held", "mixed_held")),
        Claim("innovations, more SMEs - fewer, less the same with the platforms producing "
              "the 8 % cluster's output", "C-GENERIC-1", "sme", "innovations_total", -1,
              reference="mixed", minus=("sme_held", "mixed_held")),
    ),
)  # fmt: skip


WIRING: dict[str, Row] = {
    "V1": Row(
        "V1",
        "wiring",
        "Tacit spillover falls with distance; codified knowledge does not.",
        "C-SPILL-1, C-TACIT-1",
        "spillover gap rule with distance decay g = (1 - tau) + tau exp(-d / lambda) on "
        "face-to-face layers (`spillover`, `distance_scale`)",
        "one tacit (tau = 1) and one codified (tau = 0) domain; decay scale 0.5 km vs 5 km. "
        "By construction: the codified domain's decay factor is exactly 1, so its difference is 0",
        10,
        run=_v1,
    ),
    "V2": Row(
        "V2",
        "wiring",
        "Removing social ties slows tacit diffusion more than codified.",
        "C-NET-1, C-SOCIAL-1",
        "tacit knowledge flows only over face-to-face layers (social, technology, service)",
        "the same cluster with and without its social layer; relative change in gain. "
        "By construction: the social layer carries tacit knowledge by definition",
        10,
        run=_v2,
    ),
    "V6": Row(
        "V6",
        "wiring",
        "Free riding erodes the regional brand without governance; monitoring with penalties, "
        "certification and association coverage sustain it.",
        "C-BRAND-1, C-SPEC-1",
        "logit quality choice on premium x visibility - quality cost + expected penalty; "
        "collective reputation R (Tirole 1996)",
        "no governance vs baseline; each lever vs baseline; association membership 0.9 vs 0.4. "
        "By construction: each lever is a term of the quality payoff",
        30,
        experiment=V6,
    ),
    "V8": Row(
        "V8",
        "wiring",
        "Every auxiliary role acts: removing it lowers the outcome its switch feeds.",
        "C-ACTORS-1, C-TIERS-1, C-SUPPORT-1",
        "platform funding needs a local government; association members are monitored; "
        "intermediaries keep the codified part of the firms' frontier; firms tied to training gain "
        "absorptive capacity; firms tied to finance bear part of the innovation cost; "
        "universities and institutes start at the frontier",
        "the same cluster with and without all actors of one role. By construction: each role "
        "is a switch on its own outcome",
        30,
        experiment=V8,
    ),
    "V9": Row(
        "V9",
        "wiring",
        "External diseconomies of over-agglomeration raise costs; with congestion, growth is "
        "hump-shaped in cluster size.",
        "C-CONGEST-1; Henderson 1974",
        "congestion cost x max(0, Y / capacity - 1) on margins; the regional premium scales with "
        "1 + agglomeration x ln(Y / scale); output grows with margins (`growth`)",
        "clusters of an eighth, one and four times the base size in one region that hosts 30 "
        "employees' output per base firm; growth 0.05; congestion cost, agglomeration and "
        "scale at their defaults. By construction: growth is growth x margin and the margin "
        "is P (1 + agglomeration ln(Y / scale)) v - c max(0, Y / capacity - 1), a hump in Y; "
        "the falling side holds with no firm revising a choice (tests/test_validity.py). The "
        "check passes when each interval lies on its claimed side of zero",
        20,
        experiment=V9,
    ),
    "V10": Row(
        "V10",
        "wiring",
        "Ties move from trade-based to knowledge-based as absorptive capacity grows; entry and "
        "exit with spin-offs renew the cluster's knowledge.",
        "C-DYNAMIC-1; Klepper 2007; Nelson & Winter 1982",
        "technology ties decay (`tie_decay`) and form with probability `tie_formation` x "
        "absorptive capacity; lagging firms exit (`exit_rate`), spin-offs of successful firms "
        "take their places",
        "the knowledge-tie share over the run; training 0.04 (the top of its plausible "
        "range) vs none; mean knowledge with entry "
        "and exit vs a fixed population. By construction: formation is proportional to "
        "absorptive capacity and exit removes the lowest knowledge",
        60,
        experiment=V10,
    ),
    "V11": Row(
        "V11",
        "wiring",
        "A good past keeps the brand's reputation up through firms' quality choices (the "
        "channel of Tirole's history dependence): its size.",
        "C-BRAND-1; Tirole 1996",
        "a caught member loses the regional name, worth more when R is high (L_i); the "
        "quality choice a logit best response; R_{t+1} = lambda R_t + (1 - lambda) mean "
        "quality",
        f"the same cluster and draws with initial reputation {GOOD_PAST} and {BAD_PAST}, with "
        "firms' choices and with no firm revising a choice (revision rate 0); the difference "
        "in differences of the reputation after the run, against an initial gap of "
        f"{GOOD_PAST - BAD_PAST:.1f}. By construction: every firm's quality gain rises weakly "
        "with R, so a good past raises quality; the check passes when each interval lies "
        "above zero, and its size is how much of the gap the choices keep. History "
        "dependence proper needs two stable reputations, which the "
        "mean field finds at few plausible points (tests/test_dynamics_brand.py)",
        20,
        experiment=V11,
    ),
    "V15": Row(
        "V15",
        "wiring",
        "The SME gradient of generic knowledge splits into composition (lower absorptive "
        "capacity at the same platform output) and provision (V13's gradient, carried to "
        "knowledge and applied innovation).",
        "C-GENERIC-1",
        "a catchment firm gains platform_knowledge a ((1 - phi) O_p / n_p + phi O_p / n_m "
        "[member]) generic knowledge, capped at the frontier (clusternet.dynamics.platform)",
        "V13's pair, each with its platforms' own output and with the platforms producing, "
        "step by step, the 8 % cluster's output per catchment firm (`Arm.hold_output_of`); "
        "the provision claims are differences in differences. By construction: knowledge "
        "gained is proportional to absorptive capacity at a given output (the composition "
        "claim) and increasing in output, so the provision claims have the sign of V13's "
        "gradient; their size is the check. Membership still responds to the held output, "
        "fees are paid but produce nothing, and with the preset's two hubs the held arms "
        "also even out the output between them, so the provision claims include that "
        "allocation",
        30,
        experiment=V15,
    ),
}
