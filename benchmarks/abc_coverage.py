"""Coverage of cn.fit_model's credible intervals on repeated synthetic cases.

For each case a parameter vector is drawn from the prior, outcomes are
simulated with it, the model is fitted by ABC-SMC and we record whether each
true value lies inside its central 90 % credible interval. A calibrated
posterior covers about 90 % (an ABC posterior at a positive tolerance is a
little wider, so coverage at or above 90 % is expected); the target is >= 85 %.

* ``--model contagion``: the multiplex contagion model on the CKM physicians'
  network (three layers, the 125 physicians with known status, 17 months):
  external hazard and three layer weights.
* ``--model upgrading``: the upgrading model on a small generated cluster, the
  parameters of :data:`clusternet.model_fit.UPGRADING_FIT` (innovation rate,
  squeeze, imitation gap, quality cost, monitoring) over their plausible ranges.

Run: python benchmarks/abc_coverage.py --model contagion --cases 20 --out cov.json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from scipy import stats

import clusternet as cn
from clusternet.contagion import ContagionModel
from clusternet.model_fit import UPGRADING_FIT, upgrading_priors


def contagion_case(k: int, args) -> dict:
    net = cn.datasets.load_ckm_physicians()
    known = net.column("adoption_status") != "unknown"
    model = ContagionModel(net, net.column("adoption_month"), 17, known=known)
    priors = model.default_priors()
    rng = np.random.default_rng([args.seed, k])
    truth = {p: float(rng.uniform(*priors[p])) for p in priors}
    period = model.simulate(truth, seed=int(rng.integers(2**31))).astype(float)
    times = np.full(net.n_actors, np.nan)
    sim = period.copy()
    sim[sim > 17] = np.nan
    times[model.index] = sim
    fit = cn.fit_model(
        net,
        times,
        model="contagion",
        options={"censor_time": 17, "known": known},
        population_size=args.particles,
        generations=args.generations,
        predictive=0,
        seed=args.seed * 1000 + k,
        workers=args.workers,
    )
    return _record(truth, fit)


def upgrading_case(k: int, args) -> dict:
    net = cn.generate_cluster(args.firms, seed=args.seed)
    names = list(args.params or UPGRADING_FIT)
    priors = upgrading_priors(names)
    rng = np.random.default_rng([args.seed, k])
    truth = {p: float(rng.uniform(*priors[p])) for p in names}
    observed = cn.simulate_upgrading(
        net, args.steps, seed=int(rng.integers(2**31)), **truth
    ).timeseries
    fit = cn.fit_model(
        net,
        observed,
        params=names,
        population_size=args.particles,
        generations=args.generations,
        predictive=0,
        seed=args.seed * 1000 + k,
        workers=args.workers,
    )
    return _record(truth, fit)


def _record(truth: dict, fit) -> dict:
    iv = fit.intervals
    return {
        "truth": truth,
        "low": {p: float(iv.loc[p, "low"]) for p in truth},
        "high": {p: float(iv.loc[p, "high"]) for p in truth},
        "inside": {p: bool(iv.loc[p, "low"] <= v <= iv.loc[p, "high"]) for p, v in truth.items()},
        "width_over_prior": {
            p: float(
                (iv.loc[p, "high"] - iv.loc[p, "low"])
                / (iv.loc[p, "prior_high"] - iv.loc[p, "prior_low"])
            )
            for p in truth
        },
        "simulations": fit.simulations,
        "seconds": fit.seconds,
    }


def summarise(cases: list[dict]) -> dict:
    names = list(cases[0]["inside"])
    out = {}
    hits = 0
    for p in names:
        inside = [c["inside"][p] for c in cases]
        hits += sum(inside)
        out[p] = {
            "coverage": float(np.mean(inside)),
            "mean_width_over_prior": float(np.mean([c["width_over_prior"][p] for c in cases])),
        }
    n = len(cases) * len(names)
    ci = stats.binomtest(hits, n).proportion_ci(0.95, method="wilson")
    out["all"] = {"coverage": hits / n, "n": n, "ci95": [ci.low, ci.high]}
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--model", choices=["contagion", "upgrading"], default="contagion")
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--particles", type=int, default=100)
    parser.add_argument("--generations", type=int, default=5)
    parser.add_argument("--firms", type=int, default=40)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--params", nargs="*", default=None)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    case = contagion_case if args.model == "contagion" else upgrading_case
    cases = []
    start = time.perf_counter()
    for k in range(args.cases):
        cases.append(case(k, args))
        print(f"case {k}: inside {cases[-1]['inside']} ({cases[-1]['seconds']:.0f} s)", flush=True)
        result = {
            "settings": vars(args) | {"out": str(args.out)},
            "summary": summarise(cases),
            "cases": cases,
        }
        if args.out:
            args.out.write_text(json.dumps(result, indent=1))
    result["seconds"] = time.perf_counter() - start
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    print(json.dumps(result["summary"], indent=1))
    return result


if __name__ == "__main__":
    main()
