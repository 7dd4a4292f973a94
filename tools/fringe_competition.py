"""Innovation and competition when the lead is paid: the opt-in lagging fringe (issue 26, item 3).

The model's convention holds the fringe where it was in the innovation incentive,
while its market puts the fringe one step behind the new top at once, so firms
count on a lead the market never pays (docs/model.md, "The one-period lead").
``fringe_catch_up`` ``h`` (:func:`clusternet.dynamics.market.update_fringe`) makes
the fringe market state that closes the share ``h`` of its lag per step, and the
incentive ``G_i`` the rent after a step minus the rent without one, both with the
fringe moved — the gain the next market pays
(``tests/test_dynamics_fringe.py::test_the_gain_a_firm_counts_on_is_the_rent_the_next_market_pays``).

Part 1 (``shape``): innovations per firm and step over ``competition`` 0, 0.25,
..., 1 (:func:`clusternet.experiments.competition.innovation_by_competition`:
``FIRMS`` firms, ``STEPS`` steps, ``REPS`` generated clusters, paired by seed) under
the convention and at ``h`` = 1, 0.25, 0.15, 0.05 (1 = the convention made
consistent; 0.05-0.25 the plausible range of the parameter's row), each classified
by :func:`~clusternet.experiments.competition.classify_shape` (95 % paired t
intervals), every other parameter at its default.

Part 2 (``why``): where the shape comes from. At every step each firm is put in one
class by its market at the step's start — ``monopolist`` (no rivals), ``near_leader``
(at or above its best rival by less than one step), ``far_leader`` (one step or more
ahead), ``close`` (less than one step behind it: one innovation takes it past the best
rival) and ``far`` (one step or more behind) — and the tool
records whether it innovated in the step. It reports, per ``h`` and competition, each
class's share of firm-steps, its firm-steps, innovations and innovations per firm and
step (pooled over the replicates), and the range of the firms' ladder positions at
the start of each replicate. Aghion et al. (2005) get an inverted U from the composition: escape
competition raises the innovation of neck-and-neck firms, the Schumpeterian effect
lowers that of laggards, and more competition moves markets from neck and neck to
unlevelled; on a ladder of continuous positions most laggards are ``close`` and
leapfrog, which is an escape-competition response.

Part 3 (``horizon``): the incentive looks one step ahead. With ``h < 1`` a step's
extra lead over the fringe shrinks by ``1 - h`` per step and is paid for many steps;
for a monopolist the tool sets the one-step gain ``G`` beside the discounted stream of
the rent the step adds (:func:`horizon`), so the reader can see how much the myopic
incentive leaves out at each ``h``.

Part 4 (``robustness``): the shape at ``h`` = 0.15 with ``quality_step``,
``innovation_cost`` or ``imitation_gap`` at an end of its plausible range
(:data:`ROBUSTNESS`).

Run: ``PYTHONPATH=. python tools/fringe_competition.py [reps] [firms] [steps]``
(defaults 6, 150, 30; about four minutes on one core). Writes
``tools/fringe_competition.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

import clusternet as cn
from clusternet.experiments.competition import classify_shape, innovation_by_competition
from clusternet.io import atomic_write_text

OUT = Path(__file__).with_suffix(".json")
GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
#: None is the model's convention; the floats are fringe_catch_up values
CATCH_UPS = (None, 1.0, 0.25, 0.15, 0.05)
CLASSES = ("monopolist", "near_leader", "far_leader", "close", "far")


def _label(h: float | None) -> str:
    return "convention" if h is None else f"h={h:g}"


def shape(reps: int, firms: int, steps: int) -> dict:
    """Innovations per firm and step by competition: 95 % intervals over replicates, paired shape."""
    out = {}
    for h in CATCH_UPS:
        table, y = innovation_by_competition(
            GRID, firms=firms, steps=steps, reps=reps, fringe_catch_up=h
        )
        out[_label(h)] = {
            "mean": table["mean"].round(6).tolist(),
            "low": table["low"].round(6).tolist(),
            "high": table["high"].round(6).tolist(),
            "shape": classify_shape(y),
        }
    return out


def firm_classes(model: cn.UpgradingModel) -> np.ndarray:
    """Each actor's class in its market at the step's start (index into CLASSES)."""
    u = model.ladder_position()
    indptr, indices = model.comp
    out = np.zeros(u.shape[0], dtype=np.int64)
    for i in range(u.shape[0]):
        rivals = [int(j) for j in indices[indptr[i] : indptr[i + 1]] if j != i]
        if not rivals:
            continue
        best = u[rivals].max()
        if u[i] >= best:
            out[i] = 1 if u[i] < best + 1.0 else 2
        else:
            out[i] = 3 if u[i] > best - 1.0 else 4
    return out


def run_by_class(model: cn.UpgradingModel, steps: int, count, innovated) -> None:
    """Step ``model`` ``steps`` times, adding each firm-step's class and innovation to the counts."""
    for _ in range(steps):
        cls = firm_classes(model)[model.firms]
        model.step()
        did = model.state.last_innovation[model.firms] == model.state.step
        count += np.bincount(cls, minlength=len(CLASSES))
        innovated += np.bincount(cls, weights=did, minlength=len(CLASSES))


def why(reps: int, firms: int, steps: int) -> dict:
    """Class shares and per-class innovation rates by competition, pooled over replicates."""
    out = {}
    for h in CATCH_UPS:
        rows = []
        for comp in GRID:
            count = np.zeros(len(CLASSES))
            innovated = np.zeros(len(CLASSES))
            spread = []
            for r in range(reps):
                net = cn.generate_cluster(firms, seed=r)
                model = cn.UpgradingModel(net, seed=r, competition=comp, fringe_catch_up=h)
                spread.append(np.ptp(model.ladder_position()[model.firms]))
                run_by_class(model, steps, count, innovated)
            share = count / count.sum()
            rate = np.divide(innovated, count, out=np.full(len(CLASSES), np.nan), where=count > 0)
            rows.append(
                {
                    "competition": comp,
                    "share": dict(zip(CLASSES, share.round(4).tolist())),
                    "rate": dict(zip(CLASSES, np.round(rate, 5).tolist())),
                    "firm_steps": dict(zip(CLASSES, count.astype(int).tolist())),
                    "innovations": dict(zip(CLASSES, innovated.astype(int).tolist())),
                    "position_range_at_start": [round(float(x), 2) for x in spread],
                }
            )
        out[_label(h)] = rows
    return out


def horizon(lags=(1.0, 2.0, 4.0), discount: float | None = None) -> dict:
    """What the one-step incentive leaves out: a monopolist's discounted stream against ``G``.

    A monopolist at ``u = 0`` with its fringe ``L`` steps behind (``L >= 1``) that steps
    up once and never again, the fringe moving by the market's rule: its lead is
    ``1 + (1 - h)^k L`` after ``k`` steps with the step and ``1 + (1 - h)^k (L - 1)``
    without it. ``G`` (the model's incentive with ``fringe_catch_up``) is the first
    term of ``sum_k discount^(k-1) [B(lead with) - B(lead without)]``; the stream is the
    whole sum (to 2,000 terms), at the model's ``discount``.
    """
    gamma = float(cn.dynamics.PARAMETERS["quality_step"].default)
    if discount is None:
        discount = float(cn.dynamics.PARAMETERS["discount"].default)
    k = np.arange(1, 2001, dtype=np.float64)
    rows = {}
    for h in CATCH_UPS[1:]:
        assert h is not None
        ratios = {}
        for lag in lags:
            shrink = (1.0 - h) ** k
            terms = gamma ** -(1.0 + shrink * (lag - 1.0)) - gamma ** -(1.0 + shrink * lag)
            first = terms[0]
            stream = float(np.sum(discount ** (k - 1.0) * terms))
            ratios[f"L={lag:g}"] = {
                "gain": round(float(first), 6),
                "stream": round(stream, 6),
                "ratio": round(stream / first, 3) if first > 0 else None,
            }
        rows[_label(h)] = ratios
    return {"discount": discount, "quality_step": gamma, "monopolist": rows}


#: Part 4: the shape at the plausible range's middle h = 0.15 with one other parameter at
#: an end of its plausible range (docs/parameters.md)
ROBUSTNESS: dict[str, dict] = {
    "quality_step 1.1": {"quality_step": 1.1},
    "quality_step 1.6": {"quality_step": 1.6},
    "innovation_cost 0.1": {"innovation_cost": 0.1},
    "innovation_cost 0.5": {"innovation_cost": 0.5},
    "imitation_gap 0.25": {"imitation_gap": 0.25},
    "imitation_gap 0.75": {"imitation_gap": 0.75},
}


def robustness(reps: int, firms: int, steps: int, h: float = 0.15) -> dict:
    """The shape at ``h`` with one parameter at an end of its plausible range (:data:`ROBUSTNESS`)."""
    out = {}
    for name, params in ROBUSTNESS.items():
        table, y = innovation_by_competition(
            GRID, firms=firms, steps=steps, reps=reps, fringe_catch_up=h, **params
        )
        out[name] = {
            "mean": table["mean"].round(6).tolist(),
            "low": table["low"].round(6).tolist(),
            "high": table["high"].round(6).tolist(),
            "shape": classify_shape(y),
        }
    return {"fringe_catch_up": h, "rows": out}


def main(reps: int = 6, firms: int = 150, steps: int = 30) -> dict:
    """Run both parts and write the result file; returns its content."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    result = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "design": {"reps": reps, "firms": firms, "steps": steps, "competition": list(GRID)},
        "shape": shape(reps, firms, steps),
        "why": why(reps, firms, steps),
        "horizon": horizon(),
        "robustness": robustness(reps, firms, steps),
    }
    atomic_write_text(OUT, json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    res = main(*args)
    for key, row in res["shape"].items():
        print(key, row["shape"], row["mean"])
    for key, rows in res["why"].items():
        for row in rows:
            print(key, row["competition"], row["share"], row["rate"])
