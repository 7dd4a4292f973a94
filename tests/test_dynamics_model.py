"""The model's shape (typed state, mechanisms, reporters), common random numbers, mended defects."""

import dataclasses

import numpy as np
import pytest

import clusternet as cn
from clusternet.dynamics import turnover
from clusternet.dynamics.draws import KeyedStream, actor_keys, tie_keys
from clusternet.dynamics.imitation import ImitationOperator
from clusternet.dynamics.state import ModelState
from clusternet.economics import high_quality_share

FROZEN = {  # knowledge does not move: only the choices of quality and contributions do
    "innovation_rate": 0.0,
    "spillover_rates": {},
    "imitation_rates": {},
    "platform_knowledge": 0.0,
    "network_every": 0,
}


@pytest.fixture(scope="module")
def net():
    return cn.generate_cluster(300, seed=21)


def test_every_per_actor_field_declares_its_entrant_rule():
    rules = ModelState.per_actor_fields()
    assert set(rules.values()) <= {"inherit", "inherit_scaled", "entry", "place", "draw"}
    for f in dataclasses.fields(ModelState):
        assert "meaning" in f.metadata, f.name
    s = ModelState.empty(4, 2, 1)
    for name, rule in rules.items():
        assert s[name].shape[0] == 4, name
        if rule == "entry":
            s.entry_value(name)  # raises KeyError for a field without an entry value


def test_turnover_resets_every_per_firm_field(net):
    """Regression: entrants kept the exiting firm's absorptive capacity, R&D, output,
    leader status and memberships."""
    model = cn.UpgradingModel(net, seed=3, **FROZEN)
    s = model.state
    firms = model.firms
    n = net.n_actors
    mean_k = s.knowledge.mean(axis=1)
    slot = int(np.flatnonzero(firms)[np.argmin(mean_k[firms])])
    # make the exiting firm distinctive in every field
    s.absorptive[slot], s.rd[slot], s.output[slot], s.margin[slot] = 0.01, 0.9, 777.0, 5.0
    s.leader[slot] = s.association_member[slot] = s.contribute[slot] = True
    s.member[slot] = 0
    s.last_innovation[slot] = 2.0
    leaving = np.zeros(n, dtype=bool)
    leaving[slot] = True
    rng = np.random.default_rng(0)
    before = {name: s[name].copy() for name in ModelState.per_actor_fields()}
    assert turnover.replace(s, leaving, firms, 0.6, 0.8, rng) == 1
    parent = np.flatnonzero(
        np.isclose(
            s.knowledge[slot] / np.where(before["knowledge"] > 0, before["knowledge"], 1), 0.8
        ).all(axis=1)
    )
    assert parent.size >= 1
    p = parent[0]
    assert s.absorptive[slot] == before["absorptive"][p]
    assert s.rd[slot] == before["rd"][p]
    assert s.quality[slot] == before["quality"][p]
    assert s.output[slot] == s.entry_size == net.column("size")[firms].min()
    assert s.margin[slot] == 0.0 and s.last_innovation[slot] == -np.inf
    assert not (s.leader[slot] or s.contribute[slot])
    assert not s.joined[slot]  # membership is a choice the entrant makes anew
    assert s.member[slot] == before["member"][slot]  # its catchment: the premises' ties
    assert s.trained[slot] == before["trained"][slot]  # ties stay with the premises
    # association membership follows the ties, as for incumbents: the premises keep it
    assert s.association_member[slot] == before["association_member"][slot]
    others = ~leaving
    for name in ModelState.per_actor_fields():
        np.testing.assert_array_equal(s[name][others], before[name][others], err_msg=name)


def test_keyed_draws_do_not_depend_on_position_or_other_actors():
    keys = actor_keys(np.array([5, 9, 2, 7]))
    a = KeyedStream(1, 3, "brand", keys)
    b = KeyedStream(1, 3, "brand", keys[::-1])
    first_a, first_b = a.random(4), b.random(4)
    np.testing.assert_array_equal(first_a, first_b[::-1])
    assert not np.array_equal(a.random(4), first_a)  # the second call is a new draw
    assert not np.array_equal(KeyedStream(1, 3, "platform", keys).random(4), first_a)
    assert not np.array_equal(KeyedStream(1, 4, "brand", keys).random(4), first_a)
    u = KeyedStream(2, 1, "x", actor_keys(np.arange(200_000))).random(200_000)
    assert abs(u.mean() - 0.5) < 4 * np.sqrt(1 / 12 / u.size)
    t = tie_keys(keys[:2], keys[2:])
    assert t[0] != tie_keys(keys[2:3], keys[:1])[0]  # a tie's key depends on its direction


def test_arms_without_platforms_share_every_other_draw(net):
    """Regression: platform draws existed only where platforms did, so removing the
    platforms shifted the brand's draws. Now the brand's choices are identical."""
    keep = ~net.role_mask("platform", "research_institute")
    assert (~keep).any()
    without = net.subnetwork(keep)
    a = cn.UpgradingModel(net, seed=5, **FROZEN)
    b = cn.UpgradingModel(without, seed=5, **FROZEN)
    ids_a = net.ids[a.firms]
    ids_b = without.ids[b.firms]
    np.testing.assert_array_equal(ids_a, ids_b)
    np.testing.assert_array_equal(a.state.knowledge[a.firms], b.state.knowledge[b.firms])
    for _ in range(4):
        a.step()
        b.step()
        np.testing.assert_array_equal(a.state.quality[a.firms], b.state.quality[b.firms])
    # the platform game ran in a (firms joined) and not in b
    assert a.state.joined.any() and not (b.state.joined.any() or b.state.contribute.any())


def test_imitation_draws_keyed_by_tie_not_storage(net):
    """Regression: imitation draws were keyed by CSR position, so removing a layer
    changed the draws of the ties of every other layer."""
    n = net.n_actors
    rates = {"technology": 0.3, "transaction": 0.3, "social": 0.3}
    op_all = ImitationOperator(net, rates)
    sub = net.subnetwork(layers=[x for x in net.layers if x != "social"])
    op_sub = ImitationOperator(sub, rates)
    rng = np.random.default_rng(1)
    k = rng.random((n, 2))
    innovated = rng.random(n) < 0.5
    domain = np.where(innovated, 0, -1)
    keys = actor_keys(net.ids)
    out_a, _ = op_all.step(k, innovated, domain, 0.5, 9, 4, keys)
    out_b, _ = op_sub.step(k, innovated, domain, 0.5, 9, 4, keys)
    # the social layer carries imitation here, so the two operators differ in their
    # stored ties; actors without a social tie must still draw exactly the same
    # (position-keyed draws would shift for every row after the first social tie)
    edges = net.edges
    social = edges["layer"].to_numpy() == net.layers.index("social")
    touched = np.zeros(n, dtype=bool)
    touched[edges["source"].to_numpy()[social]] = True
    touched[edges["target"].to_numpy()[social]] = True
    assert touched.any() and (~touched).sum() > 10
    assert not np.array_equal(out_a[touched], out_b[touched])
    np.testing.assert_array_equal(out_a[~touched], out_b[~touched])


def test_imitation_happens_at_the_rate_of_its_probabilities():
    """Kills the mutant 'imitation probabilities negated so imitation never happens'
    (issue 30 #26): a star whose centre innovates is imitated by a Binomial(n, p)
    number of leaves, each closing exactly imitation_gap of its gap."""
    import pandas as pd

    leaves = 4000
    edges = pd.DataFrame({"source": 0, "target": np.arange(1, leaves + 1), "layer": "technology"})
    star = cn.ClusterNetwork.from_edges(edges, directed={"technology": True})
    op = ImitationOperator(star, {"technology": 0.3})
    np.testing.assert_allclose(op.prob, 0.3)
    k = np.zeros((leaves + 1, 1))
    k[0, 0] = 1.0
    innovated = np.zeros(leaves + 1, dtype=bool)
    innovated[0] = True
    domain = np.where(innovated, 0, -1)
    out, adopted = op.step(k, innovated, domain, 0.25, 3, 1, actor_keys(star.ids))
    count = int(adopted.sum())
    sd = np.sqrt(leaves * 0.3 * 0.7)
    assert abs(count - 0.3 * leaves) < 4 * sd
    np.testing.assert_allclose(out[1:, 0][adopted[1:] > 0], 0.25)
    assert (out[1:, 0][adopted[1:] == 0] == 0).all()


def test_simulation_imitates_when_rates_are_positive(net):
    res = cn.simulate_upgrading(
        net, 10, seed=2, innovation_rate=0.2, imitation_rates={"technology": 1.0}
    )
    assert res.timeseries["imitations"].sum() > 0
    none = cn.simulate_upgrading(net, 10, seed=2, innovation_rate=0.2, imitation_rates={})
    assert none.timeseries["imitations"].sum() == 0


def test_growth_with_a_large_premium_stays_finite(net):
    """Regression (issue 30 #5): growth=1, premium=100 overflowed to inf and NaN."""
    ts = cn.simulate_upgrading(net, 300, seed=1, growth=1.0, premium=100.0, **FROZEN).timeseries
    numeric = ts.drop(columns=["technology_readiness", "brand_readiness"])
    # documented: the Samuelson benchmark is of a step's contribution choice, none at step 0
    assert numeric[["samuelson_return", "provision_shortfall"]].iloc[0].isna().all()
    assert np.isfinite(numeric.iloc[1:].to_numpy(dtype=float)).all()


def test_network_without_core_firms_is_refused():
    """Regression (issue 30 #6): all-NaN series instead of an error."""
    import pandas as pd

    actors = pd.DataFrame({"id": [1, 2], "role": ["university", "government"]})
    edges = pd.DataFrame({"source": [1], "target": [2], "layer": "social"})
    g = cn.ClusterNetwork.from_edges(edges, actors=actors)
    with pytest.raises(ValueError, match="no core firms"):
        cn.simulate_upgrading(g, 3, seed=1)


def test_high_quality_share_has_one_definition(net):
    """Regression: readiness counted quality >= 0.7, the simulation the mean of its
    Bernoulli draws. economics.high_quality_share is the one definition: the recorded
    column is it, and on the attribute it is the expectation of the initial column."""
    model = cn.UpgradingModel(net, seed=1, **FROZEN)
    row0 = model.result().timeseries.iloc[0]
    assert row0["high_quality_share"] == high_quality_share(model.state.quality[model.firms])
    attr = net.column("quality")[model.firms]
    shares = [
        cn.UpgradingModel(net, seed=s, **FROZEN).result().timeseries["high_quality_share"].iloc[0]
        for s in range(30)
    ]
    se = np.sqrt(np.sum(attr * (1 - attr))) / attr.size
    assert abs(np.mean(shares) - high_quality_share(attr)) < 4 * se / np.sqrt(30) + 1e-12


def test_every_parameter_has_a_source_or_an_assumed_mark_and_the_page_is_current():
    from pathlib import Path

    from clusternet.dynamics.parameters import OPT_IN, PARAMETERS, PLAUSIBLE
    from clusternet.params import markdown_table

    for name, spec in PARAMETERS.items():
        assert spec.source, name
        if spec.plausible is None:
            # only switches, policy levers, bookkeeping, counterfactual switches (on in the
            # model) and the platform's unit of account go without a plausible range
            assert spec.source.startswith(
                (
                    "policy lever",
                    "bookkeeping",
                    "off by default",
                    "switched off",
                    "no limit",
                    "counterfactual switch",
                )
            ) or spec.source.startswith("assumed: the unit of account"), name
            continue
        lo, hi = spec.plausible
        if spec.kind is dict:  # a range for every layer's rate
            assert 0 <= lo < hi <= 1, name
            continue
        assert spec.low <= lo < hi <= spec.high, name
        # an opt-in channel may be off (None) by default; any other default lies in its range
        assert (spec.default is None and name in OPT_IN) or lo <= spec.default <= hi, name
        assert (name in PLAUSIBLE) == (spec.kind is float and name not in OPT_IN), name
        if name in PLAUSIBLE:
            assert PLAUSIBLE[name] == spec.plausible
    page = Path(__file__).resolve().parents[1] / "docs" / "parameters.md"
    expected = markdown_table(PARAMETERS, "Parameters of the upgrading model")
    assert page.read_text(encoding="utf-8") == expected, (
        "docs/parameters.md is out of date: run python -m clusternet.dynamics.parameters"
    )


def test_imitation_step_uses_the_keys_it_is_given():
    """Issue 30 (a sampled mutant ignoring ``keys`` survived): without keys the draws are
    keyed by position, exactly as with ``keys = arange(n)``; with other keys the draws of
    the same ties change (a star of 200 leaves at p = 1/2: the chance that two independent
    key sets pick the same imitators is 2**-200)."""
    import pandas as pd

    leaves = 200
    edges = pd.DataFrame({"source": 0, "target": np.arange(1, leaves + 1), "layer": "technology"})
    star = cn.ClusterNetwork.from_edges(edges, directed={"technology": True})
    op = ImitationOperator(star, {"technology": 0.5})
    k = np.zeros((leaves + 1, 1))
    k[0, 0] = 1.0
    innovated = np.zeros(leaves + 1, dtype=bool)
    innovated[0] = True
    domain = np.where(innovated, 0, -1)
    _, default = op.step(k, innovated, domain, 0.25, 3, 1)
    _, by_position = op.step(
        k, innovated, domain, 0.25, 3, 1, np.arange(leaves + 1, dtype=np.uint64)
    )
    _, by_id = op.step(k, innovated, domain, 0.25, 3, 1, actor_keys(star.ids))
    np.testing.assert_array_equal(default, by_position)
    assert 0 < default.sum() < leaves and 0 < by_id.sum() < leaves
    assert not np.array_equal(default, by_id)


@pytest.mark.parametrize("directed", [True, False])
def test_imitation_flows_both_ways_only_on_undirected_layers(directed):
    """Issue 30 (a sampled mutant swapping directed and undirected layers survived): at
    imitation probability 1, a tie 0 -> 1 lets 1 imitate 0 always, and 0 imitate 1 only
    where the layer is undirected."""
    import pandas as pd

    edges = pd.DataFrame({"source": [0], "target": [1], "layer": ["technology"]})
    pair = cn.ClusterNetwork.from_edges(edges, directed={"technology": directed})
    op = ImitationOperator(pair, {"technology": 1.0})
    for innovator, imitator in ((0, 1), (1, 0)):
        k = np.zeros((2, 1))
        k[innovator, 0] = 1.0
        innovated = np.arange(2) == innovator
        domain = np.where(innovated, 0, -1)
        out, adopted = op.step(k, innovated, domain, 0.5, 3, 1)
        flows = imitator == 1 or not directed
        assert adopted.tolist() == [int(flows and imitator == 0), int(flows and imitator == 1)]
        assert out[imitator, 0] == (0.5 if flows else 0.0)


def test_integer_beyond_float64_is_refused_by_name():
    """Issue 30 (fuzz): ``agglomeration=10**23`` (a ``--set`` value read as a Python int)
    gave numpy's "ufunc 'isfinite' not supported for the input types"."""
    net = cn.generate_cluster(2, seed=1)
    for value in (10**23, 10**400, -(10**23)):
        with pytest.raises(ValueError, match=r"agglomeration must lie in \[0.0, 10.0\]"):
            cn.UpgradingModel(net, seed=1, agglomeration=value)
    with pytest.raises(ValueError, match=r"memory must lie in \[1, 1000\]"):
        cn.UpgradingModel(net, seed=1, memory=10**23)
    assert cn.UpgradingModel(net, seed=1, agglomeration=10).params["agglomeration"] == 10.0


def test_a_layer_rate_name_sets_one_layer_and_keeps_the_others():
    from clusternet.dynamics.parameters import expand_layer_rates, split_layer_rate

    assert split_layer_rate("spillover_rates.social") == ("spillover_rates", "social")
    assert split_layer_rate("premium") is None
    out = expand_layer_rates({"imitation_rates.technology": 0.35, "premium": 0.4})
    # the documented defaults (docs/parameters.md), written out, not read from the module
    assert out == {
        "premium": 0.4,
        "imitation_rates": {"technology": 0.35, "transaction": 0.1, "social": 0.1},
    }
    # a given dict is the base, and two layers of the same dict combine
    given = {"imitation_rates": {"technology": 0.3}, "imitation_rates.social": 0.05}
    assert expand_layer_rates(given) == {"imitation_rates": {"technology": 0.3, "social": 0.05}}
    assert given["imitation_rates"] == {"technology": 0.3}  # not mutated
    for bad in ("premium.technology", "imitation_rates.", "no_such.social"):
        with pytest.raises(ValueError, match="not a layer-rate name"):
            split_layer_rate(bad)
