"""One schema for every benchmark result, and the rounds that feed it.

Each result file ``results/<task>.json`` holds ``{"schema": 2, "cases": {case: {"run",
"machine", "facts", "rows"}}}``: the run id and the machine facts and package versions
read *when the benchmark ran*, the case's facts (sizes, parameters) and one row per
library and configuration with the fields in :data:`FIELDS`. Files written before this
schema are converted on reading (:func:`cases`), so their numbers keep rendering.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from importlib import metadata

#: the fields of every row (``extras`` holds anything else a benchmark reports)
FIELDS = (
    "task", "case", "library", "version", "threads", "median_s", "min_s", "max_s", "rounds",
    "peak_mb", "checked", "check_value", "build_s", "compute_s", "vs", "extras",
)  # fmt: skip
#: output checks a row may carry, first found is the row's ``checked`` field
CHECKS = (
    "max_rel_diff", "max_abs_diff", "max_abs_error", "l1_to_clusternet", "same_top_ranks",
    "mean_size_diff",
)  # fmt: skip
#: library label prefix -> distribution whose version the row records
DISTRIBUTIONS = {
    "clusternet": "clusternet", "igraph": "igraph", "networkit": "networkit",
    "networkx": "networkx", "scipy": "scipy", "numpy": "numpy", "cynetdiff": "cynetdiff",
    "ndlib": "ndlib", "pynetim": "pynetim", "netmax": "netmax", "rustworkx": "rustworkx",
    "graphblas-algorithms": "graphblas-algorithms", "python-graphblas": "python-graphblas",
    "graphblas": "python-graphblas", "scikit-network": "scikit-network",
    "sknetwork": "scikit-network", "pygsp": "pygsp", "eon": "EoN", "pymnet": "pymnet",
    "celf": "cynetdiff",
    "dask": "dask", "joblib": "joblib",
}  # fmt: skip
_TIMING = ("median_s", "seconds")


def distribution(library: str) -> str | None:
    """The distribution behind a row's library label (``None`` where none is known)."""
    head = library.lower().replace("(", " ").split()[0].rstrip(",") if library else ""
    for prefix, dist in DISTRIBUTIONS.items():
        if head.startswith(prefix):
            return dist
    return None


def versions(libraries) -> dict[str, str]:
    """Installed versions of the rows' distributions (read now: call it when the benchmark runs)."""
    out = {}
    for lib in libraries:
        dist = distribution(lib)
        if dist and dist not in out:
            try:
                out[dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                out[dist] = "not installed"
    return out


def _is_timing(v) -> bool:
    return isinstance(v, dict) and any(k in v for k in _TIMING)


def _flat(obj: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in obj.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flat(v, key + "/"))
        elif isinstance(v, list):
            if all(not isinstance(x, dict | list) for x in v):
                out[key] = " / ".join(
                    "—" if x is None else f"{x:.3g}" if isinstance(x, float) else str(x) for x in v
                )  # a missing entry (a target the issue does not set) prints "—"
        else:
            out[key] = v
    return out


def row(task: str, case: str, raw: dict, name: str = "", known: dict | None = None) -> dict:
    """One row in the schema from a benchmark's row dict (``name``: its key, if any)."""
    library = raw.get("library") or (
        f"clusternet {raw['method'].upper()}" if "method" in raw else name
    )
    checked = next((k for k in CHECKS if raw.get(k) is not None), None)
    dist = distribution(library)
    out = {
        "task": task,
        "case": case,
        "library": library,
        "version": raw.get("version") or (known or {}).get(dist or "", None),
        "threads": raw.get("threads"),
        "median_s": raw.get("median_s", raw.get("seconds")),
        "min_s": raw.get("min_s"),
        "max_s": raw.get("max_s"),
        "rounds": raw.get("rounds"),
        "peak_mb": raw.get("peak_mb"),
        "checked": checked,
        "check_value": raw.get(checked) if checked else None,
        "build_s": raw.get("build_s"),
        "compute_s": raw.get("compute_s"),
        "vs": raw.get("vs"),
    }
    skip = set(out) | set(CHECKS) | {"seconds", "method", "runs"}
    out["extras"] = {k: v for k, v in raw.items() if k not in skip and not isinstance(v, list)}
    out["extras"].update({k: v for k, v in raw.items() if k in ("round_s",)})
    return out


def cases(task: str, payload: dict, known: dict | None = None) -> dict[str, dict]:
    """Split a benchmark's payload into cases of ``{"facts", "rows"}`` in the schema.

    A dict with a ``rows`` list is a case; so is a dict whose values are timings
    (``median_s`` or ``seconds``: each a row named by its key); any other dict is
    walked into, and one with only numbers is a case of facts alone.
    """
    out: dict[str, dict] = {}

    def walk(path: str, obj: dict) -> None:
        case = path or "all"
        if isinstance(obj.get("rows"), list):
            facts = _flat({k: v for k, v in obj.items() if k != "rows"})
            rows = [row(task, case, r, known=known) for r in obj["rows"]]
            out[case] = {"facts": facts, "rows": rows}
            return
        timings = {k: v for k, v in obj.items() if _is_timing(v)}
        if timings:
            facts = _flat({k: v for k, v in obj.items() if k not in timings})
            rows = [row(task, case, v, name=k, known=known) for k, v in timings.items()]
            out[case] = {"facts": facts, "rows": rows}
            return
        structured = {
            k: v
            for k, v in obj.items()
            if isinstance(v, dict) and ("rows" in v or any(isinstance(x, dict) for x in v.values()))
        }
        rest = {k: v for k, v in obj.items() if k not in structured}
        if rest:
            out[case] = {"facts": _flat(rest), "rows": []}
        for k, v in structured.items():
            walk(f"{path}/{k}" if path else str(k), v)

    walk("", payload)
    return out


def load(path) -> dict[str, dict]:
    """A result file's cases, each with ``run`` and ``machine`` (legacy files converted)."""
    data = json.loads(path.read_text())
    if data.get("schema") == 2:
        return data["cases"]
    run_of = data.pop("_runs", {})
    # a profile's own file records when and where it ran (``machine_before``, ``versions``)
    profiled = data.get("machine_before") if isinstance(data.get("machine_before"), dict) else {}
    converted = cases(path.stem, data)
    for name, case in converted.items():
        top = name.split("/")[0]
        when = profiled.get("when")
        case["run"] = run_of.get(top) or next(iter(run_of.values()), when or "unknown")
        case["machine"] = (
            {
                "cpu": profiled.get("cpu", ""),
                "cores": profiled.get("cores"),
                "memory": "not recorded",
                "python": profiled.get("python", ""),
                "numba_threads": "not recorded",
                "versions": {"numba": profiled.get("numba", "?"), **data.get("versions", {})},
            }
            if when
            else None  # not recorded when those benchmarks ran
        )
    return converted


# ---------------------------------------------------------------------- interleaved rounds
#: the child's result line starts with this (a library may print anything before it)
RESULT_TAG = "@@bench-result "
_BUILT_TAG = "@@bench-built"

_RUNNER = """
import json as _json, sys as _sys, time as _time
_t0 = _time.perf_counter()
_state = build()
_t1 = _time.perf_counter()
_sys.stdout.write("\\n" + {built!r} + "\\n")
_sys.stdout.flush()
_check = compute(_state)
_t2 = _time.perf_counter()
if "after" in globals():  # untimed: turn compute's result into the check value
    _check = after(_check)
_peak = 0.0
with open("/proc/self/status") as _fh:
    for _line in _fh:
        if _line.startswith("VmHWM:"):
            _peak = int(_line.split()[1]) / 1024
_sys.stdout.write("\\n" + {tag!r} + _json.dumps({{
    "build_s": _t1 - _t0, "compute_s": _t2 - _t1, "load_s": _t0 - _LOAD_T0, "peak_mb": _peak,
    "threads": globals().get("threads"), "check": _check}}, default=float) + "\\n")
_sys.stdout.flush()
"""
_HEAD = "import time as _load_time\n_LOAD_T0 = _load_time.perf_counter()\n"


def program(source: str) -> str:
    """The child's whole program: ``source`` (defining ``build`` and ``compute``) and the
    runner that times them and prints one tagged JSON line."""
    runner = _RUNNER.format(built=_BUILT_TAG, tag=RESULT_TAG)
    return _HEAD + textwrap.dedent(source) + "\n" + runner


def run_once(source: str, round_limit: float | None = None, setup_limit: float = 900) -> dict:
    """Run one round of ``source`` in a new interpreter and return its measurement.

    The child's set-up (imports, module-level code and ``build()``) may take up to
    ``setup_limit`` seconds; ``compute`` up to ``round_limit``. A compute stopped at its limit returns ``{"stopped_after_s": seconds}``:
    a lower bound on its time, reported rather than hidden (with ``round_limit=None`` a
    compute past ``setup_limit`` is an error instead). A child that fails raises
    ``RuntimeError`` with its error output. ``pid`` is the child's process id.
    """
    import tempfile
    import time

    with tempfile.TemporaryFile("w+b") as out, tempfile.TemporaryFile("w+b") as err:
        proc = subprocess.Popen([sys.executable, "-c", program(source)], stdout=out, stderr=err)
        start, built_at = time.monotonic(), None
        try:
            while proc.poll() is None:
                time.sleep(0.02)
                now = time.monotonic()
                if built_at is None:
                    out.seek(0)
                    if _BUILT_TAG.encode() in out.read():
                        built_at = now
                    elif now - start > setup_limit:
                        raise RuntimeError(f"set-up ran past {setup_limit} s")
                elif round_limit is None and now - built_at > setup_limit:
                    raise RuntimeError(f"compute ran past {setup_limit} s")
                elif round_limit is not None and now - built_at > round_limit:
                    return {"stopped_after_s": now - built_at, "pid": proc.pid}
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        out.seek(0)
        text = out.read().decode(errors="replace")
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-3000:]
            # -9: killed, on this machine most likely by the kernel for lack of memory
            raise RuntimeError(f"exit code {proc.returncode}:\n{tail}")
    lines = [ln for ln in text.splitlines() if ln.startswith(RESULT_TAG)]
    if not lines:
        raise RuntimeError(f"no result line in the child's output:\n{text[-2000:]}")
    result = json.loads(lines[-1][len(RESULT_TAG) :])
    result["pid"] = proc.pid
    return result


def interleaved(
    programs: dict[str, str],
    rounds: int,
    timeout: float = 900,
    round_limit: float | None = None,
    trace: list | None = None,
    failures: dict | None = None,
) -> dict[str, dict]:
    """Time every library in its own fresh process, rounds interleaved across libraries.

    ``programs[label]`` is Python source that defines ``build()`` (untimed set-up,
    returning the state) and ``compute(state)`` (timed; returns a JSON-able check
    value, or, where the program also defines ``after(result)``, what ``after`` makes
    of the result, untimed), and may set ``threads``. Round ``r`` of every library runs before round
    ``r + 1`` of any, each in a new interpreter, so drift in the machine's speed
    falls on all libraries alike; each round starts one library further along the
    list, so no library always runs first (after the parent's own work) or last.
    A library whose compute runs past ``round_limit`` seconds is stopped and not run
    again: its row gives ``stopped_after_s`` and the rounds it finished (``round_s``).
    ``trace``, when given, receives ``(round, label, pid)`` for every process run.
    A child that fails raises ``RuntimeError``; with ``failures`` (a dict) given, its
    error goes there instead, under its label, and that library is not run again.

    Returns per label the row fields: median/min/max of compute, build median (the
    library's own set-up inside ``build()``), ``load_s`` median (interpreter start,
    imports and module-level code), peak MB, threads, the last check value
    (``check``) and every round's (``checks``).
    """
    import statistics

    labels = list(programs)
    seen: dict[str, list[dict]] = {label: [] for label in labels}
    stopped: dict[str, float] = {}
    for r in range(rounds):
        shift = r % len(labels) if labels else 0
        for label in labels[shift:] + labels[:shift]:
            if label in stopped or (failures is not None and label in failures):
                continue
            try:
                got = run_once(programs[label], round_limit, setup_limit=timeout)
            except (RuntimeError, subprocess.SubprocessError) as exc:
                if failures is None:
                    raise RuntimeError(f"{label} failed: {exc}") from exc
                failures[label] = str(exc)[-300:]
                continue
            if trace is not None:
                trace.append((r, label, got["pid"]))
            if "stopped_after_s" in got:
                stopped[label] = got["stopped_after_s"]
            else:
                seen[label].append(got)
    out = {}
    for label, runs in seen.items():
        if failures is not None and label in failures:
            continue
        if label in stopped:
            out[label] = {
                "library": label,
                "threads": runs[-1]["threads"] if runs else None,
                "median_s": None,
                "min_s": None,
                "max_s": None,
                "rounds": len(runs),
                "stopped_after_s": stopped[label],
                "round_limit_s": round_limit,
                "round_s": [x["compute_s"] for x in runs],
                "check": None,
                "checks": [],
            }
            continue
        compute = [x["compute_s"] for x in runs]
        out[label] = {
            "library": label,
            "threads": runs[-1]["threads"],
            "median_s": statistics.median(compute),
            "min_s": min(compute),
            "max_s": max(compute),
            "rounds": len(runs),
            "compute_s": statistics.median(compute),
            "build_s": statistics.median(x["build_s"] for x in runs),
            "load_s": statistics.median(x["load_s"] for x in runs),
            "peak_mb": max(x["peak_mb"] for x in runs),
            "check": runs[-1]["check"],
            "checks": [x["check"] for x in runs],
        }
    return out


def compare(
    specs: list[dict],
    prelude: str,
    rounds: int,
    reference: str,
    threads: int,
    round_limit: float | None = None,
    trace: list | None = None,
) -> list[dict]:
    """Run every spec on :func:`interleaved` and check each output against ``reference``'s.

    A spec is ``{"label", "body", "threads": (1, ...) , "needs": module or None,
    "check": callable(ours, peer) -> dict of check fields (raises on a mismatch),
    "serial": bool}``; ``body`` may use ``{threads}``. ``reference`` names the
    clusternet label whose 1-thread output the peers are checked against. A peer
    whose module is not installed is left out; one stopped at ``round_limit`` gives a
    row with ``stopped_after_s`` and no check. Every peer row faces clusternet at its
    own thread count (``vs``). The programs' ``compute`` return a path to a ``.npy``
    file (or ``[path, extra]``: ``extra`` goes into the row as ``extra``).
    """
    import importlib.util

    import numpy as np

    programs, by_key = {}, {}
    for spec in specs:
        needs = spec.get("needs")
        if needs and importlib.util.find_spec(needs) is None:
            continue
        for k in sorted(set(spec.get("threads", (1,)))):
            k = max(1, min(k, threads))
            key = f"{spec['label']}@{k}"
            programs[key] = prelude + textwrap.dedent(spec["body"]).format(threads=k)
            by_key[key] = spec
    measured = interleaved(programs, rounds, round_limit=round_limit, trace=trace)

    def value(check):
        path = check[0] if isinstance(check, list) else check
        return np.load(path)

    ours = value(measured[f"{reference}@1"]["check"])
    rows = []
    for key, r in measured.items():
        spec = by_key[key]
        check = r.pop("check")
        r.pop("checks", None)
        r["library"] = spec["label"]
        r["threads"] = r["threads"] or int(key.rpartition("@")[2])
        if spec["label"] != reference:
            r["vs"] = f"{reference}@{r['threads']}"
        if check is None:  # stopped at the round limit: nothing to check
            rows.append(r)
            continue
        if isinstance(check, list) and len(check) > 1 and isinstance(check[1], dict):
            r.update(check[1])
        if spec.get("check") is not None:
            r.update(spec["check"](ours, value(check)))
        rows.append(r)
    return rows
