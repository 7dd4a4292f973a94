"""The shared input checks of ``clusternet._validate``, each against its documented rule.

Issue 30: the module was never measured by mutation testing; these tests answer the
survivors of its first sampled pass (``python tools/mutants.py validate``): boundaries
and defaults that the wrappers' error tests, which pass well-inside or far-outside
values, could not see. Each expected value is written out by hand.
"""

import numpy as np
import pytest

from clusternet import _validate as v


def test_n_sims_cap_is_the_documented_100_million_values_inclusive():
    """Issue 30: ``MAX_SIMS`` is 100,000,000 per-run values (800 MB), the cap inclusive."""
    assert v.MAX_SIMS == 100_000_000
    assert v.check_n_sims(100_000_000) == 100_000_000  # at the cap, one value per run
    with pytest.raises(ValueError, match=r"n_sims=100,000,001 keeps 100,000,001 per-run") as err:
        v.check_n_sims(100_000_001)
    # the cap in GiB: 8 bytes x 1e8 / 2^30 = 0.745
    assert "more than MAX_SIMS = 100,000,000 (0.7 GiB);" in str(err.value)
    assert v.check_n_sims(50_000_000, per_run_values=2) == 50_000_000
    with pytest.raises(ValueError, match=r"n_sims=50,000,001 keeps 100,000,002 per-run"):
        v.check_n_sims(50_000_001, per_run_values=2)
    with pytest.raises(ValueError, match=r"n_sims must be >= 1, got 0"):
        v.check_n_sims(0)


def test_check_positive_refuses_zero_unless_allowed():
    """Issue 30: ``check_positive`` is strict by default; ``allow_zero`` admits 0 only."""
    with pytest.raises(ValueError, match=r"^rate must be > 0, got 0.0$"):
        v.check_positive("rate", 0)
    assert v.check_positive("rate", 0, allow_zero=True) == 0.0
    with pytest.raises(ValueError, match=r"^rate must be >= 0, got -1e-300$"):
        v.check_positive("rate", -1e-300, allow_zero=True)
    assert v.check_positive("rate", 5e-324) == 5e-324


def test_check_finite_array_allows_negatives_by_default_and_names_the_first_bad_entry():
    """Issue 30: negatives pass unless ``nonnegative``; the first bad entry is named by index."""
    got = v.check_finite_array("knowledge", [[-1.5, 2.0], [0.0, -3.0]])
    assert got.dtype == np.float64 and got.tolist() == [[-1.5, 2.0], [0.0, -3.0]]
    with pytest.raises(
        ValueError, match=r"^knowledge has a negative value -3.0 at index \(1, 1\)$"
    ):
        v.check_finite_array("knowledge", [[1.5, 2.0], [0.0, -3.0]], nonnegative=True)
    with pytest.raises(
        ValueError, match=r"^knowledge has a non-finite value inf at index \(0, 1\)$"
    ):
        v.check_finite_array("knowledge", [[1.0, np.inf], [np.nan, -1.0]], nonnegative=True)


@pytest.mark.parametrize("count", [0, 1, 3, 4])
def test_stream_seeds_are_the_seed_sequence_words_paired_little_endian_in_63_bits(count):
    """Issue 30: seed ``k`` is words ``2k`` (low) and ``2k + 1`` (high) of the state, sign bit off."""
    words = [int(w) for w in np.random.SeedSequence(2026).generate_state(2 * count + 2)]
    want = [(words[2 * k] | (words[2 * k + 1] << 32)) & (2**63 - 1) for k in range(count)]
    got = v.stream_seeds(2026, count)
    assert got.dtype == np.int64 and got.tolist() == want
    # the mask acts: some of the first four raw 64-bit words of seed 2026 have the top bit set
    raw = [int(w) for w in np.random.SeedSequence(2026).generate_state(4, dtype=np.uint64)]
    assert any(w >> 63 for w in raw)


@pytest.mark.parametrize(
    ("open_low", "open_high", "accepted", "interval"),
    [(False, False, [0.0, 0.5, 1.0], "[0, 1]"), (True, False, [5e-324, 1.0], "(0, 1]"),
     (False, True, [0.0, 1.0 - 2**-53], "[0, 1)"), (True, True, [5e-324, 0.5], "(0, 1)")],
)  # fmt: skip
def test_check_probability_ends_are_closed_unless_opened(open_low, open_high, accepted, interval):
    """Issue 30 (held-out seed 2029): ``[0, 1]`` by default, each end open only on request.

    A closed end admits the end itself (a cascade probability of exactly 1, a quality
    threshold of 1); an open end refuses it; the message names the parameter and the
    interval with its open and closed ends.
    """
    for value in accepted:
        got = v.check_probability("prob", value, open_low=open_low, open_high=open_high)
        assert got == value and type(got) is float
    refused = [-5e-324, 1.0 + 2**-52] + ([0.0] if open_low else []) + ([1.0] if open_high else [])
    for value in refused:
        with pytest.raises(
            ValueError, match=rf"^prob must lie in \{interval[0]}0, 1\{interval[-1]}, got "
        ):
            v.check_probability("prob", value, open_low=open_low, open_high=open_high)
    assert (
        v.check_probability("prob", 1) == 1.0 and v.check_probability("prob", np.float32(1)) == 1.0
    )


@pytest.mark.parametrize(
    "value, kind, ok",
    [
        (0, int, True), (3, int, True), (-1, int, False), (4, int, False),
        (0.0, float, True), (3.0, float, True), (-1e-12, float, False), (3.0000001, float, False),
        (float("inf"), float, False), (float("nan"), float, False), (10**23, int, False),
    ],
)  # fmt: skip
def test_check_bounded_accepts_the_closed_interval_and_refuses_anything_outside(value, kind, ok):
    """The range rule beside seed 2034's L158: a finite value below ``low`` or above
    ``high`` is refused with the interval named, as is a non-finite one or an integer past
    every float; the ends are accepted and returned as ``kind``."""
    if ok:
        got = v.check_bounded("x", value, kind, 0, 3)
        assert got == value and type(got) is kind
    else:
        with pytest.raises(ValueError, match=r"x must lie in \[0, 3\]"):
            v.check_bounded("x", value, kind, 0, 3)


@pytest.mark.parametrize("value", [True, False, "1.5", None, np.array([1.0])])
def test_check_bounded_refuses_a_bool_or_a_non_number_for_a_float(value):
    """Seed 2034, L158 (``or → and``): a bool is no number here (True would pass as 1.0),
    and neither is a string or an array; the type error names the parameter."""
    with pytest.raises(TypeError, match=r"x must be a number, got"):
        v.check_bounded("x", value, float, 0, 3)


@pytest.mark.parametrize("value", [True, False, "1.5", None, [1.0], 1 + 0j])
def test_check_real_refuses_bools_and_non_numbers_by_type(value):
    """A bool is a number to Python but no parameter's value, and a string that float()
    would read ("1.5") is still not a number: both are a TypeError naming the argument
    (held-out seed 2035: requiring both conditions let every string float() reads through)."""
    with pytest.raises(TypeError, match="tol must be a real number"):
        v.check_real("tol", value)


def test_check_real_returns_finite_reals_of_every_numeric_type():
    assert v.check_real("tol", 2) == 2.0 and v.check_real("tol", np.float32(0.5)) == 0.5
    assert v.check_real("tol", np.int64(-3)) == -3.0


def test_check_factors_returns_names_and_float_bounds_in_order():
    names, bounds = v.check_factors(("b", "a"), [(0, 1), (np.int64(-2), 3.5)], "a test")
    assert names == ["b", "a"] and bounds == [[0.0, 1.0], [-2.0, 3.5]]
    assert all(type(v) is float for pair in bounds for v in pair)


@pytest.mark.parametrize(
    ("names", "bounds", "error", "message"),
    [
        ("ab", [(0, 1)], TypeError, "names must be a list of factor names, got str"),
        (3, [(0, 1)], TypeError, "names must be a list of factor names, got int"),
        ([], [], ValueError, "names is empty: a test needs at least one factor"),
        (["a", "a"], [(0, 1), (0, 1)], ValueError, "names must be distinct strings"),
        (["a", 1], [(0, 1), (0, 1)], ValueError, "names must be distinct strings"),
        (["a", "b"], [(0, 1)], ValueError, r"bounds must hold one \(low, high\) per name \(2\)"),
        (["a"], "01", ValueError, r"bounds must hold one \(low, high\) per name \(1\)"),
        (["a"], 5, ValueError, r"bounds must hold one \(low, high\) per name \(1\)"),
        (["a"], [(0, 1, 2)], ValueError, r"bounds of a must be \(low, high\)"),
        (["a"], [("x", 1)], ValueError, r"bounds of a must be \(low, high\)"),
        (["a"], [(1, 1)], ValueError, "bounds of a must be finite with low < high"),
        (["a"], [(2, 1)], ValueError, "bounds of a must be finite with low < high"),
        (["a"], [(-1e308, 1e308)], ValueError, "bounds of a must be finite with low < high"),
        (["a"], [(0, np.inf)], ValueError, "bounds of a must be finite with low < high"),
        (["a"], [(np.nan, 1)], ValueError, "bounds of a must be finite with low < high"),
    ],
)
def test_check_factors_names_what_is_wrong(names, bounds, error, message):
    with pytest.raises(error, match=message):
        v.check_factors(names, bounds, "a test")
