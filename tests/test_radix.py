"""The radix sort behind ``gini`` (:mod:`clusternet.kernels.radix`) against :func:`numpy.sort`.

Keys of every magnitude, repeated keys and keys sharing whole bytes (passes skipped);
non-negative floats with zeros, ``-0.0``, subnormals, ``inf`` and values near float max,
on both sides of the size where the radix sort takes over; and ``gini`` against its
formula over :func:`numpy.sort`, to the bit.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusternet.kernels.radix import RADIX_FROM, radix_sort_u64, sort_nonnegative
from clusternet.spillover import gini


def _radix(keys: np.ndarray) -> np.ndarray:
    keys = keys.copy()
    scratch = np.empty_like(keys)
    return scratch if radix_sort_u64(keys, scratch) else keys


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), max_size=200))
def test_radix_sort_is_numpy_sort_on_any_keys(keys):
    keys = np.array(keys, dtype=np.uint64)
    assert np.array_equal(_radix(keys), np.sort(keys))


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 3000),
    high=st.sampled_from([1, 2, 255, 256, 2**16, 2**40, 2**64 - 1]),
    low_bytes=st.integers(0, 7),
    seed=st.integers(0, 2**32 - 1),
)
def test_radix_sort_with_shared_bytes_and_repeats(n, high, low_bytes, seed):
    """Keys below ``high``, shifted up by ``low_bytes`` bytes: the upper bytes and the
    ``low_bytes`` lowest are all equal (their passes are skipped, the others not)."""
    keys = np.random.default_rng(seed).integers(0, high, n, dtype=np.uint64, endpoint=True)
    keys = keys << np.uint64(8 * low_bytes)
    assert np.array_equal(_radix(keys), np.sort(keys))


def test_a_skipped_low_byte_does_not_stop_the_sort():
    """The lowest byte is 0 in every key, the second is not sorted."""
    keys = np.array([3 << 8, 1 << 8, 2 << 8, 0], dtype=np.uint64)
    assert _radix(keys).tolist() == [0, 1 << 8, 2 << 8, 3 << 8]


def test_every_pass_skipped_leaves_the_keys_in_place():
    keys = np.full(7, 2**63 + 5, dtype=np.uint64)
    scratch = np.zeros_like(keys)
    assert not radix_sort_u64(keys, scratch)
    assert (keys == 2**63 + 5).all() and (scratch == 0).all()


def _values(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    kinds = [
        rng.random(n),
        rng.random(n) * 1e300,
        rng.random(n) * 5e-324 * 2**20,  # subnormals
        rng.integers(0, 4, n).astype(float),  # many repeats, zeros
        np.exp(rng.normal(0, 30, n)),  # every magnitude
    ]
    x = kinds[seed % len(kinds)].copy()
    pick = rng.random(n)
    x[pick < 0.05] = 0.0
    x[(pick >= 0.05) & (pick < 0.1)] = -0.0
    x[(pick >= 0.1) & (pick < 0.11)] = np.inf
    x[(pick >= 0.11) & (pick < 0.12)] = np.finfo(float).max
    return x


@settings(max_examples=40, deadline=None)
@given(
    n=st.sampled_from([0, 1, 2, RADIX_FROM - 1, RADIX_FROM, RADIX_FROM + 1, 20_000]),
    seed=st.integers(0, 2**32 - 1),
)
def test_sort_nonnegative_is_numpy_sort(n, seed):
    x = _values(n, seed)
    before = x.copy()
    got = sort_nonnegative(x)
    assert np.array_equal(got, np.sort(x))
    assert not np.signbit(got).any()  # -0.0 comes back as 0.0
    assert np.array_equal(x, before, equal_nan=True) and np.array_equal(
        np.signbit(x), np.signbit(before)
    )  # the input is left alone


def _gini_by_numpy_sort(values: np.ndarray) -> float:
    """The Gini formula of ``clusternet.spillover.gini`` over ``numpy.sort``."""
    x = np.sort(np.asarray(values, dtype=np.float64))
    n = x.shape[0]
    if n and x[-1] > 0:
        x = x / x[-1]
    total = x.sum()
    if n == 0 or total <= 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float(np.sum((2 * ranks - n - 1) * x) / (n * total))


@settings(max_examples=30, deadline=None)
@given(
    n=st.sampled_from([1, 50, RADIX_FROM - 1, RADIX_FROM, 30_000]),
    seed=st.integers(0, 2**32 - 1),
)
def test_gini_is_its_formula_over_numpy_sort_to_the_bit(n, seed):
    x = _values(n, seed)
    x[np.isinf(x)] = 1.0  # gini refuses inf
    assert gini(x) == _gini_by_numpy_sort(x)


@pytest.mark.parametrize("n", [100, RADIX_FROM + 904])
def test_sort_nonnegative_takes_any_array_as_flat_float64(n):
    """float32 and 2-D input on both sides of the threshold: the ravelled values, as float64,
    sorted (before, a float32 array's uint64 view paired up its values; round 32's referee)."""
    x = np.random.default_rng(1).random(2 * n)
    for values in (x.astype(np.float32), x.reshape(n, 2), x.reshape(2, n).T, list(x[:50])):
        want = np.sort(np.asarray(values, dtype=np.float64).ravel())
        got = sort_nonnegative(values)
        assert got.dtype == np.float64 and np.array_equal(got, want)
