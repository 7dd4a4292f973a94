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
        assert results["rows"][key]["fixed"] == [p for p in PLAUSIBLE if p in DESIGN_FIXED[key]]
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
    """Sign counts, holds and the Clopper-Pearson interval of every claim, from raw draws."""
    n = results["design"]["draws"]
    expected = {f"{k}.{i + 1}" for k, i, _ in _claims(results)}
    assert set(page_rows) == expected
    for key, i, claim in _claims(results):
        cells = page_rows[f"{key}.{i + 1}"]
        eff, low, high = _array(claim["effect"]), _array(claim["low"]), _array(claim["high"])
        sign = claim["sign"]
        zero = np.abs(eff) <= 1e-12  # rounding zeros of equal outcomes count as zero
        signs = f"{np.sum(eff[~zero] * sign > 0)}/{zero.sum()}/{np.sum(eff[~zero] * sign < 0)}"
        holds = int(np.sum(low > 0)) if sign > 0 else int(np.sum(high < 0))
        ci = stats.binomtest(holds, n).proportion_ci(0.95, method="exact")
        assert cells[1] == claim["text"]
        assert cells[2] == ("+" if sign > 0 else "−")
        assert cells[3] == signs
        assert cells[4] == f"{holds}/{n}"
        assert cells[5] == f"{holds / n:.2f} [{ci.low:.2f}, {ci.high:.2f}]"


def _robustness(results: dict, key: str, i: int) -> Robustness:
    params = pd.DataFrame(results["parameters"])
    claim = results["rows"][key]["claims"][i]
    low, high = _array(claim["low"]), _array(claim["high"])
    draws = params.copy()
    draws[f"holds_{i}"] = (low > 0) if claim["sign"] > 0 else (high < 0)
    return Robustness(key, draws, pd.DataFrame(), list(params), results["rows"][key]["fixed"])


def test_the_page_failure_columns_are_the_methods_on_the_file(results, page_rows):
    """The PRIM and driver columns are what the library's methods give on the stored draws
    (a check that the page is not stale; the methods themselves are tested on planted
    regions and shuffled labels below)."""
    for key, i, _ in _claims(results):
        rob = _robustness(results, key, i)
        cells = page_rows[f"{key}.{i + 1}"]
        assert cells[6] == rob.failure_summary(i, 0.8, 8), (key, i)
        failures = int((~rob.draws[f"holds_{i}"]).sum())
        if 0 < failures < 8:
            assert cells[7] == f"too few failures ({failures})"
            continue
        drivers = rob.failure_drivers(i)
        assert cells[7].count("`") == 2 * len(drivers), (key, i)
        for r in drivers.itertuples(index=False):
            thirds = ", ".join(f"{t:.2f}" for t in r.thirds)
            assert f"`{r.parameter}` {r.fails_where} ({thirds}; p {r.p:.1g})" in cells[7]


def test_failure_drivers_agree_with_a_direct_mann_whitney_test(results):
    """Recomputed with scipy for every claim: the parameters whose failing and holding
    draws differ at the Bonferroni level, with the failure rate by thirds."""
    params = pd.DataFrame(results["parameters"])
    for key, i, _ in _claims(results):
        rob = _robustness(results, key, i)
        fails = ~rob.draws[f"holds_{i}"].to_numpy(bool)
        got = rob.failure_drivers(i).set_index("parameter")
        if fails.all() or not fails.any():
            assert got.empty
            continue
        for name in rob.free:
            x = params[name].to_numpy(float)
            p = stats.mannwhitneyu(x[fails], x[~fails]).pvalue * len(rob.free)
            assert (name in got.index) == (p < 0.05), (key, i, name, p)
            if name in got.index:
                third = pd.qcut(x, 3, labels=False)
                rates = [fails[third == t].mean() for t in range(3)]
                np.testing.assert_allclose(got.loc[name, "thirds"], rates, atol=1e-12)


def test_shuffled_labels_give_no_supported_box_and_no_driver(results):
    """Calibration: the failing draws of M1.1 relabelled at random twenty times; the pruned
    PRIM box and the drivers find nothing in at least 19 of the 20 (a referee measured
    0-3 % for boxes and 2-7 % for drivers over 100 shuffles of six claims)."""
    rng = np.random.default_rng(20261206)
    for key, i in (("M1", 0),):
        rob = _robustness(results, key, i)
        boxes = drivers = 0
        for _ in range(20):
            flags = rng.permutation(rob.draws[f"holds_{i}"].to_numpy(bool))
            null = Robustness(key, rob.draws.assign(**{f"holds_{i}": flags}), pd.DataFrame(),
                              rob.parameters, rob.fixed)  # fmt: skip
            boxes += not null.failure_summary(i, 0.8, 8).startswith("no supported box")
            drivers += len(null.failure_drivers(i)) > 0
        assert boxes <= 1 and drivers <= 1, (key, boxes, drivers)


#: The bar the page states: a proposition holds *in most of the plausible space* when the
#: exact 95 % interval of its share of draws lies above one half.
BAR = 0.5

#: Claims not shown to hold in most of the space in the page's run, with the measured
#: numbers (not tuned).
NOT_MOST: dict[str, str] = {
    "V3.1": "0/160 hold, sign +/0/- 0/0/160: a cluster with competition ties innovates less "
    "everywhere (median -22.6 innovations; laggards' steps do not pay their cost)",
    "V4.1": "3/160 hold, sign 51/4/105 (median +1 innovation: more imitation does not lower "
    "innovation in most of the space)",
    "V4.2": "80/160 hold, 0.50 [0.42, 0.58]: undecided at 8 replicates, sign 153/0/7; "
    "fails where radical_share is high and innovation_rate low",
    "V4.3": "0/160 hold, sign 0/0/160: long-run knowledge rises with imitation x4 - x0.25 "
    "everywhere (median +0.139)",
    "V4.5": "0/160 hold, sign 0/0/160: no falling side of the hump anywhere (median +0.208 "
    "from imitation x0.5 to x4)",
    "V7.1": "0/160 hold, sign 84/75/1 (median +0.0012): with the baseline's funding fixed "
    "at the default, the platform policy leaves the high-quality share unchanged in 75 "
    "draws and moves it by less than its interval in the rest",
    "V12.1": "44/160 hold, sign 104/23/33 (median -0.014): removing the government "
    "lowers membership in 104 draws and raises it in 33 (25 of them at a drawn funding of "
    "0.25 or more; why is a conjecture: members of a funded club may close their generic "
    "gap and value joining less); 13 of the 23 zeros are at a funding below 0.1",
    "V12.2": "0/160 hold, sign 39/88/33: removing training leaves membership unchanged in 88 draws",
    "M2.1": "3/160 hold, sign 43/5/112 (median -0.014: an SME cluster keeps as much of the "
    "own-effect uplift as a mixed one)",
    "V13.1": "3/160 hold, sign 59/0/101 (median +0.031 of an output per catchment firm of "
    "about 21 over the run): a cluster with more SMEs provides more per catchment firm in "
    "most draws (the cause is not established)",
    "V16.1": "0/160 hold, sign 5/55/100 (median -0.0022): a cluster with more SMEs forgoes "
    "less of the efficient provision in 100 draws and more in 5 (why is not established); "
    "in 55 the shortfall is 0 in both clusters",
    "V16.2": "64/160 hold, sign 102/58/0: under-provision against the Samuelson optimum "
    "fails in most draws with platform_return <= 3.29 (PRIM's failure box, density 0.83, "
    "coverage 0.99)",
    "V14.1": "8/160 hold, sign 92/0/68 (median +0.0005 of a share of about 0.25): under the "
    "tie choice training barely moves the share of technology ties",
    "M6.1": "0/160 hold, sign 0/0/160: the firms' choices keep a median 0.002 of reputation "
    "gap beyond what buyers alone keep (positive in 70 % of draws, at most 0.081, at "
    "reputation_memory 0.91), never the bar of 0.1 (at tests/test_dynamics_brand.py's "
    "bistable point, 40 equal monitored firms, the gap is 0.96 after 40 steps)",
}

LABELS = [
    f"{k}.{i + 1}"
    for k, r in {**PROPOSITIONS, **MECHANISM_PROPOSITIONS}.items()
    for i in range(
        len(r.experiment.claims)
        if k in PROPOSITIONS and r.experiment is not None
        else (len(CLAIMS[k]) if k in CLAIMS else 0)
    )
]


def _holds(claim: dict) -> np.ndarray:
    low, high = _array(claim["low"]), _array(claim["high"])
    return (low > 0) if claim["sign"] > 0 else (high < 0)


@pytest.mark.parametrize("label", LABELS)
def test_claim_holds_in_most_of_the_plausible_space(label, results, request):
    """The share is asserted, not a point effect: the exact interval of the share of draws
    whose paired interval lies on the claimed side of zero is above one half."""
    if label in NOT_MOST:
        request.applymarker(pytest.mark.xfail(strict=True, reason=NOT_MOST[label]))
    key, i = label.split(".")
    holds = _holds(results["rows"][key]["claims"][int(i) - 1])
    ci = stats.binomtest(int(holds.sum()), len(holds)).proportion_ci(0.95, method="exact")
    assert ci.low > BAR, (label, int(holds.sum()), len(holds))


#: Claims whose mean effect has the claimed sign in fewer than half of the draws (measured,
#: not tuned).
WRONG_SIGN: dict[str, str] = {
    key: NOT_MOST[key]
    for key in ("V3.1", "V4.1", "V4.3", "V4.5", "V12.2", "M2.1", "V13.1", "V16.1", "M6.1")
}


@pytest.mark.parametrize("label", LABELS)
def test_claim_has_its_sign_in_at_least_half_of_the_plausible_space(label, results, request):
    """The weaker reading, shown or not: the mean effect over the replicates has the claimed
    sign (not zero, not the other) in at least half of the draws."""
    if label in WRONG_SIGN:
        request.applymarker(pytest.mark.xfail(strict=True, reason=WRONG_SIGN[label]))
    key, i = label.split(".")
    claim = results["rows"][key]["claims"][int(i) - 1]
    effect = _array(claim["effect"])
    assert np.mean(effect * claim["sign"] > 0) >= BAR, (label, effect.tolist()[:5])


def test_the_page_summary_lists_the_claims_by_the_file(results):
    """The sentence under the table sorts every claim by its share's interval."""
    most, unclear, few = [], [], []
    for key, i, claim in _claims(results):
        holds = _holds(claim)
        eff = _array(claim["effect"]) * claim["sign"]
        k, n, name = int(holds.sum()), len(holds), f"{key}.{i + 1}"
        ci = stats.binomtest(k, n).proportion_ci(0.95, method="exact")
        zero = np.abs(eff) <= 1e-12
        verdict = (
            f"{name} ({k}; right sign {np.sum(eff[~zero] > 0)}, zero {zero.sum()}, "
            f"other {np.sum(eff[~zero] < 0)})"
        )
        if round(ci.low, 12) > BAR:
            most.append(name)
        elif ci.high < BAR:
            few.append(verdict)
        else:
            unclear.append(verdict)
    text = " ".join(PAGE.read_text().split())
    assert (
        f"**{len(most)} hold in most of the plausible space** (interval above one half): "
        + (", ".join(most) or "none")
        in text
    )
    assert "(interval across one half): " + ("; ".join(unclear) or "none") + "." in text
    assert "(interval below one half): " + ("; ".join(few) or "none") + "." in text
    total = len(most) + len(unclear) + len(few)
    assert f"Of {total} claims, **{len(most)} hold in most of the plausible space**" in text
    # the README quotes the same count
    readme = " ".join((PAGE.parents[1] / "README.md").read_text().split())
    assert f"{len(most)} of the {total} claims of the propositions hold in most" in readme


def _roots(seed: int) -> tuple[int, int]:
    """The replicate roots of ``robustness`` and ``mechanism_robustness`` for ``seed``."""
    from clusternet._validate import seed_sequence

    run_seed = seed_sequence(seed).spawn(2)[1]
    mech_root = int(run_seed.generate_state(1, dtype=np.uint32)[0])
    experiment_seed = mech_root
    v_root = int(seed_sequence(experiment_seed).generate_state(1, dtype=np.uint32)[0])
    return v_root, mech_root


@pytest.mark.slow  # reruns two draws of every row from scratch (~10 min on two shared cores)
def test_stored_draws_are_what_the_code_computes(results):
    """Two draws per row rerun through the row's own task: the same effects and 95 %
    intervals to 1e-12 (the intervals behind every *holds*)."""
    from clusternet.validation.mechanism_space import mechanism_task
    from clusternet.validation.robustness import robustness_task

    d = results["design"]
    v_root, mech_root = _roots(d["seed"])
    params = pd.DataFrame(results["parameters"])
    t = stats.t.ppf(0.975, d["replicates"] - 1)
    for key, row in results["rows"].items():
        for draw in (0, d["draws"] - 1):
            theta = {p: float(params.loc[draw, p]) for p in params}
            got = []
            if key in PROPOSITIONS:
                steps = PROPOSITIONS[key].steps
                per_rep = [
                    robustness_task(key, r, v_root, d["firms"], steps, draw, **theta)
                    for r in range(d["replicates"])
                ]
                for i in range(len(row["claims"])):
                    x = np.array([p[f"claim_{i}"] for p in per_rep])
                    half = t * x.std(ddof=1) / np.sqrt(len(x))
                    got += [x.mean(), x.mean() - half, x.mean() + half]
            else:
                steps = MECHANISM_PROPOSITIONS[key].steps
                out = mechanism_task(key, d["firms"], d["replicates"], mech_root, steps, **theta)
                for i in range(len(row["claims"])):
                    got += [out[f"effect_{i}"], out[f"low_{i}"], out[f"high_{i}"]]
            want = [c[part][draw] for c in row["claims"] for part in ("effect", "low", "high")]
            assert got == pytest.approx(want, rel=1e-9, abs=1e-12), (key, draw)


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


def test_failure_drivers_find_a_graded_effect_among_45_parameters():
    """Power at the page's size: 160 draws of 45 uniform parameters, failures whose rate
    falls from about 0.65 to 0.1 across one parameter's range (as M1.1's with `premium`);
    the driver test names that parameter, failing where it is low, in at least 9 of 10
    independent designs, and names another in at most 2 of them."""
    found = spurious = 0
    for seed in range(10):
        rng = np.random.default_rng(seed)
        x = pd.DataFrame(rng.random((160, 45)), columns=[f"p{j}" for j in range(45)])
        fail_rate = 0.65 - 0.55 * x["p0"].to_numpy()
        x["holds_0"] = rng.random(160) >= fail_rate
        drivers = Robustness("M1", x, pd.DataFrame(), [f"p{j}" for j in range(45)]).failure_drivers(
            0
        )
        hit = drivers[drivers["parameter"] == "p0"]
        found += len(hit) == 1 and hit["fails_where"].iloc[0] == "low"
        spurious += (drivers["parameter"] != "p0").any()
    assert found >= 9 and spurious <= 2, (found, spurious)
