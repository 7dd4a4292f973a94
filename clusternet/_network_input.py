"""Turning user input into a ClusterNetwork's canonical arrays: ids, edges, layers, actors.

The validation helpers behind :meth:`clusternet.ClusterNetwork.from_edges`; every
error names the offending row, column or value.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from clusternet._validate import show
from clusternet.roles import CORE_ROLES, ROLES, STANDARD_LAYERS, TIERS

MAX_ACTORS = 2**31 - 1
#: Default directedness of layers that are not standard layers.
DEFAULT_USER_LAYER_DIRECTED = True
_UNIT_INTERVAL_COLUMNS = ("absorptive_capacity", "rd_intensity", "quality")
_NONNEGATIVE_COLUMNS = ("size",)
_FINITE_COLUMNS = ("x", "y")
_RESERVED = ("id", "role", "tier", "external")


def edge_label(row_labels, k: int) -> str:
    if row_labels is None:
        return f"edge row {k}"
    return f"edge row {show(row_labels[k])}"


def non_numeric_weight(values, row_labels, column: str, exc: Exception) -> Exception:
    """The error for weights that are not numbers: the first bad row and the column named.

    Text (a CSV cell such as ``abc``) is a bad value: a ValueError; any other object a
    TypeError.
    """
    for k, v in enumerate(values):
        try:
            float(v)
        except (TypeError, ValueError):
            kind = ValueError if isinstance(v, str | bytes) else TypeError
            return kind(
                f"{edge_label(row_labels, k)} has a non-numeric weight {show(v)} "
                f"(column {column!r}); weights must be numbers > 0"
            )
    return TypeError(f"edge weights (column {column!r}) must be numeric: {exc}")


def _as_array(values) -> np.ndarray:
    r"""``np.asarray(values)``, but strings from a list stay Python objects.

    numpy's fixed-width strings drop trailing NULs, which would merge ids such
    as ``'a\x00'`` and ``'a'``.
    """
    arr = np.asarray(values)
    if arr.dtype.kind == "U" and not isinstance(values, np.ndarray):
        return np.array([str(v) for v in values], dtype=object)
    return arr


def normalise_ids(values: Sequence | np.ndarray, what: str) -> np.ndarray:
    """Return ids as an int64 array (all integers) or an object array of str (all strings)."""
    arr = _as_array(values)
    if arr.dtype.kind in "iu":
        return _int64_ids(arr, what)
    if arr.dtype.kind == "b":
        raise TypeError(f"{what} are booleans; use integers or strings as actor ids")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            k = int(np.flatnonzero(~np.isfinite(arr))[0])
            raise ValueError(f"{what} has a missing or non-finite id at position {k}")
        if np.all(arr == np.round(arr)):
            return arr.astype(np.int64)
        k = int(np.flatnonzero(arr != np.round(arr))[0])
        raise TypeError(f"{what} has a non-integer numeric id {show(arr[k])} at position {k}")
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


# ---------------------------------------------------------------------- helpers
def directed_dict(directed) -> dict[str, bool]:
    if directed is None:
        return {}
    if isinstance(directed, Mapping):
        return {str(k): bool(v) for k, v in directed.items()}
    raise TypeError("with_edges takes directed as a dict layer -> bool")


def unique_columns(table: pd.DataFrame, names, what: str) -> None:
    """Refuse a table in which a column the network reads appears more than once.

    ``table[name]`` of a repeated name is a two-column frame, whose rows would be read as
    ids (pairs of values); which copy was meant is a guess.
    """
    for name in names:
        count = int(np.sum(table.columns == name)) if name in table.columns else 0
        if count > 1:
            raise ValueError(
                f"{what} has {count} columns named {show(name)}; give each column its own name"
            )


def split_edges(edges, source, target, layer, weight):
    """Return (src, dst, layer or None, weight or None, row labels or None)."""
    if edges is None:
        return np.empty(0, np.int64), np.empty(0, np.int64), None, None, None
    if isinstance(edges, pd.DataFrame):
        for col in (source, target):
            if col not in edges.columns:
                raise ValueError(
                    f"edge table has no column {show(col)}; columns: {list(edges.columns)}"
                )
        unique_columns(edges, (source, target, layer, weight), "edge table")
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
        cols = [_column(edges[source], source), _column(edges[target], target)]
        lay = _column(edges[layer], layer, text=False) if layer in edges else None
        wt = _column(edges[weight], weight, text=False) if weight in edges else None
        n = len(cols[0])
        for name, arr in ((target, cols[1]), (layer, lay), (weight, wt)):
            if arr is not None and len(arr) != n:
                raise ValueError(f"edge column {show(name)} has {len(arr)} values, expected {n}")
        return cols[0], cols[1], lay, wt, None
    if isinstance(edges, tuple):
        if not 2 <= len(edges) <= 4:
            raise ValueError("an edge tuple is (source, target[, layer[, weight]])")
        arrs: list[np.ndarray | None] = [_column(a, k) for k, a in enumerate(edges)]
        arrs += [None] * (4 - len(edges))
        n = len(_as_array(edges[0]))
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


@functools.cache
def _text_dtype():
    """The dtype pandas gives a column of Python strings (Arrow-backed ``str`` in pandas 3)."""
    return pd.Series(["a"]).dtype


def text_column(names: Sequence, codes: np.ndarray):
    """``names[codes]`` as the text column pandas makes of an object array.

    Where pandas keeps text in Arrow (pandas 3 with pyarrow), the column is cast
    from a dictionary array — at ten million actors 0.2 s instead of 1.3 s per
    column, same values and dtype; elsewhere the object array itself.
    """
    default = _text_dtype()
    if getattr(default, "storage", None) == "pyarrow":
        import pyarrow as pa

        dictionary = pa.array([str(v) for v in names], type=pa.large_string())
        indices = pa.array(np.ascontiguousarray(codes, dtype=np.int32))
        text = pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.large_string())
        return pd.array(text, dtype=default)
    return np.asarray(names, dtype=object)[codes]


def validate_actors(table: pd.DataFrame, max_actors: int = MAX_ACTORS) -> pd.DataFrame:
    n = len(table)
    if n > max_actors:
        raise ValueError(f"{n} actors exceed the limit of {max_actors} (int32 indices)")
    unique_columns(table, table.columns, "actor table")  # every column is kept by its name
    ids = normalise_ids(table["id"].to_numpy(), "actor ids")
    # strictly increasing integer ids (the common 0..N-1 case) cannot repeat: skip the hash table
    dup = (
        np.zeros(n, dtype=bool)
        if ids.dtype.kind == "i" and (n < 2 or bool(np.all(ids[1:] > ids[:-1])))
        else pd.Index(ids).duplicated()
    )
    if dup.any():
        k = int(np.flatnonzero(dup)[0])
        raise ValueError(f"duplicate actor id {show(ids[k])} at actors row {k}")
    table["id"] = ids
    if "role" in table.columns:
        bad = ~table["role"].isin(ROLES).to_numpy(dtype=bool)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"unknown role {show(table['role'].iat[k])} at actors row {k} (id {show(ids[k])}); valid roles: {', '.join(ROLES)}"
            )
        if table["role"].dtype != _text_dtype():
            # the text dtype pandas gives to strings (already so for most tables: no copy)
            table["role"] = table["role"].astype(object).to_numpy()
    else:
        table["role"] = np.full(n, "producer", dtype=object)
    if n == 0:
        # pandas infers its text dtype from an object array of strings, but an empty one
        # stays object: give the empty network's roles the dtype every other network has
        table["role"] = table["role"].astype(_text_dtype())
    if "external" in table.columns:
        ext = table["external"]
        if ext.isna().any():
            k = int(np.flatnonzero(ext.isna().to_numpy())[0])
            raise ValueError(f"missing 'external' flag at actors row {k} (id {show(ids[k])})")
        ext_arr = (
            ext.to_numpy().astype(bool)
            if ext.dtype.kind in "biu"
            else np.array([_to_bool(v, k, ids) for k, v in enumerate(ext)], dtype=bool)
        )
        table["external"] = ext_arr
    else:
        ext_arr = np.zeros(n, dtype=bool)
        table["external"] = ext_arr
    is_core = table["role"].isin(CORE_ROLES).to_numpy(dtype=bool)
    tier_codes = np.where(ext_arr, 2, np.where(is_core, 0, 1))
    if "tier" in table.columns:
        role_arr = table["role"].to_numpy()
        tier_names = np.asarray(TIERS, dtype=object)
        derived = tier_names[tier_codes]
        given = table["tier"].astype(object).to_numpy()
        bad = ~pd.Index(given).isin(TIERS)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"unknown tier {show(given[k])} at actors row {k} (id {show(ids[k])}); valid tiers: {', '.join(TIERS)}"
            )
        # A table may say tier="external" instead of flagging it.
        ext_from_tier = given == "external"
        if (ext_from_tier & ~ext_arr).any():
            ext_arr = ext_arr | ext_from_tier
            table["external"] = ext_arr
            tier_codes = np.where(ext_arr, 2, np.where(is_core, 0, 1))
            derived = tier_names[tier_codes]
        mismatch = given != derived
        if mismatch.any():
            k = int(np.flatnonzero(mismatch)[0])
            raise ValueError(
                f"tier {show(given[k])} at actors row {k} (id {show(ids[k])}) contradicts role {show(role_arr[k])}"
                f" (which gives tier {show(derived[k])}); tier is derived and may be omitted"
            )
    table["tier"] = text_column(TIERS, tier_codes)
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
                    f"actor column {show(col)} must be {rule}; row {k} (id {show(ids[k])}) has {show(vals[k])}"
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
    raise ValueError(
        f"'external' at actors row {k} (id {show(ids[k])}) is {show(v)}, not a boolean"
    )


def map_endpoints(raw, actor_table, *, n_actors_fast: bool, what: str, row_labels) -> np.ndarray:
    raw_arr = np.asarray(raw)
    n = len(actor_table)
    if raw_arr.shape[0] == 0:
        return np.empty(0, dtype=np.int32)
    ids = actor_table["id"].to_numpy()
    if raw_arr.dtype.kind in "iu" and ids.dtype.kind == "i":
        # Fast path: ids are exactly 0..n-1.
        if n_actors_fast or (n and ids[0] == 0 and ids[-1] == n - 1 and is_arange(ids)):
            bad = (raw_arr < 0) | (raw_arr >= n)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"{edge_label(row_labels, k)} has unknown {what} actor id {show(raw_arr[k])}"
                )
            return raw_arr.astype(np.int32, copy=True)
    values = normalise_ids(raw_arr, f"edge {what} ids")
    if values.dtype != ids.dtype and len(ids):
        # every id of the column has the other type; the first row shows it
        raise TypeError(
            f"{edge_label(row_labels, 0)}: {what} id {show(values[0])} is of another type than the actor ids "
            f"(e.g. {show(ids[0])})"
        )
    pos = pd.Index(ids).get_indexer(values)
    bad = pos < 0
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{edge_label(row_labels, k)} has unknown {what} actor id {show(values[k])}"
        )
    return pos.astype(np.int32)


def is_arange(ids: np.ndarray) -> bool:
    return bool(np.array_equal(ids, np.arange(len(ids), dtype=ids.dtype)))


def encode_layers(raw, n_edges, layers, default_layer, row_labels):
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
                f"{edge_label(row_labels, k)} has layer code {show(arr[k])}, but only {len(layers)} layers are named"
            )
        return arr.astype(np.int16), layers
    codes, uniques = pd.factorize(pd.Series(arr, dtype=object), use_na_sentinel=True)
    if (codes < 0).any():
        k = int(np.flatnonzero(codes < 0)[0])
        raise ValueError(f"{edge_label(row_labels, k)} has a missing layer name")
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
                f"{edge_label(row_labels, k)} has layer {show(first)}, which is not among layers={layers}"
            )
        names = list(layers)
    if len(names) > np.iinfo(np.int16).max:
        raise ValueError(f"too many layers ({len(names)})")
    remap = np.array([names.index(f) for f in found], dtype=np.int16)
    return remap[codes], names


def resolve_directed(names: Sequence[str], directed) -> list[bool]:
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


def _column(values, name, *, text: bool = True) -> np.ndarray:
    """One column of a dict or tuple of edges as a 1-D array (``name``: its key or position).

    ``text``: strings from a list stay Python objects (:func:`_as_array`), as ids need.
    """
    arr = _as_array(values) if text else np.asarray(values)
    if arr.ndim != 1:
        where = f"edge array {name}" if isinstance(name, int) else f"edge column {show(name)}"
        raise ValueError(f"{where} has shape {arr.shape}; each column is 1-D")
    return arr


def _int64_ids(arr: np.ndarray, what: str) -> np.ndarray:
    """Integer ids as int64; unsigned ids above 2**63 - 1 are refused (a cast would wrap them)."""
    if arr.dtype.kind == "u" and arr.size and arr.max() > np.iinfo(np.int64).max:
        k = int(np.flatnonzero(arr > np.iinfo(np.int64).max)[0])
        raise ValueError(f"{what} has an id {show(arr[k])} above 2**63 - 1 at position {k}")
    return arr.astype(np.int64, copy=False)


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


def actor_table_from(actors, n_actors, src_raw, dst_raw, *, max_actors: int) -> pd.DataFrame:
    """The validated actors table of :meth:`~clusternet.ClusterNetwork.from_edges`.

    From ``actors`` (a table with an ``id`` column or a sequence of ids); without it,
    ``0..n_actors-1`` or the sorted ids found in the edges.
    """
    if actors is None:
        if n_actors is not None:
            n_actors = int(n_actors)
            if n_actors < 0 or n_actors > max_actors:
                raise ValueError(f"n_actors must lie in [0, {max_actors}], got {n_actors}")
            actor_table = pd.DataFrame({"id": np.arange(n_actors, dtype=np.int64)})
        else:
            if len(src_raw) == 0:
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
            raise ValueError(f"actors table needs an 'id' column; it has {list(actors.columns)}")
        actor_table = actors.reset_index(drop=True).copy()
    else:
        actor_table = pd.DataFrame({"id": list(actors)})
    return validate_actors(actor_table, max_actors)


def edge_weights(weight_raw, n_edges: int, row_labels, column: str) -> np.ndarray:
    """The edges' weights as an owned float64 array (1 without a weight column).

    Non-numeric, non-finite, zero and negative weights are refused, naming the row.
    """
    if weight_raw is None:
        return np.ones(n_edges, dtype=np.float64)
    try:
        w = np.asarray(weight_raw, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise non_numeric_weight(weight_raw, row_labels, column, exc) from None
    bad = ~np.isfinite(w)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{edge_label(row_labels, k)} has a non-finite weight {show(w[k])}")
    bad = w <= 0
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{edge_label(row_labels, k)} has weight {show(w[k])}; weights must be > 0"
        )
    # own the data: the network is immutable, the caller's array is not
    if np.shares_memory(w, np.asarray(weight_raw)):
        return np.array(w, dtype=np.float64, copy=True)
    return w


def reject_self_loops(src: np.ndarray, dst: np.ndarray, ids: pd.Series, row_labels) -> None:
    """Refuse the first edge from an actor to itself, naming its row and actor."""
    if not len(src):
        return
    loops = src == dst
    if loops.any():
        k = int(np.flatnonzero(loops)[0])
        raise ValueError(
            f"{edge_label(row_labels, k)} is a self-loop on actor {show(ids.iat[int(src[k])])}; "
            "pass allow_self_loops=True to keep self-loops"
        )


def orient_undirected(
    src: np.ndarray, dst: np.ndarray, layer_codes: np.ndarray, directed_flags: Sequence[bool]
) -> tuple[np.ndarray, np.ndarray]:
    """Endpoints with every undirected edge stored as ``source <= target`` (copies if any flip)."""
    undirected_layer = ~np.asarray(directed_flags, dtype=bool)
    if undirected_layer.any() and len(src):
        flip = undirected_layer[layer_codes] & (src > dst)
        if flip.any():
            src, dst = src.copy(), dst.copy()
            src[flip], dst[flip] = dst[flip], src[flip]
    return src, dst
