"""Innovation capacity of actors and of the cluster (a composite indicator).

Definitions, units, directions and goalposts of every component are in
``docs/measures.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from clusternet import structure
from clusternet._validate import check_finite_array, check_positive, show
from clusternet.measures.composite import composite_index
from clusternet.network import ClusterNetwork

# ---------------------------------------------------------------------- innovation capacity
CAPACITY_COMPONENTS = (
    "rd_intensity",
    "absorptive_capacity",
    "log_size",
    "knowledge_access",
    "tacit_access",
    "brokerage",
    "knowledge_stock",
)


def present_layers(net: ClusterNetwork, names: Sequence[str]) -> list[str]:
    """The layers of ``names`` that ``net`` has, in the given order.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    names : sequence of str
        Layer names wanted.

    Returns
    -------
    list of str
        The names in ``net.layers``, in the order of ``names``.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.measures.capacity import present_layers
    >>> net = cn.datasets.load_florentine_families()
    >>> present_layers(net, ["business", "technology", "marriage"])
    ['business', 'marriage']
    """
    return [n for n in names if n in net.layers]


def innovation_capacity(
    net: ClusterNetwork,
    knowledge: np.ndarray | None = None,
    weights: Mapping[str, float] | None = None,
    normalization: str = "minmax",
    aggregation: str = "arithmetic",
    distance_scale: float = 2.0,
    access_layers: Sequence[str] = ("technology", "service"),
    brokerage_layers: Sequence[str] | None = None,
    firms: str = "core",
) -> pd.DataFrame:
    r"""Innovation capacity of each core firm: components and a composite index.

    Components (raw values; see ``docs/measures.md``):

    * ``rd_intensity``, ``absorptive_capacity`` — actor columns (internal capability);
    * ``log_size`` — :math:`\log(1 + \text{employees})`;
    * ``knowledge_access`` — :math:`n` times the personalised-PageRank mass
      from universities, institutes, platforms and external actors over
      technology and service ties (:func:`clusternet.diffusion.knowledge_access`;
      1 = a uniform share);
    * ``tacit_access`` — social reach with distance decay,
      :math:`\sum_j w_{ij} e^{-d_{ij} / \lambda}` over social ties
      (``distance_scale`` = :math:`\lambda` km; tacit knowledge needs proximity);
    * ``brokerage`` — :math:`1 - c_i` (Burt's constraint) over all layers without direction;
    * ``knowledge_stock`` — mean of the firm's row of ``knowledge`` when given.

    Components the network cannot supply are left out of the index and listed
    in ``attrs["unavailable"]`` with the reason; ``attrs["summary"]`` holds the
    cluster-level summary (:func:`cluster_summary`). The index is
    :func:`~clusternet.measures.composite_index` of the available components.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    knowledge : array of shape (n_actors, D), optional
        Knowledge per actor and domain (adds ``knowledge_stock``).
    weights : dict {component: weight}, optional
        Weights of the index (default equal).
    normalization : str, default "minmax"
        Normalisation of the components (see :func:`~clusternet.measures.normalize`).
    aggregation : {"arithmetic", "geometric", "harmonic"}, default "arithmetic"
        Aggregation of the index.
    distance_scale : float, default 2.0
        :math:`\lambda` (km) of ``tacit_access``.
    access_layers : sequence of str, default ("technology", "service")
        Layers of ``knowledge_access``.
    brokerage_layers : sequence of str, optional
        Layers of ``brokerage`` (default all).
    firms : {"core", "all"}, default "core"
        Rows: core firms, or every actor.

    Returns
    -------
    pandas.DataFrame
        One row per firm, indexed by actor id: the raw components and ``index``
        (in [0, 1] with the default min–max normalisation).

    Notes
    -----
    Degenerate cases: a network without core firms (``firms="core"``) raises a
    ValueError; ``firms`` other than ``"core"``/``"all"`` and a ``knowledge``
    matrix with a NaN, infinite or negative entry or no columns raise a ValueError
    naming the argument (as :func:`clusternet.spillover.run` does); isolated firms
    get ``knowledge_access`` 0, ``brokerage`` 0 (constraint undefined) and
    ``tacit_access`` 0; a component that is constant over the firms normalises
    to 0.5 (min–max).

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.measures import innovation_capacity
    >>> net = cn.generate_cluster(150, preset="taizhou", seed=1)
    >>> cap = innovation_capacity(net)
    >>> len(cap) == int(net.tier_mask("core").sum()), list(cap.columns)[-3:]
    (True, ['tacit_access', 'brokerage', 'index'])
    >>> bool(cap["index"].between(0, 1).all())
    True
    """
    from clusternet.diffusion import knowledge_access

    if not isinstance(net, ClusterNetwork):
        raise TypeError("innovation_capacity needs a ClusterNetwork")
    if not isinstance(firms, str) or firms not in ("core", "all"):
        raise ValueError(f"firms must be 'core' or 'all', got {show(firms)}")
    distance_scale = check_positive("distance_scale", distance_scale)
    mask = net.tier_mask("core") if firms == "core" else np.ones(net.n_actors, dtype=bool)
    if not mask.any():
        raise ValueError("the network has no core firms")
    comps: dict[str, np.ndarray] = {}
    unavailable: dict[str, str] = {}
    for col in ("rd_intensity", "absorptive_capacity"):
        if (
            net.has_column(col)
            and np.isfinite(np.asarray(net.column(col), dtype=float)[mask]).all()
        ):
            comps[col] = np.asarray(net.column(col), dtype=float)
        else:
            unavailable[col] = f"no complete '{col}' column for the firms"
    if (
        net.has_column("size")
        and np.isfinite(np.asarray(net.column("size"), dtype=float)[mask]).all()
    ):
        comps["log_size"] = np.log1p(np.asarray(net.column("size"), dtype=float))
    else:
        unavailable["log_size"] = "no complete 'size' column for the firms"
    layers = present_layers(net, access_layers)
    try:
        if not layers:
            raise ValueError(f"none of the layers {list(access_layers)}")
        comps["knowledge_access"] = knowledge_access(net, layers=layers) * net.n_actors
    except ValueError as exc:
        unavailable["knowledge_access"] = str(exc)
    if "social" in net.layers and net.has_column("x") and net.has_column("y"):
        a = net.csr("social").tocoo()
        x, y = np.asarray(net.column("x"), float), np.asarray(net.column("y"), float)
        d = np.hypot(x[a.row] - x[a.col], y[a.row] - y[a.col])
        d = np.where(np.isnan(d), 0.0, d)
        comps["tacit_access"] = np.bincount(
            a.row, weights=a.data * np.exp(-d / distance_scale), minlength=net.n_actors
        )
    elif "social" in net.layers:
        comps["tacit_access"] = np.asarray(net.csr("social").sum(axis=1)).ravel()
        unavailable["tacit_access (distance decay)"] = (
            "no x/y coordinates: social strength without distance decay"
        )
    else:
        unavailable["tacit_access"] = "no 'social' layer"
    cons = structure.constraint(net, layers=brokerage_layers)
    comps["brokerage"] = np.where(np.isnan(cons), 0.0, 1.0 - cons)
    if knowledge is not None:
        k = np.asarray(knowledge, dtype=float)
        if k.ndim != 2 or k.shape[0] != net.n_actors or k.shape[1] == 0:
            raise ValueError(
                f"knowledge has shape {k.shape}, expected ({net.n_actors}, D) with D >= 1"
            )
        check_finite_array("knowledge", k, nonnegative=True)
        comps["knowledge_stock"] = k.mean(axis=1)
    else:
        unavailable["knowledge_stock"] = "no knowledge matrix given"
    table = pd.DataFrame(
        {k: v[mask] for k, v in comps.items()}, index=pd.Index(net.ids[mask], name="id")
    )
    used_weights = {
        k: v for k, v in (weights or {c: 1.0 for c in table.columns}).items() if k in table.columns
    }
    missing = set(weights or {}) - set(table.columns)
    if missing:
        raise ValueError(
            f"weights name components {sorted(missing)} that are unavailable here: {unavailable}"
        )
    index = composite_index(table, normalization, weights=used_weights, aggregation=aggregation)
    table["index"] = index["index"]
    table.attrs["unavailable"] = unavailable
    sizes = np.asarray(net.column("size"), float)[mask] if "log_size" in comps else None
    table.attrs["summary"] = cluster_summary(table, sizes)
    return table


def cluster_summary(
    capacity: pd.DataFrame, sizes: np.ndarray | None = None, floor: float = 0.25
) -> pd.Series:
    """Cluster-level innovation capacity: mean, size-weighted mean, dispersion, weak tail.

    Parameters
    ----------
    capacity : pandas.DataFrame
        A table with an ``index`` column (as :func:`innovation_capacity` returns).
    sizes : numpy.ndarray, optional
        Firm sizes (employees) for the size-weighted mean, in row order.
    floor : float, default 0.25
        Capability floor: ``share_below_floor`` is the share of firms whose
        index is below it (too little capability to take up new knowledge).
        The default has no published source (*assumed*).

    Returns
    -------
    pandas.Series
        ``firms``, ``mean``, ``size_weighted_mean``, ``sd`` (population),
        ``cv``, ``p10``, ``p90`` and ``share_below_floor``.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from clusternet.measures import cluster_summary
    >>> cap = pd.DataFrame({"index": [0.1, 0.2, 0.6, 0.9]})
    >>> summary = cluster_summary(cap, sizes=np.array([10.0, 10.0, 10.0, 70.0]))
    >>> print(summary.round(3).to_string())
    firms                 4.000
    mean                  0.450
    size_weighted_mean    0.720
    sd                    0.320
    cv                    0.711
    p10                   0.130
    p90                   0.810
    share_below_floor     0.500
    """
    idx = capacity["index"].to_numpy(dtype=float)
    if sizes is not None:
        sizes = np.asarray(sizes, dtype=np.float64)
        if sizes.shape != idx.shape:
            raise ValueError(
                f"sizes has shape {sizes.shape}, expected one value per row of capacity "
                f"({idx.shape[0]})"
            )
        if not np.all(np.isfinite(sizes)) or (sizes < 0).any():
            raise ValueError("sizes must be finite and non-negative")
    ok = np.isfinite(idx)
    v = idx[ok]
    out = {
        "firms": int(ok.sum()),
        "mean": float(v.mean()) if v.size else float("nan"),
        "size_weighted_mean": float(np.average(v, weights=sizes[ok]))
        if sizes is not None and v.size and sizes[ok].sum() > 0
        else float("nan"),
        "sd": float(v.std()) if v.size else float("nan"),
        "cv": float(v.std() / v.mean()) if v.size and v.mean() > 0 else float("nan"),
        "p10": float(np.quantile(v, 0.1)) if v.size else float("nan"),
        "p90": float(np.quantile(v, 0.9)) if v.size else float("nan"),
        "share_below_floor": float(np.mean(v < floor)) if v.size else float("nan"),
    }
    return pd.Series(out, name="innovation_capacity")
