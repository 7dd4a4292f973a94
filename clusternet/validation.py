"""The monograph's propositions as comparative statics with confidence intervals.

Each experiment states a claim (with its line in the source monograph's excerpt,
``shared/seed/README.md``, or a paper), the mechanism and parameters that carry
it, and two (or more) arms run on the same generated clusters with the same
seeds (common random numbers). The effect is the mean paired difference of an
outcome over replicates, with a 95 % t interval; an experiment *supports* its
claim when every interval it names lies on the claimed side of zero.

``run_experiment("V3", firms=600, reps=12, seed=1)`` returns an
:class:`ExperimentResult`; ``tests/test_validity.py`` runs every experiment at a
small size, and ``examples/validation_table.py`` writes ``docs/validation.md``
from larger runs.

References
----------
Zhang, Li, Liu & Li (2011), *Research on Industrial Cluster Upgrading*
(the claims each experiment tests are named by their identifiers in docs/claims.md). Tirole (1996) collective reputation; Tassey
(2005) generic technology; Cowan & Jonard (2004) knowledge diffusion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from clusternet._validate import check_int, seed_sequence
from clusternet.dynamics import simulate_upgrading
from clusternet.dynamics.model import DEFAULT_SPILLOVER
from clusternet.generate import generate_cluster
from clusternet.network import ClusterNetwork
from clusternet.spillover import run as run_spillover

__all__ = ["EXPERIMENTS", "Effect", "ExperimentResult", "paired_effect", "run_experiment"]


@dataclass(frozen=True)
class Effect:
    """Mean paired difference ``B - A`` over ``n`` replicates with its 95 % t interval."""

    name: str
    mean: float
    low: float
    high: float
    n: int
    sign: int  # the claimed sign: +1 or -1
    baseline: float = float("nan")  # mean outcome in arm A (for relative effects)

    @property
    def supported(self) -> bool:
        """The interval lies entirely on the claimed side of zero."""
        return bool(self.low > 0) if self.sign > 0 else bool(self.high < 0)

    @property
    def relative(self) -> float:
        """The effect relative to the baseline mean (NaN without a baseline)."""
        return self.mean / self.baseline if self.baseline else float("nan")


def paired_effect(name: str, differences, sign: int, baseline: float = float("nan")) -> Effect:
    """An :class:`Effect` from per-replicate paired differences (95 % t interval)."""
    d = np.asarray(differences, dtype=np.float64)
    n = d.size
    mean = float(d.mean())
    half = float(stats.t.ppf(0.975, n - 1) * d.std(ddof=1) / np.sqrt(n)) if n > 1 else np.inf
    return Effect(name, mean, mean - half, mean + half, n, sign, baseline)


@dataclass
class ExperimentResult:
    """One experiment's claim, design and measured effects."""

    key: str
    claim: str
    source: str
    mechanism: str
    design: str
    effects: list[Effect] = field(default_factory=list)

    @property
    def supported(self) -> bool:
        """Every effect of the experiment has its claimed sign with an interval excluding 0."""
        return all(e.supported for e in self.effects)

    def table(self) -> pd.DataFrame:
        """One row per effect: name, mean, interval, n, claimed sign and whether it holds."""
        return pd.DataFrame(
            [
                {
                    "experiment": self.key,
                    "effect": e.name,
                    "mean": e.mean,
                    "ci_low": e.low,
                    "ci_high": e.high,
                    "relative": e.relative,
                    "n": e.n,
                    "claimed_sign": e.sign,
                    "supported": e.supported,
                }
                for e in self.effects
            ]
        )


# ---------------------------------------------------------------------- helpers
def _replicate_seeds(seed, reps: int) -> list[int]:
    ss = seed_sequence(seed)
    return [int(s) for s in ss.generate_state(reps, dtype=np.uint32)]


def _cluster(firms: int, seed: int, **params) -> ClusterNetwork:
    return generate_cluster(firms, seed=seed, **params)


def _final(ts: pd.DataFrame, column: str) -> float:
    return float(ts[column].iloc[-1])


def _simulate(net, steps, seed, **params) -> pd.DataFrame:
    return simulate_upgrading(net, steps, seed=seed, **params).timeseries


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


# ---------------------------------------------------------------------- experiments
def _v1(firms, reps, seed, steps):
    """Proximity: tacit spillover falls with distance, codified much less."""
    tacit, codified, gap = [], [], []
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        near = _spillover_gain(net, steps, s, distance_scale=5.0)
        far = _spillover_gain(net, steps, s, distance_scale=0.5)
        # arm B - arm A: a shorter decay scale (distance matters more) minus a longer one
        tacit.append(far[0] - near[0])
        codified.append(far[1] - near[1])
        gap.append((far[0] - near[0]) - (far[1] - near[1]))
    return [
        paired_effect("tacit gain, decay scale 0.5 km - 5 km", tacit, -1),
        paired_effect("(tacit - codified) change in gain", gap, -1),
    ]


def _v2(firms, reps, seed, steps):
    """Social capital: removing social ties slows tacit diffusion more than codified."""
    tacit_rel, codified_rel, gap = [], [], []
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        without = net.subnetwork(layers=[x for x in net.layers if x != "social"])
        full_gain = _spillover_gain(net, steps, s)
        cut_gain = _spillover_gain(without, steps, s)
        rel = (cut_gain - full_gain) / full_gain
        tacit_rel.append(rel[0])
        codified_rel.append(rel[1])
        gap.append(rel[0] - rel[1])
    return [
        paired_effect("relative tacit gain without social ties", tacit_rel, -1),
        paired_effect("(tacit - codified) relative loss", gap, -1),
    ]


def _v3(firms, reps, seed, steps):
    """Squeeze: competition ties raise innovation (>= 10 % at defaults)."""
    diff, base = [], []
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        without = net.subnetwork(layers=[x for x in net.layers if x != "competition"])
        with_ts = _simulate(net, steps, s)
        without_ts = _simulate(without, steps, s)
        a = float(without_ts["innovations"].sum())
        diff.append(float(with_ts["innovations"].sum()) - a)
        base.append(a)
    rel = np.asarray(diff) / np.asarray(base)
    return [
        paired_effect(
            "innovations, with - without competition ties", diff, +1, float(np.mean(base))
        ),
        paired_effect("relative effect - 10 %", rel - 0.10, +1),
    ]


def _v5(firms, reps, seed, steps):
    """Common technology: funding and matching make platform contributions take off."""
    contrib, generic, smes = [], [], []
    sizes = {"size_median": 6.0, "size_tail_min": 50.0}  # the Taizhou case study's calibration
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s, preset="taizhou")
        base = _simulate(net, steps, s)
        policy = _simulate(net, steps, s, platform_subsidy=0.6, platform_funding=0.5)
        contrib.append(_final(policy, "contributors_share") - _final(base, "contributors_share"))
        generic.append(_final(policy, "knowledge_mean_0") - _final(base, "knowledge_mean_0"))
        mixed = _cluster(firms, s, preset="taizhou", size_tail_share=0.08, **sizes)
        sme = _cluster(firms, s, preset="taizhou", size_tail_share=0.02, **sizes)
        smes.append(
            _final(_simulate(sme, steps, s), "knowledge_mean_0")
            - _final(_simulate(mixed, steps, s), "knowledge_mean_0")
        )
    return [
        paired_effect("contributors' share, funded and matched - baseline", contrib, +1),
        paired_effect("generic knowledge (domain 0), funded and matched - baseline", generic, +1),
        paired_effect("generic knowledge, 2 % - 8 % large firms (more SMEs)", smes, -1),
    ]


def _v6(firms, reps, seed, steps):
    """Regional brand: free riding erodes reputation without governance; levers sustain it."""
    no_gov = {"monitoring": 0.0, "certification": 0.0, "own_brand_visibility": 0.0}
    erosion, monitoring, certification, coverage = [], [], [], []
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        ungoverned = _simulate(net, steps, s, **no_gov)
        base = _simulate(net, steps, s)
        erosion.append(_final(ungoverned, "reputation") - float(ungoverned["reputation"].iloc[0]))
        monitored = _simulate(net, steps, s, monitoring=0.6, penalty=0.4)
        monitoring.append(_final(monitored, "reputation") - _final(base, "reputation"))
        certified = _simulate(net, steps, s, certification=0.6)
        certification.append(_final(certified, "reputation") - _final(base, "reputation"))
        covered = _cluster(firms, s, association_membership=0.9)
        cov_ts = _simulate(covered, steps, s)
        coverage.append(_final(cov_ts, "high_quality_share") - _final(base, "high_quality_share"))
    return [
        paired_effect("reputation change without any governance", erosion, -1),
        paired_effect("reputation, monitoring 0.6 with penalty - baseline", monitoring, +1),
        paired_effect("reputation, certification 0.6 - baseline", certification, +1),
        paired_effect("high-quality share, association coverage 0.9 - 0.4", coverage, +1),
    ]


def _v7(firms, reps, seed, steps):
    """Two wheels: a technology policy moves the brand, a brand policy moves technology."""
    tech_on_brand, brand_on_tech = [], []
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        base = _simulate(net, steps, s)
        tech = _simulate(net, steps, s, platform_subsidy=0.6, platform_funding=0.5)
        brand = _simulate(net, steps, s, certification=0.6)
        tech_on_brand.append(
            _final(tech, "high_quality_share") - _final(base, "high_quality_share")
        )
        brand_on_tech.append(float(brand["innovations"].sum() - base["innovations"].sum()))
    return [
        paired_effect("high-quality share, platform policy - baseline", tech_on_brand, +1),
        paired_effect("innovations, certification policy - baseline", brand_on_tech, +1),
    ]


def _v4(firms, reps, seed, steps):
    """Imitation spreads knowledge but lowers returns; long-run knowledge is hump-shaped."""
    from clusternet.dynamics.model import DEFAULT_IMITATION

    def scaled(factor):
        return {k: min(1.0, v * factor) for k, v in DEFAULT_IMITATION.items()}

    innovations, rise, fall, hump_up, hump_down = [], [], [], [], []
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        none = _simulate(net, steps, s, imitation_rates=scaled(0.0))
        slow = _simulate(net, steps, s, imitation_rates=scaled(0.25))
        fast = _simulate(net, steps, s, imitation_rates=scaled(4.0))
        innovations.append(float(fast["innovations"].sum() - slow["innovations"].sum()))
        rise.append(_final(slow, "knowledge_gini") - _final(none, "knowledge_gini"))
        fall.append(_final(fast, "knowledge_mean") - _final(slow, "knowledge_mean"))
        # the whole hump where imitators copy most of an innovation (the plausible range's top)
        k = {
            f: _final(
                _simulate(net, steps, s, imitation_rates=scaled(f), imitation_gap=HUMP_GAP),
                "knowledge_mean",
            )
            for f in (0.0, 0.5, 4.0)
        }
        hump_up.append(k[0.5] - k[0.0])
        hump_down.append(k[4.0] - k[0.5])
    return [
        paired_effect("innovations, imitation x4 - x0.25", innovations, -1),
        paired_effect("knowledge Gini (spread), imitation x0.25 - none", rise, -1),
        paired_effect("long-run knowledge, imitation x4 - x0.25", fall, -1),
        paired_effect(
            f"hump, gap {HUMP_GAP}: long-run knowledge, imitation x0.5 - none", hump_up, +1
        ),
        paired_effect(
            f"hump, gap {HUMP_GAP}: long-run knowledge, imitation x4 - x0.5", hump_down, -1
        ),
    ]


#: The imitation gap at which V4 traces the whole hump (the top of its plausible range):
#: at the default 0.5 imitation adds little to what spillover already spreads, so only the
#: falling side is significant there.
HUMP_GAP = 0.75


def _v9(firms, reps, seed, steps):
    """Congestion: over-agglomeration raises costs; growth is hump-shaped in cluster size."""
    sizes = {"small": max(40, firms // 8), "mid": firms, "large": 4 * firms}
    rise, fall, cost = [], [], []
    for s in _replicate_seeds(seed, reps):
        nets = {label: _cluster(n, s) for label, n in sizes.items()}
        # one region: it hosts 1.5 times the mid-sized cluster's output without congestion
        mid_output = float(nets["mid"].column("size")[nets["mid"].tier_mask("core")].sum())
        params = {"growth": 0.05, "capacity": 1.5 * mid_output, "congestion_cost": 1.0}
        rate, mean_cost = {}, {}
        for label, net in nets.items():
            ts = _simulate(net, steps, s, **params)
            out = ts["total_output"].to_numpy()
            rate[label] = float(np.mean(out[1:] / out[:-1] - 1.0))  # mean growth per step
            mean_cost[label] = float(ts["congestion_unit_cost"].iloc[1:].mean())
        rise.append(rate["mid"] - rate["small"])
        fall.append(rate["large"] - rate["mid"])
        cost.append(mean_cost["large"] - mean_cost["mid"])
    return [
        paired_effect("output growth per step, mid-sized - small cluster", rise, +1),
        paired_effect("output growth per step, large - mid-sized cluster", fall, -1),
        paired_effect("congestion unit cost, large - mid-sized cluster", cost, +1),
    ]


def _v10(firms, reps, seed, steps):
    """The network evolves: knowledge ties gain on transaction ties as absorptive capacity grows."""
    drift, training, renewal = [], [], []
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        base = _simulate(net, steps, s)
        trained = _simulate(net, steps, s, training_rate=0.05)
        churn = _simulate(net, steps, s, exit_rate=0.03)
        renewal.append(_final(churn, "knowledge_mean") - _final(base, "knowledge_mean"))
        drift.append(
            _final(base, "knowledge_tie_share") - float(base["knowledge_tie_share"].iloc[0])
        )
        training.append(
            _final(trained, "knowledge_tie_share") - _final(base, "knowledge_tie_share")
        )
    return [
        paired_effect("knowledge-tie share, end - start (evolving network)", drift, +1),
        paired_effect("knowledge-tie share, training 0.05 - none", training, +1),
        paired_effect("mean knowledge, entry and exit (exit_rate 0.03) - none", renewal, +1),
    ]


#: The auxiliary roles V8 removes one at a time, and the outcome each acts on.
ROLE_OUTCOMES = {
    "government": ("knowledge_mean_0", "platform funding"),
    "association": ("high_quality_share", "monitoring"),
    "intermediary": ("knowledge_mean", "codified information"),
    "training": ("knowledge_mean", "absorptive capacity"),
    "finance": ("innovations", "sharing innovation cost"),
    "university": ("knowledge_mean", "frontier knowledge"),
}


def _v8(firms, reps, seed, steps):
    """Every auxiliary role acts: removing it changes an outcome."""
    diffs: dict[str, list[float]] = {role: [] for role in ROLE_OUTCOMES}
    for s in _replicate_seeds(seed, reps):
        net = _cluster(firms, s)
        base = _simulate(net, steps, s)
        for role, (outcome, _) in ROLE_OUTCOMES.items():
            roles = (role, "research_institute") if role == "university" else (role,)
            without = net.subnetwork(actors=~net.role_mask(*roles))
            ts = _simulate(without, steps, s)
            if outcome == "innovations":
                diffs[role].append(float(ts[outcome].sum() - base[outcome].sum()))
            else:
                diffs[role].append(_final(ts, outcome) - _final(base, outcome))
    return [
        paired_effect(f"{ROLE_OUTCOMES[r][0]} without {r} ({ROLE_OUTCOMES[r][1]})", d, -1)
        for r, d in diffs.items()
    ]


@dataclass(frozen=True)
class _Spec:
    claim: str
    source: str
    mechanism: str
    design: str
    run: Callable
    steps: int


#: The experiments, by key.
EXPERIMENTS: dict[str, _Spec] = {
    "V1": _Spec(
        "Tacit spillover falls with distance; codified knowledge much less.",
        "C-SPILL-1, C-TACIT-1",
        "spillover gap rule with distance decay g = (1 - tau) + tau exp(-d / lambda) on "
        "face-to-face layers (`spillover`, `distance_scale`)",
        "one tacit (tau = 1) and one codified (tau = 0) domain; decay scale 0.5 km vs 5 km",
        _v1,
        10,
    ),
    "V2": _Spec(
        "Social capital speeds learning: removing social ties slows tacit diffusion more "
        "than codified.",
        "C-NET-1, C-SOCIAL-1",
        "tacit knowledge flows only over face-to-face layers (social, technology, service)",
        "the same cluster with and without its social layer; relative change in gain",
        _v2,
        10,
    ),
    "V3": _Spec(
        "Squeeze effect: rivals' innovations raise a firm's innovation hazard; a cluster with "
        "its competition ties innovates clearly more (>= 10 %).",
        "C-SQUEEZE-1",
        "hazard x (1 + squeeze * share of competitors that innovated in the last `memory` "
        "steps); `squeeze` = 3",
        "the same cluster with and without its competition layer, same seeds",
        _v3,
        30,
    ),
    "V4": _Spec(
        "Imitation spreads knowledge but lowers the innovator's returns; with innovation "
        "costly, long-run knowledge is hump-shaped in the imitation rate.",
        "C-IMIT-1, C-SQUEEZE-1",
        "hazard x clip((A - c) / (1 - c), 0, 1), appropriability A = exp(-omega x expected "
        "imitators), cost c = `innovation_cost`; imitation over technology, transaction, social",
        "imitation rates x0, x0.25 and x4 (of the defaults) on the same clusters, 60 steps; "
        "the hump: x0, x0.5 and x4 with imitators closing 75 % of the gap (`imitation_gap` "
        "0.75, the top of its plausible range; at the default 0.5 the rising side is not "
        "significant, see docs/validation.md)",
        _v4,
        60,
    ),
    "V5": _Spec(
        "Generic technology is under-supplied without a platform, the more so the higher the "
        "SME share; funding and matching move the contribution game into a regime where "
        "contributions take off.",
        "C-GENERIC-1; Tassey 2005",
        "platform public-goods game with a club share (`platform_excludable`), subsidy and funding",
        "Taizhou preset; baseline (funding 0.2 per member, no matching) vs matching 0.6 and "
        "funding 0.5 per member; and, at the baseline policy, a cluster with 2 % large firms vs "
        "8 % (Wenling's share above designated size; the same seed, so the same draws but not "
        "the same network): SMEs' lower absorptive capacity lowers their private return to "
        "contributing",
        _v5,
        30,
    ),
    "V6": _Spec(
        "Free riding erodes the regional brand without governance; monitoring with penalties, "
        "certification and association coverage sustain it.",
        "C-BRAND-1, C-SPEC-1",
        "logit quality choice on premium x visibility - quality cost + expected penalty; "
        "collective reputation R (Tirole 1996)",
        "no governance (no monitoring, certification or own brands) vs baseline; each lever "
        "vs baseline; association membership 0.9 vs 0.4",
        _v6,
        30,
    ),
    "V7": _Spec(
        "The two wheels are coupled: knowledge makes quality cheaper and reputation raises the "
        "return to innovation, so each wheel's policy moves the other wheel.",
        "C-WHEELS-1",
        "quality cost / (1 + quality_learning * kbar); hazard x (1 + reputation_innovation * R)",
        "platform policy (technology) and certification (brand) vs baseline",
        _v7,
        30,
    ),
    "V8": _Spec(
        "Every auxiliary role acts: government funds platforms, associations monitor, "
        "intermediaries carry codified information, training raises absorptive capacity, "
        "finance shares innovation cost, universities and institutes are knowledge sources.",
        "C-ACTORS-1, C-TIERS-1, C-SUPPORT-1",
        "platform funding needs a local government; association members are monitored; "
        "intermediaries keep the codified part of the firms' frontier; firms tied to training gain "
        "absorptive capacity; firms tied to finance bear part of the innovation cost; "
        "universities and institutes start at the frontier",
        "the same cluster with and without all actors of one role",
        _v8,
        30,
    ),
    "V9": _Spec(
        "External diseconomies of over-agglomeration raise costs; a cluster should keep a "
        "moderate size: with congestion, growth is hump-shaped in cluster size.",
        "C-CONGEST-1; Henderson 1974",
        "congestion cost x max(0, Y / capacity - 1) on margins; the regional premium scales with "
        "1 + agglomeration x ln(Y / scale); output grows with margins (`growth`)",
        "clusters of an eighth, one and four times the base size in one region that hosts 1.5 "
        "times the base cluster's output; growth 0.05, congestion cost 1",
        _v9,
        20,
    ),
    "V10": _Spec(
        "Cluster structure is dynamic: ties move from trade-based to knowledge-based, the more "
        "so as absorptive capacity grows; firms enter and exit, and selection with spin-offs "
        "renews the cluster's knowledge.",
        "C-DYNAMIC-1; Klepper 2007 (spin-offs); Nelson & Winter 1982 (selection)",
        "every `network_every` steps technology ties decay (`tie_decay`) and form with "
        "probability `tie_formation` x absorptive capacity, by triadic closure or attraction "
        "to knowledge holders and innovators with proximity (`dynamics.evolution`); lagging "
        "firms exit with probability `exit_rate` and spin-offs of successful firms take their "
        "places (`dynamics.turnover`)",
        "the knowledge-tie share (technology / (technology + transaction) among firms) over "
        "the run; training 0.05 vs none; mean knowledge with entry and exit (`exit_rate` 0.03) "
        "vs a fixed population",
        _v10,
        60,
    ),
}


def run_experiment(key: str, firms: int = 600, reps: int = 12, seed=1) -> ExperimentResult:
    """Run experiment ``key`` (see :data:`EXPERIMENTS`) on ``reps`` clusters of ``firms`` firms."""
    if key not in EXPERIMENTS:
        raise ValueError(f"unknown experiment {key!r}; known: {', '.join(EXPERIMENTS)}")
    firms = check_int("firms", firms, minimum=50)
    reps = check_int("reps", reps, minimum=2)
    spec = EXPERIMENTS[key]
    effects = spec.run(firms, reps, seed, spec.steps)
    return ExperimentResult(key, spec.claim, spec.source, spec.mechanism, spec.design, effects)


# ---------------------------------------------------------------------- a population of clusters
#: Ranges of the generator parameters over which the readiness index is checked:
#: SME share (through the median firm size), institution density, openness,
#: association coverage, platform hub share, specialisation, and the firm-level
#: inputs the monograph names (R&D, quality) and tie densities.
POPULATION_RANGES: dict[str, tuple[float, float]] = {
    "size_median": (3.0, 30.0),
    "auxiliary_density": (0.3, 3.0),
    "openness": (0.0, 0.3),
    "association_membership": (0.05, 0.95),
    "hub_share": (0.0, 0.9),
    "n_specialisations": (1, 20),
    "rd_mean": (0.003, 0.05),
    "knowledge_tie_prob": (0.02, 0.4),
    "quality_mean": (0.3, 0.85),
    "transaction_degree": (1.0, 6.0),
    "technology_degree": (0.5, 3.0),
    "competition_degree": (0.5, 4.0),
}

#: Outcomes of a simulated cluster that each readiness wheel claims to predict.
WHEEL_OUTCOMES = {
    "technology": ("knowledge_growth", "innovations_per_firm"),
    "brand": ("reputation_change", "high_quality_change"),
}


def population_designs(n: int, seed=None) -> list[dict]:
    """``n`` generator parameter sets, a scrambled Latin hypercube over :data:`POPULATION_RANGES`."""
    from scipy.stats import qmc

    n = check_int("n", n, minimum=2)
    ss = seed_sequence(seed)
    sampler = qmc.LatinHypercube(d=len(POPULATION_RANGES), rng=np.random.default_rng(ss))
    unit = sampler.random(n)
    designs = []
    for row in unit:
        point = {}
        for (name, (lo, hi)), u in zip(POPULATION_RANGES.items(), row, strict=True):
            value = lo + (hi - lo) * float(u)
            point[name] = round(value) if name == "n_specialisations" else value
        designs.append(point)
    return designs


def population_task(firms: int, steps: int, seed: int, **params) -> dict:
    """One cluster of the population: readiness at t = 0 and upgrading after ``steps`` steps.

    Generates a cluster with ``params``, scores its readiness, simulates it with
    the default (no-policy) model and returns the components, the wheels and the
    outcomes: ``knowledge_growth`` (mean firm knowledge, end − start),
    ``innovations_per_firm``, ``reputation_change``, ``high_quality_change``.
    """
    from clusternet.measures import upgrading_readiness

    net = generate_cluster(firms, seed=seed, **params)
    r = upgrading_readiness(net, seed=seed)
    ts = _simulate(net, steps, seed)
    first, last = ts.iloc[0], ts.iloc[-1]
    out = {f"raw:{k}": float(v) for k, v in r.components["raw"].items()}
    out.update({f"norm:{k}": float(v) for k, v in r.components["normalized"].items()})
    out.update(technology=r.technology, brand=r.brand, overall=r.overall)
    out.update(
        knowledge_growth=float(last["knowledge_mean"] - first["knowledge_mean"]),
        innovations_per_firm=float(ts["innovations"].sum()) / firms,
        reputation_change=float(last["reputation"] - first["reputation"]),
        high_quality_change=float(last["high_quality_share"] - first["high_quality_share"]),
    )
    return out


def population_study(
    n: int = 200, firms: int = 800, steps: int = 30, seed=None, workers: int | None = None
) -> pd.DataFrame:
    """Readiness and simulated upgrading over ``n`` generated clusters (through :func:`cn.sweep`)."""
    from clusternet.ensemble import sweep

    designs = population_designs(n, seed)
    grid = [{**d, "firms": firms, "steps": steps} for d in designs]
    table = sweep(population_task, grid, seed=seed, workers=workers, progress=False)
    failed = table[table["status"] != "ok"]
    if len(failed):
        raise RuntimeError(f"{len(failed)} population tasks failed:\n{failed['error'].iloc[0]}")
    return table


def discrimination(table: pd.DataFrame, tolerance: float = 0.02) -> pd.DataFrame:
    """Per component: normalised spread and the share of clusters within ``tolerance`` of a goalpost."""
    rows = []
    for col in [c for c in table.columns if c.startswith("norm:")]:
        v = table[col].dropna().to_numpy()
        rows.append(
            {
                "component": col[5:],
                "clusters": v.size,
                "normalized_sd": float(v.std(ddof=1)) if v.size > 1 else float("nan"),
                "share_at_low_goalpost": float(np.mean(v <= tolerance)),
                "share_at_high_goalpost": float(np.mean(v >= 1 - tolerance)),
                "min": float(v.min()),
                "max": float(v.max()),
            }
        )
    return pd.DataFrame(rows).set_index("component")


def _spearman_ci(x, y, seed: int = 0, boot: int = 2000) -> tuple[float, float, float]:
    """Spearman's rho with a 95 % bootstrap (percentile) interval."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    rho = float(stats.spearmanr(x, y).statistic)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(boot, x.size))
    rx = stats.rankdata(x[idx], axis=1)
    ry = stats.rankdata(y[idx], axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    r = (rx * ry).sum(axis=1) / np.sqrt((rx**2).sum(axis=1) * (ry**2).sum(axis=1))
    low, high = np.quantile(r[np.isfinite(r)], [0.025, 0.975])
    return rho, float(low), float(high)


def combined_outcome(table: pd.DataFrame) -> np.ndarray:
    """Mean of the outcome ranks (scaled to [0, 1]) of both wheels: upgrading overall."""
    cols = [c for outs in WHEEL_OUTCOMES.values() for c in outs]
    ranks = np.column_stack([stats.rankdata(table[c]) / len(table) for c in cols])
    return ranks.mean(axis=1)


def predictive_validity(table: pd.DataFrame) -> pd.DataFrame:
    """Spearman's rho (95 % bootstrap interval) of readiness at t = 0 with simulated upgrading."""
    rows = []
    for wheel, outcomes in WHEEL_OUTCOMES.items():
        for outcome in outcomes:
            rho, lo, hi = _spearman_ci(table[wheel], table[outcome])
            rows.append(
                {"index": wheel, "outcome": outcome, "rho": rho, "ci_low": lo, "ci_high": hi}
            )
    rho, lo, hi = _spearman_ci(table["overall"], combined_outcome(table))
    rows.append(
        {"index": "overall", "outcome": "combined", "rho": rho, "ci_low": lo, "ci_high": hi}
    )
    return pd.DataFrame(rows)


def calibrate_readiness_weights(table: pd.DataFrame, decimals: int = 1) -> dict[str, float]:
    """Component weights under which each readiness wheel best predicts its upgrading.

    For each wheel, non-negative least squares of the mean rank of the wheel's
    outcomes (:data:`WHEEL_OUTCOMES`) on the centred normalised components
    (``norm:`` columns of a :func:`population_study` table), the weights scaled
    to sum to 1 and rounded to ``decimals``. Non-negative because every
    component is oriented so that more is better; a component that would need a
    negative weight gets 0. This is how :data:`clusternet.measures.READINESS_WEIGHTS`
    was set; recalibrate when the dynamics' parameters change, and always judge
    the weights on a population they were not fitted on.
    """
    from scipy.optimize import nnls

    from clusternet.measures import READINESS_COMPONENTS

    weights: dict[str, float] = {}
    for wheel, outcomes in WHEEL_OUTCOMES.items():
        names = [k for k, spec in READINESS_COMPONENTS.items() if spec.wheel == wheel]
        x = table[[f"norm:{k}" for k in names]].to_numpy(dtype=np.float64)
        keep = np.isfinite(x).all(axis=1)
        target = np.mean([stats.rankdata(table[o]) / len(table) for o in outcomes], axis=0)
        x, target = x[keep], target[keep]
        if x.shape[0] < len(names) + 2:
            raise ValueError(
                f"calibrating the {wheel} wheel needs more than {len(names) + 1} complete "
                f"clusters, got {x.shape[0]}"
            )
        w, _ = nnls(x - x.mean(axis=0), target - target.mean())
        if w.sum() <= 0:
            raise ValueError(f"no component predicts the {wheel} wheel's outcomes")
        w = np.round(w / w.sum(), decimals)
        weights.update(zip(names, (float(v) for v in w), strict=True))
    return weights


#: Population inputs and the outcomes the monograph says they raise (C-WHEELS-1,
#: C-BRAND-1; docs/claims.md): R&D raises innovation, association coverage holds the brand.
INPUT_CLAIMS = (
    ("rd_mean", "innovations_per_firm"),
    ("rd_mean", "knowledge_growth"),
    ("knowledge_tie_prob", "knowledge_growth"),
    ("association_membership", "reputation_change"),
    ("association_membership", "high_quality_change"),
)


def input_effects(table: pd.DataFrame) -> pd.DataFrame:
    """Spearman's rho (95 % bootstrap interval) of each population input with its claimed outcome."""
    rows = []
    for name, outcome in INPUT_CLAIMS:
        rho, lo, hi = _spearman_ci(table[name], table[outcome])
        rows.append({"input": name, "outcome": outcome, "rho": rho, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------- parameter sensitivity
SOBOL_OUTPUTS = ("knowledge_growth", "innovations_per_firm", "high_quality_share", "reputation")


def sobol_task(net: ClusterNetwork, steps: int, seed: int, **params) -> dict:
    """One simulation for the Sobol analysis: the main outputs after ``steps`` steps."""
    ts = _simulate(net, steps, seed, **params)
    first, last = ts.iloc[0], ts.iloc[-1]
    firms = int(net.tier_mask("core").sum())
    return {
        "knowledge_growth": float(last["knowledge_mean"] - first["knowledge_mean"]),
        "innovations_per_firm": float(ts["innovations"].sum()) / firms,
        "high_quality_share": float(last["high_quality_share"]),
        "reputation": float(last["reputation"]),
    }


def sobol_analysis(
    n: int = 32, firms: int = 400, steps: int = 30, seed=None, workers: int | None = None
) -> pd.DataFrame:
    """First-order and total Sobol indices of the main outputs over the plausible ranges.

    Saltelli sampling (SALib) of every parameter with a plausible range
    (:data:`clusternet.dynamics.parameters.PLAUSIBLE`), ``n * (2 d + 2)``
    simulations of one generated cluster through :func:`cn.sweep` (each with its
    own seed, so simulation noise is part of the unexplained variance). Returns
    one row per (output, parameter) with ``S1``, ``S1_conf``, ``ST``, ``ST_conf``.

    References
    ----------
    Saltelli, A., et al. (2010). Variance based sensitivity analysis of model output.
    *Computer Physics Communications* 181:259–270. Herman & Usher (2017), SALib.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    from clusternet.dynamics.parameters import PLAUSIBLE
    from clusternet.ensemble import sweep

    n = check_int("n", n, minimum=2)
    names = list(PLAUSIBLE)
    problem = {"num_vars": len(names), "names": names, "bounds": [PLAUSIBLE[k] for k in names]}
    ss = seed_sequence(seed)
    sample_seed = int(ss.generate_state(1, dtype=np.uint32)[0])
    x = sobol_sample.sample(problem, n, calc_second_order=False, seed=sample_seed)
    net = _cluster(firms, sample_seed)
    grid = [{**dict(zip(names, map(float, row), strict=True)), "steps": steps} for row in x]
    table = sweep(sobol_task, grid, seed=seed, shared={"net": net}, workers=workers, progress=False)
    if (table["status"] != "ok").any():
        raise RuntimeError(table.loc[table["status"] != "ok", "error"].iloc[0])
    rows = []
    for output in SOBOL_OUTPUTS:
        y = table[output].to_numpy(dtype=np.float64)
        res = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=sample_seed)
        for k, name in enumerate(names):
            rows.append(
                {
                    "output": output,
                    "parameter": name,
                    "S1": float(res["S1"][k]),
                    "S1_conf": float(res["S1_conf"][k]),
                    "ST": float(res["ST"][k]),
                    "ST_conf": float(res["ST_conf"][k]),
                }
            )
    return pd.DataFrame(rows)
