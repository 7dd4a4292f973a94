"""Coverage of cn.fit_model's credible intervals on repeated synthetic cases.

For each case a parameter vector is drawn from the prior, outcomes are
simulated with it, the model is fitted by ABC-SMC and we record whether each
true value lies inside its central 90 % credible interval. A calibrated
posterior covers about 90 % (an ABC posterior at a positive tolerance is a
little wider, so coverage at or above 90 % is expected); the target is >= 85 %.
The study itself is :func:`clusternet.model_fit.posterior_coverage`; this script
only sets up the two models' simulate-and-fit steps. Interval widths are reported
over the prior's central 90 % interval (1: the data narrowed nothing).

* ``--model contagion``: the multiplex contagion model on the CKM physicians'
  network (three layers, the 125 physicians with known status, 17 months):
  external hazard and three layer weights; ``--total`` also checks their sum, the total
  contagion weight (a derived quantity of ``posterior_coverage``).
* ``--model upgrading``: the upgrading model on a small generated cluster, the
  parameters of :data:`clusternet.model_fit.UPGRADING_FIT` (innovation rate,
  competition, imitation gap, quality cost, monitoring) over their plausible ranges,
  fitted on the early and late half means of ``--columns`` (default
  :data:`clusternet.model_fit.UPGRADING_COLUMNS`); ``--firms`` and ``--steps`` set the
  observed design. ``benchmarks/abc_identifiability.py`` shows which parameters those
  summaries can pin down at a design. ``--set NAME=VALUE`` fixes other model
  parameters in the simulated truth and in every fit (e.g. ``--set
  market_pressure=1`` for the opt-in market channel). ``--params`` takes a
  ``RATES.LAYER`` name for one layer's entry of a per-layer rate
  (``imitation_rates.technology``).

Run: python benchmarks/abc_coverage.py --model contagion --cases 20 --out cov.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

import clusternet as cn
from clusternet._threads import numba_threads
from clusternet.contagion import ContagionModel
from clusternet.dynamics.parameters import expand_layer_rates
from clusternet.io import atomic_write_text
from clusternet.model_fit import (
    UPGRADING_COLUMNS,
    UPGRADING_FIT,
    posterior_coverage,
    upgrading_priors,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under python -m
from _common import fixed_parameters, provenance

#: Layers of a generated cluster that carry contagion in ``--network generated``.
GENERATED_LAYERS = ("technology", "social", "transaction")


def contagion_fit(args):
    """(fit(truth, seed) -> ModelFit, priors): the contagion model on the CKM network, or on a
    generated cluster of ``--firms`` firms (its technology, social and transaction layers)."""
    options: dict = {"censor_time": 17}
    if args.network == "ckm":
        net = cn.datasets.load_ckm_physicians()
        known = net.column("adoption_status") != "unknown"
        model = ContagionModel(net, net.column("adoption_month"), 17, known=known)
    else:
        net = cn.generate_cluster(args.firms, seed=args.seed)
        known = net.tier_mask("core")  # the firms
        blank = np.full(net.n_actors, np.nan)  # the data are simulated in every case
        model = ContagionModel(net, blank, 17, known=known, layers=GENERATED_LAYERS)
        options["layers"] = GENERATED_LAYERS
    options["known"] = known

    def fit(truth, seed):
        period = model.simulate(truth, seed=seed).astype(float)
        period[period > 17] = np.nan
        times = np.full(net.n_actors, np.nan)
        times[model.index] = period
        return cn.fit_model(
            net,
            times,
            model="contagion",
            options=options,
            population_size=args.particles,
            generations=args.generations,
            predictive=0,
            seed=np.random.SeedSequence([seed, 1]),
            workers=args.workers,
        )

    return fit, model.default_priors()


def upgrading_fit(args):
    """(fit(truth, seed) -> ModelFit, priors): the upgrading model on a generated cluster."""
    net = cn.generate_cluster(args.firms, seed=args.seed)
    names = list(args.params or UPGRADING_FIT)
    columns = list(args.columns or UPGRADING_COLUMNS)

    fixed = dict(args.fixed)

    def fit(truth, seed):
        # one thread, as fit_model's own runs: a small run gains nothing from more
        with numba_threads(1):
            observed = cn.simulate_upgrading(
                net, args.steps, seed=seed, **expand_layer_rates({**fixed, **truth})
            ).timeseries
        return cn.fit_model(
            net,
            observed,
            params=names,
            summary=columns,
            options=fixed or None,
            population_size=args.particles,
            generations=args.generations,
            predictive=0,
            seed=np.random.SeedSequence([seed, 1]),
            workers=args.workers,
        )

    return fit, upgrading_priors(names)


def _plain(value):
    """NumPy scalars as Python numbers, for json."""
    return value.item()


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--model", choices=["contagion", "upgrading"], default="contagion")
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--particles", type=int, default=100)
    parser.add_argument("--generations", type=int, default=5)
    parser.add_argument("--firms", type=int, default=40)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--params", nargs="*", default=None)
    parser.add_argument(
        "--columns",
        nargs="*",
        default=None,
        help="upgrading: time-series columns summarised (default UPGRADING_COLUMNS)",
    )
    parser.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="NAME=VALUE",
        help="upgrading: fix other model parameters in the truth and the fits (floats)",
    )
    parser.add_argument(
        "--network",
        choices=["ckm", "generated"],
        default="ckm",
        help="contagion: the CKM physicians' network or a generated cluster of --firms firms",
    )
    parser.add_argument(
        "--total",
        action="store_true",
        help="contagion: also check the total contagion weight (the sum of the layer weights)",
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    args.fixed = fixed_parameters(parser, args.set, fitted=args.params or UPGRADING_FIT)
    if args.fixed and args.model != "upgrading":
        parser.error("--set applies to --model upgrading")
    if args.total and args.model != "contagion":
        parser.error("--total applies to --model contagion")
    fit_one, priors = (contagion_fit if args.model == "contagion" else upgrading_fit)(args)
    fits = []

    def fit(truth, seed):
        result = fit_one(truth, seed)
        fits.append(
            {
                "seconds": result.seconds,
                "simulations": result.simulations,
                "generations": len(result.generations),
            }
        )
        return result

    start = time.perf_counter()

    done = []

    def report(k, rows):
        inside = dict(zip(rows["parameter"], rows["inside"], strict=True))
        print(f"case {k}: inside {inside} ({time.perf_counter() - start:.0f} s so far)", flush=True)
        done.extend(rows.to_dict(orient="records"))
        if args.out:  # the cases so far, in case the run is stopped before the end
            partial = {"settings": vars(args) | {"out": str(args.out)}, "partial": True}
            partial |= {"cases": done, "fits": fits, "seconds": time.perf_counter() - start}
            atomic_write_text(args.out, json.dumps(partial, indent=1, default=_plain))

    derived = None
    if args.total:  # the total contagion weight: the sum of the layer weights
        layers = [p for p in priors if p not in ("external", "external_trend")]
        derived = {"total_contagion": lambda v: sum(v[layer] for layer in layers)}
    study = posterior_coverage(
        fit, priors, args.cases, seed=args.seed, callback=report, derived=derived
    )
    result = {
        **provenance(),
        "settings": vars(args) | {"out": str(args.out)},
        "summary": study.to_dict(),
        "cases": study.cases.to_dict(orient="records"),
        "fits": fits,
        "seconds": time.perf_counter() - start,
    }
    if args.out:
        atomic_write_text(args.out, json.dumps(result, indent=1, default=_plain))
    print(study.table.to_string())
    return result


if __name__ == "__main__":
    main()
