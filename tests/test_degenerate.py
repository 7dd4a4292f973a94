"""Every row of the degenerate-case table (tests/degenerate_cases.py) holds, and the page agrees.

docs/degenerate.md is generated from the same rows, so a changed behaviour fails here until
the table (and with it the page) is changed on purpose.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from degenerate_cases import PAGE, ROWS, check, page

from clusternet import centrality as C


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_degenerate_case(row):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence warnings on degenerate input are expected
        check(row)


def test_page_is_generated_from_the_table():
    assert PAGE.read_text() == page(), "run `python tests/degenerate_cases.py` to regenerate"


def test_rows_are_unique_and_cover_every_case_kind():
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))
    cases = {row.case for row in ROWS}
    for kind in ("empty", "single", "isolated", "loops", "two ties", "zero weights", "path, p = 0"):
        assert kind in cases


def test_zero_weight_ties_keep_their_direction():
    # a directed path stored with weights 0 was read as undirected (0 == 0 both ways), so
    # unweighted betweenness halved: 0.5 for the middle actor instead of networkx's 1
    zero = sp.csr_array((np.zeros(2), (np.array([0, 1]), np.array([1, 2]))), shape=(3, 3))
    one = sp.csr_array((np.ones(2), (np.array([0, 1]), np.array([1, 2]))), shape=(3, 3))
    np.testing.assert_allclose(C.betweenness(zero), [0.0, 1.0, 0.0])
    np.testing.assert_allclose(C.betweenness(zero), C.betweenness(one))
