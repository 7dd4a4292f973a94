"""The upgrading model's structural levers and snapshots, on a cluster listed by hand.

Eight firms of known sizes, a university inside the cluster and one outside it: the
levers' new ties are checked against the rule written out (which actors may receive
them, how many, which firms the attracted leader ties to); snapshots against the steps
``snapshot_every`` names. The fast selection of ``tools/mutants.py d_model``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clusternet as cn

FIRMS = [f"f{i}" for i in range(8)]
SIZES = [5.0, 1.0, 9.0, 3.0, 7.0, 2.0, 8.0, 4.0]


def _net(
    external_uni: bool = True, with_inside_uni: bool = True, order: list[str] | None = None
) -> cn.ClusterNetwork:
    """The cluster; ``order``: the actors' storage order (default: the firms, then u_in, u_out)."""
    ids = [*FIRMS, "u_in", "u_out"]
    roles = ["producer"] * 8 + ["university", "university"]
    actors = pd.DataFrame(
        {
            "id": ids,
            "role": roles,
            "size": [*SIZES, np.nan, np.nan],
            "external": [False] * 8 + [not with_inside_uni, external_uni],
        }
    )
    if order is not None:
        actors = actors.set_index("id").loc[order].reset_index()
    edges = pd.DataFrame(
        {
            "source": ["f0", "f1", "f2", "f3", "f4", "f5", "f6"],
            "target": ["f1", "f2", "f3", "f4", "f5", "f6", "f7"],
            "layer": ["transaction"] * 7,
        }
    )
    return cn.ClusterNetwork.from_edges(edges, actors, layers=["transaction", "technology"])


def _tech_ties(net: cn.ClusterNetwork) -> set[tuple[str, str]]:
    e = net.edge_table()
    e = e[e["layer"] == "technology"]
    return set(zip(e["source"].astype(str), e["target"].astype(str), strict=True))


def _partners(edges: pd.DataFrame, who, layer: str) -> list:
    e = edges[edges["layer"] == layer]
    return [*e[e["source"] == who]["target"], *e[e["target"] == who]["source"]]


@pytest.mark.parametrize("k", [1, 5, 8, 20])
def test_new_university_ties_go_from_distinct_core_firms_to_the_inside_university(k):
    net = _net()
    assert net.tier_mask("core").sum() == 8 and net.tier_mask("external").sum() == 1
    model = cn.UpgradingModel(net, seed=3, new_university_ties=k)
    new = _tech_ties(model.net) - _tech_ties(net)
    assert len(new) == min(k, 8)  # at most one tie per firm (drawn without replacement)
    assert {s for s, _ in new} <= set(FIRMS)
    assert {t for _, t in new} == {"u_in"}  # never the external university


def test_new_university_ties_without_a_university_inside_are_refused():
    net = _net(with_inside_uni=False)
    with pytest.raises(ValueError, match="new_university_ties needs a university inside"):
        cn.UpgradingModel(net, seed=1, new_university_ties=2)
    # zero new ties: nothing to place, no university needed
    assert _tech_ties(cn.UpgradingModel(net, seed=1).net) == set()


@pytest.mark.parametrize("ties", [1, 3])
def test_the_attracted_leader_ties_to_the_largest_core_firms(ties):
    net = _net()
    model = cn.UpgradingModel(net, seed=1, attract_external_leader=True, leader_ties=ties)
    g = model.net
    assert g.n_actors == net.n_actors + 1
    assert g.ids[-1] == "external-leader" and g.actors["tier"].iloc[-1] == "external"
    largest = [FIRMS[i] for i in np.argsort(-np.asarray(SIZES))[:ties]]
    e = g.edge_table()  # undirected layers: either end may be listed first
    assert sorted(_partners(e, "external-leader", "technology")) == sorted(largest)
    assert sorted(_partners(e, "external-leader", "transaction")) == sorted(largest)
    # every earlier tie is kept
    assert len(e) == net.n_edges + 2 * ties


@pytest.mark.parametrize("ties", [1, 7])
def test_a_core_firm_of_unknown_size_is_the_attracted_leaders_last_choice(ties):
    # sizes recorded in thousands of employees (all below 1) and f3's unknown (NaN): the
    # unknown size ranks below every recorded one, as a size of 0
    sizes = np.array([0.5, 0.1, 0.9, np.nan, 0.7, 0.2, 0.8, 0.4, np.nan, np.nan])
    net = _net().with_actor_columns(size=sizes)
    g = cn.UpgradingModel(net, seed=1, attract_external_leader=True, leader_ties=ties).net
    order = ["f2", "f6", "f4", "f0", "f7", "f5", "f1"]  # by recorded size, f3 last
    partners = _partners(g.edge_table(), "external-leader", "technology")
    assert sorted(partners) == sorted(order[:ties])


def test_the_attracted_leader_of_integer_ids_takes_the_next_id():
    actors = pd.DataFrame({"id": [0, 1, 2, 7], "role": ["producer"] * 4, "size": [1.0, 4, 2, 3]})
    edges = pd.DataFrame({"source": [0, 1], "target": [1, 2], "layer": ["technology"] * 2})
    net = cn.ClusterNetwork.from_edges(edges, actors)
    g = cn.UpgradingModel(net, seed=1, attract_external_leader=True, leader_ties=2).net
    assert g.ids.tolist() == [0, 1, 2, 7, 8]
    assert sorted(_partners(g.edge_table(), 8, "technology")) == [1, 7]


@pytest.mark.parametrize("every", [2, 3])
def test_snapshots_are_taken_at_the_multiples_of_snapshot_every(every):
    model = cn.UpgradingModel(_net(), seed=2, snapshot_every=every)
    res = model.run(7)
    assert sorted(res.snapshots) == list(range(0, 8, every))
    last = max(res.snapshots)
    if last == 7:
        np.testing.assert_array_equal(res.snapshots[7]["knowledge"], model.state.knowledge)
    assert cn.UpgradingModel(_net(), seed=2).run(3).snapshots == {}


def test_the_attracted_leader_brings_its_capabilities_only_where_the_network_records_them():
    net = _net()
    cols = {"absorptive_capacity": 0.3, "rd_intensity": 0.02, "quality": 0.0}
    rich = net.with_actor_columns(**{c: np.full(net.n_actors, v) for c, v in cols.items()})
    model = cn.UpgradingModel(rich, seed=1, attract_external_leader=True, leader_ties=2)
    for c, leader in (("absorptive_capacity", 1.0), ("rd_intensity", 0.1), ("quality", 1.0)):
        values = np.asarray(model.net.column(c), float)
        assert values[-1] == leader and (values[:-1] == cols[c]).all(), c
    # a network without these columns gets none: the model's documented defaults apply
    bare = cn.UpgradingModel(net, seed=1, attract_external_leader=True, leader_ties=2)
    assert not any(bare.net.has_column(c) for c in cols)
    assert "no 'absorptive_capacity' column" in bare.assumptions["absorptive_capacity"]


def test_new_university_ties_are_drawn_by_absorptive_capacity():
    # weights: 0 for f0-f4 (never drawn), 1 for f5 and f6, unknown (NaN: 0.5) for f7; the
    # non-core actors' values are never read
    a = np.array([0, 0, 0, 0, 0, 1, 1, np.nan, 0, 0], float)
    net = _net().with_actor_columns(absorptive_capacity=a)
    for seed in range(3):
        model = cn.UpgradingModel(net, seed=seed, new_university_ties=3)
        new = _tech_ties(model.net) - _tech_ties(net)
        assert {s for s, _ in new} == {"f5", "f6", "f7"}


def test_the_attracted_leader_starts_beyond_the_frontier():
    model = cn.UpgradingModel(_net(), seed=1, attract_external_leader=True, leader_ties=2)
    k = model.state.knowledge
    assert (k[-1] == 1.5).all()  # the leader
    assert (k[-3:-1] == 1.0).all()  # the two universities: the frontier
    assert ((k[:8] >= 0.2) & (k[:8] <= 0.8)).all()  # firms: 0.2 + 0.6 a u, a = 0.5 here
    assert (k[:8] <= 0.2 + 0.6 * 0.5).all()


def test_given_initial_knowledge_is_used_as_is_and_checked():
    net = _net()
    dims = cn.UpgradingModel(net, seed=1).state.knowledge.shape[1]
    k0 = np.arange(net.n_actors * dims, dtype=float).reshape(net.n_actors, dims) / 100
    model = cn.UpgradingModel(net, seed=1, knowledge0=k0)
    np.testing.assert_array_equal(model.state.knowledge, k0)
    with pytest.raises(ValueError, match=r"knowledge0 has shape \(10, 1\), expected \(10, "):
        cn.UpgradingModel(net, seed=1, knowledge0=np.zeros((10, 1)))
    for bad in (-1e-9, np.nan, np.inf):
        k1 = k0.copy()
        k1[3, 0] = bad
        with pytest.raises(ValueError, match="knowledge0 must be finite and >= 0"):
            cn.UpgradingModel(net, seed=1, knowledge0=k1)


@pytest.mark.parametrize(
    ("order", "block"),
    [([*FIRMS, "u_in", "u_out"], (0, 8)), (["u_in", *FIRMS, "u_out"], (1, 9)),
     (["u_in", "u_out", *FIRMS], (2, 10)), ([*FIRMS[:3], "u_in", *FIRMS[3:], "u_out"], None),
     (["f0", "u_in", "u_out", *FIRMS[1:]], None)],
)  # fmt: skip
def test_firm_rows_is_the_firms_block_of_rows_and_reporters_read_it_without_a_copy(order, block):
    """Issue 30 (held-out seed 2029): ``firm_rows`` is the slice of the firms' rows when
    they are one block of consecutive rows (the generator's layout), else None; the
    reporters' knowledge matrix is then a view of the state's (documented: no copy).

    The block is found by hand from the storage order: the positions of ``f*`` ids.
    """
    from clusternet.dynamics.reporters import View

    net = _net(order=order)
    assert list(net.ids) == order
    rows = [i for i, x in enumerate(order) if x.startswith("f")]
    consecutive = rows == list(range(rows[0], rows[-1] + 1))
    assert consecutive == (block is not None)
    model = cn.UpgradingModel(net, seed=4)
    assert model.firm_rows == (slice(*block) if block else None)
    k = View(model, None).k
    np.testing.assert_array_equal(k, model.state.knowledge[rows])
    assert np.shares_memory(k, model.state.knowledge) == consecutive


def test_readiness_reads_uniform_knowledge_as_full_capability_despite_rounding():
    """With every firm's knowledge 0.1 in three domains each firm's capability, its mean
    over its largest, is 1 — but the float mean of (0.1, 0.1, 0.1) is one ulp above 0.1, so
    the ratio is 1.0000000000000002 and only the clip to [0, 1] keeps the absorptive
    capacity readiness reads a valid share (held-out seed 2035: a clip to [0, 2] raised;
    a referee's case). Readiness then equals that of the cluster with every firm's
    absorptive capacity 1, computed here without the model."""
    from clusternet.measures import upgrading_readiness

    net = cn.generate_cluster(30, seed=1)
    model = cn.UpgradingModel(net, seed=1, domains=3, knowledge0=np.full((net.n_actors, 3), 0.1))
    assert np.full((1, 3), 0.1).mean(axis=1)[0] / 0.1 > 1.0  # the rounding at stake
    firms = model.firms
    view = net.with_actor_columns(
        quality=np.where(firms, model.state["quality"], np.nan),
        absorptive_capacity=np.where(firms, 1.0, np.nan),
        size=np.where(firms, model.state["output"], np.nan),
    )
    want = upgrading_readiness(view, seed=model.draw_seed % (2**31))
    assert model.readiness() == (want.technology, want.brand)


def test_timings_are_the_seconds_each_mechanism_took_within_the_runs_wall_time():
    """``timings`` adds, per mechanism and for the bookkeeping, the time each call took
    (held-out seed 2042: adding the clock's reading instead of the elapsed time passed every
    test). Every entry is non-negative and together they fit in the run's wall time."""
    import time

    model = cn.UpgradingModel(cn.generate_cluster(60, seed=2), seed=1)
    start = time.perf_counter()
    res = model.run(3)
    wall = time.perf_counter() - start
    assert set(res.timings) == {*cn.dynamics.MECHANISMS, "bookkeeping"}
    assert all(v >= 0 for v in res.timings.values())
    assert 0 < sum(res.timings.values()) <= wall


def test_the_attracted_leader_keeps_a_self_loop_of_the_network():
    # a firm's tie to itself (own-account trade, allowed when the network was built with
    # allow_self_loops) survives the rebuild that adds the leader: the lever must not refuse
    # or drop it
    base = _net().edge_table()
    loop = pd.DataFrame(
        {"source": ["f2"], "target": ["f2"], "layer": ["transaction"], "weight": [1.0]}
    )
    edges = pd.concat([base, loop], ignore_index=True)
    net = cn.ClusterNetwork.from_edges(
        edges, _net().actors, layers=["transaction", "technology"], allow_self_loops=True
    )
    g = cn.UpgradingModel(net, seed=1, attract_external_leader=True, leader_ties=2).net
    e = g.edge_table()
    loops = e[e["source"] == e["target"]]
    assert loops[["source", "target", "layer"]].values.tolist() == [["f2", "f2", "transaction"]]
    assert len(e) == net.n_edges + 4


def test_a_network_without_quality_starts_half_its_firms_at_high_quality():
    """Seed 2046 (dynamics/model.py L142, the default initial quality 0.5 -> 1.5): without
    a ``quality`` column each firm starts at high quality with probability 0.5 (the
    documented default), recorded as an assumption. 400 firms: the share lies within
    0.5 +- 4 binomial standard deviations (0.4-0.6); at 1.5 every firm would start high."""
    n = 400
    edges = pd.DataFrame({"source": np.arange(n - 1), "target": np.arange(1, n)})
    net = cn.ClusterNetwork.from_edges(edges)
    assert not net.has_column("quality")
    model = cn.UpgradingModel(net, seed=4)
    assert model.assumptions["quality"] == "no 'quality' column: every actor uses 0.5"
    share = float(model.state.quality[model.firms].mean())
    assert abs(share - 0.5) <= 4 * np.sqrt(0.25 / n)


@pytest.mark.parametrize("seed", [11, np.random.SeedSequence(5, spawn_key=(2,))])
def test_an_outside_mechanisms_step_generator_is_the_documented_stream(seed):
    """Seed 2050, dynamics/model.py L27 (the step stream's key 0x5757 -> 0x5758): no
    built-in mechanism draws from ``ctx.rng``, so only an appended mechanism sees it.
    StepContext documents the stream (default_rng of the run's seed sequence with
    spawn key ``(*spawn_key, 0x5757, t)``); the draws are rebuilt here from that
    formula with numpy alone."""
    from clusternet.dynamics.mechanisms import Mechanism

    seen: list[tuple[int, np.ndarray]] = []

    class Draw(Mechanism):
        name = "outside_draw"

        def __call__(self, model, ctx) -> None:
            seen.append((ctx.t, ctx.rng.random(3)))

    model = cn.UpgradingModel(_net(), seed=seed)
    model.mechanisms.append(Draw())
    model.timings["outside_draw"] = 0.0
    for _ in range(3):
        model.step()
    ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    assert [t for t, _ in seen] == [1, 2, 3]
    for t, got in seen:
        child = np.random.SeedSequence(
            ss.entropy, spawn_key=(*ss.spawn_key, 0x5757, t), pool_size=ss.pool_size
        )
        np.testing.assert_array_equal(got, np.random.default_rng(child).random(3))


def test_rival_imitation_has_one_probability_per_competition_tie():
    """Seed 2050, dynamics/model.py L199 (``np.zeros(0)`` -> ``np.zeros(1)``): without a
    competition layer the empty competition CSR held one index, and
    ``model.rival_imitation`` (set by ``build_knowledge_operators``; one probability per
    competition entry, :func:`clusternet.dynamics.market.rival_imitation`) had one entry
    for a tie that does not exist (round 30's referee). The reference is the number of
    stored entries of the layer's symmetric CSR, counted by scipy: 0 without the layer."""
    net = cn.generate_cluster(40, seed=3)
    with_layer = cn.UpgradingModel(net, seed=2)
    ties = net.csr("competition", direction="both").nnz
    assert ties > 0 and with_layer.rival_imitation.shape == (ties,)
    without = net.subnetwork(layers=[layer for layer in net.layers if layer != "competition"])
    model = cn.UpgradingModel(without, seed=2)
    assert model.rival_imitation.shape == (0,)
    assert model.comp[1].shape == (0,) and not model.comp[0].any()
