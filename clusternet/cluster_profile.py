"""The structural profile of a cluster: per-layer statistics and the whole-cluster profile.

:func:`layer_profile` (components, transitivity, Leiden modularity, mean distance per
layer) and :func:`profile` (size, concentration, specialisation, multiplexity, chain
tightness, openness); re-exported by :mod:`clusternet.structure` (call them from there).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusternet._graph import n_threads
from clusternet.kernels import structural
from clusternet.multilayer_measures import multiplexity
from clusternet.network import ClusterNetwork

__all__ = ["LEIDEN_POOL_ENTRIES", "layer_profile", "profile"]


def _igraph_of(matrix: sp.csr_array, directed: bool):
    """An attribute-free igraph.Graph of a CSR adjacency (undirected: upper triangle)."""
    import igraph as ig

    coo = matrix.tocoo() if directed else sp.triu(matrix, k=0).tocoo()
    # a list of int tuples converts about 3x faster than an (E, 2) array (igraph 1.0)
    g = ig.Graph(
        n=matrix.shape[0],
        edges=list(zip(coo.row.tolist(), coo.col.tolist(), strict=True)),
        directed=directed,
    )
    g.es["weight"] = coo.data
    return g


def _transitivity(und: sp.csr_array) -> float:
    """Global clustering coefficient ``3 T / triples`` of an undirected CSR (direction ignored).

    Counted by a Numba kernel (degree-ordered triangle listing) rather than by
    building an igraph graph: at a million actors the graph alone took seconds
    per layer. Equal to igraph's ``transitivity_undirected`` (tested).
    """
    from clusternet.kernels.csr import kernel_arrays

    if und.nnz == 0:
        return float("nan")
    indptr, indices, _ = kernel_arrays(und)
    tri, triples = structural.triangles_and_triples(indptr, indices.view(np.int32), n_threads())
    return 3.0 * tri / triples if triples else float("nan")


def _leiden_modularity(indptr, indices, data, n: int, seed: int, iterations: int) -> float:
    """Newman modularity of igraph's Leiden partition of one undirected layer (CSR arrays).

    A top-level function so that layers can run in separate processes: igraph
    holds the GIL, so threads would run them one after another. igraph draws
    from Python's ``random`` module: it is seeded for the call and restored.
    """
    import random

    und = sp.csr_array((data, indices, indptr), shape=(n, n))
    graph = _igraph_of(und, directed=False)
    saved = random.getstate()
    random.seed(int(seed))
    try:
        part = graph.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=iterations
        )
        return float(graph.modularity(part.membership, weights="weight"))
    finally:
        random.setstate(saved)


#: Total undirected entries over the layers above which Leiden runs one process per layer.
LEIDEN_POOL_ENTRIES = 2_000_000


def _layer_modularities(layers: dict, seed: int, iterations: int, workers: int | None) -> dict:
    """Leiden modularity per layer; in a process pool when the layers are large."""
    jobs = {
        name: (und.indptr, und.indices, und.data, und.shape[0], seed, iterations)
        for name, und in layers.items()
        if und.nnz
    }
    total = sum(args[1].shape[0] for args in jobs.values())
    import os

    cpus = os.cpu_count() or 1
    workers = min(len(jobs), cpus) if workers is None else workers
    if workers <= 1 or len(jobs) <= 1 or total < LEIDEN_POOL_ENTRIES:
        return {name: _leiden_modularity(*args) for name, args in jobs.items()}
    from loky import get_reusable_executor

    executor = get_reusable_executor(max_workers=workers)
    # the biggest layers first, so that the last one to finish is a small one
    order = sorted(jobs, key=lambda name: -jobs[name][1].shape[0])
    futures = {name: executor.submit(_leiden_modularity, *jobs[name]) for name in order}
    return {name: futures[name].result() for name in jobs}


def _mean_distance(matrix: sp.csr_array, samples: int, seed) -> float:
    """Mean shortest-path length (hops) over reachable pairs, from ``samples`` random sources."""
    from clusternet._validate import seed_sequence
    from clusternet.kernels.csr import kernel_arrays
    from clusternet.kernels.paths import bfs_distance_sums

    matrix.shape[0]
    if matrix.nnz == 0:
        return float("nan")
    rng = np.random.default_rng(seed_sequence(seed))
    has_ties = np.flatnonzero(np.diff(matrix.indptr) > 0)
    sources = rng.choice(has_ties, size=min(samples, has_ties.shape[0]), replace=False).astype(
        np.int64
    )
    indptr, indices, _ = kernel_arrays(matrix)
    totals = np.zeros(sources.shape[0], dtype=np.int64)
    reached = np.zeros(sources.shape[0], dtype=np.int64)
    bfs_distance_sums(indptr, indices, sources, totals, reached)
    return float(totals.sum() / reached.sum()) if reached.sum() else float("nan")


def layer_profile(
    net: ClusterNetwork,
    distance_samples: int = 64,
    seed=None,
    leiden_iterations: int = 2,
    modularity: bool = True,
    workers: int | None = None,
) -> pd.DataFrame:
    r"""One row per layer: edges, density, reciprocity, transitivity, distance, modularity.

    Also the components and the actors with ties; the modularity is that of a
    Leiden partition.

    * density: :math:`m / (n (n - 1))` directed, :math:`2 m / (n (n - 1))` undirected, over
      distinct actor pairs;
    * reciprocity: share of directed ties that are reciprocated (NaN for
      undirected layers, where it is 1 by construction);
    * transitivity: global clustering coefficient of the layer with direction
      ignored, :math:`3 \times \text{triangles} / \text{connected triples}` (as igraph
      ``transitivity_undirected``; counted by a Numba kernel);
    * mean distance: mean shortest-path length in hops over reachable pairs,
      estimated from ``distance_samples`` random sources (direction ignored);
    * components: weakly connected components over actors with a tie in the layer;
    * modularity: Newman modularity of the Leiden partition (igraph
      ``community_leiden``, modularity objective, ``leiden_iterations`` passes
      (-1: until stable), seeded) of the undirected layer; ``modularity=False``
      skips it (it dominates the cost on very large networks: about 10 s per
      layer at a million actors). Above :data:`LEIDEN_POOL_ENTRIES` undirected
      entries the layers run in a process pool of ``workers`` processes
      (default: one per layer, at most one per CPU); the result is the same
      (each layer's Leiden gets the same seed either way).

    Parameters
    ----------
    net : ClusterNetwork
        The multilayer network.
    distance_samples : int, default 64
        Random sources of the mean-distance estimate.
    seed : int or numpy.random.SeedSequence, optional
        Seed of the distance sources and of Leiden.
    leiden_iterations : int, default 2
        Leiden passes (-1: until stable).
    modularity : bool, default True
        Compute the Leiden modularity (False skips it).
    workers : int, optional
        Processes of the pool used for large layers.

    Returns
    -------
    pandas.DataFrame
        Indexed by layer, with columns ``directed``, ``edges``, ``density``,
        ``reciprocity``, ``transitivity``, ``mean_distance``, ``components``,
        ``actors_with_ties`` and ``modularity``.

    References
    ----------
    Newman, M. E. J. (2006). Modularity and community structure in networks.
    *PNAS* 103:8577–8582. Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From
    Louvain to Leiden. *Scientific Reports* 9:5233.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.structure import layer_profile
    >>> table = layer_profile(cn.datasets.load_florentine_families(), seed=1)
    >>> columns = ["edges", "density", "transitivity", "components"]
    >>> print(table[columns].rename_axis(None).round(3).to_string())
              edges  density  transitivity  components
    marriage     20    0.167         0.191           1
    business     15    0.125         0.417           1
    """
    from scipy.sparse.csgraph import connected_components

    from clusternet._validate import seed_sequence

    # one integer for igraph's Leiden (it draws from Python's random module), from the full seed
    leiden_seed = int(seed_sequence(seed).generate_state(1, dtype=np.uint32)[0])
    n = net.n_actors
    pairs = max(n * (n - 1), 1)
    rows = []
    undirected = {}
    for name in net.layers:
        directed = net.directed[name]
        a = net.csr(name)
        und = net.csr(name, direction="both")
        undirected[name] = und
        und_bin = sp.csr_array(und, copy=True)
        und_bin.data[:] = 1.0
        distinct = a.nnz if directed else und_bin.nnz // 2
        density = distinct / pairs if directed else 2 * distinct / pairs
        reciprocity = float(a.multiply(a.T).nnz / a.nnz) if directed and a.nnz else float("nan")
        active = np.diff(und.indptr) > 0
        if und.nnz:
            labels = connected_components(und, directed=False)[1]
            components = int(np.unique(labels[active]).shape[0])
        else:
            components = 0
        rows.append(
            {
                "layer": name,
                "directed": directed,
                "edges": int((net.edge_arrays[2] == net.layers.index(name)).sum()),
                "density": density,
                "reciprocity": reciprocity,
                "transitivity": _transitivity(und_bin),
                "mean_distance": _mean_distance(und_bin, distance_samples, seed),
                "components": components,
                "actors_with_ties": int(active.sum()),
                "modularity": float("nan"),
            }
        )
    if modularity:
        found = _layer_modularities(undirected, leiden_seed, leiden_iterations, workers)
        for row in rows:
            row["modularity"] = found.get(row["layer"], float("nan"))
    return pd.DataFrame(rows).set_index("layer")


def _hhi(shares: np.ndarray) -> float:
    shares = shares[shares > 0]
    return float(np.sum(shares**2)) if shares.size else float("nan")


def profile(
    net: ClusterNetwork,
    sme_threshold: float = 250.0,
    reference: Mapping[str, float] | None = None,
    specialisation_column: str | None = None,
) -> pd.Series:
    r"""Structural profile of a cluster (a flat Series; see :func:`layer_profile` for layers).

    Entries (NaN where the network lacks the attribute; ``attrs["unavailable"]``
    says why):

    * ``actors``, ``tier:<tier>``, ``role:<role>`` — counts;
    * ``sme_share`` — share of core firms with ``size < sme_threshold`` employees;
    * ``size_hhi``, ``top5_share`` — Herfindahl index of core firms' size shares and
      the five largest firms' share (concentration);
    * ``specialisation_hhi`` — Herfindahl index of core firms over sectors (or
      ``specialisation_column``), ``stage_hhi`` over value-chain stages;
      ``lq:<sector>`` — location quotients :math:`(\text{share here}) / (\text{share in
      reference})` when a ``reference`` distribution is given (NaN where the reference
      gives the sector no share);
    * ``multiplexity`` — share of tied pairs tied in two or more layers;
    * ``openness`` — share of core firms' ties (all layers) that reach external actors;
    * ``service_coverage`` — share of core firms with a service tie;
      ``knowledge_org_coverage`` — share tied (any layer) to a university,
      research institute or platform;
    * ``chain_tightness`` — share of core firms in the largest weakly connected
      component of the transaction layer; ``vertical_linkage`` — transaction ties
      between core firms per core firm.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster.
    sme_threshold : float, default 250.0
        Employees below which a core firm counts as an SME (the EU definition).
    reference : dict {sector: share}, optional
        Reference distribution for the location quotients.
    specialisation_column : str, optional
        Actor column of the specialisation index (default: sector); must be a column.

    Returns
    -------
    pandas.Series
        The entries above; ``attrs["unavailable"]`` maps each NaN entry to the
        reason.

    References
    ----------
    Porter, M. E. (1998). Clusters and the new economics of competition.
    OECD/JRC (2008). *Handbook on Constructing Composite Indicators*.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.structure import profile
    >>> p = profile(cn.datasets.load_florentine_families())
    >>> print(p[["actors", "multiplexity"]].round(4).to_string())
    actors          16.0000
    multiplexity     0.2963
    >>> "service_coverage" in p.attrs["unavailable"]
    True
    """
    out: dict[str, float] = {}
    unavailable: dict[str, str] = {}
    actors = net.actors
    core = net.tier_mask("core")
    out["actors"] = net.n_actors
    for tier in ("core", "auxiliary", "external"):
        out[f"tier:{tier}"] = int((actors["tier"] == tier).sum())
    for role, count in actors["role"].value_counts().sort_index().items():
        out[f"role:{role}"] = int(count)
    if (
        net.has_column("size")
        and np.isfinite(np.asarray(net.column("size"), dtype=float)[core]).any()
    ):
        size = np.asarray(net.column("size"), dtype=float)[core]
        size = size[np.isfinite(size)]
        out["sme_share"] = float(np.mean(size < sme_threshold))
        shares = size / size.sum()
        out["size_hhi"] = _hhi(shares)
        out["top5_share"] = float(np.sort(shares)[::-1][:5].sum())
    else:
        for key in ("sme_share", "size_hhi", "top5_share"):
            out[key] = float("nan")
            unavailable[key] = "no 'size' column for core firms"
    column = _specialisation_column(net, specialisation_column)
    if column is not None and net.has_column(column):
        values = pd.Series(net.column(column)[core]).replace("", np.nan).dropna()
        shares = values.value_counts(normalize=True)
        out["specialisation_hhi"] = _hhi(shares.to_numpy())
        if reference is not None:
            ref = pd.Series(reference, dtype=float)
            ref = ref / ref.sum()
            for sector, share in shares.items():
                out[f"lq:{sector}"] = (
                    float(share / ref[sector])
                    if sector in ref.index and ref[sector] > 0
                    else float("nan")
                )
                if np.isnan(out[f"lq:{sector}"]):
                    unavailable[f"lq:{sector}"] = f"sector {sector!r} has no share in the reference"
    else:
        out["specialisation_hhi"] = float("nan")
        unavailable["specialisation_hhi"] = "no 'sector' column (pass specialisation_column=)"
    if net.has_column("stage"):
        stage = np.asarray(net.column("stage"), dtype=np.float64)[
            core
        ]  # GraphML stores numbers as doubles
        stage = stage[np.isfinite(stage) & (stage >= 0)].astype(np.int64)
        out["stage_hhi"] = _hhi(np.bincount(stage) / stage.shape[0]) if stage.size else float("nan")
    else:
        out["stage_hhi"] = float("nan")
        unavailable["stage_hhi"] = "no 'stage' column"
    out["multiplexity"] = multiplexity(net) if len(net.layers) >= 2 else float("nan")
    if len(net.layers) < 2:
        unavailable["multiplexity"] = "a single layer"
    allties = net.csr(direction="both")
    ext = net.tier_mask("external")
    core_rows = sp.csr_array(allties[core])
    total_core_ties = core_rows.sum()
    out["openness"] = (
        float(core_rows[:, ext].sum() / total_core_ties) if total_core_ties > 0 else float("nan")
    )
    if total_core_ties <= 0:
        unavailable["openness"] = "core firms have no ties"
    if "service" in net.layers:
        served = np.diff(net.csr("service", direction="in").indptr) > 0
        out["service_coverage"] = float(served[core].mean()) if core.any() else float("nan")
    else:
        out["service_coverage"] = float("nan")
        unavailable["service_coverage"] = "no 'service' layer"
    know = net.role_mask("university", "research_institute", "platform")
    if know.any():
        linked = np.asarray(allties[:, know].sum(axis=1)).ravel() > 0
        out["knowledge_org_coverage"] = float(linked[core].mean()) if core.any() else float("nan")
    else:
        out["knowledge_org_coverage"] = float("nan")
        unavailable["knowledge_org_coverage"] = "no university, research institute or platform"
    if "transaction" in net.layers and core.any():
        from scipy.sparse.csgraph import connected_components

        t = net.csr("transaction", direction="both")
        t_core = sp.csr_array(t[core][:, core])
        labels = connected_components(t_core, directed=False)[1]
        out["chain_tightness"] = float(np.bincount(labels).max() / core.sum())
        out["vertical_linkage"] = float(sp.triu(t_core, k=1).nnz / core.sum())
    else:
        for key in ("chain_tightness", "vertical_linkage"):
            out[key] = float("nan")
            unavailable[key] = "no 'transaction' layer"
    series = pd.Series(out, dtype=float, name="profile")
    series.attrs["unavailable"] = unavailable
    return series


def _specialisation_column(net: ClusterNetwork, name: str | None) -> str | None:
    """``profile``'s specialisation column: ``name``, else the sector column if any.

    A ``name`` that is not an actor column is refused (it used to give a NaN index with
    the reason "no 'sector' column", hiding a misspelt name).
    """
    if name is not None and not net.has_column(name):
        raise ValueError(
            f"specialisation_column {name!r} is not an actor column; "
            f"columns: {list(net.actors.columns)}"
        )
    return name or ("sector" if net.has_column("sector") else None)
