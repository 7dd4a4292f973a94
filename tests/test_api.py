"""Contracts every public function family keeps, whatever the input kind.

Like scikit-network's ``test_API.py``: each function of a family (centrality,
structure, diffusion) is called on the same graph given as a ClusterNetwork, a
scipy sparse matrix, an igraph.Graph and a networkx graph, and every answer is
checked against an independent reference (networkx, igraph, scipy, or a closed
form on a tree). Package-wide conventions (seeds, messages, imports) live here too.
"""

import ast
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


# ---------------------------------------------------------------- centrality
CENTRALITY = {
    "pagerank": (
        lambda g: C.pagerank(g, tol=1e-13),
        lambda ref, n: _vector(nx.pagerank(ref, weight="weight", tol=1e-13), n),
        1e-8,
    ),
    "harmonic": (
        lambda g: C.harmonic(g, normalized=False, mode="all"),
        lambda ref, n: _vector(nx.harmonic_centrality(ref), n),
        1e-12,
    ),
    "betweenness": (
        lambda g: C.betweenness(g),
        lambda ref, n: _vector(nx.betweenness_centrality(ref, normalized=False), n),
        1e-9,
    ),
    "eigenvector": (
        lambda g: C.eigenvector(g, weighted=True, scale=True),
        lambda ref, n: (lambda v: v / v.max())(
            _vector(nx.eigenvector_centrality_numpy(ref, weight="weight"), n)
        ),
        1e-8,
    ),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(CENTRALITY))
def test_centrality_family_agrees_with_networkx_on_every_input_kind(name, kind):
    n, edges, weights, ref = _reference_graph()
    ours_fn, ref_fn, rtol = CENTRALITY[name]
    ours = ours_fn(_as_kind(kind, n, edges, weights))
    expected = ref_fn(ref, n)
    assert ours.shape == (n,) and ours.dtype == np.float64
    np.testing.assert_allclose(ours, expected, rtol=rtol, atol=1e-12)


# ---------------------------------------------------------------- structure
STRUCTURE = {
    "constraint": (
        lambda g: structure.constraint(g, weighted=True),
        lambda ref, n: _vector(nx.constraint(ref, weight="weight"), n),
    ),
    "effective_size": (
        lambda g: structure.effective_size(g, weighted=True),
        lambda ref, n: _vector(nx.effective_size(ref, nodes=list(range(n)), weight="weight"), n),
    ),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_structure_family_agrees_with_networkx_on_every_input_kind(name, kind):
    n, edges, weights, ref = _reference_graph()
    ours_fn, ref_fn = STRUCTURE[name]
    np.testing.assert_allclose(
        ours_fn(_as_kind(kind, n, edges, weights)), ref_fn(ref, n), rtol=1e-10, atol=1e-12
    )


# ---------------------------------------------------------------- diffusion
@pytest.mark.parametrize("kind", KINDS)
def test_heat_agrees_with_scipy_expm_on_every_input_kind(kind):
    n, edges, weights, _ = _reference_graph()
    w = sp.coo_array((weights, (edges[:, 0], edges[:, 1])), shape=(n, n)).toarray()
    w = w + w.T
    lap = np.diag(w.sum(axis=1)) - w  # combinatorial Laplacian, built here from the ties
    x0 = np.random.default_rng(1).random(n)
    ours = D.heat(_as_kind(kind, n, edges, weights), x0, 0.8, kind="combinatorial")
    np.testing.assert_allclose(ours, expm_multiply(-0.8 * sp.csr_array(lap), x0), rtol=1e-9)


@pytest.mark.parametrize("kind", KINDS)
def test_independent_cascade_on_a_tree_matches_p_to_the_depth(kind):
    """From the root of a tree an actor at depth d is reached with probability p ** d."""
    n, edges, weights, parent = _tree()
    depth = np.zeros(n)
    for child in range(1, n):
        depth[child] = depth[parent[child]] + 1
    p, sims = 0.6, 20_000
    res = D.independent_cascade(_as_kind(kind, n, edges, weights), [0], p, n_sims=sims, seed=7)
    expected = p**depth
    sd = np.sqrt(expected * (1 - expected) / sims)
    assert (np.abs(res.probability - expected) <= 5 * sd + 1e-12).all(), res.probability


@pytest.mark.parametrize("kind", KINDS)
def test_linear_threshold_on_a_tree_matches_the_live_edge_product(kind):
    """Uniform thresholds: actor j is reached with the product of b_(parent, child) on its path.

    b_ij = w_ij / (sum of j's tie weights) (Kempe et al. 2003, live-edge equivalence).
    """
    n, edges, weights, parent = _tree()
    strength = np.zeros(n)
    np.add.at(strength, edges[:, 0], weights)
    np.add.at(strength, edges[:, 1], weights)
    tie = {(int(p), int(c)): float(w) for (p, c), w in zip(edges, weights, strict=True)}
    expected = np.ones(n)
    for child in range(1, n):
        expected[child] = expected[parent[child]] * tie[(parent[child], child)] / strength[child]
    sims = 20_000
    res = D.linear_threshold(_as_kind(kind, n, edges, weights), [0], n_sims=sims, seed=7)
    sd = np.sqrt(expected * (1 - expected) / sims)
    assert (np.abs(res.probability - expected) <= 5 * sd + 1e-12).all(), res.probability


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
    # (the sampled space: float parameters; integer and per-layer ones are not sampled)
    plausible = {
        k: p.plausible for k, p in MODEL.items() if p.plausible is not None and p.kind is float
    }
    from clusternet.dynamics.parameters import PLAUSIBLE

    assert plausible == PLAUSIBLE and len(plausible) > 10
