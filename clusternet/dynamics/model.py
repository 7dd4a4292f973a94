"""The upgrading model: mechanisms composed in a fixed order each step."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from clusternet._validate import check_int, derived_sequence, seed_sequence, show
from clusternet.dynamics import brand, evolution, market, platform
from clusternet.dynamics.draws import KeyedStream, actor_keys
from clusternet.dynamics.imitation import ImitationOperator
from clusternet.dynamics.mechanisms import ORDER, StepContext
from clusternet.dynamics.parameters import Scenario, resolve
from clusternet.dynamics.parameters_technology import DEFAULT_IMITATION, DEFAULT_SPILLOVER
from clusternet.dynamics.reporters import REPORTERS, record
from clusternet.dynamics.result import SimulationResult
from clusternet.dynamics.state import ModelState
from clusternet.economics import leaders
from clusternet.kernels.csr import kernel_arrays
from clusternet.network import ClusterNetwork
from clusternet.spillover import SpilloverModel

# keys of the derived streams (see _validate.derived_sequence): initial state, per-step draws
_INIT_STREAM = 0x1717
_STEP_STREAM = 0x5757

#: Names (and timing keys) of the mechanisms of one step, in order.
MECHANISMS = tuple(cls.name for cls in ORDER)


class UpgradingModel:
    """Discrete-time simulation of technology and brand upgrading in a cluster.

    Each :meth:`~clusternet.UpgradingModel.step` runs, in this order: (0) **training** raises the absorptive
    capacity of the firms tied to training bodies, (1) knowledge **spillover** (the gap
    rule of :mod:`clusternet.spillover`), (2) **innovation** driven by the
    incremental profit in the market among competitors
    (:mod:`clusternet.dynamics.innovation`, :mod:`clusternet.dynamics.market`), (3) **imitation** by
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
    (N, bool), ``joined`` (N, bool: platform members), ``output`` (N), ``margin``
    (N), ``platform_output`` (P), and the
    scalars ``reputation`` and ``step``.

    Missing actor attributes take documented defaults (``assumptions`` lists
    them): absorptive capacity 0.5, R&D intensity 0.01, quality 0.5, size 1.
    Initial knowledge: core firms ``0.2 + 0.6 a_i U(0, 1)`` per domain;
    universities, research institutes, platforms and external actors 1 in every
    domain (the frontier); other institutions 0.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster (it needs core firms).
    seed : int or numpy.random.SeedSequence, optional
        Seed of every draw (keyed by actor and tie identity).
    scenario : Scenario or str, optional
        A bundle of parameter values (a name in :data:`clusternet.dynamics.SCENARIOS`).
    knowledge0 : array_like, optional
        Initial knowledge, actors x domains (finite, >= 0).
    **params
        Model parameters (:data:`clusternet.dynamics.PARAMETERS`), over the scenario's.

    Examples
    --------
    >>> import clusternet as cn
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, scenario="certification")
    >>> model.params["certification"], int(model.firms.sum()), model.state.knowledge.shape
    (0.6, 30, (44, 4))
    >>> row = model.step()
    >>> row["step"], round(row["knowledge_mean"], 3)
    (1, 0.327)
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
        self.draw_seed = int(ss.generate_state(1, dtype=np.uint64)[0])
        self._seed_sequence = ss
        self.assumptions: dict[str, str] = {}
        init_rng = np.random.default_rng(derived_sequence(ss, _INIT_STREAM))
        net = self._apply_structural_levers(net, init_rng)
        self.net = net
        n = net.n_actors
        #: a 64-bit key per actor id: the model's draws are keyed by actor identity
        self.keys = actor_keys(net.ids)
        #: core firms (the mask is fixed: entrants take exiting firms' places)
        self.firms = net.tier_mask("core")
        where = np.flatnonzero(self.firms)
        #: the firms' rows as a slice when they are one block (the generator's layout):
        #: reporters read them as a view instead of copying every step; else None
        self.firm_rows: slice | None = (
            slice(int(where[0]), int(where[-1]) + 1)
            if where.size and where[-1] - where[0] + 1 == where.size
            else None
        )
        if not self.firms.any():
            raise ValueError(
                "net has no core firms (tier 'core'): the upgrading model needs firms to simulate"
            )
        self.mechanisms = [cls() for cls in ORDER]
        self.reporters = list(REPORTERS)
        absorptive = self._column("absorptive_capacity", 0.5)
        rd = self._column("rd_intensity", 0.01)
        size = self._column("size", 1.0)
        quality0 = self._column("quality", 0.5)
        dims = p["domains"]
        if knowledge0 is None:
            k = np.zeros((n, dims))
            # keyed by actor identity: an actor starts the same whoever else is in the network
            init = KeyedStream(self.draw_seed, 0, "init_knowledge", self.keys)
            draws = np.column_stack([init.random(n) for _ in range(dims)])
            k[self.firms] = 0.2 + 0.6 * absorptive[self.firms, None] * draws[self.firms]
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
        member, self.platforms = platform.membership(net, self.firms)
        s = ModelState.empty(n, dims, self.platforms.shape[0])
        s.knowledge = k
        s.absorptive = absorptive
        s.rd = rd
        s.member = member
        quality_draw = KeyedStream(self.draw_seed, 0, "init_quality", self.keys).random(n)
        s.quality = (quality_draw < quality0).astype(np.float64) * self.firms
        if p["cost_dispersion"] > 0:
            # persistent quality-cost types, keyed by actor identity (all 1 without dispersion)
            type_draw = KeyedStream(self.draw_seed, 0, "init_cost_type", self.keys).random(n)
            s.cost_type = np.where(
                self.firms, brand.cost_types(p["cost_dispersion"], type_draw), 1.0
            )
        s.output = np.where(self.firms, size, 0.0)
        # buyers share the region's sales over fixed capacities: the firms' initial sizes
        s.capacity = s.output.copy()
        # entrants start at the scale of the smallest incumbents (entrants are much smaller
        # than incumbents: Dunne, Roberts & Samuelson 1988)
        s.entry_size = float(size[self.firms].min())
        # leading firms with their own brands: the largest leader_share of firms by size
        s.leader[self.firms] = leaders(size[self.firms], p["leader_share"])
        assoc = net.role_mask("association")
        if assoc.any():
            tied = np.asarray(net.csr(direction="both")[:, assoc].sum(axis=1)).ravel() > 0
            s.association_member = tied & self.firms
        # auxiliary roles that act on firms through their ties
        s.trained = self._tied_to("training") & self.firms
        s.financed = self._tied_to("finance") & self.firms
        self.state: ModelState = s
        # who competes with whom (the market of clusternet.dynamics.market)
        comp = net.csr("competition", direction="both") if "competition" in net.layers else None
        self.comp = (
            kernel_arrays(comp)[:2]
            if comp is not None
            else (np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.uint32))
        )
        # each firm's number of rivals (the competition layer does not change in a run)
        self.rivals = market.rival_counts(*self.comp)
        if p["fringe_catch_up"] is not None:  # the lagging fringe starts one step behind the best
            indptr, indices = self.comp
            s.fringe = market.update_fringe(self.ladder_position(), indptr, indices, s.fringe, 1.0)
        self.build_knowledge_operators()
        self.intermediaries = np.flatnonzero(net.role_mask("intermediary"))
        self._frontier_holders = net.role_mask(
            "university", "research_institute", "platform"
        ) | net.tier_mask("external")
        # the local government funds the platforms: no government, no public funding
        self.government_funding = (
            p["platform_funding"] if net.role_mask("government").any() else 0.0
        )
        s.reputation = brand.reputation_update(
            0.0, 0.0, s.quality[self.firms], s.output[self.firms]
        )
        s.reference_reputation = s.reputation
        if p["initial_reputation"] is not None:  # a past buyers remember; the firms are the same
            s.reputation = float(p["initial_reputation"])
        self.timings = dict.fromkeys([m.name for m in self.mechanisms] + ["bookkeeping"], 0.0)
        self._rows: list[dict] = []
        self.snapshots: dict[int, dict] = {}
        self._record(None)

    # ------------------------------------------------------------------ per-actor views
    @property
    def absorptive(self) -> np.ndarray:
        """Absorptive capacity per actor (``state.absorptive``).

        Returns
        -------
        ndarray of float, shape (N,)
            :math:`a_i` in [0, 1]; the state's own array (not a copy).

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> model.absorptive[model.firms][:3].round(3).tolist()
        [0.221, 0.214, 0.205]
        """
        return self.state.absorptive

    @property
    def rd(self) -> np.ndarray:
        """R&D intensity per actor (``state.rd``).

        Returns
        -------
        ndarray of float, shape (N,)
            The state's own array (not a copy).

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> model.rd[model.firms][:3].round(4).tolist()
        [0.0115, 0.0083, 0.0082]
        """
        return self.state.rd

    @property
    def member(self) -> np.ndarray:
        """Platform index per actor, -1 for none (``state.member``).

        Returns
        -------
        ndarray of int, shape (N,)
            The state's own array (not a copy).

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> int((model.member >= 0).sum()), model.platforms.tolist()
        (6, [36, 37])
        """
        return self.state.member

    @property
    def leader(self) -> np.ndarray:
        """Firms that carry their own brand (``state.leader``).

        Returns
        -------
        ndarray of bool, shape (N,)
            The state's own array (not a copy).

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> int(model.leader.sum()), model.params["leader_share"]
        (0, 0.01)
        """
        return self.state.leader

    @property
    def association_member(self) -> np.ndarray:
        """Firms the association monitors (``state.association_member``).

        Returns
        -------
        ndarray of bool, shape (N,)
            The state's own array (not a copy).

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> int(model.association_member.sum()), bool((model.association_member <= model.firms).all())
        (12, True)
        """
        return self.state.association_member

    # ------------------------------------------------------------------ set-up
    def build_knowledge_operators(self) -> None:
        """Spillover and imitation operators and appropriability for the current network.

        Called once when the model is built and again whenever the network changes
        (the ``network`` mechanism); it sets
        ``spillover``, ``imitation``, ``rival_imitation`` and ``knowledge_tie_share``.

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> model.net = model.net.subnetwork(layers=["transaction", "social", "competition"])
        >>> before = round(model.knowledge_tie_share, 3)
        >>> model.build_knowledge_operators()
        >>> before, model.knowledge_tie_share
        (0.299, 0.0)
        """
        p = self.params
        net = self.net
        dims = p["domains"]
        # the network changes only here: its knowledge-tie share is recorded every step
        self.knowledge_tie_share: float = evolution.knowledge_tie_share(net, self.firms)
        rates = p["spillover_rates"] if p["spillover_rates"] is not None else DEFAULT_SPILLOVER
        rates = {name: r for name, r in rates.items() if name in net.layers}
        self.spillover = SpilloverModel(
            net,
            p["tacitness"],
            rates or {net.layers[0]: 0.0},
            self.state.absorptive,
            p["distance_scale"],
            n_domains=dims,
            reuse=getattr(self, "spillover", None),
        )
        imit = p["imitation_rates"] if p["imitation_rates"] is not None else DEFAULT_IMITATION
        self.imitation = ImitationOperator(net, imit)
        # appropriability: the chance that each rival imitates a firm's new product
        # (clusternet.dynamics.market: imitation by rivals erodes the innovator's rent)
        self.rival_imitation = market.rival_imitation(
            self.comp[0],
            self.comp[1],
            self.imitation.indptr,
            self.imitation.indices,
            self.imitation.prob,
        )

    def generic_frontier(self) -> float:
        r"""``F_0``: the generic knowledge of the frontier holders.

        The frontier holders are universities, research institutes, platforms and
        external actors; the firms' best where there are none.

        Returns
        -------
        float
            :math:`F_0 = \max_{j \in \text{frontier}} K_{j0}`.

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> model.generic_frontier()
        1.0
        """
        k0 = self.state.knowledge[:, 0]
        if self._frontier_holders.any():
            return float(k0[self._frontier_holders].max())
        return float(k0[self.firms].max())

    def _tied_to(self, *roles: str) -> np.ndarray:
        """Actors with a tie (any layer, either direction) to an actor of ``roles``."""
        target = self.net.role_mask(*roles)
        if not target.any():
            return np.zeros(self.net.n_actors, dtype=bool)
        both = self.net.csr(direction="both")
        return np.asarray(both[:, target].sum(axis=1)).ravel() > 0

    def market_outcome(self) -> market.MarketOutcome:
        """The market among competitors in the current state (``clusternet.dynamics.market.market``).

        Positions are the firms' mean knowledge in ladder steps; rivals are the
        competition layer; each rival imitates with its imitation tie's probability.
        With ``fringe_catch_up`` set, the fringe is the state's lagging fringe and
        the gain anticipates its catch-up.

        Returns
        -------
        MarketOutcome
            Share, Lerner index, rent and gain of innovating per actor.

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> out = model.market_outcome()
        >>> out.share[model.firms][:3].round(3).tolist()
        [0.085, 0.216, 1.0]
        """
        p = self.params
        lagging = p["fringe_catch_up"] is not None
        return market.market(
            self.ladder_position(),
            self.comp[0],
            self.comp[1],
            p["quality_step"],
            p["competition"],
            p["imitation_gap"],
            self.rival_imitation,
            self.state.fringe if lagging else None,
            p["fringe_catch_up"] if lagging else 0.0,
        )

    def ladder_position(self) -> np.ndarray:
        r"""Each actor's position on the quality ladder: mean knowledge / ``ladder_step``.

        Returns
        -------
        numpy.ndarray
            :math:`u_i = \bar K_i / \ell` per actor (``clusternet.dynamics.market``).

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> model.ladder_position()[model.firms][:3].round(2).tolist()
        [19.37, 20.97, 23.01]
        """
        return self.state.knowledge.mean(axis=1) / self.params["ladder_step"]

    def innovation_incentive(self, outcome: market.MarketOutcome | None = None) -> np.ndarray:
        r"""The net incentive :math:`v_i` that scales each firm's innovation hazard.

        :math:`v_i = \max(0, (G_i / \pi_S - c_i) / (1 - c_i))`
        (``clusternet.dynamics.market.innovation_incentive``): the incremental
        profit of innovating in the market among competitors :math:`G_i` (escape
        competition, the Schumpeterian effect and the rent rivals take by imitation),
        in units of a monopolist's gain :math:`\pi_S`, net of the cost
        :math:`c_i = \kappa\,(1 - s\,F_i)` with :math:`\kappa` = ``innovation_cost``,
        :math:`s` = ``finance_share`` and :math:`F_i = 1` when firm :math:`i` is tied
        to finance (else 0): finance shares the cost and risk of innovating
        (C-SUPPORT-1).

        .. math::

            v_i = \max\left(0, \frac{G_i / \pi_S - c_i}{1 - c_i}\right)

        Parameters
        ----------
        outcome : MarketOutcome, optional
            The market (default: :meth:`market_outcome` of the current state).

        Returns
        -------
        numpy.ndarray
            :math:`v_i` per actor, in [0, 1].

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> model.innovation_incentive()[model.firms][:4].round(3).tolist()
        [0.0, 0.0, 1.0, 1.0]
        """
        p = self.params
        if outcome is None:
            outcome = self.market_outcome()
        cost = p["innovation_cost"] * (1.0 - p["finance_share"] * self.state.financed)
        return market.innovation_incentive(outcome.gain, p["quality_step"], cost)

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
        """Advance one step: run every mechanism in order, each under its timer; returns the row.

        Returns
        -------
        dict
            The step's row of the time series (column -> value).

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1, innovation_rate=5.0)
        >>> row = model.step()
        >>> row["step"], row["innovations"], model.state.step
        (1, 20, 1)
        """
        t = self.state.step + 1
        ctx = StepContext(
            t,
            np.random.default_rng(derived_sequence(self._seed_sequence, _STEP_STREAM, t)),
            self.draw_seed,
            self.keys,
        )
        for mechanism in self.mechanisms:
            clock = time.perf_counter()
            mechanism(self, ctx)
            self.timings[mechanism.name] += time.perf_counter() - clock
        self.state.step = t
        clock = time.perf_counter()
        row = self._record(ctx)
        self.timings["bookkeeping"] += time.perf_counter() - clock
        return row

    def run(self, steps: int, progress: bool = False) -> SimulationResult:
        """Run ``steps`` steps and return the result (the model can go on afterwards).

        Parameters
        ----------
        steps : int
            Steps to take (>= 0).
        progress : bool, default False
            Show a tqdm progress bar.

        Returns
        -------
        SimulationResult
            The whole run so far, step 0 included.

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> model.run(2).timeseries["step"].tolist(), model.run(1).timeseries["step"].tolist()
        ([0, 1, 2], [0, 1, 2, 3])
        """
        steps = check_int("steps", steps, minimum=0)
        iterator = range(steps)
        if progress:
            from tqdm import tqdm

            iterator = tqdm(iterator, desc="simulating", unit="step")
        for _ in iterator:
            self.step()
        return self.result()

    def result(self) -> SimulationResult:
        """The run so far: time series, snapshots, parameters, timings and assumptions.

        Returns
        -------
        SimulationResult

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> _ = model.step()
        >>> res = model.result()
        >>> len(res.timeseries), round(float(res.timeseries["reputation"].iloc[-1]), 3)
        (2, 0.678)
        """
        return SimulationResult(
            pd.DataFrame(self._rows), dict(self.snapshots), dict(self.timings), dict(self.params)
        )

    # ------------------------------------------------------------------ bookkeeping
    def _record(self, ctx: StepContext | None) -> dict:
        row = record(self, ctx)
        p = self.params
        t = row["step"]
        if p["snapshot_every"] and t % p["snapshot_every"] == 0:
            s = self.state
            self.snapshots[t] = {
                "knowledge": s.knowledge.copy(),
                "quality": s.quality.copy(),
                "output": s.output.copy(),
            }
        self._rows.append(row)
        return row

    def readiness(self) -> tuple[float, float]:
        """Technology and brand readiness of the cluster in its current state.

        Returns
        -------
        (float, float)
            Technology and brand readiness (:func:`clusternet.measures.upgrading_readiness`)
            of a view of the network carrying the model's quality, capability and output.

        Examples
        --------
        >>> import clusternet as cn
        >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
        >>> [round(x, 3) for x in model.readiness()]
        [0.358, 0.395]
        """
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
        r = upgrading_readiness(view, seed=self.draw_seed % (2**31))
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

    Degenerate cases (docs/degenerate.md): a network without core firms is
    refused with a ValueError naming it; ``steps`` 0 returns the initial state
    only; parameters outside their documented bounds are refused by name.

    References
    ----------
    Cowan, R., & Jonard, N. (2004). Network structure and the diffusion of
    knowledge. *JEDC* 28:1557–1575. Tirole, J. (1996). A theory of collective
    reputations. *RES* 63:1–22. Winfree, J. A., & McCluskey, J. J. (2005).
    Collective reputation and quality. *AJAE* 87:206–213. Tassey, G. (2005).
    Underinvestment in public good technologies. *J. Technology Transfer* 30:89–113.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    steps : int
        Steps to run.
    seed : int, optional
        Seed of every draw.
    scenario : Scenario or str, optional
        A bundle of parameter values.
    progress : bool, default False
        Show a progress bar.
    **params
        Model parameters (:data:`clusternet.dynamics.PARAMETERS`).

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.generate_cluster(30, seed=1)
    >>> a = simulate_upgrading(net, 2, seed=1, scenario="certification")
    >>> b = simulate_upgrading(net, 2, seed=1, certification=0.6)
    >>> a.timeseries.equals(b.timeseries), a.timeseries.shape
    (True, (3, 40))
    """
    return UpgradingModel(net, seed=seed, scenario=scenario, **params).run(steps, progress=progress)
