"""The :class:`ClusterNetwork`: actors, one canonical multilayer edge table, cached views."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet import _bridges, _npz
from clusternet._network_input import (
    MAX_ACTORS,
    directed_dict,
    edge_label,
    encode_layers,
    is_arange,
    map_endpoints,
    non_numeric_weight,
    normalise_ids,
    resolve_directed,
    split_edges,
    validate_actors,
)
from clusternet._validate import show
from clusternet.kernels.csr import build_csr, build_pattern
from clusternet.roles import ROLES, TIERS

_DIRECTIONS = ("out", "in", "both")


def id_array(values) -> np.ndarray:
    """Actor ids or a mask as an array, strings kept whole.

    ``np.asarray`` turns a list of strings into a fixed-width unicode array, which drops
    trailing NUL characters (``"a"`` followed by NUL becomes ``"a"``, another actor's id): lists of
    anything but booleans and integers become object arrays instead. A single id becomes
    an array of one; an array or Series comes back as its own values.

    Parameters
    ----------
    values : id, iterable of ids, boolean mask, numpy.ndarray or pandas.Series
        What a caller passed as actors (seeds, sources, a subnetwork's actors).

    Returns
    -------
    numpy.ndarray
        Integer or boolean arrays as given; anything else as an object array of the ids.

    Examples
    --------
    >>> nul = chr(0)
    >>> id_array(["a" + nul, "b"])[0] == "a" + nul, id_array([0, 2]).dtype.kind
    (True, 'i')
    """
    if isinstance(values, pd.Series | pd.Index):
        return values.to_numpy()
    if isinstance(values, np.ndarray):
        return values
    items = (
        [values] if isinstance(values, str) or not isinstance(values, Iterable) else list(values)
    )
    arr = np.asarray(items) if items else np.zeros(0, dtype=np.int64)
    if arr.ndim == 1 and arr.dtype.kind in "biu":
        return arr  # a mask, or integer ids (index_of's fast path)
    return pd.Series(items, dtype=object).to_numpy()


class ClusterNetwork:
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

    __slots__ = (
        "_actors",
        "_cache",
        "_directed",
        "_layer",
        "_layers",
        "_origin",
        "_source",
        "_target",
        "_weight",
    )

    def __init__(
        self,
        actors: pd.DataFrame,
        source: np.ndarray,
        target: np.ndarray,
        layer: np.ndarray,
        weight: np.ndarray,
        layers: Sequence[str],
        directed: Sequence[bool],
    ) -> None:
        # Trusted constructor: arrays are already validated and canonical.
        self._actors = actors
        self._source = source
        self._target = target
        self._layer = layer
        self._weight = weight
        self._layers = tuple(layers)
        self._directed = tuple(bool(d) for d in directed)
        for arr in (source, target, layer, weight):
            arr.flags.writeable = False
        self._cache: dict[Any, Any] = {}
        # (path, size, mtime) of the file a memory-mapped network maps, else None
        self._origin: tuple | None = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_edges(
        cls,
        edges: pd.DataFrame | Mapping | Sequence | np.ndarray | None,
        actors: pd.DataFrame | Sequence | None = None,
        directed: bool | Mapping[str, bool] | None = None,
        *,
        source: str = "source",
        target: str = "target",
        layer: str = "layer",
        weight: str = "weight",
        layers: Sequence[str] | None = None,
        default_layer: str = "default",
        allow_self_loops: bool = False,
        n_actors: int | None = None,
    ) -> ClusterNetwork:
        """Build a network from an edge table and an optional actors table.

        Parameters
        ----------
        edges : DataFrame, dict of arrays, tuple of arrays, (E, 2|3) array or None
            One row per edge with columns ``source``, ``target`` (actor ids),
            optional ``layer`` (name, or integer code into ``layers``) and optional
            ``weight`` (> 0, default 1). A tuple is read as ``(source, target[,
            layer[, weight]])``. ``None`` or an empty table gives a network of
            isolated actors.
        actors : DataFrame or sequence of ids, optional
            One row per actor with an ``id`` column (integers or strings, unique),
            optional ``role`` (see :mod:`clusternet.roles`; default ``producer``),
            optional ``external`` flag and any attributes. ``tier`` is derived; if
            given it must agree with role and ``external``. Without it, the actors
            are the ids found in the edges (sorted).
        directed : bool or dict, optional
            Directedness of every layer (bool) or per layer name. Standard layers
            default to their standard directedness (transaction and service
            directed), other layers to directed.
        source : str, default "source"
            Column of the first actor in ``edges``.
        target : str, default "target"
            Column of the second actor.
        layer : str, default "layer"
            Column of the layer.
        weight : str, default "weight"
            Column of the weight.
        layers : sequence of str, optional
            Layer order (and names when ``layer`` holds integer codes). Default:
            the standard layers that occur, in standard order, then other layers
            in order of appearance.
        default_layer : str, default "default"
            Layer name used when ``edges`` has no layer column.
        allow_self_loops : bool, default False
            Keep edges from an actor to itself; rejected (with the row) otherwise.
        n_actors : int, optional
            With integer edge arrays and no actors table: the actors are
            ``0..n_actors-1`` (fast path, keeps isolated actors).

        Returns
        -------
        ClusterNetwork
            The validated network: actors in ``actors`` order (or sorted ids), edges in
            canonical form, layers in the order described under ``layers``.

        Raises
        ------
        ValueError, TypeError
            Naming the offending row or value: unknown actor id, NaN, infinite,
            zero or negative weight, unknown role or tier, duplicate actor ids,
            mixed id types, self-loops, too many actors, unknown layer codes.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": [1, 2], "target": [2, 3], "weight": [2.0, 1.0]})
        >>> net = cn.ClusterNetwork.from_edges(edges, directed=False)
        >>> net.n_actors, net.n_edges, net.ids.tolist()
        (3, 2, [1, 2, 3])
        """
        src_raw, dst_raw, layer_raw, weight_raw, row_labels = split_edges(
            edges, source, target, layer, weight
        )
        n_edges = len(src_raw)

        # ---- actors
        if actors is None:
            if n_actors is not None:
                n_actors = int(n_actors)
                if n_actors < 0 or n_actors > MAX_ACTORS:
                    raise ValueError(f"n_actors must lie in [0, {MAX_ACTORS}], got {n_actors}")
                actor_table = pd.DataFrame({"id": np.arange(n_actors, dtype=np.int64)})
            else:
                if n_edges == 0:
                    raise ValueError("an empty edge table needs an actors table (or n_actors)")
                ids = normalise_ids(
                    np.concatenate([np.asarray(src_raw), np.asarray(dst_raw)]), "edge ids"
                )
                uniq = pd.unique(ids)
                try:
                    uniq = np.sort(uniq)
                except TypeError:
                    pass
                actor_table = pd.DataFrame({"id": uniq})
        elif isinstance(actors, pd.DataFrame):
            if "id" not in actors.columns:
                raise ValueError(
                    f"actors table needs an 'id' column; it has {list(actors.columns)}"
                )
            actor_table = actors.reset_index(drop=True).copy()
        else:
            actor_table = pd.DataFrame({"id": list(actors)})
        actor_table = validate_actors(actor_table, MAX_ACTORS)
        len(actor_table)

        # ---- endpoints
        src = map_endpoints(
            src_raw,
            actor_table,
            n_actors_fast=(actors is None and n_actors is not None),
            what="source",
            row_labels=row_labels,
        )
        dst = map_endpoints(
            dst_raw,
            actor_table,
            n_actors_fast=(actors is None and n_actors is not None),
            what="target",
            row_labels=row_labels,
        )

        # ---- layers
        layer_codes, layer_names = encode_layers(
            layer_raw, n_edges, layers, default_layer, row_labels
        )
        directed_flags = resolve_directed(layer_names, directed)

        # ---- weights
        if weight_raw is None:
            w = np.ones(n_edges, dtype=np.float64)
        else:
            try:
                w = np.asarray(weight_raw, dtype=np.float64)
            except (TypeError, ValueError) as exc:
                raise non_numeric_weight(weight_raw, row_labels, weight, exc) from None
            bad = ~np.isfinite(w)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"{edge_label(row_labels, k)} has a non-finite weight {show(w[k])}"
                )
            bad = w <= 0
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"{edge_label(row_labels, k)} has weight {show(w[k])}; weights must be > 0"
                )
            # own the data: the network is immutable, the caller's array is not
            w = (
                np.array(w, dtype=np.float64, copy=True)
                if np.shares_memory(w, np.asarray(weight_raw))
                else w
            )

        if not allow_self_loops and n_edges:
            loops = src == dst
            if loops.any():
                k = int(np.flatnonzero(loops)[0])
                raise ValueError(
                    f"{edge_label(row_labels, k)} is a self-loop on actor {show(actor_table['id'].iat[int(src[k])])}; "
                    "pass allow_self_loops=True to keep self-loops"
                )

        # ---- canonical orientation of undirected edges
        undirected_layer = ~np.asarray(directed_flags, dtype=bool)
        if undirected_layer.any() and n_edges:
            flip = undirected_layer[layer_codes] & (src > dst)
            if flip.any():
                src, dst = src.copy(), dst.copy()
                src[flip], dst[flip] = dst[flip], src[flip]
        return cls(actor_table, src, dst, layer_codes, w, layer_names, directed_flags)

    @classmethod
    def _from_canonical(
        cls,
        actors: pd.DataFrame,
        edges: Mapping[str, np.ndarray],
        layers: Sequence[str],
        directed: Sequence[bool],
    ) -> ClusterNetwork:
        """A network from edge arrays already in the canonical form :meth:`from_edges` makes.

        For the library's own builders (the generator), whose ties are canonical by
        construction: ``source``/``target`` int32 actor indices in range, no
        self-loops, undirected pairs as ``source < target``, ``layer`` int16 codes
        into ``layers``, ``weight`` float64, finite and > 0. The actors table is
        validated as :meth:`from_edges` does (it derives ``tier``); the edges are not
        re-checked or copied, which spares seconds at ten million firms. The network
        takes ownership of the arrays and of ``actors``.
        """
        actor_table = validate_actors(actors.reset_index(drop=True), MAX_ACTORS)
        return cls(
            actor_table,
            edges["source"],
            edges["target"],
            edges["layer"],
            edges["weight"],
            list(layers),
            list(directed),
        )

    # ------------------------------------------------------------------ basic properties
    @property
    def actors(self) -> pd.DataFrame:
        """The actors table (a copy): ``id``, ``role``, ``tier``, ``external`` and attributes.

        Returns
        -------
        DataFrame
            One row per actor in index order; changing it leaves the network unchanged.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> list(net.actors.columns)[:4]
        ['id', 'role', 'tier', 'external']
        """
        return self._actors.copy()

    @property
    def edges(self) -> pd.DataFrame:
        """The canonical edge table: ``source``, ``target`` (actor indices), ``layer`` (code), ``weight``.

        Returns
        -------
        DataFrame
            One row per stored edge, in storage order.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> print(net.edges.to_string(index=False))
         source  target  layer  weight
              0       1      0     1.0
              1       2      0     1.0
              0       2      1     1.0
        """
        self._check_mapped()
        return pd.DataFrame(
            {
                "source": self._source,
                "target": self._target,
                "layer": self._layer,
                "weight": self._weight,
            }
        )

    def edge_table(self) -> pd.DataFrame:
        """Edges keyed by actor ids and layer names (for export and reading).

        Returns
        -------
        DataFrame
            Columns ``source``, ``target`` (actor ids), ``layer`` (name) and ``weight``,
            one row per stored edge in storage order.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> print(net.edge_table().to_string(index=False))
        source target       layer  weight
             a      b transaction     1.0
             b      c transaction     1.0
             a      c      social     1.0
        """
        self._check_mapped()
        ids = self._actors["id"].to_numpy()
        return pd.DataFrame(
            {
                "source": ids[self._source],
                "target": ids[self._target],
                "layer": np.asarray(self._layers, dtype=object)[self._layer],
                "weight": self._weight,
            }
        )

    @property
    def edge_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Read-only ``(source int32, target int32, layer int16, weight float64)`` arrays.

        Returns
        -------
        tuple of 4 ndarrays, each of shape (E,)
            The stored edge arrays themselves (not copies; not writeable).

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> src, dst, layer, weight = net.edge_arrays
        >>> src.tolist(), dst.tolist(), layer.tolist(), src.flags.writeable
        ([0, 1, 0], [1, 2, 2], [0, 0, 1], False)
        """
        self._check_mapped()
        return self._source, self._target, self._layer, self._weight

    def _check_mapped(self) -> None:
        """Check edge arrays mapped from a file against the file's size.

        A ValueError if the file was truncated since (a kernel reading past its end
        would die of SIGBUS); nothing for arrays in memory.
        """
        _npz.check_mapped((self._source, self._target, self._layer, self._weight))

    @property
    def layers(self) -> tuple[str, ...]:
        """Layer names; an edge's layer code indexes this tuple.

        Returns
        -------
        tuple of str
            Layer names in code order.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> net.layers
        ('transaction', 'social')
        """
        return self._layers

    @property
    def directed(self) -> dict[str, bool]:
        """Directedness per layer name.

        Returns
        -------
        dict of str to bool
            True for a directed layer, in layer order.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> net.directed
        {'transaction': True, 'social': False}
        """
        return dict(zip(self._layers, self._directed, strict=True))

    @property
    def n_actors(self) -> int:
        """Number of actors (rows of the actors table).

        Returns
        -------
        int

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> net.n_actors
        3
        """
        return len(self._actors)

    @property
    def n_edges(self) -> int:
        """Number of stored ties over all layers (an undirected tie counts once).

        Returns
        -------
        int

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> net.n_edges
        3
        """
        return int(self._source.shape[0])

    @property
    def ids(self) -> np.ndarray:
        """Actor ids in actor order.

        Returns
        -------
        ndarray, shape (n_actors,)
            ``ids[i]`` is the user id of actor ``i``.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> net.ids.tolist()
        ['a', 'b', 'c']
        """
        return self._actors["id"].to_numpy()

    def __len__(self) -> int:
        return self.n_actors

    def column(self, name: str) -> np.ndarray:
        """One actor column as a numpy array (no copy of the whole table).

        Parameters
        ----------
        name : str
            An actor column, e.g. ``"role"``, ``"tier"`` or an attribute; a missing
            column raises a KeyError that lists the available ones.

        Returns
        -------
        ndarray, shape (n_actors,)
            The column's values in actor order.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.column('role').tolist()
        ['supplier', 'producer', 'university']
        """
        if name not in self._actors.columns:
            raise KeyError(
                f"actors have no column {show(name)}; columns: {list(self._actors.columns)}"
            )
        return self._actors[name].to_numpy()

    def has_column(self, name: str) -> bool:
        """Whether the actors table has a column ``name``.

        Parameters
        ----------
        name : str
            Column name.

        Returns
        -------
        bool

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.has_column('role'), net.has_column('size')
        (True, False)
        """
        return name in self._actors.columns

    def tier_mask(self, *tiers: str) -> np.ndarray:
        """Boolean mask of actors in any of ``tiers``.

        Parameters
        ----------
        *tiers : str
            Tier names (``"core"``, ``"auxiliary"``, ``"external"``, see
            :mod:`clusternet.roles`); an unknown tier raises a ValueError.

        Returns
        -------
        ndarray of bool, shape (n_actors,)

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.tier_mask('core').tolist()
        [True, True, False]
        """
        for t in tiers:
            if t not in TIERS:
                raise ValueError(f"unknown tier {show(t)}; valid tiers: {', '.join(TIERS)}")
        return self._actors["tier"].isin(tiers).to_numpy()

    def role_mask(self, *roles: str) -> np.ndarray:
        """Boolean mask of actors having any of ``roles``.

        Parameters
        ----------
        *roles : str
            Role names (see :mod:`clusternet.roles`); an unknown role raises a ValueError.

        Returns
        -------
        ndarray of bool, shape (n_actors,)

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.role_mask('supplier', 'university').tolist()
        [True, False, True]
        """
        for r in roles:
            if r not in ROLES:
                raise ValueError(f"unknown role {show(r)}; valid roles: {', '.join(ROLES)}")
        return self._actors["role"].isin(roles).to_numpy()

    def index_of(self, ids: Iterable[Hashable] | Hashable) -> np.ndarray | int:
        """Actor indices of user ids; a ValueError names the first unknown id.

        Parameters
        ----------
        ids : hashable or iterable of hashable
            One actor id or several (a string counts as one id).

        Returns
        -------
        int or ndarray of int64
            The index of one id, or the indices of several in the order given.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.index_of('c'), net.index_of(['c', 'a']).tolist()
        (2, [2, 0])
        """
        if self._ids_are_positions() and isinstance(ids, np.ndarray) and ids.dtype.kind in "iu":
            # ids 0..N-1 are their own indices: no hash lookup
            bad = (ids < 0) | (ids >= self.n_actors)
            if bad.any():
                raise ValueError(f"unknown actor id {show(ids[bad][0])}")
            return ids.astype(np.int64)
        index = self._id_index()
        scalar = not isinstance(ids, list | tuple | np.ndarray | pd.Series | pd.Index)
        values = [ids] if scalar else list(ids)  # type: ignore[arg-type]
        pos = index.get_indexer(pd.Index(values, dtype=object if not values else None))
        if (pos < 0).any():
            k = int(np.flatnonzero(pos < 0)[0])
            raise ValueError(f"unknown actor id {show(values[k])}")
        return int(pos[0]) if scalar else pos.astype(np.int64)

    def _ids_are_positions(self) -> bool:
        if "ids_are_positions" not in self._cache:
            ids = self._actors["id"].to_numpy()
            self._cache["ids_are_positions"] = ids.dtype.kind == "i" and is_arange(ids)
        return self._cache["ids_are_positions"]

    def _id_index(self) -> pd.Index:
        if "id_index" not in self._cache:
            self._cache["id_index"] = pd.Index(self._actors["id"].to_numpy())
        return self._cache["id_index"]

    def layer_codes(self, layers: str | Iterable[str] | None) -> np.ndarray:
        """Codes of the named layers (all when None); a ValueError names an unknown layer.

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.

        Returns
        -------
        ndarray of int16
            Layer codes in the order named (all codes in order when None).

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.layers, net.layer_codes('social').tolist(), net.layer_codes(None).tolist()
        (('transaction', 'social'), [1], [0, 1])
        """
        if layers is None:
            return np.arange(len(self._layers), dtype=np.int64)
        if isinstance(layers, str):
            layers = [layers]
        codes = []
        for name in layers:
            if name not in self._layers:
                raise ValueError(
                    f"unknown layer {show(name)}; this network has layers {list(self._layers)}"
                )
            codes.append(self._layers.index(name))
        if not codes:
            raise ValueError("layers must name at least one layer")
        return np.asarray(codes, dtype=np.int64)

    # ------------------------------------------------------------------ views
    def layer_weight_vector(
        self,
        layers: str | Iterable[str] | None = None,
        layer_weights: Mapping[str, float] | Sequence[float] | None = None,
    ) -> np.ndarray:
        """One multiplier per layer code: ``layer_weights`` for the chosen layers, 0 elsewhere.

        ``layer_weights`` is a dict by layer name (unnamed chosen layers get 1)
        or one value per chosen layer; values must be finite and >= 0.

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.
        layer_weights : dict of str to float or sequence of float, optional
            Multipliers of the chosen layers (default 1 each).

        Returns
        -------
        ndarray of float64, shape (n_layers,)
            Indexed by layer code.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> net.layer_weight_vector('social').tolist()
        [0.0, 1.0]
        >>> net.layer_weight_vector(None, {'transaction': 2.0, 'social': 0.5}).tolist()
        [2.0, 0.5]
        """
        codes = self.layer_codes(layers)
        lw = np.zeros(len(self._layers), dtype=np.float64)
        if layer_weights is None:
            lw[codes] = 1.0
        elif isinstance(layer_weights, Mapping):
            unknown = set(layer_weights) - {self._layers[c] for c in codes}
            if unknown:
                raise ValueError(
                    f"layer_weights names layers {sorted(unknown)} that are not among the chosen layers "
                    f"{[self._layers[c] for c in codes]}"
                )
            lw[codes] = 1.0
            for name, value in layer_weights.items():
                value = float(value)
                if not np.isfinite(value) or value < 0:
                    raise ValueError(
                        f"layer weight of {show(name)} must be finite and >= 0, got {show(value)}"
                    )
                lw[self._layers.index(name)] = value
        else:
            values = np.asarray(layer_weights, dtype=np.float64)
            if values.shape != codes.shape:
                raise ValueError(
                    f"layer_weights has {values.size} values for {codes.size} chosen layers"
                )
            if not np.all(np.isfinite(values)) or (values < 0).any():
                raise ValueError(f"layer weights must be finite and >= 0, got {values.tolist()}")
            lw[codes] = values
        return lw

    def csr(
        self,
        layers: str | Iterable[str] | None = None,
        layer_weights: Mapping[str, float] | Sequence[float] | None = None,
        direction: str = "out",
        dtype=np.float64,
    ) -> sp.csr_array:
        r"""Adjacency of the chosen layers as a cached ``scipy.sparse.csr_array``.

        Entry :math:`(i, j)` is :math:`A_{ij} = \sum_l \lambda_l\, w_l(i \to j)` over the
        chosen layers :math:`l`, with :math:`\lambda_l` = ``layer_weights[l]`` and
        :math:`w_l(i \to j)` the tie's weight. Undirected layers count in both orientations; parallel
        edges are summed. ``direction="out"`` puts sources on rows, ``"in"`` puts
        targets on rows (the transpose), ``"both"`` ignores direction
        (:math:`A + A^\top` for directed layers).

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.
        layer_weights : dict of str to float or sequence of float, optional
            Multiplier :math:`\lambda_l` of each chosen layer (default 1), as in
            :meth:`layer_weight_vector`.
        direction : {"out", "in", "both"}, default "out"
            Orientation of directed layers, as above.
        dtype : numpy dtype, default float64
            Value type of the matrix.

        Returns
        -------
        scipy.sparse.csr_array, shape (n_actors, n_actors)
            :math:`A_{ij} = \sum_l \lambda_l\, w_l(i \to j)`, with sorted indices and
            summed duplicates; cached per arguments, so treat it as read-only.

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "layer": "transaction"})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> print(net.csr("transaction").toarray())
        [[0. 1. 0.]
         [0. 0. 1.]
         [0. 0. 0.]]
        >>> print(net.csr("transaction", direction="both").toarray())
        [[0. 1. 0.]
         [1. 0. 1.]
         [0. 1. 0.]]
        """
        if direction not in _DIRECTIONS:
            raise ValueError(f"direction must be one of {_DIRECTIONS}, got {show(direction)}")
        lw = self.layer_weight_vector(layers, layer_weights)
        key = ("csr", tuple(lw.tolist()), direction, np.dtype(dtype).str)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        symmetric = self._symmetric_layers(direction)
        self._check_mapped()
        indptr, indices, data = build_csr(
            self.n_actors,
            self._source,
            self._target,
            self._weight,
            self._layer,
            lw,
            symmetric,
            transpose=(direction == "in"),
        )
        if np.dtype(dtype) != np.float64:
            data = data.astype(dtype)
        if indices.shape[0] < np.iinfo(np.int32).max:
            # scipy would otherwise upcast the column indices to int64 to match indptr
            indptr = indptr.astype(np.int32)
        matrix = sp.csr_array((data, indices, indptr), shape=(self.n_actors, self.n_actors))
        matrix.has_sorted_indices = True
        self._cache[key] = matrix
        return matrix

    def _symmetric_layers(self, direction: str) -> np.ndarray:
        """Per layer: whether a view in ``direction`` holds its ties both ways."""
        return np.array([(not d) or direction == "both" for d in self._directed], dtype=np.bool_)

    def neighbour_lists(
        self, layers: str | Iterable[str] | None = None, direction: str = "out"
    ) -> tuple[np.ndarray, np.ndarray]:
        """Who is tied to whom in the chosen layers, without weights (cached).

        The sparsity pattern of :meth:`csr` with the same ``layers`` and
        ``direction``: ``indices[indptr[i]:indptr[i + 1]]`` are the distinct
        neighbours of actor ``i``, sorted. Built by the same counting sort
        without values (about half the memory traffic), for traversals that
        need no weights (BFS, cascades, counts).

        Parameters
        ----------
        layers : str or iterable of str, optional
            Layer name(s) to use; all layers when None. An unknown name raises a
            ValueError that names it.
        direction : {"out", "in", "both"}, default "out"
            Orientation of directed layers, as in :meth:`csr`.

        Returns
        -------
        indptr : ndarray of int64, shape (n_actors + 1,)
        indices : ndarray of int32

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> indptr, indices = net.neighbour_lists('transaction')
        >>> indptr.tolist(), indices.tolist()
        ([0, 1, 2, 2], [1, 2])
        """
        if direction not in _DIRECTIONS:
            raise ValueError(f"direction must be one of {_DIRECTIONS}, got {show(direction)}")
        chosen = (self.layer_weight_vector(layers) > 0).astype(np.float64)
        key = ("pattern", tuple(chosen.tolist()), direction)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        symmetric = self._symmetric_layers(direction)
        self._check_mapped()
        pattern = build_pattern(
            self.n_actors,
            self._source,
            self._target,
            self._layer,
            chosen,
            symmetric,
            transpose=(direction == "in"),
        )
        for array in pattern:
            array.flags.writeable = False
        self._cache[key] = pattern
        return pattern

    def supra(self, omega: float = 1.0, layers: Iterable[str] | None = None) -> sp.csr_array:
        r"""Supra-adjacency matrix of the multiplex (De Domenico et al. 2013).

        Block :math:`(a, a)` is the adjacency :math:`A^{(a)}` of layer :math:`a` (as
        :meth:`~clusternet.ClusterNetwork.csr`, ``direction="out"``); block :math:`(a, b)`,
        :math:`a \ne b`, is :math:`\omega I_N` (categorical inter-layer coupling of each
        actor with its replicas). Layers are in :attr:`~clusternet.ClusterNetwork.layers`
        order (or the order given). Shape :math:`(LN, LN)` for :math:`L` layers of
        :math:`N` actors.

        Parameters
        ----------
        omega : float, default 1.0
            Inter-layer coupling :math:`\omega \ge 0` between an actor's replicas.
        layers : iterable of str, optional
            Layers (blocks) in the order wanted; all layers when None.

        Returns
        -------
        scipy.sparse.csr_array, shape (L * N, L * N)
            The supra-adjacency :math:`\mathcal{A} = \bigoplus_a A^{(a)} + \omega\, (J_L - I_L) \otimes I_N`.

        Examples
        --------
        Two layers of three actors: the layer blocks on the diagonal, :math:`\omega I`
        off it.

        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> net = cn.ClusterNetwork.from_edges(edges)
        >>> print(net.supra(omega=1.0).toarray())
        [[0. 1. 0. 1. 0. 0.]
         [0. 0. 1. 0. 1. 0.]
         [0. 0. 0. 0. 0. 1.]
         [1. 0. 0. 0. 0. 1.]
         [0. 1. 0. 0. 0. 0.]
         [0. 0. 1. 1. 0. 0.]]
        """
        omega = float(omega)
        if not np.isfinite(omega) or omega < 0:
            raise ValueError(f"omega must be finite and >= 0, got {show(omega)}")
        names = (
            list(self._layers)
            if layers is None
            else [self._layers[c] for c in self.layer_codes(layers)]
        )
        n = self.n_actors
        blocks = []
        for a, name_a in enumerate(names):
            row = []
            for b in range(len(names)):
                if a == b:
                    row.append(self.csr(name_a))
                elif omega != 0:
                    row.append(sp.identity(n, format="csr") * omega)
                else:
                    row.append(None)
            blocks.append(row)
        if len(names) == 1:
            return sp.csr_array(self.csr(names[0]))
        return sp.csr_array(sp.block_array(blocks, format="csr"))

    # ------------------------------------------------------------------ derived networks
    def subnetwork(
        self,
        actors: Iterable[Hashable] | np.ndarray | None = None,
        layers: str | Iterable[str] | None = None,
        tiers: str | Iterable[str] | None = None,
    ) -> ClusterNetwork:
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
        return ClusterNetwork(
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
    ) -> ClusterNetwork:
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
        extra = ClusterNetwork.from_edges(
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
        return ClusterNetwork(
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

    def with_actor_columns(self, **columns) -> ClusterNetwork:
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
        return ClusterNetwork(
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
        >>> net = ClusterNetwork.from_edges([("a", "c"), ("c", "b"), ("b", "d")], directed=False)
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

    def reordered(self, order: np.ndarray | str = "rcm", by: str | None = None) -> ClusterNetwork:
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
        >>> net = ClusterNetwork.from_edges([("a", "c"), ("c", "b")], directed=False)
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
        return ClusterNetwork(
            self._actors.iloc[order].reset_index(drop=True),
            src,
            dst,
            self._layer,
            self._weight,
            self._layers,
            self._directed,
        )

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

    def __repr__(self) -> str:
        tiers = self._actors["tier"].value_counts()
        tier_txt = ", ".join(f"{int(tiers.get(t, 0))} {t}" for t in TIERS if tiers.get(t, 0))
        layer_counts = (
            np.bincount(self._layer, minlength=len(self._layers))
            if self.n_edges
            else np.zeros(len(self._layers), int)
        )
        layer_txt = ", ".join(
            f"{name}{'→' if d else '—'}{int(c)}"
            for name, d, c in zip(self._layers, self._directed, layer_counts, strict=True)
        )
        return f"<ClusterNetwork {self.n_actors} actors ({tier_txt or 'none'}); {self.n_edges} edges [{layer_txt}]>"

    # ------------------------------------------------------------------ io delegates
    def save(self, path, compress: bool = True) -> None:
        """Save to one ``.npz`` file (arrays plus JSON metadata), written atomically.

        ``compress=False`` stores the arrays uncompressed so that
        :func:`clusternet.load` with ``mmap=True`` can memory-map them.

        Parameters
        ----------
        path : str or path-like
            The ``.npz`` file to write (replaced when it exists).
        compress : bool, default True
            Compress the arrays (False: memory-mappable on load).

        Examples
        --------
        >>> import pandas as pd
        >>> import clusternet as cn
        >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
        ...                       "layer": ["transaction", "transaction", "social"]})
        >>> roles = pd.DataFrame({"id": ["a", "b", "c"], "role": ["supplier", "producer", "university"]})
        >>> net = cn.ClusterNetwork.from_edges(edges, roles)
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / 'net.npz'
        >>> net.save(path)
        >>> cn.load(path).edge_table().equals(net.edge_table())
        True
        """
        _npz.save(self, path, compress=compress)

    # ------------------------------------------------------------------ pickling
    def __reduce__(self):
        # A memory-mapped network travels as its file (each process maps the same
        # pages); any other as its arrays and actors, without the cached views.
        if self._origin is not None:
            return (_npz.load_mapped, self._origin)
        return (
            type(self),
            (
                self._actors,
                np.asarray(self._source),
                np.asarray(self._target),
                np.asarray(self._layer),
                np.asarray(self._weight),
                self._layers,
                self._directed,
            ),
        )

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
