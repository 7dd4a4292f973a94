"""Reading and writing networks: CSV/Parquet tables, ``.npz`` files, GraphML, igraph, networkx.

The ``.npz`` format holds plain arrays only (no pickled objects) and a JSON
metadata record; files are written to a temporary file in the target folder and
moved into place, so a crash never leaves a half-written file behind.
"""

from __future__ import annotations

import io as _io
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._bridges import from_igraph as _from_igraph
from clusternet._bridges import from_networkx as _from_networkx
from clusternet._bridges import to_igraph, to_networkx
from clusternet._files import _temporary_beside, atomic_write_bytes, atomic_write_text
from clusternet._npz import FORMAT_NAME, FORMAT_VERSION, load_file, save
from clusternet._validate import show
from clusternet.network import ClusterNetwork

_LAYER_META = "clusternet_layers"

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "atomic_write_bytes",
    "atomic_write_text",
    "from_igraph",
    "from_networkx",
    "load",
    "read_edgelist",
    "read_graphml",
    "read_network",
    "read_table",
    "save",
    "to_igraph",
    "to_networkx",
    "write_graphml",
    "write_table",
    "write_tables",
]


# ---------------------------------------------------------------------- atomic writes
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
def load(path: str | os.PathLike, mmap: bool = False) -> ClusterNetwork:
    """Load a network saved by :func:`clusternet.io.save` (never unpickles; checks every array).

    Parameters
    ----------
    path : path
        A ``.npz`` file written by :func:`clusternet.io.save` or ``ClusterNetwork.save``.
    mmap : bool
        Memory-map the edge arrays and numeric actor columns instead of reading
        them; needs a file saved with ``compress=False``. A ten-million-actor
        network then opens in seconds, processes on one host share its pages,
        and the network pickles as a reference to the file (a sweep sends each
        worker the path, not the arrays). The file must not change while mapped.
    """
    return load_file(ClusterNetwork, path, mmap=mmap)


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
            frame[name] = _int64_ids(column, name)
        else:
            frame[name] = column.map(_id_text).where(~missing, None)


def _int64_ids(column: pd.Series, name: str) -> pd.Series:
    """Integer ids as int64, or a ValueError naming the first one beyond its range."""
    kind = column.dtype.kind
    if kind in "ib":
        return column.astype(np.int64)
    if kind in "uf":
        values = column.to_numpy()
        bad = (values >= 2**63) if kind == "u" else (np.abs(values) >= 2**63)
        texts = pd.Series([str(int(v)) for v in values[bad][:1]], dtype=object)
        if bad.any():
            _beyond_int64(name, int(np.flatnonzero(bad)[0]), texts.iloc[0])
        return column.astype(np.int64)
    texts = column.astype(str).str.strip()
    for k, text in enumerate(texts):
        if not -(2**63) <= int(text) < 2**63:
            _beyond_int64(name, k, text)
    return texts.astype(np.int64)


def _beyond_int64(name: str, row: int, text: str) -> None:
    raise ValueError(
        f"column {show(name)} row {row}: id {text} is an integer beyond the 64-bit range "
        "[-2**63, 2**63); give such ids as text (e.g. with a letter prefix) or as smaller integers"
    )


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
def from_igraph(graph, layer_attr: str = "layer", weight_attr: str = "weight") -> ClusterNetwork:
    """Build a network from an ``igraph.Graph``.

    Vertex attribute ``id`` (else ``name``, else the vertex index) gives the actor
    ids; other vertex attributes become actor columns. Edge attributes
    ``layer_attr`` and ``weight_attr`` are optional. Layer directedness comes from
    the ``clusternet_layers`` graph attribute when present, else from
    ``graph.is_directed()``.
    """
    return _from_igraph(graph, layer_attr, weight_attr, cls=ClusterNetwork)


def from_networkx(graph, layer_attr: str = "layer", weight_attr: str = "weight") -> ClusterNetwork:
    """Build a network from any networkx graph (nodes become actor ids, node data actor columns)."""
    return _from_networkx(graph, layer_attr, weight_attr, cls=ClusterNetwork)


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
