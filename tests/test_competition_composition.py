"""docs/model.md's round-19 paragraph on competition and composition quotes its result file.

``tools/competition_composition.py`` tests round 18's conjecture (an inverted U needs
innovation to set who is level); the page's numbers must be the result file's, and the
claims the page makes must hold in it: the curve rises in every design of the model,
spillover (and radical innovations, not incremental steps) spreads a levelled cluster,
the composition shifts with competition once spillover is off, far laggards make no
innovation at the default cost, and with Aghion et al.'s allocation for far laggards
the curve falls from the generated start and rises from the levelled one.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def result() -> dict:
    return json.loads((ROOT / "tools" / "competition_composition.json").read_text())


@pytest.fixture(scope="module")
def page() -> str:
    return " ".join((ROOT / "docs" / "model.md").read_text().split())


def _interval(row: dict, c: int) -> str:
    return f"{row['mean'][c]:.4f} [{row['low'][c]:.4f}, {row['high'][c]:.4f}]"


def test_the_design_is_the_one_the_page_names(result):
    assert result["design"] == {
        "reps": 12, "firms": 150, "competition": [0.0, 0.25, 0.5, 0.75, 1.0]
    }  # fmt: skip
    assert result["spread"]["steps"] == 10 and result["spread"]["competition"] == 0.5


def test_spillover_and_radical_steps_spread_a_levelled_cluster(result, page):
    arms = result["spread"]["arms"]
    assert all(arm["range_at_start_max"] == 0.0 for arm in arms.values())
    everything, no_spill = arms["all mechanisms"], arms["no spillover"]
    no_innovation = arms["no innovation"]
    no_radical = arms["no spillover, no radical innovation"]
    assert (
        f"median {everything['range_median']:.2f} ladder steps (sd {everything['sd_median']:.2f}). "
        f"Without innovation the median is {no_innovation['range_median']:.2f}. Without "
        f"spillover it is {no_spill['range_median']:.2f}" in page
    )
    wide = [x for x in no_spill["range"] if x > 10]
    assert f"{len(wide)} of the 12 clusters reach {min(wide):.1f}–{max(wide):.1f} steps" in page
    assert f"the range is {min(no_radical['range']):.2f}–{max(no_radical['range']):.2f}" in page
    assert max(no_radical["range"]) < 10  # the wide clusters were the radical innovations'
    assert arms["no spillover, training, platform or innovation"]["range"] == [0.0] * 12
    assert no_spill["range_median"] < everything["range_median"] / 5
    assert no_innovation["range_median"] > 0.9 * everything["range_median"]


def test_every_design_rises(result):
    assert len(result["shape"]) == 8
    for key, row in result["shape"].items():
        assert row["shape"] == "rising", key


def test_the_levelled_start_paragraph(result, page):
    shape = result["shape"]
    far = [s["far"] for key in ("levelled start | convention", "levelled start | h=0.15")
           for s in shape[key]["share"]]  # fmt: skip
    assert f"{100 * min(far):.1f}–{100 * max(far):.1f} % of firm-steps are far laggards" in page
    row = shape["levelled start | convention"]
    assert (
        f"from {_interval(row, 0)} under the convention at competition 0 to "
        f"{_interval(row, -1)} at 1" in page
    )


def test_without_spillover_the_composition_shifts_and_the_curve_still_rises(result, page):
    row = result["shape"]["levelled, no spillover | convention"]
    assert row["steps"] == 90
    near = [s["near_leader"] for s in row["share"]]
    far = [s["far"] for s in row["share"]]
    assert near[0] > near[-1] + 0.1 and far[-1] > far[0] + 0.05  # the AHHV composition shift
    assert (
        f"near leaders fall from {100 * near[0]:.1f} % of firm-steps to {100 * near[-1]:.1f} %, "
        f"and far laggards rise from {100 * far[0]:.1f} % to {100 * far[-1]:.1f} %" in page
    )
    assert f"Innovation still rises, from {_interval(row, 0)} to {_interval(row, -1)}" in page
    lag = result["shape"]["levelled, no spillover | h=0.15"]
    assert f"(at `h` = 0.15, from {lag['mean'][0]:.4f} to {lag['mean'][-1]:.4f})" in page
    for key in ("levelled, no spillover | convention", "levelled, no spillover | h=0.15"):
        assert all(cell["far"] == 0 for cell in result["shape"][key]["innovations"]), key
    # the shift-share split: the sum of its parts, and the page's figures
    split = row["shift_share"]
    assert split["total"] == pytest.approx(row["mean"][-1] - row["mean"][0], abs=2e-6)
    assert split["composition"] + split["within"] == pytest.approx(split["total"], abs=2e-6)
    by = split["within_by_class"]
    assert (
        f"(+{split['total']:.4f} per firm-step) puts +{split['within']:.4f} within classes and "
        f"+{split['composition']:.4f} on the composition" in page
    )
    assert f"near leaders contribute +{by['near_leader']:.4f}" in page
    assert f"and far leaders +{by['far_leader']:.4f}" in page
    rate0, rate1 = row["rate"][0], row["rate"][-1]
    assert f"rate rises from {rate0['near_leader']:.4f} to {rate1['near_leader']:.4f}" in page
    assert rate0["far_leader"] == max(v for v in rate0.values() if v == v)  # the highest rate
    assert f"highest rate of any class ({rate0['far_leader']:.4f} at competition 0)" in page
    assert split["composition"] > 0


def test_at_cost_zero_far_laggards_innovate_a_little_and_less(result, page):
    conv = result["shape"]["levelled, no spillover, cost 0 | convention"]
    lag = result["shape"]["levelled, no spillover, cost 0 | h=0.15"]
    first, last = conv["innovations"][0]["far"], conv["innovations"][-1]["far"]
    first_h, last_h = lag["innovations"][0]["far"], lag["innovations"][-1]["far"]
    assert first > last and first_h > last_h
    assert f"{first} innovations at competition 0, none at 1 ({first_h} → {last_h} at" in page
    assert last == 0 and last_h == 0
    assert f"still rises ({_interval(conv, 0)} → {_interval(conv, -1)})" in page


def test_the_laggards_gain_is_the_logit_share_closed_form(result, page):
    lag = result["laggard"]
    gamma, cost = lag["quality_step"], lag["innovation_cost"]
    b1, pi_s = 1 - 1 / gamma, (1 - 1 / gamma) / gamma
    s = 1 / (1 + gamma)
    for d in (0.0, 0.5, 1.0):
        closed = (1 - d) * (0.5 - s) * b1 / pi_s
        assert lag["gain_over_pi_s"]["lag=1"][f"D={d:g}"] == pytest.approx(closed, abs=5e-5)
        aghion = (1 - d) * b1 / 2 / pi_s
        assert lag["one_step_laggard_in_aghion_et_al"][f"D={d:g}"] == pytest.approx(
            aghion, abs=5e-5
        )
        assert lag["gain_over_pi_s"]["lag=1"][f"D={d:g}"] < cost
    g = lag["gain_over_pi_s"]["lag=1"]
    assert f"its `G / π_S` is {g['D=0']:.4f} at `D` = 0, {g['D=0.5']:.4f} at 0.5 and 0 at 1" in page
    assert (
        f"already holds {100 * s:.1f} % of it, and its step adds {100 * (0.5 - s):.1f} points"
        in page
    )
    assert (
        f"worth `(1 − D) B(1) / 2`, i.e. {lag['one_step_laggard_in_aghion_et_al']['D=0']:.3f}"
        in page
    )

    # the size relative to Aghion et al.'s, (gamma - 1) / (gamma + 1), at three gammas
    def ratio(gm: float) -> float:
        return (0.5 - 1 / (1 + gm)) / 0.5

    assert ratio(gamma) == pytest.approx(
        g["D=0"] / lag["one_step_laggard_in_aghion_et_al"]["D=0"], abs=1e-3
    )
    assert ratio(gamma) == pytest.approx(1 / 9)
    assert (
        f"a ninth at the default `γ` = {gamma:g}, {ratio(1.1):.2f} at 1.1 and {ratio(1.6):.2f} at 1.6"
        in page
    )
    assert f"cost `c` = {cost:g} (plausible 0.1–0.5)" in page
    at_16 = (0.5 - 1 / 2.6) * 1.6  # G / pi_S of a one-step laggard at gamma 1.6, D = 0
    assert at_16 > 0.1 and f"it would clear the cost ({at_16:.3f})" in page


def test_aghion_et_als_allocation_for_laggards_gives_no_inverted_u(result, page):
    """The subclass that gives far laggards Aghion et al.'s gain: falling from the generated
    start (the Schumpeterian effect first), rising from the levelled one."""
    runs = result["aghion_laggards"]
    gen, lev = runs["generated start"], runs["levelled, no spillover"]
    assert gen["shape"] == "falling" and lev["shape"] == "rising"
    assert f"curve **falls**, from {_interval(gen, 0)} to {_interval(gen, -1)}" in page
    far = [cell["far"] for cell in gen["innovations"]]
    assert far == sorted(far, reverse=True) and far[0] > 100 * far[-1]
    assert f"Far laggards make {', '.join(map(str, far[:-1]))} and {far[-1]} innovations" in page
    assert f"escape competition lifts the top end a little ({gen['mean'][2]:.4f} at 0.5)" in page
    assert min(gen["mean"]) == gen["mean"][2] < gen["mean"][-1]
    assert f"curve still **rises**, from {_interval(lev, 0)} to {_interval(lev, -1)}" in page
    # the model's own far laggards, by contrast, never innovate in those designs
    model = result["shape"]["generated start | convention"]
    assert sum(cell["far"] for cell in model["innovations"]) <= 2
