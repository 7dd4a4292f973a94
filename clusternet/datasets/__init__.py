"""Real networks shipped with clusternet (small CSVs, loaded offline).

Each loader returns a :class:`~clusternet.ClusterNetwork`; the provenance of every
file is in ``PROVENANCE.md`` beside it and in ``DATASETS.md``. Cite the original
authors when you use them.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd

from clusternet._validate import show
from clusternet.network import ClusterNetwork

__all__ = [
    "DATASETS",
    "load",
    "load_ckm_physicians",
    "load_florentine_families",
    "load_lazega_lawfirm",
]


def _read(folder: str, name: str) -> pd.DataFrame:
    with (
        resources.files(__package__)
        .joinpath("data", folder, name)
        .open("r", encoding="utf-8") as fh
    ):
        return pd.read_csv(fh)


def load_ckm_physicians() -> ClusterNetwork:
    """Coleman, Katz & Menzel's physicians: 246 actors, 3 directed layers, tetracycline adoption.

    Layers ``advice`` (480 edges), ``discussion`` (565) and ``friendship`` (506),
    directed from the physician who named to the one named, unweighted. Actor
    columns include ``town``, ``adoption_month`` (1–17, month 1 = November 1953;
    NaN otherwise), ``adoption_status`` (``adopted``: 109; ``not_adopted_by_month_17``:
    16; ``unknown``: 121 physicians without adoption data, who must be excluded,
    not treated as non-adopters), ``specialty`` and the survey codes.

    Returns
    -------
    ClusterNetwork
        246 physicians (all core ``customer`` actors) in three directed layers.

    References
    ----------
    Coleman, J., Katz, E., & Menzel, H. (1957). The diffusion of an innovation
    among physicians. *Sociometry* 20:253–270. Coleman, Katz & Menzel (1966),
    *Medical Innovation: A Diffusion Study*. Compiled by R. S. Burt (1987); edges
    from De Domenico's multiplex collection (provided "as is"); labels from
    manynet (MIT); cross-checked with netdiffuseR (MIT; Valente 1995).

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.datasets.load_ckm_physicians()
    >>> net.n_actors, net.layers, int((net.column("adoption_status") == "adopted").sum())
    (246, ('advice', 'discussion', 'friendship'), 109)
    """
    nodes = _read("ckm_physicians", "nodes.csv")
    edges = _read("ckm_physicians", "edges.csv")
    nodes["adoption_month"] = nodes["adoption_month"].astype(np.float64)
    return ClusterNetwork.from_edges(
        edges, actors=nodes, directed=True, layers=["advice", "discussion", "friendship"]
    )


def load_lazega_lawfirm() -> ClusterNetwork:
    """Lazega's law firm (SG&R, 1988–1991): 71 lawyers, 3 directed layers.

    Layers ``advice`` (892 edges), ``cowork`` (1104) and ``friendship`` (575);
    actor columns ``status`` (36 partners, 35 associates), ``gender``, ``office``,
    ``years_with_firm``, ``age``, ``practice``, ``school``.

    Returns
    -------
    ClusterNetwork
        71 lawyers in three directed layers.

    References
    ----------
    Lazega, E. (2001). *The Collegial Phenomenon: The Social Mechanisms of
    Cooperation Among Peers in a Corporate Law Partnership*. Oxford University
    Press. Data via manynet (MIT), for research use with citation.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.datasets.load_lazega_lawfirm()
    >>> net.n_actors, net.layers, net.n_edges
    (71, ('advice', 'cowork', 'friendship'), 2571)
    """
    nodes = _read("lazega_lawfirm", "nodes.csv")
    edges = _read("lazega_lawfirm", "edges.csv")
    return ClusterNetwork.from_edges(
        edges, actors=nodes, directed=True, layers=["advice", "cowork", "friendship"]
    )


def load_florentine_families() -> ClusterNetwork:
    """Padgett's Florentine families: 16 families, undirected ``marriage`` (20) and ``business`` (15).

    Actor columns ``family``, ``wealth`` (thousands of lira, 1427), ``priorates``
    (seats 1282–1344) and ``totalties``.

    Returns
    -------
    ClusterNetwork
        16 families in two undirected layers.

    References
    ----------
    Padgett, J. F., & Ansell, C. K. (1993). Robust action and the rise of the
    Medici, 1400–1434. *American Journal of Sociology* 98:1259–1319. Breiger &
    Pattison (1986), *Social Networks* 8:215–256. Data via the R package ergm.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.datasets.load_florentine_families()
    >>> net.n_actors, net.layers, net.n_edges
    (16, ('marriage', 'business'), 35)
    """
    nodes = _read("padgett_florentine", "nodes.csv")
    edges = _read("padgett_florentine", "edges.csv")
    return ClusterNetwork.from_edges(
        edges, actors=nodes, directed=False, layers=["marriage", "business"]
    )


#: Name -> (loader, one-line citation).
DATASETS = {
    "ckm": (load_ckm_physicians, "Coleman, Katz & Menzel (1957), Sociometry 20:253-270"),
    "lazega": (load_lazega_lawfirm, "Lazega (2001), The Collegial Phenomenon, Oxford UP"),
    "florentine": (load_florentine_families, "Padgett & Ansell (1993), AJS 98:1259-1319"),
}


def load(name: str) -> ClusterNetwork:
    """Load a built-in dataset by short name.

    Parameters
    ----------
    name : {"ckm", "lazega", "florentine"}
        :func:`load_ckm_physicians`, :func:`load_lazega_lawfirm` or
        :func:`load_florentine_families`.

    Returns
    -------
    ClusterNetwork
        The dataset.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the available ones).

    Examples
    --------
    >>> import clusternet as cn
    >>> cn.datasets.load("florentine").n_edges
    35
    """
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {show(name)}; available: {', '.join(DATASETS)}")
    return DATASETS[name][0]()
