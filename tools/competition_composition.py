"""Would an inverted U appear if innovation, not learning, set who is level (issue 27).

Round 18 left a conjecture (docs/model.md, "A forward-looking incentive, rivals
held"): the model's innovation rises with competition, and Aghion et al.'s (2005)
inverted U would need innovation to move firms' ladder positions as much as the
initial spread and spillover do, so that competition could change how many markets
are level. This tool tests it, every other parameter at its default.

Part 1 (``spread``): who moves the ladder. Every firm starts at the firms' mean
knowledge (a *levelled start*: all positions equal, ``knowledge0``); after
``SPREAD_STEPS`` steps at competition 0.5 the tool records the range and standard
deviation of the firms' ladder positions (``UpgradingModel.ladder_position``) with
every mechanism on, without spillover (``spillover_rates={}``), without innovation
(``innovation_rate=0``) and with spillover, training, platform knowledge and
innovation all off (no movement: the check that nothing else moves positions).

Part 2 (``shape``): innovations per firm and step over ``competition`` 0, 0.25, ...,
1 (``firms`` firms, ``reps`` generated clusters, every intensity on the same clusters
and seeds; 95 % t intervals of each level over the replicates, the shape from the
paired differences by :func:`~clusternet.experiments.competition.classify_shape`) in four
designs (:data:`DESIGNS`) — the generated start; the levelled start; the levelled
start without spillover, so that only innovation, training and the platform move
positions, run long enough (90 steps) for innovation to change the composition;
and that with ``innovation_cost`` 0 — each under the convention and at
``fringe_catch_up`` 0.15. Per cell the firm-steps are classed as in
``tools/fringe_competition.py`` (monopolist, near leader, far leader, close
laggard, far laggard; :func:`fringe_competition.firm_classes`) with each class's
innovations per firm and step, and a shift-share split of the change between
competition 0 and 1 (:func:`shift_share`). The shares are pooled over the run from its
start (a levelled start begins with every firm tied), not steady-state shares.

Part 3 (``laggard``): what a step is worth to a laggard. In Aghion et al. a laggard
earns nothing, and its step makes it neck and neck with a share of the collusive
rent that competition removes: the Schumpeterian effect. Here colluding firms share
the joint rent in quality-weighted logit shares, so a laggard already holds a share
before its step. The tool evaluates the model's kernel
(:func:`clusternet.kernels.dynamics.market_rents`, the convention) for a duopoly
with the rival at 0 and the firm ``lag`` steps behind, no imitation: the gain
``G / pi_S`` of a step at competition 0, 0.5 and 1, against the innovation cost
the model charges, and beside it the same laggard's gain under Aghion et al.'s
allocation (it earns nothing before its step and ``(1 - D) B(1) / 2`` after it).

Part 4 (``aghion_laggards``): would Aghion et al.'s allocation for laggards bend the
curve? :class:`AghionLaggardsModel` gives far laggards that gain inside the model (every
other firm and mechanism as the model's), run on two designs of part 2 under the
convention.

Run: ``PYTHONPATH=. python tools/competition_composition.py [reps] [firms]``
(defaults 12, 150; about ten minutes on one core). Writes
``tools/competition_composition.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

import clusternet as cn
from clusternet.experiments import paired_interval
from clusternet.experiments.competition import classify_shape
from clusternet.io import atomic_write_text
from clusternet.kernels.dynamics import market_rents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fringe_competition import CLASSES, GRID, firm_classes, run_by_class

OUT = Path(__file__).with_suffix(".json")
SPREAD_STEPS = 10
#: Part 1's arms: parameters that switch a source of knowledge off
SPREAD_ARMS: dict[str, dict] = {
    "all mechanisms": {},
    "no spillover": {"spillover_rates": {}},
    "no innovation": {"innovation_rate": 0.0},
    "no spillover, no radical innovation": {"spillover_rates": {}, "radical_share": 0.0},
    "no spillover, training, platform or innovation": {
        "spillover_rates": {},
        "training_rate": 0.0,
        "platform_knowledge": 0.0,
        "innovation_rate": 0.0,
    },
}
#: Part 2's designs: (levelled start, steps, parameters)
DESIGNS: dict[str, tuple[bool, int, dict]] = {
    "generated start": (False, 30, {}),
    "levelled start": (True, 30, {}),
    "levelled, no spillover": (True, 90, {"spillover_rates": {}}),
    "levelled, no spillover, cost 0": (True, 90, {"spillover_rates": {}, "innovation_cost": 0.0}),
}
CATCH_UPS = (None, 0.15)
LAGS = (0.0, 0.5, 1.0, 2.0)
INTENSITIES = (0.0, 0.5, 1.0)


def levelled_knowledge(net: cn.ClusterNetwork, seed: int) -> np.ndarray:
    """The model's initial knowledge with every firm's row set to the firms' mean row."""
    model = cn.UpgradingModel(net, seed=seed)
    knowledge = model.state.knowledge.copy()
    knowledge[model.firms] = knowledge[model.firms].mean(axis=0)
    return knowledge


def spread(reps: int, firms: int, steps: int = SPREAD_STEPS) -> dict:
    """Range and sd of the firms' ladder positions after ``steps`` from a levelled start."""
    out: dict[str, dict] = {}
    for name, params in SPREAD_ARMS.items():
        ranges, sds, start = [], [], []
        for r in range(reps):
            net = cn.generate_cluster(firms, seed=r)
            model = cn.UpgradingModel(
                net, seed=r, competition=0.5, knowledge0=levelled_knowledge(net, r), **params
            )
            start.append(float(np.ptp(model.ladder_position()[model.firms])))
            for _ in range(steps):
                model.step()
            u = model.ladder_position()[model.firms]
            ranges.append(float(np.ptp(u)))
            sds.append(float(np.std(u)))
        out[name] = {
            "range_at_start_max": max(start),
            "range": [round(x, 2) for x in ranges],
            "range_median": round(float(np.median(ranges)), 2),
            "sd_median": round(float(np.median(sds)), 2),
        }
    return {"steps": steps, "competition": 0.5, "arms": out}


def run_design(
    model_class: type[cn.UpgradingModel], design: str, reps: int, firms: int, **extra
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One design over the competition grid: outcomes and firm-class counts.

    Replicate ``r`` generates a cluster with seed ``r`` (levelled when the design says
    so) and runs ``model_class`` on it at every intensity with the same seed. Returns
    ``y`` (``reps x grid`` innovations per firm and step) and, per intensity, the
    firm-steps and innovations of each class pooled over the replicates.
    """
    levelled, steps, params = DESIGNS[design]
    y = np.zeros((reps, len(GRID)))
    count = np.zeros((len(GRID), len(CLASSES)))
    innovated = np.zeros((len(GRID), len(CLASSES)))
    for r in range(reps):
        net = cn.generate_cluster(firms, seed=r)
        knowledge = levelled_knowledge(net, r) if levelled else None
        for c, comp in enumerate(GRID):
            model = model_class(
                net, seed=r, competition=comp, knowledge0=knowledge, **params, **extra
            )
            n_firms = int(model.firms.sum())
            cell_count = np.zeros(len(CLASSES))
            cell_innovated = np.zeros(len(CLASSES))
            run_by_class(model, steps, cell_count, cell_innovated)
            y[r, c] = cell_innovated.sum() / (n_firms * steps)
            count[c] += cell_count
            innovated[c] += cell_innovated
    return y, count, innovated


def shape(reps: int, firms: int) -> dict:
    """Innovation by competition, with the firm classes, in each design and fringe rule."""
    out: dict[str, dict] = {}
    for design, (_, steps, _) in DESIGNS.items():
        for h in CATCH_UPS:
            y, count, innovated = run_design(
                cn.UpgradingModel, design, reps, firms, fringe_catch_up=h
            )
            intervals = [paired_interval(y[:, c]) for c in range(len(GRID))]
            rate = np.divide(innovated, count, out=np.full_like(count, np.nan), where=count > 0)
            split = shift_share(count, innovated)
            out[f"{design} | {'convention' if h is None else f'h={h:g}'}"] = {
                "design": design,
                "fringe_catch_up": h,
                "steps": steps,
                "mean": [round(iv.effect, 6) for iv in intervals],
                "low": [round(iv.low, 6) for iv in intervals],
                "high": [round(iv.high, 6) for iv in intervals],
                "shape": classify_shape(y),
                "share": [
                    dict(zip(CLASSES, np.round(row / row.sum(), 4).tolist())) for row in count
                ],
                "rate": [dict(zip(CLASSES, np.round(row, 5).tolist())) for row in rate],
                "innovations": [dict(zip(CLASSES, row.astype(int).tolist())) for row in innovated],
                "shift_share": split,
            }
    return out


def shift_share(count: np.ndarray, innovated: np.ndarray) -> dict:
    """The change in innovations per firm-step between the first and last intensity, split.

    With class shares ``s`` and class rates ``r`` (innovations per firm-step) at the first
    (0) and last (1) intensity, the total change ``sum s1 r1 - sum s0 r0`` is the
    composition effect ``sum (s1 - s0) r0`` plus the within-class effect
    ``sum s1 (r1 - r0)`` (a class without firm-steps has rate 0).
    """
    share = count / count.sum(axis=1, keepdims=True)
    rate = np.divide(innovated, count, out=np.zeros_like(count), where=count > 0)
    composition = float(np.sum((share[-1] - share[0]) * rate[0]))
    within = float(np.sum(share[-1] * (rate[-1] - rate[0])))
    return {
        "total": round(composition + within, 6),
        "composition": round(composition, 6),
        "within": round(within, 6),
        "within_by_class": dict(
            zip(CLASSES, np.round(share[-1] * (rate[-1] - rate[0]), 6).tolist())
        ),
    }


class AghionLaggardsModel(cn.UpgradingModel):
    """The model with far laggards counting on Aghion et al.'s allocation of the collusive rent.

    A firm one step or more behind its best rival (class ``far``) earns nothing in Aghion
    et al. and its step makes it neck and neck, worth ``(1 - D) B(1) / 2``; in units of
    ``pi_S = B(1) / gamma`` that is ``(1 - D) gamma / 2``, with ``D = 1 - (1 -
    competition)^k`` for its ``k`` rivals. Its incentive becomes
    ``max(0, (G / pi_S - c) / (1 - c))`` with that gain and the model's cost ``c``; every
    other firm's incentive and every other mechanism is the model's.
    """

    def innovation_incentive(self, outcome=None) -> np.ndarray:
        """The model's ``v_i``, with far laggards' gain replaced as above."""
        v = super().innovation_incentive(outcome)
        p = self.params
        indptr, indices = self.comp
        rivals = np.diff(indptr) - np.array(
            [np.count_nonzero(indices[indptr[i] : indptr[i + 1]] == i) for i in range(len(v))]
        )
        intensity = 1.0 - (1.0 - p["competition"]) ** rivals
        cost = p["innovation_cost"] * (1.0 - p["finance_share"] * self.state.financed)
        gain = (1.0 - intensity) * p["quality_step"] / 2.0
        far = firm_classes(self) == CLASSES.index("far")
        v[far] = np.maximum(0.0, (gain[far] - cost[far]) / (1.0 - cost[far]))
        return v


#: Part 4's designs: those of part 2 in which far laggards are numerous (convention)
AGHION_DESIGNS = ("generated start", "levelled, no spillover")


def aghion_laggards(reps: int, firms: int) -> dict:
    """Innovation by competition with far laggards on Aghion et al.'s allocation."""
    out: dict[str, dict] = {}
    for design in AGHION_DESIGNS:
        steps = DESIGNS[design][1]
        y, count, innovated = run_design(AghionLaggardsModel, design, reps, firms)
        intervals = [paired_interval(y[:, c]) for c in range(len(GRID))]
        out[design] = {
            "steps": steps,
            "mean": [round(iv.effect, 6) for iv in intervals],
            "low": [round(iv.low, 6) for iv in intervals],
            "high": [round(iv.high, 6) for iv in intervals],
            "shape": classify_shape(y),
            "innovations": [dict(zip(CLASSES, row.astype(int).tolist())) for row in innovated],
            "shift_share": shift_share(count, innovated),
        }
    return out


def duopoly_gain(lag: float, competition: float, gamma: float) -> float:
    """``G / pi_S`` of a firm ``lag`` steps behind its one rival (the kernel, convention)."""
    indptr = np.array([0, 1, 2], dtype=np.int64)
    indices = np.array([1, 0], dtype=np.uint32)
    share, lerner, rent, gain = (np.zeros(2) for _ in range(4))
    market_rents(
        indptr,
        indices,
        np.zeros(2),
        np.array([-lag, 0.0]),
        np.full(2, np.nan),
        gamma,
        competition,
        0.0,
        -1.0,
        share,
        lerner,
        rent,
        gain,
    )
    pi_s = (1.0 - 1.0 / gamma) / gamma
    return float(gain[0] / pi_s)


def laggard() -> dict:
    """A duopolist's gain of a step by its lag and the intensity, against the cost."""
    gamma = float(cn.dynamics.PARAMETERS["quality_step"].default)
    cost = float(cn.dynamics.PARAMETERS["innovation_cost"].default)
    rows = {
        f"lag={lag:g}": {f"D={d:g}": round(duopoly_gain(lag, d, gamma), 4) for d in INTENSITIES}
        for lag in LAGS
    }
    share = {f"lag={lag:g}": round(1.0 / (1.0 + gamma**lag), 4) for lag in LAGS}
    # Aghion et al.'s allocation: a laggard earns nothing and its step makes it neck and
    # neck, where each firm earns (1 - D) B(1) / 2
    pi_s = (1.0 - 1.0 / gamma) / gamma
    aghion = {
        f"D={d:g}": round((1.0 - d) * (1.0 - 1.0 / gamma) / 2.0 / pi_s, 4) for d in INTENSITIES
    }
    return {
        "quality_step": gamma,
        "innovation_cost": cost,
        "gain_over_pi_s": rows,
        "collusive_share_before_step": share,
        "one_step_laggard_in_aghion_et_al": aghion,
    }


def main(reps: int = 12, firms: int = 150) -> dict:
    """Run the three parts and write the result file; returns its content."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    result = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "design": {"reps": reps, "firms": firms, "competition": list(GRID)},
        "spread": spread(reps, firms),
        "shape": shape(reps, firms),
        "laggard": laggard(),
        "aghion_laggards": aghion_laggards(reps, firms),
    }
    atomic_write_text(OUT, json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    res = main(*args)
    for name, arm in res["spread"]["arms"].items():
        print(name, arm["range_median"], arm["sd_median"])
    for key, row in res["shape"].items():
        print(key, row["shape"], row["mean"])
        print("   share", [round(s["near_leader"], 3) for s in row["share"]],
              [round(s["far"], 3) for s in row["share"]])  # fmt: skip
        print("   far rate", [s["far"] for s in row["rate"]])
    print(res["laggard"])
    for key, row in res["aghion_laggards"].items():
        print("aghion laggards", key, row["shape"], row["mean"], row["shift_share"])
