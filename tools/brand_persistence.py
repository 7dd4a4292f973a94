"""Does initial reputation persist? Measured over the plausible ranges of the brand parameters.

For each point of a Latin hypercube over the plausible ranges of the parameters
the persistence of the regional reputation depends on, a generated cluster is
run from the initial reputation 0.1 and from 0.9 (same seed, same firms,
knowledge frozen, governance and market held fixed as in
``tests/test_dynamics_brand.py``), for ``SEEDS`` paired seeds, twice: with the
name withdrawal of the design point (mechanism on) and with ``name_withdrawal``
0 (off). The gap ``R_0.9(20) - R_0.1(20)`` after 20 steps is compared with 0.1,
and with the mean-field prediction (:func:`clusternet.dynamics.brand.reputation_fixed_points`:
two stable reputations whose basins hold 0.1 and 0.9).

Run: ``PYTHONPATH=. python tools/brand_persistence.py [points] [seeds] [firms] [membership]``
(defaults 48, 4, 100, 0.4 — the generator's association membership; about 10 s
per point on one core). Prints one row per point and the shares with 95 % Wilson
intervals. ``python tools/brand_persistence.py meanfield [points]`` prints only the
mean-field share of the range with two stable reputations, by association membership.

Two further channels (round 4):

* ``python tools/brand_persistence.py memory [seeds]`` — the information channel:
  the gap after 20 steps against ``reputation_memory`` over its plausible range
  (other parameters at their defaults), beside the gap buyers' memory alone would
  leave if no firm's choice responded to the reputation, ``0.8 lambda^20``.
* ``python tools/brand_persistence.py turnover [points] [seeds]`` — selection through
  entry and exit (Tirole 1996; Levin 2009): the gap with turnover (``exit_rate`` in
  0.01-0.03 per step, Dunne, Roberts & Samuelson 1988; ``exit_gap`` and
  ``spinoff_inheritance`` over their plausible ranges) against the same runs
  without it, at the defaults and over a Latin hypercube of the plausible ranges,
  with the paired difference's t interval and whether the two initial reputations
  saw the same exits (the exit rule reads knowledge, not margins).

The selection channel (round 9, issue 26):

* ``python tools/brand_persistence.py selection [points] [seeds] [firms]`` — exit and
  entry that read margins (``exit_rule="margin"``: a firm whose unit margin is below
  ``outside_margin`` exits at ``exit_rate``, spin-offs of the firms with positive
  margins take its place) against the knowledge rule at the same exit rate, the gap
  after 20 and 40 steps with paired seeds and 95 % t intervals, at the defaults
  (``exit_rate`` 0.01 and 0.03, Dunne, Roberts & Samuelson 1988; ``cost_dispersion``
  0 and 0.3) and the share of a Latin hypercube over the plausible ranges (the nine
  brand parameters, ``outside_margin``, ``cost_dispersion``, ``exit_rate`` 0.01-0.03)
  where the gap after 20 steps exceeds 0.1 with and without selection. Defaults 16
  points, 6 seeds, 100 firms.
* ``python tools/brand_persistence.py matched [seeds] [firms]`` — the same comparison
  at matched *realised* turnover: the margin rule's hazard is raised until as many
  firms exit per step as under the knowledge rule at ``exit_rate`` 0.01 and 0.03.
  Writes ``tools/brand_persistence_matched.json`` (run date, commit, every row).
"""

from __future__ import annotations

import sys

import numpy as np
from scipy import stats

import clusternet as cn
from clusternet.dynamics.brand import reputation_fixed_points
from clusternet.experiments.sampling import latin_hypercube, plausible_ranges

FIXED = {
    "innovation_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
    "network_every": 0,
    "leader_share": 0.0,
    "agglomeration": 0.0,
}
NAMES = [
    "name_withdrawal",
    "monitoring",
    "penalty",
    "premium",
    "quality_cost",
    "choice_noise",
    "reputation_memory",
    "discount",
    "revision_rate",
]
LOW, HIGH, STEPS = 0.1, 0.9, 20


def gaps(net, seeds: int, params: dict) -> np.ndarray:
    """``R_high(STEPS) - R_low(STEPS)`` per paired seed."""
    out = []
    for seed in range(seeds):
        end = []
        for r0 in (LOW, HIGH):
            model = cn.UpgradingModel(net, seed=seed, **FIXED, **params)
            model.state.reputation = r0
            for _ in range(STEPS):
                row = model.step()
            end.append(row["reputation"])
        out.append(end[1] - end[0])
    return np.array(out)


def predicted_split(net, params: dict) -> bool:
    """Mean field: two stable steady states with 0.1 and 0.9 in different basins."""
    model = cn.UpgradingModel(net, seed=0, **FIXED, **params)
    s, f = model.state, model.firms
    brand = {k: v for k, v in params.items() if k in cn.economics.BRAND_DEFAULTS}
    roots, stable = reputation_fixed_points(
        s.output[f], s.association_member[f], s.knowledge[f].mean(axis=1), s.leader[f], **brand
    )
    unstable = roots[~stable]
    return bool(stable.sum() >= 2 and ((unstable > LOW) & (unstable < HIGH)).any())


def wilson(k: int, n: int) -> tuple[float, float]:
    """95 % Wilson interval of a share."""
    z = stats.norm.ppf(0.975)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def mean_field(points: int = 200, firms: int = 100) -> None:
    """Share of the range where the mean field predicts a split, by association membership."""
    design = latin_hypercube(plausible_ranges(NAMES), points, seed=26)
    for membership in (0.4, 0.6, 0.8, 1.0):
        net = cn.generate_cluster(firms, seed=7, association_membership=membership)
        split = np.array([predicted_split(net, point) for point in design])
        lo, hi = wilson(int(split.sum()), points)
        print(
            f"membership {membership}: split in {split.sum()}/{points} = {split.mean():.3f} "
            f"[{lo:.3f}, {hi:.3f}]",
            flush=True,
        )


def main(points: int = 48, seeds: int = 4, firms: int = 100, membership: float = 0.4) -> None:
    """Simulated persistence, with and without the name withdrawal, over the design."""
    net = cn.generate_cluster(firms, seed=7, association_membership=membership)
    design = latin_hypercube(plausible_ranges(NAMES), points, seed=26)
    rows = []
    for k, point in enumerate(design):
        on = gaps(net, seeds, point)
        off = gaps(net, seeds, {**point, "name_withdrawal": 0.0})
        t = stats.t.ppf(0.975, seeds - 1)
        lo_on = on.mean() - t * on.std(ddof=1) / np.sqrt(seeds)
        diff = on - off
        rows.append((on.mean(), lo_on, off.mean(), diff.mean(), predicted_split(net, point)))
        print(
            k,
            " ".join(f"{n}={point[n]:.3g}" for n in NAMES),
            f"gap_on={on.mean():.3f} lo={lo_on:.3f} gap_off={off.mean():.3f} "
            f"diff={diff.mean():.3f} split={rows[-1][4]}",
            flush=True,
        )
    a = np.array(rows, dtype=float)
    n = len(rows)
    for label, mask in (
        ("mean gap on > 0.1", a[:, 0] > 0.1),
        ("lower 95% bound on > 0.1", a[:, 1] > 0.1),
        ("mean gap off > 0.1", a[:, 2] > 0.1),
        ("on > 0.1 and off <= 0.1", (a[:, 0] > 0.1) & (a[:, 2] <= 0.1)),
        ("mean field predicts a split", a[:, 4] > 0),
    ):
        lo, hi = wilson(int(mask.sum()), n)
        print(f"{label}: {mask.sum()}/{n} = {mask.mean():.3f} [{lo:.3f}, {hi:.3f}]")
    split = a[:, 4] > 0
    agree = ((a[:, 0] > 0.1) == split) | ~split & (a[:, 2] > 0.1)
    print(
        f"mean-field split vs simulated on>0.1: agreement {np.mean((a[:, 0] > 0.1) == split):.3f}"
    )
    print(f"(counting memory-only persistence as agreement: {agree.mean():.3f})")
    d = a[:, 3]
    print(
        f"paired on-off gap difference over the range: mean {d.mean():.3f} "
        f"[{d.mean() - stats.t.ppf(0.975, n - 1) * d.std(ddof=1) / np.sqrt(n):.3f}, "
        f"{d.mean() + stats.t.ppf(0.975, n - 1) * d.std(ddof=1) / np.sqrt(n):.3f}]"
    )


def t_interval(x: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95 % t interval."""
    half = stats.t.ppf(0.975, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)
    return float(x.mean()), float(x.mean() - half), float(x.mean() + half)


def memory(seeds: int = 6, firms: int = 100) -> None:
    """The information channel: the gap after STEPS against the reputation's memory."""
    net = cn.generate_cluster(firms, seed=7)
    for lam in (0.6, 0.7, 0.8, 0.9, 0.95):
        g = gaps(net, seeds, {"reputation_memory": lam})
        mean, lo, hi = t_interval(g)
        print(
            f"reputation_memory={lam}: gap {mean:.3f} [{lo:.3f}, {hi:.3f}]; "
            f"memory alone {(HIGH - LOW) * lam**STEPS:.3f}",
            flush=True,
        )


def turnover_paths(net, seeds: int, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Gap ``R_high(STEPS) - R_low(STEPS)`` per seed, and whether both saw the same exits."""
    out, same = [], []
    for seed in range(seeds):
        end, exits = [], []
        for r0 in (LOW, HIGH):
            model = cn.UpgradingModel(net, seed=seed, **FIXED, **params)
            model.state.reputation = r0
            path = [model.step() for _ in range(STEPS)]
            end.append(path[-1]["reputation"])
            exits.append([row["entrants"] for row in path])
        out.append(end[1] - end[0])
        same.append(exits[0] == exits[1])
    return np.array(out), np.array(same)


def turnover(points: int = 16, seeds: int = 4, firms: int = 100) -> None:
    """Selection through entry and exit: the gap with turnover against the same runs without."""
    net = cn.generate_cluster(firms, seed=7)
    rows = []
    defaults = [{"exit_rate": rate} for rate in (0.01, 0.03)]
    ranges = {**plausible_ranges([*NAMES, "exit_gap", "spinoff_inheritance"])}
    ranges["exit_rate"] = (0.01, 0.03)
    design = latin_hypercube(ranges, points, seed=26)
    for k, point in enumerate(defaults + design):
        on, same = turnover_paths(net, seeds, point)
        off, _ = turnover_paths(net, seeds, {**point, "exit_rate": 0.0})
        rows.append((on.mean(), off.mean(), *t_interval(on - off)[1:], same.all()))
        label = "defaults" if k < len(defaults) else f"LHS {k - len(defaults)}"
        print(
            label,
            " ".join(f"{n}={v:.3g}" for n, v in point.items()),
            f"gap_turnover={on.mean():.3f} gap_none={off.mean():.3f} "
            f"diff [{rows[-1][2]:.3f}, {rows[-1][3]:.3f}] same_exits={same.all()}",
            flush=True,
        )
    a = np.array(rows[len(defaults) :], dtype=float)
    n = len(a)
    for label, mask in (
        ("gap with turnover > 0.1", a[:, 0] > 0.1),
        ("gap without turnover > 0.1", a[:, 1] > 0.1),
        ("turnover > 0.1 and none <= 0.1", (a[:, 0] > 0.1) & (a[:, 1] <= 0.1)),
        ("same exits from both initial reputations", a[:, 4] > 0),
    ):
        lo, hi = wilson(int(mask.sum()), n)
        print(f"{label}: {mask.sum()}/{n} = {mask.mean():.3f} [{lo:.3f}, {hi:.3f}]")
    mean, lo, hi = t_interval(a[:, 0] - a[:, 1])
    print(f"turnover's effect on the gap over the range: {mean:.4f} [{lo:.4f}, {hi:.4f}]")


def selection_paths(net, seeds: int, params: dict, steps: int = 40):
    """Per paired seed: the gap ``R_high(t) - R_low(t)`` at t = 20 and ``steps``, and exits.

    Returns the gaps (seeds x 2) and the entrants of the low and high runs (seeds x 2).
    """
    gap, entrants = [], []
    for seed in range(seeds):
        paths, counts = [], []
        for r0 in (LOW, HIGH):
            model = cn.UpgradingModel(net, seed=seed, **FIXED, **params)
            model.state.reputation = r0
            rows = [model.step() for _ in range(steps)]
            paths.append([rows[STEPS - 1]["reputation"], rows[-1]["reputation"]])
            counts.append(sum(row["entrants"] for row in rows))
        gap.append(np.subtract(paths[1], paths[0]))
        entrants.append(counts)
    return np.array(gap), np.array(entrants)


def selection(points: int = 16, seeds: int = 6, firms: int = 100) -> None:
    """Exit and entry that read margins against the knowledge rule, defaults and a hypercube."""
    net = cn.generate_cluster(firms, seed=7)
    for dispersion in (0.0, 0.3):
        for rate in (0.01, 0.03):
            arms = {}
            for rule in ("margin", "knowledge"):
                params = {"exit_rate": rate, "exit_rule": rule, "cost_dispersion": dispersion}
                arms[rule] = selection_paths(net, seeds, params)
            for rule, (g, e) in arms.items():
                m20, m40 = t_interval(g[:, 0]), t_interval(g[:, 1])
                print(
                    f"defaults cost_dispersion={dispersion} exit_rate={rate} rule={rule}: "
                    f"gap20 {m20[0]:.4f} [{m20[1]:.4f}, {m20[2]:.4f}] "
                    f"gap40 {m40[0]:.4f} [{m40[1]:.4f}, {m40[2]:.4f}] "
                    f"entrants from 0.1 {e[:, 0].mean():.1f}, from 0.9 {e[:, 1].mean():.1f}",
                    flush=True,
                )
            for col, t in ((0, STEPS), (1, 40)):
                d = t_interval(arms["margin"][0][:, col] - arms["knowledge"][0][:, col])
                print(f"  margin - knowledge, gap{t}: {d[0]:.4f} [{d[1]:.4f}, {d[2]:.4f}]")
    ranges = plausible_ranges([*NAMES, "outside_margin", "cost_dispersion"])
    ranges["exit_rate"] = (0.01, 0.03)
    design = latin_hypercube(ranges, points, seed=26)
    rows = []
    for k, point in enumerate(design):
        on, e_on = selection_paths(net, seeds, {**point, "exit_rule": "margin"})
        off, _ = selection_paths(net, seeds, {**point, "exit_rule": "knowledge"})
        gaps20, gaps40 = (on[:, 0].mean(), off[:, 0].mean()), (on[:, 1].mean(), off[:, 1].mean())
        rows.append((*gaps20, *gaps40, e_on[:, 0].mean(), e_on[:, 1].mean()))
        print(
            f"LHS {k}",
            " ".join(f"{n}={v:.3g}" for n, v in point.items()),
            "gap20 margin={:.3f} knowledge={:.3f} gap40 margin={:.3f} knowledge={:.3f} "
            "entrants(margin) from 0.1 {:.1f} from 0.9 {:.1f}".format(*rows[-1]),
            flush=True,
        )
    a = np.array(rows)
    n = len(a)
    for label, mask in (
        ("gap20 > 0.1 with selection (margin rule)", a[:, 0] > 0.1),
        ("gap20 > 0.1 without (knowledge rule)", a[:, 1] > 0.1),
        ("gap40 > 0.1 with selection", a[:, 2] > 0.1),
        ("gap40 > 0.1 without", a[:, 3] > 0.1),
        ("selection > 0.1 and knowledge <= 0.1 (gap20)", (a[:, 0] > 0.1) & (a[:, 1] <= 0.1)),
    ):
        lo, hi = wilson(int(mask.sum()), n)
        print(f"{label}: {mask.sum()}/{n} = {mask.mean():.3f} [{lo:.3f}, {hi:.3f}]")
    for col, t in ((0, STEPS), (2, 40)):
        mean, lo, hi = t_interval(a[:, col] - a[:, col + 1])
        print(f"selection's effect on gap{t} over the range: {mean:.4f} [{lo:.4f}, {hi:.4f}]")


def matched(seeds: int = 6, firms: int = 100, out: str = "tools/brand_persistence_matched.json"):
    """The selection channel at the knowledge rule's *realised* turnover (round-9 referee).

    Under ``exit_rule="margin"`` the ``exit_rate`` applies only to firms below the outside
    option, so at the same ``exit_rate`` far fewer firms leave than under the knowledge
    rule. Here the margin rule's hazard is raised (a grid up to 1) until its realised exits
    per firm and step, averaged over both pasts and all seeds, reach the knowledge rule's
    at ``exit_rate`` 0.01 and 0.03 (Dunne, Roberts & Samuelson 1988); the gaps after 20
    and 40 steps are then compared with paired seeds. Writes ``out`` (JSON) and prints it.
    """
    import json
    import platform
    from pathlib import Path

    net = cn.generate_cluster(firms, seed=7)
    n = int(net.tier_mask("core").sum())
    grid = [0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0]
    result = {
        **cn.io.provenance(Path(__file__).resolve().parent),  # run date and commit
        "machine": platform.processor() or platform.machine(),
        "design": {
            "firms": firms,
            "core_firms": n,
            "seeds": seeds,
            "steps": 40,
            "initial_reputations": [LOW, HIGH],
            "fixed": sorted(FIXED),
        },
        "rows": [],
    }

    def rate_of(entrants):  # realised exits per firm and step, both pasts
        return float(entrants.mean() / (n * 40))

    for dispersion in (0.0, 0.3):
        for target in (0.01, 0.03):
            base = {"exit_rule": "knowledge", "exit_rate": target, "cost_dispersion": dispersion}
            g_k, e_k = selection_paths(net, seeds, base)
            want = rate_of(e_k)
            tried = []
            for hazard in grid:
                g_m, e_m = selection_paths(
                    net, seeds, {**base, "exit_rule": "margin", "exit_rate": hazard}
                )
                tried.append((hazard, rate_of(e_m)))
                if rate_of(e_m) >= want:
                    break
            row = {
                "cost_dispersion": dispersion,
                "knowledge_exit_rate": target,
                "knowledge_realised": want,
                "margin_hazard": tried[-1][0],
                "margin_realised": tried[-1][1],
                "matched": tried[-1][1] >= want,
                "hazards_tried": tried,
                "margin_exits_from_low_high": e_m.mean(axis=0).tolist(),
                "knowledge_exits_from_low_high": e_k.mean(axis=0).tolist(),
            }
            for col, t in ((0, STEPS), (1, 40)):
                row[f"gap{t}_margin"] = t_interval(g_m[:, col])
                row[f"gap{t}_knowledge"] = t_interval(g_k[:, col])
                row[f"gap{t}_margin_minus_knowledge"] = t_interval(g_m[:, col] - g_k[:, col])
            result["rows"].append(row)
            print(json.dumps(row), flush=True)
    from clusternet.io import atomic_write_text

    atomic_write_text(out, json.dumps(result, indent=1))


if __name__ == "__main__":
    if sys.argv[1:2] == ["matched"]:
        matched(*(int(x) for x in sys.argv[2:]))
    elif sys.argv[1:2] == ["meanfield"]:
        mean_field(*(int(x) for x in sys.argv[2:]))
    elif sys.argv[1:2] == ["memory"]:
        memory(*(int(x) for x in sys.argv[2:]))
    elif sys.argv[1:2] == ["turnover"]:
        turnover(*(int(x) for x in sys.argv[2:]))
    elif sys.argv[1:2] == ["selection"]:
        selection(*(int(x) for x in sys.argv[2:]))
    else:
        main(*(float(x) if "." in x else int(x) for x in sys.argv[1:]))
