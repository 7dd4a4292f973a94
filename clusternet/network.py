"""The :class:`ClusterNetwork`: actors, one canonical multilayer edge table, cached views.

The class is assembled from one class per idea: the data and its construction
(:mod:`clusternet._network_data`), the matrix views (:mod:`clusternet._network_views`),
the derived networks (:mod:`clusternet._network_derived`) and, here, the summaries
and the igraph and networkx converters.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from clusternet import _bridges
from clusternet._network_derived import NetworkDerivations
from clusternet._network_input import id_array
from clusternet.roles import TIERS

__all__ = ["ClusterNetwork", "id_array"]


class ClusterNetwork(NetworkDerivations):
    """A multilayer network of the actors of an industrial cluster.

    Actors are indexed ``0..N-1``; their own ids are kept in ``actors["id"]``.
    Edges live in one canonical table (``source``, ``target`` as int32 actor
    indices, ``layer`` as a small integer code into :attr:`~clusternet.ClusterNetwork.layers`, ``weight`` > 0).
    Each layer is directed or undirected (:attr:`~clusternet.ClusterNetwork.directed`); an undirected edge is
    stored once, with ``source <= target``. The network is immutable: views such as
    :meth:`~clusternet.ClusterNetwork.csr` are cached, and "changes" (:meth:`~clusternet.ClusterNetwork.subnetwork`, :meth:`~clusternet.ClusterNetwork.with_edges`)
    return new networks.

    Build one with :meth:`~clusternet.ClusterNetwork.from_edges`, :func:`clusternet.read_edgelist`,
    :func:`clusternet.load`, :meth:`~clusternet.ClusterNetwork.from_igraph`, :meth:`~clusternet.ClusterNetwork.from_networkx` or
    :func:`clusternet.generate_cluster`.

    Parameters
    ----------
    actors : DataFrame
        The validated actors table (``id``, ``role``, ``tier``, ``external`` and
        attributes), one row per actor in index order.
    source, target : ndarray of int32, shape (E,)
        Actor indices of each edge's endpoints (``source <= target`` on undirected layers).
    layer : ndarray of int16, shape (E,)
        Each edge's layer code, an index into ``layers``.
    weight : ndarray of float64, shape (E,)
        Positive, finite edge weights.
    layers : sequence of str
        Layer names in code order.
    directed : sequence of bool
        Directedness of each layer, aligned with ``layers``.

    Notes
    -----
    The constructor trusts its input (it neither validates nor canonicalises);
    build networks with the factories above, which validate once.

    Examples
    --------
    >>> import pandas as pd
    >>> import clusternet as cn
    >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
    ...                       "layer": ["transaction", "transaction", "social"]})
    >>> actors = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
    >>> net = cn.ClusterNetwork.from_edges(edges, actors)
    >>> net
    <ClusterNetwork 3 actors (2 core, 1 auxiliary); 3 edges [transaction→2, social—1]>
    >>> net.column("tier").tolist(), net.index_of(["c", "a"]).tolist()
    (['core', 'core', 'auxiliary'], [2, 0])
    """

    __slots__ = ()

    # ------------------------------------------------------------------ summaries
    def actor_counts(self) -> pd.DataFrame:
        """Number of actors per tier and role.

        Returns
        -------
        DataFrame
            Columns ``tier``, ``role``, ``actors``; one row per (tier, role) present.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> print(net.actor_counts().to_string())
                tier        role  actors
        0       core    producer       1
        1       core    supplier       1
        2  auxiliary  university       1
        """
        counts = (
            self._actors.groupby(["tier", "role"], observed=True)
            .size()
            .rename("actors")
            .reset_index()
        )
        order = {t: k for k, t in enumerate(TIERS)}
        counts["_o"] = counts["tier"].map(order)
        return counts.sort_values(["_o", "role"]).drop(columns="_o").reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """One row per layer and one for all layers: edges, density, degree, components.

        Density is :math:`m / (n (n - 1))` for directed layers and :math:`2m / (n (n - 1))`
        for undirected ones (with :math:`m` distinct adjacent pairs of distinct actors:
        self-loops are not counted; 0 when :math:`n < 2`, as networkx); components are
        weakly connected components of the layer over all actors (isolates count).

        Returns
        -------
        DataFrame
            Columns ``layer``, ``directed``, ``edges``, ``total_weight``, ``density``, degree
            statistics and ``components``; the last row, ``(all)``, pools every layer.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> print(net.summary().round(3).iloc[:, :5].to_string(index=False))
              layer  directed  edges  total_weight  density
        transaction      True      2           2.0    0.333
             social     False      1           1.0    0.333
              (all)      True      3           3.0    1.000
        """
        from scipy.sparse.csgraph import connected_components

        self._check_mapped()
        n = self.n_actors
        rows = []
        pairs = max(n * (n - 1), 1)
        for code, name in enumerate(self._layers):
            m_rows = int((self._layer == code).sum())
            a = self.csr(name)
            # pairs of distinct actors: a self-loop ties no pair (networkx's density counts
            # it; here it is left out, as in the pooled row below)
            off_diagonal = a.nnz - int((a.diagonal() != 0).sum())
            distinct = off_diagonal if self._directed[code] else off_diagonal // 2
            density = distinct / pairs if self._directed[code] else 2 * distinct / pairs
            ncomp = (
                connected_components(a, directed=True, connection="weak", return_labels=False)
                if n
                else 0
            )
            rows.append(
                {
                    "layer": name,
                    "directed": self._directed[code],
                    "edges": m_rows,
                    "total_weight": float(self._weight[self._layer == code].sum()),
                    "density": density,
                    "mean_degree": (a.nnz / n) if n else 0.0,
                    "components": int(ncomp),
                }
            )
        if self._layers:
            a = self.csr(direction="both")
            ncomp = connected_components(a, directed=False, return_labels=False) if n else 0
            rows.append(
                {
                    "layer": "(all)",
                    "directed": any(self._directed),
                    "edges": self.n_edges,
                    "total_weight": float(self._weight.sum()),
                    "density": (a.nnz - int((a.diagonal() != 0).sum())) / pairs,
                    "mean_degree": (a.nnz / n) if n else 0.0,
                    "components": int(ncomp),
                }
            )
        return pd.DataFrame(rows)

    def to_igraph(self, layers: str | Iterable[str] | None = None):
        """Convert to an ``igraph.Graph`` (see :func:`clusternet.io.to_igraph`).

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.

        Returns
        -------
        igraph.Graph
            One vertex per actor (attributes from the actors table) and one edge per
            stored edge, with ``layer`` and ``weight`` edge attributes.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> g = net.to_igraph()
        >>> g.vcount(), g.ecount(), sorted(set(g.es['layer']))
        (3, 3, ['social', 'transaction'])
        """
        return _bridges.to_igraph(self, layers)

    def to_networkx(self, layers: str | Iterable[str] | None = None):
        """Convert to a networkx multigraph (see :func:`clusternet.io.to_networkx`).

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.

        Returns
        -------
        networkx.MultiDiGraph or networkx.MultiGraph
            Nodes are actor ids with the actors' attributes; edges carry ``layer`` and
            ``weight`` (directed when any chosen layer is).

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> g = net.to_networkx('transaction')
        >>> g.number_of_nodes(), g.number_of_edges()
        (3, 2)
        """
        return _bridges.to_networkx(self, layers)

    @classmethod
    def from_igraph(
        cls, graph, layer_attr: str = "layer", weight_attr: str = "weight"
    ) -> ClusterNetwork:
        """Build from an ``igraph.Graph`` (see :func:`clusternet.io.from_igraph`).

        Parameters
        ----------
        graph : igraph.Graph
            The graph; vertex attribute ``id`` (else ``name``, else the vertex index)
            gives the actor ids, other vertex attributes become actor columns.
        layer_attr : str, default "layer"
            Edge attribute holding the layer name (one ``default`` layer when absent).
        weight_attr : str, default "weight"
            Edge attribute holding the weight (1 when absent).

        Returns
        -------
        ClusterNetwork

        Examples
        --------
        >>> import igraph as ig
        >>> import clusternet as cn
        >>> g = ig.Graph([(0, 1), (1, 2)], directed=True)
        >>> g.es['layer'] = ['transaction', 'transaction']
        >>> net = cn.ClusterNetwork.from_igraph(g)
        >>> net.n_actors, net.n_edges, net.layers
        (3, 2, ('transaction',))
        """
        return _bridges.from_igraph(graph, layer_attr, weight_attr, cls=cls)

    @classmethod
    def from_networkx(
        cls, graph, layer_attr: str = "layer", weight_attr: str = "weight"
    ) -> ClusterNetwork:
        """Build from a networkx graph (see :func:`clusternet.io.from_networkx`).

        Parameters
        ----------
        graph : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
            The graph; node attributes become actor columns, nodes the ids.
        layer_attr : str, default "layer"
            Edge attribute holding the layer name (one ``default`` layer when absent).
        weight_attr : str, default "weight"
            Edge attribute holding the weight (1 when absent).

        Returns
        -------
        ClusterNetwork

        Examples
        --------
        >>> import networkx as nx
        >>> import clusternet as cn
        >>> net = cn.ClusterNetwork.from_networkx(nx.path_graph(4))
        >>> net.n_actors, net.n_edges, net.layers
        (4, 3, ('default',))
        """
        return _bridges.from_networkx(graph, layer_attr, weight_attr, cls=cls)
