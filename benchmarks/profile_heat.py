"""Heat diffusion: clusternet's Chebyshev step against scipy's expm_multiply, CPU time.

The input of ``bench_diffusion.py``'s heat row (a random weighted graph, ``t = 0.5``);
both sides get a prebuilt operator (``heat_operator`` / ``-t * laplacian``) and only
the action ``exp(-t B) x0`` is timed, with ``time.process_time`` (the machine is
shared: CPU time is steadier than wall time). Rounds alternate ours and scipy's,
each round in a fresh process (``--fresh``, the default) or in this one
(``--in-process``); the medians, min-max and their ratio are printed as JSON.

Run on one thread::

    NUMBA_NUM_THREADS=1 nice -n 10 python benchmarks/profile_heat.py 1000000 10000000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np
import scipy.sparse as sp


def _input(n: int, m: int):
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    w = rng.random(int(keep.sum())) + 0.5
    a = sp.csr_array((w, (src[keep], dst[keep])), shape=(n, n))
    return sp.csr_array(a + a.T), rng.random(n)


def _one(side: str, n: int, m: int, t: float, given=None) -> dict:
    """Build ``side``'s operator, then time its action once (CPU seconds)."""
    from clusternet import diffusion as D

    a, x0 = _input(n, m) if given is None else given
    if side == "clusternet":
        D.heat(sp.csr_array(np.ones((3, 3))), np.ones(3), 0.5)  # compile outside the clock
        t0 = time.process_time()
        op = D.heat_operator(a)
        build = time.process_time() - t0
        t0 = time.process_time()
        y, info = D.heat(op, x0, t, info=True)
        compute = time.process_time() - t0
        products = info.products
    else:
        from scipy.sparse.linalg import expm_multiply

        t0 = time.process_time()
        lap = sp.csr_array(-t * D.laplacian(a))
        build = time.process_time() - t0
        t0 = time.process_time()
        y = expm_multiply(lap, x0)
        compute = time.process_time() - t0
        products = None
    return {"build_s": build, "compute_s": compute, "products": products, "y": y}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("m", type=int)
    parser.add_argument("--t", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--side", help=argparse.SUPPRESS)
    parser.add_argument("--save", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:  # a child: one measurement
        r = _one(args.side, args.n, args.m, args.t)
        np.save(args.save, r.pop("y"))
        print(json.dumps(r))
        return
    runs: dict[str, list[dict]] = {"clusternet": [], "scipy": []}
    outputs = {}
    given = _input(args.n, args.m) if args.in_process else None  # one input in this process
    for _ in range(args.rounds):
        for side in runs:
            if args.in_process:
                r = _one(side, args.n, args.m, args.t, given)
                outputs[side] = r.pop("y")
            else:
                path = f"/tmp/profile_heat_{side}.npy"
                cmd = [sys.executable, __file__, str(args.n), str(args.m), "--t", str(args.t)]
                cmd += ["--side", side, "--save", path]
                done = subprocess.run(cmd, capture_output=True, text=True, check=True)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                outputs[side] = np.load(path)
            runs[side].append(r)
    ref = outputs["scipy"]
    summary = {"n": args.n, "m": args.m, "t": args.t, "rounds": args.rounds}
    for side, rs in runs.items():
        c = [r["compute_s"] for r in rs]
        summary[side] = {
            "compute_median_s": statistics.median(c),
            "compute_min_s": min(c),
            "compute_max_s": max(c),
            "build_median_s": statistics.median(r["build_s"] for r in rs),
            "products": rs[0]["products"],
        }
    summary["ratio_of_medians"] = (
        summary["clusternet"]["compute_median_s"] / summary["scipy"]["compute_median_s"]
    )
    summary["ratio_per_round"] = [
        a["compute_s"] / b["compute_s"] for a, b in zip(runs["clusternet"], runs["scipy"])
    ]
    summary["max_rel_diff"] = float(np.abs(outputs["clusternet"] - ref).max() / np.abs(ref).max())
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
