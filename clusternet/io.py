"""Reading and writing networks: CSV/Parquet tables, ``.npz`` files, GraphML, igraph, networkx.

The ``.npz`` format holds plain arrays only (no pickled objects) and a JSON
metadata record; files are written to a temporary file in the target folder and
moved into place, so a crash never leaves a half-written file behind.
"""

from __future__ import annotations

import io as _io
import json
import os
import tempfile
import threading
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._validate import show
from clusternet._version import __version__
from clusternet.network import ClusterNetwork

FORMAT_NAME = "clusternet-npz"
FORMAT_VERSION = 1
_META_KEY = "__meta__"
_LAYER_META = "clusternet_layers"


# ---------------------------------------------------------------------- atomic writes
_UMASK_LOCK = threading.Lock()


def _file_mode() -> int:
    """The mode ``open()`` would give a new file: ``0o666`` less the process umask."""
    with _UMASK_LOCK:  # reading the umask means setting it; keep that atomic among threads
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A temporary file in ``path``'s folder with the permissions ``open()`` would give.

    ``mkstemp`` creates files with mode 0600; a finished output must be as
    readable as any other file the user writes (shared servers, web folders).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return fd, tmp


def atomic_write_bytes(path: str | os.PathLike, payload: bytes) -> None:
    """Write ``payload`` to ``path`` atomically (temporary file + ``os.replace``).

    The file gets the permissions ``open()`` would give it (``0o666`` less the umask).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_table(table: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a DataFrame atomically as CSV or Parquet (chosen by the suffix)."""
    path = Path(path)
    buf = _io.BytesIO()
    if path.suffix.lower() in (".parquet", ".pq"):
        _require_pyarrow()
        table.to_parquet(buf, index=False)
    else:
        buf.write(table.to_csv(index=False).encode("utf-8"))
    atomic_write_bytes(path, buf.getvalue())


# ---------------------------------------------------------------------- npz
def _encode_column(name: str, series: pd.Series, arrays: dict, meta: list) -> None:
    values = series.to_numpy()
    kind = values.dtype.kind
    key = f"actor:{name}"
    if kind in "biuf" and not isinstance(series.dtype, pd.CategoricalDtype):
        arrays[key] = np.ascontiguousarray(values)
        meta.append({"name": name, "kind": "numeric", "dtype": values.dtype.str})
        return
    if kind == "M":
        arrays[key] = values.astype("datetime64[ns]").view(np.int64)
        meta.append({"name": name, "kind": "datetime"})
        return
    # strings (object, pandas str, categorical): a unicode array plus a missing mask
    na = series.isna().to_numpy()
    objs = series.astype(object).to_numpy()
    non_na = objs[~na]
    if not all(isinstance(v, str) for v in non_na):
        if all(isinstance(v, bool | np.bool_) for v in non_na) and not na.any():
            arrays[key] = np.asarray(objs, dtype=bool)
            meta.append({"name": name, "kind": "numeric", "dtype": "|b1"})
            return
        bad = next(v for v in non_na if not isinstance(v, str))
        raise TypeError(
            f"actor column {show(name)} holds {type(bad).__name__} values; only numbers, booleans, "
            "strings and datetimes can be saved without pickling"
        )
    filled = np.where(na, "", objs)
    arrays[key] = (
        np.asarray(filled.tolist(), dtype=str) if len(filled) else np.empty(0, dtype="<U1")
    )
    arrays[f"actor_na:{name}"] = na
    meta.append(
        {
            "name": name,
            "kind": "string",
            "categorical": isinstance(series.dtype, pd.CategoricalDtype),
            "pandas_str": isinstance(series.dtype, pd.StringDtype),
        }
    )


def save(net: ClusterNetwork, path: str | os.PathLike) -> None:
    """Save ``net`` to one ``.npz`` file (arrays + JSON metadata), atomically.

    Everything is stored as plain arrays: actor ids (int64 or unicode), every
    actor column with its dtype, the canonical edge arrays, layer names and
    directedness. :func:`load` restores the network exactly.
    """
    actors = net.actors
    arrays: dict[str, np.ndarray] = {}
    columns: list[dict] = []
    for name in actors.columns:
        if name == "tier":
            continue  # derived
        _encode_column(name, actors[name], arrays, columns)
    src, dst, lay, wt = net.edge_arrays
    arrays["edge:source"] = np.asarray(src)
    arrays["edge:target"] = np.asarray(dst)
    arrays["edge:layer"] = np.asarray(lay)
    arrays["edge:weight"] = np.asarray(wt)
    meta = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "clusternet_version": __version__,
        "n_actors": net.n_actors,
        "n_edges": net.n_edges,
        "layers": list(net.layers),
        "directed": [net.directed[x] for x in net.layers],
        "columns": columns,
    }
    arrays[_META_KEY] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    buf = _io.BytesIO()
    np.savez_compressed(buf, **arrays)
    atomic_write_bytes(path, buf.getvalue())


def load(path: str | os.PathLike) -> ClusterNetwork:
    """Load a network saved by :func:`save` (never unpickles; checks every array)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    try:
        with np.load(path, allow_pickle=False) as npz:
            files = set(npz.files)
            if _META_KEY not in files:
                raise ValueError(f"{path} is not a clusternet file (no metadata record)")
            meta = json.loads(npz[_META_KEY].tobytes().decode("utf-8"))
            if meta.get("format") != FORMAT_NAME:
                raise ValueError(
                    f"{path} is not a clusternet file (format {show(meta.get('format'))})"
                )
            if int(meta.get("format_version", -1)) > FORMAT_VERSION:
                raise ValueError(
                    f"{path} has format version {meta['format_version']}, newer than this clusternet reads"
                )
            data = {k: npz[k] for k in files if k != _META_KEY}
    except (
        zipfile.BadZipFile,
        EOFError,
        OSError,
        KeyError,
        UnicodeDecodeError,
        json.JSONDecodeError,
    ) as exc:
        raise ValueError(f"{path} is not a readable clusternet file: {exc}") from None
    except ValueError as exc:
        if "pickle" in str(exc).lower():
            raise ValueError(
                f"{path} holds pickled objects; clusternet files never do, refusing to load"
            ) from None
        raise ValueError(f"{path} is not a readable clusternet file: {exc}") from None
    return _decode(meta, data, path)


def _decode(meta: dict, data: dict, path) -> ClusterNetwork:
    try:
        n = int(meta["n_actors"])
        m = int(meta["n_edges"])
        layers = [str(x) for x in meta["layers"]]
        directed = [bool(x) for x in meta["directed"]]
        columns = meta["columns"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: damaged metadata ({exc})") from None
    table = {}
    for col in columns:
        name = col["name"]
        key = f"actor:{name}"
        if key not in data:
            raise ValueError(f"{path}: actor column {show(name)} is missing")
        arr = data[key]
        if arr.shape != (n,):
            raise ValueError(
                f"{path}: actor column {show(name)} has shape {arr.shape}, expected ({n},)"
            )
        if col["kind"] == "numeric":
            if arr.dtype.str != col["dtype"]:
                raise ValueError(
                    f"{path}: actor column {show(name)} has dtype {arr.dtype}, expected {col['dtype']}"
                )
            table[name] = arr
        elif col["kind"] == "datetime":
            table[name] = arr.view("datetime64[ns]")
        elif col["kind"] == "string":
            na = data.get(f"actor_na:{name}")
            if na is None or na.shape != (n,) or na.dtype != bool or arr.dtype.kind != "U":
                raise ValueError(f"{path}: actor column {show(name)} is damaged")
            obj = arr.astype(object)
            obj[na] = None
            if name == "id":
                table[name] = obj
            elif col.get("categorical"):
                table[name] = pd.Categorical(obj)
            elif col.get("pandas_str"):
                table[name] = pd.array(obj, dtype="str") if n else pd.array([], dtype="str")
            else:
                table[name] = obj
        else:
            raise ValueError(f"{path}: unknown column kind {show(col['kind'])}")
    if "id" not in table:
        raise ValueError(f"{path}: actor ids are missing")
    edges = {}
    for key, dtype in (
        ("source", np.int32),
        ("target", np.int32),
        ("layer", np.int16),
        ("weight", np.float64),
    ):
        arr = data.get(f"edge:{key}")
        if arr is None or arr.shape != (m,) or arr.dtype != dtype:
            raise ValueError(f"{path}: edge array {show(key)} is missing or damaged")
        edges[key] = arr
    if len(directed) != len(layers):
        raise ValueError(f"{path}: damaged layer metadata")
    # Validate through the public constructor: index ranges, weights, roles.
    actors = pd.DataFrame(table)
    ids = actors["id"].to_numpy()
    for key in ("source", "target"):
        bad = (edges[key] < 0) | (edges[key] >= n)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise ValueError(f"{path}: edge {k} has an out-of-range {key} index {edges[key][k]}")
    if m and ((edges["layer"] < 0) | (edges["layer"] >= len(layers))).any():
        raise ValueError(f"{path}: an edge has an out-of-range layer code")
    net = ClusterNetwork.from_edges(
        {
            "source": ids[edges["source"]] if n else edges["source"],
            "target": ids[edges["target"]] if n else edges["target"],
            "layer": edges["layer"],
            "weight": edges["weight"],
        },
        actors=actors,
        directed=dict(zip(layers, directed, strict=True)),
        layers=layers,
        allow_self_loops=True,
    )
    return net


# ---------------------------------------------------------------------- tables
def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError(
            "reading or writing Parquet needs pyarrow: pip install 'clusternet[parquet]'"
        ) from None


def read_table(path: str | os.PathLike, **kwargs) -> pd.DataFrame:
    """Read a CSV (``.csv``, ``.tsv``, ``.txt``) or Parquet (``.parquet``) table."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.suffix.lower() in (".parquet", ".pq"):
        _require_pyarrow()
        return pd.read_parquet(path, **kwargs)
    sep = kwargs.pop("sep", "\t" if path.suffix.lower() == ".tsv" else ",")
    return pd.read_csv(path, sep=sep, **kwargs)


def _text_ids(path, read_kwargs: dict, columns: tuple[str, ...]) -> dict:
    """Read options that keep the id columns of a CSV file as text (decided later)."""
    kwargs = dict(read_kwargs)
    if Path(path).suffix.lower() in (".parquet", ".pq") or "dtype" in kwargs:
        return kwargs
    kwargs["dtype"] = dict.fromkeys(columns, str)
    return kwargs


def _is_integer_text(values: pd.Series) -> bool:
    return bool(values.astype(str).str.fullmatch(r"[+-]?\d+").all())


def _consistent_ids(columns: list[tuple[pd.DataFrame, str]]) -> None:
    """Make id columns all integers or all text, in place (missing ids stay missing)."""
    present = [(frame, name) for frame, name in columns if name in frame.columns]
    all_integer = True
    for frame, name in present:
        values = frame[name].dropna()
        kind = values.to_numpy().dtype.kind
        if kind in "iub":
            continue
        if kind == "f":
            if not np.all(np.mod(values.to_numpy(), 1) == 0):
                all_integer = False
            continue
        if not all(isinstance(v, str | int | np.integer) for v in values) or not _is_integer_text(
            values
        ):
            all_integer = False
    for frame, name in present:
        column = frame[name]
        missing = column.isna()
        if all_integer:
            if missing.any():
                continue  # from_edges names the row with the missing id
            frame[name] = column.astype(str).str.strip().astype(np.int64)
        else:
            frame[name] = column.map(_id_text).where(~missing, None)


def _id_text(value) -> str | None:
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return None if value is None else str(value)


def read_edgelist(
    path: str | os.PathLike,
    actors: str | os.PathLike | pd.DataFrame | None = None,
    directed: bool | Mapping[str, bool] | None = None,
    *,
    source: str = "source",
    target: str = "target",
    layer: str = "layer",
    weight: str = "weight",
    allow_self_loops: bool = False,
    **read_kwargs,
) -> ClusterNetwork:
    """Read an edge list (CSV or Parquet) and an optional actors table into a network.

    Columns are named by ``source``, ``target``, ``layer`` and ``weight`` (layer
    and weight optional). ``actors`` may be a path or a DataFrame with an ``id``
    column. Errors name the offending row of the file.

    Actor ids are read consistently across both tables: when every id (in
    ``source``, ``target`` and the actors' ``id``) is an integer they are
    integers; when any one is not (``x``, ``A-7``, ``1.5``), all ids are read
    as text exactly as written in the file (``01`` stays ``01``).
    """
    edges = read_table(path, **_text_ids(path, read_kwargs, (source, target)))
    if isinstance(actors, str | os.PathLike):
        actor_table = read_table(actors, **_text_ids(actors, {}, ("id",)))
    else:
        actor_table = actors
    id_columns = [(edges, source), (edges, target)]
    if actor_table is not None and "id" in actor_table.columns:
        actor_table = actor_table.copy()
        id_columns.append((actor_table, "id"))
    _consistent_ids(id_columns)
    return ClusterNetwork.from_edges(
        edges,
        actors=actor_table,
        directed=directed,
        source=source,
        target=target,
        layer=layer,
        weight=weight,
        allow_self_loops=allow_self_loops,
    )


def write_tables(
    net: ClusterNetwork, folder: str | os.PathLike, fmt: str = "csv"
) -> dict[str, Path]:
    """Write ``actors.<fmt>`` and ``edges.<fmt>`` (ids and layer names) into ``folder``."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"fmt must be 'csv' or 'parquet', got {show(fmt)}")
    folder = Path(folder)
    paths = {"actors": folder / f"actors.{fmt}", "edges": folder / f"edges.{fmt}"}
    write_table(net.actors, paths["actors"])
    write_table(net.edge_table(), paths["edges"])
    return paths


# ---------------------------------------------------------------------- igraph
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
    """
    import igraph as ig

    codes = net.layer_codes(layers)
    sub = (
        net
        if len(codes) == len(net.layers)
        else net.subnetwork(layers=[net.layers[c] for c in codes])
    )
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


def from_igraph(graph, layer_attr: str = "layer", weight_attr: str = "weight") -> ClusterNetwork:
    """Build a network from an ``igraph.Graph``.

    Vertex attribute ``id`` (else ``name``, else the vertex index) gives the actor
    ids; other vertex attributes become actor columns. Edge attributes
    ``layer_attr`` and ``weight_attr`` are optional. Layer directedness comes from
    the ``clusternet_layers`` graph attribute when present, else from
    ``graph.is_directed()``.
    """
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
        edges = None
    return ClusterNetwork.from_edges(
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
    """
    import networkx as nx

    codes = net.layer_codes(layers)
    sub = (
        net
        if len(codes) == len(net.layers)
        else net.subnetwork(layers=[net.layers[c] for c in codes])
    )
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


def from_networkx(graph, layer_attr: str = "layer", weight_attr: str = "weight") -> ClusterNetwork:
    """Build a network from any networkx graph (nodes become actor ids, node data actor columns)."""
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
    return ClusterNetwork.from_edges(
        edge_arg,
        actors=actors,
        directed=directed,
        layers=layers,
        layer=layer_attr,
        allow_self_loops=True,
    )


# ---------------------------------------------------------------------- GraphML
def write_graphml(net: ClusterNetwork, path: str | os.PathLike) -> None:
    """Write GraphML through igraph (atomically). Missing strings are written as ''."""
    g = to_igraph(net)
    for attr in g.vs.attributes():
        values = g.vs[attr]
        if any(v is None for v in values):
            g.vs[attr] = ["" if v is None else v for v in values]
    path = Path(path)
    fd, tmp = _temporary_beside(path)
    os.close(fd)
    try:
        g.write_graphml(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def read_graphml(
    path: str | os.PathLike, layer_attr: str = "layer", weight_attr: str = "weight"
) -> ClusterNetwork:
    """Read a GraphML file through igraph into a network (see :func:`from_igraph`).

    Files written by :func:`write_graphml` round-trip layers and directedness;
    numeric vertex ids read back as floats are turned into integers. A file
    igraph cannot parse raises ValueError.
    """
    import igraph as ig

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    import warnings

    try:
        with warnings.catch_warnings():
            # igraph warns that it cannot add GraphML node ids when an 'id' attribute exists.
            warnings.filterwarnings("ignore", message="Could not add vertex ids")
            g = ig.Graph.Read_GraphML(str(path))
    except Exception as exc:  # igraph raises its own InternalError for malformed XML
        raise ValueError(f"{path} is not readable GraphML: {exc}") from None
    if "id" in g.vs.attributes():
        ids = g.vs["id"]
        if all(isinstance(v, float) and float(v).is_integer() for v in ids):
            g.vs["id"] = [int(v) for v in ids]
    return from_igraph(g, layer_attr=layer_attr, weight_attr=weight_attr)


def read_network(path: str | os.PathLike, actors=None, **kwargs) -> ClusterNetwork:
    """Read any supported file: ``.npz`` (saved network), ``.graphml``, or a CSV/Parquet edge list."""
    suffix = Path(path).suffix.lower()
    if suffix == ".npz":
        return load(path)
    if suffix in (".graphml", ".xml"):
        return read_graphml(path)
    if suffix in (".csv", ".tsv", ".txt", ".parquet", ".pq"):
        return read_edgelist(path, actors=actors, **kwargs)
    raise ValueError(
        f"unsupported file type {show(suffix)}: use .npz, .graphml, .csv, .tsv or .parquet"
    )
