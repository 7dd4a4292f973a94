"""Calibrating the generator to an observed network (clusternet.calibrate) and interwoven layers."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet.calibrate import fit_generator, observed_moments

LAZEGA_MAP = {"advice": "technology", "cowork": "transaction", "friendship": "social"}


def _undirected(net, layer):
    g = nx.Graph()
    g.add_nodes_from(range(net.n_actors))
    src, dst, lay, _ = net.edge_arrays
    m = (lay == net.layers.index(layer)) & (src != dst)
    g.add_edges_from(zip(src[m].tolist(), dst[m].tolist(), strict=True))
    return g


def test_observed_moments_match_networkx():
    net = cn.datasets.load_lazega_lawfirm()
    m = observed_moments(net, LAZEGA_MAP)
    graphs = {target: _undirected(net, observed) for observed, target in LAZEGA_MAP.items()}
    for target, g in graphs.items():
        deg = np.array([d for _, d in g.degree()], float)
        assert m[f"{target}:mean_degree"] == pytest.approx(deg.mean())
        assert m[f"{target}:degree_cv"] == pytest.approx(deg.std() / deg.mean())
        assert m[f"{target}:transitivity"] == pytest.approx(nx.transitivity(g))
    a, b = graphs["transaction"], graphs["technology"]
    shared = sum(1 for u, v in a.edges() if b.has_edge(u, v))
    assert m["transaction&technology:overlap"] == pytest.approx(
        shared / min(a.number_of_edges(), b.number_of_edges())
    )


def test_generator_layers_are_interwoven_and_embedding_moves_the_overlap():
    def overlap(**params):
        net = cn.generate_cluster(1500, seed=7, **params)
        keys = {k: k for k in ("transaction", "technology", "social")}
        return observed_moments(net, keys, net.tier_mask("core"))

    default = overlap()
    # defaults in the range of surveyed networks (CKM: 0.28-0.56 pairwise), not independent
    for pair in ("transaction&social", "transaction&technology", "technology&social"):
        assert 0.2 <= default[f"{pair}:overlap"] <= 0.6, pair
    independent = overlap(social_transaction=0.0, transaction_technology=0.0, social_technology=0.0)
    for pair in ("transaction&social", "transaction&technology", "technology&social"):
        assert independent[f"{pair}:overlap"] < 0.05
        assert default[f"{pair}:overlap"] > 5 * independent[f"{pair}:overlap"]
    strong = overlap(social_transaction=0.9)
    assert strong["transaction&social:overlap"] > default["transaction&social:overlap"] + 0.2
    with pytest.raises(ValueError, match="transaction_technology \\+ social_technology"):
        cn.generate_cluster(50, transaction_technology=0.8, social_technology=0.3)


def test_generate_cluster_does_not_consume_a_callers_seed_sequence():
    ss = np.random.SeedSequence(5)
    a = cn.generate_cluster(200, seed=ss)
    b = cn.generate_cluster(200, seed=ss)
    np.testing.assert_array_equal(a.edge_arrays[0], b.edge_arrays[0])


# slow: with the two other fits below, 47 % of the suite's time (`make test-all` runs it)
@pytest.mark.slow
def test_fit_recovers_known_parameters_within_their_intervals():
    truth = {
        "transaction_degree": 4.0,
        "social_degree": 6.0,
        "social_closure": 0.5,
        "transaction_technology": 0.4,
    }
    observed = cn.generate_cluster(200, seed=11, **truth)
    fit = fit_generator(
        observed, params=list(truth), seed=3, n_sims=4, bootstrap=8, maxiter=1, design=12
    )
    est = fit.estimates.set_index("parameter")
    covered = [est.loc[k, "low"] <= v <= est.loc[k, "high"] for k, v in truth.items()]
    assert sum(covered) >= 3, est
    # the estimates are close where intervals are informative
    assert est.loc["transaction_degree", "estimate"] == pytest.approx(4.0, rel=0.35)
    assert est.loc["social_degree", "estimate"] == pytest.approx(6.0, rel=0.35)
    assert fit.fit["inside"].mean() >= 0.7
    assert fit.simulations > 0 and fit.evaluations > 0
    bigger = fit.generate(2000, seed=1)
    m_small = observed_moments(observed, {"social": "social"}, observed.tier_mask("core"))
    m_big = observed_moments(bigger, {"social": "social"}, bigger.tier_mask("core"))
    # scale-up keeps the mean degree (density falls ten-fold)
    assert m_big["social:mean_degree"] == pytest.approx(m_small["social:mean_degree"], rel=0.3)


def test_fit_bad_input_is_named():
    net = cn.datasets.load_lazega_lawfirm()
    with pytest.raises(ValueError, match="'cowork'.*'trade'"):
        fit_generator(net, layer_map={"cowork": "trade"})
    with pytest.raises(ValueError, match="'kinship'"):
        fit_generator(net, layer_map={"kinship": "social"})
    with pytest.raises(ValueError, match="bounds of social_degree"):
        fit_generator(net, layer_map=LAZEGA_MAP, params={"social_degree": (-1, 5)})
    with pytest.raises(ValueError, match="cannot be identified"):
        fit_generator(
            net,
            layer_map={"friendship": "social"},
            params=["social_degree", "social_closure", "social_long_range", "social_scale_km"],
            moments=["social:mean_degree", "social:transitivity"],
        )
    tiny = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": [0, 1], "target": [1, 2], "layer": ["social", "social"]})
    )
    with pytest.raises(ValueError, match="at least 10"):
        fit_generator(tiny)


@pytest.mark.slow
def test_fit_is_identical_on_one_or_two_workers():
    observed = cn.generate_cluster(120, seed=2)
    kw = dict(
        params=["social_degree", "social_closure"],
        layer_map={"social": "social"},
        seed=4,
        n_sims=3,
        bootstrap=0,
        maxiter=1,
        design=4,
    )
    a = fit_generator(observed, workers=1, **kw)
    b = fit_generator(observed, workers=2, **kw)
    pd.testing.assert_frame_equal(a.estimates, b.estimates)
    pd.testing.assert_frame_equal(a.fit, b.fit)


@pytest.mark.slow
def test_fit_command_line_writes_estimates_report_and_a_scaled_cluster(tmp_path):
    from click.testing import CliRunner

    from clusternet.cli import main

    observed = cn.generate_cluster(120, seed=3)
    observed.save(tmp_path / "obs.npz")
    out = tmp_path / "fit"
    res = CliRunner().invoke(
        main,
        ["fit", str(tmp_path / "obs.npz"), "--layer-map", "social=social", "--param",
         "social_degree", "--sims", "3", "--bootstrap", "0", "--workers", "1", "--scale",
         "500", "--out", str(out), "--json"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    import json

    info = json.loads(res.output)
    assert [e["parameter"] for e in info["estimates"]] == ["social_degree"]
    page = (out / "report.html").read_text()
    assert "id='calibration'" in page and "goodness of fit" in page
    scaled = cn.load(out / "scaled-500.npz")
    assert int(scaled.tier_mask("core").sum()) == 500
    bad = CliRunner().invoke(main, ["fit", str(tmp_path / "obs.npz"), "--layer-map", "social"])
    assert bad.exit_code == 2 and "OBSERVED=GENERATOR" in bad.output
