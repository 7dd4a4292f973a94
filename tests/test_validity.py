"""The monograph's propositions as comparative statics (see docs/validation.md).

Each experiment runs paired replicates with common random numbers on small
generated clusters; a test fails if an effect has the wrong sign or its 95 %
interval includes zero.
"""

import numpy as np
import pytest

from clusternet.validation import EXPERIMENTS, paired_effect, run_experiment


@pytest.mark.parametrize("key", list(EXPERIMENTS))
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
