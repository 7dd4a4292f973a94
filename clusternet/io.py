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
from clusternet._files import atomic_write_bytes, atomic_write_text, temporary_beside
from clusternet._npz import FORMAT_NAME, FORMAT_VERSION, load_file, save
from clusternet._provenance import provenance
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
    "provenance",
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
    """Write a DataFrame atomically as CSV or Parquet (chosen by the suffix).

    Parameters
    ----------
    table : pandas.DataFrame
        The table (its index is not written).
    path : str or os.PathLike
        ``.csv``, ``.tsv``, ``.txt`` or ``.parquet``; the file is replaced
        atomically and honours the umask.

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> from clusternet.io import read_table, write_table
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_table(pd.DataFrame({"id": [1, 2], "size": [10.0, 250.0]}), folder / "firms.csv")
    >>> print((folder / "firms.csv").read_text())
    id,size
    1,10.0
    2,250.0
    <BLANKLINE>
    >>> read_table(folder / "firms.csv")["size"].tolist()
    [10.0, 250.0]
    """
    path = Path(path)
    buf = _io.BytesIO()
    if path.suffix.lower() in (".parquet", ".pq"):
        require_pyarrow()
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
    mmap : bool, default False
        Memory-map the edge arrays and numeric actor columns instead of reading
        them; needs a file saved with ``compress=False``. A ten-million-actor
        network then opens in seconds, processes on one host share its pages,
        and the network pickles as a reference to the file (a sweep sends each
        worker the path, not the arrays). The file must not change while mapped:
        replacing it (a new file moved onto the path, as :func:`clusternet.io.save` does) is safe,
        as the old pages stay mapped; a file truncated in place would make a kernel
        read past its end and die of SIGBUS, so the mapped file's size is checked
        against its arrays before every view is built and a truncated file raises
        a ``ValueError``. A truncation between that check and a kernel's reads
        cannot be caught: do not truncate files that are in use.

    Returns
    -------
    ClusterNetwork
        The network, every array checked (shapes, dtypes, index ranges).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import clusternet as cn
    >>> from clusternet.io import load, save
    >>> net = cn.datasets.load_florentine_families()
    >>> path = Path(tempfile.mkdtemp()) / "florentine.npz"
    >>> save(net, path)
    >>> again = load(path)
    >>> again.n_actors, again.n_edges, again.layers == net.layers
    (16, 35, True)
    """
    return load_file(ClusterNetwork, path, mmap=mmap)


# ---------------------------------------------------------------------- tables
def require_pyarrow() -> None:
    """Raise ``ImportError`` with the install command when pyarrow is missing (before any work).

    Examples
    --------
    Raises only when pyarrow is missing (a base dependency):

    >>> from clusternet.io import require_pyarrow
    >>> require_pyarrow()
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError(
            "reading or writing Parquet needs pyarrow, a dependency of clusternet: "
            "pip install 'pyarrow>=14'"
        ) from None


def read_table(path: str | os.PathLike, **kwargs) -> pd.DataFrame:
    r"""Read a CSV (``.csv``, ``.tsv``, ``.txt``) or Parquet (``.parquet``) table.

    Parameters
    ----------
    path : str or os.PathLike
        The file; the suffix chooses the reader.
    **kwargs
        Passed to :func:`pandas.read_csv` or :func:`pandas.read_parquet`.

    Returns
    -------
    pandas.DataFrame
        The table.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from clusternet.io import read_table
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("id,size\n1,10\n2,250\n")
    >>> read_table(path).shape
    (2, 2)
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.suffix.lower() in (".parquet", ".pq"):
        require_pyarrow()
        return pd.read_parquet(path, **kwargs)
    sep = kwargs.pop("sep", "\t" if path.suffix.lower() == ".tsv" else ",")
    try:
        return pd.read_csv(path, sep=sep, **kwargs)
    except pd.errors.EmptyDataError:
        raise ValueError(
            f"{path} is empty: a table needs at least a header row naming its columns"
        ) from None
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path} is not {exc.encoding} text ({exc.reason} at byte {exc.start}); "
            "save it as UTF-8 or pass encoding="
        ) from None


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
    r"""Read an edge list (CSV or Parquet) and an optional actors table into a network.

    Actor ids are read consistently across both tables: when every id (in
    ``source``, ``target`` and the actors' ``id``) is an integer they are
    integers; when any one is not (``x``, ``A-7``, ``1.5``), all ids are read
    as text exactly as written in the file (``01`` stays ``01``). Errors name
    the offending row of the file.

    Parameters
    ----------
    path : str or os.PathLike
        The edge list.
    actors : str, os.PathLike or pandas.DataFrame, optional
        Actors table with an ``id`` column (and e.g. ``role``, ``size``, ``x``,
        ``y``); without it the actors are the ids in the edge list.
    directed : bool or dict {layer: bool}, optional
        Directedness of every layer or per layer name (default: standard
        layers their standard directedness, transaction and service
        directed; other layers directed).
    source : str, default "source"
        Column of the tie's first actor.
    target : str, default "target"
        Column of the tie's second actor.
    layer : str, default "layer"
        Column of the tie's layer (optional in the file).
    weight : str, default "weight"
        Column of the tie's weight (optional in the file).
    allow_self_loops : bool, default False
        Accept ties from an actor to itself.
    **read_kwargs
        Passed to the table reader (:func:`~clusternet.io.read_table`).

    Returns
    -------
    ClusterNetwork
        The network.

    Raises
    ------
    ValueError
        Naming the row and column of a bad entry (unknown actor, bad weight, ...).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from clusternet.io import read_edgelist
    >>> folder = Path(tempfile.mkdtemp())
    >>> text = "source,target,layer,weight\nA,B,transaction,2.0\nB,C,technology,1.0\n"
    >>> _ = (folder / "edges.csv").write_text(text)
    >>> net = read_edgelist(folder / "edges.csv", directed={"transaction": True, "technology": False})
    >>> net.n_actors, net.n_edges, net.layers, net.ids.tolist()
    (3, 2, ('transaction', 'technology'), ['A', 'B', 'C'])

    An actors table that lacks an id in the edge list gets a message naming the row:

    >>> _ = (folder / "actors.csv").write_text("id,role\nA,producer\nB,supplier\n")
    >>> read_edgelist(folder / "edges.csv", actors=folder / "actors.csv")
    Traceback (most recent call last):
    ...
    ValueError: edge row 1 has unknown target actor id 'C'
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
    for frame, name in id_columns:
        if name in frame.columns and frame[name].isna().any():
            k = int(np.flatnonzero(frame[name].isna().to_numpy())[0])
            table = "edge list" if frame is edges else "actors table"
            raise ValueError(f"{table} column {name!r} row {k}: no actor id (an empty cell)")
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
    """Write ``actors.<fmt>`` and ``edges.<fmt>`` (ids and layer names) into ``folder``.

    Parameters
    ----------
    net : ClusterNetwork
        The network.
    folder : str or os.PathLike
        Created when missing.
    fmt : {"csv", "parquet"}, default "csv"
        Table format.

    Returns
    -------
    dict {"actors": Path, "edges": Path}
        The files written (atomically); :func:`read_edgelist` reads them back.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import clusternet as cn
    >>> from clusternet.io import read_edgelist, write_tables
    >>> net = cn.datasets.load_florentine_families()
    >>> paths = write_tables(net, Path(tempfile.mkdtemp()))
    >>> sorted(p.name for p in paths.values())
    ['actors.csv', 'edges.csv']
    >>> read_edgelist(paths["edges"], actors=paths["actors"]).n_edges
    35
    """
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

    Vertex attribute ``id`` (else ``name``, else the vertex index) gives the
    actor ids; other vertex attributes become actor columns. Layer
    directedness comes from the ``clusternet_layers`` graph attribute when
    present, else from ``graph.is_directed()``.

    Parameters
    ----------
    graph : igraph.Graph
        The graph.
    layer_attr : str, default "layer"
        Edge attribute naming the layer (optional; one layer otherwise).
    weight_attr : str, default "weight"
        Edge attribute with tie weights (optional; 1 otherwise).

    Returns
    -------
    ClusterNetwork
        The network.

    Examples
    --------
    >>> import igraph as ig
    >>> from clusternet.io import from_igraph
    >>> g = ig.Graph(edges=[(0, 1), (1, 2)], directed=True)
    >>> g.vs["name"] = ["a", "b", "c"]
    >>> g.es["weight"] = [2.0, 0.5]
    >>> net = from_igraph(g)
    >>> net.ids.tolist(), net.n_edges, net.edges["weight"].tolist()
    (['a', 'b', 'c'], 2, [2.0, 0.5])
    """
    return _from_igraph(graph, layer_attr, weight_attr, cls=ClusterNetwork)


def from_networkx(graph, layer_attr: str = "layer", weight_attr: str = "weight") -> ClusterNetwork:
    """Build a network from any networkx graph (nodes become actor ids, node data actor columns).

    Parameters
    ----------
    graph : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        The graph.
    layer_attr : str, default "layer"
        Edge attribute naming the layer (optional).
    weight_attr : str, default "weight"
        Edge attribute with tie weights (optional; 1 otherwise).

    Returns
    -------
    ClusterNetwork
        The network.

    Examples
    --------
    >>> import networkx as nx
    >>> from clusternet.io import from_networkx
    >>> g = nx.path_graph(4)
    >>> nx.set_node_attributes(g, {0: 10.0, 1: 20.0, 2: 30.0, 3: 40.0}, "size")
    >>> net = from_networkx(g)
    >>> net.n_actors, net.n_edges, net.column("size").tolist()
    (4, 3, [10.0, 20.0, 30.0, 40.0])
    """
    return _from_networkx(graph, layer_attr, weight_attr, cls=ClusterNetwork)


# ---------------------------------------------------------------------- GraphML
def write_graphml(net: ClusterNetwork, path: str | os.PathLike) -> None:
    """Write GraphML through igraph (atomically). Missing strings are written as ''.

    Parameters
    ----------
    net : ClusterNetwork
        The network; layers and their directedness are stored so that
        :func:`read_graphml` restores them.
    path : str or os.PathLike
        The file.

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import clusternet as cn
    >>> from clusternet.io import read_graphml, write_graphml
    >>> net = cn.datasets.load_florentine_families()
    >>> path = Path(tempfile.mkdtemp()) / "florentine.graphml"
    >>> write_graphml(net, path)
    >>> again = read_graphml(path)
    >>> again.n_edges, again.layers
    (35, ('marriage', 'business'))
    """
    g = to_igraph(net)
    for attr in g.vs.attributes():
        values = g.vs[attr]
        if any(v is None for v in values):
            g.vs[attr] = ["" if v is None else v for v in values]
    path = Path(path)
    fd, tmp = temporary_beside(path)
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
    numeric vertex ids read back as floats are turned into integers.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    layer_attr : str, default "layer"
        Edge attribute naming the layer.
    weight_attr : str, default "weight"
        Edge attribute with tie weights.

    Returns
    -------
    ClusterNetwork
        The network.

    Raises
    ------
    ValueError
        When igraph cannot parse the file.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import clusternet as cn
    >>> from clusternet.io import read_graphml, write_graphml
    >>> path = Path(tempfile.mkdtemp()) / "f.graphml"
    >>> write_graphml(cn.datasets.load_florentine_families(), path)
    >>> read_graphml(path).n_actors
    16
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
    """Read any supported file: ``.npz`` (saved network), ``.graphml``, or a CSV/Parquet edge list.

    Parameters
    ----------
    path : str or os.PathLike
        The file; its suffix chooses :func:`~clusternet.io.load`,
        :func:`~clusternet.io.read_graphml` or :func:`~clusternet.io.read_edgelist`.
    actors : str, os.PathLike or pandas.DataFrame, optional
        Actors table of an edge list.
    **kwargs
        Passed to the reader.

    Returns
    -------
    ClusterNetwork
        The network.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import clusternet as cn
    >>> from clusternet.io import read_network, save, write_tables
    >>> net = cn.datasets.load_florentine_families()
    >>> folder = Path(tempfile.mkdtemp())
    >>> save(net, folder / "net.npz")
    >>> tables = write_tables(net, folder)
    >>> read_network(folder / "net.npz").n_edges
    35
    >>> read_network(tables["edges"], actors=tables["actors"]).n_edges
    35
    """
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
