r"""Actor orders that keep tied actors close in memory, and the renumbered network behind them.

A kernel that gathers over ties (PageRank's power step, cascades, RR sets, the
spillover step) reads each neighbour's value at the neighbour's actor index; when
tied actors have distant indices most of those reads miss the cache. A *locality
order* renumbers the actors so that tied actors sit close:

* ``"space"``: along a Z-order (Morton) curve through the actors' ``x``, ``y``
  coordinates (Morton 1966): actors of one town, and of neighbouring towns, get
  neighbouring indices; ``O(n log n)``, no graph traversal.
* ``"rcm"``: reverse Cuthill-McKee on all layers without direction
  (:meth:`~clusternet.ClusterNetwork.locality_order`).
* any actor column (e.g. ``"town"``): actors grouped by that column (stable,
  missing values last).

:func:`local_network` returns the network renumbered in that order (built once per
network and order, and cached on it); measures that accept ``locality=`` (e.g.
:func:`clusternet.centrality.pagerank`) compute on its views and return their
results in the caller's actor order, so ids and results are the same up to the order
in which floating-point sums are taken.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusternet._validate import show
from clusternet.network import ClusterNetwork

__all__ = ["local_network", "locality_order", "morton_order"]

#: bits per coordinate of the Z-order key (2 x 16 bits: cells of 1/65,536 of the region's side)
MORTON_BITS = 16


def _spread_bits(v: np.ndarray) -> np.ndarray:
    """Insert a zero bit between the low 16 bits of ``v`` (uint64)."""
    v = v & 0xFFFF
    v = (v | (v << 8)) & 0x00FF00FF
    v = (v | (v << 4)) & 0x0F0F0F0F
    v = (v | (v << 2)) & 0x33333333
    v = (v | (v << 1)) & 0x55555555
    return v


def morton_order(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    r"""The order of points along a Z-order (Morton) curve.

    Coordinates are scaled to :math:`[0, 2^{16})` over their range and the bits of
    :math:`\lfloor x \rfloor` and :math:`\lfloor y \rfloor` are interleaved
    (:math:`k = \sum_b 2^{2b} x_b + 2^{2b+1} y_b`); points are sorted by :math:`k`
    (stably: ties keep their index order). Points with a missing coordinate come last,
    in index order.

    Parameters
    ----------
    x, y : array (n,) of float
        Coordinates.

    Returns
    -------
    ndarray of int64, shape (n,)
        ``order[k]`` is the index of the point put at position ``k``.

    References
    ----------
    Morton, G. M. (1966). *A computer oriented geodetic data base and a new technique
    in file sequencing*. IBM Canada.

    Examples
    --------
    The four corners of a square, visited in Z order:

    >>> import numpy as np
    >>> morton_order(np.array([1.0, 0.0, 1.0, 0.0]), np.array([1.0, 1.0, 0.0, 0.0])).tolist()
    [3, 2, 1, 0]
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"x and y must be 1-d of one length, got {x.shape} and {y.shape}")
    ok = np.isfinite(x) & np.isfinite(y)
    key = np.full(x.shape[0], np.iinfo(np.int64).max, dtype=np.int64)
    if ok.any():
        top = (1 << MORTON_BITS) - 1

        def cells(v):
            lo, hi = float(v[ok].min()), float(v[ok].max())
            span = hi - lo if hi > lo else 1.0
            return np.clip((v[ok] - lo) / span * top, 0, top).astype(np.uint64)

        code = _spread_bits(cells(x)) | (_spread_bits(cells(y)) << np.uint64(1))
        key[ok] = code.astype(np.int64)
    return np.argsort(key, kind="stable").astype(np.int64)


def locality_order(net: ClusterNetwork, by: str = "space") -> np.ndarray:
    """An actor order that keeps tied actors close in memory (computed once per network).

    Parameters
    ----------
    net : ClusterNetwork
        The network.
    by : str, default "space"
        ``"space"`` (Z-order through the ``x``, ``y`` columns), ``"rcm"`` (reverse
        Cuthill-McKee, :meth:`~clusternet.ClusterNetwork.locality_order`) or an actor column to
        group by (stable, missing values last).

    Returns
    -------
    ndarray of int64, shape (n_actors,)
        ``order[k]`` is the index of the actor put at position ``k``.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.generate_cluster(200, seed=1)
    >>> order = locality_order(net, "town")
    >>> towns = net.column("town")[order]
    >>> sorted(order.tolist()) == list(range(net.n_actors)), bool((towns[:-1] <= towns[1:]).all())
    (True, True)
    """
    if not isinstance(net, ClusterNetwork):
        raise TypeError(f"locality orders need a ClusterNetwork, got {type(net).__name__}")
    if not isinstance(by, str):
        raise ValueError(f"by must be 'space', 'rcm' or an actor column, got {show(by)}")
    key = ("locality_order", by)
    cached = net._cache.get(key)
    if cached is not None:
        return cached
    if by == "rcm":
        order = net.locality_order()
    elif by == "space":
        if not (net.has_column("x") and net.has_column("y")):
            raise ValueError("locality order 'space' needs actor columns 'x' and 'y'")
        order = morton_order(net.column("x"), net.column("y"))
    else:
        if not net.has_column(by):
            raise ValueError(f"by must be 'space', 'rcm' or an actor column, got {show(by)}")
        codes = pd.factorize(pd.Series(net.column(by)), sort=True, use_na_sentinel=True)[0]
        codes = codes.astype(np.int64)
        codes[codes < 0] = codes.max(initial=-1) + 1
        order = np.argsort(codes, kind="stable").astype(np.int64)
    order.flags.writeable = False
    net._cache[key] = order
    return order


def local_network(net: ClusterNetwork, by: str = "space") -> tuple[ClusterNetwork, np.ndarray]:
    """The network renumbered in a locality order, and the order (both cached on ``net``).

    Parameters
    ----------
    net : ClusterNetwork
        The network.
    by : str, default "space"
        The order, as in :func:`locality_order`.

    Returns
    -------
    (ClusterNetwork, ndarray of int64)
        ``net.reordered(order)`` and ``order``: a result ``r`` per actor of the
        renumbered network is ``out[order] = r`` in ``net``'s actor order.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.generate_cluster(200, seed=1)
    >>> local, order = local_network(net, "town")
    >>> bool((local.ids == net.ids[order]).all()), local.n_edges == net.n_edges
    (True, True)
    """
    key = ("local_network", by)
    cached = net._cache.get(key)
    if cached is None:
        order = locality_order(net, by)
        cached = (net.reordered(np.asarray(order)), order)
        net._cache[key] = cached
    return cached
