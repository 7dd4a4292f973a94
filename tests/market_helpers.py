"""Helpers the market tests share: the limit-price rent written out and a rivals' CSR."""

import numpy as np

#: the quality ratio of one ladder step in the market tests (the model's default)
G = 1.25


def limit_rent(x: float, gamma: float = G) -> float:
    """Limit-price rent written out: ``1 - gamma^-x`` for ``x > 0``, else 0."""
    return 1.0 - gamma ** (-x) if x > 0 else 0.0


def rival_csr(n: int, pairs) -> tuple[np.ndarray, np.ndarray]:
    """Undirected CSR (both directions) of rival pairs among ``n`` actors."""
    rows: list[list[int]] = [[] for _ in range(n)]
    for i, j in pairs:
        rows[i].append(j)
        rows[j].append(i)
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    return indptr, np.array([j for r in rows for j in r], dtype=np.int64)
