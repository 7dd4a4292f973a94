"""Free riding and the SME share: the mean field's expected gradient and a design with power.

The free-riding contrast of ``tests/test_dynamics_brand.py`` runs each cluster twice
with the same seed: as the model is (a firm weighs its own effect on the collective
reputation, ``E_i``, proportional to its output share ``s_i``) and with
``own_effect`` False. The *uplift* ``u = HQ(on) - HQ(off)`` of the settled
high-quality share (a share of firms) is the quality the own effect supports; free
riding grows with the SME share if ``u`` is smaller in a cluster of SMEs than in one
with large firms.

The mean field (no simulation noise) replaces each firm's 0/1 quality by its
probability of high quality and iterates the model's own expected dynamics on the
generated cluster, with the model's own choice rule (the functions of
:mod:`clusternet.economics` the ``Brand`` mechanism calls):

``qbar_i <- (1 - rho) qbar_i + rho sigma(Delta_i(R) / K)``,
``R <- lambda R + (1 - lambda) sum_i s_i qbar_i``,

from the model's initial state (its knowledge, membership, quality draws and
output), for the test's horizon, with output shares held at the capacities (the
demand channel moves shares only through withdrawn members, a few per cent of the
time). The settled uplift is split exactly at the steady states ``R_off``, ``R_on``:

``u = [HQ_on(R_off) - HQ_off(R_off)] + [HQ_on(R_on) - HQ_on(R_off)]``
(direct + reputation feedback), and the direct part into its first-order term
``(1 / n) sum_i sigma'(x_i) e_i`` (``x_i = Delta_i^off / K``, ``e_i = E_i / K``) and the
curvature remainder. Because ``e_i = kappa_i s_i`` and ``sum_i s_i = 1``, the first-order
term is ``(1 / n) sum_i s_i kappa_i sigma'(x_i)``: an *output-weighted* mean of the
logit slope over ``n``. Concentrating output on a few large firms leaves it unchanged
unless the large firms' slopes differ from the SMEs'; the SME share enters only
through that correlation, through the curvature (convex below ``sigma = 1/2``, concave
above) and through the reputation feedback (``R_on - R_off ~ kappa sum_i s_i^2 sigma'_i``,
Herfindahl-weighted). The name withdrawal holds monitored members near high quality
(small ``sigma'``), which takes them out of the first-order term.

Run (PYTHONPATH at the repository root; nice -n 10):

* ``python tools/brand_sme.py meanfield [reps]`` — the mean field's expected DiD of the
  test's design (12 firms, size_tail_share 0.5 vs 0.0, 50 steps, last 15 settled) over
  ``reps`` paired clusters (seeds 100..), with its decomposition, with the name
  withdrawal on (T = 4) and off.
* ``python tools/brand_sme.py simulate [reps] [steps] [settled] [start] [withdrawal]`` — the simulated
  paired DiD with its per-replicate mean-field prediction (agreement, and the noise
  variance that the replicate count must beat).
* ``python tools/brand_sme.py lhs [points] [reps]`` — the mean field's expected DiD over a
  Latin hypercube of the plausible ranges of the brand parameters (both measures, with
  the point's name withdrawal and with it off).
* ``python tools/brand_sme.py confirm [n_sim] [n_mf]`` — the declared confirmatory design
  (:data:`CONFIRM`, :func:`control_variate`).

Set ``NUMBA_NUM_THREADS=1``: on a shared machine the generator's parallel kernels cost
seconds per 12-firm cluster in thread start-up, against a quarter of a second on one
thread. Measured results: docs/model.md, *Free riding and the SME share*.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy import stats

import clusternet as cn
from clusternet.economics import (
    name_withdrawal_loss,
    own_reputation_effect,
    quality_gain,
    quality_unit_cost,
    unit_margin,
    visibility,
)
from clusternet.experiments.sampling import latin_hypercube, plausible_ranges

sys.path.insert(0, str(Path(__file__).resolve().parent))
import brand_persistence  # a sibling script in tools/

#: knowledge frozen; governance and the market held fixed across cluster sizes (as the tests):
#: the same settings as the persistence tool, imported so the two cannot drift apart
FIXED = brand_persistence.FIXED
#: the test's design: 12 firms, all SMEs against half in the large-firm tail
N_FIRMS, TAIL = 12, 0.5
STEPS, SETTLED = 50, 15
#: brand parameters of the hypercube (those the gains and the dynamics depend on at
#: theta = 0: no leaders, no certification)
NAMES = [
    "name_withdrawal",
    "monitoring",
    "penalty",
    "premium",
    "quality_cost",
    "quality_learning",
    "choice_noise",
    "reputation_memory",
    "discount",
    "reputation_demand",
    "revision_rate",
]


def t_interval(x: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and two-sided t interval."""
    x = np.asarray(x, float)
    half = stats.t.ppf(0.5 + level / 2, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)
    return float(x.mean()), float(x.mean() - half), float(x.mean() + half)


class MeanField:
    """The expected quality dynamics of one generated cluster under the model's choice rule.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    seed : int
        The model's seed (initial knowledge and quality draws).
    **params
        Model parameters (on top of :data:`FIXED`).
    """

    def __init__(self, net, seed: int, **params) -> None:
        model = cn.UpgradingModel(net, seed=seed, **{**FIXED, **params})
        s, f = model.state, model.firms
        self.q0 = s.quality[f].astype(float)
        self.r0 = float(s.reputation)
        y = s.output[f]
        self.share = y / y.sum()
        self.member = s.association_member[f].astype(float)
        self.knowledge = s.knowledge[f].mean(axis=1)
        self.leader = s.leader[f]
        self.n = int(f.sum())
        self.set(model.params)

    def set(self, params: dict) -> MeanField:
        """Use the model parameters ``params`` (the cluster and its draws stay)."""
        p = self.p = dict(params)
        self.theta = visibility(p["certification"], p["own_brand_visibility"], self.leader)
        self.cost = quality_unit_cost(p["quality_cost"], p["quality_learning"], self.knowledge)
        self.eps_r = p["reputation_demand"] if p["demand_adjustment"] > 0 else 0.0
        return self

    def gain(self, r: float, own: bool) -> np.ndarray:
        """``Delta_i(R)`` as the Brand mechanism computes it (theta = 0 here: no sales term)."""
        p = self.p
        e = self.own(r) if own else 0.0
        name = name_withdrawal_loss(
            r, p["premium"], self.theta, p["monitoring"], self.member,
            p["name_withdrawal"], p["discount"],
        )  # fmt: skip
        return quality_gain(
            p["premium"], self.theta, self.cost, p["penalty"], p["monitoring"],
            self.member, e, 0.0, name,
        )  # fmt: skip

    def own(self, r: float) -> np.ndarray:
        """``E_i(R)``."""
        p = self.p
        high = unit_margin(p["premium"], self.theta, 1.0, r, self.cost)
        return own_reputation_effect(
            self.share, self.theta, p["premium"], p["reputation_memory"], p["discount"],
            high, self.eps_r,
        )  # fmt: skip

    def prob(self, r: float, own: bool) -> np.ndarray:
        """``sigma(Delta_i(R) / K)``."""
        return 1.0 / (1.0 + np.exp(-self.gain(r, own) / self.p["choice_noise"]))

    def path(self, own: bool, steps: int = STEPS, settled: int = SETTLED) -> np.ndarray:
        """Settled firm-count high-quality share and reputation of the mean dynamics.

        The means over the last ``settled`` of ``steps`` steps from the model's initial
        state: ``[HQ, R]``.
        """
        q, r = self.q0.copy(), self.r0
        rho, lam = self.p["revision_rate"], self.p["reputation_memory"]
        out = []
        for _ in range(steps):
            q = (1 - rho) * q + rho * self.prob(r, own)
            r = lam * r + (1 - lam) * float(self.share @ q)
            out.append((q.mean(), r))
        return np.mean(out[-settled:], axis=0)

    def steady(self, own: bool) -> float:
        """The reputation the mean dynamics settle at (iterated to convergence from R_0)."""
        q, r = self.q0.copy(), self.r0
        rho, lam = self.p["revision_rate"], self.p["reputation_memory"]
        for _ in range(20_000):
            q = (1 - rho) * q + rho * self.prob(r, own)
            new = lam * r + (1 - lam) * float(self.share @ q)
            if abs(new - r) < 1e-13 and np.abs(q - self.prob(new, own)).max() < 1e-11:
                return new
            r = new
        return r

    def decomposition(self) -> dict[str, float]:
        """The settled uplift at the steady states, split into its parts."""
        k = self.p["choice_noise"]
        r_off, r_on = self.steady(False), self.steady(True)
        p_off = self.prob(r_off, False)
        direct = float(self.prob(r_off, True).mean() - p_off.mean())
        first = float(np.mean(p_off * (1 - p_off) * self.own(r_off) / k))
        feedback = float(self.prob(r_on, True).mean() - self.prob(r_off, True).mean())
        slope = p_off * (1 - p_off)
        return {
            "uplift": direct + feedback,
            "first_order": first,
            "curvature": direct - first,
            "feedback": feedback,
            "dR": r_on - r_off,
            "herfindahl": float(self.share @ self.share),
            "slope_out": float(self.share @ slope),
            "slope_firms": float(slope.mean()),
            "members_out": float(self.share @ self.member),
            "members_firms": float(self.member.mean()),
        }


def pair(seed: int, **params) -> tuple[MeanField, MeanField]:
    """The test's pair: a mixed cluster (half in the tail) and an all-SME one, same seed."""
    mixed = cn.generate_cluster(N_FIRMS, seed=100 + seed, size_tail_share=TAIL)
    sme = cn.generate_cluster(N_FIRMS, seed=100 + seed, size_tail_share=0.0)
    return MeanField(mixed, seed, **params), MeanField(sme, seed, **params)


def expected_did(seed: int, steps: int = STEPS, settled: int = SETTLED, **params) -> np.ndarray:
    """Mean-field DiD of one pair, uplift(mixed) - uplift(all SMEs), on the test's horizon.

    ``[DiD of the firm-count high-quality share, DiD of the reputation]``.
    """
    mixed, sme = pair(seed, **params)
    up = [m.path(True, steps, settled) - m.path(False, steps, settled) for m in (mixed, sme)]
    return up[0] - up[1]


def meanfield(reps: int = 200) -> None:
    """Expected DiD of the test's design and its decomposition, withdrawal on and off."""
    for label, params in (("withdrawal on (T=4)", {}), ("withdrawal off", {"name_withdrawal": 0})):
        did, parts = [], {}
        for seed in range(reps):
            mixed, sme = pair(seed, **params)
            did.append((mixed.path(True) - mixed.path(False)) - (sme.path(True) - sme.path(False)))
            dm, ds = mixed.decomposition(), sme.decomposition()
            for key in dm:
                parts.setdefault(key, []).append((dm[key], ds[key]))
        did = np.array(did)
        for col, measure in ((0, "high-quality share (firms)"), (1, "reputation")):
            mean, lo, hi = t_interval(did[:, col])
            print(f"{label}: expected DiD of the {measure} on the test's horizon {mean:+.4f} "
                  f"[{lo:+.4f}, {hi:+.4f}] (sd over clusters {did[:, col].std(ddof=1):.4f}, "
                  f"{reps} pairs)")  # fmt: skip
        for key, v in parts.items():
            a = np.array(v)
            print(
                f"   {key:14s} mixed {a[:, 0].mean():+.4f}  all-SME {a[:, 1].mean():+.4f}  "
                f"difference {a[:, 0].mean() - a[:, 1].mean():+.4f}"
            )


def simulated_did(seed: int, steps: int, settled: int, **params) -> tuple[np.ndarray, np.ndarray]:
    """Simulated paired DiD of one pair (the tests' design) and its mean-field prediction.

    Each as ``[DiD of the firm-count high-quality share, DiD of the reputation]``.
    """
    mixed = cn.generate_cluster(N_FIRMS, seed=100 + seed, size_tail_share=TAIL)
    sme = cn.generate_cluster(N_FIRMS, seed=100 + seed, size_tail_share=0.0)

    def hq(net, **extra):
        ts = cn.simulate_upgrading(net, steps, seed=seed, **{**FIXED, **params, **extra})
        tail = ts.timeseries.iloc[-settled:]
        return np.array([tail["high_quality_share"].mean(), tail["reputation"].mean()])

    sim = (hq(mixed) - hq(mixed, own_effect=False)) - (hq(sme) - hq(sme, own_effect=False))
    return sim, expected_did(seed, steps, settled, **params)


def simulate(
    reps: int = 32, steps: int = STEPS, settled: int = SETTLED, start: int = 0, withdrawal: int = -1
) -> None:
    """The simulated DiD beside the mean field's, per replicate and in total.

    ``withdrawal`` >= 0 sets ``name_withdrawal`` in every arm (-1: the default).
    """
    params = {} if withdrawal < 0 else {"name_withdrawal": withdrawal}
    sims, preds = [], []
    for seed in range(start, start + reps):
        sim, pred = simulated_did(seed, steps, settled, **params)
        sims.append(sim)
        preds.append(pred)
        print(seed, "sim", sim.round(4), "mean-field", pred.round(4), flush=True)
    sims, preds = np.array(sims), np.array(preds)
    print(f"{reps} pairs from seed {start}, steps {steps}, settled {settled}, params {params}")
    for col, measure in ((0, "high-quality share (firms)"), (1, "reputation")):
        s, m = sims[:, col], preds[:, col]
        print("{}: simulated DiD {:+.4f} [{:+.4f}, {:+.4f}]".format(measure, *t_interval(s)))
        print("   mean-field DiD {:+.4f} [{:+.4f}, {:+.4f}]".format(*t_interval(m)))
        print("   simulated - mean field {:+.4f} [{:+.4f}, {:+.4f}]".format(*t_interval(s - m)))
        print(
            f"   sd: simulated {s.std(ddof=1):.4f}, mean field (composition) "
            f"{m.std(ddof=1):.4f}, noise (sim - mean field) {(s - m).std(ddof=1):.4f}"
        )


#: The declared confirmatory design (fixed before it was run, from the mean field and a
#: pilot on disjoint seeds 1000-1015; docs/model.md, *Free riding and the SME share*):
#: primary outcome the paired DiD of the settled reputation (the output-weighted quality
#: buyers experience: the own effect is linear in the share, so the firm-count share is
#: unmoved by concentration to first order, the output-weighted one moves with the
#: Herfindahl index); secondary the firm-count high-quality share. Control-variate
#: estimator: mean over N_SIM simulated pairs of (simulated - mean-field DiD) plus the mean
#: over N_MF mean-field pairs of the mean-field DiD (unbiased for the simulated
#: expectation whatever the mean field's bias). Horizon: 95 steps, the last 60 settled
#: (burn-in 35 as the tests: the mean dynamics' slowest mode, about 0.90 per step at the
#: defaults, leaves 3 % of the initial deviation; the pilot's noise sd 0.12 at 15 settled
#: steps falls about as 1 / sqrt(window)). Expected: R +0.052 (mean field, 200 pairs);
#: SE about sqrt(0.06^2 / 32 + 0.16^2 / 400) = 0.013-0.016: power about 0.9. Firm-count:
#: +0.007 against SE about 0.008: not expected to be shown.
CONFIRM = {"n_sim": 32, "n_mf": 400, "steps": 95, "settled": 60}


def control_variate(
    n_sim: int = CONFIRM["n_sim"],
    n_mf: int = CONFIRM["n_mf"],
    steps: int = CONFIRM["steps"],
    settled: int = CONFIRM["settled"],
    verbose: bool = False,
    **params,
) -> dict[str, tuple[float, float, float]]:
    """The control-variate estimate of the simulated paired DiD, both measures.

    Returns ``{"hq": (mean, lo, hi), "reputation": (mean, lo, hi), ...}`` with 95 %
    normal intervals from the two independent parts' variances, and the parts.
    """
    sims, preds = [], []
    for seed in range(n_sim):
        sim, pred = simulated_did(seed, steps, settled, **params)
        sims.append(sim)
        preds.append(pred)
        if verbose:
            print(seed, "sim", sim.round(4), "mean-field", pred.round(4), flush=True)
    sims, preds = np.array(sims), np.array(preds)
    mf = [*preds] + [expected_did(seed, steps, settled, **params) for seed in range(n_sim, n_mf)]
    mf = np.array(mf)
    z = stats.norm.ppf(0.975)
    out = {}
    for col, key in ((0, "hq"), (1, "reputation")):
        resid = sims[:, col] - preds[:, col]
        est = resid.mean() + mf[:, col].mean()
        se = np.sqrt(resid.var(ddof=1) / n_sim + mf[:, col].var(ddof=1) / n_mf)
        out[key] = (float(est), float(est - z * se), float(est + z * se))
        out[key + "_plain"] = t_interval(sims[:, col])
        out[key + "_meanfield"] = t_interval(mf[:, col])
        out[key + "_sd"] = (float(resid.std(ddof=1)), float(mf[:, col].std(ddof=1)))
    return out


def confirm(n_sim: int = CONFIRM["n_sim"], n_mf: int = CONFIRM["n_mf"]) -> None:
    """Run the declared design and print both measures."""
    out = control_variate(n_sim, n_mf, verbose=True)
    for key, label in (("hq", "high-quality share (firms)"), ("reputation", "reputation")):
        print(f"{label}: control-variate DiD {out[key][0]:+.4f} [{out[key][1]:+.4f}, "
              f"{out[key][2]:+.4f}]; plain paired {out[key + '_plain'][0]:+.4f} "
              f"[{out[key + '_plain'][1]:+.4f}, {out[key + '_plain'][2]:+.4f}]; mean field "
              f"{out[key + '_meanfield'][0]:+.4f} [{out[key + '_meanfield'][1]:+.4f}, "
              f"{out[key + '_meanfield'][2]:+.4f}]; sd noise {out[key + '_sd'][0]:.4f}, "
              f"composition {out[key + '_sd'][1]:.4f}")  # fmt: skip


def lhs(points: int = 48, reps: int = 64) -> None:
    """The mean field's expected DiD over a hypercube of the brand parameters' plausible ranges.

    ``reps`` paired clusters per point (the same clusters at every point); both measures,
    with the point's name withdrawal and with it off.
    """
    design = latin_hypercube(plausible_ranges(NAMES), points, seed=26)
    defaults = {k: v.default for k, v in cn.dynamics.PARAMETERS.items()}
    pairs = [pair(seed) for seed in range(reps)]
    rows = []
    for k, point in enumerate(design):
        point = {**point, "name_withdrawal": round(point["name_withdrawal"])}
        row = []
        for extra in ({}, {"name_withdrawal": 0}):
            p = {**defaults, **FIXED, **point, **extra}
            did = np.array([
                (m.set(p).path(True) - m.path(False)) - (s.set(p).path(True) - s.path(False))
                for m, s in pairs
            ])  # fmt: skip
            row += [*t_interval(did[:, 0]), *t_interval(did[:, 1])]
        rows.append(row)
        print(k, " ".join(f"{n}={point[n]:.3g}" for n in NAMES),
              "| HQ {:+.4f} [{:+.4f}, {:+.4f}] R {:+.4f} [{:+.4f}, {:+.4f}] | withdrawal off: "
              "HQ {:+.4f} [{:+.4f}, {:+.4f}] R {:+.4f} [{:+.4f}, {:+.4f}]".format(*row),
              flush=True)  # fmt: skip
    a = np.array(rows)
    for label, col in (
        ("HQ, with the withdrawal", 0),
        ("R, with the withdrawal", 3),
        ("HQ, withdrawal off", 6),
        ("R, withdrawal off", 9),
    ):
        pos, neg = a[:, col + 1] > 0, a[:, col + 2] < 0
        print(
            f"{label}: expected DiD > 0 (95 % interval over clusters) at {pos.sum()}/{points}, "
            f"< 0 at {neg.sum()}/{points}; median {np.median(a[:, col]):+.4f}, range "
            f"{a[:, col].min():+.4f} .. {a[:, col].max():+.4f}"
        )
    return design, a


if __name__ == "__main__":
    what, args = sys.argv[1] if len(sys.argv) > 1 else "meanfield", [int(x) for x in sys.argv[2:]]
    {"meanfield": meanfield, "simulate": simulate, "lhs": lhs, "confirm": confirm}[what](*args)
