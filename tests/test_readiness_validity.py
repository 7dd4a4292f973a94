"""Readiness: weights, its one high-quality definition, and its dynamic validity checks.

References are closed forms (a reputation that decays geometrically when no firm
may revise its quality; no catch-up when no channel carries knowledge), hand
computations and scipy.
"""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import clusternet as cn
from clusternet.economics import high_quality_share
from clusternet.measures import READINESS_COMPONENTS, READINESS_WEIGHTS, upgrading_readiness
from clusternet.validation import calibrate_readiness_weights, predictive_validity
from clusternet.validation.readiness_dynamics import (
    BURN_IN,
    READINESS_POLICIES,
    policy_ranking,
    readiness_dynamics_task,
    readiness_dynamics_validity,
)


def test_default_weights_and_a_wheel_is_their_normalised_average():
    """Brand weights equal (assumed); technology weights the documented calibration (population
    A, seed 11), summing to 1; each wheel is the average with weights normalised to sum 1."""
    net = cn.generate_cluster(150, seed=5)
    r = upgrading_readiness(net, seed=1)
    brand = [READINESS_WEIGHTS[k] for k, s in READINESS_COMPONENTS.items() if s.wheel == "brand"]
    assert max(brand) == min(brand) == 1.0
    tech = {
        k: READINESS_WEIGHTS[k] for k, s in READINESS_COMPONENTS.items() if s.wheel == "technology"
    }
    assert tech == {
        "innovation_capacity": 0.1, "absorptive_capacity": 0.4,
        "common_technology_coverage": 0.0, "diffusion_speed": 0.0, "knowledge_linkage": 0.4,
        "chain_tightness": 0.1, "external_linkage": 0.0,
    }  # fmt: skip
    assert sum(tech.values()) == pytest.approx(1.0)
    for wheel in ("technology", "brand"):
        rows = r.components[(r.components["wheel"] == wheel) & r.components["available"]]
        share = rows["weight"] / rows["weight"].sum()
        assert share.sum() == pytest.approx(1.0)
        assert getattr(r, wheel) == pytest.approx(float((share * rows["normalized"]).sum()))
    # by hand: the firms' mean absorptive capacity, each firm counted once
    core = net.tier_mask("core")
    ac = np.asarray(net.column("absorptive_capacity"), float)[core]
    assert r.components.loc["absorptive_capacity", "raw"] == pytest.approx(ac.mean(), rel=1e-12)


def test_calibrated_weights_sum_to_exactly_one_after_rounding():
    """Rounding each share to one decimal could sum to 1.1; largest remainders keep it at 1."""
    rng = np.random.default_rng(11)
    n = 300
    table = pd.DataFrame({f"norm:{k}": rng.random(n) for k in READINESS_COMPONENTS})
    # a mix whose shares all round up at one decimal (0.35 + 0.35 + 0.3 -> 0.4 + 0.4 + 0.3)
    tech = 0.35 * table["norm:innovation_capacity"] + 0.35 * table["norm:knowledge_linkage"]
    tech += 0.3 * table["norm:chain_tightness"]
    brand = table["norm:governance_coverage"] + table["norm:collective_reputation"]
    brand += table["norm:certified_share"]
    for col in ("knowledge_end", "innovations_per_firm"):
        table[col] = tech
    for col in ("reputation_end", "high_quality_end"):
        table[col] = brand
    for decimals in (1, 2):
        weights = calibrate_readiness_weights(table, decimals=decimals)
        for wheel in ("technology", "brand"):
            names = [k for k, s in READINESS_COMPONENTS.items() if s.wheel == wheel]
            total = sum(weights[k] for k in names)
            assert total == pytest.approx(1.0, abs=1e-12), (wheel, decimals, weights)
            assert all(round(weights[k], decimals) == weights[k] for k in names)


def test_high_quality_components_use_the_one_definition():
    net = cn.generate_cluster(200, seed=3)
    r = upgrading_readiness(net, seed=1).components["raw"]
    core = net.tier_mask("core")
    quality = np.asarray(net.column("quality"), float)[core]
    size = np.asarray(net.column("size"), float)[core]
    assert r["high_quality_share"] == high_quality_share(quality)
    assert r["high_quality_share"] == pytest.approx(quality.mean())
    top = size >= np.quantile(size, 0.99)
    assert r["leading_brand_share"] == pytest.approx(
        sum(s * q for s, q, t in zip(size, quality, top, strict=True) if t) / size.sum()
    )


def test_scandal_recovery_without_revision_is_geometric_decay():
    """No firm may revise its quality: after the scandal R_t = memory^t R_scandal exactly."""
    out = readiness_dynamics_task(60, 5, 4, revision_rate=0.0)
    assert out["reputation_regained"] == pytest.approx(0.8**5, rel=1e-12)
    out = readiness_dynamics_task(60, 3, 4, revision_rate=0.0, reputation_memory=0.5)
    assert out["reputation_regained"] == pytest.approx(0.5**3, rel=1e-12)
    assert BURN_IN == 10


def test_scandal_recovery_is_against_the_twin_without_the_scandal():
    """scandal_recovery = R_T(scandal) / R_T(twin); the twin is the plain simulation of
    BURN_IN + steps steps (simulate_upgrading, an independent path), and R_T(scandal) is
    the regained share times the level before the scandal (the reputation after BURN_IN
    steps of the same twin)."""
    steps = 4
    out = readiness_dynamics_task(60, steps, 7)
    ts = cn.simulate_upgrading(cn.generate_cluster(60, seed=7), BURN_IN + steps, seed=7).timeseries
    before, twin = float(ts["reputation"].iloc[BURN_IN]), float(ts["reputation"].iloc[-1])
    assert out["scandal_recovery"] == pytest.approx(
        out["reputation_regained"] * before / twin, rel=1e-9
    )
    assert 0 < out["scandal_recovery"] < 1  # the scandal costs reputation after 4 steps


def test_no_catch_up_without_a_channel_for_knowledge():
    """No spillover, imitation or innovation: the frontier's jump reaches no firm."""
    out = readiness_dynamics_task(
        60, 4, 2,
        spillover_rates={"technology": 0.0}, imitation_rates={"technology": 0.0},
        innovation_rate=0.0, tie_formation=0.0,
    )  # fmt: skip
    assert out["catch_up"] == 0.0
    out = readiness_dynamics_task(60, 4, 2)
    assert out["catch_up"] > 0  # with the default channels some of it arrives


def test_dynamic_validity_and_policy_ranking_match_scipy():
    rng = np.random.default_rng(6)
    n = 60
    t = pd.DataFrame(
        {
            "technology": rng.random(n),
            "brand": rng.random(n),
            "baseline:absorptive_capacity": rng.random(n),
            "baseline:quality": rng.random(n),
        }
    )
    t["overall"] = np.sqrt(t["technology"] * t["brand"])
    t["catch_up"] = t["technology"] + rng.normal(scale=0.1, size=n)
    t["scandal_recovery"] = -t["brand"]
    for name, (_, comp, _) in READINESS_POLICIES.items():
        t[f"norm:{comp}"] = rng.random(n)
        t[f"gain:{name}"] = rng.random(n)
    v = readiness_dynamics_validity(t, boot=300).set_index("index")
    assert v.loc["technology", "rho"] == pytest.approx(
        stats.spearmanr(t["technology"], t["catch_up"]).statistic
    )
    assert v.loc["brand", "rho"] == pytest.approx(-1.0)
    assert not v.loc["brand", "meets_target"]
    assert v.loc["technology", "rho_quality"] == pytest.approx(
        stats.spearmanr(t["baseline:quality"], t["catch_up"]).statistic
    )
    both = stats.rankdata(t["catch_up"]) + stats.rankdata(t["scandal_recovery"])
    assert v.loc["overall", "rho"] == pytest.approx(stats.spearmanr(t["overall"], both).statistic)
    ranking = policy_ranking(t, boot=300).set_index("policy")
    for name, (_, comp, _) in READINESS_POLICIES.items():
        gap = 1 - t[f"norm:{comp}"]
        assert ranking.loc[name, "rho"] == pytest.approx(
            stats.spearmanr(gap, t[f"gain:{name}"]).statistic
        )
        assert (
            ranking.loc[name, "ci_low"] <= ranking.loc[name, "rho"] <= ranking.loc[name, "ci_high"]
        )


@pytest.fixture(scope="module")
def dynamics_population():
    """The page's readiness population (docs/validation.md, reduced size): 20 clusters of
    100 firms, behaviour drawn per cluster, seed 2027."""
    from clusternet.validation.readiness_dynamics import readiness_dynamics_study

    return readiness_dynamics_study(20, firms=100, steps=20, seed=2027, workers=1)


#: Measured on that population (2026-12-04: calibrated technology wheel, wheel weights 0.7/0.3,
#: scandal recovery against the no-scandal twin); reported, not tuned. The technology wheel
#: predicts catch-up at rho 0.73 [0.45, 0.87] against 0.45 for absorptive capacity alone and
#: is asserted.
DYNAMIC_SHORTFALLS: dict[str, str] = {
    "brand": "brand wheel -> reputation after a scandal against the no-scandal twin: rho "
    "-0.11 [-0.59, 0.40] against 0.31 for absorptive capacity alone: recovery is set by the "
    "drawn speed of the brand (revision rate rho 0.69, reputation memory -0.55), which no "
    "stock or structure sees (round-3 definition, share of the pre-scandal level: -0.17); "
    "no index of structure can reach 0.6: the structural ceiling is 0.24 [0.02, 0.34] "
    "(80 structures x 8 behaviour draws, tools/readiness_ceiling.json)",
    "norm:governance_coverage": "governance coverage, the component that names recovery: rho "
    "-0.21 [-0.64, 0.29]; monitoring holds quality up before the scandal, so the clusters "
    "that govern have more to regain, and the speed of regaining it is behavioural "
    "(structural ceiling 0.24 [0.02, 0.34])",
    "overall": "overall -> sum of ranks of catch-up and recovery: rho 0.51 [0.08, 0.79] "
    "against 0.45 for absorptive capacity alone; the brand half carries no signal (structural "
    "ceiling 0.65 [0.57, 0.71]; readiness 0.33 on the ceiling's 640 runs)",
}


@pytest.mark.slow
@pytest.mark.parametrize("index", ["technology", "brand", "norm:governance_coverage", "overall"])
def test_readiness_predicts_catch_up_and_recovery_beside_baselines(
    dynamics_population, index, request
):
    if index in DYNAMIC_SHORTFALLS:
        request.applymarker(pytest.mark.xfail(strict=False, reason=DYNAMIC_SHORTFALLS[index]))
    v = readiness_dynamics_validity(dynamics_population).set_index("index").loc[index]
    assert v["rho"] >= 0.6 and v["beats_baselines"], v.to_dict()
    assert v["ci_low"] > max(v["rho_absorptive_capacity"], v["rho_quality"])


#: Policies whose ranking is not shown on that population (measured; reported, not tuned).
RANKING_SHORTFALLS: dict[str, str] = {
    "certification": "gap in free-riding exposure against the reputation gain: rho 0.34 "
    "[-0.19, 0.74] (mean gain +0.28; 2026-12-04): certification pays nearly everywhere; on "
    "the ceiling design's 640 runs it ranks, 0.47 [0.37, 0.55] (tests/test_validation_ceiling.py)",
    "platform_subsidy": "gap in common-technology coverage against the knowledge gain: rho "
    "-0.76 [-0.89, -0.46]: the subsidy raises the platform's output, which reaches its "
    "members, so it pays most where coverage is already high — a complement of its target, "
    "not a substitute (the gap in knowledge linkage: -0.70 with the gain)",
    "rd_subsidy": "gap in innovation capacity against the knowledge gain: rho -0.41 "
    "[-0.71, 0.10]: the subsidy raises R&D relative to the cluster's mean and the hazard "
    "multiplies it by absorptive capacity, so it pays most where capability is high",
}


@pytest.mark.slow
@pytest.mark.parametrize("policy", list(READINESS_POLICIES))
def test_the_cluster_weakest_in_a_policys_target_gains_most(dynamics_population, policy, request):
    if policy in RANKING_SHORTFALLS:
        request.applymarker(pytest.mark.xfail(strict=False, reason=RANKING_SHORTFALLS[policy]))
    row = policy_ranking(dynamics_population).set_index("policy").loc[policy]
    assert row["ranks"], row.to_dict()


@pytest.fixture(scope="module")
def population_b():
    """The page's predictive-validity population (docs/validation.md, reduced size): population
    B, 20 clusters of 100 firms, 30 steps, generator settings and behaviour drawn, seed 2026.
    The technology weights were calibrated on population A (seed 11), not on this one."""
    from clusternet.validation import population_study

    return population_study(20, firms=100, steps=30, seed=2026, workers=1, behaviour=True)


#: Measured on population B (2026-12-04, calibrated technology wheel, wheel weights 0.7/0.3).
LEVEL_SHORTFALLS: dict[tuple[str, str], str] = {
    ("technology", "innovations_per_firm"): "rho 0.53 [0.06, 0.83] against 0.55 for mean "
    "absorptive capacity alone: innovation counts are set mostly by the drawn innovation rate "
    "(rho 0.54-0.57 on populations A and B of 60 clusters), which no structural precondition "
    "sees; at 60 clusters the wheel reaches 0.34 against 0.21; even a perfect index of "
    "structure would barely reach 0.6 (structural ceiling 0.55 [0.48, 0.62])",
    ("overall", "combined"): "rho 0.67 [0.24, 0.93] meets 0.6 at its point but its interval "
    "does not clear mean absorptive capacity alone (0.39); at 60 clusters (population B) "
    "0.54 [0.30, 0.71]; structural ceiling 0.69 [0.62, 0.75], readiness 0.58 on its runs",
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("index", "outcome"),
    [
        ("technology", "knowledge_end"),
        ("technology", "innovations_per_firm"),
        ("brand", "reputation_end"),
        ("brand", "high_quality_end"),
        ("overall", "combined"),
    ],
)
def test_readiness_predicts_the_level_reached_beside_baselines(
    population_b, index, outcome, request
):
    """Issue 27: readiness frozen at t = 0 predicts the level each wheel reaches at T under drawn
    behaviour, at rho >= 0.6 with its interval above both naive baselines' rho."""
    if (index, outcome) in LEVEL_SHORTFALLS:
        request.applymarker(
            pytest.mark.xfail(strict=False, reason=LEVEL_SHORTFALLS[(index, outcome)])
        )
    pv = predictive_validity(population_b).set_index(["index", "outcome"])
    row = pv.loc[(index, outcome)]
    assert row["rho"] >= 0.6 and row["beats_baselines"], row.to_dict()
    assert row["ci_low"] > max(row["rho_absorptive_capacity"], row["rho_quality"])


def test_the_ceiling_over_several_seeds_is_pooled_from_its_files_and_quoted_on_the_page():
    """tools/readiness_ceiling_seeds.json pools every readiness_ceiling*.json by inverse
    variance (checked here by a weighted mean written out), and docs/validation.md quotes
    the paragraph examples/validation_table.py renders from it."""
    import importlib.util
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    pooled = json.loads((root / "tools" / "readiness_ceiling_seeds.json").read_text())
    files = [root / "tools" / "readiness_ceiling.json"]
    files += sorted((root / "tools").glob("readiness_ceiling_s[0-9]*.json"))
    runs = [json.loads(f.read_text()) for f in files]
    assert pooled["seeds"] == [r["seed"] for r in runs] and len(runs) >= 4
    for claim in pooled["claims"]:
        rows = [
            row
            for r in runs
            for row in r["tables"][claim["design"]]
            if (row["index"], row["outcome"]) == (claim["index"], claim["outcome"])
        ]
        est = np.array([row["ceiling"] for row in rows])
        se = np.array([row["ci_high"] - row["ci_low"] for row in rows]) / (2 * 1.959963984540054)
        w = 1 / se**2
        mean, half = (w * est).sum() / w.sum(), 1.959963984540054 / np.sqrt(w.sum())
        assert claim["pooled"] == pytest.approx(mean, abs=5e-5)
        assert claim["pooled_high"] == pytest.approx(mean + half, abs=5e-5)
        assert claim["pooled_attainable"] == (mean + half > 0.6)
    innovations = next(c for c in pooled["claims"] if c["outcome"] == "innovations_per_firm")
    assert not innovations["pooled_attainable"] and 0 < sum(innovations["attainable"]) < 4
    spec = importlib.util.spec_from_file_location(
        "validation_table", root / "examples" / "validation_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (root / "docs" / "validation.md").read_text()
    assert module.ceiling_seeds_paragraph() in page
    readme = " ".join((root / "README.md").read_text().split())
    recovery = next(c for c in pooled["claims"] if c["index"] == "brand")
    assert recovery["outcome"] == "scandal_recovery" and not recovery["pooled_attainable"]
    per = innovations["ceiling"]
    levels = [
        next(c for c in pooled["claims"] if (c["index"], c["outcome"]) == ("brand", outcome))
        for outcome in ("reputation_end", "high_quality_end")
    ]

    def iv(c):
        return f"{c['pooled']:.2f} [{c['pooled_low']:.2f}, {c['pooled_high']:.2f}]"

    for text in (
        f"the one-draw ceilings are {iv(levels[0])} and {iv(levels[1])} for the brand's levels",
        f"{iv(innovations)} for innovations ({min(per):.2f}–{max(per):.2f} per seed, "
        f"attainable at {sum(innovations['attainable'])} of {len(per)}; out of reach pooled)",
        f"and {iv(recovery)} for recovery",
    ):
        assert text in readme, text
    assert innovations["pooled_high_upper"] < 0.6  # out of reach with the upper half too
