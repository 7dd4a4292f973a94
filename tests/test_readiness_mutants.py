"""Readiness component by component on a cluster small enough to work out by hand.

Five core firms, a platform, an association, a government office, a university
and one outside firm. Every raw component, its normalised value, both wheels, the
overall score and ``explain()`` are checked against values computed by hand from
the definitions in ``docs/measures.md`` (the arithmetic is in the comments); the
cascade at ``cascade_prob=1`` against networkx's BFS on the ties between knowledge
carriers. These are the fast tests ``python tools/mutants.py readiness`` runs
(seconds, where the preset-based readiness tests of ``test_measures.py`` take
minutes).
"""

import itertools
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet import measures as M
from clusternet.measures import readiness as R

FIRMS = ["f0", "f1", "f2", "f3", "f4"]
SIZE = [10.0, 20.0, 30.0, 40.0, 100.0]  # output 200
QUALITY = [0.9, 0.5, 0.2, 0.8, 0.6]
RD = [0.10, 0.02, 0.0, 0.03, 0.05]  # min(rd / 0.05, 1) = 1, 0.4, 0, 0.6, 1
AC = [0.5, 0.3, 0.1, 0.7, 0.2]
CERTIFIED = [1.0, 0.0, 0.5, np.nan, 0.0]  # NaN counts as 0

EDGES = [
    ("plat", "f0", "technology"),
    ("f0", "f1", "technology"),
    ("f1", "f2", "technology"),
    ("assoc", "f3", "service"),
    ("assoc", "f4", "service"),
    ("gov", "f4", "service"),
    ("f0", "f2", "transaction"),
    ("f2", "f0", "transaction"),  # the same partners twice: counted once
    ("f1", "f2", "transaction"),
    ("f2", "f3", "transaction"),
    ("f3", "ext", "transaction"),
    ("f3", "f4", "transaction"),
    ("f4", "f1", "transaction"),
    ("uni", "gov", "social"),  # the government relays no know-how
    ("ext", "f1", "social"),
]


def cluster(edges=EDGES, certified=True, size=SIZE, quality=QUALITY) -> cn.ClusterNetwork:
    actors = pd.DataFrame(
        {
            "id": [*FIRMS, "plat", "assoc", "gov", "uni", "ext"],
            "role": [
                "producer",
                "producer",
                "supplier",
                "customer",
                "producer",
                "platform",
                "association",
                "government",
                "university",
                "producer",
            ],
            "external": [False] * 9 + [True],
            "size": [*size, 1.0, 1.0, 1.0, 1.0, 1.0],
            "quality": [*quality, np.nan, np.nan, np.nan, np.nan, 0.5],
            "rd_intensity": [*RD, 0.0, 0.0, 0.0, 0.0, 0.0],
            "absorptive_capacity": [*AC, 0.0, 0.0, 0.0, 0.0, 0.0],
        }
    )
    if certified:
        actors["certified"] = [*CERTIFIED, np.nan, np.nan, np.nan, np.nan, np.nan]
    layers = sorted({e[2] for e in edges})
    return cn.ClusterNetwork.from_edges(
        {
            "source": [e[0] for e in edges],
            "target": [e[1] for e in edges],
            "layer": [e[2] for e in edges],
        },
        actors=actors,
        layers=layers,
        directed={layer: layer == "transaction" for layer in layers},
    )


#: raw components by hand (core firms f0-f4, output = size, 200 in all)
RAW = {
    # capability 0.5 (min(rd/0.05, 1) + ac) = 0.75, 0.35, 0.05, 0.65, 0.6, size-weighted:
    # (7.5 + 7 + 1.5 + 26 + 60) / 200
    "innovation_capacity": 0.51,
    # the firms' plain mean: (0.5 + 0.3 + 0.1 + 0.7 + 0.2) / 5
    "absorptive_capacity": 0.36,
    # platform -> f0 (1 step) -> f1 (2 steps) -> f2 (3): f0, f1 within 2 steps
    "common_technology_coverage": 0.4,
    # cascade at prob 1 from plat, uni, ext over carriers: f0, f1, f3 at step 1, f2, f4 at
    # step 2; shares 0.6, then 1.0 for steps 2..10: (0.6 + 9) / 10
    "diffusion_speed": 0.96,
    # only f0 is tied to a knowledge organisation (the university only to the government)
    "knowledge_linkage": 0.2,
    # distinct core partners: f0 {f2}, f1 {f2, f4}, f2 {f0, f1, f3}, f3 {f2, f4}, f4 {f3, f1}
    "chain_tightness": 2.0,
    # f1 (social) and f3 (transaction) are tied to the outside firm
    "external_linkage": 0.4,
    # (0.9*10 + 0.5*20 + 0.2*30 + 0.8*40 + 0.6*100) / 200
    "collective_reputation": 0.585,
    "high_quality_share": 0.6,  # mean quality
    # size quantile 0.99 = 40 + 0.96 * 60 = 97.6: only f4, 100 * 0.6 / 200
    "leading_brand_share": 0.3,
    "governance_coverage": 0.4,  # f3, f4 tied to the association
    "certified_share": 0.125,  # (1 * 10 + 0.5 * 30) / 200
    # unmonitored and uncertified output: f1 20 * 1 + f2 30 * 0.5 (f3, f4 monitored) / 200
    "free_riding_exposure": 0.175,
}
#: normalised with the absolute goalposts: chain (0, 8), external (0, 0.5), reputation
#: (0.3, 0.9), leaders (0, 0.5), free riding (0, 1) with direction -1; the rest (0, 1)
NORMALIZED = {
    "innovation_capacity": 0.51,
    "absorptive_capacity": 0.36,
    "common_technology_coverage": 0.4,
    "diffusion_speed": 0.96,
    "knowledge_linkage": 0.2,
    "chain_tightness": 0.25,
    "external_linkage": 0.8,
    "collective_reputation": 0.475,
    "high_quality_share": 0.6,
    "leading_brand_share": 0.6,
    "governance_coverage": 0.4,
    "certified_share": 0.125,
    "free_riding_exposure": 0.825,
}
#: the technology wheel's default weights (docs/measures.md): innovation capacity 0.1,
#: absorptive capacity 0.4, knowledge linkage 0.4, chain tightness 0.1, the rest 0
TECH_WEIGHTS = {
    "innovation_capacity": 0.1,
    "absorptive_capacity": 0.4,
    "common_technology_coverage": 0.0,
    "diffusion_speed": 0.0,
    "knowledge_linkage": 0.4,
    "chain_tightness": 0.1,
    "external_linkage": 0.0,
}
# (0.1 * 0.51 + 0.4 * 0.36 + 0.4 * 0.2 + 0.1 * 0.25) / 1.0 = 0.30
TECHNOLOGY = (0.1 * 0.51 + 0.4 * 0.36 + 0.4 * 0.2 + 0.1 * 0.25) / 1.0
#: equal weights over all seven technology components
TECHNOLOGY_EQUAL = (0.51 + 0.36 + 0.4 + 0.96 + 0.2 + 0.25 + 0.8) / 7
#: the overall geometric mean's default wheel weights (technology, brand)
A, B = 0.7, 0.3
BRAND = (0.475 + 0.6 + 0.4 + 0.6 + 0.125 + 0.825) / 6


@pytest.fixture
def net():
    return cluster()


@pytest.fixture
def ready(net):
    return M.upgrading_readiness(net, cascade_prob=1.0, cascade_realisations=1, seed=1)


def test_every_raw_and_normalised_component_by_hand(ready):
    table = ready.components
    assert list(table.index) == list(M.READINESS_COMPONENTS)
    for name, value in RAW.items():
        assert table.loc[name, "raw"] == pytest.approx(value, abs=1e-12), name
        assert table.loc[name, "normalized"] == pytest.approx(NORMALIZED[name], abs=1e-12), name
    assert table["available"].all() and ready.unavailable == {}
    for name, weight in TECH_WEIGHTS.items():
        assert table.loc[name, "weight"] == weight, name
    assert (table.loc[table["wheel"] == "brand", "weight"] == 1.0).all()
    assert list(table["direction"]) == [1] * 12 + [-1]


def test_wheels_and_overall_by_hand(ready, net):
    assert ready.technology == pytest.approx(TECHNOLOGY, abs=1e-12)
    assert ready.brand == pytest.approx(BRAND, abs=1e-12)
    assert ready.wheel_weights == (A, B)
    assert ready.overall == pytest.approx(TECHNOLOGY**A * BRAND**B, abs=1e-12)
    tilted = M.upgrading_readiness(net, wheel_weights=(3, 1), cascade_prob=1.0, seed=1)
    assert tilted.wheel_weights == (0.75, 0.25)
    assert tilted.overall == pytest.approx(TECHNOLOGY**0.75 * BRAND**0.25, abs=1e-12)
    tech_only = M.upgrading_readiness(net, wheel_weights=(1, 0), cascade_prob=1.0, seed=1)
    assert tech_only.overall == pytest.approx(TECHNOLOGY, abs=1e-12)
    brand_only = M.upgrading_readiness(net, wheel_weights=(0, 2), cascade_prob=1.0, seed=1)
    assert brand_only.overall == pytest.approx(BRAND, abs=1e-12)


def test_weights_are_relative_within_a_wheel_and_zero_leaves_a_component_out(net):
    r = M.upgrading_readiness(
        net,
        weights={"diffusion_speed": 2.0, "certified_share": 0.0},
        cascade_prob=1.0,
        seed=1,
    )
    # diffusion speed's default 0 replaced by 2: (0.051 + 0.144 + 2 * 0.96 + 0.08 + 0.025) / 3.0
    tech = (0.1 * 0.51 + 0.4 * 0.36 + 2 * 0.96 + 0.4 * 0.2 + 0.1 * 0.25) / 3.0
    brand = (0.475 + 0.6 + 0.4 + 0.6 + 0.825) / 5
    assert r.technology == pytest.approx(tech, abs=1e-12)
    assert r.brand == pytest.approx(brand, abs=1e-12)
    assert r.components.loc["certified_share", "raw"] == pytest.approx(0.125)
    equal = M.upgrading_readiness(net, weights="equal", cascade_prob=1.0, seed=1)
    assert equal.technology == pytest.approx(TECHNOLOGY_EQUAL, abs=1e-12)


def test_goalposts_override_and_clip(net):
    r = M.upgrading_readiness(
        net,
        goalposts={"chain_tightness": (1.0, 1.5), "external_linkage": (0.2, 1.0)},
        cascade_prob=1.0,
        seed=1,
    )
    assert r.components.loc["chain_tightness", "normalized"] == 1.0  # 2.0 above the top
    assert r.components.loc["external_linkage", "normalized"] == pytest.approx(0.25)
    assert r.components.loc["chain_tightness", "goalpost_low"] == 1.0
    assert r.components.loc["chain_tightness", "goalpost_high"] == 1.5


@pytest.mark.parametrize(("steps", "share"), [(0, 0.0), (1, 0.2), (2, 0.4), (3, 0.6)])
def test_common_technology_coverage_counts_firms_within_k_steps(net, steps, share):
    r = M.upgrading_readiness(net, coverage_steps=steps, cascade_prob=1.0, seed=1)
    assert r.components.loc["common_technology_coverage", "raw"] == pytest.approx(share)


def test_leaders_at_a_quantile_that_lands_on_a_firm_include_it(net):
    """Quantile 0.5 of the sizes is 30, f2's size: f2, f3 and f4 lead."""
    r = M.upgrading_readiness(net, leader_quantile=0.5, cascade_prob=1.0, seed=1)
    value = (30 * 0.2 + 40 * 0.8 + 100 * 0.6) / 200
    assert r.components.loc["leading_brand_share", "raw"] == pytest.approx(value)


def _carrier_bfs_curve(net, steps):
    """Reference: core firms within t steps of a knowledge holder over carriers (networkx)."""
    g = nx.Graph()
    roles = dict(zip(net.ids, net.column("role"), strict=True))
    tiers = dict(zip(net.ids, net.column("tier"), strict=True))
    carrier = {
        a for a in net.ids if roles[a] in R.KNOWLEDGE_CARRIER_ROLES or tiers[a] == "external"
    }
    g.add_nodes_from(carrier)
    src, dst, _, _ = net.edge_arrays
    for s, t in zip(net.ids[src], net.ids[dst], strict=True):
        if s in carrier and t in carrier:
            g.add_edge(s, t)
    holders = [
        a
        for a in carrier
        if roles[a] in ("university", "research_institute", "platform") or tiers[a] == "external"
    ]
    dist = nx.multi_source_dijkstra_path_length(g, holders)
    core = [a for a in net.ids if tiers[a] == "core"]
    return np.array([sum(dist.get(a, np.inf) <= t for a in core) / len(core) for t in range(steps)])


def test_cascade_at_probability_one_is_breadth_first_reach_over_carriers(ready, net):
    curve = _carrier_bfs_curve(net, R.REACH_HORIZON + 1)
    np.testing.assert_allclose(ready.details["cascade_curve"], curve, atol=1e-12)
    np.testing.assert_allclose(curve[:3], [0.0, 0.6, 1.0])
    # a chain past the horizon: only the first REACH_HORIZON steps count
    chain = [("plat", "f0", "technology")] + [
        (a, b, "technology") for a, b in itertools.pairwise(FIRMS)
    ]
    r = M.upgrading_readiness(cluster(chain), cascade_prob=1.0, cascade_realisations=3, seed=2)
    # f0..f4 at steps 1..5: shares 0.2, 0.4, 0.6, 0.8, then 1.0 for steps 5..10
    assert r.components.loc["diffusion_speed", "raw"] == pytest.approx((2.0 + 6.0) / 10)
    np.testing.assert_allclose(
        r.details["cascade_curve"], _carrier_bfs_curve(cluster(chain), R.REACH_HORIZON + 1)
    )


def test_a_cascade_below_probability_one_reaches_less_and_never_more(net):
    low = M.upgrading_readiness(net, cascade_prob=0.3, cascade_realisations=50, seed=4)
    value = low.components.loc["diffusion_speed", "raw"]
    assert 0.0 < value < 0.96
    curve = low.details["cascade_curve"]
    assert curve[0] == 0.0 and np.all(np.diff(curve) >= 0) and curve[-1] <= 1.0


def test_without_a_certified_column_no_firm_counts_as_certified():
    r = M.upgrading_readiness(cluster(certified=False), cascade_prob=1.0, seed=1)
    assert r.components.loc["certified_share", "raw"] == 0.0
    # f0, f1, f2 unmonitored (10 + 20 + 30), nothing certified
    assert r.components.loc["free_riding_exposure", "raw"] == pytest.approx(60 / 200)


@pytest.mark.parametrize("value", [0.0, 1.0])
def test_certified_at_its_bounds_is_accepted(value):
    net = cluster()
    c = np.asarray(net.column("certified"), float).copy()
    c[0] = value
    r = M.upgrading_readiness(net.with_actor_columns(certified=c), cascade_prob=1.0, seed=1)
    assert r.components.loc["certified_share", "raw"] == pytest.approx((value * 10 + 15) / 200)


@pytest.mark.parametrize("value", [-0.25, 1.25])
def test_certified_outside_the_unit_interval_names_the_actor(value):
    net = cluster()
    c = np.asarray(net.column("certified"), float).copy()
    c[2] = value
    message = re.escape("column 'certified' must lie in [0, 1]; actor 'f2' has ")
    with pytest.raises(ValueError, match=f"^{message}(np.float64\\()?{value!r}\\)?$"):
        M.upgrading_readiness(net.with_actor_columns(certified=c))


def test_wheel_weights_and_counts_at_their_bounds():
    net = cluster()
    r = M.upgrading_readiness(net, cascade_realisations=1, coverage_steps=0, seed=1)
    assert r.components.loc["common_technology_coverage", "raw"] == 0.0
    for bad in [(-1.0, 2.0), (2.0, -1.0), (0.0, 0.0), (np.inf, 1.0), (1.0, np.nan)]:
        with pytest.raises(ValueError, match="wheel_weights must be finite"):
            M.upgrading_readiness(net, wheel_weights=bad)
    with pytest.raises(ValueError, match="wheel_weights must be two numbers"):
        M.upgrading_readiness(net, wheel_weights=("a", 1.0))
    with pytest.raises(ValueError, match=r"weights\['chain_tightness'\]"):
        M.upgrading_readiness(net, weights={"chain_tightness": np.nan})
    with pytest.raises(ValueError, match="goalposts name unknown components"):
        M.upgrading_readiness(net, goalposts={"brand_headroom": (0, 1)})
    with pytest.raises(TypeError, match="needs a ClusterNetwork"):
        M.upgrading_readiness("net")


def test_missing_inputs_are_reported_not_set():
    """No technology/service layer, no transaction layer, no outside firm, no quality."""
    edges = [("uni", "f0", "social"), ("assoc", "f1", "social"), ("f1", "f2", "social")]
    net = cluster(edges)
    r = M.upgrading_readiness(net.subnetwork(net.ids != "ext"), cascade_prob=1.0, seed=1)
    un = r.unavailable
    assert un["common_technology_coverage"] == "no technology or service layer"
    assert un["chain_tightness"] == "no 'transaction' layer"
    assert un["external_linkage"] == "no external actors"
    assert "diffusion_speed" not in un and "knowledge_linkage" not in un
    # knowledge linkage: only f0 (the university); governance: only f1
    assert r.components.loc["knowledge_linkage", "raw"] == pytest.approx(0.2)
    assert r.components.loc["governance_coverage", "raw"] == pytest.approx(0.2)
    for name in un:
        assert np.isnan(r.components.loc[name, "normalized"])
        assert not r.components.loc[name, "available"]
    # the wheel averages only what is available, with its weights: innovation capacity 0.1,
    # absorptive capacity 0.4, knowledge linkage 0.4 (diffusion speed weighs 0)
    assert r.technology == pytest.approx((0.1 * 0.51 + 0.4 * 0.36 + 0.4 * 0.2) / 0.9, abs=1e-12)
    assert "Not available here" in r.explain()


def test_explain_names_the_largest_contribution_gap_and_weaker_wheel(ready):
    text = ready.explain()
    overall = TECHNOLOGY**A * BRAND**B
    assert text.startswith(
        f"Upgrading readiness {overall:.2f} = technology {TECHNOLOGY:.2f}^0.7 x "
        f"brand {BRAND:.2f}^0.3"
    )
    assert "Technology wheel 0.30: largest contribution from absorptive_capacity" in text
    assert "largest gap in knowledge_linkage (raw 0.2 share of firms, score 0.20" in text
    assert "Brand wheel 0.50: largest contribution from free_riding_exposure" in text
    assert "largest gap in certified_share" in text
    assert "The technology wheel limits the overall score most." in text
    assert "Not available here" not in text


def test_outlook_counts_quality_at_the_threshold_as_high(net):
    """Quality >= 0.8: f0 (0.9) and f3 (exactly 0.8), output (10 + 40) / 200."""
    out = M.upgrading_outlook(net, quality_threshold=0.8)
    assert out["high_quality_output"] == pytest.approx(0.25)
    assert out["brand_headroom"] == pytest.approx(out["quality_incentive"] - 0.25)
    assert M.upgrading_outlook(net, quality_threshold=0.85)["high_quality_output"] == (
        pytest.approx(0.05)
    )
    with pytest.raises(ValueError, match="quality_threshold"):
        M.upgrading_outlook(net, quality_threshold=1.5)


def test_a_firm_without_quality_makes_the_quality_components_unavailable():
    quality = list(QUALITY)
    quality[3] = np.nan
    r = M.upgrading_readiness(cluster(quality=quality), cascade_prob=1.0, seed=1)
    reason = "no complete 'quality' column for the firms"
    for name in ("collective_reputation", "high_quality_share", "leading_brand_share"):
        assert r.unavailable[name] == reason
        assert np.isnan(r.components.loc[name, "raw"])
    # the brand wheel is what remains: governance, certified share, free riding
    assert r.brand == pytest.approx((0.4 + 0.125 + 0.825) / 3, abs=1e-12)


def test_explain_without_a_scored_wheel_names_no_weaker_wheel(net):
    brand = [k for k, spec in M.READINESS_COMPONENTS.items() if spec.wheel == "brand"]
    r = M.upgrading_readiness(net, weights=dict.fromkeys(brand, 0.0), cascade_prob=1.0, seed=1)
    assert np.isnan(r.brand) and np.isnan(r.overall)
    assert r.technology == pytest.approx(TECHNOLOGY, abs=1e-12)
    text = r.explain()
    assert text.startswith("Upgrading readiness cannot be scored overall")
    assert "The brand wheel cannot be scored" in text
    assert "limits the overall score most" not in text


def test_sizes_near_float_max_give_the_same_components_as_small_ones(ready):
    """Every size-weighted component is a ratio of sums: invariant to the unit of size.
    Sizes of 1e308 once summed to inf, and the NaN components scored as the best value."""
    huge = M.upgrading_readiness(
        cluster(size=[s * 1e306 for s in SIZE]), cascade_prob=1.0, cascade_realisations=1, seed=1
    )
    np.testing.assert_allclose(
        huge.components["raw"].to_numpy(), ready.components["raw"].to_numpy(), rtol=1e-12
    )
    assert huge.overall == pytest.approx(ready.overall, rel=1e-12)


def test_integer_actor_keys_are_fibonacci_hashing_of_the_ids():
    """Issue 30: integer ids become cascade keys ``id * floor(2^64 / phi) mod 2^64``.

    Knuth's multiplicative (Fibonacci) hashing, TAOCP vol. 3, 6.4: the multiplier is the
    odd integer nearest ``2^64 / phi``, computed here with 40 decimal digits, so the keys
    are a bijection of the ids (an even multiplier would map ``0`` and ``2^63`` together).
    """
    from decimal import Decimal, getcontext

    getcontext().prec = 40
    phi = (1 + Decimal(5).sqrt()) / 2
    step = int(Decimal(2) ** 64 / phi)
    assert step % 2 == 1
    ids = np.array([0, 1, 2, 7, 2**40 + 3, 2**62 + 11], dtype=np.int64)
    net = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": ids[:-1], "target": ids[1:], "layer": "knowledge"}),
        actors=pd.DataFrame({"id": ids, "type": "firm"}),
        layers=["knowledge"],
    )
    keys, multiplier = R._actor_keys(net)
    assert [int(k) for k in keys] == [(int(i) * step) % 2**64 for i in net.ids]
    assert int(multiplier) == 0  # the ids are not the positions 0..N-1
    ids = np.arange(4)
    net = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": ids[:-1], "target": ids[1:], "layer": "knowledge"}),
        actors=pd.DataFrame({"id": ids, "type": "firm"}),
        layers=["knowledge"],
    )
    keys, multiplier = R._actor_keys(net)
    assert int(multiplier) == step  # positions: the kernel computes each key itself
    assert [int(k) for k in keys] == [(i * step) % 2**64 for i in range(4)]


def test_diffusion_speed_needs_both_knowledge_organisations_and_a_cascade_layer(net):
    """Issue 30: the cascade runs only with sources *and* one of the cascade layers.

    Sources without a cascade layer present (``cascade_layers=("knowledge",)``, a layer
    this cluster lacks), and a cascade layer without sources (the university, platform
    and outside firm removed, the social layer kept): each leaves diffusion speed
    unavailable with its own reason, never a reach of 0.
    """
    r = M.upgrading_readiness(net, cascade_prob=1.0, seed=1, cascade_layers=("knowledge",))
    assert r.unavailable["diffusion_speed"] == "none of the cascade layers"
    assert "cascade_curve" not in r.details
    bare = net.subnetwork(~np.isin(net.ids, ["uni", "plat", "ext"]))
    assert "social" in bare.layers and "technology" in bare.layers
    r = M.upgrading_readiness(bare, cascade_prob=1.0, seed=1)
    assert r.unavailable["diffusion_speed"] == (
        "no knowledge organisations (universities, institutes, platforms)"
    )


def test_equal_weights_report_weight_1_for_every_component(net):
    """Round 9, held-out sample (seed 2027, L616): ``weights="equal"`` gives every
    component weight 1 (the docstring's "all 1"), which the components table reports;
    each wheel's score is then the plain mean of its available components."""
    equal = M.upgrading_readiness(net, weights="equal", cascade_prob=1.0, seed=1)
    assert equal.components["weight"].tolist() == [1.0] * len(equal.components)
    tech = equal.components[
        (equal.components["wheel"] == "technology") & equal.components["available"]
    ]
    assert equal.technology == pytest.approx(tech["normalized"].mean(), abs=1e-12)


def test_cascade_reach_of_a_cluster_with_a_single_firm_is_its_share_not_half():
    """One core firm tied to a platform: at probability 1 the platform reaches it at step 1,
    so the reach curve is 0 then 1 and ``diffusion_speed`` is 1 — the curve divides by the
    number of firms, at least one (held-out seed 2035: at least two survived)."""
    actors = pd.DataFrame(
        {
            "id": ["f0", "plat"],
            "role": ["producer", "platform"],
            "external": [False, False],
            "size": [10.0, 1.0],
            "quality": [0.9, np.nan],
            "rd_intensity": [0.1, 0.0],
            "absorptive_capacity": [0.5, 0.0],
        }
    )
    one = cn.ClusterNetwork.from_edges(
        {"source": ["plat"], "target": ["f0"], "layer": ["technology"]},
        actors=actors,
        layers=["technology"],
        directed={"technology": False},
    )
    r = M.upgrading_readiness(one, cascade_prob=1.0, cascade_realisations=2, seed=3)
    curve = r.details["cascade_curve"]
    np.testing.assert_allclose(curve, [0.0] + [1.0] * R.REACH_HORIZON)
    assert r.components.loc["diffusion_speed", "raw"] == pytest.approx(1.0)


@pytest.mark.parametrize("scale", [5e-324, 1e-200, 1e200, 5e307])
def test_weights_are_relative_at_any_scale(net, scale):
    # component and wheel weights enter only as shares: multiplying all of them by one
    # positive number, down to subnormals or up to float max, changes no score and no
    # sentence of explain() (a sum of weights must neither overflow to inf nor underflow;
    # integer multiples of the smallest subnormal, 5e-324, are exact)
    weights = {k: (1.0 + i % 3) for i, k in enumerate(M.READINESS_COMPONENTS)}
    base = M.upgrading_readiness(
        net, cascade_prob=1.0, cascade_realisations=1, seed=1, weights=weights,
        wheel_weights=(3.0, 1.0),
    )  # fmt: skip
    scaled = M.upgrading_readiness(
        net,
        cascade_prob=1.0,
        cascade_realisations=1,
        seed=1,
        weights={k: v * scale for k, v in weights.items()},
        wheel_weights=(3.0 * scale, 1.0 * scale),
    )
    got = [scaled.technology, scaled.brand, scaled.overall]
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, [base.technology, base.brand, base.overall], rtol=1e-12)
    assert scaled.wheel_weights == pytest.approx((0.75, 0.25), rel=1e-12)
    strip = re.compile(r" x brand [0-9.]+\^[0-9.e+-]+|\^[0-9.e+-]+")  # the weights printed
    assert strip.sub("", scaled.explain()) == strip.sub("", base.explain())
