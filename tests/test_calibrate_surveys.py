"""The two survey fits of docs/calibration.md at several fit seeds (issue 28's target).

Each case runs the example's call (``examples/calibration.py``, :data:`SURVEY_FITS`) at
one fit seed, with the goodness-of-fit check drawn from 400 networks at the estimate
(``check=400``: with the default 40 draws the 95 % range's ends are the 1st and 39th
order statistics, and a moment near an end flips with the check's draws), and asserts
that at least 10 of the 12 moments the page has reported since round 1 (reciprocity
aside) lie inside their simulated 95 % ranges. Only the runs measured in round 6 are
listed (:data:`MEASURED`); where the measurement put fewer than 10 inside, the case is an
xfail with its count. A fit takes 1-2 minutes of CPU on a quiet machine: every case is
``slow``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from clusternet.calibrate import fit_generator

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "calibration.py"
#: Draws of the goodness-of-fit check.
CHECK = 400
#: Measured in round 6: (survey, seed, options added to the example's call) -> the count of
#: the 12 moments inside, from this very computation (the fit's own 400-draw check).
MEASURED: dict[tuple[str, int, str], int] = {
    ("CKM", 1, "final_sims24"): 11,
    ("CKM", 2, "final_sims24"): 12,
    ("CKM", 3, "final_sims24"): 10,
    ("CKM", 4, "final_sims24"): 12,
    ("CKM", 5, "final_sims24"): 12,
    ("Lazega", 1, "two_step"): 12,
    ("Lazega", 2, "example"): 8,
    ("Lazega", 2, "two_step"): 10,
    ("Lazega", 3, "two_step"): 11,
}
#: The options each label adds to the example's call.
OPTIONS = {
    "example": {},
    "final_sims24": {"final_sims": 24},
    "two_step": {"weights": "estimate"},
}


def _example():
    spec = importlib.util.spec_from_file_location("example_calibration", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _case(survey: str, seed: int, label: str):
    marks = [pytest.mark.slow]
    count = MEASURED[(survey, seed, label)]
    if count < 10:
        reason = f"measured in round 6: {count} of 12 inside (docs/calibration.md, round 6)"
        marks.append(pytest.mark.xfail(reason=reason, strict=False))
    return pytest.param(survey, seed, label, marks=marks, id=f"{survey}-seed{seed}-{label}")


@pytest.mark.parametrize(("survey", "seed", "label"), [_case(*c) for c in MEASURED])
def test_survey_fit_puts_ten_of_twelve_moments_inside(survey, seed, label):
    ex = _example()
    name = next(n for n in ex.SURVEYS if n.startswith(survey))
    loader, mapping = ex.SURVEYS[name]
    call = {**ex.SURVEY_FITS[name], **OPTIONS[label]}
    fit = fit_generator(loader(), layer_map=mapping, seed=seed, check=CHECK, workers=1, **call)
    twelve = fit.fit[fit.fit["moment"] != "transaction:reciprocity"]
    assert len(twelve) == 12
    assert int(twelve["inside"].sum()) >= 10, twelve
