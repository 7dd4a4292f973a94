"""The ``.npz`` file format of a ClusterNetwork: save, load, memory-map.

A file holds plain arrays only (no pickled objects) and a JSON metadata record;
it is written to a temporary file beside the target and moved into place, so a
crash never leaves a half-written file. Saved with ``compress=False`` the arrays
are stored as they are, and :func:`clusternet.io.load` with ``mmap=True`` maps them into
memory: a ten-million-actor network opens in about a second and every process
on the host that maps the same file shares its pages. A mapped file must not be
truncated while it is in use (replacing it with a new file is safe): the
network checks the file's size against its arrays before each view is built
(:func:`check_mapped`) and raises a ValueError instead of letting a kernel
read past the end (which would kill the process with SIGBUS). A memory-mapped network
pickles as a reference to its file (``ClusterNetwork.__reduce__``), so sending it
to sweep workers costs a path, not a copy.

This module does not import :mod:`clusternet.network`: readers take the network
class as ``cls``.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from clusternet._files import atomic_writer
from clusternet._network_input import MAX_ACTORS, validate_actors
from clusternet._validate import show
from clusternet._version import __version__

if TYPE_CHECKING:
    from clusternet._network_data import NetworkData
    from clusternet.network import ClusterNetwork

FORMAT_NAME = "clusternet-npz"
#: 2: the metadata says whether the arrays are stored uncompressed (memory-mappable).
FORMAT_VERSION = 2
META_KEY = "__meta__"


# ---------------------------------------------------------------------- writing
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
    record = {
        "name": name,
        "kind": "string",
        "categorical": isinstance(series.dtype, pd.CategoricalDtype),
        "pandas_str": isinstance(series.dtype, pd.StringDtype),
    }
    if any(v.endswith("\x00") for v in non_na):
        # fixed-width unicode arrays drop trailing NULs: keep each value's length
        arrays[f"actor_len:{name}"] = np.fromiter(
            (len(v) for v in filled), dtype=np.int64, count=len(filled)
        )
        record["lengths"] = True
    meta.append(record)


def save(net: NetworkData, path: str | os.PathLike, compress: bool = True) -> None:
    """Save ``net`` to one ``.npz`` file (arrays + JSON metadata), atomically.

    Everything is stored as plain arrays: actor ids (int64 or unicode), every
    actor column with its dtype, the canonical edge arrays, layer names and
    directedness. :func:`clusternet.io.load` restores the network exactly. ``compress=False``
    stores the arrays as they are, so :func:`clusternet.io.load` with ``mmap=True`` can map
    them into memory instead of reading them (processes on one host then
    share the pages); such a file is larger (about 17 bytes per edge).

    Parameters
    ----------
    net : ClusterNetwork
        The network to save.
    path : str or os.PathLike
        The ``.npz`` file to write (replaced atomically).
    compress : bool, default True
        Compress the arrays (``False``: store them as they are, for memory mapping).

    Examples
    --------
    >>> import os, tempfile
    >>> import clusternet as cn
    >>> net = cn.generate_cluster(30, seed=1)
    >>> path = os.path.join(tempfile.mkdtemp(), "cluster.npz")
    >>> cn.io.save(net, path)
    >>> back = cn.load(path)
    >>> (back.n_actors, back.n_edges) == (net.n_actors, net.n_edges)
    True
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
        "compressed": bool(compress),
    }
    arrays[META_KEY] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    writer = np.savez_compressed if compress else np.savez
    with atomic_writer(path) as fh:
        writer(fh, **arrays)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- reading
def load_file(cls, path: str | os.PathLike, mmap: bool = False) -> ClusterNetwork:
    """Load a network saved by :func:`clusternet.io.save` (never unpickles; checks every array).

    ``mmap=True`` maps the edge arrays and numeric actor columns of a file saved
    with ``compress=False`` instead of reading them (see the module docstring).
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if mmap:
        return _load_mapped_checked(cls, path)
    try:
        with np.load(path, allow_pickle=False) as npz:
            files = set(npz.files)
            if META_KEY not in files:
                raise ValueError(f"{path} is not a clusternet file (no metadata record)")
            meta = json.loads(npz[META_KEY].tobytes().decode("utf-8"))
            _check_meta(meta, path)
            data = {k: npz[k] for k in files if k != META_KEY}
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
    return _decode(cls, meta, data, path)


def _text_array(arr: np.ndarray, na: np.ndarray):
    """A stored unicode column as pandas' ``str`` array, missing where ``na``.

    Where pandas keeps text in Arrow, converted by Arrow straight from the
    fixed-width array (no Python string per value: at ten million actors about
    a third faster per column); elsewhere through Python strings.
    """
    dtype = pd.array([], dtype="str").dtype
    if getattr(dtype, "storage", None) == "pyarrow":
        import pyarrow as pa

        return pd.array(pa.array(arr, mask=na, type=pa.large_string()), dtype=dtype)
    obj = arr.astype(object)
    obj[na] = None
    return pd.array(obj, dtype=dtype)


def _decode(cls, meta: dict, data: dict, path, mapped: bool = False) -> ClusterNetwork:
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
            if col.get("lengths"):
                arr = _restore_nuls(arr, data.get(f"actor_len:{name}"), n, name, path)
            if col.get("pandas_str") and name != "id" and n:
                table[name] = _text_array(arr, na)
                continue
            obj = arr.astype(object)
            obj[na] = None
            if name == "id":
                table[name] = obj
            elif col.get("categorical"):
                table[name] = pd.Categorical(obj)
            elif col.get("pandas_str"):
                table[name] = pd.array([], dtype="str")
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
    if mapped:
        return _trusted(cls, actors, edges, layers, directed, path)
    net = cls.from_edges(
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


def _restore_nuls(arr: np.ndarray, lengths, n: int, name, path) -> np.ndarray:
    """Strings of a stored column with the trailing NULs numpy's fixed width dropped."""
    if lengths is None or lengths.shape != (n,) or lengths.dtype != np.int64:
        raise ValueError(f"{path}: actor column {show(name)} is damaged (lengths)")
    values = arr.tolist()
    out = np.empty(n, dtype=object)
    for i, (text, length) in enumerate(zip(values, lengths.tolist(), strict=True)):
        if length < len(text) or length > len(text) + 2**20:
            raise ValueError(f"{path}: actor column {show(name)} is damaged (lengths)")
        out[i] = text + "\x00" * (length - len(text))
    return out


def _check_meta(meta: dict, path) -> None:
    if meta.get("format") != FORMAT_NAME:
        raise ValueError(f"{path} is not a clusternet file (format {show(meta.get('format'))})")
    if int(meta.get("format_version", -1)) > FORMAT_VERSION:
        raise ValueError(
            f"{path} has format version {meta['format_version']}, newer than this clusternet reads"
        )


def _member_offset(fh, info: zipfile.ZipInfo) -> int:
    """Offset of a stored zip member's data: after its local header, name and extra field."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) != 30 or local[:4] != b"PK\x03\x04":
        raise ValueError(f"damaged zip entry {info.filename!r}")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    return info.header_offset + 30 + name_len + extra_len


def _mapped_arrays(path: Path) -> tuple[dict, dict]:
    """Metadata and arrays of an uncompressed file, the arrays as read-only memory maps."""
    arrays: dict[str, np.ndarray] = {}
    try:
        with zipfile.ZipFile(path) as zf, open(path, "rb") as fh:
            members = zf.infolist()
            names = {m.filename for m in members}
            if META_KEY + ".npy" not in names:
                raise ValueError(f"{path} is not a clusternet file (no metadata record)")
            for info in members:
                if not info.filename.endswith(".npy"):
                    raise ValueError(f"unexpected member {info.filename!r}")
                key = info.filename[: -len(".npy")]
                if info.compress_type != zipfile.ZIP_STORED:
                    raise ValueError(
                        f"{path} was saved compressed; memory-mapping needs a file saved with "
                        "net.save(path, compress=False) (or load it with mmap=False)"
                    )
                fh.seek(_member_offset(fh, info))
                version = np.lib.format.read_magic(fh)
                read_header = (
                    np.lib.format.read_array_header_1_0
                    if version == (1, 0)
                    else np.lib.format.read_array_header_2_0
                )
                shape, fortran, dtype = read_header(fh)
                if dtype.hasobject:
                    raise ValueError(
                        f"{path} holds pickled objects; clusternet files never do, refusing to load"
                    )
                offset = fh.tell()
                if int(np.prod(shape)) == 0:
                    arrays[key] = np.zeros(shape, dtype=dtype)
                else:
                    arrays[key] = np.memmap(
                        path, dtype=dtype, mode="r", offset=offset, shape=shape,
                        order="F" if fortran else "C",
                    )  # fmt: skip
    except (zipfile.BadZipFile, OSError, struct.error) as exc:
        raise ValueError(f"{path} is not a readable clusternet file: {exc}") from None
    meta = json.loads(np.asarray(arrays.pop(META_KEY)).tobytes().decode("utf-8"))
    _check_meta(meta, path)
    return meta, arrays


def _load_mapped_checked(cls, path: Path) -> ClusterNetwork:
    try:
        meta, data = _mapped_arrays(path)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path} is not a readable clusternet file: {exc}") from None
    net = _decode(cls, meta, data, path, mapped=True)
    stat = os.stat(path)
    net._origin = (cls, str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)
    return net


def check_mapped(arrays) -> None:
    """Raise a ValueError if the file behind memory-mapped ``arrays`` has become too short.

    Reading a mapped page past the end of a file that someone truncated after it
    was mapped kills the process with SIGBUS. The size of the mapped file (the
    file itself, through the map's own descriptor, even if the path now names
    another file) must cover every array; callers check before a kernel reads
    the arrays. A truncation between this check and the read cannot be caught.
    """
    for arr in arrays:
        handle = getattr(arr, "_mmap", None)
        if handle is None:
            continue
        try:
            size = handle.size()
        except (OSError, ValueError):
            size = -1
        if size < arr.offset + arr.nbytes:
            path = getattr(arr, "filename", None) or "the mapped file"
            raise ValueError(
                f"{path} was truncated after it was memory-mapped (now {max(size, 0)} bytes; the "
                f"mapped arrays need {arr.offset + arr.nbytes}); load it again"
            )


def load_mapped(cls, path: str, size: int, mtime_ns: int) -> ClusterNetwork:
    """Map the file a pickled memory-mapped network came from (its size and time must match)."""
    stat = os.stat(path)
    if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
        raise ValueError(
            f"{path} changed since the network was mapped from it; load it again to share it"
        )
    return _load_mapped_checked(cls, Path(path))


def _trusted(cls, actors, edges, layers, directed, path) -> ClusterNetwork:
    """The network over the mapped arrays themselves (no copies), after checking them.

    The constructor trusts its input, so what :meth:`from_edges` would enforce is
    checked here: actors, weights finite and > 0, undirected edges stored once
    with ``source <= target`` (as :func:`clusternet.io.save` writes them).
    """
    actors = validate_actors(actors, MAX_ACTORS)
    weight = edges["weight"]
    bad = ~(np.isfinite(weight) & (weight > 0))
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{path}: edge {k} has weight {show(weight[k])}; weights must be > 0")
    undirected = ~np.asarray(directed, dtype=bool)
    if undirected.any() and edges["layer"].shape[0]:
        flipped = undirected[edges["layer"]] & (edges["source"] > edges["target"])
        if flipped.any():
            k = int(np.flatnonzero(flipped)[0])
            raise ValueError(f"{path}: undirected edge {k} is not stored as source <= target")
    return cls(actors, edges["source"], edges["target"], edges["layer"], weight, layers, directed)
