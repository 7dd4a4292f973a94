"""Shared input checks: each raises a ValueError/TypeError that names the culprit."""

from __future__ import annotations

import math
import numbers
from collections import abc

import numpy as np


def show(value) -> str:
    """``repr`` of a value as the user would write it: numpy scalars as plain numbers.

    ``np.float64(-0.8)`` reads as ``-0.8``, so error messages print the value
    and not numpy's repr.
    """
    if isinstance(value, np.generic):
        value = value.item()
    return repr(value)


def check_probability(
    name: str, value: float, *, open_low: bool = False, open_high: bool = False
) -> float:
    """Return ``value`` as float after checking it lies in [0, 1] (ends optionally open)."""
    check_real(name, value)
    value = float(value)
    low_ok = value > 0.0 if open_low else value >= 0.0
    high_ok = value < 1.0 if open_high else value <= 1.0
    if not (low_ok and high_ok):
        lo = "(" if open_low else "["
        hi = ")" if open_high else "]"
        raise ValueError(f"{name} must lie in {lo}0, 1{hi}, got {show(value)}")
    return value


def check_real(name: str, value) -> float:
    """Check that ``value`` is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    try:
        as_float = float(value)
    except OverflowError:  # an int beyond float64 (10**400)
        as_float = math.inf
    if not np.isfinite(as_float):
        raise ValueError(f"{name} must be finite, got {show(value)}")
    return as_float


def check_positive(name: str, value, *, allow_zero: bool = False) -> float:
    """Check that ``value`` is a finite positive (or non-negative) real number."""
    value = check_real(name, value)
    if value < 0 or (value == 0 and not allow_zero):
        raise ValueError(f"{name} must be {'>= 0' if allow_zero else '> 0'}, got {show(value)}")
    return value


def check_int(name: str, value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Check that ``value`` is an integer within optional bounds."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return value


#: Most per-run values one Monte Carlo call keeps (8 bytes each: 800 MB). Raise it
#: (``clusternet._validate.MAX_SIMS = ...``) or run batches with different seeds.
MAX_SIMS = 100_000_000


def check_n_sims(n_sims, per_run_values: int = 1) -> int:
    """``n_sims`` as an int, ``>= 1``, whose per-run results fit under :data:`MAX_SIMS` values."""
    n_sims = check_int("n_sims", n_sims, minimum=1)
    if n_sims * per_run_values > MAX_SIMS:
        raise ValueError(
            f"n_sims={n_sims:,} keeps {n_sims * per_run_values:,} per-run values, more than "
            f"MAX_SIMS = {MAX_SIMS:,} ({8 * MAX_SIMS / 2**30:.1f} GiB); run batches with "
            "different seeds or raise clusternet._validate.MAX_SIMS"
        )
    return n_sims


def first_bad(mask: np.ndarray) -> int:
    """Index of the first True in ``mask`` (callers know there is one)."""
    return int(np.flatnonzero(mask)[0])


def check_finite_array(name: str, values: np.ndarray, *, nonnegative: bool = False) -> np.ndarray:
    """Check a float array has no NaN/inf (and no negative entry) and name the first bad entry."""
    arr = np.asarray(values, dtype=np.float64)
    bad = ~np.isfinite(arr)
    if bad.any():
        i = np.unravel_index(first_bad(bad.ravel()), arr.shape)
        raise ValueError(
            f"{name} has a non-finite value {show(arr[i])} at index {tuple(int(k) for k in i)}"
        )
    if nonnegative:
        neg = arr < 0
        if neg.any():
            i = np.unravel_index(first_bad(neg.ravel()), arr.shape)
            raise ValueError(
                f"{name} has a negative value {show(arr[i])} at index {tuple(int(k) for k in i)}"
            )
    return arr


def seed_sequence(seed) -> np.random.SeedSequence:
    """A SeedSequence from an int, None, a SeedSequence or a Generator-compatible seed."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral | list | tuple):
        raise TypeError(
            f"seed must be an integer, a SeedSequence or None, got {type(seed).__name__}"
        )
    if isinstance(seed, numbers.Integral) and seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    return np.random.SeedSequence(seed)  # type: ignore[arg-type]  # ints and int sequences


def derived_sequence(ss: np.random.SeedSequence, *key: int) -> np.random.SeedSequence:
    """A child of ``ss`` addressed by ``key``, built from its full state.

    Unlike ``ss.spawn``, this neither mutates ``ss`` nor depends on how many
    children were spawned before; unlike seeding from ``ss.entropy`` it keeps
    ``ss.spawn_key``, so sibling sequences give different children.
    """
    return np.random.SeedSequence(
        ss.entropy, spawn_key=(*ss.spawn_key, *key), pool_size=ss.pool_size
    )


def stream_seeds(seed, count: int) -> np.ndarray:
    """``count`` independent 64-bit integer seeds derived from ``seed`` (one per run)."""
    ss = seed_sequence(seed)
    return ss.generate_state(max(count, 1) * 2, dtype=np.uint32).view(np.uint64)[:count].astype(
        np.int64
    ) & np.int64(0x7FFFFFFFFFFFFFFF)


def reject_unknown_parameters(given, valid) -> None:
    """Raise a ValueError listing the valid names if ``given`` names any other."""
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise ValueError(f"unknown parameter(s) {unknown}; valid parameters: {', '.join(valid)}")


def check_bounded(name: str, value, kind: type, low: float, high: float):
    """``value`` as ``kind`` (int or float) after checking its type and that it lies in [low, high]."""
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an integer, got {show(value)}")
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {show(value)}")
    # a Python int may exceed every numpy type (10**23 from a --set value): compare it exactly
    finite = isinstance(value, numbers.Integral) or np.isfinite(float(value))
    if not finite or value < low or value > high:
        raise ValueError(f"{name} must lie in [{low}, {high}], got {show(value)}")
    return kind(value)


def check_factors(names, bounds, analysis: str) -> tuple[list[str], list[list[float]]]:
    """``names`` as a list of distinct strings and ``bounds`` as finite [low, high] lists.

    ``analysis`` names the caller in the error for no factors ('a Sobol analysis').
    """
    if isinstance(names, str) or not isinstance(names, abc.Iterable):
        raise TypeError(f"names must be a list of factor names, got {type(names).__name__}")
    names = list(names)
    if not names:
        raise ValueError(f"names is empty: {analysis} needs at least one factor")
    if not all(isinstance(x, str) for x in names) or len(set(names)) != len(names):
        raise ValueError(f"names must be distinct strings, got {show(names)}")
    bounds = [] if isinstance(bounds, str) or not isinstance(bounds, abc.Iterable) else list(bounds)
    if len(bounds) != len(names):
        raise ValueError(f"bounds must hold one (low, high) per name ({len(names)})")
    out = []
    for name, pair in zip(names, bounds, strict=True):
        try:
            low, high = (float(v) for v in pair)
        except (TypeError, ValueError):
            raise ValueError(f"bounds of {name} must be (low, high), got {show(pair)}") from None
        if not (np.isfinite(high - low) and low < high):
            raise ValueError(f"bounds of {name} must be finite with low < high, got {show(pair)}")
        out.append([low, high])
    return names, out
