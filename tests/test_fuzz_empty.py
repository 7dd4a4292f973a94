"""The 0-actor case everywhere it can be built (issue 30; round-9 referee): every public
function that takes a network, called on an empty ClusterNetwork, returns an empty / 0 / NaN
answer or raises a ValueError/TypeError that says why (no actors, no firms, nothing given) —
never an IndexError, ZeroDivisionError or a numpy error from inside. Functions are found by
introspection, so a new public function is checked without being listed here."""

import importlib
import inspect
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import clusternet as cn

MODULES = [
    "clusternet.centrality",
    "clusternet.structure",
    "clusternet.diffusion",
    "clusternet.spillover",
    "clusternet.targeting",
    "clusternet.measures",
    "clusternet.locality",
    "clusternet.io",
    "clusternet.calibrate",
    "clusternet.survey",
    "clusternet.contagion",
]
NETWORK_ARGUMENTS = ("net", "graph", "network", "observed")

#: what a refusal of an empty network says (each message names the reason)
WHY = (
    "no actors",
    "no core firms",
    "no knowledge sources",
    "is empty",
    "at least",
    "needs",
    "no candidate",
    "0 firms",
    "no target",
    "layer",
    "graph must be",
)


def empty(layers=("technology", "service"), directed=(False, True)) -> cn.ClusterNetwork:
    return cn.ClusterNetwork.from_edges(
        None,
        actors=pd.DataFrame({"id": pd.Series([], dtype=object)}),
        directed=dict(zip(layers, directed, strict=True)),
        layers=list(layers),
    )


def one_argument_functions():
    """Public functions whose one required argument is a network."""
    seen, out = set(), []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            f = getattr(module, attr)
            if not inspect.isfunction(f) or f in seen:
                continue
            seen.add(f)
            params = list(inspect.signature(f).parameters.values())
            required = [
                p
                for p in params
                if p.default is inspect.Parameter.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            if len(required) == 1 and required[0].name in NETWORK_ARGUMENTS:
                out.append(pytest.param(f, id=f"{name.split('.')[-1]}.{attr}"))
    return out


def is_empty_answer(value) -> bool:
    """An answer about no actors: empty arrays and tables, or 0 / NaN where a number is due."""
    if value is None:
        return True
    if isinstance(value, cn.ClusterNetwork):
        return value.n_actors == 0
    if sp.issparse(value):
        return value.shape[0] == 0
    if isinstance(value, pd.DataFrame | pd.Series):
        numbers = value.select_dtypes("number") if isinstance(value, pd.DataFrame) else value
        arr = np.asarray(numbers, dtype=float)
        return len(value) == 0 or bool(np.all(np.isnan(arr) | (arr == 0)))
    if isinstance(value, tuple):
        return all(is_empty_answer(v) for v in value)
    if isinstance(value, np.ndarray | float | int | np.floating | np.integer):
        arr = np.asarray(value, dtype=float)
        return arr.size == 0 or bool(np.all(np.isnan(arr) | (arr == 0)))
    if hasattr(value, "vcount"):  # igraph
        return value.vcount() == 0
    if hasattr(value, "number_of_nodes"):  # networkx
        return value.number_of_nodes() == 0
    return False


def outcome(call):
    """("ok", value) or ("refused", message); anything else fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return "ok", call()
        except (ValueError, TypeError) as exc:
            return "refused", str(exc)


@pytest.mark.parametrize("layers", [("technology", "service"), ("x",)])
@pytest.mark.parametrize("function", one_argument_functions())
def test_every_one_argument_function_on_no_actors(function, layers):
    kind, value = outcome(lambda: function(empty(layers, (False,) * len(layers))))
    if kind == "refused":
        assert any(w in value for w in WHY), f"unclear refusal: {value}"
    else:
        assert is_empty_answer(value), f"not an empty answer: {value!r}"


def _methods():
    net = empty()
    return {
        "csr": lambda: net.csr(),
        "csr both": lambda: net.csr(direction="both"),
        "csr in": lambda: net.csr(direction="in"),
        "neighbour_lists": lambda: net.neighbour_lists(),
        "supra": lambda: net.supra(2.0),
        "subnetwork ids": lambda: net.subnetwork([]),
        "subnetwork mask": lambda: net.subnetwork(np.zeros(0, bool)),
        "subnetwork tiers": lambda: net.subnetwork(tiers="core"),
        "reordered rcm": lambda: net.reordered(),
        "reordered array": lambda: net.reordered(np.zeros(0, np.int64)),
        "locality_order": lambda: net.locality_order(),
        "summary": lambda: net.summary()[["edges", "total_weight", "density", "components"]],
        "actor_counts": lambda: net.actor_counts(),
        "tier_mask": lambda: net.tier_mask("core"),
        "role_mask": lambda: net.role_mask("producer"),
        "index_of": lambda: net.index_of([]),
        "edge_table": lambda: net.edge_table(),
        "with_edges": lambda: net.with_edges(None),
        "with_actor_columns": lambda: net.with_actor_columns(score=np.zeros(0)),
        "column": lambda: net.column("id"),
        "to_igraph": lambda: net.to_igraph(),
        "to_networkx": lambda: net.to_networkx(),
        "from_networkx": lambda: cn.ClusterNetwork.from_networkx(net.to_networkx()),
        "from_igraph": lambda: cn.ClusterNetwork.from_igraph(net.to_igraph()),
    }


SEVERAL_ARGUMENTS = {
    "independent_cascade": lambda: cn.diffusion.independent_cascade(empty(), [], 0.5, n_sims=2),
    "linear_threshold": lambda: cn.diffusion.linear_threshold(empty(), [], n_sims=2),
    "bass": lambda: cn.diffusion.bass(empty(), 0.1, 0.3, 3, n_sims=2, seed=1),
    "heat": lambda: cn.diffusion.heat(empty(), np.zeros(0), 1.0),
    "fit_bass": lambda: cn.diffusion.fit_bass(empty(), np.zeros(0)),
    "knowledge_access mask": lambda: cn.diffusion.knowledge_access(empty(), np.zeros(0, bool)),
    "knowledge_access ids": lambda: cn.diffusion.knowledge_access(empty(), []),
    "recommend_ties": lambda: cn.targeting.recommend_ties(empty(), 1, seed=1),
    "recommend_ties nobody": lambda: cn.targeting.recommend_ties(empty(), 1, [], [], seed=1),
    "influence_maximization": lambda: cn.targeting.influence_maximization(empty(), 1, seed=1),
    "compare_strategies": lambda: cn.targeting.compare_strategies(empty(), 1, n_sims=2, seed=1),
    "spillover.step": lambda: cn.spillover.step(
        empty(), np.zeros((0, 2)), 0.5, {"technology": 0.5}
    ),
    "spillover.run": lambda: (
        cn.spillover.run(empty(), np.zeros((0, 2)), 2, 0.5, {"technology": 0.5}, seed=1).final
    ),
    "simulate_upgrading": lambda: cn.simulate_upgrading(empty(), 2, seed=1),
    "locality_order rcm": lambda: cn.locality.locality_order(empty(), "rcm"),
    "pagerank personalised": lambda: cn.centrality.pagerank(empty(), personalization=np.zeros(0)),
    "betweenness sampled": lambda: cn.centrality.betweenness(empty(), samples=3, seed=1),
    "observed_moments": lambda: cn.calibrate.observed_moments(
        empty(), {"technology": "technology"}
    ),
}


@pytest.mark.parametrize("name", list(SEVERAL_ARGUMENTS) + [f"method {m}" for m in _methods()])
def test_every_call_with_more_arguments_on_no_actors(name):
    call = _methods()[name[7:]] if name.startswith("method ") else SEVERAL_ARGUMENTS[name]
    kind, value = outcome(call)
    if kind == "refused":
        assert any(w in value for w in WHY), f"unclear refusal: {value}"
    else:
        assert is_empty_answer(value), f"not an empty answer: {value!r}"


@pytest.mark.parametrize("convert", [cn.io.from_igraph, cn.io.from_networkx])
def test_from_graph_converters_name_a_graph_of_the_wrong_kind(convert):
    """Found by this file: a ClusterNetwork (or any other object) passed to from_igraph or
    from_networkx raised AttributeError ('no attribute vs' / 'nodes')."""
    for wrong in (empty(), 5, None):
        with pytest.raises(TypeError, match="graph must be"):
            convert(wrong)
    net = cn.datasets.load_florentine_families()
    back = convert(net.to_igraph() if convert is cn.io.from_igraph else net.to_networkx())
    assert back.n_actors == net.n_actors and back.n_edges == net.n_edges
