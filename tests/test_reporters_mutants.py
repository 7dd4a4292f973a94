"""The model's time series (:mod:`clusternet.dynamics.reporters`) against the state.

A short run with platforms, brand monitoring and readiness every other step; each
step's row is recomputed from a copy of the state taken right after that step, with
numpy and the formulas written out (the Gini coefficient as the mean absolute
difference over twice the mean), never through the reporters. The fast selection
of ``tools/mutants.py d_reporters``.
"""

from __future__ import annotations

import numpy as np
import pytest

import clusternet as cn
from clusternet.dynamics.mechanisms import Mechanism
from clusternet.dynamics.reporters import record
from clusternet.economics import free_riding_exposure


def _gini(x: np.ndarray) -> float:
    x = np.asarray(x, float)
    if x.size == 0 or x.sum() == 0:
        return 0.0
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size**2 * x.mean()))


PARAMS = {
    "innovation_rate": 2.0,
    "monitoring": 0.5,
    "certification": 0.3,
    "measure_every": 2,
}


def _expected(model: cn.UpgradingModel, t: int, out: dict) -> dict:
    s, f = model.state, model.firms
    k = s.knowledge[f]
    mk = k.mean(axis=1)
    y = s.output[f]
    row = {
        "step": t,
        "innovations": int(out["innovated"].sum()) if "innovated" in out else 0,
        "radical_innovations": int(out["radical"].sum()) if "radical" in out else 0,
        "imitations": int(out["adopted"].sum()) if "adopted" in out else 0,
        "imitators": int((out["adopted"] > 0).sum()) if "adopted" in out else 0,
        "knowledge_mean": mk.sum() / mk.size,
        "knowledge_variance": ((mk - mk.mean()) ** 2).sum() / mk.size,
        "knowledge_gini": _gini(mk),
    }
    for d in range(k.shape[1]):
        c = k[:, d]
        row[f"knowledge_mean_{d}"] = c.sum() / c.size
        row[f"knowledge_var_{d}"] = ((c - c.mean()) ** 2).sum() / c.size
        row[f"knowledge_gini_{d}"] = _gini(c)
    catch = s.member >= 0
    row["contributors_share"] = s.contribute[catch].sum() / catch.sum()
    row["members_share"] = s.joined[catch].sum() / catch.sum()
    row["platform_funding"] = s.platform_output.sum()
    row["platform_output_per_firm"] = s.platform_output.sum() / catch.sum()
    row["high_quality_share"] = s.quality[f].sum() / f.sum()
    row["reputation"] = s.reputation
    row["mean_margin"] = (s.margin[f] * y).sum() / y.sum()
    row["mean_lerner"] = s.lerner[f].sum() / f.sum()  # unweighted, as Aghion et al. (2005)
    row["total_output"] = y.sum()
    row["congestion_unit_cost"] = out.get("congestion_unit_cost", 0.0)
    row["caught"] = out.get("caught", 0)
    row["entrants"] = out.get("entrants", 0)
    row["knowledge_tie_share"] = model.knowledge_tie_share
    # the readiness component's own definition (tested in test_economics_mutants.py)
    row["free_riding_exposure"] = free_riding_exposure(
        y, s.association_member[f], model.params["certification"]
    )
    return row


def test_every_column_recomputed_from_the_state_after_each_step():
    net = cn.generate_cluster(60, seed=3)
    model = cn.UpgradingModel(net, seed=5, **PARAMS)
    catch = model.state.member >= 0
    assert 0 < catch.sum() < model.firms.sum()  # some firms outside every catchment
    outs: list[dict] = []

    class Capture(Mechanism):  # last in the step: keeps the step's results
        name = "capture"

        def __call__(self, model, ctx) -> None:
            outs.append(dict(ctx.out))

    model.mechanisms.append(Capture())
    model.timings["capture"] = 0.0
    rows = [record(model, None)]
    want = [_expected(model, 0, {})]
    for _ in range(4):
        rows.append(model.step())
        want.append(_expected(model, model.state.step, outs[-1]))
    assert sum(int(o["innovated"].sum()) for o in outs) > 0
    for got, exp in zip(rows, want, strict=True):
        for name, value in exp.items():
            assert got[name] == pytest.approx(value, rel=1e-12, abs=1e-15), (
                got["step"],
                name,
            )
        # readiness every measure_every = 2 steps (and at step 0), NaN between
        tech, brand = got["technology_readiness"], got["brand_readiness"]
        assert np.isnan(tech) == np.isnan(brand) == (got["step"] % 2 == 1)


def test_every_recorded_column_is_named_on_the_dynamics_page():
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "dynamics.md").read_text()
    out = page[page.index("## Output") :]
    ts = cn.simulate_upgrading(cn.generate_cluster(30, seed=1), 1, seed=1).timeseries
    named = [c for c in ts.columns if not c[-1].isdigit() and c != "step"]
    missing = [c for c in named if f"`{c}`" not in out]
    assert not missing, missing


def test_the_firms_knowledge_view_when_firms_are_not_one_block_of_rows():
    """``View.k`` is the firms' rows of the knowledge matrix: a slice when the firms are
    one block of rows, a fancy-indexed copy when they are interleaved with other actors
    (held-out seed 2032: the two cases swapped, which indexes with None)."""
    from clusternet.dynamics.reporters import View
    from clusternet.locality import local_network

    net, _ = local_network(cn.generate_cluster(40, seed=2), by="space")
    for network in (net, cn.generate_cluster(40, seed=2)):
        model = cn.UpgradingModel(network, seed=3)
        want = model.state.knowledge[np.flatnonzero(model.firms)]
        np.testing.assert_array_equal(View(model, None).k, want)
    assert model.firm_rows is not None
    assert cn.UpgradingModel(net, seed=3).firm_rows is None


def test_sales_columns_of_firms_that_sell_nothing_are_nan_without_a_warning():
    """Firms of size 0 sell nothing: sd / mean of their sales is 0 / 0, recorded as NaN,
    and the output-weighted mean margin has no weight, NaN too; neither divides by the
    zero mean first (held-out seed 2038: ``not mean > 0`` read as ``not mean >= 0``,
    which computes (y / 0).std() with a RuntimeWarning at every step)."""
    import warnings

    net = cn.generate_cluster(30, seed=1)
    net = net.with_actor_columns(size=np.zeros(net.n_actors))
    model = cn.UpgradingModel(net, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = [record(model, None), model.step(), model.step()]
    assert not model.state.output[model.firms].any()
    for row in rows:
        assert row["total_output"] == 0.0
        assert np.isnan(row["sales_cv"]) and np.isnan(row["mean_margin"])
