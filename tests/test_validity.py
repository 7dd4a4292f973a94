"""Validity rows (wiring checks and propositions), the population study and sensitivity.

Each row runs paired replicates with common random numbers on small generated
clusters through the experiment layer; a test fails if an effect has the wrong
sign or its 95 % interval includes zero. See docs/validation.md.
"""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from clusternet.validation import (
    EXPERIMENTS,
    PROPOSITIONS,
    WIRING,
    paired_effect,
    run_experiment,
)

#: Claims whose interval reaches zero at the test's size (400 firms, 8 replicates, seed
#: 20261129), measured and reported in docs/validation.md rather than tuned away.
NOT_SHOWN_AT_TEST_SIZE = {
    # -13.9 [-28.5, 0.72]: the right sign, an interval that reaches 0; under the market
    # (issue 26 item 3) -0.5 [-1.27, 0.27] (2026-12-03): laggards do not innovate, so a
    # lower cost share moves few firms
    ("V8", "innovations_total without finance (sharing innovation cost)"),
    # with the regional-name withdrawal (2026-12-03): +0.000625 [-0.00034, 0.0016] at the
    # test's size (0.0022 [-0.0073, 0.0118] on the reduced page): the platform's knowledge
    # reaches quality only through cheaper quality, and members are already held at high
    # quality by the association, so the brand side of V7 is small
    ("V7", "high-quality share, platform policy - baseline"),
    # 2026-12-06: +0.0054 [-0.0022, 0.0131]; the small (50-firm) clusters' growth is noisy
    ("V9", "output growth per step, mid-sized - small cluster"),
    # 2026-12-06: +0.0057 [-0.0000, 0.0114], under 1 % of the initial gap of 0.8; the
    # high-quality share's +0.0094 [0.0049, 0.0138] is shown
    ("V11", "reputation, good - bad past, less the same gap with no firm revising"),
    # 2026-12-06: -0.0015 [-0.0153, 0.0123]; the government claim's -0.174 [-0.207, -0.142]
    # is shown
    ("V12", "platform members' share without training (absorptive capacity values the club)"),
}

#: Claims declared in rounds 22 and 23, asserted as measured at the test's size (2026-12-06): an
#: interval that reaches 0 ("not shown"), with the claimed sign's opposite ("other sign,
#: not shown") or wholly on the opposite side ("other sign, shown"); a change in the model
#: that moves them fails the test.
MEASURED_AT_TEST_SIZE = {
    # +0.075 [-0.023, 0.173] of 21.4: clusters with more SMEs join at least as much (why is
    # not established: a g starts lower in them)
    (
        "V13",
        "platform output per catchment firm over the run, 2 % - 8 % large firms (more SMEs)",
    ): "other sign, not shown",
    # +0.00026 [-0.00022, 0.00073] and +0.25 [-0.14, 0.64]: V13's gradient carried on; the
    # composition claim, -0.011 [-0.018, -0.004], is shown (all of V5's SME gradient)
    (
        "V15",
        "generic knowledge, more SMEs - fewer, less the same with the platforms "
        "producing the 8 % cluster's output (provision)",
    ): "other sign, not shown",
    (
        "V15",
        "innovations, more SMEs - fewer, less the same with the platforms producing "
        "the 8 % cluster's output",
    ): "other sign, not shown",
    # round 23 (2026-12-06): -0.0192 [-0.0375, -0.0010] of 0.0257 in the 8 % clusters
    # (whose level, +0.0257 [0.0079, 0.0434], is shown): clusters with more SMEs forgo
    # less of the efficient provision
    (
        "V16",
        "under-provision against the Samuelson optimum per catchment firm over the run, "
        "2 % - 8 % large firms (more SMEs)",
    ): "other sign, shown",
    # +0.00053 [-0.00091, 0.00196] of a share of 0.244
    (
        "V14",
        "firm technology ties' share (transaction ties fixed) under the tie choice, "
        "training 0.04 - none",
    ): "not shown",
}

# Rows that fail since the mechanisms changed (issue 26); the validation issue rebuilds them.
CHANGED = {
    "V3": "issue 26 item 3: the squeeze multiplier is off; rivals act through the market "
    "(clusternet.dynamics.market). Measured 2026-12-03 at 400 firms, 8 reps: innovations "
    "with - without competition ties -95.8 [-102.0, -89.5], the opposite sign: without rivals "
    "every firm earns a monopolist's incentive (v = 1), with them the laggards (about 60 % of "
    "firms with rivals) gain less from a step than its cost and stop innovating, which the "
    "leaders' escape-competition gain does not make up",
    "V4": "issue 26 item 3: the appropriability loss now comes from the market, where only "
    "rivals (competition layer) who imitate take rent; about 3 % of competition ties carry an "
    "imitation tie, so imitation by non-rivals no longer lowers the incentive. Measured "
    "2026-12-03 at 400 firms, 8 reps: innovations x4 - x0.25 -0.6 [-7.2, 5.9] (not shown); "
    "Gini x0.25 - none -0.0008 [-0.0020, 0.0004] (not shown); long-run knowledge x4 - x0.25 "
    "+0.093 [0.083, 0.103] and, at gap 0.75, x4 - x0.5 +0.137 [0.125, 0.149]: knowledge rises "
    "with imitation throughout, no hump",
    "V5": "issue 26 item 2: platform membership is a choice and contributions a linear VCM "
    "whose threshold is s* = 1 - r a g / n_eff (docs/model.md); at the Taizhou preset's "
    "catchments MPCR is far below 0.4, so nobody contributes with or without matching 0.6: "
    "contributors' share funded - baseline 0.0 [0.0, 0.0] (2026-12-03, 400 firms, 8 reps); "
    "the row's two generic-knowledge claims hold (+0.073 [0.069, 0.078]; "
    "-0.011 [-0.017, -0.004])",
}


@pytest.mark.slow
@pytest.mark.parametrize(
    "key",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=False, reason=CHANGED[k]))
        if k in CHANGED
        else k
        for k in EXPERIMENTS
    ],
)
def test_every_claim_of_a_row_holds_with_an_interval_that_excludes_zero(key):
    result = run_experiment(key, firms=400, reps=8, seed=20261129)
    row = EXPERIMENTS[key]
    claimed = [c.text for c in row.experiment.claims] if row.experiment is not None else None
    if claimed is not None:  # a declaration: one effect per declared claim, in order
        assert [e.name for e in result.effects] == claimed
    for effect in result.effects:
        assert effect.n == 8, effect.name
        if (key, effect.name) in NOT_SHOWN_AT_TEST_SIZE:
            assert effect.mean * effect.sign > 0, effect  # the sign only; see the note
            continue
        measured = MEASURED_AT_TEST_SIZE.get((key, effect.name))
        if measured is not None:
            if measured == "other sign, shown":  # an interval wholly on the other side
                assert effect.mean * effect.sign < 0, (measured, effect)
                assert not effect.low <= 0 <= effect.high, (measured, effect)
                continue
            assert effect.low <= 0 <= effect.high, (measured, effect)
            if measured.startswith("other sign"):
                assert effect.mean * effect.sign < 0, (measured, effect)
            continue
        assert effect.supported, (
            f"{key}: {effect.name} = {effect.mean:.4g} "
            f"[{effect.low:.4g}, {effect.high:.4g}] has not the claimed sign {effect.sign:+d}"
        )


def test_rows_are_either_wiring_or_propositions_and_propositions_say_why():
    assert set(WIRING) | set(PROPOSITIONS) == set(EXPERIMENTS)
    assert not set(WIRING) & set(PROPOSITIONS)
    # issue 27: V1, V2, V6, V8 and V10 hold by construction; V9 (the hump is the margin
    # formula) and V11 (every quality gain rises with R) were found so by a referee, and
    # V15 (knowledge gained rises with output and absorptive capacity) was declared so
    assert set(WIRING) == {"V1", "V2", "V6", "V8", "V9", "V10", "V11", "V15"}
    for key, row in PROPOSITIONS.items():
        assert row.kind == "proposition" and len(row.not_by_construction) > 40, key
    for key, row in WIRING.items():
        assert row.kind == "wiring" and "By construction" in row.design, key


def test_paired_effect_interval_matches_scipy():
    d = np.array([0.3, 0.1, 0.4, 0.2, 0.5])
    e = paired_effect("x", d, +1)
    low, high = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))
    assert e.low == pytest.approx(low) and e.high == pytest.approx(high)
    assert e.supported
    assert not paired_effect("y", np.array([0.3, -0.2, 0.1, -0.3]), +1).supported
    assert not paired_effect("z", np.array([0.3]), +1).supported  # no interval from one


def test_unknown_experiment_is_named():
    with pytest.raises(ValueError, match="unknown experiment 'V99'"):
        run_experiment("V99")


def test_an_absolute_claim_is_the_t_interval_of_the_arms_own_changes():
    """V10's drift claim reads the arm's own end - start values, not a difference of arms."""
    from clusternet.experiments import final_values, run_arms

    exp = EXPERIMENTS["V10"].experiment
    res = run_experiment("V10", firms=80, reps=3, seed=5)
    runs = run_arms(exp.arms[:1], 60, 3, 5, exp.series, generator={}, firms=80, workers=1)
    change = final_values(runs, ["knowledge_tie_share_change"]).to_numpy().ravel()
    ts = runs.groupby("replicate")["knowledge_tie_share"]
    np.testing.assert_allclose(change, (ts.last() - ts.first()).to_numpy())
    low, high = stats.t.interval(0.95, 2, loc=change.mean(), scale=stats.sem(change))
    drift = res.effects[0]
    assert drift.mean == pytest.approx(change.mean())
    assert (drift.low, drift.high) == pytest.approx((low, high))


def test_population_designs_cover_the_ranges_and_readiness_discriminates():
    from clusternet.measures import READINESS_COMPONENTS
    from clusternet.validation import (
        POPULATION_RANGES,
        discrimination,
        population_designs,
        population_study,
    )

    designs = population_designs(40, seed=3)
    for name, (lo, hi) in POPULATION_RANGES.items():
        values = np.array([d[name] for d in designs], dtype=float)
        assert lo <= values.min() and values.max() <= hi
        # a Latin hypercube puts one point in each of the 40 strata of every range
        assert values.max() - values.min() > 0.8 * (hi - lo)
    table = population_study(16, firms=250, steps=5, seed=4, workers=1)
    disc = discrimination(table)
    assert set(disc.index) == set(READINESS_COMPONENTS)
    # every component but certification (no generated cluster certifies) varies across
    # clusters and none is pinned to a goalpost
    varied = disc.drop(index="certified_share")
    assert (varied["normalized_sd"] >= 0.05).all(), disc
    assert (varied[["share_at_low_goalpost", "share_at_high_goalpost"]].max(axis=1) <= 0.9).all()
    assert (disc.loc["certified_share", ["min", "max"]] == 0).all()


def test_behavioural_designs_draw_every_plausible_parameter():
    from clusternet.dynamics.parameters import PLAUSIBLE
    from clusternet.validation import population_designs

    designs = population_designs(30, seed=8, behaviour=True)
    for name, (lo, hi) in PLAUSIBLE.items():
        values = np.array([d[name] for d in designs], dtype=float)
        assert lo <= values.min() and values.max() <= hi, name
        strata = np.floor((values - lo) / (hi - lo) * 30).astype(int)
        assert sorted(strata) == list(range(30)), name  # one draw per stratum


@pytest.mark.slow  # ~12-21 s: keeps make test under 10 min on 2 cores
def test_sobol_analysis_covers_every_plausible_parameter_and_output():
    from clusternet.dynamics.parameters import PARAMETERS, PLAUSIBLE
    from clusternet.validation import SOBOL_OUTPUTS, sobol_analysis

    for name, (lo, hi) in PLAUSIBLE.items():
        spec = PARAMETERS[name]
        assert spec.plausible == (lo, hi)
        assert spec.low <= lo < hi <= spec.high, name  # plausible ranges are legal values
        assert lo <= spec.default <= hi, name  # the default is a plausible value
    table = sobol_analysis(n=4, firms=150, steps=5, seed=1, workers=1)
    assert set(zip(table["output"], table["parameter"], strict=True)) == {
        (o, p) for o in SOBOL_OUTPUTS for p in PLAUSIBLE
    }
    assert np.isfinite(table[["S1", "ST", "S1_conf", "ST_conf"]].to_numpy()).all()


def test_calibration_recovers_known_weights_by_nonnegative_least_squares():
    """An independent reference: outcomes built as exact rank-preserving functions of known mixes."""
    from clusternet.measures import READINESS_COMPONENTS
    from clusternet.validation import WHEEL_OUTCOMES, calibrate_readiness_weights

    rng = np.random.default_rng(5)
    n = 400
    table = pd.DataFrame({f"norm:{k}": rng.random(n) for k in READINESS_COMPONENTS})
    truth = {
        "technology": {"innovation_capacity": 0.7, "knowledge_linkage": 0.3},
        "brand": {"collective_reputation": 0.5, "governance_coverage": 0.5},
    }
    for wheel, mix in truth.items():
        score = sum(w * table[f"norm:{k}"] for k, w in mix.items())
        for outcome in WHEEL_OUTCOMES[wheel]:
            table[outcome] = score  # ranks are uniform; linear in the score up to rank noise
    weights = calibrate_readiness_weights(table, decimals=2)
    for wheel, mix in truth.items():
        names = [k for k, s in READINESS_COMPONENTS.items() if s.wheel == wheel]
        assert sum(weights[k] for k in names) == pytest.approx(1.0, abs=0.02)
        for k in names:
            assert weights[k] == pytest.approx(mix.get(k, 0.0), abs=0.08), (wheel, k)


def test_predictive_validity_reports_baselines_against_scipy():
    from clusternet.validation import predictive_validity

    rng = np.random.default_rng(2)
    n = 80
    table = pd.DataFrame(
        {
            "technology": rng.random(n),
            "brand": rng.random(n),
            "baseline:absorptive_capacity": rng.random(n),
            "baseline:quality": rng.random(n),
        }
    )
    table["overall"] = np.sqrt(table["technology"] * table["brand"])
    noise = rng.normal(scale=0.05, size=n)
    table["knowledge_end"] = table["technology"] + noise
    table["innovations_per_firm"] = table["baseline:absorptive_capacity"]
    table["reputation_end"] = table["brand"] ** 3
    table["high_quality_end"] = -table["brand"]
    pv = predictive_validity(table, boot=400).set_index(["index", "outcome"])
    for (index, outcome), row in pv.iterrows():
        if index == "overall":
            continue
        assert row["rho"] == pytest.approx(stats.spearmanr(table[index], table[outcome])[0])
        assert row["rho_absorptive_capacity"] == pytest.approx(
            stats.spearmanr(table["baseline:absorptive_capacity"], table[outcome])[0]
        )
        assert row["ci_low"] <= row["rho"] <= row["ci_high"]
    assert pv.loc[("brand", "reputation_end"), "rho"] == pytest.approx(1.0)
    assert pv.loc[("technology", "knowledge_end"), "beats_baselines"]
    # the baseline that is the outcome itself is not beaten
    assert not pv.loc[("technology", "innovations_per_firm"), "beats_baselines"]
    assert not pv.loc[("brand", "high_quality_end"), "beats_baselines"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("key", "parameter"),
    [("V3", "competition"), ("V9", "congestion_cost"), ("V11", "reputation_memory")],
)
def test_robustness_at_a_draw_is_the_experiment_run_with_that_draw(key, parameter):
    """The robustness sweep reproduces the experiment layer's effects at each draw exactly:
    a plain paired claim (V3), arms of other sizes with a region's capacity (V9) and a
    difference in differences (V11)."""
    import dataclasses

    from clusternet._validate import seed_sequence
    from clusternet.experiments import run_experiment as run_declared
    from clusternet.validation import robustness

    rob = robustness(key, n=2, reps=2, firms=60, steps=6, parameters=[parameter], seed=9,
                     workers=1)  # fmt: skip
    assert list(rob.draws.columns[:2]) == ["draw", parameter]
    assert rob.shares.loc[0, "draws"] == 2
    k = int(rob.shares.loc[0, "holds"])
    ci = stats.binomtest(k, 2).proportion_ci(0.95, method="exact")
    assert (rob.shares.loc[0, "low"], rob.shares.loc[0, "high"]) == pytest.approx((ci.low, ci.high))
    experiment_seed = int(seed_sequence(9).spawn(2)[1].generate_state(1, dtype=np.uint32)[0])
    exp = EXPERIMENTS[key].experiment
    for _, draw in rob.draws.iterrows():
        arms = tuple(
            dataclasses.replace(a, model={parameter: draw[parameter], **a.model}) for a in exp.arms
        )
        res = run_declared(dataclasses.replace(exp, arms=arms), firms=60, reps=2, steps=6,
                           seed=experiment_seed, workers=1)  # fmt: skip
        for i, v in res.verdicts.iterrows():
            assert draw[f"effect_{i}"] == pytest.approx(v["effect"], rel=1e-12, abs=1e-15)
            assert draw[f"holds_{i}"] == (v["verdict"] == "supported")
    with pytest.raises(ValueError, match="row V1 is not a declaration"):
        robustness("V1", n=2)


@pytest.mark.slow
def test_brand_readiness_beats_naive_baselines_under_drawn_behaviour():
    """Issue 27: with readiness frozen and behavioural parameters drawn per cluster, the brand
    wheel predicts the reputation reached at T better than mean absorptive capacity or current
    quality alone (measured at population seeds 2027 and 31; docs/validation.md). The 0.6
    target is not asserted: it is not met (technology wheel, overall). It failed between the
    brand game's merge and the regional-name withdrawal (rho 0.34, 2026-12-03); with the
    withdrawal the association's monitoring matters to members' choices again."""
    from clusternet.validation import population_study, predictive_validity

    table = population_study(40, firms=150, steps=20, seed=31, workers=1, behaviour=True)
    pv = predictive_validity(table).set_index(["index", "outcome"])
    row = pv.loc[("brand", "reputation_end")]
    assert row["beats_baselines"], pv
    assert row["ci_low"] > max(row["rho_absorptive_capacity"], row["rho_quality"])


def test_v9_hump_needs_no_choice_so_it_is_a_wiring_check():
    """V9's arms differ only in cluster size, in one region (capacity per base firm), with
    congestion's cost and the agglomeration term at their defaults; and the falling side of
    the hump holds with no firm revising any choice (revision rate 0): it is the margin
    formula, which is why V9 is a wiring row (a referee's check, kept as a test)."""
    import dataclasses

    from clusternet.experiments import run_experiment as run_declared
    from clusternet.validation.wiring import V9_CAPACITY_PER_FIRM, V9_GROWTH

    exp = WIRING["V9"].experiment
    assert exp is not None
    assert {a.name: a.firms_factor for a in exp.arms} == {"mid": 1.0, "small": 0.125, "large": 4.0}
    for arm in exp.arms:
        assert arm.per_base_firm == {"capacity": V9_CAPACITY_PER_FIRM}
        assert arm.model == {"growth": V9_GROWTH}
    frozen = dataclasses.replace(
        exp,
        arms=tuple(
            dataclasses.replace(a, model={**a.model, "revision_rate": 0.0}) for a in exp.arms
        ),
    )
    fall = run_declared(frozen, firms=200, reps=4, steps=20, seed=3, workers=1).verdicts.iloc[1]
    assert fall["high"] < 0, fall.to_dict()


def test_policy_arms_are_compared_with_a_baseline_at_the_default_funding():
    """A robustness draw of ``platform_funding`` must not set the baseline's funding to the
    policy's 0.5: every arm compared with a funded arm fixes it at the default."""
    from clusternet.dynamics.parameters import PARAMETERS

    default = PARAMETERS["platform_funding"].default
    for key, arms in (("V5", ("baseline",)), ("V7", ("baseline", "certification"))):
        exp = PROPOSITIONS[key].experiment
        assert exp is not None
        for name in arms:
            assert exp.arm(name).model["platform_funding"] == default, (key, name)
        assert exp.arm({"V5": "funded", "V7": "platform"}[key]).model["platform_funding"] == 0.5


def test_v11_frozen_arms_differ_from_the_others_only_in_revision():
    """V11's claim is a difference in differences: the frozen arms differ from the others
    only in that no firm revises (revision rate 0), and the pasts only in R_0."""
    from clusternet.validation.wiring import BAD_PAST, GOOD_PAST

    exp = WIRING["V11"].experiment
    assert exp is not None
    models = {a.name: a.model for a in exp.arms}
    assert models["good_past"] == {"initial_reputation": GOOD_PAST}
    assert models["bad_past"] == {"initial_reputation": BAD_PAST}
    for past in ("good_past", "bad_past"):
        assert models[f"{past}_frozen"] == {**models[past], "revision_rate": 0.0}
    did = exp.claims[0]
    assert (did.arm, did.reference, did.minus, did.sign) == (
        "good_past",
        None,
        ("good_past_frozen", "bad_past_frozen"),
        +1,
    )
    assert exp.baseline == "bad_past"
