"""Conversions of a ClusterNetwork to and from igraph, networkx and the ``.npz`` format.

This module does not import :mod:`clusternet.network`: builders take the network
class as ``cls`` and writers use only a network's public attributes, so
``network`` can delegate its ``save``/``to_igraph``/``from_igraph``/... methods
here and :mod:`clusternet.io` can wrap the same functions — with no import
circle between the two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from clusternet._validate import show

if TYPE_CHECKING:
    from clusternet.network import ClusterNetwork

FORMAT_NAME = "clusternet-npz"
#: 2: the metadata says whether the arrays are stored uncompressed (memory-mappable).
FORMAT_VERSION = 2
META_KEY = "__meta__"


# ---------------------------------------------------------------------- igraph
def _with_layers(net: ClusterNetwork, layers) -> ClusterNetwork:
    """The network itself, or the subnetwork of the chosen layers."""
    codes = net.layer_codes(layers)
    if len(codes) == len(net.layers):
        return net
    return net.subnetwork(layers=[net.layers[c] for c in codes])


def _layer_metadata(net: ClusterNetwork, codes) -> str:
    return json.dumps(
        {
            "layers": [net.layers[c] for c in codes],
            "directed": [net.directed[net.layers[c]] for c in codes],
        }
    )


def _python_value(v):
    if isinstance(v, np.generic):
        return v.item()
    if v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None if not isinstance(v, float) else v
    return v


def to_igraph(net: ClusterNetwork, layers: str | Iterable[str] | None = None):
    """Convert to an ``igraph.Graph``.

    The graph is directed if any chosen layer is; undirected edges then appear
    once (in canonical orientation). Edge attributes ``layer`` (name) and
    ``weight``; vertex attributes are the actor columns (``id`` included, and
    ``name`` = ``str(id)``); the graph attribute ``clusternet_layers`` (JSON)
    records layer names and directedness so that :func:`from_igraph` restores
    the network exactly.

    Parameters
    ----------
    net : ClusterNetwork
        The network.
    layers : str or iterable of str, optional
        Layers to keep (default: all).

    Returns
    -------
    igraph.Graph

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.datasets.load_florentine_families()
    >>> g = cn.io.to_igraph(net)
    >>> (g.vcount(), g.ecount()) == (net.n_actors, net.n_edges)
    True
    """
    import igraph as ig

    sub = _with_layers(net, layers)
    src, dst, lay, wt = sub.edge_arrays
    directed = any(sub.directed.values())
    g = ig.Graph(
        n=sub.n_actors, edges=np.column_stack([src, dst]).astype(np.int64), directed=directed
    )
    actors = sub.actors
    for col in actors.columns:
        g.vs[col] = [_python_value(v) for v in actors[col].astype(object).tolist()]
    g.vs["name"] = [str(v) for v in actors["id"].tolist()]
    g.es["layer"] = list(np.asarray(sub.layers, dtype=object)[lay]) if sub.n_edges else []
    g.es["weight"] = wt.tolist()
    g["clusternet_layers"] = _layer_metadata(sub, range(len(sub.layers)))
    return g


def from_igraph(
    graph, layer_attr: str = "layer", weight_attr: str = "weight", *, cls
) -> ClusterNetwork:
    """Build a network from an ``igraph.Graph``.

    Vertex attribute ``id`` (else ``name``, else the vertex index) gives the actor
    ids; other vertex attributes become actor columns. Edge attributes
    ``layer_attr`` and ``weight_attr`` are optional. Layer directedness comes from
    the ``clusternet_layers`` graph attribute when present, else from
    ``graph.is_directed()``.
    """
    if not hasattr(graph, "vs") or not hasattr(graph, "es"):
        raise TypeError(f"graph must be an igraph.Graph, got {type(graph).__name__}")
    attrs = graph.vs.attributes()
    table = {a: graph.vs[a] for a in attrs}
    if "id" in table:
        ids = table["id"]
        if "name" in table and [str(i) for i in ids] == table["name"]:
            del table["name"]
    elif "name" in table:
        ids = table.pop("name")
    else:
        ids = list(range(graph.vcount()))
    table["id"] = ids
    actors = pd.DataFrame(table)
    actors = actors[["id", *[c for c in actors.columns if c != "id"]]]
    actors = actors.drop(columns=[c for c in ("tier",) if c in actors.columns])
    edge_attrs = graph.es.attributes()
    pairs = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    id_arr = actors["id"].to_numpy()
    edges = {
        "source": id_arr[pairs[:, 0]] if len(pairs) else [],
        "target": id_arr[pairs[:, 1]] if len(pairs) else [],
    }
    if layer_attr in edge_attrs:
        edges["layer"] = np.asarray(graph.es[layer_attr], dtype=object)
    if weight_attr in edge_attrs:
        edges["weight"] = np.asarray(graph.es[weight_attr], dtype=np.float64)
    raw_meta = graph["clusternet_layers"] if "clusternet_layers" in graph.attributes() else None
    layers, directed = _layers_from_meta(raw_meta)
    if directed is None:
        directed = bool(graph.is_directed())
    if len(pairs) == 0:
        edges = None  # type: ignore[assignment]
    return cls.from_edges(
        edges, actors=actors, directed=directed, layers=layers, allow_self_loops=True
    )


def _layers_from_meta(raw):
    if raw is None:
        return None, None
    try:
        meta = json.loads(raw)
        return list(meta["layers"]), dict(zip(meta["layers"], meta["directed"], strict=True))
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"damaged clusternet_layers graph attribute: {show(raw)}") from None


# ---------------------------------------------------------------------- networkx
def to_networkx(net: ClusterNetwork, layers: str | Iterable[str] | None = None):
    """Convert to a networkx ``MultiDiGraph`` (any directed layer) or ``MultiGraph``.

    Nodes are actor ids with the actor columns as attributes; each edge has the
    attributes ``layer`` and ``weight`` (parallel edges keep their own keys). Undirected edges appear once
    in a MultiDiGraph; the graph attribute ``clusternet_layers`` records which
    layers are undirected.

    Parameters
    ----------
    net : ClusterNetwork
        The network.
    layers : str or iterable of str, optional
        Layers to keep (default: all).

    Returns
    -------
    networkx.MultiGraph or networkx.MultiDiGraph

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.datasets.load_florentine_families()
    >>> g = cn.io.to_networkx(net)
    >>> (g.number_of_nodes(), g.number_of_edges()) == (net.n_actors, net.n_edges)
    True
    """
    import networkx as nx

    sub = _with_layers(net, layers)
    g = nx.MultiDiGraph() if any(sub.directed.values()) else nx.MultiGraph()
    g.graph["clusternet_layers"] = _layer_metadata(sub, range(len(sub.layers)))
    actors = sub.actors
    ids = actors["id"].tolist()
    records = actors.drop(columns=["id"]).astype(object).to_dict(orient="records")
    g.add_nodes_from(
        (i, {k: _python_value(v) for k, v in rec.items()})
        for i, rec in zip(ids, records, strict=True)
    )
    src, dst, lay, wt = sub.edge_arrays
    names = sub.layers
    g.add_edges_from(
        (ids[s], ids[t], {"layer": names[code], "weight": float(w)})
        for s, t, code, w in zip(src.tolist(), dst.tolist(), lay.tolist(), wt.tolist(), strict=True)
    )
    return g


def from_networkx(
    graph, layer_attr: str = "layer", weight_attr: str = "weight", *, cls
) -> ClusterNetwork:
    """Build a network from any networkx graph (nodes become actor ids, node data actor columns)."""
    if not hasattr(graph, "nodes") or not hasattr(graph, "edges"):
        raise TypeError(f"graph must be a networkx graph, got {type(graph).__name__}")
    nodes = list(graph.nodes(data=True))
    actors = pd.DataFrame(
        [{**{k: v for k, v in data.items() if k not in ("id", "tier")}} for _, data in nodes]
    )
    actors.insert(0, "id", [n for n, _ in nodes])
    if len(nodes) == 0:
        actors = pd.DataFrame({"id": []})
    edges = list(graph.edges(data=True))
    if edges:
        table = {
            "source": np.array([u for u, _, _ in edges], dtype=object),
            "target": np.array([v for _, v, _ in edges], dtype=object),
            "weight": np.array([d.get(weight_attr, 1.0) for _, _, d in edges], dtype=np.float64),
        }
        if any(layer_attr in d for _, _, d in edges):
            table[layer_attr] = np.array(
                [d.get(layer_attr, "default") for _, _, d in edges], dtype=object
            )
        edge_arg = table
    else:
        edge_arg = None
    layers, directed = _layers_from_meta(graph.graph.get("clusternet_layers"))
    if directed is None:
        directed = bool(graph.is_directed())
    return cls.from_edges(
        edge_arg,
        actors=actors,
        directed=directed,
        layers=layers,
        layer=layer_attr,
        allow_self_loops=True,
    )
