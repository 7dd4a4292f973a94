"""The monograph's propositions as comparative statics (see docs/validation.md).

Each experiment runs paired replicates with common random numbers on small
generated clusters; a test fails if an effect has the wrong sign or its 95 %
interval includes zero.
"""

import numpy as np
import pytest

from clusternet.validation import EXPERIMENTS, paired_effect, run_experiment

# Rows that fail since the mechanisms changed (issue 26); the validation issue rebuilds them.
CHANGED = {
    "V3": "issue 26: generic technology is now a complement of innovation "
    "(generic_complement = 1 scales each hazard by K_i0 / F_0, about halving it) and draws "
    "are keyed by actor, so fewer rivals innovate within `memory` steps and the squeeze "
    "multiplier (default 3, itself chosen for this row) no longer gives +10 %",
}


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=False, reason=CHANGED[k]))
        if k in CHANGED
        else k
        for k in EXPERIMENTS
    ],
)
def test_proposition_holds_with_an_interval_that_excludes_zero(key):
    result = run_experiment(key, firms=400, reps=8, seed=20261129)
    table = result.table()
    assert len(table) >= 2
    for effect in result.effects:
        assert np.isfinite(effect.mean), effect.name
        assert effect.supported, (
            f"{key}: {effect.name} = {effect.mean:.4g} "
            f"[{effect.low:.4g}, {effect.high:.4g}] has not the claimed sign {effect.sign:+d}"
        )


def test_paired_effect_interval_matches_scipy():
    from scipy import stats

    d = np.array([0.3, 0.1, 0.4, 0.2, 0.5])
    e = paired_effect("x", d, +1)
    low, high = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))
    assert e.low == pytest.approx(low) and e.high == pytest.approx(high)
    assert e.supported
    assert not paired_effect("y", np.array([0.3, -0.2, 0.1, -0.3]), +1).supported


def test_unknown_experiment_is_named():
    with pytest.raises(ValueError, match="unknown experiment 'V99'"):
        run_experiment("V99")


def test_population_designs_cover_the_ranges_and_readiness_discriminates():
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
    from clusternet.measures import READINESS_COMPONENTS

    assert len(disc) == len(READINESS_COMPONENTS)
    # every component varies across clusters and none is pinned to a goalpost
    assert (disc["normalized_sd"] >= 0.05).all(), disc
    assert (disc[["share_at_low_goalpost", "share_at_high_goalpost"]].max(axis=1) <= 0.9).all()


def test_sobol_analysis_covers_every_plausible_parameter_and_output():
    from clusternet.dynamics.parameters import PARAMETERS, PLAUSIBLE
    from clusternet.validation import SOBOL_OUTPUTS, sobol_analysis

    for name, (lo, hi) in PLAUSIBLE.items():
        spec = PARAMETERS[name]
        assert spec.plausible == (lo, hi)
        assert spec.low <= lo < hi <= spec.high, name  # plausible ranges are legal values
        assert lo <= spec.default <= hi, name  # the default is a plausible value
    table = sobol_analysis(n=4, firms=150, steps=5, seed=1, workers=1)
    assert len(table) == len(SOBOL_OUTPUTS) * len(PLAUSIBLE)
    assert np.isfinite(table[["S1", "ST", "S1_conf", "ST_conf"]].to_numpy()).all()


def test_calibration_recovers_known_weights_by_nonnegative_least_squares():
    """An independent reference: outcomes built as exact rank-preserving functions of known mixes."""
    import pandas as pd

    from clusternet.measures import READINESS_COMPONENTS
    from clusternet.validation import WHEEL_OUTCOMES, calibrate_readiness_weights

    rng = np.random.default_rng(5)
    n = 400
    table = pd.DataFrame({f"norm:{k}": rng.random(n) for k in READINESS_COMPONENTS})
    truth = {
        "technology": {"innovation_capacity": 0.7, "knowledge_linkage": 0.3},
        "brand": {"brand_headroom": 0.5, "governance_coverage": 0.5},
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


def test_readiness_predicts_upgrading_out_of_sample_on_a_small_population():
    """The default (calibrated elsewhere) weights predict a fresh population's upgrading."""
    from clusternet.validation import input_effects, population_study, predictive_validity

    table = population_study(40, firms=250, steps=30, seed=31, workers=1)
    pv = predictive_validity(table).set_index(["index", "outcome"])
    # 40 clusters: the interval is wide, so the test asks that it clears 0.3
    assert (pv["ci_low"] > 0.3).all(), pv
    assert (pv["rho"] > 0.6).all(), pv
    inputs = input_effects(table).set_index(["input", "outcome"])
    assert inputs.loc[("rd_mean", "innovations_per_firm"), "ci_low"] > 0
