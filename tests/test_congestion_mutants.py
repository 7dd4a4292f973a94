"""Congestion and growth (:mod:`clusternet.dynamics.congestion`) against formulas by hand.

The fast selection of ``tools/mutants.py d_congestion``: each function written out with
``math`` for a few firms, the growth bounds and the output limit at their boundaries.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize

from clusternet.dynamics.congestion import (
    agglomeration_factor,
    grow,
    turning_size,
    unit_cost,
    urban_unit_cost,
)


@pytest.mark.parametrize(
    ("total", "capacity", "cost", "want"),
    [(150.0, 100.0, 0.2, 0.2 * 0.5), (100.0, 100.0, 0.2, 0.0), (80.0, 100.0, 0.2, 0.0),
     (150.0, None, 0.2, 0.0), (150.0, 0.0, 0.2, 0.0), (300.0, 50.0, 1.0, 5.0),
     # a capacity in (0, 1] is a capacity (the parameter's bounds admit any value >= 0;
     # only None or <= 0 switches congestion off): issue 30, held-out seed 2029
     (1.5, 0.5, 0.2, 0.2 * 2.0), (3.0, 1.0, 0.2, 0.2 * 2.0), (1e-3, 1e-4, 1.0, 9.0)],
)  # fmt: skip
def test_unit_cost_is_the_cost_of_output_beyond_capacity(total, capacity, cost, want):
    assert unit_cost(total, capacity, cost) == pytest.approx(want, rel=1e-15, abs=0.0)


def test_grow_by_hand_with_its_bounds():
    output = np.array([2.0, 3.0, 4.0, 5.0, 6.0])
    margin = np.array([0.1, 5.0, -5.0, -0.2, 9.0])
    firms = np.array([True, True, True, True, False])
    got = grow(output, margin, 0.5, firms)
    want = []
    for i in range(5):
        rate = 0.5 * margin[i] if firms[i] else 0.0
        rate = min(max(rate, -0.99), 1.0)  # at most doubles, keeps at least 1 %
        want.append(output[i] * (1 + rate))
    np.testing.assert_allclose(got, want, rtol=1e-15)
    np.testing.assert_allclose(got, [2.1, 6.0, 0.04, 4.5, 6.0], rtol=1e-12)
    np.testing.assert_array_equal(grow(output, margin, 0.0, firms), output)
    np.testing.assert_array_equal(grow(output, margin, -1.0, firms), output)


def test_grow_stops_at_the_output_limit():
    # a total of exactly 1e250 is refused; just below it is not
    with pytest.raises(ValueError, match=r"total output exceeds 1e\+250"):
        grow(np.array([0.5e250]), np.array([10.0]), 1.0, np.array([True]))
    below = grow(np.array([0.25e250]), np.array([10.0]), 1.0, np.array([True]))
    assert below[0] == 0.5e250
    with pytest.raises(ValueError, match="lower growth"):
        grow(np.array([1e200, np.inf]), np.zeros(2), 1.0, np.ones(2, bool))


@pytest.mark.parametrize(
    ("total", "agg", "scale", "want"),
    [(200.0, 0.1, 100.0, 1 + 0.1 * math.log(2.0)), (50.0, 0.3, 100.0, 1 + 0.3 * math.log(0.5)),
     (1.0, 1.0, 100.0, 0.0), (200.0, 0.0, 100.0, 1.0), (0.0, 0.5, 100.0, 1.0)],
)  # fmt: skip
def test_agglomeration_factor_by_hand(total, agg, scale, want):
    assert agglomeration_factor(total, agg, scale) == pytest.approx(want, rel=1e-15, abs=0.0)


def _urban_by_quadrature(total, scale, share, eps, slope):
    """l (C(Y) / C(scale) - 1) with ln C the integral of the clamped elasticity over ln size."""
    x = math.log(total / scale)
    log_c, _ = integrate.quad(lambda u: max(0.0, eps + slope * u), 0.0, x, epsabs=1e-14)
    return share * (math.exp(log_c) - 1.0)


@pytest.mark.parametrize(
    ("total", "scale", "share", "eps", "slope"),
    [(80_000.0, 10_000.0, 0.2, 0.04, 0.0125), (1_250.0, 10_000.0, 0.2, 0.04, 0.0125),
     (1e5, 1e3, 0.4, 0.055, 0.0104), (5.0, 1e5, 0.1, 0.025, 0.0125),  # below the kink
     (3e4, 1e4, 0.3, 0.05, 0.0), (10_000.0, 10_000.0, 0.2, 0.04, 0.0125)],
)  # fmt: skip
def test_urban_unit_cost_is_the_integral_of_its_elasticity(total, scale, share, eps, slope):
    """The closed form against a numerical integral of the elasticity eps(x) = max(0,
    eps_s + beta x) (Combes, Duranton & Gobillon 2019's rising elasticity)."""
    want = _urban_by_quadrature(total, scale, share, eps, slope)
    assert urban_unit_cost(total, scale, share, eps, slope) == pytest.approx(
        want, rel=1e-9, abs=1e-15
    )


def test_urban_unit_cost_by_hand_at_the_defaults():
    # eight times the scale: x = ln 8, 0.2 (exp(0.04 x + 0.0125 x^2 / 2) - 1)
    x = math.log(8.0)
    want = 0.2 * (math.exp(0.04 * x + 0.00625 * x * x) - 1.0)
    assert urban_unit_cost(80_000.0, 10_000.0, 0.2, 0.04, 0.0125) == pytest.approx(want)
    assert urban_unit_cost(10_000.0, 10_000.0, 0.2, 0.04, 0.0125) == 0.0
    # off: no share, or no output
    assert urban_unit_cost(80_000.0, 10_000.0, 0.0, 0.04, 0.0125) == 0.0
    assert urban_unit_cost(0.0, 10_000.0, 0.2, 0.04, 0.0125) == 0.0
    # below the kink (x < -eps / beta = -3.2) the cost is flat at the kink's value
    kink = 10_000.0 * math.exp(-0.04 / 0.0125)
    flat = 0.2 * (math.exp(-0.04 * 3.2 + 0.00625 * 3.2**2) - 1.0)
    for total in (kink, kink / 10, kink / 1e6):
        assert urban_unit_cost(total, 10_000.0, 0.2, 0.04, 0.0125) == pytest.approx(flat)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(1e-3, 1e12), st.floats(1e-3, 1e12), st.floats(1.0, 10.0),
    st.floats(0.01, 1.0), st.floats(0.0, 0.2), st.floats(0.0, 0.05),
)  # fmt: skip
def test_urban_unit_cost_never_falls_with_size(total, scale, factor, share, eps, slope):
    """A larger cluster never has cheaper labour and land, and the cost has the sign of
    ln(Y / scale) (0 at the scale)."""
    small = urban_unit_cost(total, scale, share, eps, slope)
    large = urban_unit_cost(total * factor, scale, share, eps, slope)
    assert large >= small - 1e-15 * max(1.0, abs(small))
    if total > scale:
        assert small >= 0.0
    elif total < scale:
        assert small <= 0.0


def test_urban_unit_cost_refuses_an_overflowing_factor():
    with pytest.raises(ValueError, match="urban_cost_slope"):
        urban_unit_cost(1e250, 1e-6, 0.2, 0.5, 0.1)
    # just inside: finite
    assert math.isfinite(urban_unit_cost(1e15, 1e-6, 0.2, 0.5, 0.1))


@pytest.mark.parametrize(
    ("gain", "share", "eps", "slope"),
    [(0.3 * 0.1 * 0.7, 0.2, 0.03, 0.0104), (0.1 * 0.04 * 0.3, 0.4, 0.05, 0.0125),
     (0.5 * 0.12, 0.1, 0.02, 0.0104), (0.02, 0.3, 0.04, 0.0)],
)  # fmt: skip
def test_turning_size_is_the_top_of_the_margin(gain, share, eps, slope):
    """Against a bounded maximisation of the margin g ln(Y / s) - urban_unit_cost(Y) over ln Y
    (scipy), whose top is where the urban costs' slope overtakes the agglomeration gain."""
    scale = 10_000.0
    want = turning_size(gain, scale, share, eps, slope)
    top = math.log(want / scale)

    def minus_margin(x):
        return -(gain * x - urban_unit_cost(scale * math.exp(x), scale, share, eps, slope))

    got = optimize.minimize_scalar(minus_margin, bounds=(top - 3.0, top + 3.0), method="bounded",
                                   options={"xatol": 1e-10})  # fmt: skip
    assert got.x == pytest.approx(top, abs=1e-4)
    # the margin rises below the top and falls above it
    assert minus_margin(top - 0.5) > minus_margin(top) < minus_margin(top + 0.5)


def test_turning_size_closed_form_and_edges():
    # slope 0: l eps exp(eps x) = g, x = ln(g / (l eps)) / eps
    x = math.log(0.02 / (0.3 * 0.04)) / 0.04
    assert turning_size(0.02, 1e4, 0.3, 0.04, 0.0) == pytest.approx(1e4 * math.exp(x), rel=1e-9)
    assert turning_size(0.02, 1e4, 0.0, 0.04, 0.01) == math.inf  # urban costs off
    assert turning_size(0.02, 1e4, 0.3, 0.0, 0.0) == math.inf  # costs never rise
    # no agglomeration gain: the margin falls wherever the costs rise, from the kink on
    kink = 1e4 * math.exp(-0.03 / 0.0104)
    assert turning_size(0.0, 1e4, 0.2, 0.03, 0.0104) == pytest.approx(kink)
    assert turning_size(0.0, 1e4, 0.2, 0.03, 0.0) == 0.0


def test_turning_size_at_the_search_start_is_returned_exactly():
    """Seed 2047 (dynamics/congestion.py L198, the bracket's search ``excess(lo) > 0`` ->
    ``>= 0``): with constant elasticity (slope 0) the search starts at x = -1; a gain of
    l eps e^-eps puts the root there, where the excess is exactly 0.0 in floating point.
    The root is then the start itself, scale / e to the last bit (widening the bracket
    first left brentq to land 2e-14 away); beside it, nearby gains agree with the closed
    form x = ln(g / (l eps)) / eps to brentq's tolerance."""
    share, eps, scale = 0.2, 0.03, 1e4
    gain = 0.005822673201291044  # share * eps * exp(-eps), rounded so the excess is 0.0
    assert math.log(share * eps) + eps * -1.0 - math.log(gain) == 0.0
    assert turning_size(gain, scale, share, eps, 0.0) == scale * math.exp(-1.0)
    for g in (gain * 0.9, gain * 1.1, gain * 3.0):
        x = math.log(g / (share * eps)) / eps
        assert turning_size(g, scale, share, eps, 0.0) == pytest.approx(
            scale * math.exp(x), rel=1e-10
        )


def test_the_validation_page_states_where_the_margin_turns():
    """docs/validation.md's congestion note is examples/validation_table.py's turning_note on
    this code (the defaults' top and the shares of the plausible draws), and its numbers are
    turning_size's: recomputed here at the defaults and against an independent maximisation
    above."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "validation_table", root / "examples" / "validation_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    note = module.turning_note()
    assert note in " ".join((root / "docs" / "validation.md").read_text().split())
    default = turning_size(0.3 * 0.1 * module.PERCEIVED, 1e4, 0.2, 0.03, 0.0104)
    assert f"at {default / 1e6:.2f} million employees" in note
