"""Morris screening (clusternet.measures.morris) against closed forms and effects by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusternet.measures import elementary_effects, morris, seed_noise


def effects_by_hand(x: np.ndarray, y: np.ndarray, bounds) -> dict[int, list[float]]:
    """Each factor's elementary effects from a trajectory-ordered sample, one at a time."""
    k = x.shape[1]
    widths = np.array([hi - lo for lo, hi in bounds])
    out: dict[int, list[float]] = {i: [] for i in range(k)}
    for start in range(0, x.shape[0], k + 1):
        for s in range(start, start + k):
            moved = np.flatnonzero(x[s + 1] != x[s])
            assert moved.size == 1  # a trajectory moves one factor per step
            i = int(moved[0])
            step = (x[s + 1, i] - x[s, i]) / widths[i]
            out[i].append((y[s + 1] - y[s]) / step)
    return out


def recorded(func):
    """``func`` that keeps every input and output it was called with."""
    seen: dict[str, np.ndarray] = {}

    def wrapper(x):
        y = func(x)
        seen["x"], seen["y"] = x.copy(), np.asarray(y, dtype=np.float64)
        return y

    return wrapper, seen


def test_linear_model_gives_coefficient_times_range_and_no_spread():
    coefficients = np.array([3.0, -2.0, 0.0, 0.5])
    bounds = [(0.0, 1.0), (-1.0, 4.0), (2.0, 3.0), (10.0, 30.0)]
    res = morris(lambda x: x @ coefficients, list("abcd"), bounds, trajectories=8, seed=3)
    widths = np.array([hi - lo for lo, hi in bounds])
    np.testing.assert_allclose(res["mu_star"], np.abs(coefficients) * widths, rtol=1e-12)
    np.testing.assert_allclose(res["mu"], coefficients * widths, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(res["sigma"], 0.0, atol=1e-9)
    np.testing.assert_allclose(res["mu_star_conf"], 0.0, atol=1e-9)
    assert list(res.index) == list("abcd")


def test_nonlinear_model_matches_effects_computed_by_hand():
    bounds = [(0.0, 1.0), (-2.0, 2.0), (0.0, np.pi)]

    def f(x):
        return x[:, 0] * x[:, 1] + np.sin(x[:, 2]) + x[:, 0] ** 2

    func, seen = recorded(f)
    res = morris(func, ["a", "b", "c"], bounds, trajectories=12, levels=6, seed=11)
    assert seen["x"].shape == (12 * 4, 3)
    by_hand = effects_by_hand(seen["x"], seen["y"], bounds)
    for i, name in enumerate("abc"):
        ee = np.array(by_hand[i])
        assert ee.size == 12
        assert res.loc[name, "mu"] == pytest.approx(ee.mean(), rel=1e-12, abs=1e-12)
        assert res.loc[name, "mu_star"] == pytest.approx(np.abs(ee).mean(), rel=1e-12)
        assert res.loc[name, "sigma"] == pytest.approx(ee.std(ddof=1), rel=1e-10)
    # the interaction a*b makes a's and b's effects depend on the other factor
    assert res.loc["a", "sigma"] > 0.1 and res.loc["b", "sigma"] > 0.1


def test_levels_set_the_grid_and_the_step():
    func, seen = recorded(lambda x: x[:, 0])
    morris(func, ["a", "b"], [(0.0, 1.0), (0.0, 1.0)], trajectories=5, levels=6, seed=2)
    values = np.unique(np.round(seen["x"], 12))
    assert set(values) <= {round(v / 5, 12) for v in range(6)}
    steps = np.abs(np.diff(seen["x"], axis=0))
    moved = steps[steps > 0]
    # within a trajectory every move is p / (2 (p - 1)) = 0.6 of the range
    within = np.concatenate(
        [np.abs(np.diff(seen["x"][t : t + 3], axis=0)) for t in (0, 3, 6, 9, 12)]
    )
    np.testing.assert_allclose(within[within > 0], 0.6, rtol=1e-12)
    assert moved.size > 0


def test_several_outputs_give_the_same_indices_as_each_alone():
    bounds = [(0.0, 1.0), (0.0, 2.0)]

    def two(x):
        return np.column_stack([x[:, 0] * x[:, 1], x[:, 1] ** 2])

    both = morris(two, ["a", "b"], bounds, trajectories=6, outputs=["prod", "square"], seed=4)
    assert list(both.index.names) == ["output", "factor"]
    for j, out in enumerate(["prod", "square"]):
        alone = morris(lambda x, j=j: two(x)[:, j], ["a", "b"], bounds, trajectories=6, seed=4)
        pd.testing.assert_frame_equal(
            both.loc[out].reset_index(drop=True), alone.reset_index(drop=True)
        )


def test_seed_reproduces_and_another_seed_draws_other_trajectories():
    def f(x):
        return x[:, 0] * x[:, 1]

    bounds = [(0.0, 1.0), (0.0, 1.0)]
    first, seen_first = recorded(f)
    again, seen_again = recorded(f)
    other, seen_other = recorded(f)
    a = morris(first, ["a", "b"], bounds, trajectories=6, seed=9)
    b = morris(again, ["a", "b"], bounds, trajectories=6, seed=9)
    morris(other, ["a", "b"], bounds, trajectories=6, seed=10)
    pd.testing.assert_frame_equal(a, b)
    np.testing.assert_array_equal(seen_first["x"], seen_again["x"])
    assert not np.array_equal(seen_first["x"], seen_other["x"])


@settings(max_examples=25, deadline=None)
@given(
    coefficients=st.lists(
        st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False), min_size=1, max_size=5
    ),
    low=st.floats(-1e3, 1e3, allow_nan=False),
    width=st.floats(1e-3, 1e3, allow_nan=False),
    trajectories=st.integers(2, 6),
)
def test_linear_models_any_range(coefficients, low, width, trajectories):
    c = np.array(coefficients)
    names = [f"x{i}" for i in range(c.size)]
    bounds = [(low, low + width)] * c.size
    res = morris(lambda x: x @ c, names, bounds, trajectories=trajectories, seed=1)
    np.testing.assert_allclose(res["mu_star"], np.abs(c) * width, rtol=1e-6, atol=1e-6 * width)
    assert (res["mu_star"] >= np.abs(res["mu"]) - 1e-9).all()  # |mean| <= mean of |.|


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"names": []}, ValueError, "names is empty: a Morris screening needs"),
        ({"names": "ab"}, TypeError, "names must be a list"),
        ({"bounds": [(0, 1), (1, 1)]}, ValueError, "bounds of b must be finite with low < high"),
        ({"trajectories": 1}, ValueError, "trajectories"),
        ({"trajectories": 2.5}, TypeError, "trajectories"),
        ({"levels": 5}, ValueError, "levels must be even"),
        ({"levels": 0}, ValueError, "levels"),
        ({"outputs": ["y", "y"]}, ValueError, "outputs must be distinct"),
        ({"outputs": "y"}, TypeError, "outputs must be a list"),
        ({"func": 3}, TypeError, "func must be callable"),
        ({"resamples": 1}, ValueError, "resamples"),
        ({"conf_level": 1.0}, ValueError, r"conf_level must lie in \(0, 1\)"),
        ({"conf_level": 0.0}, ValueError, r"conf_level must lie in \(0, 1\)"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, message):
    args = {
        "func": lambda x: x[:, 0],
        "names": ["a", "b"],
        "bounds": [(0, 1), (0, 1)],
        "trajectories": 4,
        "seed": 1,
    }
    args.update(kwargs)
    with pytest.raises(error, match=message):
        morris(**args)


@pytest.mark.parametrize(
    ("func", "outputs", "message"),
    [
        (lambda x: x[:, :1], None, r"shape \(\d+,\)"),
        (lambda x: np.full(x.shape[0], np.nan), None, "non-finite"),
        (lambda x: x[:, 0], ["y", "z"], r"shape \(\d+, 2\)"),
        (
            lambda x: np.column_stack([x[:, 0], np.full(x.shape[0], np.inf)]),
            ["y", "z"],
            "non-finite",
        ),
    ],
)
def test_bad_outputs_are_refused(func, outputs, message):
    with pytest.raises(ValueError, match=message):
        morris(func, ["a", "b"], [(0, 1), (0, 1)], trajectories=3, outputs=outputs, seed=1)


def child(seed: int, key: int) -> np.random.SeedSequence:
    """The documented stream: the seed's child SeedSequence with spawn key (key,)."""
    return np.random.SeedSequence(np.random.SeedSequence(seed).entropy, spawn_key=(key,))


def test_bootstrap_interval_is_the_documented_resamples_of_the_trajectories_by_hand():
    from scipy.stats import norm

    bounds = [(0.0, 1.0), (-2.0, 2.0), (0.0, np.pi)]

    def f(x):
        return x[:, 0] * x[:, 1] + np.sin(x[:, 2])

    for resamples, level in ((1000, 0.95), (250, 0.9)):
        func, seen = recorded(f)
        res = morris(
            func,
            ["a", "b", "c"],
            bounds,
            trajectories=9,
            resamples=resamples,
            conf_level=level,
            seed=21,
        )
        by_hand = effects_by_hand(seen["x"], seen["y"], bounds)
        rng = np.random.default_rng(child(21, 1))  # the bootstrap's stream, one draw after another
        for i, name in enumerate("abc"):
            ee = np.array(by_hand[i])
            draws = rng.integers(ee.size, size=(resamples, ee.size))
            half = norm.ppf(0.5 + level / 2) * np.abs(ee[draws]).mean(axis=1).std(ddof=1)
            assert res.loc[name, "mu_star_conf"] == pytest.approx(half, rel=1e-12)


def test_bootstrap_half_width_is_about_z_times_the_standard_error():
    # an independent check: with many trajectories the bootstrap standard error of a mean
    # of |EE| is sd(|EE|) / sqrt(r)
    bounds = [(0.0, 1.0), (0.0, 1.0)]
    func, seen = recorded(lambda x: x[:, 0] * x[:, 1])
    res = morris(func, ["a", "b"], bounds, trajectories=400, seed=3)
    by_hand = effects_by_hand(seen["x"], seen["y"], bounds)
    for i, name in enumerate("ab"):
        ee = np.abs(np.array(by_hand[i]))
        assert res.loc[name, "mu_star_conf"] == pytest.approx(
            1.959964 * ee.std(ddof=1) / np.sqrt(ee.size), rel=0.1
        )


def test_trajectories_are_salib_s_sample_on_the_seed_s_first_child():
    from SALib.sample import morris as morris_sample

    func, seen = recorded(lambda x: x[:, 0])
    morris(func, ["a", "b", "c"], [(0, 1), (0, 2), (5, 6)], trajectories=4, levels=6, seed=77)
    problem = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": [[0, 1], [0, 2], [5, 6]]}
    expected = morris_sample.sample(problem, 4, num_levels=6, seed=child(77, 0))
    np.testing.assert_array_equal(seen["x"], expected)


def test_two_levels_move_each_factor_across_its_whole_range():
    func, seen = recorded(lambda x: 3.0 * x[:, 0] - x[:, 1])
    res = morris(func, ["a", "b"], [(0.0, 2.0), (1.0, 5.0)], trajectories=3, levels=2, seed=1)
    assert set(np.unique(seen["x"][:, 0])) <= {0.0, 2.0}
    np.testing.assert_allclose(res["mu"], [6.0, -4.0], rtol=1e-12)


def test_the_shape_error_says_what_one_row_must_give():
    one = r"shape \(\d+,\) \(one value per row of its input\), got shape \(\d+, 1\)$"
    with pytest.raises(ValueError, match=one):
        morris(lambda x: x[:, :1], ["a", "b"], [(0, 1), (0, 1)], trajectories=3, seed=1)
    two = r"shape \(\d+, 2\) \(one value per row of its input and output\), got shape \(\d+,\)$"
    with pytest.raises(ValueError, match=two):
        morris(
            lambda x: x[:, 0],
            ["a", "b"],
            [(0, 1), (0, 1)],
            trajectories=3,
            outputs=["y", "z"],
            seed=1,
        )


def test_elementary_effects_by_hand_and_in_closed_form():
    bounds = [(0.0, 1.0), (-2.0, 2.0), (0.0, np.pi)]

    def f(x):
        return x[:, 0] * x[:, 1] + np.sin(x[:, 2])

    func, seen = recorded(f)
    morris(func, ["a", "b", "c"], bounds, trajectories=7, levels=6, seed=4)
    got = elementary_effects(seen["x"], seen["y"], bounds)
    by_hand = effects_by_hand(seen["x"], seen["y"], bounds)
    for i in range(3):  # trajectory order kept
        np.testing.assert_allclose(got[:, i], by_hand[i], rtol=1e-12)
    c = np.array([2.0, -1.0, 0.5])
    np.testing.assert_allclose(
        elementary_effects(seen["x"], seen["x"] @ c, bounds),
        np.tile(c * np.array([1.0, 4.0, np.pi]), (7, 1)),
        rtol=1e-12,
    )


@pytest.mark.parametrize(
    ("x", "y", "bounds", "message"),
    [
        (np.zeros(3), np.zeros(3), [(0, 1)], "x must be a 2-d array"),
        (np.zeros((2, 0)), np.zeros(2), [], "one column per factor, got shape \\(2, 0\\)"),
        (np.zeros((0, 2)), np.zeros(0), [(0, 1), (0, 1)], "got 0 rows"),
        (np.zeros((3, 2)), np.zeros(3), [(0, 1)], r"one \(low, high\) per column of x \(2\)"),
        (np.zeros((3, 2)), np.zeros(3), [(0, 1), (1, 1)], "finite with low < high"),
        (np.zeros((4, 2)), np.zeros(4), [(0, 1), (0, 1)], "whole trajectories of k \\+ 1 = 3 rows"),
        (np.zeros((3, 2)), np.zeros(2), [(0, 1), (0, 1)], r"one value per row of x \(3\)"),
        (np.array([[0, 0], [1, 0], [1, np.nan]]), np.zeros(3), [(0, 1), (0, 1)], "finite"),
        (np.array([[0, 0], [1, 1], [1, 0]]), np.zeros(3), [(0, 1), (0, 1)], "rows 0 and 1 of x"),
        (np.array([[0, 0], [1, 0], [0, 0]]), np.zeros(3), [(0, 1), (0, 1)], "factor 0 a second"),
        (np.array([[0, 0], [1, 0], [1, 0]]), np.zeros(3), [(0, 1), (0, 1)], "got 0 moved"),
    ],
)
def test_elementary_effects_name_what_is_wrong(x, y, bounds, message):
    with pytest.raises(ValueError, match=message):
        elementary_effects(x, y, bounds)


def test_elementary_effects_of_a_single_factor():
    x = np.array([[0.0], [0.5], [1.0], [0.5]])
    got = elementary_effects(x, 3.0 * x[:, 0] ** 2, [(0.0, 2.0)])
    # (0.75 - 0) / (0.5 / 2) and (0.75 - 3) / (-0.5 / 2)
    np.testing.assert_allclose(got, [[3.0], [9.0]], rtol=1e-12)


def test_two_resamples_are_enough_for_an_interval():
    res = morris(lambda x: x[:, 0] * x[:, 1], ["a", "b"], [(0, 1), (0, 1)], resamples=2, seed=5)
    assert np.isfinite(res["mu_star_conf"]).all() and (res["mu_star_conf"] >= 0).all()


def test_seed_noise_by_hand_and_against_a_known_normal_noise():
    bounds = [(0.0, 1.0), (0.0, 2.0)]
    x = np.array([[0.0, 0.0], [0.5, 0.0], [0.5, 1.0], [1.0, 2.0], [0.5, 2.0], [0.5, 1.0]])
    y = x[:, 0] + x[:, 1]
    again = y + np.array([0.0, 0.1, 0.1, 0.0, 0.0, 0.3])
    # trajectory 0: a's effect moves by 0.1 / 0.5, b's by 0; trajectory 1: a's by 0, b's
    # by 0.3 / 0.5; the floor averages |changes| over trajectories, over sqrt 2
    np.testing.assert_allclose(seed_noise(x, y, again, bounds) * np.sqrt(2), [0.1, 0.3], rtol=1e-12)
    # additive normal noise of sd tau on every run: an effect's noise is the difference of two
    # runs' over Delta, sd tau sqrt 2 / Delta; two seeds' effects differ by sd 2 tau / Delta,
    # so the floor is E|N(0, 2 tau^2 / Delta^2)| = (tau sqrt 2 / Delta) sqrt(2 / pi)
    rng = np.random.default_rng(8)
    func, seen = recorded(lambda z: z[:, 0])
    morris(func, ["a", "b"], bounds, trajectories=4000, seed=2)
    tau, delta = 0.05, 2 / 3
    clean = seen["x"][:, 0]
    nu = seed_noise(
        seen["x"],
        clean + rng.normal(0, tau, clean.size),
        clean + rng.normal(0, tau, clean.size),
        bounds,
    )
    np.testing.assert_allclose(nu, tau * np.sqrt(2) / delta * np.sqrt(2 / np.pi), rtol=0.05)
