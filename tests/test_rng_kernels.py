"""The kernels' random stream (clusternet.kernels.rng) against SplitMix64 written out.

The reference is Steele, Lea & Flood (2014), "Fast splittable pseudorandom number
generators" (OOPSLA), as in Vigna's ``splitmix64.c``: the state advances by the golden
gamma ``0x9E3779B97F4A7C15`` and each output is the finaliser ``mix64`` of the state.
It is implemented here in Python integers modulo 2^64, independently of the module; the
draws built on it (uniform, below ``n``, exponential) follow their documented formulas.
"""

import math

import numpy as np
import pytest

from clusternet.kernels import rng

M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
M1, M2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB


def _mix64(z: int) -> int:
    z &= M64
    z = ((z ^ (z >> 30)) * M1) & M64
    z = ((z ^ (z >> 27)) * M2) & M64
    return z ^ (z >> 31)


def _unxorshift(y: int, k: int) -> int:
    z = y
    for _ in range(64 // k + 1):
        z = y ^ (z >> k)
    return z


def _unmix64(y: int) -> int:
    """The inverse of the finaliser (it is a bijection): undo each step in reverse."""
    z = _unxorshift(y, 31)
    z = (z * pow(M2, -1, 1 << 64)) & M64
    z = _unxorshift(z, 27)
    z = (z * pow(M1, -1, 1 << 64)) & M64
    return _unxorshift(z, 30)


def _state_before(z: int) -> np.uint64:
    """The state whose next draw has finaliser output ``z``."""
    return np.uint64((_unmix64(z) - GOLDEN) & M64)


INPUTS = [0, 1, 2, 42, GOLDEN, 1 << 63, M64, 0x0123456789ABCDEF, 0xDEADBEEFCAFEBABE]


def test_mix64_is_the_splitmix64_finaliser():
    # Vigna's splitmix64.c seeded with 0: the first output is mix64(golden)
    assert _mix64(GOLDEN) == 0xE220A8397B1DCDAF
    for z in INPUTS + [(i * 0x9E3779B1) & M64 for i in range(200)]:
        assert int(rng.mix64(np.uint64(z))) == _mix64(z), hex(z)
    for z in INPUTS:
        assert _unmix64(_mix64(z)) == z


def test_stream_mixes_the_seed_with_the_mixed_index():
    for seed in (0, 7, 2**40 + 3, M64):
        for index in (0, 1, 5, 10**9):
            want = _mix64(seed ^ _mix64(index + GOLDEN))
            assert int(rng.stream(np.uint64(seed), index)) == want


def test_next_uniform_is_the_top_53_bits_of_the_next_output():
    state = 12345
    s = np.uint64(state)
    for _ in range(300):
        s, u = rng.next_uniform(s)
        s = np.uint64(s)
        state = (state + GOLDEN) & M64
        assert int(s) == state
        assert u == (_mix64(state) >> 11) / 2.0**53


def test_next_uniform_at_the_ends_of_the_unit_interval():
    _, u = rng.next_uniform(_state_before(0))
    assert u == 0.0
    _, u = rng.next_uniform(_state_before(M64))
    assert u == 1.0 - 2.0**-53


@pytest.mark.parametrize("n", [1, 2, 3, 6, 1000, 2**31 - 1])
def test_next_below_is_floor_u_n(n):
    state = 99
    s = np.uint64(state)
    for _ in range(200):
        s, k = rng.next_below(s, n)
        s = np.uint64(s)
        state = (state + GOLDEN) & M64
        u = (_mix64(state) >> 11) / 2.0**53
        assert k == math.floor(u * n) < n


@pytest.mark.parametrize("n", [1, 3, 5, 7, 2**31 - 1, 2**40 + 1])
def test_next_below_maps_the_ends_of_the_stream_to_the_first_and_last_outcome(n):
    # the largest u, 1 - 2^-53, times n stays below n in float64 (n <= 2^53): k = n - 1
    _, k = rng.next_below(_state_before(M64), n)
    assert k == n - 1
    _, k = rng.next_below(_state_before(0), n)
    assert k == 0


def test_next_exponential_is_minus_log_of_one_minus_u():
    state = 2026
    s = np.uint64(state)
    for _ in range(200):
        s, e = rng.next_exponential(s)
        s = np.uint64(s)
        state = (state + GOLDEN) & M64
        u = (_mix64(state) >> 11) / 2.0**53
        assert e == pytest.approx(-math.log1p(-u), rel=1e-15, abs=0.0)
        assert e >= 0.0
    _, e = rng.next_exponential(_state_before(0))
    assert e == 0.0
    _, e = rng.next_exponential(_state_before(M64))
    assert e == pytest.approx(53 * math.log(2), rel=1e-15)
