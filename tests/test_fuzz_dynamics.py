"""Fuzz: the upgrading simulation on tiny clusters with parameters at the ends of their
documented bounds: finite series, shares in [0, 1], no RuntimeWarning, same seed, same run."""

import math
import warnings

import numpy as np
import pytest
from fuzz_strategies import PROFILES, fuzz
from hypothesis import strategies as st

import clusternet as cn
from clusternet.dynamics import PARAMETERS

#: columns that are shares or scores in [0, 1]
SHARES = (
    "contributors_share",
    "members_share",
    "high_quality_share",
    "reputation",
    "free_riding_exposure",
    "technology_readiness",
    "brand_readiness",
)
#: numeric parameters with documented bounds, drawn at a bound (the fuzz's edges)
BOUNDED = sorted(
    name
    for name, p in PARAMETERS.items()
    if p.kind in (int, float) and p.low is not None and p.high is not None
)
#: the bookkeeping switches whose upper ends only cost time (a round per step is enough)
CAPPED = {
    "new_university_ties": 20,
    "leader_ties": 20,
    "network_every": 1,
    "measure_every": 1,
    "snapshot_every": 1,
    "domains": 8,
    "memory": 1000,
    "candidates": 1000,
}


def edge_value(name: str, end: str):
    p = PARAMETERS[name]
    value = p.low if end == "low" else p.high
    if end == "high" and name in CAPPED:
        value = CAPPED[name]
    if end == "just_inside":  # just inside the interval, off the exact ends
        value = p.low + (p.high - p.low) * 1e-12 if p.kind is float else p.low
    return p.kind(value)


@st.composite
def runs(draw):
    n = draw(st.integers(2, 5))
    seed = draw(st.integers(0, 2**16))
    names = draw(st.lists(st.sampled_from(BOUNDED), min_size=1, max_size=8, unique=True))
    ends = st.sampled_from(["low", "high", "just_inside"])
    params = {name: edge_value(name, draw(ends)) for name in names}
    return n, seed, params, draw(st.integers(1, 4))


def firm_knowledge_ties(net) -> int:
    """Technology and transaction ties between two core firms (knowledge_tie_share's base)."""
    src, dst, lay, _ = net.edge_arrays
    core = net.tier_mask("core")
    codes = [net.layers.index(x) for x in ("technology", "transaction") if x in net.layers]
    return int(np.sum(core[src] & core[dst] & np.isin(lay, codes)))


def check_series(ts, steps: int, params: dict, catchment: bool, ties: int) -> None:
    assert len(ts) == steps + 1 and ts["step"].tolist() == list(range(steps + 1))
    undefined = ["technology_readiness", "brand_readiness"]
    if not catchment:  # documented: shares of an empty platform catchment are NaN
        shares = [
            "contributors_share",
            "members_share",
            "platform_output_per_firm",
            "samuelson_return",
            "provision_shortfall",
        ]
        assert ts[shares].isna().all().all()
        undefined += shares
    else:  # documented: the benchmark of a step's contribution choice, none at step 0
        benchmark = ts[["samuelson_return", "provision_shortfall"]]
        assert benchmark.iloc[0].isna().all() and np.isfinite(benchmark.iloc[1:]).all().all()
        assert (benchmark.iloc[1:] >= 0).all().all()
        undefined += ["samuelson_return", "provision_shortfall"]
    # documented: NaN while no two firms share a technology or transaction tie (the network
    # mechanism may add or remove ties, so only the initial row is known here)
    assert np.isnan(ts["knowledge_tie_share"].iloc[0]) == (ties == 0)
    undefined.append("knowledge_tie_share")
    share = ts["knowledge_tie_share"].dropna()
    assert ((share >= 0) & (share <= 1)).all()
    table = ts.drop(columns=undefined)
    values = table.to_numpy(dtype=float)
    assert np.isfinite(values).all(), table.columns[~np.isfinite(values).all(axis=0)].tolist()
    measured = params.get("measure_every", 0) > 0
    for col in SHARES:
        if col in undefined and not col.endswith("_readiness"):
            continue
        x = ts[col].to_numpy(dtype=float)
        if col.endswith("_readiness") and not measured:
            assert np.isnan(x).all()  # documented: not measured unless measure_every > 0
            continue
        x = x[~np.isnan(x)] if col.endswith("_readiness") else x
        assert ((x >= 0) & (x <= 1)).all(), (col, x)
    assert (ts["total_output"] >= 0).all() and (ts["innovations"] >= 0).all()
    k = ts.filter(regex=r"^knowledge_(mean|gini)").to_numpy()
    assert (k >= 0).all()


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_simulation_at_the_edges_of_the_parameter_bounds(examples):
    def check(case):
        n, seed, params, steps = case
        net = cn.generate_cluster(n, seed=seed)
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # overflow / invalid -> fail
            model = cn.UpgradingModel(net, seed=seed, **params)
            catchment = bool((model.state.member >= 0).any())
            a = model.run(steps)
        check_series(a.timeseries, steps, params, catchment, firm_knowledge_ties(net))
        b = cn.simulate_upgrading(net, steps, seed=seed, **params)
        assert a.timeseries.equals(b.timeseries)

    fuzz(examples, runs(), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_model_refuses_values_outside_the_bounds_by_name(examples):
    def check(case):
        name, bad = case
        p = PARAMETERS[name]
        value = {
            "below": p.low - (1 if p.kind is int else abs(p.low) * 0.5 + 1e-3),
            "above": p.high + (1 if p.kind is int else abs(p.high) * 0.5 + 1e-3),
            "nan": math.nan,
            "inf": math.inf,
            "text": "x",
        }[bad]
        with pytest.raises((ValueError, TypeError)) as err:
            cn.UpgradingModel(cn.generate_cluster(2, seed=1), seed=1, **{name: value})
        assert name in str(err.value)

    bads = st.sampled_from(["below", "above", "nan", "inf", "text"])
    fuzz(examples, st.tuples(st.sampled_from(BOUNDED), bads), check)
