"""Calibration costs: fit_generator on surveyed-size networks (100 firms and 10 free
parameters; 300 firms with every default structural parameter free, target <= 2 min) and
cn.fit_model's ABC-SMC of 5 upgrading parameters on a 1,000-firm cluster (target <= 10 min).

The 300-firm structural fit has two cases: ``structural_fit_300`` times a cheap call (a
short least-squares search with one-step weights; it does not reach the calibration
target) and ``structural_fit_300_procedure`` the procedure of docs/calibration.md's survey
fits (Powell, two-step diagonal weights, ``final_sims=24``, a 400-draw check).

Each record carries the machine's load average (1 min) before and after the timed call
and the checkout's commit: on a shared machine the seconds are only comparable at a
similar load, and only for the code they timed. ``opt_in`` must be in the ``-k``
expression (benchmarks/conftest.py):

    pytest benchmarks/bench_calibrate.py -o python_files='bench_*.py' \
        -o python_functions='bench_*' -o addopts='' -k 'structural_fit_300_procedure_opt_in'
    BENCH_QUICK=1 BENCH_RESULTS=/tmp/smoke pytest ... -k 'procedure_opt_in'  # smoke size
"""

import os
import time

import numpy as np
from _common import ours, quick, record

import clusternet as cn
from clusternet._threads import numba_threads, small_threads
from clusternet.calibrate import fit_generator, simulated_moments

PARAMS = [
    "transaction_degree",
    "size_preference",
    "technology_degree",
    "same_specialisation",
    "social_degree",
    "social_closure",
    "social_long_range",
    "social_transaction",
    "transaction_technology",
    "social_technology",
]
LAYERS = {"transaction": "transaction", "technology": "technology", "social": "social"}


def _load() -> float:
    """The 1-minute load average (nan where the platform has none)."""
    try:
        return float(os.getloadavg()[0])
    except OSError:
        return float("nan")


def bench_fit_generator_opt_in(benchmark):
    firms = 100
    observed = cn.generate_cluster(firms, seed=21)
    layers = list(LAYERS.values())
    simulated_moments(firms, {}, layers, np.random.SeedSequence(0), False)  # compile
    t0 = time.perf_counter()
    for s in range(200):
        simulated_moments(firms, {}, layers, np.random.SeedSequence(s), False)
    per_sim = (time.perf_counter() - t0) / 200
    kw = dict(params=PARAMS, layer_map=LAYERS, seed=1, workers=2)
    if quick():
        kw.update(n_sims=4, bootstrap=4, maxiter=1)
    timing, fit = ours(benchmark, lambda: fit_generator(observed, **kw), rounds=3)
    record(
        "calibrate",
        {
            "fit": {
                "firms": firms,
                "layers": len(LAYERS),
                "parameters": len(PARAMS),
                "moments": len(fit.fit),
                "inside": int(fit.fit["inside"].sum()),
                "n_sims": kw.get("n_sims", 10),
                "bootstrap": kw.get("bootstrap", 20),
                "workers": 2,
                "evaluations": fit.evaluations,
                "simulations": fit.simulations,
                "per_simulation_s": per_sim,
                "timing": timing,
            }
        },
    )


def bench_fit_model_abc_opt_in(benchmark):
    """cn.fit_model: ABC-SMC of the 5 upgrading parameters of UPGRADING_FIT on a 1,000-firm cluster.

    Observed: 10 steps simulated at the defaults; 100 particles, 4 generations,
    2 local workers (target: at most 10 minutes). Quick mode (``BENCH_QUICK=1``) keeps
    the cluster and the steps and runs 20 particles for 2 generations: it measures the
    simulations per second at the full size, and projects the full fit's time as its
    simulations per accepted particle times the full fit's 400 accepted particles,
    divided by that rate.
    """
    from clusternet.model_fit import UPGRADING_FIT, fit_model

    firms, steps = 1000, 10
    net = cn.generate_cluster(firms, seed=5)
    observed = cn.simulate_upgrading(net, steps, seed=6).timeseries
    # one run as the fit runs it: one Numba thread at this size (clusternet/_threads.py)
    with numba_threads(small_threads(net.n_actors)):
        t0 = time.perf_counter()
        cn.simulate_upgrading(net, steps, seed=7)
        per_sim = time.perf_counter() - t0
    kw = dict(params=list(UPGRADING_FIT), seed=1, workers=2)
    full = dict(population_size=100, generations=4)
    if quick():
        kw.update(population_size=20, generations=2, predictive=10)
    else:
        kw.update(predictive=20, **full)
    load_before = _load()
    cpu = {}

    def call():
        t0 = time.process_time()
        out = fit_model(net, observed, **kw)
        cpu["s"] = time.process_time() - t0
        return out

    timing, fit = ours(benchmark, call, rounds=1)
    rate = fit.simulations / fit.seconds
    per_particle = fit.simulations / (kw["population_size"] * len(fit.generations))
    projected = per_particle * full["population_size"] * full["generations"] / rate
    record(
        "calibrate",
        {
            "abc": {
                "firms": firms,
                "steps": steps,
                "parameters": len(UPGRADING_FIT),
                "particles": kw["population_size"],
                "generations": len(fit.generations),
                "quick": quick(),
                "workers": 2,
                "simulations": fit.simulations,
                "simulations_per_s": rate,
                # CPU seconds of the calling process only (the workers' are not counted)
                "cpu_s_main_process": cpu["s"],
                "simulations_per_accepted_particle": per_particle,
                "projected_full_s": projected,
                "per_simulation_s": per_sim,
                "load_before": load_before,
                "load_after": _load(),
                "numba_threads": os.environ.get("NUMBA_NUM_THREADS", "default"),
                "numba_threading_layer": os.environ.get("NUMBA_THREADING_LAYER", "default"),
                "commit": _commit(),
                "timing": timing,
            }
        },
    )


#: The cheap structural timing call: 13 default parameters (peer trade, reciprocity,
#: activity dispersion, closure, embedding) against the moments of three layers with
#: coordinates, a short least-squares search, one-step weights, no bootstrap. It times the
#: machinery (simulations, moments, one short search), NOT the procedure that reaches the
#: calibration target (it put 7 of 16 moments inside); that one is :data:`PROCEDURE_300`.
#: ``workers=None``: a fit this small runs in the calling process (no pool).
STRUCTURAL = dict(n_sims=6, maxiter=2, bootstrap=0, workers=None, search="least_squares")
#: The procedure of docs/calibration.md's survey fits (``SURVEY_FITS`` in
#: examples/calibration.py, Lazega's call without its survey-specific ``closure_rounds``):
#: Powell's search, two-step diagonal weights, a last sweep on 24 fresh draws, moments
#: counted inside from a 400-draw check; serial (``workers=None``).
PROCEDURE_300 = dict(
    n_sims=8,
    maxiter=3,
    bootstrap=0,
    weights="estimate",
    final_sims=24,
    check=400,
    search="powell",
    workers=None,
)
#: Quick mode (``BENCH_QUICK=1``): a smoke size that checks the case runs and records,
#: not a timing (a tiny cluster and budgets).
PROCEDURE_QUICK = dict(firms=60, n_sims=2, maxiter=1, design=6, final_sims=3, check=20)


def _commit() -> str | None:
    """The checkout's commit (with ``+dirty`` when it has uncommitted changes), or None."""
    import subprocess

    here = os.path.dirname(os.path.abspath(__file__))
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "clusternet"],
            cwd=here,
            capture_output=True,
            text=True,
        )
    except OSError:
        return None
    if head.returncode:
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def _timed_fit(benchmark, firms: int, kw: dict) -> dict:
    """One serial fit_generator call on a generated ``firms``-firm cluster (seed 23), timed
    by ``ours`` (one round), with the fields every structural-fit row records."""
    observed = cn.generate_cluster(firms, seed=23)
    simulated_moments(firms, {}, list(LAYERS.values()), np.random.SeedSequence(0), False)
    load_before = _load()
    cpu = {}

    def call():
        t0 = time.process_time()
        out = fit_generator(observed, **kw)
        cpu["s"] = time.process_time() - t0
        return out

    timing, fit = ours(benchmark, call, rounds=1)
    return {
        # CPU seconds of this process (the whole fit when it runs serially): on a shared
        # machine the wall time counts other users' load, this does not
        "cpu_s": cpu["s"],
        "serial": kw["workers"] in (None, 1),
        "firms": firms,
        "parameters": len(fit.estimates),
        "moments": len(fit.fit),
        "inside": int(fit.fit["inside"].sum()),
        "n_sims": kw["n_sims"],
        "maxiter": kw["maxiter"],
        "search": kw["search"],
        "evaluations": fit.evaluations,
        "simulations": fit.simulations,
        "within_2_min": timing["median_s"] <= 120.0,
        "load_before": load_before,
        "load_after": _load(),
        "numba_threads": os.environ.get("NUMBA_NUM_THREADS", "default"),
        "commit": _commit(),
        "timing": timing,
    }


def bench_structural_fit_300_opt_in(benchmark):
    """fit_generator on a 300-firm, three-layer cluster with every default free parameter
    (target: at most 2 minutes on the 2-core machine)."""
    kw = dict(layer_map=LAYERS, seed=2, **STRUCTURAL)
    if quick():
        kw.update(n_sims=3, maxiter=1, design=8)
    row = _timed_fit(benchmark, 300, kw)
    row["procedure"] = "cheap timing call (least squares, one-step weights)"
    record("calibrate", {"structural_fit_300": row})


def bench_structural_fit_300_procedure_opt_in(benchmark):
    """fit_generator at 300 firms with the procedure that reaches the target on the surveys
    (:data:`PROCEDURE_300`): moments inside, evaluations, simulations, CPU and wall seconds.

    Not part of a quick suite: at full size it takes minutes. ``BENCH_QUICK=1`` runs a
    smoke size (:data:`PROCEDURE_QUICK`) that only checks the case runs and records.
    """
    kw = dict(layer_map=LAYERS, seed=2, **PROCEDURE_300)
    firms = 300
    if quick():
        small = dict(PROCEDURE_QUICK)
        firms = small.pop("firms")
        kw.update(small)
    row = _timed_fit(benchmark, firms, kw)
    row.update(
        quick=quick(),
        design=kw.get("design", "default"),
        weights=kw["weights"],
        final_sims=kw["final_sims"],
        check=kw["check"],
    )
    record("calibrate", {"structural_fit_300_procedure": row})
