"""The :class:`ClusterNetwork`: actors, one canonical multilayer edge table, cached views."""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet import _bridges
from clusternet._validate import show
from clusternet.kernels.csr import build_csr
from clusternet.roles import CORE_ROLES, ROLES, STANDARD_LAYERS, TIERS

MAX_ACTORS = 2**31 - 1
_DIRECTIONS = ("out", "in", "both")
#: Default directedness of layers that are not standard layers.
DEFAULT_USER_LAYER_DIRECTED = True
_UNIT_INTERVAL_COLUMNS = ("absorptive_capacity", "rd_intensity", "quality")
_NONNEGATIVE_COLUMNS = ("size",)
_FINITE_COLUMNS = ("x", "y")
_RESERVED = ("id", "role", "tier", "external")


def _r(value) -> str:
    """repr of a value with numpy scalars shown as plain Python values."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _edge_label(row_labels, k: int) -> str:
    if row_labels is None:
        return f"edge row {k}"
    return f"edge row {_r(row_labels[k])}"


def _normalise_ids(values: Sequence | np.ndarray, what: str) -> np.ndarray:
    """Return ids as an int64 array (all integers) or an object array of str (all strings)."""
    arr = np.asarray(values)
    if arr.dtype.kind in "iu":
        return arr.astype(np.int64, copy=False)
    if arr.dtype.kind == "b":
        raise TypeError(f"{what} are booleans; use integers or strings as actor ids")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            k = int(np.flatnonzero(~np.isfinite(arr))[0])
            raise ValueError(f"{what} has a missing or non-finite id at position {k}")
        if np.all(arr == np.round(arr)):
            return arr.astype(np.int64)
        k = int(np.flatnonzero(arr != np.round(arr))[0])
        raise TypeError(f"{what} has a non-integer numeric id {_r(arr[k])} at position {k}")
    if arr.dtype.kind == "U":
        return arr.astype(object)
    if arr.dtype.kind == "O" or isinstance(values, pd.Series | pd.Index):
        seq = list(arr.tolist()) if arr.dtype.kind != "O" else list(arr)
        if all(isinstance(v, str) for v in seq):
            return np.array(seq, dtype=object)
        if all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in seq):
            return np.array(seq, dtype=np.int64)
        kinds = sorted({type(v).__name__ for v in seq})
        bad = next(
            (
                k
                for k, v in enumerate(seq)
                if not isinstance(v, str | numbers.Integral) or isinstance(v, bool)
            ),
            None,
        )
        where = f"; first unusable id {show(seq[bad])} at position {bad}" if bad is not None else ""
        raise TypeError(
            f"{what} mix types ({', '.join(kinds)}); actor ids must be all integers or all strings{where}"
        )
    raise TypeError(f"{what} have unsupported dtype {arr.dtype}")


class ClusterNetwork:
    """A multilayer network of the actors of an industrial cluster.

    Actors are indexed ``0..N-1``; their own ids are kept in ``actors["id"]``.
    Edges live in one canonical table (``source``, ``target`` as int32 actor
    indices, ``layer`` as a small integer code into :attr:`layers`, ``weight`` > 0).
    Each layer is directed or undirected (:attr:`directed`); an undirected edge is
    stored once, with ``source <= target``. The network is immutable: views such as
    :meth:`csr` are cached, and "changes" (:meth:`subnetwork`, :meth:`with_edges`)
    return new networks.

    Build one with :meth:`from_edges`, :func:`clusternet.read_edgelist`,
    :func:`clusternet.load`, :meth:`from_igraph`, :meth:`from_networkx` or
    :func:`clusternet.generate_cluster`.
    """

    __slots__ = (
        "_actors",
        "_cache",
        "_directed",
        "_layer",
        "_layers",
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
        source, target, layer, weight : str
            Column names in ``edges``.
        layers : sequence of str, optional
            Layer order (and names when ``layer`` holds integer codes). Default:
            the standard layers that occur, in standard order, then other layers
            in order of appearance.
        default_layer : str
            Layer name used when ``edges`` has no layer column.
        allow_self_loops : bool
            Keep edges from an actor to itself; rejected (with the row) otherwise.
        n_actors : int, optional
            With integer edge arrays and no actors table: the actors are
            ``0..n_actors-1`` (fast path, keeps isolated actors).

        Raises
        ------
        ValueError, TypeError
            Naming the offending row or value: unknown actor id, NaN, infinite,
            zero or negative weight, unknown role or tier, duplicate actor ids,
            mixed id types, self-loops, too many actors, unknown layer codes.
        """
        src_raw, dst_raw, layer_raw, weight_raw, row_labels = _split_edges(
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
                ids = _normalise_ids(
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
        actor_table = _validate_actors(actor_table)
        len(actor_table)

        # ---- endpoints
        src = _map_endpoints(
            src_raw,
            actor_table,
            n_actors_fast=(actors is None and n_actors is not None),
            what="source",
            row_labels=row_labels,
        )
        dst = _map_endpoints(
            dst_raw,
            actor_table,
            n_actors_fast=(actors is None and n_actors is not None),
            what="target",
            row_labels=row_labels,
        )

        # ---- layers
        layer_codes, layer_names = _encode_layers(
            layer_raw, n_edges, layers, default_layer, row_labels
        )
        directed_flags = _resolve_directed(layer_names, directed)

        # ---- weights
        if weight_raw is None:
            w = np.ones(n_edges, dtype=np.float64)
        else:
            try:
                w = np.asarray(weight_raw, dtype=np.float64)
            except (TypeError, ValueError) as exc:
                raise TypeError(f"edge weights must be numeric: {exc}") from None
            bad = ~np.isfinite(w)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(f"{_edge_label(row_labels, k)} has a non-finite weight {_r(w[k])}")
            bad = w <= 0
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"{_edge_label(row_labels, k)} has weight {_r(w[k])}; weights must be > 0"
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
                    f"{_edge_label(row_labels, k)} is a self-loop on actor {show(actor_table['id'].iat[int(src[k])])}; "
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

    # ------------------------------------------------------------------ basic properties
    @property
    def actors(self) -> pd.DataFrame:
        """The actors table (a copy): ``id``, ``role``, ``tier``, ``external`` and attributes."""
        return self._actors.copy()

    @property
    def edges(self) -> pd.DataFrame:
        """The canonical edge table: ``source``, ``target`` (actor indices), ``layer`` (code), ``weight``."""
        return pd.DataFrame(
            {
                "source": self._source,
                "target": self._target,
                "layer": self._layer,
                "weight": self._weight,
            }
        )

    def edge_table(self) -> pd.DataFrame:
        """Edges keyed by actor ids and layer names (for export and reading)."""
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
        """Read-only ``(source int32, target int32, layer int16, weight float64)`` arrays."""
        return self._source, self._target, self._layer, self._weight

    @property
    def layers(self) -> tuple[str, ...]:
        """Layer names; an edge's layer code indexes this tuple."""
        return self._layers

    @property
    def directed(self) -> dict[str, bool]:
        """Directedness per layer name."""
        return dict(zip(self._layers, self._directed, strict=True))

    @property
    def n_actors(self) -> int:
        return len(self._actors)

    @property
    def n_edges(self) -> int:
        return int(self._source.shape[0])

    @property
    def ids(self) -> np.ndarray:
        """Actor ids in actor order."""
        return self._actors["id"].to_numpy()

    def __len__(self) -> int:
        return self.n_actors

    def column(self, name: str) -> np.ndarray:
        """One actor column as a numpy array (no copy of the whole table)."""
        if name not in self._actors.columns:
            raise KeyError(
                f"actors have no column {show(name)}; columns: {list(self._actors.columns)}"
            )
        return self._actors[name].to_numpy()

    def has_column(self, name: str) -> bool:
        return name in self._actors.columns

    def tier_mask(self, *tiers: str) -> np.ndarray:
        """Boolean mask of actors in any of ``tiers``."""
        for t in tiers:
            if t not in TIERS:
                raise ValueError(f"unknown tier {show(t)}; valid tiers: {', '.join(TIERS)}")
        return self._actors["tier"].isin(tiers).to_numpy()

    def role_mask(self, *roles: str) -> np.ndarray:
        """Boolean mask of actors having any of ``roles``."""
        for r in roles:
            if r not in ROLES:
                raise ValueError(f"unknown role {show(r)}; valid roles: {', '.join(ROLES)}")
        return self._actors["role"].isin(roles).to_numpy()

    def index_of(self, ids: Iterable[Hashable] | Hashable) -> np.ndarray | int:
        """Actor indices of user ids; a ValueError names the first unknown id."""
        if self._ids_are_positions() and isinstance(ids, np.ndarray) and ids.dtype.kind in "iu":
            # ids 0..N-1 are their own indices: no hash lookup
            bad = (ids < 0) | (ids >= self.n_actors)
            if bad.any():
                raise ValueError(f"unknown actor id {_r(ids[bad][0])}")
            return ids.astype(np.int64)
        index = self._id_index()
        scalar = not isinstance(ids, list | tuple | np.ndarray | pd.Series | pd.Index)
        values = [ids] if scalar else list(ids)
        pos = index.get_indexer(pd.Index(values, dtype=object if not values else None))
        if (pos < 0).any():
            k = int(np.flatnonzero(pos < 0)[0])
            raise ValueError(f"unknown actor id {_r(values[k])}")
        return int(pos[0]) if scalar else pos.astype(np.int64)

    def _ids_are_positions(self) -> bool:
        if "ids_are_positions" not in self._cache:
            ids = self._actors["id"].to_numpy()
            self._cache["ids_are_positions"] = ids.dtype.kind == "i" and _is_arange(ids)
        return self._cache["ids_are_positions"]

    def _id_index(self) -> pd.Index:
        if "id_index" not in self._cache:
            self._cache["id_index"] = pd.Index(self._actors["id"].to_numpy())
        return self._cache["id_index"]

    def layer_codes(self, layers: str | Iterable[str] | None) -> np.ndarray:
        """Codes of the named layers (all when None); a ValueError names an unknown layer."""
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
        """Adjacency of the chosen layers as a cached ``scipy.sparse.csr_array``.

        Entry ``(i, j)`` sums, over the chosen layers ``l``, ``layer_weights[l] *
        w_l(i -> j)``. Undirected layers count in both orientations; parallel
        edges are summed. ``direction="out"`` puts sources on rows, ``"in"`` puts
        targets on rows (the transpose), ``"both"`` ignores direction
        (``A + A^T`` for directed layers).
        """
        if direction not in _DIRECTIONS:
            raise ValueError(f"direction must be one of {_DIRECTIONS}, got {show(direction)}")
        lw = self.layer_weight_vector(layers, layer_weights)
        key = ("csr", tuple(lw.tolist()), direction, np.dtype(dtype).str)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        symmetric = np.array(
            [(not d) or direction == "both" for d in self._directed], dtype=np.bool_
        )
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

    def supra(self, omega: float = 1.0, layers: Iterable[str] | None = None) -> sp.csr_array:
        """Supra-adjacency matrix of the multiplex (De Domenico et al. 2013).

        Block ``(a, a)`` is the adjacency of layer ``a`` (as :meth:`csr`,
        ``direction="out"``); block ``(a, b)``, ``a != b``, is ``omega * I``
        (categorical inter-layer coupling of each actor with its replicas). Layers
        are in :attr:`layers` order (or the order given). Shape ``(L*N, L*N)``.
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
        """
        keep = np.ones(self.n_actors, dtype=bool)
        if actors is not None:
            arr = np.asarray(actors) if not isinstance(actors, pd.Series) else actors.to_numpy()
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
        """A new network with extra edges (same formats as :meth:`from_edges`, ids as actor ids).

        New layer names are appended to :attr:`layers`; existing layers keep their
        directedness.
        """
        extra = ClusterNetwork.from_edges(
            edges,
            actors=self._actors,
            directed={**self.directed, **_directed_dict(directed)},
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
        """A new network with actor columns added or replaced (validated like the constructor)."""
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
        table = _validate_actors(table.drop(columns=["tier"]))
        return ClusterNetwork(
            table,
            self._source,
            self._target,
            self._layer,
            self._weight,
            self._layers,
            self._directed,
        )

    # ------------------------------------------------------------------ summaries
    def actor_counts(self) -> pd.DataFrame:
        """Number of actors per tier and role."""
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

        Density is ``m / (n (n - 1))`` for directed layers and ``2m / (n (n - 1))``
        for undirected ones (with ``m`` distinct adjacent pairs); components are
        weakly connected components of the layer over all actors (isolates count).
        """
        from scipy.sparse.csgraph import connected_components

        n = self.n_actors
        rows = []
        pairs = max(n * (n - 1), 1)
        for code, name in enumerate(self._layers):
            m_rows = int((self._layer == code).sum())
            a = self.csr(name)
            distinct = (
                a.nnz if self._directed[code] else (a.nnz + int((a.diagonal() != 0).sum())) // 2
            )
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
    def save(self, path) -> None:
        """Save to one ``.npz`` file (arrays plus JSON metadata), written atomically."""
        _bridges.save(self, path)

    def to_igraph(self, layers: str | Iterable[str] | None = None):
        """Convert to an ``igraph.Graph`` (see :func:`clusternet.io.to_igraph`)."""
        return _bridges.to_igraph(self, layers)

    def to_networkx(self, layers: str | Iterable[str] | None = None):
        """Convert to a networkx multigraph (see :func:`clusternet.io.to_networkx`)."""
        return _bridges.to_networkx(self, layers)

    @classmethod
    def from_igraph(
        cls, graph, layer_attr: str = "layer", weight_attr: str = "weight"
    ) -> ClusterNetwork:
        """Build from an ``igraph.Graph`` (see :func:`clusternet.io.from_igraph`)."""
        return _bridges.from_igraph(graph, layer_attr, weight_attr, cls=cls)

    @classmethod
    def from_networkx(
        cls, graph, layer_attr: str = "layer", weight_attr: str = "weight"
    ) -> ClusterNetwork:
        """Build from a networkx graph (see :func:`clusternet.io.from_networkx`)."""
        return _bridges.from_networkx(graph, layer_attr, weight_attr, cls=cls)


# ---------------------------------------------------------------------- helpers
def _directed_dict(directed) -> dict[str, bool]:
    if directed is None:
        return {}
    if isinstance(directed, Mapping):
        return {str(k): bool(v) for k, v in directed.items()}
    raise TypeError("with_edges takes directed as a dict layer -> bool")


def _split_edges(edges, source, target, layer, weight):
    """Return (src, dst, layer or None, weight or None, row labels or None)."""
    if edges is None:
        return np.empty(0, np.int64), np.empty(0, np.int64), None, None, None
    if isinstance(edges, pd.DataFrame):
        for col in (source, target):
            if col not in edges.columns:
                raise ValueError(
                    f"edge table has no column {show(col)}; columns: {list(edges.columns)}"
                )
        lab = edges.index.to_numpy() if not isinstance(edges.index, pd.RangeIndex) else None
        return (
            edges[source].to_numpy(),
            edges[target].to_numpy(),
            edges[layer].to_numpy() if layer in edges.columns else None,
            edges[weight].to_numpy() if weight in edges.columns else None,
            lab,
        )
    if isinstance(edges, Mapping):
        for col in (source, target):
            if col not in edges:
                raise ValueError(f"edges have no {show(col)} entry; keys: {list(edges)}")
        cols = [np.asarray(edges[source]), np.asarray(edges[target])]
        lay = np.asarray(edges[layer]) if layer in edges else None
        wt = np.asarray(edges[weight]) if weight in edges else None
        n = len(cols[0])
        for name, arr in ((target, cols[1]), (layer, lay), (weight, wt)):
            if arr is not None and len(arr) != n:
                raise ValueError(f"edge column {show(name)} has {len(arr)} values, expected {n}")
        return cols[0], cols[1], lay, wt, None
    if isinstance(edges, tuple):
        if not 2 <= len(edges) <= 4:
            raise ValueError("an edge tuple is (source, target[, layer[, weight]])")
        arrs = [np.asarray(a) for a in edges] + [None] * (4 - len(edges))
        n = len(arrs[0])
        for k, arr in enumerate(arrs[1:], start=1):
            if arr is not None and len(arr) != n:
                raise ValueError(f"edge array {k} has {len(arr)} values, expected {n}")
        return arrs[0], arrs[1], arrs[2], arrs[3], None
    arr = np.asarray(edges)
    if (arr.ndim == 2 and arr.shape[1] in (2, 3)) or (arr.ndim == 2 and arr.shape[0] == 0):
        if arr.shape[0] == 0:
            return np.empty(0, np.int64), np.empty(0, np.int64), None, None, None
        return arr[:, 0], arr[:, 1], None, (arr[:, 2] if arr.shape[1] == 3 else None), None
    raise TypeError(
        "edges must be a DataFrame, a dict of arrays, a tuple (source, target[, layer[, weight]]) "
        f"or an (E, 2|3) array; got {type(edges).__name__}"
    )


def _validate_actors(table: pd.DataFrame) -> pd.DataFrame:
    n = len(table)
    if n > MAX_ACTORS:
        raise ValueError(f"{n} actors exceed the limit of {MAX_ACTORS} (int32 indices)")
    ids = _normalise_ids(table["id"].to_numpy(), "actor ids")
    # strictly increasing integer ids (the common 0..N-1 case) cannot repeat: skip the hash table
    dup = (
        np.zeros(n, dtype=bool)
        if ids.dtype.kind == "i" and (n < 2 or bool(np.all(ids[1:] > ids[:-1])))
        else pd.Index(ids).duplicated()
    )
    if dup.any():
        k = int(np.flatnonzero(dup)[0])
        raise ValueError(f"duplicate actor id {_r(ids[k])} at actors row {k}")
    table["id"] = ids
    if "role" in table.columns:
        roles = table["role"].astype(object).to_numpy()
        bad = ~pd.Index(roles).isin(ROLES)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"unknown role {_r(roles[k])} at actors row {k} (id {_r(ids[k])}); valid roles: {', '.join(ROLES)}"
            )
        table["role"] = roles
    else:
        table["role"] = np.full(n, "producer", dtype=object)
    if "external" in table.columns:
        ext = table["external"]
        if ext.isna().any():
            k = int(np.flatnonzero(ext.isna().to_numpy())[0])
            raise ValueError(f"missing 'external' flag at actors row {k} (id {_r(ids[k])})")
        ext_arr = (
            ext.to_numpy().astype(bool)
            if ext.dtype.kind in "biu"
            else np.array([_to_bool(v, k, ids) for k, v in enumerate(ext)], dtype=bool)
        )
        table["external"] = ext_arr
    else:
        ext_arr = np.zeros(n, dtype=bool)
        table["external"] = ext_arr
    role_arr = table["role"].to_numpy()
    # index into a small object array so that a million actors share three str objects
    tier_names = np.asarray(TIERS, dtype=object)
    is_core = pd.Index(role_arr).isin(CORE_ROLES)
    derived = tier_names[np.where(ext_arr, 2, np.where(is_core, 0, 1))]
    if "tier" in table.columns:
        given = table["tier"].astype(object).to_numpy()
        bad = ~pd.Index(given).isin(TIERS)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"unknown tier {_r(given[k])} at actors row {k} (id {_r(ids[k])}); valid tiers: {', '.join(TIERS)}"
            )
        # A table may say tier="external" instead of flagging it.
        ext_from_tier = given == "external"
        if (ext_from_tier & ~ext_arr).any():
            ext_arr = ext_arr | ext_from_tier
            table["external"] = ext_arr
            derived = tier_names[np.where(ext_arr, 2, np.where(is_core, 0, 1))]
        mismatch = given != derived
        if mismatch.any():
            k = int(np.flatnonzero(mismatch)[0])
            raise ValueError(
                f"tier {_r(given[k])} at actors row {k} (id {_r(ids[k])}) contradicts role {_r(role_arr[k])}"
                f" (which gives tier {_r(derived[k])}); tier is derived and may be omitted"
            )
    table["tier"] = derived
    for col in _UNIT_INTERVAL_COLUMNS + _NONNEGATIVE_COLUMNS + _FINITE_COLUMNS:
        if col in table.columns:
            try:
                vals = table[col].to_numpy(dtype=np.float64, na_value=np.nan)
            except (TypeError, ValueError):
                raise TypeError(f"actor column {show(col)} must be numeric") from None
            present = ~np.isnan(vals)
            bad = present & ~np.isfinite(vals)
            if col in _UNIT_INTERVAL_COLUMNS:
                bad |= present & ((vals < 0) | (vals > 1))
                rule = "in [0, 1]"
            elif col in _NONNEGATIVE_COLUMNS:
                bad |= present & (vals < 0)
                rule = ">= 0"
            else:
                rule = "finite"
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"actor column {show(col)} must be {rule}; row {k} (id {_r(ids[k])}) has {_r(vals[k])}"
                )
    front = [c for c in _RESERVED if c in table.columns]
    rest = [c for c in table.columns if c not in _RESERVED]
    return table[[*front, *rest]].reset_index(drop=True)


def _to_bool(v, k, ids) -> bool:
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, str) and v.strip().lower() in ("true", "1", "yes", "y", "t"):
        return True
    if isinstance(v, str) and v.strip().lower() in ("false", "0", "no", "n", "f", ""):
        return False
    if isinstance(v, numbers.Integral) and v in (0, 1):
        return bool(v)
    raise ValueError(f"'external' at actors row {k} (id {_r(ids[k])}) is {show(v)}, not a boolean")


def _map_endpoints(raw, actor_table, *, n_actors_fast: bool, what: str, row_labels) -> np.ndarray:
    raw_arr = np.asarray(raw)
    n = len(actor_table)
    if raw_arr.shape[0] == 0:
        return np.empty(0, dtype=np.int32)
    ids = actor_table["id"].to_numpy()
    if raw_arr.dtype.kind in "iu" and ids.dtype.kind == "i":
        # Fast path: ids are exactly 0..n-1.
        if n_actors_fast or (n and ids[0] == 0 and ids[-1] == n - 1 and _is_arange(ids)):
            bad = (raw_arr < 0) | (raw_arr >= n)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"{_edge_label(row_labels, k)} has unknown {what} actor id {_r(raw_arr[k])}"
                )
            return raw_arr.astype(np.int32, copy=True)
    values = _normalise_ids(raw_arr, f"edge {what} ids")
    if values.dtype != ids.dtype and len(ids):
        # every id of the column has the other type; the first row shows it
        raise TypeError(
            f"{_edge_label(row_labels, 0)}: {what} id {_r(values[0])} is of another type than the actor ids "
            f"(e.g. {_r(ids[0])})"
        )
    pos = pd.Index(ids).get_indexer(values)
    bad = pos < 0
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{_edge_label(row_labels, k)} has unknown {what} actor id {_r(values[k])}"
        )
    return pos.astype(np.int32)


def _is_arange(ids: np.ndarray) -> bool:
    return bool(np.array_equal(ids, np.arange(len(ids), dtype=ids.dtype)))


def _encode_layers(raw, n_edges, layers, default_layer, row_labels):
    if layers is not None:
        layers = [str(x) for x in layers]
        if len(set(layers)) != len(layers):
            raise ValueError(f"layers has duplicate names: {layers}")
    if raw is None:
        names = layers if layers is not None else [default_layer]
        if default_layer not in names:
            names = [*names, default_layer]
        code = names.index(default_layer)
        return np.full(n_edges, code, dtype=np.int16), names
    arr = np.asarray(raw)
    if arr.dtype.kind in "iu":
        if layers is None:
            raise ValueError("integer layer codes need the layer names (layers=[...])")
        bad = (arr < 0) | (arr >= len(layers))
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"{_edge_label(row_labels, k)} has layer code {_r(arr[k])}, but only {len(layers)} layers are named"
            )
        return arr.astype(np.int16), layers
    codes, uniques = pd.factorize(pd.Series(arr, dtype=object), use_na_sentinel=True)
    if (codes < 0).any():
        k = int(np.flatnonzero(codes < 0)[0])
        raise ValueError(f"{_edge_label(row_labels, k)} has a missing layer name")
    found = [str(u) for u in uniques]
    if layers is None:
        std = [name for name in STANDARD_LAYERS if name in found]
        names = std + [name for name in found if name not in STANDARD_LAYERS]
    else:
        missing = [f for f in found if f not in layers]
        if missing:
            first = missing[0]
            k = int(np.flatnonzero(arr.astype(str) == first)[0])
            raise ValueError(
                f"{_edge_label(row_labels, k)} has layer {show(first)}, which is not among layers={layers}"
            )
        names = list(layers)
    if len(names) > np.iinfo(np.int16).max:
        raise ValueError(f"too many layers ({len(names)})")
    remap = np.array([names.index(f) for f in found], dtype=np.int16)
    return remap[codes], names


def _resolve_directed(names: Sequence[str], directed) -> list[bool]:
    if directed is None or isinstance(directed, Mapping):
        # a dict may describe layers that are absent here (with_edges passes the network's own)
        given = dict(directed or {})
        return [
            bool(given[nm]) if nm in given else STANDARD_LAYERS.get(nm, DEFAULT_USER_LAYER_DIRECTED)
            for nm in names
        ]
    if isinstance(directed, bool | np.bool_):
        return [bool(directed)] * len(names)
    raise TypeError(
        f"directed must be a bool or a dict layer -> bool, got {type(directed).__name__}"
    )
