"""Propositions on the mechanisms of issue 26 (clusternet.validation.mechanism_propositions).

Each proposition's claimed sign is asserted with its 95 % paired interval at the
reduced page's design (docs/validation.md: 100 firms where the design does not fix
the size, 6 replicates, seed 2026), or xfailed with the measured numbers. The
robustness machinery is checked on cheap designs; the shares themselves are on the page.
"""

import numpy as np
import pytest

from clusternet.validation.mechanism_propositions import (
    CLAIMS,
    COMPETITION_SHAPE,
    DESIGN_FIXED,
    MECHANISM_PROPOSITIONS,
    at_point,
    mechanism_robustness,
    mechanism_task,
)
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


#: The page's robustness design (examples/validation_table.py --reduced).
DRAWS, DRAW_REPS = 6, 4

#: Claims that hold in fewer than half of the page's draws, with the measured shares.
NOT_ROBUST: dict[str, str] = {
    "M1": "measured 2026-12-04 with the comparison arm that drops only the own effect "
    "(own_effect False): holds in 1 of 6 draws (share 0.17 [0.00, 0.64]; with round 3's "
    "discount-0 arm 0 of 6): shown at the defaults (+0.125 [0.055, 0.196], 6 replicates), "
    "not over most of the plausible range at 4 replicates",
    "M2": "measured 2026-12-04 with the comparison arm that drops only the own effect "
    "(own_effect False): holds in 0 of 6 draws (share 0.00 [0.00, 0.46], as with round 3's "
    "discount-0 arm); not shown at 4 replicates anywhere in the range (see NOT_SHOWN)",
    "M3": "measured 2026-12-03 with the name withdrawal: the gap claim holds in 4 of 6 draws "
    "(0.67 [0.22, 0.96]); the platform's relief (difference-in-differences of funding "
    "0.2 -> 1.0) in 2 of 6 (0.33 [0.04, 0.78]): at the defaults it is +3.33 [0.97, 5.70] "
    "with 6 replicates, over the range with 4 replicates its interval reaches zero in 4 "
    "draws",
    "M5": "measured 2026-12-03 with the name withdrawal: the rise from competition 0.2 to "
    "0.55 holds in 2 of 6 draws (0.33 [0.04, 0.78]), the rise from 0.55 to 0.9 in 4 of 6 "
    "(0.67 [0.22, 0.96]); at the defaults both hold (+1.83 [1.04, 2.62], +2.17 [0.77, "
    "3.56]): the model's rising line is a default-point result, not shown over most of the "
    "plausible range at 4 replicates",
}


@pytest.mark.slow
@pytest.mark.parametrize("key", list(MECHANISM_PROPOSITIONS))
def test_proposition_holds_in_most_of_the_plausible_space(key, request):
    """Robustness, not a point: over the page's Latin hypercube of every behavioural
    parameter's plausible range, each claim's interval lies on its side of zero in at
    least half of the draws (the share is asserted, not a point effect)."""
    if key in NOT_ROBUST:
        request.applymarker(pytest.mark.xfail(strict=False, reason=NOT_ROBUST[key]))
    rob = mechanism_robustness(key, n=DRAWS, reps=DRAW_REPS, firms=FIRMS, seed=SEED)
    assert list(rob.shares["text"]) == [t for t, _ in CLAIMS[key]]
    for _, sh in rob.shares.iterrows():
        assert sh.share >= 0.5, (key, sh.text, sh.holds, sh.draws)
