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
#: Measured in round 28 by the page's run (commit ba5a5bd, after the objective stopped
#: depending on the CPU's BLAS kernel): (survey, seed) -> the count of the 12 moments inside.
MEASURED: dict[tuple[str, int], int] = {
    ("CKM", 1): 11,
    ("CKM", 2): 11,
    ("CKM", 3): 10,
    ("CKM", 4): 11,
    ("CKM", 5): 10,
    ("Lazega", 1): 9,
    ("Lazega", 2): 11,
    ("Lazega", 3): 11,
    ("Lazega", 4): 10,
    ("Lazega", 5): 10,
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
        reason = f"measured in round 28: {count} of 12 inside (docs/calibration.md)"
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


def test_measured_counts_are_the_records_of_the_page():
    records = _example().load_records()
    stored = {(r["survey"].split()[0], r["seed"]): r["inside"] for r in records}
    assert stored == MEASURED


class _StubFit:
    """What the example reads of a fit, without fitting (quick tests of its bookkeeping)."""

    def __init__(self, inside: int, params: dict, estimated: list[str]):
        import pandas as pd

        moments = [f"m{i}" for i in range(12)] + ["transaction:reciprocity"]
        self.fit = pd.DataFrame(
            {
                "moment": moments,
                "observed": 1.0,
                "low": 0.5,
                "high": 1.5,
                "inside": [i < inside for i in range(12)] + [True],
            }
        )
        self.estimates = pd.DataFrame(
            {"parameter": estimated, "estimate": [params[k] for k in estimated],
             "low": None, "high": None, "bound_low": 0.0, "bound_high": 1.0}
        )  # fmt: skip
        self.params, self.objective, self.evaluations, self.simulations = params, 1.0, 10, 60
        self.layer_map = {"advice": "technology"}

    def summary(self) -> str:
        return "stub fit"


def test_surveys_at_one_seed_merge_records_and_keep_the_other_seeds(tmp_path, monkeypatch):
    import json

    ex = _example()
    doc = tmp_path / "calibration.md"
    doc.write_text((EXAMPLE.parent.parent / "docs" / "calibration.md").read_text())
    results = tmp_path / "calibration_surveys.json"
    old = [
        {"survey": name, "seed": seed, "inside": 9, "of": 12, "misses": "x", "objective": 2.0,
         "evaluations": 5, "simulations": 6, "wall_s": 1.0, "cpu_s": 1.0}
        for name in ex.SURVEYS for seed in (1, 2, 3)
    ]  # fmt: skip
    results.write_text(json.dumps(old))
    monkeypatch.setattr(ex, "DOC", doc)
    monkeypatch.setattr(ex, "SEED_RESULTS", results)
    monkeypatch.setattr(ex, "PAGE_RESULTS", tmp_path / "calibration_page.json")
    params = {"transaction_technology": 0.9, "social_technology": 0.1}
    monkeypatch.setattr(
        ex, "fit_survey", lambda name, seed: _StubFit(11, params, ["transaction_technology"])
    )
    ex.surveys_only((1, 3))
    records = json.loads(results.read_text())
    assert [(r["survey"][:3], r["seed"], r["inside"]) for r in records] == [
        ("Laz", 1, 11), ("Laz", 2, 9), ("Laz", 3, 11), ("CKM", 1, 11), ("CKM", 2, 9), ("CKM", 3, 11),
    ]  # fmt: skip
    assert all(r["commit"] for r in records if r["inside"] == 11)  # each new record's commit
    page = doc.read_text()
    lazega = next(ln for ln in page.splitlines() if ln.startswith("| Lazega") and "seed" not in ln)
    assert "| 11 | 9 | 11 | 2 of 3 |" in lazega  # every seed of the file, not only this run's
    # the implied partner share is shown beside the estimates
    assert "| social_technology | 0.1 | implied: 1 − transaction_technology" in page
    # a run without the first seed keeps the first seed's sections (from the page results)
    monkeypatch.setattr(
        ex, "fit_survey", lambda name, seed: _StubFit(10, params, ["transaction_technology"])
    )
    ex.surveys_only((2,))
    page = doc.read_text()
    assert "| 11 | 10 | 11 | 3 of 3 |" in page
    assert "| social_technology | 0.1 | implied: 1 − transaction_technology" in page
    assert page.count("**11 of 12**") == 2 and "**10 of 12**" not in page


def test_held_table_shows_fixed_settings_and_a_default_partner_share():
    ex = _example()
    name = next(n for n in ex.SURVEYS if n.startswith("Lazega"))
    fit = _StubFit(12, {"same_stage_trade": 0.5, "closure_rounds": 8}, ["same_stage_trade"])
    table = ex.held_table(name, fit)
    assert table.set_index("parameter")["value"].to_dict() == {
        "closure_rounds": 8,
        "skip_stage_trade": 0.1,
    }
    assert table["how"].str.startswith(("fixed in the call", "default")).all()
