"""Diffusion against closed forms, brute force, scipy and peer libraries."""

import itertools

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply

import clusternet as cn
from clusternet import diffusion as D


def ring(n, directed=False):
    g = ig.Graph.Ring(n, directed=directed)
    return g


# ---------------------------------------------------------------- heat
@pytest.mark.parametrize("kind", ["combinatorial", "random_walk", "symmetric"])
def test_heat_matches_expm_multiply(kind):
    rng = np.random.default_rng(0)
    g = ig.Graph.Erdos_Renyi(200, m=700, directed=(kind == "random_walk"))
    g.es["weight"] = list(rng.random(g.ecount()) * 2 + 0.1)
    x0 = rng.random(200)
    times = [0.0, 0.3, 1.7, 5.0]
    ours = D.heat(g, x0, times, kind=kind)
    b = D.laplacian(g, kind)
    for k, t in enumerate(times):
        ref = expm_multiply(-t * b, x0)
        np.testing.assert_allclose(ours[k], ref, rtol=1e-8, atol=1e-12 * np.abs(ref).max())


def test_heat_laplacian_definitions():
    g = ig.Graph([(0, 1), (1, 2)], directed=True)
    g.es["weight"] = [2.0, 1.0]
    comb = D.laplacian(g, "combinatorial").toarray()
    np.testing.assert_array_equal(comb, [[2, -2, 0], [-2, 3, -1], [0, -1, 1]])
    rw = D.laplacian(g, "random_walk").toarray()
    np.testing.assert_array_equal(rw, [[1, 0, 0], [-1, 1, 0], [0, -1, 0]])


def test_heat_many_columns_and_mass_conservation():
    rng = np.random.default_rng(1)
    g = ig.Graph.Erdos_Renyi(150, m=400, directed=True)
    x0 = rng.random((150, 3))
    out = D.heat(g, x0, [0.5, 2.0], kind="random_walk")
    np.testing.assert_allclose(
        out.sum(axis=1), np.repeat(x0.sum(axis=0)[None], 2, axis=0), rtol=1e-12
    )
    comb = D.heat(g, x0[:, 0], 3.0)
    assert comb.sum() == pytest.approx(x0[:, 0].sum(), rel=1e-12)
    assert comb.min() >= -1e-12


def test_heat_bad_input():
    g = ring(5)
    with pytest.raises(ValueError, match="shape"):
        D.heat(g, np.ones(4), 1.0)
    with pytest.raises(ValueError, match="times"):
        D.heat(g, np.ones(5), -1.0)
    with pytest.raises(ValueError, match="kind"):
        D.heat(g, np.ones(5), 1.0, kind="magic")


# ---------------------------------------------------------------- knowledge access
def test_knowledge_access_matches_dense_solve():
    net = cn.generate_cluster(300, seed=3)
    x = D.knowledge_access(net)
    a = net.csr(["technology", "service"]).toarray()
    n = net.n_actors
    out = a.sum(axis=1)
    src = net.role_mask("university", "research_institute", "platform") | net.tier_mask("external")
    v = src / src.sum()
    P = np.zeros((n, n))
    nz = out > 0
    P[:, nz] = (a[nz] / out[nz, None]).T
    d = 0.85
    M = np.eye(n) - d * P - d * np.outer(v, ~nz)
    ref = np.linalg.solve(M, (1 - d) * v)
    np.testing.assert_allclose(x, ref, atol=1e-10)
    assert x[src].sum() > x[~src].mean() * src.sum()


def test_knowledge_access_errors():
    with pytest.raises(ValueError, match="no knowledge sources"):
        D.knowledge_access(cn.datasets.load_florentine_families(), layers=["marriage"])
    with pytest.raises(ValueError, match="none of the layers"):
        D.knowledge_access(cn.datasets.load_florentine_families(), sources=[1])


# ---------------------------------------------------------------- cascades
def test_independent_cascade_path_and_star_exact():
    p = 0.6
    path = ig.Graph([(k, k + 1) for k in range(6)], directed=True)
    res = D.independent_cascade(path, [0], p, n_sims=40_000, seed=1)
    exact = p ** np.arange(7)
    se = np.sqrt(exact * (1 - exact) / 40_000)
    assert np.all(np.abs(res.probability - exact) < 5 * se + 1e-12)
    np.testing.assert_allclose(res.curve, np.cumsum(exact), atol=0.02)
    star = ig.Graph.Star(8, mode="out")
    res = D.independent_cascade(star, [0], 0.3, n_sims=40_000, seed=2)
    assert np.all(np.abs(res.probability[1:] - 0.3) < 5 * np.sqrt(0.21 / 40_000))
    # final-size distribution of the star: 1 + Binomial(7, 0.3)
    dist = res.size_distribution()
    from scipy.stats import binom

    for size, share in dist.items():
        assert abs(share - binom.pmf(size - 1, 7, 0.3)) < 0.01


def brute_force_ic(edges, n, seeds, p):
    """Exact IC activation probabilities by enumerating live-edge subgraphs."""
    prob = np.zeros(n)
    for live in itertools.product([0, 1], repeat=len(edges)):
        weight = np.prod([p if x else 1 - p for x in live])
        adj = [[] for _ in range(n)]
        for (u, v), x in zip(edges, live):
            if x:
                adj[u].append(v)
        seen = set(seeds)
        stack = list(seeds)
        while stack:
            u = stack.pop()
            for v in adj[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
        for v in seen:
            prob[v] += weight
    return prob


def test_independent_cascade_brute_force():
    edges = [(0, 1), (0, 2), (1, 2), (2, 3), (1, 3), (3, 4), (4, 1), (2, 5)]
    g = ig.Graph(edges, directed=True)
    exact = brute_force_ic(edges, 6, [0], 0.45)
    res = D.independent_cascade(g, [0], 0.45, n_sims=60_000, seed=4)
    assert np.all(
        np.abs(res.probability - exact)
        < 5 * np.sqrt(np.clip(exact * (1 - exact), 0, None) / 60_000) + 1e-12
    )


def brute_force_lt(in_edges, n, seeds):
    """Exact LT activation probabilities via the live-edge equivalence (Kempe et al. 2003)."""
    choices = []
    for v in range(n):
        opts = [(None, 1.0 - sum(b for _, b in in_edges[v])), *list(in_edges[v])]
        choices.append(opts)
    prob = np.zeros(n)
    for pick in itertools.product(*choices):
        weight = np.prod([b for _, b in pick])
        if weight == 0:
            continue
        parent = [u for u, _ in pick]
        for v in range(n):
            u, seen = v, set()
            while u is not None and u not in seeds and u not in seen:
                seen.add(u)
                u = parent[u]
            if u is not None and u in seeds:
                prob[v] += weight
    return prob


def test_linear_threshold_brute_force():
    edges = [(0, 1), (0, 2), (1, 2), (2, 3), (1, 3), (3, 1), (4, 3)]
    w = [1.0, 2.0, 1.0, 1.0, 3.0, 1.0, 2.0]
    g = ig.Graph(edges, directed=True)
    g.es["weight"] = w
    n = 5
    in_strength = np.zeros(n)
    for (_u, v), x in zip(edges, w):
        in_strength[v] += x
    in_edges = [[] for _ in range(n)]
    for (u, v), x in zip(edges, w):
        in_edges[v].append((u, x / in_strength[v]))
    exact = brute_force_lt(in_edges, n, {0})
    res = D.linear_threshold(g, [0], n_sims=80_000, seed=5)
    assert np.all(
        np.abs(res.probability - exact) < 5 * np.sqrt(exact * (1 - exact) / 80_000) + 1e-12
    )


def test_linear_threshold_fixed_thresholds_deterministic():
    g = ig.Graph([(0, 1), (0, 2), (1, 2), (2, 3)], directed=True)
    res = D.linear_threshold(g, [0], thresholds=np.array([0, 0.9, 0.6, 1.0]), n_sims=5, seed=1)
    # 1 gets 1.0 >= 0.9; 2 gets 0.5 from 0 (< 0.6) then 0.5 more from 1 -> active; 3 gets 1.0
    np.testing.assert_array_equal(res.probability, [1, 1, 1, 1])
    np.testing.assert_allclose(res.curve, [1, 2, 3, 4])


def test_ic_matches_cynetdiff():
    cynetdiff = pytest.importorskip("cynetdiff.utils")
    g = nx.gnm_random_graph(300, 1200, seed=6, directed=True)
    model, labels = cynetdiff.networkx_to_ic_model(g, activation_prob=0.15, rng=1)
    node_of = {label: node for node, label in labels.items()}
    seeds = [0, 1, 2]
    sims = 4000
    counts = np.zeros(300)
    model.set_seeds([labels[s] for s in seeds])
    for _ in range(sims):
        model.reset_model()
        model.advance_until_completion()
        for v in model.get_activated_nodes():
            counts[node_of[v]] += 1
    theirs = counts / sims
    a = sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(300)))
    ours = D.independent_cascade(a, seeds, 0.15, n_sims=sims, seed=7).probability
    se = np.sqrt(2 * np.maximum(ours * (1 - ours), 1e-4) / sims)
    assert np.all(np.abs(ours - theirs) < 5 * se)


def test_cascade_per_layer_and_per_edge_probabilities():
    edges = pd.DataFrame(
        {"source": [0, 0, 1], "target": [1, 1, 2], "layer": ["social", "technology", "transaction"]}
    )
    net = cn.ClusterNetwork.from_edges(edges)
    res = D.independent_cascade(
        net, [0], {"social": 0.5, "technology": 0.5, "transaction": 1.0}, n_sims=50_000, seed=8
    )
    # two layers give independent chances: 1 - 0.5^2 = 0.75
    assert abs(res.probability[1] - 0.75) < 0.01 and abs(res.probability[2] - 0.75) < 0.01
    per_edge = D.independent_cascade(net, [0], np.array([1.0, 0.0, 0.0]), n_sims=100, seed=8)
    np.testing.assert_array_equal(per_edge.probability, [1, 1, 0])


def test_cascades_independent_of_thread_count(threads):
    g = ig.Graph.Erdos_Renyi(500, m=3000, directed=True)
    with threads(1):
        a = D.independent_cascade(g, [0, 1], 0.1, n_sims=300, seed=9)
        la = D.linear_threshold(g, [0, 1], n_sims=300, seed=9)
        ba = D.bass(g, 0.01, 0.3, 10, n_sims=20, seed=9)
    with threads(2):
        b = D.independent_cascade(g, [0, 1], 0.1, n_sims=300, seed=9)
        lb = D.linear_threshold(g, [0, 1], n_sims=300, seed=9)
        bb = D.bass(g, 0.01, 0.3, 10, n_sims=20, seed=9)
    np.testing.assert_array_equal(a.sizes, b.sizes)
    np.testing.assert_array_equal(a.probability, b.probability)
    np.testing.assert_array_equal(la.sizes, lb.sizes)
    np.testing.assert_array_equal(ba.mean, bb.mean)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"seeds": [0, 0], "prob": 0.1}, "more than once"),
        ({"seeds": [99], "prob": 0.1}, "out of range"),
        ({"seeds": [0], "prob": 1.5}, "prob must lie"),
        ({"seeds": [0], "prob": -0.1}, "prob must lie"),
        ({"seeds": [], "prob": 0.1}, "empty"),
    ],
)
def test_cascade_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        D.independent_cascade(ring(10), n_sims=10, **kwargs)


# ---------------------------------------------------------------- Bass
def test_bass_complete_graph_matches_closed_form():
    # within one percentage point at every step (discretisation lag ~0.002 at dt = 0.01)
    n = 1500
    g = ig.Graph.Full(n)
    p, q, dt, horizon = 0.03, 0.4, 0.01, 12.0
    steps = int(horizon / dt)
    res = D.bass(g, p, q, steps, n_sims=200, seed=10, dt=dt)
    ref = D.bass_curve(res.time, p, q)
    assert np.abs(res.mean - ref).max() < 0.01
    late = ref > 0.1
    assert np.all(np.abs(res.mean[late] - ref[late]) / ref[late] < 0.025)


def test_bass_without_imitation_is_exponential():
    g = ig.Graph.Erdos_Renyi(2000, m=6000)
    res = D.bass(g, 0.05, 0.0, 40, n_sims=30, seed=11, dt=1.0)
    np.testing.assert_allclose(res.mean, 1 - np.exp(-0.05 * res.time), atol=0.01)
    assert list(res.quantiles.columns) == ["time", "q0.05", "q0.25", "q0.5", "q0.75", "q0.95"]


def test_fit_bass_recovers_parameters():
    rng_graph = ig.Graph.Erdos_Renyi(1500, m=6000)
    p_true, q_true = 0.02, 0.25
    sim = D.bass(rng_graph, p_true, q_true, 15, n_sims=40, seed=12, return_times=True)
    covered_p = covered_q = 0
    for r in range(sim.times.shape[0]):
        t = sim.times[r].astype(float)
        t[t < 0] = np.nan
        fit = D.fit_bass(rng_graph, t, censor_time=15)
        row = fit.table.loc["network"]
        covered_p += row["p_low"] <= p_true <= row["p_high"]
        covered_q += row["q_low"] <= q_true <= row["q_high"]
        assert fit.lr_pvalue < 0.01
    assert covered_p >= 0.9 * sim.times.shape[0] - 1e-9 or covered_p >= 35
    assert covered_q >= 0.9 * sim.times.shape[0] - 1e-9 or covered_q >= 35


def test_fit_bass_standard_errors_match_numeric_hessian():
    g = ig.Graph.Erdos_Renyi(800, m=3000)
    sim = D.bass(g, 0.03, 0.3, 10, n_sims=1, seed=13, return_times=True)
    t = sim.times[0].astype(float)
    t[t < 0] = np.nan
    fit = D.fit_bass(g, t, censor_time=10)
    # numeric Hessian of the log-likelihood via a brute-force per-actor, per-period sum
    a = ig.Graph.get_adjacency_sparse(g).astype(float)
    a = sp.csr_array(a)
    deg = np.asarray(a.sum(axis=0)).ravel()

    def loglik(p, q):
        ll = 0.0
        for period in range(1, 11):
            adopted_before = np.nan_to_num(t, nan=99) < period
            share = np.divide(
                a.T @ adopted_before.astype(float), deg, out=np.zeros(800), where=deg > 0
            )
            at_risk = ~adopted_before & (np.nan_to_num(t, nan=99) >= period)
            lam = p + q * share
            adopt = at_risk & (t == period)
            ll += np.sum(np.log(1 - np.exp(-lam[adopt]))) - np.sum(lam[at_risk & ~adopt])
        return ll

    p, q = fit.p, fit.q
    assert loglik(p, q) == pytest.approx(fit.table.loc["network", "loglik"], rel=1e-10)
    h = 1e-4
    hpp = (loglik(p + h, q) - 2 * loglik(p, q) + loglik(p - h, q)) / h**2
    hqq = (loglik(p, q + h) - 2 * loglik(p, q) + loglik(p, q - h)) / h**2
    hpq = (
        loglik(p + h, q + h) - loglik(p + h, q - h) - loglik(p - h, q + h) + loglik(p - h, q - h)
    ) / (4 * h**2)
    cov = np.linalg.inv(-np.array([[hpp, hpq], [hpq, hqq]]))
    np.testing.assert_allclose(
        [fit.table.loc["network", "p_se"], fit.table.loc["network", "q_se"]],
        np.sqrt(np.diag(cov)),
        rtol=1e-3,
    )


def test_fit_bass_on_ckm_runs_with_unknown_status_excluded():
    net = cn.datasets.load_ckm_physicians()
    months = net.column("adoption_month").astype(float)
    observed = net.column("adoption_status") != "unknown"
    fit = D.fit_bass(net, months, censor_time=17, observed=observed, exposure="out")
    assert fit.n_actors == 125 and fit.n_adopters == 109
    assert set(fit.table.index) == {"network", "no_network", "innovation_only"}
    assert np.all(np.isfinite(fit.table[["p", "q", "loglik", "aic"]].to_numpy()))
    assert 0 <= fit.lr_pvalue <= 1


@pytest.mark.parametrize(
    ("times", "kwargs", "match"),
    [
        (np.array([1.0, -2.0, np.nan]), {}, "negative"),
        (np.array([1.0, 5.0, np.nan]), {"censor_time": 3}, "after censor_time"),
        (np.array([1.0, 2.0]), {}, "shape"),
        (np.array([1.0, np.inf, 2.0]), {}, "infinite"),
    ],
)
def test_fit_bass_bad_input(times, kwargs, match):
    with pytest.raises(ValueError, match=match):
        D.fit_bass(ring(3), times, **kwargs)


# ---------------------------------------------------------------- hostile input (issue 30)
def _bass_net():
    return cn.generate_cluster(60, seed=1)


def test_fit_bass_says_when_the_data_cannot_identify_the_model():
    # issue 30 item 10: all-zero times gave a table of NaN; all at t=1 gave p=32, NaN errors
    net = _bass_net()
    n = net.n_actors
    with pytest.raises(ValueError, match="adopted at time 0.*cannot identify"):
        D.fit_bass(net, np.zeros(n), censor_time=1.0)
    with pytest.raises(ValueError, match="first period.*cannot identify"):
        D.fit_bass(net, np.ones(n))
    with pytest.raises(ValueError, match="first period.*cannot identify"):
        D.fit_bass(net, np.ones(n), censor_time=3.0)
    # one actor surviving a period is enough: a finite p with a finite standard error
    times = np.ones(n)
    times[0] = np.nan
    fit = D.fit_bass(net, times, censor_time=2.0)
    row = fit.table.loc["innovation_only"]
    assert np.isfinite(row["p"]) and np.isfinite(row["p_se"])
    # closed form: p = log(1 + adopters / survived periods) / dt
    assert row["p"] == pytest.approx(np.log1p((n - 1) / 2.0))


def test_bass_rejects_quantiles_outside_the_unit_interval():
    # issue 30 item 19: numpy's "Quantiles must be in the range [0, 1]" did not name them
    with pytest.raises(ValueError, match=r"quantiles must lie in \[0, 1\]; quantiles\[1\] is 1.5"):
        D.bass(_bass_net(), 0.01, 0.3, 5, n_sims=2, quantiles=(0.5, 1.5))
    with pytest.raises(ValueError, match="quantiles.*nan"):
        D.bass(_bass_net(), 0.01, 0.3, 5, n_sims=2, quantiles=(np.nan,))


def test_monte_carlo_runs_are_capped_with_a_message_naming_n_sims():
    # issue 30 item 20: a raw MemoryError for 7.28 TiB
    net = _bass_net()
    with pytest.raises(ValueError, match=r"n_sims=1,000,000,000,000 .* MAX_SIMS"):
        D.independent_cascade(net, [net.ids[0]], 0.1, n_sims=10**12, seed=1)
    with pytest.raises(ValueError, match=r"n_sims=1,000,000,000,000 .* MAX_SIMS"):
        D.linear_threshold(net, [net.ids[0]], n_sims=10**12, seed=1)
    with pytest.raises(ValueError, match=r"n_sims=10,000,000 keeps 110,000,000 per-run values"):
        D.bass(net, 0.01, 0.3, 10, n_sims=10**7)
