"""Would continuation values bend the curve? The lagging fringe with a forward-looking incentive.

docs/model.md ("The lead paid one step ahead") finds innovation rising with
competition under the convention and under the opt-in lagging fringe
(``fringe_catch_up`` ``h``), and names what an inverted U would need: laggards
whose step is worth its cost, i.e. continuation values, which the model's
one-step incentive leaves out. This tool tests that conjecture. It is a tool
experiment, not a model option: a subclass of :class:`clusternet.UpgradingModel`
replaces the incentive by a forward-looking one and every other mechanism is the
model's.

The forward-looking gain of firm ``i`` is the discounted stream of the rent its
step adds, with everything but the fringe held where the step leaves it (rivals at
their expected positions after imitation *for ever*, no later innovation; in Aghion,
Harris, Howitt & Vickers the rivals catch up too, so this counts a step taken against
rivals as a permanent gain and overstates it):

``G_i = sum_{k>=1} delta^(k-1) [pi_i(u_i + 1, f^up_k) - pi_i(u_i, f^stay_k)]``,

the fringe moved ``k`` times by the market's rule toward one step behind the best
after the step (``f^up_k``) and without it (``f^stay_k``); its first term is the
model's ``G`` (checked to 1e-12 on every run). ``delta`` is the model's
``discount``. The unit is the same stream for a monopolist one step ahead of its
fringe, ``U = sum_k delta^(k-1) [B(1 + (1 - h)^k) - B(1)]``, so that monopolist
has ``v = 1`` at cost 0 as under the model's unit; the net incentive is
``v_i = max(0, (G_i / U - c_i) / (1 - c_i))``, the model's cost ``c_i``. A firm with
rivals that gains a permanent share counts it for every later step (about
``1 / (1 - delta)`` = 20 times), a monopolist's lead over the fringe fades at ``h``.
``U`` depends on ``h`` (2.8, 4.7 and 10.1 times the one-step ``pi_S`` at ``h`` = 0.25,
0.15, 0.05), so levels are comparable across competition at one ``h``, not across ``h``.

Runs: innovations per firm and step over ``competition`` 0, 0.25, ..., 1 on the
design of ``tools/fringe_competition.py`` (150 firms, 30 steps, 6 paired
clusters) at ``h`` = 0.25, 0.15, 0.05, classified by
:func:`~clusternet.experiments.competition.classify_shape`, with the firm-class
rates of that tool.

Run: ``PYTHONPATH=. python tools/fringe_stream.py [reps] [firms] [steps]`` (defaults
6, 150, 30; a few minutes on one core). Writes ``tools/fringe_stream.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from numba import njit

import clusternet as cn
from clusternet.experiments import paired_interval
from clusternet.experiments.competition import classify_shape
from clusternet.io import atomic_write_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fringe_competition import CLASSES, GRID, run_by_class

OUT = Path(__file__).with_suffix(".json")
CATCH_UPS = (0.25, 0.15, 0.05)
TERMS = 600  # delta^600 < 1e-13 at delta 0.95


@njit(cache=False)
def _b(log_gamma, x):
    return -np.expm1(-log_gamma * x) if x > 0.0 else 0.0


@njit(cache=False)
def stream_gain(indptr, indices, imitate_prob, position, fringe, gamma, competition, gap, h,
                delta, terms, first, gain):  # fmt: skip
    """The forward-looking gain (module docstring) and its first term, per actor."""
    n = indptr.shape[0] - 1
    log_gamma = np.log(gamma)
    for i in range(n):
        u = position[i]
        up = u + 1.0
        k = 0
        best = -np.inf
        best2 = -np.inf
        denom = 1.0
        denom2 = 1.0
        for e in range(indptr[i], indptr[i + 1]):
            j = indices[e]
            if j == i:
                continue
            k += 1
            uj = position[j]
            best = max(best, uj)
            denom += np.exp(log_gamma * (uj - u))
            p = imitate_prob[e]
            uj2 = uj + p * gap * (up - uj) if (p > 0.0 and up > uj) else uj
            denom2 += np.exp(log_gamma * (uj2 - up))
            best2 = max(best2, uj2)
        top = max(u, best)
        top2 = max(up, best2)
        t1 = top - 1.0
        t2 = top2 - 1.0
        raw = fringe[i]
        d = 1.0 - (1.0 - competition) ** k
        total = 0.0
        weight = 1.0
        shrink = 1.0
        for step in range(terms):
            shrink *= 1.0 - h
            f_up = t2 - shrink * (t2 - raw) if raw < t2 else t2
            f_stay = t1 - shrink * (t1 - raw) if raw < t1 else t1
            if k == 0:
                diff = _b(log_gamma, up - f_up) - _b(log_gamma, u - f_stay)
            else:
                after = d * _b(log_gamma, up - max(f_up, best2)) + (1.0 - d) / denom2 * _b(
                    log_gamma, top2 - f_up
                )
                stay = d * _b(log_gamma, u - max(f_stay, best)) + (1.0 - d) / denom * _b(
                    log_gamma, top - f_stay
                )
                diff = after - stay
            if step == 0:
                first[i] = diff
            total += weight * diff
            weight *= delta
        gain[i] = total


def unit(h: float, gamma: float, delta: float) -> float:
    """``U``: the stream of a monopolist one step ahead of its fringe (module docstring)."""
    k = np.arange(1, TERMS + 1, dtype=np.float64)
    lead = 1.0 + (1.0 - h) ** k
    return float(np.sum(delta ** (k - 1) * (gamma**-1.0 - gamma**-lead)))


class ForwardLookingModel(cn.UpgradingModel):
    """The upgrading model with the forward-looking incentive of this tool (lagging fringe only)."""

    def innovation_incentive(self, outcome=None) -> np.ndarray:
        """``v_i`` from the discounted stream of the step's rents, in units of ``U``."""
        p = self.params
        h = p["fringe_catch_up"]
        indptr, indices = self.comp
        n = indptr.shape[0] - 1
        gain, first = np.zeros(n), np.zeros(n)
        stream_gain(indptr, indices.astype(np.int64), self.rival_imitation, self.ladder_position(),
                    self.state.fringe, p["quality_step"], p["competition"], p["imitation_gap"],
                    h, p["discount"], TERMS, first, gain)  # fmt: skip
        model_gain = self.market_outcome().gain
        gap = float(np.max(np.abs(first - model_gain))) if n else 0.0
        if gap > 1e-12:
            raise AssertionError(f"the stream's first term is not the model's G ({gap:.3g})")
        cost = p["innovation_cost"] * (1.0 - p["finance_share"] * self.state.financed)
        rel = gain / unit(h, p["quality_step"], p["discount"])
        return np.maximum(0.0, (rel - cost) / np.maximum(1.0 - cost, 1e-12))


def curve(model_cls, h: float, reps: int, firms: int, steps: int) -> dict:
    """Innovations per firm and step by competition (the design of innovation_by_competition)."""
    out = np.empty((reps, len(GRID)))
    counts = {c: (np.zeros(len(CLASSES)), np.zeros(len(CLASSES))) for c in GRID}
    for r in range(reps):
        net = cn.generate_cluster(firms, seed=r)
        n_firms = int(net.tier_mask("core").sum())
        for c, comp in enumerate(GRID):
            model = model_cls(net, seed=r, competition=comp, fringe_catch_up=h)
            run_by_class(model, steps, *counts[comp])
            out[r, c] = model.result().timeseries["innovations"].iloc[1:].sum() / (n_firms * steps)
    rows = [paired_interval(out[:, c], 0.95) for c in range(len(GRID))]
    return {
        "mean": [round(float(iv.effect), 6) for iv in rows],
        "low": [round(float(iv.low), 6) for iv in rows],
        "high": [round(float(iv.high), 6) for iv in rows],
        "shape": classify_shape(out),
        "rate": {
            str(comp): dict(zip(CLASSES, np.round(inn / np.maximum(cnt, 1), 5).tolist()))
            for comp, (cnt, inn) in counts.items()
        },
        "innovations": {
            str(comp): dict(zip(CLASSES, inn.astype(int).tolist()))
            for comp, (cnt, inn) in counts.items()
        },
        "share": {
            str(comp): dict(zip(CLASSES, np.round(cnt / cnt.sum(), 4).tolist()))
            for comp, (cnt, inn) in counts.items()
        },
    }


def main(reps: int = 6, firms: int = 150, steps: int = 30) -> dict:
    """Run the forward-looking incentive at each ``h`` and write the result file."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    gamma = float(cn.dynamics.PARAMETERS["quality_step"].default)
    delta = float(cn.dynamics.PARAMETERS["discount"].default)
    result = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "design": {"reps": reps, "firms": firms, "steps": steps, "competition": list(GRID)},
        "unit": {f"h={h:g}": round(unit(h, gamma, delta), 6) for h in CATCH_UPS},
        "forward_looking": {
            f"h={h:g}": curve(ForwardLookingModel, h, reps, firms, steps) for h in CATCH_UPS
        },
    }
    atomic_write_text(OUT, json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    res = main(*[int(a) for a in sys.argv[1:]])
    for key, row in res["forward_looking"].items():
        print(key, row["shape"], row["mean"])
        for comp, rate in row["rate"].items():
            print("   ", comp, rate)
