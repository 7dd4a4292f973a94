"""What the innovation incentive reads of the ladder market under pressure (issue 26, item 3).

With ``market_pressure`` p > 0 the markup a firm earns from the ladder's buyers at
its sales *target* is ``p A_i (k_i + 1) pi_i / (1 - m_i)`` (target sales x ladder
share x limit-price margin over the unit cost 1;
``tests/test_dynamics_pressure.py::test_a_firms_ladder_markup_is_its_market_rent_times_its_ladder_volume``):
the ladder rent ``pi_i`` of :func:`clusternet.dynamics.market.market` read as a
markup ``pi_i / (1 - m_i)`` rather than a Lerner index, times a volume. The model's
incentive reads the step's gain in the rent, ``G_i = Delta pi_i``, with the rivals at
their expected positions after imitation and the *fringe held where it was* (the
one-step look-ahead of the kernel), in units of a monopolist's gain
``pi_S = (gamma - 1) / gamma^2``, net of the firm's cost.

On generated clusters (``FIRMS`` firms, one per seed) after ``WARMUP`` steps at
p = 1, for every firm with rivals, this tool computes three gains of a step:

* ``G_i`` of the kernel, reproduced here by a transcription of the kernel's
  after-step rent (held fringe, expected imitation) that the markup reading needs
  — the tool stops if the two differ by more than 1e-12, which checks that it is
  fed the model's inputs — and the model's net incentive
  ``v_i`` (:meth:`clusternet.UpgradingModel.innovation_incentive`, finance included);
* the same step's gain in the markup ``pi_i / (1 - m_i)``, fringe held and
  imitation as in ``G_i``, in units of a monopolist's markup gain
  ``gamma (gamma - 1)`` (lead 1 -> 2), net of the same cost;
* the *realised* gain: the rent the model's market gives after the step
  (:func:`~clusternet.dynamics.market.market` on the stepped positions, rivals at
  their expected positions), where the fringe moves to one step behind the new top
  at once.

It reports their rank correlations, the share of firms whose net incentive is
positive and its mean under each, and how much of ``G_i`` the realised market pays.

Second part (``shape``, at the defaults, ``market_pressure`` 0): innovations per
firm and step over ``competition`` 0, 0.25, ..., 1
(:func:`clusternet.experiments.competition.innovation_by_competition`, 150 firms,
30 steps, ``REPS`` replicates) with the model's incentive and with a counterfactual
one in which the fringe moves to one step behind the new top at once, as the
model's own market does in the next step (Aghion et al. 2005: a one-step leader
gains nothing from another step, so it does not innovate; a firm without rivals
neither). Also with the counterfactual at ``innovation_cost`` 0. The counterfactual keeps
the one-step look-ahead (no continuation values) and ``innovation_rate``, whose
unit is the held fringe's ``pi_S``; it is an experiment of this tool, not a model option:
the tool replaces the kernel's gain for the run (:func:`moving_fringe_gain`).

Run: ``PYTHONPATH=. python tools/pressure_incentive.py [seeds] [firms] [warmup] [reps]``
(defaults 10, 200, 10, 6; about a minute). Writes ``tools/pressure_incentive.json``.
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
from clusternet.experiments.competition import classify_shape, innovation_by_competition
from clusternet.io import atomic_write_text

OUT = Path(__file__).with_suffix(".json")


def _rent(gamma: float, lead: float) -> float:
    """``B(x) = 1 - gamma ** -x`` for ``x > 0``, else 0."""
    return 1.0 - gamma ** (-lead) if lead > 0.0 else 0.0


def after_step(
    u: float, rivals: np.ndarray, imitate: np.ndarray, gamma: float, competition: float, gap: float
) -> tuple[float, float]:
    """Rent and market share of a firm at ``u`` after one step, fringe held, rivals imitating.

    The equations of :mod:`clusternet.dynamics.market` written out for one market
    (the kernel computes only the rent's difference).
    """
    up = u + 1.0
    moved = np.where(
        (imitate > 0.0) & (up > rivals), rivals + imitate * gap * (up - rivals), rivals
    )
    d = 1.0 - (1.0 - competition) ** rivals.size
    fringe = max(u, rivals.max()) - 1.0
    best = moved.max()
    share = 1.0 / (1.0 + np.sum(gamma ** (moved - up)))
    rent = d * _rent(gamma, up - max(fringe, best)) + (1.0 - d) * share * _rent(
        gamma, max(up, best) - fringe
    )
    bertrand = 1.0 if up > best else (1.0 / (1.0 + np.sum(moved == up)) if up == best else 0.0)
    return rent, d * bertrand + (1.0 - d) * share


def one_cluster(seed: int, firms: int, warmup: int) -> dict:
    """The three gains for every firm with rivals in one generated cluster after ``warmup`` steps."""
    model = cn.UpgradingModel(cn.generate_cluster(firms, seed=seed), seed=seed, market_pressure=1.0)
    for _ in range(warmup):
        model.step()
    p = model.params
    gamma, competition, gap = p["quality_step"], p["competition"], p["imitation_gap"]
    position = model.state.knowledge.mean(axis=1) / p["ladder_step"]
    indptr, indices = model.comp
    before = model.market_outcome()
    v_model = model.innovation_incentive(before)
    cost = p["innovation_cost"] * (1.0 - p["finance_share"] * model.state.financed)
    kernel_gain, lerner_gain, markup_gain, realised_gain, v_m, v_k = [], [], [], [], [], []
    for i in np.flatnonzero(model.firms):
        entries = np.arange(indptr[i], indptr[i + 1])
        entries = entries[indices[entries] != i]
        if entries.size == 0:
            continue
        rivals = position[indices[entries]]
        imitate = model.rival_imitation[entries]
        rent2, share2 = after_step(position[i], rivals, imitate, gamma, competition, gap)
        lerner_gain.append(rent2 - before.rent[i])
        kernel_gain.append(before.gain[i])
        markup_before = before.rent[i] / (1.0 - before.lerner[i])
        markup_after = rent2 / (1.0 - rent2 / share2) if share2 > 0 else 0.0
        gain_m = markup_after - markup_before
        markup_gain.append(gain_m)
        v_m.append(max(0.0, (gain_m / (gamma * (gamma - 1.0)) - cost[i]) / (1.0 - cost[i])))
        v_k.append(v_model[i])
        stepped = _stepped(position, indptr, indices, model.rival_imitation, gap, i)
        realised_gain.append(
            _market_rent(stepped, indptr, indices, gamma, competition)[i] - before.rent[i]
        )
    kernel_gain, lerner_gain = np.array(kernel_gain), np.array(lerner_gain)
    error = float(np.abs(kernel_gain - lerner_gain).max())
    if error > 1e-12:
        raise AssertionError(f"the re-implemented gain differs from the kernel's by {error}")
    markup_gain, realised_gain = np.array(markup_gain), np.array(realised_gain)
    v_m, v_k = np.array(v_m), np.array(v_k)
    pi_s = market.schumpeterian_rent(gamma)
    return {
        "seed": seed,
        "firms_with_rivals": int(kernel_gain.size),
        "max_abs_difference_from_kernel": error,
        "spearman_gain_markup": round(float(spearmanr(kernel_gain, markup_gain)[0]), 4),
        "spearman_gain_realised": round(float(spearmanr(kernel_gain, realised_gain)[0]), 4),
        "incentive_positive_model": round(float((v_k > 0).mean()), 4),
        "incentive_positive_markup": round(float((v_m > 0).mean()), 4),
        "mean_incentive_model": round(float(v_k.mean()), 4),
        "mean_incentive_markup": round(float(v_m.mean()), 4),
        "mean_gain_model_over_pi_s": round(float(kernel_gain.mean() / pi_s), 4),
        "mean_gain_realised_over_pi_s": round(float(realised_gain.mean() / pi_s), 4),
        "share_realised_below_model": round(float((realised_gain < kernel_gain - 1e-12).mean()), 4),
        "realised_above_model": int((realised_gain > kernel_gain + 1e-12).sum()),
        "realised_negative": int((realised_gain < -1e-12).sum()),
    }


def _stepped(position, indptr, indices, imitate_prob, gap, i):
    """Positions after firm ``i``'s step, its rivals at their expected positions after imitation."""
    stepped = position.copy()
    up = position[i] + 1.0
    stepped[i] = up
    for e in range(indptr[i], indptr[i + 1]):
        j = indices[e]
        p = imitate_prob[e]
        if j != i and p > 0.0 and up > position[j]:
            stepped[j] = position[j] + p * gap * (up - position[j])
    return stepped


def _market_rent(position, indptr, indices, gamma, competition) -> np.ndarray:
    """The rent of every actor in the model's market (the kernel itself, unpatched)."""
    n = position.shape[0]
    share, lerner, rent, gain = (np.empty(n) for _ in range(4))
    _KERNEL(indptr, indices, np.zeros(indices.shape[0]), position, np.full(n, np.nan), gamma,
            competition, 0.0, -1.0, share, lerner, rent, gain)  # fmt: skip
    return rent


def moving_fringe_gain(indptr, indices, imitate_prob, position, gamma, competition, gap, gain):
    """``gain`` with the fringe one step behind the market's top *after* the step.

    Each firm's rent in the model's own market recomputed on the positions after its
    step (rivals at their expected positions after imitation, as the kernel's ``G``),
    minus its rent before: the market puts the fringe one step behind the new top at
    once, so a firm without rivals gains nothing.
    """
    before = _market_rent(position, indptr, indices, gamma, competition)
    for i in range(position.shape[0]):
        stepped = _stepped(position, indptr, indices, imitate_prob, gap, i)
        gain[i] = _market_rent(stepped, indptr, indices, gamma, competition)[i] - before[i]


_KERNEL = market.kern.market_rents


def _moving_fringe_rents(
    indptr, indices, imitate_prob, position, fringe, gamma, competition, gap, catch_up, *out
):
    """The kernel's shares, Lerner indices and rents; its gain replaced by the moving fringe's.

    Called by :func:`clusternet.dynamics.market.market` under the model's convention
    (``fringe`` all NaN, ``catch_up`` < 0), the only one this tool runs.
    """
    _KERNEL(
        indptr, indices, imitate_prob, position, fringe, gamma, competition, gap, catch_up, *out
    )
    moving_fringe_gain(indptr, indices, imitate_prob, position, gamma, competition, gap, out[3])


#: The rows of docs/model.md's table "Innovation and the intensity of competition".
SHAPE_ROWS: dict[str, dict] = {
    "defaults": {},
    "innovation_cost 0.1": {"innovation_cost": 0.1},
    "innovation_cost 0": {"innovation_cost": 0.0},
    "quality_step 1.1": {"quality_step": 1.1},
    "quality_step 1.6": {"quality_step": 1.6},
    "no spillover, imitation or platform knowledge, cost 0": {
        "spillover_rates": {},
        "imitation_rates": {},
        "platform_knowledge": 0.0,
        "innovation_cost": 0.0,
    },
}


def _curve(reps: int, **params) -> dict:
    table, y = innovation_by_competition(reps=reps, **params)
    return {
        "table": [
            {k: float(row[k]) for k in ("competition", "mean", "low", "high")}
            for _, row in table.iterrows()
        ],
        "shape": classify_shape(y),
    }


def why(firms: int = 150, seed: int = 0) -> dict:
    """At the initial state of the first replicate's cluster: who has an incentive at 0, 0.5, 1."""
    out: dict = {}
    v_by = {}
    for c in (0.0, 0.5, 1.0):
        model = cn.UpgradingModel(cn.generate_cluster(firms, seed=seed), seed=seed, competition=c)
        rivals = market.rival_counts(*model.comp)
        position = model.state.knowledge.mean(axis=1)
        indptr, indices = model.comp
        best = np.array(
            [
                max(
                    (position[j] for j in indices[indptr[i] : indptr[i + 1]] if j != i),
                    default=-np.inf,
                )
                for i in range(position.size)
            ]
        )
        with_rivals = model.firms & (rivals > 0)
        v_by[c] = (model.innovation_incentive(), with_rivals, position >= best)
    _, with_rivals, ahead = v_by[0.0]
    never = with_rivals & np.all([v_by[c][0] == 0.0 for c in v_by], axis=0)
    out["firms_with_rivals"] = int(with_rivals.sum())
    out["share_never_incentive"] = round(float(never.sum() / with_rivals.sum()), 4)
    out["share_ahead"] = round(float((with_rivals & ahead).sum() / with_rivals.sum()), 4)
    out["mean_incentive_ahead"] = {
        str(c): round(float(v_by[c][0][with_rivals & ahead].mean()), 3) for c in v_by
    }
    return out


def shape(reps: int) -> dict:
    """The table's rows with the model's gain, and the defaults with the moving fringe's."""
    out = {"model": {name: _curve(reps, **params) for name, params in SHAPE_ROWS.items()}}
    market.kern.market_rents = _moving_fringe_rents
    try:
        out["moving_fringe"] = {
            "defaults": _curve(reps),
            "innovation_cost 0": _curve(reps, innovation_cost=0.0),
        }
    finally:
        market.kern.market_rents = _KERNEL
    out["why"] = why()
    return out


def main(seeds: int = 10, firms: int = 200, warmup: int = 10, reps: int = 6) -> dict:
    """Run every cluster and the shape, write :data:`OUT` and return what it holds."""
    rows = [one_cluster(s, firms, warmup) for s in range(1, seeds + 1)]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()

    def mean(key: str) -> float:
        return round(float(np.mean([r[key] for r in rows])), 4)

    result = {
        "run": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": commit,
        "settings": {"seeds": seeds, "firms": firms, "warmup": warmup, "market_pressure": 1.0},
        "shape_settings": {"firms": 150, "steps": 30, "reps": reps, "market_pressure": 0.0},
        "clusters": rows,
        "averages": {
            k: mean(k)
            for k in (
                "mean_incentive_model",
                "mean_incentive_markup",
                "mean_gain_model_over_pi_s",
                "mean_gain_realised_over_pi_s",
                "share_realised_below_model",
            )
        },
        "shape": shape(reps),
    }
    atomic_write_text(OUT, json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    argv = [int(a) for a in sys.argv[1:]]
    out = main(*argv)
    print({k: v for k, v in out.items() if k != "clusters"})
    for row in out["clusters"]:
        print(row)
