"""Hypothesis strategies for the fuzz suite (tests/test_fuzz_*.py): extreme but legal input.

Networks of 1 to 7 actors that are empty, single, self-loops only, with isolated
actors, and with weights anywhere from 1e-300 to 1e300; probabilities at 0, 1
and 1 - 1e-16; ids of every accepted type. The contract each fuzz test checks is
"a finite answer that satisfies the family's invariants, or a ValueError/TypeError
whose message names the argument".
"""

from __future__ import annotations

import os
import warnings
from contextlib import contextmanager

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clusternet as cn

#: examples per fuzz test: a bounded profile in ``make test``, a long one under ``slow``
BOUNDED, LONG = 12, 300
PROFILES = [BOUNDED, pytest.param(LONG, marks=pytest.mark.slow, id="long")]

#: weights drawn log-uniformly over float64's range, plus its ends: the normal range and
#: subnormals (5e-324, 1e-310: legal weights, and scipy's sparse division by one overflowed)
WEIGHT = st.one_of(
    st.sampled_from([5e-324, 1e-310, 1e-300, 1e-150, 1.0, 1e150, 1e300]),
    st.floats(min_value=-323, max_value=300).map(lambda e: float(10.0**e)),
)
#: probabilities at the ends of [0, 1] and just below 1
PROBABILITY = st.one_of(
    st.sampled_from([0.0, 1.0, 1.0 - 1e-16, 1e-300, 0.5]),
    st.floats(min_value=0.0, max_value=1.0),
)


def fuzz(examples: int, strategy, check) -> None:
    """Run ``check(case)`` on ``examples`` cases drawn from ``strategy``."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=os.environ.get("CLUSTERNET_FUZZ_RANDOM") is None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(strategy)
    def run(case):
        check(case)

    run()


@st.composite
def matrices(draw, max_n: int = 7, symmetric: bool | None = None):
    """A square scipy matrix: empty, self-loops only, isolated actors, extreme weights."""
    n = draw(st.integers(1, max_n))
    kind = draw(st.sampled_from(["random", "loops", "empty", "path"]))
    a = np.zeros((n, n))
    if kind == "loops":
        for i in draw(st.sets(st.integers(0, n - 1), min_size=1)):
            a[i, i] = draw(WEIGHT)
    elif kind == "path":
        w = draw(WEIGHT)
        for i in range(n - 1):
            a[i, i + 1] = w
    elif kind == "random":
        pairs = draw(
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n)
        )
        for i, j in pairs:
            a[i, j] = draw(WEIGHT)
    sym = draw(st.booleans()) if symmetric is None else symmetric
    if sym:
        a = np.maximum(a, a.T)
    return sp.csr_array(a)


ID_KINDS = ("int", "negative", "int64_edge", "text", "nul", "unicode")


@st.composite
def actor_ids(draw, n: int):
    """``n`` distinct ids of one accepted kind (integers or strings)."""
    kind = draw(st.sampled_from(ID_KINDS))
    if kind == "int":
        return list(range(n))
    if kind == "negative":
        return [-(10**9) - 7 * k for k in range(n)]
    if kind == "int64_edge":
        return [2**63 - 1 - k for k in range(n)]
    alphabet = {
        "text": st.characters(min_codepoint=32, max_codepoint=126),
        "nul": st.sampled_from(["a", "\x00", "b"]),
        "unicode": st.characters(blacklist_categories=("Cs",)),
    }[kind]
    texts = draw(
        st.lists(st.text(alphabet, min_size=1, max_size=4), min_size=n, max_size=n, unique=True)
    )
    return texts


@st.composite
def networks(draw, max_n: int = 7):
    """A ClusterNetwork of 1..max_n actors over two layers (one directed), extreme weights."""
    n = draw(st.integers(1, max_n))
    ids = draw(actor_ids(n))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["u", "d"])),
            max_size=3 * n,
        )
    )
    src = [ids[i] for i, _, _ in pairs]
    dst = [ids[j] for _, j, _ in pairs]
    lay = [layer for _, _, layer in pairs]
    wts = [draw(WEIGHT) for _ in pairs]
    import pandas as pd

    return cn.ClusterNetwork.from_edges(
        {"source": src, "target": dst, "layer": lay, "weight": wts} if pairs else None,
        actors=pd.DataFrame({"id": pd.Series(ids, dtype=object)}),
        directed={"u": False, "d": True},
        layers=["u", "d"],
        allow_self_loops=True,
    )


@contextmanager
def named_error(*words: str):
    """Accept a finite answer, or a ValueError/TypeError whose message holds one of ``words``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence warnings are part of the contract
        try:
            yield
        except (ValueError, TypeError) as exc:
            message = str(exc)
            assert any(w in message for w in words), (
                f"unclear error: {type(exc).__name__}: {message}"
            )
