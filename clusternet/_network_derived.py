"""Networks derived from a cluster network: subnetworks, added ties and columns, renumbering.

:class:`NetworkDerivations` adds them to :class:`~clusternet._network_views.NetworkViews`;
the network is immutable, so each returns a new one. Users meet them as methods of
:class:`~clusternet.ClusterNetwork`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Self

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet._network_input import MAX_ACTORS, directed_dict, id_array, validate_actors
from clusternet._network_views import NetworkViews
from clusternet._validate import show


class NetworkDerivations(NetworkViews):
    """A cluster network's derived networks (the methods of :class:`~clusternet.ClusterNetwork`)."""

    __slots__ = ()

    # ------------------------------------------------------------------ derived networks
    def subnetwork(
        self,
        actors: Iterable[Hashable] | np.ndarray | None = None,
        layers: str | Iterable[str] | None = None,
        tiers: str | Iterable[str] | None = None,
    ) -> Self:
        """A new network restricted to some actors (ids or a boolean mask), layers and tiers.

        Edges with an endpoint outside the kept actors are dropped; kept layers keep
        their names and directedness; actor order is preserved.

        Parameters
        ----------
        actors : iterable of ids or ndarray of bool, optional
            Actor ids to keep, or a boolean mask over actors; all actors when None.
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.
        tiers : str or iterable of str, optional
            Keep only actors of these tiers (combined with ``actors``).

        Returns
        -------
        ClusterNetwork
            A new network; the original is unchanged.

        Examples
        --------
        >>> import clusternet as cn
        >>> net = cn.datasets.load_florentine_families()
        >>> sub = net.subnetwork(layers="marriage")
        >>> sub.n_actors, sub.n_edges, sub.layers
        (16, 20, ('marriage',))
        """
        keep = np.ones(self.n_actors, dtype=bool)
        if actors is not None:
            arr = id_array(actors)
            if arr.dtype == bool:
                if arr.shape != (self.n_actors,):
                    raise ValueError(
                        f"actor mask has shape {arr.shape}, expected ({self.n_actors},)"
                    )
                keep &= arr
            else:
                sel = np.zeros(self.n_actors, dtype=bool)
                sel[self.index_of(list(arr))] = True
                keep &= sel
        if tiers is not None:
            tiers = [tiers] if isinstance(tiers, str) else list(tiers)
            keep &= self.tier_mask(*tiers)
        codes = self.layer_codes(layers)
        new_index = np.full(self.n_actors, -1, dtype=np.int64)
        new_index[keep] = np.arange(int(keep.sum()))
        layer_map = np.full(len(self._layers), -1, dtype=np.int64)
        layer_map[codes] = np.arange(len(codes))
        self._check_mapped()
        emask = keep[self._source] & keep[self._target] & (layer_map[self._layer] >= 0)
        # Re-canonicalise orientation is unnecessary: order is preserved, so src <= dst still holds.
        return type(self)(
            self._actors.loc[keep].reset_index(drop=True),
            new_index[self._source[emask]].astype(np.int32),
            new_index[self._target[emask]].astype(np.int32),
            layer_map[self._layer[emask]].astype(np.int16),
            self._weight[emask].copy(),
            [self._layers[c] for c in codes],
            [self._directed[c] for c in codes],
        )

    def with_edges(
        self,
        edges,
        directed: bool | Mapping[str, bool] | None = None,
        allow_self_loops: bool = False,
        **columns,
    ) -> Self:
        """A new network with extra edges (same formats as :meth:`~clusternet.ClusterNetwork.from_edges`, ids as actor ids).

        New layer names are appended to :attr:`~clusternet.ClusterNetwork.layers`; existing layers keep their
        directedness.

        Parameters
        ----------
        edges : DataFrame, dict of arrays, tuple of arrays or array
            The new edges, in any format :meth:`from_edges` reads; endpoints must be
            ids of existing actors.
        directed : bool or dict, optional
            Directedness of new layers (existing layers keep theirs).
        allow_self_loops : bool, default False
            Keep edges from an actor to itself.
        **columns : str
            Column names in ``edges`` (``source``, ``target``, ``layer``, ``weight``),
            as in :meth:`from_edges`.

        Returns
        -------
        ClusterNetwork
            A new network with the old edges followed by the new ones.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> net = cn.ClusterNetwork.from_edges(pd.DataFrame({"source": ["a"], "target": ["b"]}))
        >>> more = net.with_edges(pd.DataFrame({"source": ["b"], "target": ["a"]}))
        >>> net.n_edges, more.n_edges
        (1, 2)
        """
        extra = type(self).from_edges(
            edges,
            actors=self._actors,
            directed={**self.directed, **directed_dict(directed)},
            layers=None,
            allow_self_loops=allow_self_loops,
            **columns,
        )
        names = list(self._layers)
        flags = list(self._directed)
        for name, flag in zip(extra._layers, extra._directed, strict=True):
            if name not in names:
                names.append(name)
                flags.append(flag)
        remap = np.array([names.index(nm) for nm in extra._layers], dtype=np.int16)
        self._check_mapped()
        extra._check_mapped()
        return type(self)(
            self._actors.copy(),
            np.concatenate([self._source, extra._source]),
            np.concatenate([self._target, extra._target]),
            np.concatenate(
                [self._layer, remap[extra._layer] if extra.n_edges else extra._layer]
            ).astype(np.int16),
            np.concatenate([self._weight, extra._weight]),
            names,
            flags,
        )

    def with_actor_columns(self, **columns) -> Self:
        """A new network with actor columns added or replaced (validated like the constructor).

        Parameters
        ----------
        **columns : array-like
            Column name to values, one value per actor in actor order.

        Returns
        -------
        ClusterNetwork
            A new network sharing the edges; the original is unchanged.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> bigger = net.with_actor_columns(size=[10.0, 25.0, 3.0])
        >>> bigger.column('size').tolist(), net.has_column('size')
        ([10.0, 25.0, 3.0], False)
        """
        table = self._actors.copy()
        for name, values in columns.items():
            if name in ("id", "tier"):
                raise ValueError(f"column {show(name)} cannot be replaced")
            values = np.asarray(values)
            if values.shape[0] != self.n_actors:
                raise ValueError(
                    f"column {show(name)} has {values.shape[0]} values for {self.n_actors} actors"
                )
            table[name] = values
        table = validate_actors(table.drop(columns=["tier"]), MAX_ACTORS)
        return type(self)(
            table,
            self._source,
            self._target,
            self._layer,
            self._weight,
            self._layers,
            self._directed,
        )

    def locality_order(self, by: str | None = None) -> np.ndarray:
        """An actor order that keeps ties close in memory: reverse Cuthill-McKee.

        RCM (Cuthill & McKee 1969; George 1971, via ``scipy.sparse.csgraph``) on all
        layers without direction: a breadth-first order from a peripheral actor,
        reversed, that narrows the band in which each actor's ties fall, so the CSR
        gathers of PageRank, cascades and spillover read nearby memory. With ``by``
        (an actor column such as ``"town"``), actors are grouped by that column first
        (stably, missing values last) and keep the RCM order within a group.

        Parameters
        ----------
        by : str, optional
            An actor column to group actors by before ordering.

        Returns
        -------
        array (n_actors,) of int64: ``order[k]`` is the old index of the actor put at ``k``.

        References
        ----------
        George, A. (1971). Computer implementation of the finite element method.
        Stanford University, STAN-CS-71-208.

        Examples
        --------
        >>> import clusternet as cn
        >>> net = cn.ClusterNetwork.from_edges([("a", "c"), ("c", "b"), ("b", "d")], directed=False)
        >>> net.ids[net.locality_order()].tolist()
        ['d', 'b', 'c', 'a']
        """
        from scipy.sparse.csgraph import reverse_cuthill_mckee

        if self.n_actors == 0:  # the order of no actors (scipy's RCM refuses an empty graph)
            return np.zeros(0, dtype=np.int64)
        pattern = self.csr(direction="both")
        order = np.asarray(reverse_cuthill_mckee(sp.csr_matrix(pattern), symmetric_mode=True))
        if by is not None:
            key = pd.Series(self.column(by)[order])
            codes = pd.factorize(key, sort=True, use_na_sentinel=True)[0].astype(np.int64)
            codes[codes < 0] = codes.max(initial=-1) + 1
            order = order[np.argsort(codes, kind="stable")]
        return order.astype(np.int64)

    def reordered(self, order: np.ndarray | str = "rcm", by: str | None = None) -> Self:
        """The same network with its actors renumbered (ids, attributes and ties unchanged).

        ``order="rcm"`` uses :meth:`locality_order` (with ``by``); an array gives
        ``order[k]`` = the old index of the actor put at ``k``. Every result keyed by
        actor id is the same up to floating-point summation order; arrays indexed by
        actor come in the new order (``net.ids`` says which is which). The edge table
        keeps its order, so edge-aligned inputs still line up.

        Parameters
        ----------
        order : ndarray of int or "rcm", default "rcm"
            A permutation of ``0..n_actors-1``, or ``"rcm"`` for :meth:`locality_order`.
        by : str, optional
            With ``order="rcm"``: the actor column to group by first.

        Returns
        -------
        ClusterNetwork
            The renumbered network.

        Examples
        --------
        >>> import clusternet as cn
        >>> net = cn.ClusterNetwork.from_edges([("a", "c"), ("c", "b")], directed=False)
        >>> net.ids.tolist()
        ['a', 'b', 'c']
        >>> new = net.reordered(np.array([2, 1, 0]))
        >>> new.ids.tolist(), new.edge_table()[["source", "target"]].values.tolist()
        (['c', 'b', 'a'], [['c', 'a'], ['c', 'b']])
        """
        if isinstance(order, str):
            if order != "rcm":
                raise ValueError(
                    f"order must be 'rcm' or an array of actor indices, got {show(order)}"
                )
            order = self.locality_order(by)
        order = np.asarray(order)
        n = self.n_actors
        if order.shape != (n,) or order.dtype.kind not in "iu":
            raise ValueError(f"order must be {n} integer actor indices, got shape {order.shape}")
        position = np.full(n, -1, dtype=np.int64)
        position[order] = np.arange(n)
        if (position < 0).any():
            raise ValueError(
                f"order is not a permutation: actor {int(np.flatnonzero(position < 0)[0])} is missing"
            )
        src = position[self._source].astype(np.int32)
        dst = position[self._target].astype(np.int32)
        undirected = ~np.asarray(self._directed, dtype=bool)[self._layer]
        swap = undirected & (src > dst)  # undirected ties stay stored as source <= target
        src[swap], dst[swap] = dst[swap], src[swap]
        return type(self)(
            self._actors.iloc[order].reset_index(drop=True),
            src,
            dst,
            self._layer,
            self._weight,
            self._layers,
            self._directed,
        )
