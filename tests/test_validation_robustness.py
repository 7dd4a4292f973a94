"""Robustness of the propositions over the plausible parameter space (docs/validation.md).

The page's robustness section is written by ``examples/validation_table.py`` from one run
whose every draw is stored in ``docs/validation_robustness.json``. These tests recompute
the page's numbers from that file by hand (right-sign counts, interval verdicts,
Clopper-Pearson intervals from scipy), check that the stored design is a Latin hypercube
over the documented plausible ranges, assert each claim's share against the bar the page
states (holds in at least half of the plausible space), and — slow — rerun draws from
scratch to show the file is what the code computes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from clusternet.dynamics.parameters import PLAUSIBLE
from clusternet.validation import PROPOSITIONS
from clusternet.validation.mechanism_propositions import (
    CLAIMS,
    DESIGN_FIXED,
    MECHANISM_PROPOSITIONS,
)
from clusternet.validation.robustness import Robustness

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "validation.md"
RESULTS = ROOT / "docs" / "validation_robustness.json"


@pytest.fixture(scope="module")
def results() -> dict:
    return json.loads(RESULTS.read_text())


@pytest.fixture(scope="module")
def page_rows() -> dict[str, list[str]]:
    text = PAGE.read_text()
    section = text.split("## Robustness of the propositions over the plausible parameter space")[1]
    section = section.split("\n## ")[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"\| ([VM]\d+\.\d+) \|", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in line.strip().strip("|").split("|")]
    return rows


def _array(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], float)


def _claims(results: dict):
    for key, row in results["rows"].items():
        for i, claim in enumerate(row["claims"]):
            yield key, i, claim


def test_every_proposition_with_a_design_is_in_the_file(results):
    declared = [k for k, r in PROPOSITIONS.items() if r.experiment is not None]
    assert list(results["rows"]) == declared + list(MECHANISM_PROPOSITIONS)
    for key in MECHANISM_PROPOSITIONS:
        texts = [c["text"] for c in results["rows"][key]["claims"]]
        assert texts == [t for t, _ in CLAIMS[key]]
        assert [c["sign"] for c in results["rows"][key]["claims"]] == [s for _, s in CLAIMS[key]]
        assert set(results["rows"][key]["fixed"]) <= set(DESIGN_FIXED[key])
    for key in declared:
        exp = PROPOSITIONS[key].experiment
        assert [c["text"] for c in results["rows"][key]["claims"]] == [c.text for c in exp.claims]
        # a parameter is fixed only when every arm sets it
        fixed = {p for p in PLAUSIBLE if all(p in a.model for a in exp.arms)}
        assert set(results["rows"][key]["fixed"]) == fixed


def test_the_design_is_a_latin_hypercube_over_the_plausible_ranges(results):
    """One draw in each of the n equal strata of every parameter's documented range."""
    params = results["parameters"]
    n = results["design"]["draws"]
    assert set(params) == set(PLAUSIBLE)
    for name, values in params.items():
        lo, hi = PLAUSIBLE[name]
        v = np.asarray(values, float)
        assert len(v) == n and (v >= lo).all() and (v <= hi).all(), name
        strata = np.minimum(np.floor((v - lo) / (hi - lo) * n).astype(int), n - 1)
        assert sorted(strata) == list(range(n)), name


def test_every_claim_has_every_draw(results):
    n = results["design"]["draws"]
    for key, i, claim in _claims(results):
        for part in ("effect", "low", "high"):
            assert len(claim[part]) == n, (key, i, part)
        eff, low, high = _array(claim["effect"]), _array(claim["low"]), _array(claim["high"])
        ok = np.isfinite(low)
        assert (low[ok] <= eff[ok] + 1e-12).all() and (eff[ok] <= high[ok] + 1e-12).all()


def test_the_page_table_is_the_file_recomputed_by_hand(results, page_rows):
    """Right sign, holds and the Clopper-Pearson interval of every claim, from raw draws."""
    n = results["design"]["draws"]
    expected = {f"{k}.{i + 1}" for k, i, _ in _claims(results)}
    assert set(page_rows) == expected
    for key, i, claim in _claims(results):
        cells = page_rows[f"{key}.{i + 1}"]
        eff, low, high = _array(claim["effect"]), _array(claim["low"]), _array(claim["high"])
        sign = claim["sign"]
        right = int(np.sum(eff * sign > 0))
        holds = int(np.sum(low > 0)) if sign > 0 else int(np.sum(high < 0))
        ci = stats.binomtest(holds, n).proportion_ci(0.95, method="exact")
        assert cells[1] == claim["text"]
        assert cells[2] == ("+" if sign > 0 else "−")
        assert cells[3] == f"{right}/{n}"
        assert cells[4] == f"{holds}/{n}"
        assert cells[5] == f"{holds / n:.2f} [{ci.low:.2f}, {ci.high:.2f}]"


def test_the_page_failure_boxes_are_prim_on_the_file(results, page_rows):
    """The *where it fails* column is PRIM run on the stored draws with the page's settings,
    over the parameters the row's design does not set."""
    params = pd.DataFrame(results["parameters"])
    for key, i, claim in _claims(results):
        low, high = _array(claim["low"]), _array(claim["high"])
        holds = (low > 0) if claim["sign"] > 0 else (high < 0)
        draws = params.copy()
        draws[f"holds_{i}"] = holds
        rob = Robustness(key, draws, pd.DataFrame(), list(params), results["rows"][key]["fixed"])
        assert page_rows[f"{key}.{i + 1}"][6] == rob.failure_summary(i, 0.8, 8), (key, i)
        if rob.free and 8 <= (~holds).sum() < 0.8 * len(holds):
            box = rob.failure_boxes(i, 0.8)
            assert set(box.limits["parameter"]) <= set(rob.free)
            assert box.boxes.loc[0, "density"] >= 0.8 or box.limits.empty


#: The bar the page states: a proposition holds in at least half of the plausible space.
BAR = 0.5

#: Claims below the bar in the page's run, with the measured numbers (not tuned):
#: "right sign/holds of draws".
BELOW_BAR: dict[str, str] = {
    "V3.1": "0/160 hold, right sign in 0/160: a cluster with competition ties innovates less "
    "everywhere (median -22.6 innovations; laggards' steps do not pay their cost)",
    "V4.1": "3/160 hold, right sign in 50/160 (median +1 innovation: more imitation does not "
    "lower innovation in most of the space)",
    "V4.3": "0/160 hold, right sign in 0/160: long-run knowledge rises with imitation x4 - "
    "x0.25 everywhere (median +0.139)",
    "V4.5": "0/160 hold, right sign in 0/160: no falling side of the hump anywhere (median "
    "+0.208 from imitation x0.5 to x4)",
    "V7.1": "4/160 hold, right sign in 67/160 (median 0: the platform policy leaves the "
    "high-quality share unchanged)",
    "M2.1": "3/160 hold, right sign in 45/160 (median -0.014: an SME cluster keeps as much of "
    "the own-effect uplift as a mixed one)",
}


@pytest.mark.parametrize(
    "label",
    [
        f"{k}.{i + 1}"
        for k, r in {**PROPOSITIONS, **MECHANISM_PROPOSITIONS}.items()
        for i in range(
            len(r.experiment.claims)
            if k in PROPOSITIONS and r.experiment is not None
            else (len(CLAIMS[k]) if k in CLAIMS else 0)
        )
    ],
)
def test_claim_holds_in_at_least_half_of_the_plausible_space(label, results, request):
    """The share is asserted, not a point effect: the claim's interval lies on its side of
    zero in at least half of the draws of the plausible parameter space."""
    if label in BELOW_BAR:
        request.applymarker(pytest.mark.xfail(strict=True, reason=BELOW_BAR[label]))
    key, i = label.split(".")
    claim = results["rows"][key]["claims"][int(i) - 1]
    low, high = _array(claim["low"]), _array(claim["high"])
    holds = (low > 0) if claim["sign"] > 0 else (high < 0)
    assert holds.mean() >= BAR, (label, int(holds.sum()), len(holds))


#: Claims whose mean effect has the other sign in most draws of the page's run (measured,
#: not tuned): "right sign of draws".
WRONG_SIGN: dict[str, str] = {
    key: BELOW_BAR[key] for key in ("V3.1", "V4.1", "V4.3", "V4.5", "V7.1", "M2.1")
}


@pytest.mark.parametrize(
    "label",
    [
        f"{k}.{i + 1}"
        for k, r in {**PROPOSITIONS, **MECHANISM_PROPOSITIONS}.items()
        for i in range(
            len(r.experiment.claims)
            if k in PROPOSITIONS and r.experiment is not None
            else (len(CLAIMS[k]) if k in CLAIMS else 0)
        )
    ],
)
def test_claim_has_its_sign_in_at_least_half_of_the_plausible_space(label, results, request):
    """The weaker reading, shown or not: the mean effect over the replicates has the claimed
    sign in at least half of the draws."""
    if label in WRONG_SIGN:
        request.applymarker(pytest.mark.xfail(strict=True, reason=WRONG_SIGN[label]))
    key, i = label.split(".")
    claim = results["rows"][key]["claims"][int(i) - 1]
    effect = _array(claim["effect"])
    assert np.mean(effect * claim["sign"] > 0) >= BAR, (label, effect.tolist()[:5])


def test_the_page_summary_lists_the_claims_by_the_file(results):
    """The sentence under the table sorts every claim by its share and sign share."""
    robust, unshown, wrong = [], [], []
    for key, i, claim in _claims(results):
        low, high = _array(claim["low"]), _array(claim["high"])
        holds = (low > 0) if claim["sign"] > 0 else (high < 0)
        signed = int(np.sum(_array(claim["effect"]) * claim["sign"] > 0))
        n, name = len(holds), f"{key}.{i + 1}"
        if holds.mean() >= BAR:
            robust.append(name)
        elif signed / n >= BAR:
            unshown.append(f"{name} ({signed} of {n} with the right sign)")
        else:
            wrong.append(f"{name} ({signed} of {n})")
    text = " ".join(PAGE.read_text().split())
    assert (
        f"**{len(robust)} hold in at least half of the plausible space**: "
        + (", ".join(robust) or "none")
        in text
    )
    assert "in much of the space): " + ("; ".join(unshown) or "none") + "." in text
    assert "the mean's in most draws: " + ("; ".join(wrong) or "none") + "." in text


def _roots(seed: int) -> tuple[int, int]:
    """The replicate roots of ``robustness`` and ``mechanism_robustness`` for ``seed``."""
    from clusternet._validate import seed_sequence

    run_seed = seed_sequence(seed).spawn(2)[1]
    mech_root = int(run_seed.generate_state(1, dtype=np.uint32)[0])
    experiment_seed = mech_root
    v_root = int(seed_sequence(experiment_seed).generate_state(1, dtype=np.uint32)[0])
    return v_root, mech_root


@pytest.mark.slow  # reruns two draws of every row from scratch (~1 min)
def test_stored_draws_are_what_the_code_computes(results):
    """Two draws per row rerun through the row's own task: the same effects to 1e-12."""
    from clusternet.validation.mechanism_propositions import mechanism_task
    from clusternet.validation.robustness import robustness_task

    d = results["design"]
    v_root, mech_root = _roots(d["seed"])
    params = pd.DataFrame(results["parameters"])
    for key, row in results["rows"].items():
        for draw in (0, d["draws"] - 1):
            theta = {p: float(params.loc[draw, p]) for p in params}
            if key in PROPOSITIONS:
                steps = PROPOSITIONS[key].steps
                per_rep = [
                    robustness_task(key, r, v_root, d["firms"], steps, draw, **theta)
                    for r in range(d["replicates"])
                ]
                got = [
                    np.mean([p[f"claim_{i}"] for p in per_rep]) for i in range(len(row["claims"]))
                ]
            else:
                steps = MECHANISM_PROPOSITIONS[key].steps
                out = mechanism_task(key, d["firms"], d["replicates"], mech_root, steps, **theta)
                got = [out[f"effect_{i}"] for i in range(len(row["claims"]))]
            want = [c["effect"][draw] for c in row["claims"]]
            assert got == pytest.approx(want, rel=1e-12, abs=1e-12), (key, draw)


def _synthetic(holds_rule, n=300, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    draws = pd.DataFrame({"premium": rng.random(n), "discount": rng.random(n),
                          "noise": rng.random(n)})  # fmt: skip
    draws["holds_0"] = holds_rule(draws)
    return draws


def test_failure_summary_finds_a_known_failure_box():
    """Claims fail where premium > 0.7 and discount < 0.5: PRIM's box restricts exactly those
    two, with bounds near the truth (within 0.1: at density 0.8 PRIM keeps some holding draws
    for coverage), and the noise parameter is not restricted."""
    draws = _synthetic(lambda d: ~((d["premium"] > 0.7) & (d["discount"] < 0.5)))
    rob = Robustness("V3", draws, pd.DataFrame(), ["premium", "discount", "noise"])
    box = rob.failure_boxes(0, 0.8)
    lim = box.limits.set_index("parameter")
    assert set(lim.index) == {"premium", "discount"}
    assert lim.loc["premium", "low"] == pytest.approx(0.7, abs=0.1)
    assert lim.loc["discount", "high"] == pytest.approx(0.5, abs=0.1)
    assert lim.loc["premium", "high"] == lim.loc["premium", "range_high"]
    assert lim.loc["discount", "low"] == lim.loc["discount", "range_low"]
    text = rob.failure_summary(0)
    assert f"`premium` ≥ {lim.loc['premium', 'low']:.3g}" in text
    assert f"`discount` ≤ {lim.loc['discount', 'high']:.3g}" in text
    assert "noise" not in text
    assert f"density {box.boxes.loc[0, 'density']:.2f}" in text


def test_failure_summary_leaves_out_what_the_design_sets():
    """A parameter the design sets in every arm cannot decide anything: PRIM does not search
    it, even when the stored draws of it happen to line up with the failures."""
    draws = _synthetic(lambda d: d["premium"] < 0.6)
    rob = Robustness("V3", draws, pd.DataFrame(), ["premium", "discount", "noise"], ["premium"])
    assert rob.free == ["discount", "noise"]
    assert set(rob.failure_boxes(0, 0.8).limits["parameter"]) <= {"discount", "noise"}
    assert "premium" not in rob.failure_summary(0)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (lambda d: np.ones(len(d), bool), "holds in every draw"),
        (lambda d: np.zeros(len(d), bool), "fails in every draw"),
        (lambda d: np.arange(len(d)) >= 5, "too few failures for PRIM (5 of 300 draws)"),
        (
            lambda d: np.arange(len(d)) < 30,
            "fails across the space (270 of 300 draws; no box needed)",
        ),
    ],
)
def test_failure_summary_says_when_prim_has_nothing_to_peel(rule, expected):
    draws = _synthetic(rule)
    rob = Robustness("V3", draws, pd.DataFrame(), ["premium", "discount", "noise"])
    assert rob.failure_summary(0, 0.8, 8) == expected


def test_failure_summary_names_a_missing_claim():
    draws = _synthetic(lambda d: d["premium"] < 0.5)
    with pytest.raises(ValueError, match="row V3 has no claim 2"):
        Robustness("V3", draws, pd.DataFrame(), ["premium"]).failure_summary(2)
