"""One adapter for every graph input: ClusterNetwork, scipy.sparse matrix or igraph.Graph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from clusternet.kernels.csr import kernel_arrays
from clusternet.network import ClusterNetwork


@dataclass
class GraphView:
    """Out-, in- and undirected CSR views of one (aggregated) graph, built lazily."""

    n: int
    directed: bool
    out: sp.csr_array
    _in: sp.csr_array | None = None
    _sym: sp.csr_array | None = None
    _sym_max: sp.csr_array | None = None
    _arrays: dict = field(default_factory=dict)

    @property
    def inn(self) -> sp.csr_array:
        if self._in is None:
            self._in = sp.csr_array(self.out.T) if self.directed else self.out
            self._in.sort_indices()
        return self._in

    @property
    def sym(self) -> sp.csr_array:
        """Undirected view ``A + A^T`` (directed) or ``A`` (undirected)."""
        if self._sym is None:
            self._sym = sp.csr_array(self.out + self.out.T) if self.directed else self.out
            self._sym.sort_indices()
        return self._sym

    @property
    def sym_max(self) -> sp.csr_array:
        """Undirected view keeping the stronger direction's weight (for path lengths ``1 / w``)."""
        if not self.directed:
            return self.out
        if self._sym_max is None:
            self._sym_max = sp.csr_array(self.out.maximum(self.out.T))
            self._sym_max.sort_indices()
        return self._sym_max

    def arrays(self, which: str = "out"):
        """Kernel arrays ``(indptr int64, indices uint32, data float64)`` of a view."""
        if which not in self._arrays:
            attribute = {"out": "out", "in": "inn", "sym": "sym", "sym_max": "sym_max"}[which]
            matrix = getattr(self, attribute)  # build only the view asked for
            self._arrays[which] = kernel_arrays(matrix)
        return self._arrays[which]


def as_graph(
    graph,
    layers: str | Iterable[str] | None = None,
    layer_weights: Mapping[str, float] | None = None,
    weighted: bool = True,
    what: str = "graph",
) -> GraphView:
    """Adapt a ClusterNetwork, a square scipy.sparse matrix or an igraph.Graph.

    Raises ValueError on an empty graph, a non-square matrix, or a negative or
    non-finite weight (naming its position).
    """
    if isinstance(graph, ClusterNetwork):
        if graph.n_actors == 0:
            raise ValueError(f"{what} has no actors")
        codes = graph.layer_codes(layers)
        directed = any(graph.directed[graph.layers[c]] for c in codes)
        chosen = [graph.layers[c] for c in codes]
        out = graph.csr(chosen, layer_weights=layer_weights, direction="out")
        view = GraphView(graph.n_actors, directed, out)
        if directed:
            view._in = graph.csr(chosen, layer_weights=layer_weights, direction="in")
            view._sym = graph.csr(chosen, layer_weights=layer_weights, direction="both")
    else:
        if layers is not None or layer_weights is not None:
            raise TypeError("layers= and layer_weights= apply to a ClusterNetwork only")
        if sp.issparse(graph):
            out = sp.csr_array(graph, dtype=np.float64)
        elif _is_igraph(graph):
            out = _igraph_csr(graph)
        else:
            raise TypeError(
                f"{what} must be a ClusterNetwork, a scipy.sparse matrix or an igraph.Graph, "
                f"got {type(graph).__name__}"
            )
        if out.shape[0] != out.shape[1]:
            raise ValueError(f"{what} must be a square matrix, got shape {out.shape}")
        if out.shape[0] == 0:
            raise ValueError(f"{what} is empty")
        out.sum_duplicates()
        out.eliminate_zeros()
        out.sort_indices()
        _check_weights(out, what)
        directed = (
            bool(_is_igraph(graph) and graph.is_directed())
            if _is_igraph(graph)
            else ((out != out.T).nnz > 0)
        )
        view = GraphView(out.shape[0], directed, out)
    if not weighted:
        view = _unweighted(view)
    return view


def _unweighted(view: GraphView) -> GraphView:
    def ones(m):
        m = m.copy()
        m.data[:] = 1.0
        return m

    # in- and undirected views follow from the 0/1 matrix (a reciprocated pair counts 2 in A + A^T)
    return GraphView(view.n, view.directed, ones(view.out))


def _check_weights(matrix, what: str) -> None:
    data = matrix.data
    bad = ~np.isfinite(data) | (data < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        row = int(np.searchsorted(matrix.indptr, k, side="right") - 1)
        raise ValueError(
            f"{what} has an invalid weight {data[k]!r} at ({row}, {int(matrix.indices[k])}); weights must be finite and >= 0"
        )


def _is_igraph(obj) -> bool:
    return type(obj).__module__.startswith("igraph") and hasattr(obj, "get_edgelist")


def _igraph_csr(g) -> sp.csr_array:
    n = g.vcount()
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    w = (
        np.asarray(g.es["weight"], dtype=np.float64)
        if "weight" in g.es.attributes()
        else np.ones(len(edges))
    )
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"igraph edge {k} has an invalid weight {w[k]!r}; weights must be finite and >= 0"
        )
    rows, cols = edges[:, 0], edges[:, 1]
    if not g.is_directed():
        off = rows != cols
        rows, cols, w = (
            np.concatenate([rows, cols[off]]),
            np.concatenate([cols, rows[off]]),
            np.concatenate([w, w[off]]),
        )
    return sp.csr_array((w, (rows, cols)), shape=(n, n))


def n_threads() -> int:
    """Numba's current thread count (passed into kernels; see DESIGN 2.2 on caching)."""
    import numba

    return int(numba.get_num_threads())
