"""The two survey fits of docs/calibration.md at fit seeds 1-5 (issue 28's target).

Each case runs exactly the example's call (``examples/calibration.py``: :data:`SURVEY_FITS`,
one procedure for both surveys — two-step weights and a last sweep on 24 fresh draws — at
one fit seed, the goodness-of-fit check drawn from ``CHECK`` = 400 networks at the estimate,
in this process, through the example's ``fit_survey``) and asserts that at least 10 of the 12 moments the page has reported since
round 1 (reciprocity aside) lie inside their simulated 95 % ranges. :data:`MEASURED` holds
the counts of the page's run (``python examples/calibration.py --surveys``, recorded in
``examples/calibration_surveys.json``); where it put fewer than 10 inside, the case is an
xfail with its count. A fit takes 1-3 minutes of CPU: every case is ``slow``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "calibration.py"
#: Measured in round 7 by the page's run: (survey, seed) -> the count of the 12 moments inside.
MEASURED: dict[tuple[str, int], int] = {
    ("CKM", 1): 11,
    ("CKM", 2): 12,
    ("CKM", 3): 10,
    ("CKM", 4): 12,
    ("CKM", 5): 12,
    ("Lazega", 1): 11,
    ("Lazega", 2): 11,
    ("Lazega", 3): 11,
    ("Lazega", 4): 10,
    ("Lazega", 5): 11,
}


def _example():
    spec = importlib.util.spec_from_file_location("example_calibration", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _case(survey: str, seed: int):
    marks = [pytest.mark.slow]
    count = MEASURED[(survey, seed)]
    if count < 10:
        reason = f"measured in round 7: {count} of 12 inside (docs/calibration.md)"
        marks.append(pytest.mark.xfail(reason=reason, strict=False))
    return pytest.param(survey, seed, marks=marks, id=f"{survey}-seed{seed}")


@pytest.mark.parametrize(("survey", "seed"), [_case(*c) for c in MEASURED])
def test_survey_fit_puts_ten_of_twelve_moments_inside(survey, seed):
    ex = _example()
    name = next(n for n in ex.SURVEYS if n.startswith(survey))
    fit = ex.fit_survey(name, seed)  # the example's own call: SURVEY_FITS, CHECK, workers=1
    twelve = fit.fit[fit.fit["moment"] != "transaction:reciprocity"]
    assert len(twelve) == 12
    assert int(twelve["inside"].sum()) >= 10, twelve
