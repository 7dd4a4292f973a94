"""Contracts every public function family keeps, whatever the input kind.

Like scikit-network's ``test_API.py``: each function of a family (centrality,
structure, diffusion) is called on the same graph given as a ClusterNetwork, a
scipy sparse matrix, an igraph.Graph and a networkx graph, and every answer is
checked against an independent reference (networkx, igraph, scipy, or a closed
form on a tree). Package-wide conventions (seeds, messages, imports) live here too.
"""

import ast
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply

import clusternet as cn
from clusternet import centrality as C
from clusternet import diffusion as D
from clusternet import spillover as S
from clusternet import structure

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("ClusterNetwork", "scipy", "igraph", "networkx")


def _as_kind(kind: str, n: int, edges: np.ndarray, weights: np.ndarray):
    """One undirected weighted graph, actors 0..n-1 in order, in the requested input kind."""
    src, dst = edges[:, 0], edges[:, 1]
    if kind == "ClusterNetwork":
        table = pd.DataFrame({"source": src, "target": dst, "layer": "social", "weight": weights})
        return cn.ClusterNetwork.from_edges(
            table, actors=pd.DataFrame({"id": np.arange(n)}), directed={"social": False}
        )
    if kind == "scipy":
        a = sp.coo_array((weights, (src, dst)), shape=(n, n))
        return sp.csr_array(a + a.T)
    if kind == "igraph":
        g = ig.Graph(n=n, edges=edges.tolist(), directed=False)
        g.es["weight"] = weights.tolist()
        return g
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for (u, v), w in zip(edges.tolist(), weights.tolist(), strict=True):
        g.add_edge(u, v, weight=w)
    return g


def _reference_graph():
    """A connected weighted graph with cycles (so brokerage and paths are not trivial)."""
    g = nx.connected_watts_strogatz_graph(30, 4, 0.3, seed=5)
    edges = np.array(sorted(g.edges), dtype=np.int64)
    weights = np.random.default_rng(5).uniform(0.5, 2.0, len(edges))
    ref = nx.Graph()
    ref.add_nodes_from(range(30))
    for (u, v), w in zip(edges.tolist(), weights.tolist(), strict=True):
        ref.add_edge(u, v, weight=w)
    return 30, edges, weights, ref


def _tree():
    """A weighted tree: every actor has one path from the root, so cascades have closed forms."""
    parent = [-1, 0, 0, 1, 1, 2, 3, 3, 5, 8]
    edges = np.array([(p, c) for c, p in enumerate(parent) if p >= 0], dtype=np.int64)
    weights = np.random.default_rng(2).uniform(0.5, 2.0, len(edges))
    return len(parent), edges, weights, parent


def _vector(mapping: dict, n: int) -> np.ndarray:
    return np.array([mapping[i] for i in range(n)], dtype=float)


def _two_layers():
    """Two undirected weighted layers on 31 actors; actor 30 has no tie in either layer."""
    n, edges, weights, _ = _reference_graph()
    tech = nx.gnm_random_graph(n, 35, seed=8)
    tech_edges = np.array(sorted(tech.edges), dtype=np.int64)
    tech_weights = np.random.default_rng(8).uniform(0.5, 2.0, len(tech_edges))
    layers = {"social": (edges, weights), "technology": (tech_edges, tech_weights)}
    table = pd.concat(
        [
            pd.DataFrame({"source": e[:, 0], "target": e[:, 1], "layer": name, "weight": w})
            for name, (e, w) in layers.items()
        ]
    )
    net = cn.ClusterNetwork.from_edges(
        table,
        actors=pd.DataFrame({"id": np.arange(n + 1)}),
        directed={"social": False, "technology": False},
    )
    return net, n + 1, {name: layers[name] for name in net.layers}  # the network's order


def _pairs(edges: np.ndarray) -> set:
    return {(min(u, v), max(u, v)) for u, v in edges.tolist()}


def _dense(n: int, edges: np.ndarray, weights: np.ndarray) -> np.ndarray:
    w = sp.coo_array((weights, (edges[:, 0], edges[:, 1])), shape=(n, n)).toarray()
    return w + w.T


def _supra_pagerank(n: int, layers: dict, omega: float) -> np.ndarray:
    """PageRank of the supra-graph (layer blocks, omega coupling replicas), summed per actor."""
    g = nx.Graph()
    g.add_nodes_from(range(2 * n))
    for k, (edges, weights) in enumerate(layers.values()):
        for (u, v), w in zip(edges.tolist(), weights.tolist(), strict=True):
            g.add_edge(u + k * n, v + k * n, weight=w)
    for i in range(n):
        g.add_edge(i, i + n, weight=omega)
    y = _vector(nx.pagerank(g, weight="weight", tol=1e-14), 2 * n)
    return y[:n] + y[n:]


def _bass_loglik_fit(n: int, edges, weights, adoption: np.ndarray, censor: int) -> np.ndarray:
    """(p, q) maximising the discrete network-Bass likelihood, written out here (dt = 1)."""
    from scipy.optimize import minimize

    w = _dense(n, edges, weights)
    strength = w.sum(axis=1)
    period = np.where(np.isnan(adoption), np.inf, np.ceil(adoption))
    adopt_s, risk_s = [], []
    for t in range(1, censor + 1):
        share = w @ (period < t) / np.where(strength > 0, strength, 1.0)
        at_risk = period >= t
        adopt_s.extend(share[at_risk & (period == t)])
        risk_s.extend(share[at_risk & (period != t)])
    a, r = np.array(adopt_s), np.array(risk_s)

    def negative(theta):
        p, q = theta
        if p <= 0 or q < 0:
            return np.inf
        return -(np.log(-np.expm1(-(p + q * a))).sum() - (p + q * r).sum())

    best = minimize(negative, [0.1, 0.5], method="Nelder-Mead",
                    options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 20_000})  # fmt: skip
    return best.x


@dataclass(frozen=True)
class Contract:
    """One public function: how to call it, what to compare, its reference and its invariants.

    ``graph`` names the test network (``weighted``: 30 actors with cycles;
    ``tree``: 10 actors; ``two_layers``: a ClusterNetwork only). ``value`` turns
    the result into numbers; ``reference(data)`` computes them independently;
    ``check(result, n)`` asserts the family's contract (or returns whether it holds).
    """

    call: Callable
    value: Callable
    reference: Callable
    check: Callable
    rtol: float = 1e-9
    atol: float = 1e-12
    graph: str = "weighted"


def _scores(x, n):
    assert isinstance(x, np.ndarray) and x.shape == (n,) and x.dtype == np.float64
    assert np.isfinite(x).all()


def _distribution(x, n):
    _scores(x, n)
    assert (x >= 0).all() and x.sum() == pytest.approx(1.0, abs=1e-12)


def _nonnegative(x, n):
    _scores(x, n)
    assert (x >= 0).all()


def _approx_betweenness(res, n):
    assert isinstance(res, C.ApproximateBetweenness) and res.epsilon == 0.05
    _nonnegative(res.scores, n)
    assert ((res.lower <= res.scores) & (res.scores <= res.upper)).all()


def _cascade(res, n):
    assert isinstance(res, D.CascadeResult) and res.n_sims == 20_000
    assert res.probability.shape == (n,) and ((0 <= res.probability) & (res.probability <= 1)).all()
    assert res.probability[0] == 1.0  # the seed actor
    assert (res.sizes >= 1).all() and res.sizes.mean() == pytest.approx(res.probability.sum())


def _exact_betweenness_share(d):
    """b(v) = (1 / (n (n - 1))) sum over ordered pairs s != t of sigma_st(v) / sigma_st."""
    n = d["n"]
    return 2 * _vector(nx.betweenness_centrality(d["nx"], normalized=False), n) / (n * (n - 1))


def _within_5_sd(ours, expected, sims):
    sd = np.sqrt(expected * (1 - expected) / sims)
    assert (np.abs(ours - expected) <= 5 * sd + 1e-12).all(), ours
    return expected


def _tree_depth(d):
    depth = np.zeros(d["n"])
    for child in range(1, d["n"]):
        depth[child] = depth[d["parent"][child]] + 1
    return depth


def _live_edge_product(d):
    """Uniform thresholds: j is reached with the product of b_(parent, child) on its path.

    b_ij = w_ij / (sum of j's tie weights) (Kempe et al. 2003, live-edge equivalence).
    """
    edges, weights, parent = d["edges"], d["weights"], d["parent"]
    strength = np.zeros(d["n"])
    np.add.at(strength, edges[:, 0], weights)
    np.add.at(strength, edges[:, 1], weights)
    tie = {(int(p), int(c)): float(w) for (p, c), w in zip(edges, weights, strict=True)}
    expected = np.ones(d["n"])
    for child in range(1, d["n"]):
        expected[child] = expected[parent[child]] * tie[(parent[child], child)] / strength[child]
    return expected


X0 = np.random.default_rng(1).random(30)
BASS_TIMES = {}


def _bass_data(g):
    """One network-Bass run on the graph (same seed on every kind), as adoption times."""
    res = D.bass(g, 0.05, 0.6, 8, n_sims=1, seed=3, return_times=True)
    times = res.times[0].astype(float)
    times[times < 0] = np.nan
    return times


CONTRACTS: dict[str, dict[str, Contract]] = {
    "centrality": {
        "pagerank": Contract(
            lambda g: C.pagerank(g, tol=1e-13),
            lambda x: x,
            lambda d: _vector(nx.pagerank(d["nx"], weight="weight", tol=1e-14), d["n"]),
            _distribution,
            rtol=1e-8,
        ),
        "harmonic": Contract(
            lambda g: C.harmonic(g, normalized=False, mode="all"),
            lambda x: x,
            lambda d: _vector(nx.harmonic_centrality(d["nx"]), d["n"]),
            _nonnegative,
        ),
        "betweenness": Contract(
            lambda g: C.betweenness(g),
            lambda x: x,
            lambda d: _vector(nx.betweenness_centrality(d["nx"], normalized=False), d["n"]),
            _nonnegative,
        ),
        "eigenvector": Contract(
            lambda g: C.eigenvector(g, weighted=True, scale=True),
            lambda x: x,
            lambda d: (lambda v: v / v.max())(
                _vector(nx.eigenvector_centrality_numpy(d["nx"], weight="weight"), d["n"])
            ),
            lambda x, n: _nonnegative(x, n) or pytest.approx(1.0) == x.max(),
            rtol=1e-8,
        ),
        "katz": Contract(
            lambda g: C.katz(g, alpha=0.1),
            lambda x: x,
            lambda d: _vector(
                nx.katz_centrality_numpy(d["nx"], alpha=0.1, beta=1.0, weight="weight"), d["n"]
            ),
            lambda x, n: _nonnegative(x, n) or np.linalg.norm(x) == pytest.approx(1.0),
            rtol=1e-9,
        ),
        "spectral_radius": Contract(
            lambda g: C.spectral_radius(g),
            lambda x: np.array([x]),
            lambda d: np.array([np.abs(np.linalg.eigvalsh(d["dense"])).max()]),
            lambda x, n: isinstance(x, float) and x > 0,
            rtol=1e-9,
        ),
        "approximate_betweenness": Contract(
            lambda g: C.approximate_betweenness(g, epsilon=0.05, seed=1),
            lambda r: r.scores,
            _exact_betweenness_share,
            _approx_betweenness,
            rtol=0.0,
            atol=0.05,  # the requested guarantee: |estimate - b(v)| <= epsilon
        ),
        "multiplex_pagerank": Contract(  # one layer: multiplex PageRank is PageRank
            lambda g: C.multiplex_pagerank(g, tol=1e-13),
            lambda x: x,
            lambda d: _vector(nx.pagerank(d["nx"], weight="weight", tol=1e-14), d["n"]),
            _distribution,
            rtol=1e-8,
            graph="one_layer",
        ),
        "versatility": Contract(
            lambda g: C.versatility(g, omega=0.5, tol=1e-13),
            lambda x: x,
            lambda d: _supra_pagerank(d["n"], d["layers"], 0.5),
            _distribution,
            rtol=1e-8,
            graph="two_layers",
        ),
    },
    "structure": {
        "constraint": Contract(
            lambda g: structure.constraint(g, weighted=True),
            lambda x: x,
            lambda d: _vector(nx.constraint(d["nx"], weight="weight"), d["n"]),
            _nonnegative,
            rtol=1e-10,
        ),
        "effective_size": Contract(
            lambda g: structure.effective_size(g, weighted=True),
            lambda x: x,
            lambda d: _vector(
                nx.effective_size(d["nx"], nodes=list(range(d["n"])), weight="weight"), d["n"]
            ),
            _nonnegative,
            rtol=1e-10,
        ),
        "overlapping_degree": Contract(
            lambda g: structure.overlapping_degree(g),
            lambda x: x,
            lambda d: sum(
                np.bincount(e.ravel(), minlength=d["n"]).astype(float)
                for e, _ in d["layers"].values()
            ),
            _nonnegative,
            graph="two_layers",
        ),
        "participation_coefficient": Contract(
            lambda g: structure.participation_coefficient(g),
            lambda x: x,
            lambda d: (
                lambda k: (
                    2
                    * (1 - ((k / np.where(k.sum(axis=0), k.sum(axis=0), np.nan)) ** 2).sum(axis=0))
                )
            )(
                np.array(
                    [np.bincount(e.ravel(), minlength=d["n"]) for e, _ in d["layers"].values()],
                    dtype=float,
                )
            ),
            lambda x, n: (
                x.shape == (n,) and np.isnan(x[-1]) and (x[:-1] >= 0).all() and (x[:-1] <= 1).all()
            ),
            graph="two_layers",
        ),
        "multiplexity": Contract(
            lambda g: structure.multiplexity(g),
            lambda x: np.array([x]),
            lambda d: (lambda a, b: np.array([len(a & b) / len(a | b)]))(
                *(_pairs(e) for e, _ in d["layers"].values())
            ),
            lambda x, n: isinstance(x, float) and 0 <= x <= 1,
            graph="two_layers",
        ),
        "edge_overlap": Contract(
            lambda g: structure.edge_overlap(g),
            lambda t: t[["pairs_a", "pairs_b", "shared", "overlap", "jaccard"]].to_numpy(float),
            lambda d: (
                lambda a, b: np.array(
                    [
                        [
                            len(a),
                            len(b),
                            len(a & b),
                            len(a & b) / min(len(a), len(b)),
                            len(a & b) / len(a | b),
                        ]
                    ]
                )
            )(*(_pairs(e) for e, _ in d["layers"].values())),
            lambda t, n: list(t[["layer_a", "layer_b"]].iloc[0]) == list(_two_layers()[2]),
            graph="two_layers",
        ),
    },
    "diffusion": {
        "heat": Contract(
            lambda g: D.heat(g, X0, 0.8, kind="combinatorial"),
            lambda x: x,
            lambda d: expm_multiply(-0.8 * sp.csr_array(d["laplacian"]), X0),
            # heat conserves the total on the combinatorial Laplacian
            lambda x, n: _scores(x, n) or x.sum() == pytest.approx(X0.sum(), rel=1e-12),
        ),
        "heat_operator": Contract(
            lambda g: D.heat_operator(g),
            lambda op: D.heat(op, X0, 0.8),
            lambda d: expm_multiply(-0.8 * sp.csr_array(d["laplacian"]), X0),
            lambda op, n: isinstance(op, D.HeatOperator) and op.n == n and op.symmetric,
        ),
        "laplacian": Contract(
            lambda g: D.laplacian(g),
            lambda m: m.toarray(),
            lambda d: nx.laplacian_matrix(
                d["nx"], nodelist=range(d["n"]), weight="weight"
            ).toarray(),
            lambda m, n: (
                sp.issparse(m) and m.shape == (n, n) and np.abs(m.sum(axis=1)).max() < 1e-12
            ),
        ),
        "independent_cascade": Contract(
            lambda g: D.independent_cascade(g, [0], 0.6, n_sims=20_000, seed=7),
            lambda r: r.probability,
            lambda d: 0.6 ** _tree_depth(d),  # from the root, depth d is reached w.p. p ** d
            _cascade,
            rtol=0.0,
            atol=np.inf,  # compared within 5 standard errors by the contract's check below
            graph="tree",
        ),
        "linear_threshold": Contract(
            lambda g: D.linear_threshold(g, [0], n_sims=20_000, seed=7),
            lambda r: r.probability,
            _live_edge_product,
            _cascade,
            rtol=0.0,
            atol=np.inf,
            graph="tree",
        ),
        "bass": Contract(  # q = 0: every actor adopts by time t with probability 1 - e^(-p t)
            lambda g: D.bass(g, 0.1, 0.0, 5, n_sims=4000, seed=2),
            lambda r: r.probability,
            lambda d: np.full(d["n"], -np.expm1(-0.1 * 5)),
            lambda r, n: (
                isinstance(r, D.BassResult)
                and r.mean.shape == (6,)
                and r.mean[0] == 0
                and np.all(np.diff(r.mean) >= 0)
            ),
            rtol=0.0,
            atol=np.inf,
        ),
        "fit_bass": Contract(
            lambda g: D.fit_bass(g, _bass_data(g), censor_time=8),
            lambda f: np.array([f.p, f.q]),
            lambda d: _bass_loglik_fit(d["n"], d["edges"], d["weights"], d["bass_times"], 8),
            lambda f, n: (
                isinstance(f, D.BassFit)
                and f.censor_time == 8.0
                and list(f.table.index) == ["network", "no_network", "innovation_only"]
            ),
            rtol=1e-5,
            atol=1e-7,
        ),
        "knowledge_access": Contract(
            lambda g: D.knowledge_access(g, sources=[0, 7], layers="social"),
            lambda x: x,
            lambda d: _vector(
                nx.pagerank(d["nx"], personalization={0: 1, 7: 1}, weight="weight", tol=1e-14),
                d["n"],
            ),
            _distribution,
            rtol=1e-8,
            graph="one_layer",
        ),
    },
}
#: Public functions of the families that take no network (checked on their own below).
NO_NETWORK = {"diffusion": {"bass_curve"}}
#: Public classes: results or warnings of the functions above.
RESULT_CLASSES = {
    "centrality": {"ApproximateBetweenness", "ConvergenceWarning"},
    "diffusion": {"BassFit", "BassResult", "CascadeResult", "HeatInfo", "HeatOperator"},
    "structure": set(),
}
FAMILIES = {"centrality": C, "structure": structure, "diffusion": D}
#: Contracts whose stochastic answers are checked within 5 standard errors of the reference.
MONTE_CARLO = {"independent_cascade": 20_000, "linear_threshold": 20_000, "bass": 4000}


def _data(graph: str) -> tuple[dict, Callable]:
    """The test network's facts for references, and a builder of it in an input kind."""
    if graph == "tree":
        n, edges, weights, parent = _tree()
        return {"n": n, "edges": edges, "weights": weights, "parent": parent}, (
            lambda kind: _as_kind(kind, n, edges, weights)
        )
    n, edges, weights, ref = _reference_graph()
    data = {"n": n, "edges": edges, "weights": weights, "nx": ref}
    data["dense"] = _dense(n, edges, weights)
    data["laplacian"] = np.diag(data["dense"].sum(axis=1)) - data["dense"]
    if graph == "two_layers":
        net, n2, layers = _two_layers()
        data.update(n=n2, layers=layers)
        return (
            data,
            lambda kind: net if kind == "ClusterNetwork" else _as_kind(kind, n, edges, weights),
        )
    return data, lambda kind: _as_kind(kind, n, edges, weights)


CASES = [(family, name) for family, table in CONTRACTS.items() for name in sorted(table)]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("family", "name"), CASES, ids=[f"{f}.{n}" for f, n in CASES])
def test_family_contract_on_every_input_kind(family, name, kind):
    """Same answer on every accepted kind as on the ClusterNetwork, the reference's answer,
    and the family's contract; a multilayer measure refuses other kinds, naming what it needs."""
    contract = CONTRACTS[family][name]
    data, build = _data(contract.graph)
    multilayer = contract.graph in ("one_layer", "two_layers")
    if multilayer and kind != "ClusterNetwork":
        with pytest.raises(TypeError, match="ClusterNetwork"):
            contract.call(build(kind))
        return
    result = contract.call(build(kind))
    assert contract.check(result, data["n"]) in (None, True), f"{name} breaks its contract"
    ours = np.asarray(contract.value(result), dtype=np.float64)
    if kind != "ClusterNetwork":
        on_net = np.asarray(contract.value(contract.call(build("ClusterNetwork"))), np.float64)
        np.testing.assert_allclose(ours, on_net, rtol=1e-12, atol=1e-12)
    if name == "fit_bass":
        data["bass_times"] = _bass_data(build(kind))
    expected = np.asarray(contract.reference(data), dtype=np.float64)
    if name in MONTE_CARLO:
        _within_5_sd(ours, expected, MONTE_CARLO[name])
    else:
        np.testing.assert_allclose(ours, expected, rtol=contract.rtol, atol=contract.atol)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_public_name_of_a_family_has_a_contract(family):
    """The families are read from ``__all__``: a new public function needs a contract here."""
    public = set(FAMILIES[family].__all__)
    classes = {n for n in public if isinstance(getattr(FAMILIES[family], n), type)}
    assert classes == RESULT_CLASSES[family]
    assert public - classes == set(CONTRACTS[family]) | NO_NETWORK.get(family, set())


@pytest.mark.parametrize("kind", KINDS)
def test_convergence_warning_on_every_input_kind(kind):
    """An iteration stopped at max_iter warns with ConvergenceWarning, whatever the input."""
    n, edges, weights, _ = _reference_graph()
    with pytest.warns(C.ConvergenceWarning, match="PageRank stopped after 2 iterations"):
        C.pagerank(_as_kind(kind, n, edges, weights), tol=1e-15, max_iter=2)


def test_bass_curve_is_the_closed_form():
    """F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}) (Bass 1969), and q = 0 gives 1 - e^{-pt}."""
    t = np.linspace(0.0, 20.0, 41)
    p, q = 0.03, 0.38
    e = np.exp(-(p + q) * t)
    np.testing.assert_allclose(D.bass_curve(t, p, q), (1 - e) / (1 + q / p * e), rtol=1e-12)
    np.testing.assert_allclose(D.bass_curve(t, p, 0.0), -np.expm1(-p * t), rtol=1e-12)


# ---------------------------------------------------------------- package conventions
def _star(n: int) -> sp.csr_array:
    return sp.csr_array((np.ones(n - 1), (np.zeros(n - 1, int), np.arange(1, n))), shape=(n, n))


def test_no_module_imports_another_modules_private_names():
    """Issue 31: shared helpers are promoted or moved, never imported by a private name."""
    offenders = []
    for path in sorted((ROOT / "clusternet").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("clusternet"):
                for alias in node.names:
                    name = alias.name
                    if name.startswith("_") and not name.startswith("__"):
                        # a private *module* of the package may be imported as a module
                        if (ROOT / "clusternet" / f"{name}.py").exists():
                            continue
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert not offenders, offenders


def test_nothing_unpickles_but_the_sweeps_own_worker_payload():
    """Loading never unpickles: the one ``loads`` is a sweep worker reading its parent's bytes."""
    found = []
    for path in sorted((ROOT / "clusternet").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Attribute) and node.attr in ("load", "loads"):
                    owner = node.value.id if isinstance(node.value, ast.Name) else ""
                    if owner in ("pickle", "cloudpickle", "dill", "joblib", "marshal"):
                        found.append((str(path.relative_to(ROOT)), fn.name, f"{owner}.{node.attr}"))
                if isinstance(node, ast.Attribute) and node.attr == "read_pickle":
                    found.append((str(path.relative_to(ROOT)), fn.name, "read_pickle"))
                if isinstance(node, ast.keyword) and node.arg == "allow_pickle":
                    assert isinstance(node.value, ast.Constant) and node.value.value is False, path
    assert found == [("clusternet/ensemble/_tasks.py", "unpack", "cloudpickle.loads")]


def test_error_messages_print_plain_numbers():
    """Issue 15.14: messages showed np.float64(-0.80...) instead of -0.80..."""
    net = cn.generate_cluster(60, seed=1)
    k0 = np.full((net.n_actors, 2), 0.5)
    k0[0, 0] = np.float64(-0.8050029237453802)
    with pytest.raises(ValueError) as info:
        S.run(net, k0, 2, tacitness=0.5, layer_rates={"social": 0.2})
    assert "-0.8050029237453802" in str(info.value) and "np.float64" not in str(info.value)
    with pytest.raises(ValueError) as info:
        D.independent_cascade(_star(4), [0], np.array([0.5, np.float64(1.5), 0.1]), n_sims=2)
    assert "1.5" in str(info.value) and "np." not in str(info.value)
    with pytest.raises(ValueError) as info:
        C.pagerank(net, damping=np.float64(1.0))
    assert "np." not in str(info.value)


def test_every_public_seed_defaults_to_none():
    import inspect

    from clusternet import centrality, diffusion, ensemble, generate, measures, spillover, structure

    checked = 0
    for module in (centrality, diffusion, ensemble, generate, measures, spillover, structure, cn):
        for name in dir(module):
            fn = getattr(module, name)
            home = getattr(fn, "__module__", "") or ""
            if name.startswith("_") or not callable(fn) or name == "upgrading_task":
                continue
            if not home.startswith("clusternet") or home.startswith(
                ("clusternet.kernels", "clusternet._")
            ):
                continue  # kernels take an explicit integer stream seed
            try:
                params = inspect.signature(fn).parameters
            except (TypeError, ValueError):
                continue
            if "seed" in params:
                assert params["seed"].default is None, f"{module.__name__}.{name}"
                checked += 1
    assert checked >= 15


def test_generator_and_model_declare_parameters_with_one_class_and_resolver():
    """One ``Parameter`` class and one resolver for generator and model (issue 31 item 6)."""
    import clusternet.generate as generate
    from clusternet.dynamics import PARAMETERS as MODEL
    from clusternet.params import Parameter, resolve

    assert not hasattr(generate, "Param")
    assert all(type(p) is Parameter for p in generate.PARAMETERS.values())
    assert all(type(p) is Parameter for p in MODEL.values())
    # defaults, then the preset, then the caller's values
    values = generate.resolve_parameters(3000, "datang", {"social_degree": 8.0})
    assert values["social_degree"] == 8.0  # the caller beats the preset (10)
    assert values["size_median"] == generate.PRESETS["datang"]["size_median"] == 3.0
    assert values["town_radius_km"] == generate.PARAMETERS["town_radius_km"].default
    assert values["n_towns"] == 3 and values["region_km"] == pytest.approx(12 * np.sqrt(3))
    # share tuples are normalised and their length is checked, naming the parameter
    shares = generate.resolve_parameters(100, None, {"ownership_shares": (3, 1)})
    assert shares["ownership_shares"] == (0.75, 0.25)
    with pytest.raises(ValueError, match="stage_shares must be 4 non-negative numbers"):
        generate.resolve_parameters(100, None, {"stage_shares": (1, 1, 1)})
    with pytest.raises(ValueError, match="ownership_shares must be 1 to 8 non-negative"):
        generate.resolve_parameters(100, None, {"ownership_shares": (1,) * 9})
    with pytest.raises(ValueError, match="ownership_shares must be .* got \\(1, -1\\)"):
        generate.resolve_parameters(100, None, {"ownership_shares": (1, -1)})
    with pytest.raises(ValueError, match=r"size_sigma must lie in \[0.05, 5.0\], got 9"):
        generate.resolve_parameters(100, None, {"size_sigma": 9})
    with pytest.raises(ValueError, match="unknown parameter.*'sise_sigma'"):
        generate.resolve_parameters(100, None, {"sise_sigma": 1.0})
    # the same resolver checks a preset's values (a preset is not trusted)
    declared = {"w": Parameter((1.0, 1.0), None, None, "shares", tuple, length=(2, 2))}
    with pytest.raises(ValueError, match="w must be 2 non-negative"):
        resolve({}, declared, base={"w": (1.0, 2.0, 3.0)})
    # the plausible range is a field of the declaration, read without patching
    # (the sampled space: float parameters; integer and per-layer ones are not sampled,
    # nor the opt-in selection channel's)
    from clusternet.dynamics.parameters import OPT_IN, PLAUSIBLE

    plausible = {
        k: p.plausible
        for k, p in MODEL.items()
        if p.plausible is not None and p.kind is float and k not in OPT_IN
    }

    assert plausible == PLAUSIBLE and len(plausible) > 10
