"""Does competition press? The opt-in market channel measured with paired seeds (issue 26, item 3).

With ``market_pressure`` p > 0 a share p of buyers chooses among a firm's rivals on
the technology ladder of :mod:`clusternet.dynamics.market`: they buy by its
shares and pay its limit price instead of the regional premium
(:func:`clusternet.dynamics.market.ladder_weight`,
:func:`clusternet.dynamics.market.ladder_sales_share`,
:func:`clusternet.dynamics.market.limit_price_margin`). This tool measures, on generated
clusters (``FIRMS`` firms, the generator's defaults, one cluster per seed) with
``SEEDS`` paired seeds (common random numbers: the arms of a seed share every
draw) and 95 % Student t intervals over seeds:

1. **The size of the sales channel.** A panel over firms and steps per run,
   ``dlog y_it = a + sum_l b_rival_l x_i,t-l + sum_l b_own_l o_i,t-l + e`` (lags
   ``l`` = 0..``LAGS``) with ``x_it`` the number of the firm's rivals that
   innovated in step ``t``, ``o_it`` = 1 if the firm did, and ``y`` its sales; the
   same for the change of its unit margin. The step's coefficient (lag 0) and the
   cumulative effect (the sum over the lags: sales adjust a share
   ``demand_adjustment`` of the way per step) at p = 1 against p = 0.
2. **What switching the channel on does** at the default competition: p = 0.5
   and 1 against 0 on the high-quality share, reputation, mean unit margin,
   sales dispersion and innovations; and, under the margin exit rule
   (``exit_rule="margin"``, ``exit_rate`` 0.03, ``outside_margin`` 0), the entrants
   (= exits) per firm and step.
3. **What competition moves.** ``competition`` 0.2 against 0.9 (its plausible
   range) at p = 0 and p = 1: innovations per firm and step, the dispersion of
   sales (``sales_cv``) at the end, the firms' mean unit margin, and the rank
   correlation of the firms' sales at the start and the end (churn).
4. **The shape.** Innovations per firm and step over ``competition`` 0, 0.25,
   ..., 1 at p = 0 and p = 1 (:func:`clusternet.experiments.competition.innovation_by_competition`)
   and the shape :func:`~clusternet.experiments.competition.classify_shape`
   reads from the paired intervals.

Run: ``PYTHONPATH=. python tools/market_pressure.py [seeds] [firms] [steps]``
(defaults 10, 200, 40; about 6 min on one core). Writes ``tools/market_pressure.json``
(run date, commit, settings and every number).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy import stats

import clusternet as cn
from clusternet._threads import numba_threads
from clusternet.experiments import paired_interval
from clusternet.experiments.competition import classify_shape, innovation_by_competition
from clusternet.io import atomic_write_text

OUT = Path(__file__).with_name("market_pressure.json")
#: lags of the distributed-lag panel regression (sales adjust a fifth of the way per step
#: at the default demand_adjustment, so five steps carry two thirds of a change)
LAGS = 4
#: the shape runs' cluster size and length (as in docs/model.md's competition table)
SHAPE_FIRMS = 150
SHAPE_STEPS = 30


def _interval(values) -> dict:
    iv = paired_interval(np.asarray(values, dtype=float))
    return {"mean": iv.effect, "low": iv.low, "high": iv.high}


def _paired(base: list[dict], arm: list[dict], names: tuple[str, str]) -> dict:
    """Per outcome: each arm's interval and the paired difference ``arm - base``."""
    return {
        key: {
            names[0]: _interval([r[key] for r in base]),
            names[1]: _interval([r[key] for r in arm]),
            "difference": _interval([a[key] - b[key] for a, b in zip(arm, base)]),
        }
        for key in base[0]
    }


def rival_matrix(model: cn.UpgradingModel) -> sp.csr_matrix:
    """The competition layer as a 0/1 CSR over actors, self-ties dropped."""
    indptr, indices = model.comp
    n = indptr.shape[0] - 1
    a = sp.csr_matrix(
        (np.ones(indices.shape[0]), indices.astype(np.int64), indptr.astype(np.int64)),
        shape=(n, n),
    )
    a.setdiag(0)
    a.eliminate_zeros()
    a.data[:] = 1.0
    return a


def squeeze_panel(net, seed: int, steps: int, **params) -> dict:
    """One run's distributed-lag regressions of sales and margin changes on innovations."""
    model = cn.UpgradingModel(net, seed=seed, **params)
    firms = model.firms
    rivals = rival_matrix(model)
    has_rival = np.asarray(rivals.sum(axis=1)).ravel()[firms] > 0
    rival_hist, own_hist, dy, dm = [], [], [], []
    y_prev = model.state.output[firms].copy()
    m_prev = None
    for t in range(1, steps + 1):
        model.step()
        innovated = (model.state.last_innovation == t).astype(float)
        rival_hist.append((rivals @ innovated)[firms])
        own_hist.append(innovated[firms])
        y = model.state.output[firms]
        m = model.state.margin[firms]
        dy.append(np.log(y) - np.log(y_prev))
        dm.append(m - m_prev if m_prev is not None else np.full(y.shape, np.nan))
        y_prev, m_prev = y.copy(), m.copy()
    rows_x, rows_y, rows_m = [], [], []
    for t in range(LAGS + 1, steps):  # margin changes start at step 2
        keep = has_rival & np.isfinite(dy[t]) & np.isfinite(dm[t])
        cols = [np.ones(int(keep.sum()))]
        cols += [rival_hist[t - lag][keep] for lag in range(LAGS + 1)]
        cols += [own_hist[t - lag][keep] for lag in range(LAGS + 1)]
        rows_x.append(np.column_stack(cols))
        rows_y.append(dy[t][keep])
        rows_m.append(dm[t][keep])
    x = np.vstack(rows_x)
    beta_y = np.linalg.lstsq(x, np.concatenate(rows_y), rcond=None)[0]
    beta_m = np.linalg.lstsq(x, np.concatenate(rows_m), rcond=None)[0]
    rival = slice(1, LAGS + 2)
    own = slice(LAGS + 2, 2 * LAGS + 3)
    return {
        "sales_rival": float(beta_y[1]),
        "sales_rival_cumulative": float(beta_y[rival].sum()),
        "sales_own": float(beta_y[LAGS + 2]),
        "sales_own_cumulative": float(beta_y[own].sum()),
        "margin_rival": float(beta_m[1]),
        "margin_rival_cumulative": float(beta_m[rival].sum()),
        "margin_own_cumulative": float(beta_m[own].sum()),
        "firm_steps": int(x.shape[0]),
    }


def outcomes(net, seed: int, steps: int, **params) -> dict:
    """End-of-run outcomes of one run."""
    model = cn.UpgradingModel(net, seed=seed, **params)
    y0 = model.state.output[model.firms].copy()
    ts = model.run(steps).timeseries
    y = model.state.output[model.firms]
    n_firms = int(model.firms.sum())
    return {
        "innovations_per_firm_step": float(ts["innovations"].iloc[1:].sum()) / (n_firms * steps),
        "sales_cv": float(ts["sales_cv"].iloc[-1]),
        "mean_unit_margin": float(model.state.margin[model.firms].mean()),
        "sales_rank_correlation": float(stats.spearmanr(y0, y).statistic),
        "reputation": float(ts["reputation"].iloc[-1]),
        "high_quality_share": float(ts["high_quality_share"].iloc[-1]),
        "entrants_per_firm_step": float(ts["entrants"].iloc[1:].sum()) / (n_firms * steps),
    }


def main(seeds: int = 10, firms: int = 200, steps: int = 40) -> dict:
    """Run the three measurements and write :data:`OUT`; returns what it wrote."""
    result: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": subprocess.run(
            ["git", "describe", "--always", "--dirty"], capture_output=True, text=True
        ).stdout.strip(),
        "settings": {
            "seeds": seeds,
            "firms": firms,
            "steps": steps,
            "lags": LAGS,
            "shape": {"firms": SHAPE_FIRMS, "steps": SHAPE_STEPS, "reps": seeds},
        },
    }
    nets = [cn.generate_cluster(firms, seed=100 + s) for s in range(seeds)]
    with numba_threads(1):
        # 1. the squeeze
        panel = {
            p: [squeeze_panel(nets[s], s, steps, market_pressure=p) for s in range(seeds)]
            for p in (0.0, 1.0)
        }
        squeeze = {}
        for key in panel[0.0][0]:
            if key == "firm_steps":
                continue
            off = [r[key] for r in panel[0.0]]
            on = [r[key] for r in panel[1.0]]
            squeeze[key] = {
                "pressure_0": _interval(off),
                "pressure_1": _interval(on),
                "difference": _interval(np.subtract(on, off)),
            }
        squeeze["firm_steps_per_run"] = int(np.mean([r["firm_steps"] for r in panel[1.0]]))
        result["squeeze"] = squeeze
        print("squeeze", json.dumps(squeeze, indent=1), flush=True)
        # 2. what switching the channel on does, at the default competition
        levels = {}
        for label, extra in (
            ("default_exit", {}),
            ("margin_exit", {"exit_rule": "margin", "exit_rate": 0.03, "outside_margin": 0.0}),
        ):
            base = [outcomes(nets[s], s, steps, **extra) for s in range(seeds)]
            for p in (0.5, 1.0):
                arm = [
                    outcomes(nets[s], s, steps, market_pressure=p, **extra) for s in range(seeds)
                ]
                levels[f"{label}_pressure_{p:g}"] = _paired(base, arm, ("pressure_0", "pressure"))
        result["levels"] = levels
        print("levels", json.dumps(levels, indent=1), flush=True)
        # 3. what competition moves
        moves = {}
        for p in (0.0, 1.0):
            low = [
                outcomes(nets[s], s, steps, market_pressure=p, competition=0.2)
                for s in range(seeds)
            ]
            high = [
                outcomes(nets[s], s, steps, market_pressure=p, competition=0.9)
                for s in range(seeds)
            ]
            moves[f"pressure_{p:g}"] = _paired(low, high, ("competition_0.2", "competition_0.9"))
        result["competition_moves"] = moves
        print("moves", json.dumps(moves, indent=1), flush=True)
        # 4. the shape of innovation over competition
        shape = {}
        for p in (0.0, 1.0):
            table, y = innovation_by_competition(
                (0.0, 0.25, 0.5, 0.75, 1.0),
                firms=SHAPE_FIRMS,
                steps=SHAPE_STEPS,
                reps=seeds,
                seed=0,
                market_pressure=p,
            )
            shape[f"pressure_{p:g}"] = {
                "table": table.to_dict(orient="records"),
                "shape": classify_shape(y),
            }
        result["shape"] = shape
        print("shape", json.dumps(shape, indent=1), flush=True)
    atomic_write_text(OUT, json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
