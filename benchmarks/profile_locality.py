"""Locality of the actor numbering: what each order buys PageRank, cascades, RR sets and the
spillover step.

Not a benchmark (no peer): a profile for docs/scaling.md. One generated cluster,
renumbered several ways (the generator's order, Z-order through the coordinates, by
town, a random order, reverse Cuthill-McKee, by town then RCM); for each, the CPU time (``time.process_time``) of the
order itself, the renumbering, the in-view build and the kernels (PageRank, independent
cascades at p = 0.2, the RR sets of ``influence_maximization`` (IMM, k = 20, IC with
p = 0.02, epsilon 0.3: its time and RR-set count) and one spillover step), on one thread.
Results per actor id are checked against the generator's order (PageRank and the
spillover step to 1e-12 relative; the RR-set count and seeds reported).

Run (1 thread, so CPU time is the time of the one core used)::

    NUMBA_NUM_THREADS=1 nice -n 10 python benchmarks/profile_locality.py 1000000 --rounds 3

Prints one JSON object and stores it in ``benchmarks/results/profile_locality.json`` (the
schema of ``schema.py``, with this run's id and machine facts; ``make bench`` keeps it),
from which docs/scaling.md's locality table is written; ``--out`` writes a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("CLUSTERNET_BENCH_RUN", time.strftime("%Y-%m-%dT%H:%M:%S"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _cpu(fn, rounds: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(rounds):
        t0 = time.process_time()
        out = fn()
        times.append(time.process_time() - t0)
    return statistics.median(times), out


def _spread(net) -> float:
    m = net.csr(direction="both").tocoo()
    return float(np.abs(m.row.astype(np.int64) - m.col).mean())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("firms", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--orders", default="generator,space,town,random,rcm,town+rcm")
    parser.add_argument("--cascade-sims", type=int, default=20)
    parser.add_argument("--out")
    args = parser.parse_args()

    import numba

    import clusternet as cn
    from clusternet import diffusion as D
    from clusternet.centrality import pagerank
    from clusternet.locality import locality_order
    from clusternet.spillover import SpilloverModel
    from clusternet.targeting import influence_maximization

    dims = 8
    tau = np.linspace(0, 1, dims)
    rates = {"social": 0.2, "technology": 0.3, "service": 0.2, "transaction": 0.1,
             "competition": 0.05}  # fmt: skip

    def spill(net):
        return SpilloverModel(net, tau, rates, distance_scale=2.0)

    def rr(net):
        return influence_maximization(net, 20, prob=0.02, epsilon=0.3, method="imm", seed=1)

    small = cn.generate_cluster(500, seed=1)
    pagerank(small)
    D.independent_cascade(small, [small.ids[0]], 0.2, n_sims=2, seed=1)
    rr(small)
    spill(small).step(np.ones((small.n_actors, dims)))

    t0 = time.process_time()
    base = cn.generate_cluster(args.firms, seed=1)
    generate_s = time.process_time() - t0
    seeds = list(base.ids[np.linspace(0, base.n_actors - 1, 10).astype(int)])
    reference = spill_ref = None
    knowledge = np.random.default_rng(0).random((base.n_actors, dims))
    rows = {}
    for name in args.orders.split(","):
        t0 = time.process_time()
        if name == "generator":
            order = np.arange(base.n_actors)
        elif name == "random":
            order = np.random.default_rng(0).permutation(base.n_actors)
        elif name == "rcm":
            order = base.locality_order()
        elif name in ("space", "town"):
            order = locality_order(base, name)
        elif name == "town+rcm":
            order = base.locality_order(by="town")
        else:
            raise SystemExit(f"unknown order {name}")
        order_s = time.process_time() - t0
        t0 = time.process_time()
        net = base if name == "generator" else base.reordered(order)
        renumber_s = time.process_time() - t0
        t0 = time.process_time()
        net.csr(direction="in")
        view_s = time.process_time() - t0
        pr_s, pr = _cpu(lambda net=net: pagerank(net), args.rounds)
        ic_s, ic = _cpu(
            lambda net=net: D.independent_cascade(
                net, seeds, 0.2, n_sims=args.cascade_sims, seed=1
            ),
            args.rounds,
        )
        where = net.index_of(list(base.ids))
        per_id = pr[where]
        if reference is None:
            reference = per_id
        rr_s, im = _cpu(lambda net=net: rr(net), args.rounds)
        t0 = time.process_time()
        model = spill(net)
        spill_build_s = time.process_time() - t0
        k_here = np.empty_like(knowledge)
        k_here[where] = knowledge
        out = np.empty_like(knowledge)
        spill_s, _ = _cpu(
            lambda model=model, k_here=k_here, out=out: model.step(k_here, out=out, check=False),
            args.rounds,
        )
        if spill_ref is None:
            spill_ref = out[where].copy()
        spill_diff = float(np.max(np.abs(out[where] - spill_ref) / np.abs(spill_ref).max()))
        rows[name] = {
            "order_s": order_s,
            "renumber_s": renumber_s,
            "in_view_s": view_s,
            "pagerank_s": pr_s,
            "cascade_s": ic_s,
            "cascade_mean_size": float(np.mean(ic.sizes)) if hasattr(ic, "sizes") else None,
            "rr_imm_s": rr_s,
            "rr_sets": int(im.rr_sets),
            "rr_s_per_set": rr_s / max(1, int(im.rr_sets)),
            "rr_seeds": ", ".join(str(x) for x in sorted(im.seeds)[:5]) + ", ...",
            "spillover_build_s": spill_build_s,
            "spillover_step_s": spill_s,
            "spillover_max_rel_diff": spill_diff,
            "mean_tie_distance": _spread(net),
            "pagerank_max_rel_diff": float(np.max(np.abs(per_id - reference) / reference)),
        }
        print(name, json.dumps(rows[name]), flush=True)
    result = {
        "firms": args.firms,
        "actors": base.n_actors,
        "edges": base.n_edges,
        "threads": numba.get_num_threads(),
        "rounds": args.rounds,
        "generate_cpu_s": generate_s,
        "orders": rows,
    }
    print(json.dumps(result))
    from _common import record

    case = {k: v for k, v in result.items() if k != "orders"}
    case["rows"] = [{"library": f"order: {name}", "threads": result["threads"], **row}
                    for name, row in rows.items()]  # fmt: skip
    record("profile_locality", {str(args.firms): case})
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(result, fh, indent=1)


if __name__ == "__main__":
    main()
