"""Propositions on the mechanisms of issue 26 (clusternet.validation.mechanism_propositions).

Each proposition's claimed sign is asserted with its 95 % paired interval at the
reduced page's design (docs/validation.md: 100 firms where the design does not fix
the size, 6 replicates, seed 2026), or xfailed with the measured numbers. The
robustness machinery is checked on cheap designs; the shares over the page's Latin
hypercube are asserted in tests/test_validation_robustness.py.
"""

import numpy as np
import pytest

from clusternet.validation.mechanism_propositions import (
    CLAIMS,
    COMPETITION_SHAPE,
    DESIGN_FIXED,
    MECHANISM_PROPOSITIONS,
)
from clusternet.validation.mechanism_space import at_point, mechanism_robustness, mechanism_task
from clusternet.validation.rows import run_row

#: The page's reduced design.
FIRMS, REPS, SEED = 100, 6, 2026

#: Claims not shown at the page's reduced design, with the measured numbers (not tuned).
NOT_SHOWN: dict[str, str] = {
    "M2": "measured 2026-12-04 with the comparison arm that drops only the own effect "
    "(own_effect False, same discount and name withdrawal; 12-firm clusters, 6 paired "
    "replicates, seed 2026): -0.065 [-0.183, 0.052], not shown (with round 3's discount-0 "
    "arm -0.074 [-0.232, 0.085]); tests/test_dynamics_brand.py measures it with 32 "
    "replicates: the SME gradient is small against the noise of 12-firm clusters",
    "M6": "measured 2026-12-06 (100 firms, 6 paired replicates, seed 2026, the defaults, "
    "lambda 0.8): the gap beyond the one with no firm revising a choice, minus 0.1, is "
    "-0.078 [-0.104, -0.052] (the choices keep 0.022 [-0.004, 0.048] beyond buyers): the "
    "pasts converge; tests/test_dynamics_brand.py xfails persistence at the defaults",
}


def test_every_row_is_a_proposition_with_its_chain_and_claims():
    for key, row in MECHANISM_PROPOSITIONS.items():
        assert row.kind == "proposition", key
        assert len(row.not_by_construction) > 100, key
        assert all(sign in (-1, 1) for _, sign in CLAIMS[key]), key
        if row.experiment is not None:
            assert [c.text for c in row.experiment.claims] == [t for t, _ in CLAIMS[key]]
    assert set(DESIGN_FIXED) == set(MECHANISM_PROPOSITIONS) == set(CLAIMS)


def test_the_design_overrides_the_drawn_point():
    """A lever stays a lever: M5's arms set `competition` themselves, so a draw of it is
    overridden; every other drawn parameter reaches every arm."""
    exp = at_point(COMPETITION_SHAPE, {"competition": 0.3, "premium": 0.45})
    assert [a.model["competition"] for a in exp.arms] == [0.2, 0.55, 0.9]
    assert all(a.model["premium"] == 0.45 for a in exp.arms)
    assert exp.claims == COMPETITION_SHAPE.claims


@pytest.mark.slow  # 18 small runs through cn.sweep
def test_robustness_share_is_the_share_of_draws_whose_interval_holds():
    """Shares and Clopper-Pearson intervals recomputed by hand from the draws; a draw of
    a parameter the design sets itself changes nothing (common random numbers)."""
    from scipy import stats

    base = mechanism_task("M5", 50, 2, 7, 2)
    assert mechanism_task("M5", 50, 2, 7, 2, competition=0.9) == base

    rob = mechanism_robustness(
        "M5", n=3, reps=2, firms=50, steps=2, parameters=["innovation_rate"], seed=3, workers=1
    )
    assert len(rob.draws) == 3
    for _, sh in rob.shares.iterrows():
        i, sign = int(sh.claim), int(sh.sign)
        col = rob.draws[f"low_{i}"] > 0 if sign > 0 else rob.draws[f"high_{i}"] < 0
        assert sh.holds == int(col.sum()) == int(rob.draws[f"holds_{i}"].sum())
        ci = stats.binomtest(int(sh.holds), 3).proportion_ci(0.95, method="exact")
        assert sh.low == pytest.approx(ci.low) and sh.high == pytest.approx(ci.high)
    # the draws are a Latin hypercube over the plausible range: one per stratum
    strata = np.floor((rob.draws["innovation_rate"] - 0.01) / (0.03 / 3)).astype(int)
    assert sorted(strata) == [0, 1, 2]


def test_memory_alone_leaves_the_geometric_gap():
    """M6's counterfactual arm: with no firm revising its quality and buyers not moving
    sales (demand_adjustment 0), two pasts of the same cluster differ by exactly
    (R_good - R_bad) lambda^T after T steps — buyers' memory alone."""
    import clusternet as cn
    from clusternet.validation.mechanism_propositions import PASTS

    net = cn.generate_cluster(60, seed=4)
    for memory in (0.6, 0.8, 0.95):
        good, bad = (
            cn.simulate_upgrading(net, 12, seed=4, revision_rate=0.0, demand_adjustment=0.0,
                                  reputation_memory=memory, initial_reputation=r0)
            .timeseries["reputation"].iloc[-1]
            for r0 in PASTS
        )  # fmt: skip
        assert good - bad == pytest.approx((PASTS[0] - PASTS[1]) * memory**12, rel=1e-9)


def test_unknown_row_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown row 'M9'"):
        mechanism_robustness("M9")


@pytest.mark.slow
@pytest.mark.parametrize("key", list(MECHANISM_PROPOSITIONS))
def test_proposition_holds_with_an_interval_on_its_side(key, request):
    """Each claim's 95 % paired interval lies on its claimed side of zero."""
    if key in NOT_SHOWN:
        request.applymarker(pytest.mark.xfail(strict=False, reason=NOT_SHOWN[key]))
    result = run_row(MECHANISM_PROPOSITIONS[key], FIRMS, REPS, SEED)
    assert [e.name for e in result.effects] == [t for t, _ in CLAIMS[key]]
    for e in result.effects:
        assert e.n == REPS
        assert e.supported, (key, e.name, e.mean, e.low, e.high)


# The shares over the plausible parameter space are asserted from the page's run (every
# draw stored in docs/validation_robustness.json) by tests/test_validation_robustness.py.
