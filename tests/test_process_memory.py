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
import platform
import subprocess
import sys
from pathlib import Path

import pytest

import clusternet.process_memory as pm

#: glibc as the standard library reads it (not the module under test): its tests must
#: not skip themselves when the module's own detection breaks
GLIBC = platform.libc_ver()[0] == "glibc" and "LD_PRELOAD" not in os.environ
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
has_info = hasattr(libc, "mallinfo2")  # glibc 2.33 and later
if has_info:
    libc.mallinfo2.restype = MallInfo2
info = libc.mallinfo2 if has_info else (lambda: None)
kept = keep_freed_memory() if sys.argv[1] == "keep" else None
faults = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_minflt
n = 64 * 2**20 // 8
a = np.ones(n)                       # first 64 MiB: fresh pages either way
info_alive = info()
del a
info_freed = info()
f0 = faults()
b = np.ones(n)                       # the second: reused pages only if freed memory is kept
f1 = faults()
print(json.dumps({"kept": kept, "state": freed_memory_kept(), "faults": f1 - f0,
                  "info": has_info,
                  "mmapped_alive": info_alive.hblkhd if has_info else None,
                  "heap_alive": info_alive.arena if has_info else None,
                  "heap_freed": info_freed.arena if has_info else None,
                  "sum": float(b.sum())}))
"""


def _clean_env(**extra: str) -> dict:
    """The environment without anything that changes the allocator from outside."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MALLOC_") and k not in ("GLIBC_TUNABLES", "LD_PRELOAD")
    }
    return dict(env, **extra)


def _child(mode: str) -> dict:
    env = _clean_env(NUMPY_MADVISE_HUGEPAGE="0")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not GLIBC, reason="the setting exists only under glibc")
def test_kept_memory_is_reused_without_page_faults_and_comes_from_the_heap():
    """A freed 64 MiB array written again: as it comes, glibc maps fresh pages (a fault
    each); with freed memory kept, the pages are reused (next to no faults) and glibc's
    own accounting shows the block in the heap, kept after ``free``."""
    pages = MIB64 // os.sysconf("SC_PAGE_SIZE")
    default, kept = _child("default"), _child("keep")
    assert default["kept"] is None and default["state"] is False
    assert kept["kept"] is True and kept["state"] is True
    assert kept["sum"] == default["sum"] == MIB64 // 8
    # where huge pages come without asking (THP "always", per-size settings) the fault
    # count cannot tell the two apart and only the heap accounting below decides
    if default["faults"] >= 0.5 * pages:
        # the second array reuses the first one's pages: almost no faults (a few for
        # Python's own small objects), where fresh memory faults once per page
        assert kept["faults"] < 0.02 * pages, (default, kept)
    if not kept["info"]:
        pytest.skip("glibc older than 2.33 (no mallinfo2): the fault counts were the check")
    assert default["mmapped_alive"] >= MIB64, default  # the witness tells them apart
    # the 64 MiB block was served from the heap, not by mmap, and not trimmed on free
    assert kept["mmapped_alive"] < MIB64, kept
    assert kept["heap_alive"] >= MIB64, kept
    assert kept["heap_freed"] >= MIB64, kept


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


@pytest.mark.parametrize("refused", [pm.M_MMAP_MAX, pm.M_TRIM_THRESHOLD])
def test_a_refused_setting_is_an_error_naming_it_and_changes_nothing(monkeypatch, refused):
    calls = []

    class RefusingLibc:
        def mallopt(self, param, value):
            calls.append((param, value))
            return 0 if param == refused else 1

    monkeypatch.setattr(pm, "_kept", False)
    monkeypatch.setattr(pm, "_glibc", lambda: RefusingLibc())
    name = "M_MMAP_MAX" if refused == pm.M_MMAP_MAX else "M_TRIM_THRESHOLD"
    with pytest.raises(OSError, match=name):
        pm.keep_freed_memory()
    assert pm.freed_memory_kept() is False
    if refused == pm.M_TRIM_THRESHOLD:  # the first setting, accepted, is put back
        assert calls == [(pm.M_MMAP_MAX, 0), (pm.M_TRIM_THRESHOLD, -1), (pm.M_MMAP_MAX, 65536)]
    else:
        assert calls == [(pm.M_MMAP_MAX, 0)]


MODEL_CHILD = r"""
import hashlib, json, sys
import numpy as np
import clusternet as cn
if sys.argv[1] == "keep":
    assert cn.keep_freed_memory()
net = cn.generate_cluster(5_000, seed=3)
model = cn.UpgradingModel(net, seed=3, network_every=3, **json.loads(sys.argv[2]))
for _ in range(10):
    model.step()
h = hashlib.sha256(model.state.knowledge.tobytes() + model.state.quality.tobytes())
for a in model.net.edge_arrays:
    h.update(np.ascontiguousarray(a).tobytes())
h.update(model.result().timeseries.to_csv().encode())
print(h.hexdigest())
"""


@pytest.mark.skipif(not GLIBC, reason="the setting exists only under glibc")
@pytest.mark.parametrize("params", [{}, {"market_pressure": 1.0, "exit_rate": 0.03}])
def test_the_model_gives_the_same_run_on_reused_dirty_memory(params):
    """No kernel reads memory it has not written: runs in which glibc fills every block it
    hands out with a byte pattern (``MALLOC_PERTURB_``; every size, every thread), with
    and without freed memory kept, equal a run as it comes, bit for bit.

    Checked able to fail: with the imitation operator's output array left unwritten
    where knowledge is 0 (``np.empty_like`` + ``copyto(where=k > 0)``), the pattern
    reaches the knowledge state and the perturbed runs stop with an error."""
    digests = []
    for mode, perturb in (("default", None), ("keep", "85"), ("default", "170")):
        env = _clean_env(**({"MALLOC_PERTURB_": perturb} if perturb else {}))
        out = subprocess.run(
            [sys.executable, "-c", MODEL_CHILD, mode, json.dumps(params)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=300,
        )
        digests.append(out.stdout.strip().splitlines()[-1])
    assert digests[0] == digests[1] == digests[2]


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
    monkeypatch.setattr(pm, "_malloc_is_glibcs", lambda process: True)
    got = pm._glibc()
    assert (got is not None) is is_glibc
    if is_glibc:
        assert got.mallopt.argtypes == [pm.ctypes.c_int, pm.ctypes.c_int]


def test_a_preloaded_allocator_is_not_glibc(monkeypatch):
    """With jemalloc or tcmalloc preloaded, glibc's mallopt would act on nothing."""
    monkeypatch.setattr(pm, "_malloc_is_glibcs", lambda process: False)
    assert pm._glibc() is None


@pytest.mark.skipif(not GLIBC, reason="glibc only")
def test_this_process_runs_on_glibcs_malloc_and_another_address_is_told_apart(monkeypatch):
    import ctypes

    assert pm._malloc_is_glibcs(ctypes.CDLL(None))

    class Preloaded:  # a process whose malloc is some other function
        malloc = ctypes.CDLL(None).free

    assert not pm._malloc_is_glibcs(Preloaded())


def test_a_process_without_a_loadable_c_library_is_not_glibc(monkeypatch):
    def refuse(name):
        raise OSError("no such library")

    monkeypatch.setattr(pm.ctypes, "CDLL", refuse)
    assert pm._glibc() is None


def test_a_c_library_that_cannot_be_opened_by_name_is_not_glibcs_malloc(monkeypatch):
    import ctypes

    process = ctypes.CDLL(None)
    real = ctypes.CDLL

    def opening(name):
        if name == "libc.so.6":
            raise OSError("libc.so.6: cannot open shared object file")
        return real(name)

    monkeypatch.setattr(pm.ctypes, "CDLL", opening)
    assert pm._malloc_is_glibcs(process) is False
