r"""The survey instrument: what a fixed-choice questionnaire records of a network.

Many sociometric surveys are *fixed-choice*: "name up to three colleagues you
ask for advice". Each respondent's out-degree is then at most the cap while
in-degrees stay free (Holland & Leinhardt 1973). :func:`~clusternet.survey.nominated` passes a
generated network through such an instrument, so its moments can be compared
with a capped survey's (``clusternet.fit_generator(nominations=k)``).

Which partners a respondent names when it has more than the cap is a property
of the questionnaire and of how people answer it, not of the cluster:

* ``"random"`` (the default): a uniformly random ``min(cap, d)`` of the
  respondent's partners — the neutral reading of a truncated list, and the one
  the fits of rounds 1-3 used.
* ``"embedded"``: the partners most *embedded* in the respondent's own ego
  network first — those tied to the most of its other partners in the same
  relation (the tie's shared partners; ties broken at random). Name generators
  elicit the strongest, most salient ties first (Marsden 1990; Burt 1984), and
  tie strength goes with the number of shared contacts (Granovetter 1973;
  Marsden & Campbell 1984), so a capped list keeps triangle-closing ties more
  often than a random one. Whether a given survey's respondents answered that
  way is an *assumption*, not something the recorded network can show.

References
----------
Burt, R. S. (1984). Network items and the General Social Survey. *Social
Networks* 6:293-339. Granovetter, M. (1973). The strength of weak ties. *AJS*
78:1360-1380. Holland, P. W. & Leinhardt, S. (1973). The structural
implications of measurement error in sociometry. *J. Mathematical Sociology*
3:85-111. Marsden, P. V. (1990). Network data and measurement. *Annual Review
of Sociology* 16:435-463. Marsden, P. V. & Campbell, K. E. (1984). Measuring
tie strength. *Social Forces* 63:482-501.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

#: How a respondent with more partners than the cap chooses whom to name.
NOMINATION_ORDERS = ("random", "embedded")


def shared_partners(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    r"""Each tie's embeddedness: the partners its two ends share in the same relation.

    For a tie :math:`(i, j)`, :math:`e_{ij} = |N(i) \cap N(j)|` with :math:`N` the
    neighbourhoods of the relation read as undirected (a directed tie and its
    reverse are one pair): the number of triangles the tie closes.

    Parameters
    ----------
    source, target : numpy.ndarray of int
        The ties (actor indices).

    Returns
    -------
    numpy.ndarray of int64
        :math:`e_{ij}` per tie, in input order.

    Examples
    --------
    A triangle 0-1-2 with a pendant tie 2-3: each triangle tie closes one triangle.

    >>> import numpy as np
    >>> from clusternet.survey import shared_partners
    >>> shared_partners(np.array([0, 1, 0, 2]), np.array([1, 2, 2, 3])).tolist()
    [1, 1, 1, 0]
    """
    source = np.asarray(source, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    m = source.shape[0]
    if m == 0:
        return np.zeros(0, dtype=np.int64)
    n = int(max(source.max(), target.max())) + 1
    lo, hi = np.minimum(source, target), np.maximum(source, target)
    keys = np.unique(lo * n + hi)
    a, b = keys // n, keys % n
    a, b = a[a != b], b[a != b]
    ones = np.ones(2 * a.shape[0], dtype=np.int64)
    adj = sparse.csr_matrix((ones, (np.r_[a, b], np.r_[b, a])), shape=(n, n))
    common = (adj @ adj).tocsr()
    return np.asarray(common[source, target], dtype=np.int64).ravel()


def nominated(
    source: np.ndarray,
    target: np.ndarray,
    cap: int,
    rng: np.random.Generator,
    directed: bool,
    order: str = "random",
) -> tuple[np.ndarray, np.ndarray]:
    r"""The ties a fixed-choice survey records: each respondent names at most ``cap`` partners.

    Sociometric surveys often ask "name up to three colleagues you ..." (the CKM
    physicians: three advisers, three discussion partners, three friends), so
    every respondent's out-degree is at most ``cap`` while in-degrees stay free
    (Holland & Leinhardt 1973 on fixed-choice truncation). A generated network is
    passed through the same instrument before its moments are compared with such
    a survey's. Undirected ties: each firm names :math:`\min(\mathrm{cap}, d_i)`
    of its partners and a tie is recorded when either end names it (the recorded
    network is read as undirected). Directed ties (the generator's trade,
    supplier -> buyer, drawn by the buyer): each buyer names at most ``cap`` of
    its suppliers, so the pull of large suppliers (their in-degree
    heterogeneity) is kept.

    Parameters
    ----------
    source, target : numpy.ndarray of int
        The ties (distinct pairs; undirected ties once each).
    cap : int
        Most partners a respondent names.
    rng : numpy.random.Generator
        Which partners are named when a firm has more than ``cap`` (with
        ``order="embedded"``, among equally embedded partners).
    directed : bool
        Directed ties named by their target; else undirected, named by either end.
    order : {"random", "embedded"}, default "random"
        Whom a respondent with more than ``cap`` partners names: a uniformly
        random set, or the partners with the most shared partners
        (:func:`~clusternet.survey.shared_partners`, the relation read as undirected) first — an
        *assumption* about how respondents answer (Marsden 1990: name
        generators elicit the strongest, most embedded ties first). The random
        draws are the same for both orders.

    Returns
    -------
    source, target : numpy.ndarray
        The recorded ties (a subset of the input, in input order).

    Examples
    --------
    A star of five ties named by its leaves (each names its one partner): all recorded;
    a directed star into firm 0, which names two of its five suppliers:

    >>> import numpy as np
    >>> from clusternet.survey import nominated
    >>> rng = np.random.default_rng(1)
    >>> s, t = nominated(np.zeros(5, int), np.arange(1, 6), 2, rng, directed=False)
    >>> len(s)
    5
    >>> s, t = nominated(np.arange(1, 6), np.zeros(5, int), 2, rng, directed=True)
    >>> len(s), set(t.tolist())
    (2, {0})

    Firm 0 buys from 1, 2 and 3; suppliers 1 and 2 also trade with each other.
    Naming one supplier, firm 0 names 1 or 2 (each closes a triangle), never 3:

    >>> s, t = nominated(np.array([1, 2, 3, 1]), np.array([0, 0, 0, 2]), 1, rng,
    ...                  directed=True, order="embedded")
    >>> s[t == 0].tolist() in ([1], [2])
    True
    """
    if order not in NOMINATION_ORDERS:
        raise ValueError(f"order must be one of {list(NOMINATION_ORDERS)}, got {order!r}")
    source, target = np.asarray(source), np.asarray(target)
    m = source.shape[0]
    if m == 0:
        return source, target
    if directed:
        respondent, entry = target, np.arange(m)
    else:
        respondent = np.concatenate([source, target])
        entry = np.concatenate([np.arange(m), np.arange(m)])
    noise = np.asarray(rng.random(respondent.shape[0]), dtype=np.float64)
    if order == "embedded":
        salience = -shared_partners(source, target)[entry]
        ranking = np.lexsort((noise, salience, respondent))
    else:
        ranking = np.lexsort((noise, respondent))
    ranked = respondent[ranking]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    rank = np.arange(ranked.shape[0]) - np.repeat(starts, np.diff(np.r_[starts, ranked.shape[0]]))
    keep = np.zeros(m, dtype=bool)
    keep[entry[ranking[rank < cap]]] = True
    return source[keep], target[keep]


__all__ = ["NOMINATION_ORDERS", "nominated", "shared_partners"]
