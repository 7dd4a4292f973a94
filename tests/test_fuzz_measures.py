"""Fuzz: upgrading readiness and innovation capacity on tiny and bare clusters with hostile
arguments: scores in [0, 1] (or NaN with the reason in ``unavailable``), readiness and capacity
not lowered when R&D rises, or a ValueError/TypeError naming the argument."""

import functools
import math

import numpy as np
import pytest
from fuzz_strategies import PROBABILITY, PROFILES, WEIGHT, fuzz, named_error, networks
from hypothesis import strategies as st

import clusternet as cn
from clusternet.measures import innovation_capacity, upgrading_readiness

HOSTILE = [-1.0, 1.5, math.nan, math.inf, "x", None]


@functools.cache
def cluster(n: int, seed: int):
    """A generated cluster of ``n`` core firms (cached: the fuzz varies arguments, not seeds)."""
    return cn.generate_cluster(n, seed=seed)


CLUSTERS = st.builds(cluster, st.integers(2, 6), st.integers(0, 3))


def in_unit(x: float) -> bool:
    return 0.0 <= x <= 1.0


def check_readiness(r) -> None:
    for wheel in ("technology", "brand"):
        value = getattr(r, wheel)
        assert in_unit(value) or (math.isnan(value) and r.unavailable), (wheel, value)
    assert in_unit(r.overall) or (math.isnan(r.overall) and r.unavailable)
    comps = r.components
    assert set(comps.index[~comps["available"]]) == set(r.unavailable)
    normalised = comps.loc[comps["available"], "normalized"].to_numpy(dtype=float)
    assert np.isfinite(normalised).all() and ((normalised >= 0) & (normalised <= 1)).all()


@st.composite
def readiness_arguments(draw):
    args = {}
    if draw(st.booleans()):
        args["cascade_prob"] = draw(st.one_of(PROBABILITY, st.sampled_from(HOSTILE)))
    if draw(st.booleans()):
        args["cascade_realisations"] = draw(st.sampled_from([0, 1, 3, -1, 2.5, True]))
    if draw(st.booleans()):
        w = st.sampled_from([0.0, 1e-300, 0.7, 1e300, -1.0, math.nan, math.inf])
        args["wheel_weights"] = draw(st.tuples(w, w))
    if draw(st.booleans()):
        args["coverage_steps"] = draw(st.sampled_from([0, 1, 5, -1, 1.5]))
    if draw(st.booleans()):
        args["leader_quantile"] = draw(st.one_of(PROBABILITY, st.sampled_from(HOSTILE)))
    if draw(st.booleans()):
        args["weights"] = draw(
            st.sampled_from(
                [
                    "equal",
                    {"absorptive_capacity": 0.0},
                    {"absorptive_capacity": 1e300},
                    {"absorptive_capacity": math.nan},
                    {"absorptive_capacity": -1.0},
                    {"no_such_component": 1.0},
                    "unequal",
                ]
            )
        )
    if draw(st.booleans()):
        args["goalposts"] = {
            "chain_tightness": draw(
                st.sampled_from(
                    [(0.0, 1e300), (1e-300, 2e-300), (1.0, 1.0), (2.0, 1.0), (0, math.nan)]
                )
            )
        }
    return args


NAMES = (
    "cascade_prob",
    "cascade_realisations",
    "wheel_weights",
    "coverage_steps",
    "leader_quantile",
    "weights",
    "weight",
    "goalposts",
    "core firms",
)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_readiness_scores_in_unit_interval_or_named_error(examples):
    def check(case):
        net, args = case
        with named_error(*NAMES):
            check_readiness(upgrading_readiness(net, seed=1, **args))

    fuzz(examples, st.tuples(CLUSTERS, readiness_arguments()), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_readiness_on_bare_networks_reports_what_is_unavailable(examples):
    def check(net):
        with named_error("core firms", "role", "tier"):
            check_readiness(upgrading_readiness(net, seed=1, cascade_realisations=2))

    fuzz(examples, networks(), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_readiness_does_not_fall_when_rd_rises(examples):
    def check(case):
        net, factor = case
        base = upgrading_readiness(net, seed=1, cascade_realisations=2)
        rd = net.column("rd_intensity")
        raised = net.with_actor_columns(rd_intensity=rd + (1.0 - rd) * factor)  # NaN stays
        after = upgrading_readiness(raised, seed=1, cascade_realisations=2)
        assert after.technology >= base.technology - 1e-12
        assert after.overall >= base.overall - 1e-12

    fuzz(examples, st.tuples(CLUSTERS, st.sampled_from([0.0, 1e-300, 0.5, 1.0])), check)


@st.composite
def capacity_arguments(draw, n: int):
    args = {}
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["extreme", "nan", "inf", "negative", "no_columns", "shape"]))
        d = draw(st.integers(1, 3))
        k = np.array([[draw(WEIGHT) for _ in range(d)] for _ in range(n)])
        if kind == "nan":
            k[0, 0] = math.nan
        elif kind == "inf":
            k[-1, -1] = math.inf
        elif kind == "negative":
            k[0, 0] = -1.0
        elif kind == "no_columns":
            k = np.zeros((n, 0))
        elif kind == "shape":
            k = np.zeros((n + 1, d))
        args["knowledge"] = k
    if draw(st.booleans()):
        args["firms"] = draw(st.sampled_from(["core", "all", "nobody", None, 1]))
    if draw(st.booleans()):
        args["normalization"] = draw(st.sampled_from(["minmax", "zscore", "rank", "nope"]))
    if draw(st.booleans()):
        args["aggregation"] = draw(
            st.sampled_from(["arithmetic", "geometric", "harmonic", "median"])
        )
    if draw(st.booleans()):
        args["distance_scale"] = draw(
            st.sampled_from([1e-300, 2.0, 1e300, 0.0, -1.0, math.nan, math.inf])
        )
    if draw(st.booleans()):
        args["weights"] = draw(
            st.sampled_from(
                [{"brokerage": 0.0}, {"brokerage": 1e300}, {"brokerage": math.nan}, {"x": 1.0}]
            )
        )
    return args


CAPACITY_NAMES = (
    "knowledge",
    "firms",
    "normalization",
    "method",
    "aggregation",
    "distance_scale",
    "weights",
    "weight",
    "core firms",
)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_capacity_index_in_unit_interval_or_named_error(examples):
    def check(case):
        net, args = case
        with named_error(*CAPACITY_NAMES):
            cap = innovation_capacity(net, **args)
            firms = args.get("firms", "core")
            rows = net.tier_mask("core").sum() if firms == "core" else net.n_actors
            assert len(cap) == rows
            index = cap["index"].to_numpy(dtype=float)
            assert np.isfinite(index).all()
            if args.get("normalization", "minmax") in ("minmax", "rank"):
                assert ((index >= 0) & (index <= 1 + 1e-12)).all()
            raw = cap.drop(columns="index").to_numpy(dtype=float)
            assert np.isfinite(raw).all()

    strategy = CLUSTERS.flatmap(
        lambda net: st.tuples(st.just(net), capacity_arguments(net.n_actors))
    )
    fuzz(examples, strategy, check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_capacity_own_index_does_not_fall_when_own_rd_rises(examples):
    def check(case):
        net, who, factor, aggregation = case
        core = np.flatnonzero(net.tier_mask("core"))
        firm = core[who % core.size]
        base = innovation_capacity(net, aggregation=aggregation)
        rd = net.column("rd_intensity").copy()
        rd[firm] += (1.0 - rd[firm]) * factor  # rd_intensity lies in [0, 1]
        after = innovation_capacity(
            net.with_actor_columns(rd_intensity=rd), aggregation=aggregation
        )
        fid = net.ids[firm]
        assert after.loc[fid, "index"] >= base.loc[fid, "index"] - 1e-12

    aggregations = st.sampled_from(["arithmetic", "geometric", "harmonic"])
    strategy = st.tuples(
        CLUSTERS, st.integers(0, 5), st.sampled_from([0.0, 1e-300, 0.5, 1.0]), aggregations
    )
    fuzz(examples, strategy, check)


@pytest.mark.parametrize("bad", [math.nan, math.inf, 0.0, -1.0])
def test_capacity_distance_scale_must_be_positive_and_finite(bad):
    """Found by the long profile in CI: distance_scale = NaN gave an all-NaN index."""
    net = cn.generate_cluster(60, seed=1)
    with pytest.raises(ValueError, match="distance_scale"):
        innovation_capacity(net, distance_scale=bad)
