"""The structural ceiling: the bound on any structural index's Spearman rho.

References: scipy's one-way ANOVA (the F statistic gives ICC(1) in closed form), the
closed-form rank correlation ratio of a Gaussian random-effects model, the exact
in-sample bound (hypothesis), and hand-built designs.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from clusternet.validation.ceiling import (
    ceiling_designs,
    ceiling_table,
    structural_ceiling,
    structural_ceiling_task,
)
from clusternet.validation.population import BASELINES, spearman_interval


def test_eta2_is_icc1_from_scipys_anova_on_the_ranks():
    rng = np.random.default_rng(3)
    sizes = [4, 6, 5, 3, 7, 6, 5, 4]  # unbalanced
    group = np.repeat(np.arange(len(sizes)), sizes)
    y = rng.normal(size=len(sizes))[group] + rng.normal(scale=0.8, size=group.size)
    u = stats.rankdata(y)
    parts = [u[group == g] for g in range(len(sizes))]
    f = stats.f_oneway(*parts).statistic
    n = group.size
    n0 = (n - sum(s * s for s in sizes) / n) / (len(sizes) - 1)
    expected = (f - 1) / (f - 1 + n0)
    out = structural_ceiling(pd.DataFrame({"cluster": group, "y": y}), "y", boot=0)
    assert out["eta2"] == pytest.approx(expected, rel=1e-12)
    assert out["ceiling"] == pytest.approx(np.sqrt(expected), rel=1e-12)
    assert out["groups"] == 8 and out["runs"] == n


def test_matches_the_closed_form_of_a_gaussian_random_effects_model():
    """Y = Z_g + s E: the ranks' correlation ratio is (6 / pi) arcsin(1 / (2 (1 + s^2)))."""
    rng = np.random.default_rng(11)
    g, b, s = 600, 8, 1.0
    group = np.repeat(np.arange(g), b)
    y = rng.normal(size=g)[group] + s * rng.normal(size=g * b)
    out = structural_ceiling(pd.DataFrame({"cluster": group, "y": y}), "y", boot=200)
    truth = 6 / np.pi * np.arcsin(1 / (2 * (1 + s * s)))
    assert out["eta2"] == pytest.approx(truth, abs=0.03)
    assert out["ci_low"] < np.sqrt(truth) < out["ci_high"]
    assert out["loo_rho"] < out["ceiling"]  # the leave-one-out mean is a noisy predictor


def test_outcome_fixed_by_structure_has_ceiling_one_and_shared_outcomes_zero():
    group = np.repeat(np.arange(5), 3)
    t = pd.DataFrame({"cluster": group, "y": group * 2.0 + 1})
    assert structural_ceiling(t, "y", boot=0)["ceiling"] == 1.0
    # every structure sees the same three outcomes: nothing about the structure matters
    t = pd.DataFrame({"cluster": group, "y": np.tile([1.0, 5.0, 9.0], 5)})
    out = structural_ceiling(t, "y", boot=0)
    assert out["eta2"] == 0.0 and out["eta2_sample"] == 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 4), min_size=3, max_size=8),
    st.integers(0, 2**32 - 1),
)
def test_no_function_of_the_structure_beats_the_in_sample_bound(sizes, seed):
    rng = np.random.default_rng(seed)
    group = np.repeat(np.arange(len(sizes)), sizes)
    if group.size <= len(sizes):
        group = np.concatenate([group, [0]])
    y = rng.normal(size=group.size) + rng.normal(size=len(sizes))[group]
    out = structural_ceiling(pd.DataFrame({"cluster": group, "y": y}), "y", boot=0)
    for _ in range(5):
        index = rng.normal(size=len(sizes))[group]  # any index of the structure
        rho = stats.spearmanr(index, y).statistic
        if np.isfinite(rho):
            assert rho**2 <= out["eta2_sample"] + 1e-9


def test_nan_outcomes_are_dropped_and_bad_input_is_named():
    t = pd.DataFrame({"cluster": [0, 0, 1, 1, 2, 2], "y": [1.0, np.nan, 3.0, 4.0, 5.0, 6.0]})
    assert structural_ceiling(t, "y", boot=0)["runs"] == 5
    with pytest.raises(ValueError, match="'structure'"):
        structural_ceiling(t, "y", group="structure")
    with pytest.raises(ValueError, match="two structures"):
        structural_ceiling(t.assign(cluster=0), "y")
    with pytest.raises(ValueError, match="3 values for 6 rows"):
        structural_ceiling(t, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="boot"):
        structural_ceiling(t, "y", boot=-1)


def test_designs_share_structure_and_vary_behaviour():
    d = pd.DataFrame(ceiling_designs(3, 4, seed=5))
    assert len(d) == 12 and list(d["cluster"]) == [0] * 4 + [1] * 4 + [2] * 4
    per = d.groupby("cluster").nunique()
    assert (per["structure_seed"] == 1).all() and (per["size_median"] == 1).all()
    assert (per["revision_rate"] == 4).all()  # a fresh behaviour draw per run
    assert d["structure_seed"].nunique() == 3
    # the behaviour hypercube stratifies each range over all 12 runs
    from clusternet.experiments import plausible_ranges

    lo, hi = plausible_ranges(["revision_rate"])["revision_rate"]
    strata = np.floor((d["revision_rate"] - lo) / (hi - lo) * 12).astype(int)
    assert sorted(strata) == list(range(12))


def test_task_holds_the_structure_and_refuses_unknown_kinds():
    a = structural_ceiling_task("levels", 30, 2, structure_seed=9, cluster=0, revision_rate=0.1)
    b = structural_ceiling_task(
        "levels", 30, 2, structure_seed=9, cluster=0, seed=123, revision_rate=0.4
    )
    assert a["technology"] == b["technology"] and a["brand"] == b["brand"]  # readiness at t = 0
    with pytest.raises(ValueError, match="kind"):
        structural_ceiling_task("nope", 30, 2, structure_seed=9, cluster=0)


def test_ceiling_table_reads_the_index_the_baselines_and_a_combined_outcome():
    rng = np.random.default_rng(2)
    group = np.repeat(np.arange(12), 4)
    t = pd.DataFrame({"cluster": group})
    t["x"] = rng.normal(size=12)[group]
    t["a"] = t["x"] + rng.normal(size=48)
    t["b"] = -t["x"] + rng.normal(size=48)
    t[BASELINES[0]], t[BASELINES[1]] = -t["x"], rng.normal(size=12)[group]
    out = ceiling_table(t, [("x", "a"), ("x", ("a", "b"))], boot=0).set_index("outcome")
    assert out.loc["a", "rho"] == pytest.approx(stats.spearmanr(t["x"], t["a"]).statistic)
    assert out.loc["a", "rho_absorptive_capacity"] == pytest.approx(-out.loc["a", "rho"])
    combined = (stats.rankdata(t["a"]) + stats.rankdata(t["b"])) / 2 / len(t)
    assert out.loc["a & b", "rho"] == pytest.approx(stats.spearmanr(t["x"], combined).statistic)
    assert out.loc["a & b", "ceiling"] == pytest.approx(
        structural_ceiling(t.assign(c=combined), "c", boot=0)["ceiling"]
    )


def test_ceiling_table_expected_outcome_is_each_structures_mean():
    rng = np.random.default_rng(4)
    group = np.repeat(np.arange(15), 3)
    t = pd.DataFrame({"cluster": group, "x": rng.normal(size=15)[group]})
    t["y"] = t["x"] + rng.normal(size=45)
    t.loc[4, "y"] = np.nan  # dropped from its structure's mean
    t[BASELINES[0]], t[BASELINES[1]] = t["x"] ** 3, -t["x"]
    row = ceiling_table(t, [("x", "y")], boot=200).iloc[0]
    means = [np.nanmean(t["y"][group == g]) for g in range(15)]
    xs = t["x"].to_numpy()[::3]
    assert row["rho_expected"] == pytest.approx(stats.spearmanr(xs, means).statistic)
    assert row["rho_expected_absorptive_capacity"] == pytest.approx(row["rho_expected"])
    assert row["rho_expected_quality"] == pytest.approx(-row["rho_expected"])
    assert row["expected_ci_low"] <= row["rho_expected"] <= row["expected_ci_high"]


#: Readiness's claims on the ceiling design, as (index, outcome) rows of ``ceiling_table``.
READINESS_CLAIMS = [
    ("technology", "knowledge_end"),
    ("technology", "innovations_per_firm"),
    ("brand", "reputation_end"),
    ("brand", "high_quality_end"),
    ("overall", "knowledge_end & innovations_per_firm & reputation_end & high_quality_end"),
    ("technology", "catch_up"),
    ("brand", "scandal_recovery"),
    ("overall", "catch_up & scandal_recovery"),
]


@pytest.fixture(scope="module")
def ceiling_runs():
    """The page's ceiling design: 80 structures x 8 behaviour draws, 100 firms, seed 2028 (about
    8 minutes on one core). It was raised from a 40 x 6 trial on which three claims did not
    clear the baselines (technology -> knowledge_end: expected 0.85 [0.70, ...] against 0.75,
    one draw [0.62, ...] against 0.67; overall, expected: 0.70 [0.46, ...] against 0.51);
    docs/validation.md says so."""
    from clusternet.validation.ceiling import CEILING_CLAIMS, structural_ceiling_study

    out = {}
    for kind, steps in (("levels", 30), ("dynamics", 20)):
        table = structural_ceiling_study(kind, 80, 8, firms=100, steps=steps, seed=2028, workers=1)
        claims = CEILING_CLAIMS[kind] + (CEILING_CLAIMS["policies"] if kind == "dynamics" else [])
        for r in ceiling_table(table, claims, boot=1000).itertuples():
            out[(r.index, r.outcome)] = r
    return out


@pytest.mark.slow
def test_no_structural_index_can_predict_scandal_recovery_at_one_draw(ceiling_runs):
    """Issue 27's recovery target (rho >= 0.6 under drawn behaviour) is out of reach of any index
    of structure: the ceiling's upper 95 % bound lies below 0.6."""
    r = ceiling_runs[("brand", "scandal_recovery")]
    assert r.ci_high < 0.6, r
    assert abs(r.rho) <= r.ci_high  # readiness, an index of structure, obeys the bound


#: Claims whose expected outcome readiness does not predict (measured at 80 x 8, seed 2028).
EXPECTED_SHORTFALLS = {
    ("technology", "innovations_per_firm"): "rho 0.50 against the expected innovations, no "
    "better than mean absorptive capacity alone (0.51; page's 80 x 8 design)",
    ("brand", "scandal_recovery"): "rho 0.04 against the expected recovery (80 x 8); out of "
    "reach at this design: 8 draws leave the mean noisy, capping any index at 0.57",
    ("overall", "catch_up & scandal_recovery"): "rho 0.48 [0.27, 0.66] (80 x 8): the recovery "
    "half carries no signal",
}


@pytest.mark.slow
@pytest.mark.parametrize("claim", READINESS_CLAIMS)
def test_readiness_predicts_the_outcome_expected_under_model_uncertainty(
    ceiling_runs, claim, request
):
    """Readiness at t = 0 against each structure's mean outcome over its behaviour draws: rho >=
    0.6 with its interval above both naive baselines' rho."""
    if claim in EXPECTED_SHORTFALLS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=EXPECTED_SHORTFALLS[claim]))
    r = ceiling_runs[claim]
    best_baseline = max(r.rho_expected_absorptive_capacity, r.rho_expected_quality)
    assert r.rho_expected >= 0.6 and r.expected_ci_low > best_baseline, r


def test_gap_indices_read_one_minus_the_component_and_baselines_as_gaps():
    rng = np.random.default_rng(8)
    group = np.repeat(np.arange(10), 3)
    t = pd.DataFrame({"cluster": group, "norm:c": rng.random(10)[group]})
    t["gain:p"] = -t["norm:c"] + 0.3 * rng.normal(size=30)
    t[BASELINES[0]], t[BASELINES[1]] = t["norm:c"], rng.random(10)[group]
    row = ceiling_table(t, [("gap:c", "gain:p")], boot=300).iloc[0]
    assert row["rho"] == pytest.approx(stats.spearmanr(1 - t["norm:c"], t["gain:p"]).statistic)
    assert row["rho_absorptive_capacity"] == pytest.approx(row["rho"])  # read as a gap too
    assert row["rho_ci_low"] <= row["rho"] <= row["rho_ci_high"]


def test_pooled_interval_resamples_structures_not_runs():
    """Runs of a structure move together: the interval over structures is wider than one that
    treats the runs as independent (here 20 structures, 10 identical runs each)."""
    group = np.repeat(np.arange(20), 10)
    rng = np.random.default_rng(1)
    t = pd.DataFrame({"cluster": group, "x": rng.normal(size=20)[group]})
    t["y"] = (t["x"] + rng.normal(size=20)[group]).astype(float)
    t[BASELINES[0]] = t[BASELINES[1]] = t["x"]
    row = ceiling_table(t, [("x", "y")], boot=500).iloc[0]
    _, low, high = spearman_interval(t["x"], t["y"], boot=500)  # runs as if independent
    assert row["rho_ci_high"] - row["rho_ci_low"] > 2 * (high - low)
    # identical runs: resampling structures is the bootstrap of the 20 distinct points
    once = t.groupby("cluster").first()
    _, low, high = spearman_interval(once["x"], once["y"], boot=500)
    assert (row["rho_ci_low"], row["rho_ci_high"]) == pytest.approx((low, high), abs=1e-12)


def test_expected_ceiling_is_spearman_brown_and_indices_must_be_per_structure():
    rng = np.random.default_rng(5)
    group = np.repeat(np.arange(30), 4)
    t = pd.DataFrame({"cluster": group, "x": rng.normal(size=30)[group]})
    t["y"] = t["x"] + 2 * rng.normal(size=120)
    t[BASELINES[0]] = t[BASELINES[1]] = t["x"]
    row = ceiling_table(t, [("x", "y")], boot=0).iloc[0]
    eta2 = structural_ceiling(t, "y", boot=0)["eta2"]
    assert row["expected_ceiling"] == pytest.approx(np.sqrt(4 * eta2 / (1 + 3 * eta2)))
    assert row["ceiling"] < row["expected_ceiling"] < 1
    with pytest.raises(ValueError, match="'y' varies within a structure"):
        ceiling_table(t, [("y", "x")], boot=0)
    with pytest.raises(ValueError, match="baseline:absorptive_capacity' varies"):
        ceiling_table(t.assign(**{BASELINES[0]: t["y"]}), [("x", "y")], boot=0)


#: Policies whose gain does not rise with the gap in their target (measured at 80 x 8).
RANKING_SHORTFALLS = {
    "platform_subsidy": "the subsidy raises the platform's output, which reaches its members: "
    "it pays most where common-technology coverage is high (a complement of its target)",
    "rd_subsidy": "the hazard multiplies the subsidised R&D by absorptive capacity: it pays "
    "most where capability is high (a complement of its target)",
}


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["certification", "platform_subsidy", "rd_subsidy"])
def test_the_cluster_weakest_in_a_policys_target_gains_most_on_the_ceiling_design(
    ceiling_runs, policy, request
):
    """Issue 27: on the 640 runs, the gap in the component a policy targets ranks its gain (the
    interval over structures above 0), at one draw and against the expected gain."""
    from clusternet.validation.readiness_dynamics import READINESS_POLICIES

    if policy in RANKING_SHORTFALLS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=RANKING_SHORTFALLS[policy]))
    component = READINESS_POLICIES[policy][1]
    r = ceiling_runs[(f"gap:{component}", f"gain:{policy}")]
    assert r.rho_ci_low > 0 and r.expected_ci_low > 0, r


#: One-draw claims (the issue's design) that readiness misses on the 640 runs (80 x 8).
ONE_DRAW_SHORTFALLS = {
    ("technology", "innovations_per_firm"): "rho 0.33 against 0.32 for absorptive capacity "
    "alone; ceiling 0.55 [0.48, 0.62]",
    ("brand", "reputation_end"): "rho 0.51 of a ceiling of 0.61 [0.53, 0.69]; the 20-cluster "
    "population B shows 0.76 [0.40, 0.92]",
    ("brand", "high_quality_end"): "rho 0.50 of a ceiling of 0.63 [0.55, 0.68]; population B "
    "shows 0.61 [0.17, 0.86]",
    ("overall", "knowledge_end & innovations_per_firm & reputation_end & high_quality_end"): "rho "
    "0.58 of a ceiling of 0.69 [0.62, 0.75]",
    ("brand", "scandal_recovery"): "out of reach of any index: ceiling 0.24 [0.02, 0.34]",
    ("overall", "catch_up & scandal_recovery"): "rho 0.33 of a ceiling of 0.65 [0.57, 0.71]",
}


@pytest.mark.slow
@pytest.mark.parametrize("claim", READINESS_CLAIMS)
def test_readiness_meets_the_one_draw_target_on_the_ceiling_design(ceiling_runs, claim, request):
    """Issue 27's target as posed (one behaviour draw per cluster) on 640 runs: rho >= 0.6 with its
    interval over structures above both baselines' rho, and never above the ceiling's bound."""
    r = ceiling_runs[claim]
    assert abs(r.rho) <= r.ci_high, r  # no index of structure beats the bound
    if claim in ONE_DRAW_SHORTFALLS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=ONE_DRAW_SHORTFALLS[claim]))
    assert r.rho >= 0.6 and r.rho_ci_low > max(r.rho_absorptive_capacity, r.rho_quality), r
