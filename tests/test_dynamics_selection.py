"""The selection channel of reputation persistence (issue 26): exit and entry that read margins.

``exit_rule="margin"`` (a firm whose unit margin is below ``outside_margin`` exits
at ``exit_rate``; spin-offs of the firms with positive margins take its place) and
the quality-cost types (``cost_dispersion``; an entrant draws a fresh type keyed by
its premises). The tests check the mechanism's own limits against references
written out here: a run of an older commit (the step hash), hand-computed exits
and parents, the same draws under another storage order.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from scipy import stats

import clusternet as cn
from clusternet.dynamics import brand, turnover
from clusternet.dynamics.draws import KeyedStream, actor_keys
from clusternet.dynamics.mechanisms import StepContext
from clusternet.dynamics.mechanisms.turnover import Turnover
from clusternet.dynamics.state import ModelState

FROZEN = {  # knowledge does not move; governance and market size held fixed
    "innovation_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
    "network_every": 0,
    "leader_share": 0.0,
    "agglomeration": 0.0,
}


class _Draws:
    """Hands out the given uniforms, one array per ``random(n)`` call."""

    def __init__(self, *arrays):
        self.arrays = [np.asarray(a, dtype=float) for a in arrays]

    def random(self, n):
        out = self.arrays.pop(0)
        assert out.shape == (n,)
        return out


def _run(net, steps, seed=3, r0=None, **params):
    model = cn.UpgradingModel(net, seed=seed, **FROZEN, **params)
    if r0 is not None:
        model.state.reputation = r0
    rows = [model.step() for _ in range(steps)]
    return model, rows


def test_exit_rate_zero_changes_nothing_whatever_the_rule():
    """At exit_rate 0 the margin rule and its outside option are never read: the time
    series equals the default run's column by column (and with types on, the knowledge
    rule's); the state's types stay the initial draw."""
    net = cn.generate_cluster(30, seed=2)
    base = cn.UpgradingModel(net, seed=5, **FROZEN).run(12).timeseries
    margin = (
        cn.UpgradingModel(net, seed=5, exit_rule="margin", outside_margin=0.05, **FROZEN)
        .run(12)
        .timeseries
    )
    assert base.equals(margin)
    typed = {"cost_dispersion": 0.4, **FROZEN}
    a = cn.UpgradingModel(net, seed=5, exit_rule="margin", outside_margin=0.05, **typed)
    b = cn.UpgradingModel(net, seed=5, **typed)
    types0 = a.state.cost_type.copy()
    assert a.run(12).timeseries.equals(b.run(12).timeseries)
    np.testing.assert_array_equal(a.state.cost_type, types0)
    # the types do enter the quality choice: the typed run differs from the untyped one
    assert not cn.UpgradingModel(net, seed=5, **typed).run(12).timeseries.equals(base)


def test_knowledge_rule_and_zero_dispersion_reproduce_the_older_commits_run():
    """Naming today's rule and no dispersion explicitly reproduces the recorded run of main
    before the selection channel existed (tests/test_kernels_step.py, exit_rate 0.1)."""
    from test_kernels_step import ALL_ON, MAIN_HASH, _run_hash

    model = cn.UpgradingModel(
        cn.generate_cluster(60, seed=5),
        seed=11,
        **ALL_ON,
        name_withdrawal=0,
        exit_rule="knowledge",
        cost_dispersion=0.0,
    )
    digest, ts = _run_hash(model, 10)
    assert sum(ts["entrants"]) > 0 and digest == MAIN_HASH
    assert (model.state.cost_type == 1.0).all()


def test_without_a_premium_the_reputation_moves_no_margin_and_selects_nobody():
    """With P = 0 (and buyers' demand not reading the reputation) margins are the same
    whatever the reputation, so runs from R_0 0.1 and 0.9 see the same exits in the same
    slots; with the default premium the low-reputation run sees more exits (the rule
    does read the margins the reputation moves)."""
    net = cn.generate_cluster(40, seed=5)
    flat = {"premium": 0.0, "reputation_demand": 0.0, "exit_rule": "margin", "exit_rate": 0.3}
    runs = [_run(net, 10, seed=4, r0=r0, cost_dispersion=0.3, **flat) for r0 in (0.1, 0.9)]
    entrants = [[row["entrants"] for row in rows] for _, rows in runs]
    assert sum(entrants[0]) > 0 and entrants[0] == entrants[1]
    np.testing.assert_array_equal(runs[0][0].state.knowledge, runs[1][0].state.knowledge)
    np.testing.assert_array_equal(runs[0][0].state.cost_type, runs[1][0].state.cost_type)
    np.testing.assert_array_equal(runs[0][0].state.quality, runs[1][0].state.quality)
    priced = {"exit_rule": "margin", "exit_rate": 0.3}
    counts = [
        sum(r["entrants"] for r in _run(net, 10, seed=4, r0=r0, **priced)[1]) for r0 in (0.1, 0.9)
    ]
    assert counts[0] > counts[1]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_margin_exits_fall_on_the_lowest_margins_by_brute_force(seed):
    """At exit_rate 1 the leavers are exactly the firms whose margin is below the outside
    option, i.e. the k lowest-margin firms (k found by sorting); at a lower rate each
    leaver is one of them and leaves iff its own uniform is below the rate."""
    rng = np.random.default_rng(seed)
    n = 9
    margin = np.round(rng.normal(0.02, 0.05, n), 3)
    firms = rng.random(n) < 0.8
    outside = 0.01
    got = turnover.margin_exits(margin, firms, outside, 1.0, _Draws(rng.random(n)))
    order = sorted(np.flatnonzero(firms), key=lambda i: margin[i])
    k = sum(margin[i] < outside for i in order)
    assert set(np.flatnonzero(got)) == set(order[:k])
    if k < len(order):
        assert max(margin[got], default=-np.inf) < min(margin[i] for i in order[k:])
    u = rng.random(n)
    some = turnover.margin_exits(margin, firms, outside, 0.4, _Draws(u))
    for i in range(n):
        assert some[i] == (bool(firms[i]) and margin[i] < outside and u[i] < 0.4), i
    assert not turnover.margin_exits(margin, firms, outside, 0.0, _Draws(u)).any()


def test_margin_parents_by_hand_and_the_entrant_copies_its_parent():
    """Parents in proportion to positive margins (a running sum written out), the leaver
    excluded; the spin-off copies the parent's quality and draws its own type."""
    s = ModelState.empty(5, 1, 0)
    s.margin[:] = [-0.2, 0.1, -0.05, 0.3, 0.0]
    s.quality[:] = [1.0, 0.0, 1.0, 1.0, 0.0]
    s.knowledge[:, 0] = [0.5, 1.0, 0.2, 0.4, 0.9]
    s.cost_type[:] = [3.0, 0.5, 1.0, 0.7, 1.2]
    leaving = np.array([True, False, False, False, False])
    firms = np.ones(5, dtype=bool)
    # weights over firms 1..4: 0.1, 0, 0.3, 0 (cumulative 0.1, 0.1, 0.4, 0.4); u = 0.3 ->
    # 0.12 of 0.4: past 0.1, so firm 3
    fresh = {"cost_type": np.array([0.8, 9.0, 9.0, 9.0, 9.0])}
    assert (
        turnover.replace_by_margin(s, leaving, firms, 0.5, _Draws(np.full(5, 0.3)), None, fresh)
        == 1
    )
    assert s.quality[0] == 1.0 and s.knowledge[0, 0] == pytest.approx(0.2)
    assert s.cost_type[0] == 0.8 and s.cost_type[1:].tolist() == [0.5, 1.0, 0.7, 1.2]
    assert s.margin[0] == 0.0
    # u = 0.2 -> 0.08 < 0.1: firm 1 (low quality) is the parent
    s.margin[0] = -0.2
    turnover.replace_by_margin(s, leaving, firms, 0.5, _Draws(np.full(5, 0.2)))
    assert s.quality[0] == 0.0 and s.knowledge[0, 0] == pytest.approx(0.5)
    assert s.cost_type[0] == 1.0  # no fresh draw: the type of identical firms


def test_cost_types_are_lognormal_with_mean_one():
    """Against the lognormal's quantiles: tau = exp(sigma z - sigma^2 / 2)."""
    u = np.array([0.025, 0.5, 0.975])
    sigma = 0.4
    want = stats.lognorm(s=sigma, scale=np.exp(-(sigma**2) / 2)).ppf(u)
    np.testing.assert_allclose(brand.cost_types(sigma, u), want, rtol=1e-12)
    draws = brand.cost_types(
        sigma, KeyedStream(1, 0, "x", actor_keys(np.arange(40_000))).random(40_000)
    )
    assert abs(draws.mean() - 1.0) < 4 * np.sqrt(np.expm1(sigma**2) / draws.size)
    with pytest.raises(ValueError, match="dispersion"):
        brand.cost_types(-0.1, u)


def test_exit_rule_is_checked_by_name():
    net = cn.generate_cluster(5, seed=1)
    with pytest.raises(ValueError, match="exit_rule must be one of knowledge, margin"):
        cn.UpgradingModel(net, exit_rule="profit")
    with pytest.raises(TypeError, match="exit_rule must be a string"):
        cn.UpgradingModel(net, exit_rule=1)
    with pytest.raises(ValueError, match="outside_margin must lie"):
        cn.UpgradingModel(net, outside_margin=2.0)
    with pytest.raises(ValueError, match="cost_dispersion must lie"):
        cn.UpgradingModel(net, cost_dispersion=-1.0)


def _state(n, rng):
    s = ModelState.empty(n, 2, 0)
    s.knowledge[:] = rng.random((n, 2))
    s.quality[:] = (rng.random(n) < 0.5).astype(float)
    s.margin[:] = rng.normal(0.0, 0.1, n)
    s.cost_type[:] = rng.lognormal(0.0, 0.3, n)
    s.absorptive[:] = rng.random(n)
    return s


@pytest.mark.parametrize("seed", [1, 2])
def test_same_seed_same_entrants_whatever_the_storage_order(seed):
    """The Turnover mechanism under the margin rule with types, on the same firms stored in
    another order: the same leavers, parents and fresh types, by actor id. With the
    keys left out of the parent draw (storage-order inverse transform) some entrant
    differs, so the comparison can fail."""
    rng = np.random.default_rng(seed)
    n = 40
    ids = np.arange(500, 500 + n)
    a = _state(n, rng)
    perm = rng.permutation(n)
    params = {
        "exit_rate": 0.6,
        "exit_rule": "margin",
        "outside_margin": 0.0,
        "spinoff_inheritance": 0.8,
        "exit_gap": 0.6,
        "cost_dispersion": 0.5,
    }

    def step(state, order, keyed_parents=True):
        keys = actor_keys(ids[order])
        model = SimpleNamespace(
            params=params,
            state=state,
            firms=np.ones(n, dtype=bool),
            keys=keys if keyed_parents else None,
            spillover=SimpleNamespace(absorptive=None),
        )
        ctx = StepContext(t=2, rng=np.random.default_rng(0), seed=seed, keys=keys)
        Turnover()(model, ctx)
        return ctx.out["entrants"]

    b = ModelState.empty(n, 2, 0)
    for name in ModelState.per_actor_fields():
        b[name] = a[name][perm].copy()
    c = ModelState.empty(n, 2, 0)
    for name in ModelState.per_actor_fields():
        c[name] = a[name][perm].copy()
    assert step(a, np.arange(n)) == step(b, perm) > 0
    inv = np.argsort(perm)
    for name in ("knowledge", "quality", "cost_type", "margin", "absorptive"):
        np.testing.assert_array_equal(a[name], b[name][inv], err_msg=name)
    step(c, perm, keyed_parents=False)
    assert not np.array_equal(a.knowledge, c.knowledge[inv])


@pytest.mark.slow
@pytest.mark.parametrize("outside", [0.0, 0.05])
def test_margin_exits_sort_on_the_cost_type(outside):
    """Selection sorts on the quality-cost type, over the plausible range of the outside
    option (0 and its top, 0.05): the firms that exit have higher types than those that
    stay, with a 95 % t interval over 10 seeds above 0. It could fail: a high-cost firm can
    choose low quality, whose margin carries no quality cost, and then it does not exit.
    Exits are found without the mechanism's own bookkeeping: an entrant draws a fresh
    type, so a slot whose type changed in a step was vacated in it."""
    net = cn.generate_cluster(150, seed=4)
    diffs = []
    for seed in range(10):
        model = cn.UpgradingModel(
            net,
            seed=seed,
            exit_rule="margin",
            exit_rate=0.2,
            cost_dispersion=0.5,
            outside_margin=outside,
        )
        left, stayed = [], []
        for _ in range(40):
            before = model.state.cost_type.copy()
            model.step()
            changed = (model.state.cost_type != before) & model.firms
            left.extend(before[changed])
            stayed.extend(before[model.firms & ~changed])
        assert len(left) >= 5
        diffs.append(np.mean(left) - np.mean(stayed))
    d = np.asarray(diffs)
    half = stats.t.ppf(0.975, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size)
    assert d.mean() - half > 0, (d.mean(), half)


def test_margin_exits_draw_nothing_when_the_exit_rate_is_zero():
    """Round 13 (seed 2030, turnover L110: ``exit_rate <= 0`` -> ``< 0``): with no exit rate
    the rule returns no exit *without drawing*, so a shared generator's next draw is the one
    it would have been (an arm with exits off keeps every later draw of its stream)."""
    from clusternet.dynamics.turnover import margin_exits

    margin = np.array([-0.5, -0.2, 0.3])
    rng = np.random.default_rng(7)
    out = margin_exits(margin, np.ones(3, bool), 0.0, 0.0, rng)
    assert not out.any()
    assert rng.random() == np.random.default_rng(7).random()
    # with a positive rate the rule draws one uniform per actor
    rng = np.random.default_rng(7)
    margin_exits(margin, np.ones(3, bool), 0.0, 0.5, rng)
    reference = np.random.default_rng(7)
    reference.random(3)
    assert rng.random() == reference.random()
