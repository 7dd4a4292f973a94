"""Importable task functions for the sweep tests (workers import them by name)."""

import os
import time
from pathlib import Path

import numpy as np


def noisy_sum(a: int, b: float, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {"total": a + b, "draw": float(rng.random())}


def table_task(n: int, seed: int):
    import pandas as pd

    rng = np.random.default_rng(seed)
    return pd.DataFrame({"k": range(n), "x": rng.random(n)})


def sometimes_fails(a: int, seed: int):
    if a == 2:
        raise RuntimeError("task a=2 always fails")
    return a * 10


def dies_once(a: int, marker_dir: str, seed: int):
    """Kill the worker process the first time task a=1 runs; succeed afterwards."""
    marker = Path(marker_dir) / f"died-{a}"
    if a == 1 and not marker.exists():
        marker.write_text("x")
        os._exit(1)
    return {"a": a}


def counted(a: int, marker_dir: str, seed: int, delay: float = 0.0):
    """Record each execution in a file, optionally sleep."""
    Path(marker_dir, f"run-{a}-{os.getpid()}-{time.monotonic_ns()}").write_text("x")
    time.sleep(delay)
    return {"a2": a * a}


def uses_network(net, layer: str, seed: int):
    return {"edges": int(net.csr(layer).nnz)}


def always_dies(a: int, seed: int):
    """Task a=0 kills its worker every time; the others take a moment and succeed."""
    if a == 0:
        os._exit(1)
    time.sleep(0.3)
    return a * 10


def slow_noisy_sum(a: int, b: float, seed: int) -> dict:
    time.sleep(0.5)
    return noisy_sum(a, b, seed)


def mapped_pagerank(net, actor: int, seed: int) -> dict:
    """PageRank of one actor, and whether the worker's network maps its file (not a copy)."""
    import numpy as np

    from clusternet.centrality import pagerank

    return {
        "value": float(pagerank(net)[actor]),
        "mapped": isinstance(net.edge_arrays[0], np.memmap),
    }


def process_id(a: int, seed: int) -> dict:
    """The id of the process that ran the task."""
    return {"pid": os.getpid()}


def apply_shared(model, a: float, seed: int) -> dict:
    """Call a shared callable (sent by value when it was defined in a test)."""
    return {"value": float(model(a, seed))}
