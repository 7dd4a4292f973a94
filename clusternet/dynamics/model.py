"""The upgrading model: mechanisms composed in a fixed order each step."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._validate import check_int, derived_sequence, seed_sequence, show
from clusternet.dynamics import brand, congestion, evolution, innovation, platform, turnover
from clusternet.dynamics.imitation import ImitationOperator
from clusternet.dynamics.parameters import Scenario, resolve
from clusternet.economics import free_riding_exposure, leaders
from clusternet.kernels.csr import kernel_arrays
from clusternet.network import ClusterNetwork
from clusternet.spillover import SpilloverModel, gini

# keys of the derived streams (see _validate.derived_sequence): initial state, per-step draws
_INIT_STREAM = 0x1717
_STEP_STREAM = 0x5757

DEFAULT_SPILLOVER = {"technology": 0.15, "social": 0.10, "service": 0.05, "transaction": 0.05}
DEFAULT_IMITATION = {"technology": 0.2, "transaction": 0.1, "social": 0.1}
MECHANISMS = ("spillover", "innovation", "imitation", "platform", "brand", "congestion", "network")
#: Timing keys: the mechanisms plus the statistics recorded each step.
TIMED = (*MECHANISMS, "bookkeeping")


@dataclass
class SimulationResult:
    """Output of :func:`simulate_upgrading` / :meth:`~clusternet.UpgradingModel.run`.

    ``timeseries``: one row per step (0 = the initial state) with innovations,
    imitations, knowledge statistics, platform funding, quality and reputation,
    margins and, every ``measure_every`` steps, technology and brand readiness
    (NaN on steps where they were not measured); ``snapshots``: step ->
    per-actor arrays (when ``snapshot_every`` > 0); ``timings``: seconds per
    mechanism summed over the run; ``params``: the parameters used.
    """

    timeseries: pd.DataFrame
    snapshots: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    params: dict = field(default_factory=dict)

    def to_parquet(self, path) -> None:
        """Write the time series to Parquet (atomically)."""
        from clusternet.io import write_table

        write_table(self.timeseries, Path(path))

    def plot(
        self,
        columns=(
            "knowledge_mean",
            "innovations",
            "contributors_share",
            "high_quality_share",
            "reputation",
            "mean_margin",
        ),
        ax=None,
    ):
        """Plot selected columns against the step (one panel each); returns the figure."""
        import matplotlib.pyplot as plt

        cols = [c for c in columns if c in self.timeseries.columns]
        if ax is None:
            fig, grid = plt.subplots(
                len(cols), 1, figsize=(7, 1.8 * len(cols)), sharex=True, squeeze=False
            )
            axes = list(grid[:, 0])
        else:
            fig, axes = ax.figure, [ax] * len(cols)
        for a, c in zip(axes, cols):
            a.plot(self.timeseries["step"], self.timeseries[c])
            a.set_ylabel(c.replace("_", " "))
        axes[-1].set_xlabel("step")
        fig.tight_layout()
        return fig


class UpgradingModel:
    """Discrete-time simulation of technology and brand upgrading in a cluster.

    Each :meth:`~clusternet.UpgradingModel.step` runs, in this order: (0) **training** raises the absorptive
    capacity of the firms tied to training bodies, (1) knowledge **spillover** (the gap
    rule of :mod:`clusternet.spillover`), (2) **innovation** with the squeeze
    effect (:mod:`clusternet.dynamics.innovation`), (3) **imitation** by
    neighbours (:mod:`~clusternet.dynamics.imitation`), (4) the
    **common-technology platform** game (:mod:`~clusternet.dynamics.platform`),
    (5) the **regional brand** — visibility, quality cost falling with knowledge,
    monitoring, a logit quality choice,
    reputation update (:mod:`~clusternet.dynamics.brand`), (6)
    **congestion**, agglomeration and output growth
    (:mod:`~clusternet.dynamics.congestion`), and (7) every ``network_every`` steps
    the **technology network evolves** (:mod:`~clusternet.dynamics.evolution`),
    and (8) with ``exit_rate > 0`` lagging firms **exit** and spin-offs of the
    better firms take their places (:mod:`~clusternet.dynamics.turnover`).
    Every parameter is in :data:`clusternet.dynamics.PARAMETERS`; policy levers
    are plain parameters and :class:`Scenario` bundles them.

    ``state`` exposes plain numpy arrays that outside code (e.g. an agent-based
    model) may read and change between steps: ``knowledge`` (N x D),
    ``quality`` (N, 0/1), ``last_innovation`` (N, step or -inf), ``contribute``
    (N, bool), ``output`` (N), ``margin`` (N), ``platform_output`` (P), and the
    scalars ``reputation`` and ``step``.

    Missing actor attributes take documented defaults (``assumptions`` lists
    them): absorptive capacity 0.5, R&D intensity 0.01, quality 0.5, size 1.
    Initial knowledge: core firms ``0.2 + 0.6 a_i U(0, 1)`` per domain;
    universities, research institutes, platforms and external actors 1 in every
    domain (the frontier); other institutions 0.
    """

    def __init__(
        self,
        net: ClusterNetwork,
        seed=None,
        scenario: Scenario | str | None = None,
        knowledge0=None,
        **params,
    ) -> None:
        from clusternet.dynamics.parameters import SCENARIOS

        if not isinstance(net, ClusterNetwork):
            raise TypeError("UpgradingModel needs a ClusterNetwork")
        if isinstance(scenario, str):
            if scenario not in SCENARIOS:
                raise ValueError(
                    f"unknown scenario {show(scenario)}; known: {', '.join(SCENARIOS)}"
                )
            scenario = SCENARIOS[scenario]
        if scenario is not None:
            params = scenario.merged(**params)
        self.params = resolve(params)
        p = self.params
        ss = seed_sequence(seed)
        self._seed = int(ss.generate_state(1, dtype=np.uint64)[0])
        self._seed_sequence = ss
        self.assumptions: dict[str, str] = {}
        init_rng = np.random.default_rng(derived_sequence(ss, _INIT_STREAM))
        net = self._apply_structural_levers(net, init_rng)
        self.net = net
        n = net.n_actors
        self.firms = net.tier_mask("core")
        self.absorptive = self._column("absorptive_capacity", 0.5)
        self.rd = self._column("rd_intensity", 0.01)
        size = self._column("size", 1.0)
        quality0 = self._column("quality", 0.5)
        dims = p["domains"]
        if knowledge0 is None:
            k = np.zeros((n, dims))
            k[self.firms] = 0.2 + 0.6 * self.absorptive[self.firms, None] * init_rng.random(
                (int(self.firms.sum()), dims)
            )
            frontier = net.role_mask(
                "university", "research_institute", "platform"
            ) | net.tier_mask("external")
            k[frontier] = 1.0
            # intermediaries carry the codified part of the frontier (C-SUPPORT-1)
            k[net.role_mask("intermediary")] = 1.0 - p["tacitness"]
            if p["attract_external_leader"]:
                k[-1] = 1.5  # the attracted leader sits beyond the frontier
        else:
            k = np.array(knowledge0, dtype=np.float64)
            if k.shape != (n, dims):
                raise ValueError(f"knowledge0 has shape {k.shape}, expected ({n}, {dims})")
            if not np.isfinite(k).all() or (k < 0).any():
                raise ValueError("knowledge0 must be finite and >= 0")
        self._build_knowledge_operators(net, dims)
        # auxiliary roles that act on firms through their ties
        tied_to = self._tied_to
        self.trained = tied_to("training") & self.firms
        self.intermediaries = np.flatnonzero(net.role_mask("intermediary"))
        # the local government funds the platforms: no government, no public funding
        self.government_funding = (
            p["platform_funding"] if net.role_mask("government").any() else 0.0
        )
        self.financed = tied_to("finance") & self.firms
        comp = net.csr("competition", direction="both") if "competition" in net.layers else None
        self._comp = (
            kernel_arrays(comp)[:2]
            if comp is not None
            else (np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.uint32))
        )
        self.member, self.platforms = platform.membership(net, self.firms)
        self._ret = platform.private_return(
            p["platform_return"], self.absorptive, self.member, self.platforms.shape[0]
        )
        # leading firms with their own brands: the largest leader_share of firms by size
        self.leader = np.zeros(n, dtype=bool)
        self.leader[self.firms] = leaders(size[self.firms], p["leader_share"])
        self.association_member = np.zeros(n, dtype=bool)
        assoc = net.role_mask("association")
        if assoc.any():
            tied = np.asarray(net.csr(direction="both")[:, assoc].sum(axis=1)).ravel() > 0
            self.association_member = tied & self.firms
        self.state: dict = {
            "knowledge": k,
            "quality": (init_rng.random(n) < quality0).astype(np.float64) * self.firms,
            "last_innovation": np.full(n, -np.inf),
            "contribute": np.zeros(n, dtype=bool),
            "output": np.where(self.firms, size, 0.0),
            "margin": np.zeros(n),
            "platform_output": np.zeros(self.platforms.shape[0]),
            "reputation": 0.0,
            "step": 0,
        }
        self.state["reputation"] = brand.reputation_update(
            0.0, 0.0, self.state["quality"][self.firms], self.state["output"][self.firms]
        )
        self.timings = dict.fromkeys(TIMED, 0.0)
        self._rows: list[dict] = []
        self.snapshots: dict[int, dict] = {}
        self._record(0, {})

    # ------------------------------------------------------------------ set-up
    def _build_knowledge_operators(self, net: ClusterNetwork, dims: int) -> None:
        """Spillover and imitation operators and appropriability for the current network."""
        p = self.params
        # the network changes only here: its knowledge-tie share is recorded every step
        self._knowledge_tie_share = evolution.knowledge_tie_share(net, self.firms)
        rates = p["spillover_rates"] if p["spillover_rates"] is not None else DEFAULT_SPILLOVER
        rates = {name: r for name, r in rates.items() if name in net.layers}
        self.spillover = SpilloverModel(
            net,
            p["tacitness"],
            rates or {net.layers[0]: 0.0},
            self.absorptive,
            p["distance_scale"],
            n_domains=dims,
            reuse=getattr(self, "spillover", None),
        )
        imit = p["imitation_rates"] if p["imitation_rates"] is not None else DEFAULT_IMITATION
        self.imitation = ImitationOperator(net, imit)
        # appropriability: an innovation's private value falls with the expected number
        # of neighbours who imitate it (C-IMIT-1: innovators cannot keep all the gains)
        exposure = np.bincount(
            self.imitation.indices.astype(np.int64),
            weights=self.imitation.prob,
            minlength=net.n_actors,
        )
        self.appropriability = np.exp(-p["appropriability_loss"] * exposure)

    def _tied_to(self, *roles: str) -> np.ndarray:
        """Actors with a tie (any layer, either direction) to an actor of ``roles``."""
        target = self.net.role_mask(*roles)
        if not target.any():
            return np.zeros(self.net.n_actors, dtype=bool)
        both = self.net.csr(direction="both")
        return np.asarray(both[:, target].sum(axis=1)).ravel() > 0

    def innovation_incentive(self) -> np.ndarray:
        """Share of an innovation's value a firm expects to net, after imitation and cost.

        ``clip((A_i - c_i) / (1 - c_i), 0, 1)`` with appropriability
        ``A_i = exp(-appropriability_loss * expected imitators)`` and cost
        ``c_i = innovation_cost (1 - finance_share [i tied to finance])``: finance
        shares the cost and risk of innovating (C-SUPPORT-1). With a cost,
        an innovation that others copy too fast does not pay (Arrow 1962).
        """
        p = self.params
        cost = p["innovation_cost"] * (1.0 - p["finance_share"] * self.financed)
        value = (self.appropriability - cost) / np.maximum(1.0 - cost, 1e-12)
        return np.clip(value, 0.0, 1.0)

    def _column(self, name: str, default: float) -> np.ndarray:
        n = self.net.n_actors
        if self.net.has_column(name):
            v = np.asarray(self.net.column(name), dtype=np.float64)
            missing = ~np.isfinite(v) & self.firms
            if missing.any():
                self.assumptions[name] = f"{int(missing.sum())} firms without a value use {default}"
            return np.where(np.isfinite(v), v, default)
        self.assumptions[name] = f"no '{name}' column: every actor uses {default}"
        return np.full(n, default)

    def _apply_structural_levers(self, net: ClusterNetwork, rng) -> ClusterNetwork:
        p = self.params
        if p["new_university_ties"] > 0:
            unis = net.ids[net.role_mask("university") & ~net.tier_mask("external")]
            firms = net.ids[net.tier_mask("core")]
            if unis.size == 0:
                raise ValueError("new_university_ties needs a university inside the cluster")
            k = p["new_university_ties"]
            a = (
                np.asarray(net.column("absorptive_capacity"), float)[net.tier_mask("core")]
                if net.has_column("absorptive_capacity")
                else np.ones(firms.size)
            )
            weights = np.where(np.isfinite(a), a, 0.5)
            chosen = rng.choice(
                firms, size=min(k, firms.size), replace=False, p=weights / weights.sum()
            )
            edges = pd.DataFrame(
                {
                    "source": chosen,
                    "target": rng.choice(unis, size=chosen.size),
                    "layer": "technology",
                }
            )
            net = net.with_edges(edges)
        if p["attract_external_leader"]:
            actors = net.actors.drop(columns=["tier"])
            new_id = (int(np.max(net.ids)) + 1) if net.ids.dtype.kind == "i" else "external-leader"
            row: dict[str, object] = {c: np.nan for c in actors.columns}
            row.update({"id": new_id, "role": "producer", "external": True})
            for c in ("absorptive_capacity", "rd_intensity", "quality"):
                if c in actors.columns:
                    row[c] = {"absorptive_capacity": 1.0, "rd_intensity": 0.1, "quality": 1.0}[c]
            actors = pd.concat([actors, pd.DataFrame([row])], ignore_index=True)
            core = net.tier_mask("core")
            size = (
                np.asarray(net.column("size"), float)
                if net.has_column("size")
                else np.ones(net.n_actors)
            )
            top = net.ids[core][
                np.argsort(-np.where(np.isfinite(size[core]), size[core], 0))[: p["leader_ties"]]
            ]
            edges = net.edge_table()
            extra = pd.DataFrame(
                {"source": new_id, "target": top, "layer": "technology", "weight": 1.0}
            )
            extra2 = pd.DataFrame(
                {"source": top, "target": new_id, "layer": "transaction", "weight": 1.0}
            )
            edges = pd.concat([edges, extra, extra2], ignore_index=True)
            layers = list(net.layers) + [
                x for x in ("technology", "transaction") if x not in net.layers
            ]
            net = ClusterNetwork.from_edges(
                edges, actors=actors, layers=layers, directed=net.directed, allow_self_loops=True
            )
        return net

    # ------------------------------------------------------------------ dynamics
    def step(self) -> dict:
        """Advance one step; returns the row recorded for it."""
        p = self.params
        s = self.state
        t = s["step"] + 1
        timing = {}
        clock = time.perf_counter()

        # (0) training raises the absorptive capacity of the firms it reaches
        if p["training_rate"] > 0 and self.trained.any():
            t_idx = self.trained
            self.absorptive[t_idx] += p["training_rate"] * (1.0 - self.absorptive[t_idx])
            self.spillover.absorptive = self.absorptive

        # (1) spillover
        s["knowledge"] = self.spillover.step(s["knowledge"])
        timing["spillover"] = time.perf_counter() - clock

        # (2) innovation with the squeeze effect
        clock = time.perf_counter()
        pressure = innovation.competitor_pressure(
            self._comp[0], self._comp[1], s["last_innovation"], t, p["memory"]
        )
        lam = innovation.hazard(
            p["innovation_rate"],
            self.absorptive,
            self.rd,
            p["rd_weight"],
            p["rd_subsidy"],
            s["knowledge"].mean(axis=1),
            p["knowledge_weight"],
            p["squeeze"],
            pressure,
            self.firms,
            s["reputation"],
            p["reputation_innovation"],
            self.innovation_incentive(),
        )
        innovated, domain, radical = innovation.innovate(
            s["knowledge"],
            lam,
            p["increment"],
            p["radical_share"],
            p["radical_step"],
            self._seed,
            t,
        )
        s["last_innovation"][innovated] = t
        timing["innovation"] = time.perf_counter() - clock

        # intermediaries keep up with the codified part of the cluster's frontier and pass it on
        if self.intermediaries.size:
            codified = (1.0 - p["tacitness"]) * s["knowledge"][self.firms].max(axis=0)
            s["knowledge"][self.intermediaries] = np.maximum(
                s["knowledge"][self.intermediaries], codified
            )

        # (3) imitation
        clock = time.perf_counter()
        s["knowledge"], adopted = self.imitation.step(
            s["knowledge"], innovated, domain, p["imitation_gap"], self._seed, t
        )
        timing["imitation"] = time.perf_counter() - clock

        # (4) common-technology platform
        clock = time.perf_counter()
        rng = np.random.default_rng(derived_sequence(self._seed_sequence, _STEP_STREAM, t))
        if self.platforms.size:
            gain = platform.contribution_gain(
                s["contribute"],
                self.absorptive,
                self.member,
                self.platforms.shape[0],
                p["contribution_cost"],
                p["platform_return"],
                p["platform_subsidy"],
                self.government_funding,
                p["platform_excludable"],
            )
            s["contribute"] = platform.revise_contributions(
                s["contribute"],
                gain,
                p["contribution_cost"],
                p["revision_rate"],
                p["choice_noise"],
                rng,
                self.member,
            )
            s["platform_output"] = platform.output(
                s["contribute"],
                self.member,
                self.platforms.shape[0],
                p["contribution_cost"],
                p["platform_return"],
                self.government_funding,
            )
            s["knowledge"][:, 0] += platform.knowledge_gain(
                s["platform_output"],
                self.member,
                self.absorptive,
                p["platform_knowledge"],
                s["contribute"],
                p["platform_excludable"],
            )
        timing["platform"] = time.perf_counter() - clock

        # (5) regional brand and (6) congestion
        clock = time.perf_counter()
        total_output = float(s["output"][self.firms].sum())
        unit_congestion = congestion.unit_cost(total_output, p["capacity"], p["congestion_cost"])
        premium = p["premium"] * congestion.agglomeration_factor(
            total_output, p["agglomeration"], p["agglomeration_scale"]
        )
        caught = (
            self.association_member
            & (s["quality"] < 0.5)
            & (rng.random(self.net.n_actors) < p["monitoring"])
        ).astype(float)
        theta = brand.visibility(p["certification"], p["own_brand_visibility"], self.leader)
        unit_cost = brand.quality_unit_cost(
            p["quality_cost"], p["quality_learning"], s["knowledge"].mean(axis=1)
        )
        margin = brand.margins(
            s["quality"],
            s["reputation"],
            premium,
            theta,
            unit_cost,
            unit_congestion,
            caught,
            p["penalty"],
        )
        s["margin"] = np.where(self.firms, margin, 0.0)
        gain = brand.quality_gain(
            premium, theta, unit_cost, p["penalty"], p["monitoring"], self.association_member
        )
        s["quality"] = brand.revise_quality(
            s["quality"], gain, p["revision_rate"], p["choice_noise"], rng, self.firms
        )
        s["reputation"] = brand.reputation_update(
            s["reputation"],
            p["reputation_memory"],
            s["quality"][self.firms],
            s["output"][self.firms],
        )
        timing["brand"] = time.perf_counter() - clock
        clock = time.perf_counter()
        s["output"] = congestion.grow(s["output"], s["margin"], p["growth"], self.firms)
        timing["congestion"] = time.perf_counter() - clock

        # (7) the technology network evolves: ties decay and form (C-DYNAMIC-1)
        clock = time.perf_counter()
        if p["network_every"] and t % p["network_every"] == 0:
            recent = (t - s["last_innovation"]) <= p["memory"]
            self.net = evolution.evolve(
                self.net,
                self.firms,
                self.absorptive,
                s["knowledge"].mean(axis=1),
                recent,
                p,
                rng,
            )
            self._build_knowledge_operators(self.net, p["domains"])
        timing["network"] = time.perf_counter() - clock

        # (8) entry and exit: lagging firms leave, spin-offs of the better firms enter
        entrants = 0
        if p["exit_rate"] > 0:
            leaving = turnover.exits(
                s["knowledge"].mean(axis=1), self.firms, p["exit_gap"], p["exit_rate"], rng
            )
            entrants = turnover.replace(
                s, leaving, self.firms, p["exit_gap"], p["spinoff_inheritance"], rng
            )

        s["step"] = t
        for key, val in timing.items():
            self.timings[key] += val
        clock = time.perf_counter()
        row = self._record(
            t,
            {
                "innovations": int(innovated.sum()),
                "radical_innovations": int(radical.sum()),
                "imitations": int(adopted.sum()),
                "imitators": int((adopted > 0).sum()),
                "congestion_unit_cost": unit_congestion,
                "caught": int(caught.sum()),
                "entrants": entrants,
            },
        )
        self.timings["bookkeeping"] += time.perf_counter() - clock
        return row

    def run(self, steps: int, progress: bool = False) -> SimulationResult:
        """Run ``steps`` steps and return the result (the model can go on afterwards)."""
        steps = check_int("steps", steps, minimum=0)
        iterator = range(steps)
        if progress:
            from tqdm import tqdm

            iterator = tqdm(iterator, desc="simulating", unit="step")
        for _ in iterator:
            self.step()
        return self.result()

    def result(self) -> SimulationResult:
        """The run so far: time series, snapshots, parameters, timings and assumptions."""
        return SimulationResult(
            pd.DataFrame(self._rows), dict(self.snapshots), dict(self.timings), dict(self.params)
        )

    # ------------------------------------------------------------------ bookkeeping
    def _record(self, t: int, extra: dict) -> dict:
        p = self.params
        s = self.state
        k = s["knowledge"][self.firms]
        firms_output = s["output"][self.firms]
        q = s["quality"][self.firms]
        mean_k = k.mean(axis=1) if k.size else np.zeros(0)
        row = {
            "step": t,
            "innovations": extra.get("innovations", 0),
            "radical_innovations": extra.get("radical_innovations", 0),
            "imitations": extra.get("imitations", 0),
            "imitators": extra.get("imitators", 0),
            "knowledge_mean": float(mean_k.mean()) if mean_k.size else np.nan,
            "knowledge_variance": float(mean_k.var()) if mean_k.size else np.nan,
            "knowledge_gini": gini(mean_k) if mean_k.size else np.nan,
        }
        for d in range(k.shape[1]):
            row[f"knowledge_mean_{d}"] = float(k[:, d].mean()) if k.size else np.nan
            row[f"knowledge_var_{d}"] = float(k[:, d].var()) if k.size else np.nan
            row[f"knowledge_gini_{d}"] = gini(k[:, d]) if k.size else np.nan
        members = self.member >= 0
        row.update(
            {
                "contributors_share": float(s["contribute"][members].mean())
                if members.any()
                else np.nan,
                "platform_funding": float(s["platform_output"].sum()),
                "high_quality_share": float(q.mean()) if q.size else np.nan,
                "reputation": float(s["reputation"]),
                "mean_margin": float(np.average(s["margin"][self.firms], weights=firms_output))
                if firms_output.sum() > 0
                else np.nan,
                "total_output": float(firms_output.sum()),
                "congestion_unit_cost": extra.get("congestion_unit_cost", 0.0),
                "caught": extra.get("caught", 0),
                "entrants": extra.get("entrants", 0),
                # the readiness component, by the same definition (measures.free_riding_exposure)
                "knowledge_tie_share": self._knowledge_tie_share,
                "free_riding_exposure": free_riding_exposure(
                    firms_output,
                    self.association_member[self.firms],
                    p["certification"],
                ),
                "technology_readiness": np.nan,
                "brand_readiness": np.nan,
            }
        )
        if p["measure_every"] and t % p["measure_every"] == 0:
            row["technology_readiness"], row["brand_readiness"] = self._readiness()
        if p["snapshot_every"] and t % p["snapshot_every"] == 0:
            self.snapshots[t] = {
                "knowledge": s["knowledge"].copy(),
                "quality": s["quality"].copy(),
                "output": s["output"].copy(),
            }
        self._rows.append(row)
        return row

    def _readiness(self) -> tuple[float, float]:
        from clusternet.measures import upgrading_readiness

        s = self.state
        quality = np.where(self.firms, s["quality"], np.nan)
        capability = np.clip(
            s["knowledge"].mean(axis=1) / max(float(s["knowledge"].max()), 1e-12), 0, 1
        )
        view = self.net.with_actor_columns(
            quality=quality,
            absorptive_capacity=np.where(
                self.firms, np.maximum(self.absorptive, capability), np.nan
            ),
            size=np.where(self.firms, s["output"], np.nan),
        )
        r = upgrading_readiness(view, seed=self._seed % (2**31))
        return r.technology, r.brand


def simulate_upgrading(
    net: ClusterNetwork,
    steps: int,
    seed=None,
    scenario: Scenario | str | None = None,
    progress: bool = False,
    **params,
) -> SimulationResult:
    """Run the upgrading simulation for ``steps`` steps: a thin loop over :class:`UpgradingModel`.

    Same ``seed`` ⇒ identical results on any number of threads. See
    ``docs/dynamics.md`` for the equations, the order of updates and the
    parameter table.

    References
    ----------
    Cowan, R., & Jonard, N. (2004). Network structure and the diffusion of
    knowledge. *JEDC* 28:1557–1575. Tirole, J. (1996). A theory of collective
    reputations. *RES* 63:1–22. Winfree, J. A., & McCluskey, J. J. (2005).
    Collective reputation and quality. *AJAE* 87:206–213. Tassey, G. (2005).
    Underinvestment in public good technologies. *J. Technology Transfer* 30:89–113.
    """
    return UpgradingModel(net, seed=seed, scenario=scenario, **params).run(steps, progress=progress)
