"""Keyed draws (:mod:`clusternet.dynamics.draws`) against SplitMix64 written out in Python.

The model's common random numbers are ``mix64(mix64(key + golden) ^ salt) >> 11 / 2**53``
with the SplitMix64 finaliser (Steele, Lea & Flood 2014; Vigna's ``splitmix64.c``). The
reference below is plain Python integers modulo 2**64, with the published constants, and
the known first output of SplitMix64 from state 0, so a changed shift, constant or mixing
step fails here. The fast selection of ``tools/mutants.py d_draws``.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pytest

from clusternet.dynamics.draws import (
    KeyedStream,
    actor_keys,
    mix64,
    salt,
    tie_keys,
    uniforms,
)

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def _mix(z: int) -> int:
    """SplitMix64's finaliser on a Python integer."""
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & MASK
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & MASK
    return z ^ (z >> 31)


def _salt(seed: int, step: int, purpose: str, call: int = 0) -> int:
    tag = (zlib.crc32(purpose.encode()) * 4096 + call) & MASK
    z = _mix(seed ^ _mix((tag + GOLDEN) & MASK))
    return _mix(z ^ _mix((step * GOLDEN + GOLDEN) & MASK))


def _uniform(key: int, s: int) -> float:
    return (_mix(_mix((key + GOLDEN) & MASK) ^ s) >> 11) / 2.0**53


KEYS = [0, 1, 2, 12345, GOLDEN, MASK, 1 << 63, 0xDEADBEEFCAFEBABE]


def test_mix64_is_splitmix64s_finaliser():
    # SplitMix64 from state 0: the first output is mix(0 + golden) = 0xE220A8397B1DCDAF
    assert _mix(GOLDEN) == 0xE220A8397B1DCDAF
    got = mix64(np.array(KEYS, dtype=np.uint64))
    assert got.dtype == np.uint64
    assert [int(v) for v in got] == [_mix(k) for k in KEYS]


def test_salt_mixes_seed_step_purpose_and_call():
    for seed, step, purpose, call in [
        (0, 0, "brand", 0),
        (7, 1, "brand", 0),
        (7, 1, "brand", 3),
        (7, 2, "innovation", 1),
        (123456789, 500, "network", 0),
    ]:
        assert int(salt(seed, step, purpose, call)) == _salt(seed, step, purpose, call)


@pytest.mark.parametrize("n", [1, 8, 50_001])  # 50_001: the threaded kernel
def test_uniforms_are_the_documented_formula(n):
    keys = np.arange(n, dtype=np.uint64) * np.uint64(0x9E37)
    keys[: min(n, len(KEYS))] = KEYS[:n]
    s = _salt(7, 3, "demo")
    got = uniforms(keys, np.uint64(s))
    look = np.unique(np.r_[np.arange(min(n, 64)), n - 1])
    for i in look:
        assert got[i] == _uniform(int(keys[i]), s)
    assert ((got >= 0) & (got < 1)).all()


def test_tie_keys_mix_source_then_target():
    a, b = actor_keys(["a", "b", "c"]), actor_keys(["c", "a", "b"])
    got = tie_keys(a, b)
    want = [_mix(_mix((int(x) + GOLDEN) & MASK) ^ int(y)) for x, y in zip(a, b, strict=True)]
    assert [int(v) for v in got] == want


def test_actor_keys_are_pandas_hashes_of_the_ids():
    ids = np.array(["a", "b", "zz"], dtype=object)
    np.testing.assert_array_equal(actor_keys(ids), pd.util.hash_array(ids))
    assert actor_keys([5, 6]).dtype == np.uint64


def test_keyed_stream_calls_draw_new_salts_and_check_the_count():
    keys = actor_keys([10, 11, 12])
    s = KeyedStream(7, 4, "brand", keys)
    first, second = s.random(3), s.random(3)
    assert s.calls == 2
    for call, got in ((0, first), (1, second)):
        want = [_uniform(int(k), _salt(7, 4, "brand", call)) for k in keys]
        assert got.tolist() == want
    with pytest.raises(ValueError, match=r"^KeyedStream draws one value per actor \(3\), got 2$"):
        s.random(2)
    assert s.calls == 2
