"""The data of a :class:`~clusternet.ClusterNetwork`: construction, actors, edges and ids.

:class:`NetworkData` holds one canonical multilayer edge table and the validated
actors table, builds them from user input (through :mod:`clusternet._network_input`)
and reads them. The matrix views (:mod:`clusternet._network_views`), the derived
networks (:mod:`clusternet._network_derived`) and the summaries and converters
(:mod:`clusternet.network`) build on it, one class each; users meet all of them as
:class:`~clusternet.ClusterNetwork`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Self

import numpy as np
import pandas as pd

from clusternet import _npz
from clusternet._network_input import (
    MAX_ACTORS,
    actor_table_from,
    edge_weights,
    encode_layers,
    is_arange,
    map_endpoints,
    orient_undirected,
    reject_self_loops,
    resolve_directed,
    split_edges,
    validate_actors,
)
from clusternet._validate import show
from clusternet.roles import ROLES, TIERS


class NetworkData:
    """The arrays of a multilayer cluster network and what reads them.

    The base of :class:`~clusternet.ClusterNetwork`, which documents the constructor's
    parameters (the validated actors table, the canonical edge arrays, the layer names
    and their directedness) and gives examples. The constructor trusts its input; the
    factories validate once.
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
    ) -> Self:
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

        actor_table = actor_table_from(actors, n_actors, src_raw, dst_raw, max_actors=MAX_ACTORS)

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

        w = edge_weights(weight_raw, n_edges, row_labels, weight)
        if not allow_self_loops:
            reject_self_loops(src, dst, actor_table["id"], row_labels)
        src, dst = orient_undirected(src, dst, layer_codes, directed_flags)
        return cls(actor_table, src, dst, layer_codes, w, layer_names, directed_flags)

    @classmethod
    def _from_canonical(
        cls,
        actors: pd.DataFrame,
        edges: Mapping[str, np.ndarray],
        layers: Sequence[str],
        directed: Sequence[bool],
    ) -> Self:
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
