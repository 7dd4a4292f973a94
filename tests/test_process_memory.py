"""keep_freed_memory: checked by the kernel's and glibc's own accounting, in fresh processes.

Two independent witnesses: the process's minor page faults (``getrusage``) when an
array of 64 MiB is written again after one of the same size was freed, and glibc's
``mallinfo2`` (bytes in mmapped blocks, bytes in the heap). Each case runs in a fresh
interpreter so the test process's allocator is left as it was. Numpy's huge-page
advice is off in the child (``NUMPY_MADVISE_HUGEPAGE=0``) so a fault is a 4 KiB page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import clusternet.process_memory as pm

GLIBC = pm._glibc() is not None
MIB64 = 64 * 2**20

CHILD = r"""
import ctypes, json, resource, sys
import numpy as np
from clusternet.process_memory import keep_freed_memory, freed_memory_kept

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
kept = keep_freed_memory() if sys.argv[1] == "keep" else None
faults = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_minflt
n = 64 * 2**20 // 8
a = np.ones(n)                       # first 64 MiB: fresh pages either way
info_alive = libc.mallinfo2()
del a
info_freed = libc.mallinfo2()
f0 = faults()
b = np.ones(n)                       # the second: reused pages only if freed memory is kept
f1 = faults()
print(json.dumps({"kept": kept, "state": freed_memory_kept(), "faults": f1 - f0,
                  "mmapped_alive": info_alive.hblkhd, "heap_alive": info_alive.arena,
                  "heap_freed": info_freed.arena, "sum": float(b.sum())}))
"""


def _child(mode: str) -> dict:
    env = dict(os.environ, NUMPY_MADVISE_HUGEPAGE="0")
    env.pop("MALLOC_MMAP_MAX_", None)
    env.pop("MALLOC_TRIM_THRESHOLD_", None)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _thp_always() -> bool:
    path = Path("/sys/kernel/mm/transparent_hugepage/enabled")
    return path.exists() and "[always]" in path.read_text()


@pytest.mark.skipif(not GLIBC, reason="the setting exists only under glibc")
def test_kept_memory_is_reused_without_page_faults_and_comes_from_the_heap():
    pages = MIB64 // os.sysconf("SC_PAGE_SIZE")
    kept = _child("keep")
    assert kept["kept"] is True and kept["state"] is True
    assert kept["sum"] == MIB64 // 8
    # the second array reuses the first one's pages: almost no faults (a few for
    # Python's own small objects), where fresh memory faults once per page
    assert kept["faults"] < 0.02 * pages, kept
    # glibc's accounting: the 64 MiB block was served from the heap, not by mmap,
    # and the heap was not trimmed when it was freed
    assert kept["mmapped_alive"] < MIB64, kept
    assert kept["heap_alive"] >= MIB64, kept
    assert kept["heap_freed"] >= MIB64, kept


@pytest.mark.skipif(not GLIBC, reason="the setting exists only under glibc")
@pytest.mark.skipif(_thp_always(), reason="transparent huge pages 'always': fewer, larger faults")
def test_default_allocator_maps_fresh_pages_the_witness_can_tell_apart():
    """Without the call the same program faults on about every page (so the test above can fail)."""
    pages = MIB64 // os.sysconf("SC_PAGE_SIZE")
    default = _child("default")
    assert default["kept"] is None and default["state"] is False
    assert default["faults"] > 0.9 * pages, default
    assert default["mmapped_alive"] >= MIB64, default


def test_repeated_calls_keep_the_setting_and_do_nothing_more(recorded_mallopt):
    assert pm.freed_memory_kept() is False
    assert pm.keep_freed_memory() is True
    assert pm.keep_freed_memory() is True
    assert recorded_mallopt == [(pm.M_MMAP_MAX, 0), (pm.M_TRIM_THRESHOLD, -1)]
    assert pm.freed_memory_kept() is True


def test_without_glibc_nothing_changes_and_it_says_so(monkeypatch):
    monkeypatch.setattr(pm, "_kept", False)
    monkeypatch.setattr(pm, "_glibc", lambda: None)
    assert pm.keep_freed_memory() is False
    assert pm.freed_memory_kept() is False


def test_a_refused_setting_is_an_error_naming_it(monkeypatch):
    class RefusingLibc:
        def mallopt(self, param, value):
            return 0 if param == pm.M_TRIM_THRESHOLD else 1

    monkeypatch.setattr(pm, "_kept", False)
    monkeypatch.setattr(pm, "_glibc", lambda: RefusingLibc())
    with pytest.raises(OSError, match="M_TRIM_THRESHOLD"):
        pm.keep_freed_memory()
    assert pm.freed_memory_kept() is False


MODEL_CHILD = r"""
import hashlib, sys
import numpy as np
import clusternet as cn
if sys.argv[1] == "keep":
    assert cn.keep_freed_memory()
    # dirty the heap: memory handed out again now holds this pattern, not zeros, so a
    # kernel that read an array before writing it would give another answer
    junk = [np.full(2**21 + k, 1.2345e300) for k in range(40)]
    del junk
net = cn.generate_cluster(20_000, seed=3)
model = cn.UpgradingModel(net, seed=3, network_every=3)
for _ in range(10):
    model.step()
h = hashlib.sha256(model.state.knowledge.tobytes() + model.state.quality.tobytes())
for a in model.net.edge_arrays:
    h.update(np.ascontiguousarray(a).tobytes())
h.update(model.result().timeseries.to_csv().encode())
print(h.hexdigest())
"""


@pytest.mark.skipif(not GLIBC, reason="the setting exists only under glibc")
def test_the_model_gives_the_same_run_on_reused_dirty_memory():
    """No kernel reads memory it has not written: a run whose arrays land on freed memory
    full of a junk pattern equals a run on fresh (zeroed) pages, bit for bit.

    20,000 firms, so per-firm and per-edge arrays (from 160 KB) are ones glibc would map
    fresh by default. Checked able to fail: with the imitation operator's output array
    left unwritten where knowledge is 0 (``np.empty_like`` + ``copyto(where=k > 0)``),
    the digests differ."""
    digests = []
    for mode in ("default", "keep"):
        out = subprocess.run(
            [sys.executable, "-c", MODEL_CHILD, mode],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        digests.append(out.stdout.strip().splitlines()[-1])
    assert digests[0] == digests[1]


def test_the_mallopt_numbers_are_glibcs():
    """The parameter numbers against glibc's own header, where it is installed."""
    import re

    header = Path("/usr/include/malloc.h")
    if not header.exists():
        pytest.skip("glibc's malloc.h is not installed")
    text = header.read_text()
    defined = {m[0]: int(m[1]) for m in re.findall(r"#\s*define\s+(M_\w+)\s+(-?\d+)", text)}
    assert defined["M_TRIM_THRESHOLD"] == pm.M_TRIM_THRESHOLD
    assert defined["M_MMAP_MAX"] == pm.M_MMAP_MAX


@pytest.mark.parametrize(
    ("symbols", "is_glibc"),
    [
        (("gnu_get_libc_version", "mallopt"), True),
        (("mallopt",), False),  # another C library with mallopt (not glibc's meaning)
        (("gnu_get_libc_version",), False),
        ((), False),
    ],
)
def test_glibc_is_recognised_by_its_symbols(monkeypatch, symbols, is_glibc):
    class Library:
        def __init__(self, name):
            assert name is None  # the process's own symbols
            for symbol in symbols:
                setattr(self, symbol, type("Function", (), {})())

    monkeypatch.setattr(pm.ctypes, "CDLL", Library)
    got = pm._glibc()
    assert (got is not None) is is_glibc
    if is_glibc:
        assert got.mallopt.argtypes == [pm.ctypes.c_int, pm.ctypes.c_int]


def test_a_process_without_a_loadable_c_library_is_not_glibc(monkeypatch):
    def refuse(name):
        raise OSError("no such library")

    monkeypatch.setattr(pm.ctypes, "CDLL", refuse)
    assert pm._glibc() is None
