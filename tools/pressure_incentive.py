"""What the innovation incentive reads of the ladder market under pressure (issue 26, item 3).

With ``market_pressure`` p > 0 a firm's money from the ladder's buyers is
``p A_i (k_i + 1) pi_i / (1 - m_i)`` (sales x ladder share x limit-price margin;
``tests/test_dynamics_pressure.py::test_a_firms_ladder_profit_is_its_market_rent_as_a_markup_times_its_ladder_volume``):
the ladder rent ``pi_i`` of :func:`clusternet.dynamics.market.market`, read as a markup
``pi_i / (1 - m_i)`` instead of a Lerner index, times a volume
``p A_i (k_i + 1)`` that the firm's own step moves only through its weight in the
buyers' denominator. The model's incentive reads the step's gain in the rent,
``G_i = Delta pi_i``, in units of a monopolist's gain ``pi_S = (gamma - 1) / gamma^2``.
This tool compares it with the gain the money identity gives, ``Delta [pi_i / (1 -
m_i)]`` in units of a monopolist's markup gain ``gamma (gamma - 1)`` (lead 1 -> 2),
on generated clusters (``FIRMS`` firms, one per seed) after ``WARMUP`` steps at
p = 1: the rank correlation of the two gains over the firms with rivals whose
gain is positive under either, the share of those firms whose net incentive
``v = max(0, (gain / monopoly gain - c) / (1 - c))`` is positive under each, and
its mean. Imitation is left out of both gains (``imitation_gap`` 0 in the
comparison) so that the two differ only in the margin's form.

Run: ``PYTHONPATH=. python tools/pressure_incentive.py [seeds] [firms] [warmup]``
(defaults 10, 200, 10; well under a minute). Writes ``tools/pressure_incentive.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

import clusternet as cn
from clusternet.dynamics import market
from clusternet.io import atomic_write_text

OUT = Path(__file__).with_suffix(".json")


def _markup_rent(outcome: market.MarketOutcome, i: int) -> float:
    return float(outcome.rent[i] / (1.0 - outcome.lerner[i]))


def one_cluster(seed: int, firms: int, warmup: int) -> dict:
    """Both gains for every firm with rivals in one generated cluster after ``warmup`` steps."""
    model = cn.UpgradingModel(cn.generate_cluster(firms, seed=seed), seed=seed, market_pressure=1.0)
    for _ in range(warmup):
        model.step()
    p = model.params
    gamma = p["quality_step"]
    position = model.state.knowledge.mean(axis=1) / p["ladder_step"]
    args = (model.comp[0], model.comp[1], gamma, p["competition"])
    before = market.market(position, *args)
    with_rivals = np.flatnonzero(model.firms & (market.rival_counts(*model.comp) > 0))
    lerner_gain, markup_gain = [], []
    for i in with_rivals:
        stepped = position.copy()
        stepped[i] += 1.0
        after = market.market(stepped, *args)
        lerner_gain.append(after.rent[i] - before.rent[i])
        markup_gain.append(_markup_rent(after, i) - _markup_rent(before, i))
    lerner_gain, markup_gain = np.array(lerner_gain), np.array(markup_gain)
    cost = p["innovation_cost"]
    v_lerner = market.innovation_incentive(lerner_gain, gamma, cost)
    monopoly_markup_gain = gamma * (gamma - 1.0)
    v_markup = np.maximum(0.0, (markup_gain / monopoly_markup_gain - cost) / (1.0 - cost))
    positive = (lerner_gain > 1e-12) | (markup_gain > 1e-12)
    rho = spearmanr(lerner_gain[positive], markup_gain[positive])[0] if positive.sum() > 2 else None
    return {
        "seed": seed,
        "firms_with_rivals": int(with_rivals.size),
        "positive_gain": int(positive.sum()),
        "spearman_gains": None if rho is None else round(float(rho), 4),
        "incentive_positive_lerner": round(float((v_lerner > 0).mean()), 4),
        "incentive_positive_markup": round(float((v_markup > 0).mean()), 4),
        "mean_incentive_lerner": round(float(v_lerner.mean()), 4),
        "mean_incentive_markup": round(float(v_markup.mean()), 4),
    }


def main(seeds: int = 10, firms: int = 200, warmup: int = 10) -> dict:
    """Run every cluster, write :data:`OUT` and return what it holds."""
    rows = [one_cluster(s, firms, warmup) for s in range(1, seeds + 1)]
    rhos = [r["spearman_gains"] for r in rows if r["spearman_gains"] is not None]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    result = {
        "run": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": commit,
        "settings": {"seeds": seeds, "firms": firms, "warmup": warmup, "market_pressure": 1.0},
        "clusters": rows,
        "spearman_min": min(rhos),
        "spearman_median": float(np.median(rhos)),
        "mean_incentive_lerner": round(
            float(np.mean([r["mean_incentive_lerner"] for r in rows])), 4
        ),
        "mean_incentive_markup": round(
            float(np.mean([r["mean_incentive_markup"] for r in rows])), 4
        ),
    }
    atomic_write_text(OUT, json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    argv = [int(a) for a in sys.argv[1:]]
    out = main(*argv)
    print({k: v for k, v in out.items() if k != "clusters"})
