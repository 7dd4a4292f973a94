"""Locality orders: ids and results unchanged up to summation order, ties brought closer."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp

import clusternet as cn
from clusternet import locality as L
from clusternet.centrality import pagerank


@pytest.fixture(scope="module")
def shuffled():
    """A generated cluster numbered at random (the case a locality order helps)."""
    net = cn.generate_cluster(600, seed=4, n_towns=20)
    perm = np.random.default_rng(4).permutation(net.n_actors)
    return net.reordered(perm)


def _near(net) -> float:
    """Share of stored ties whose two actors are less than n / 20 apart in index."""
    coo = sp.coo_array(net.csr(direction="both"))
    return float(np.mean(np.abs(coo.row.astype(np.int64) - coo.col) < net.n_actors / 20))


def test_morton_order_against_brute_force_bit_interleaving():
    rng = np.random.default_rng(0)
    x, y = rng.random(300), rng.random(300)
    x[5] = np.nan  # a missing coordinate goes last
    order = L.morton_order(x, y)
    ok = np.isfinite(x)
    top = (1 << L.MORTON_BITS) - 1

    def cell(v):
        return np.clip((v - v[ok].min()) / (v[ok].max() - v[ok].min()) * top, 0, top).astype(int)

    cx, cy = cell(np.where(ok, x, 0.0)), cell(y)
    keys = [
        sum(((int(cx[i]) >> b) & 1) << (2 * b) | ((int(cy[i]) >> b) & 1) << (2 * b + 1)
            for b in range(L.MORTON_BITS))
        for i in range(300)
    ]  # fmt: skip
    expected = [*sorted(np.flatnonzero(ok).tolist(), key=lambda i: (keys[i], i)), 5]
    assert order.tolist() == expected


def _z_key(cx: int, cy: int) -> int:
    """The Morton key of one cell, by hand: bit b of x goes to 2b, bit b of y to 2b + 1."""
    return sum(
        ((cx >> b) & 1) << (2 * b) | ((cy >> b) & 1) << (2 * b + 1) for b in range(L.MORTON_BITS)
    )


def test_morton_order_of_small_integer_cells_by_hand_interleaving():
    """Mutation survivors L41, L43 (the masks): every low bit of the cell decides the order.

    Coordinates ``c + 0.5`` for the cells 0..15 on both axes, with corners at 0 and
    65,535 so that a coordinate maps to its own cell (``(c + 0.5) / 65535 * 65535``
    floors to ``c``); in the full 16 x 16 block the Z order is fixed by bits 0..3 alone.
    The points are given in a shuffled order; ties of key keep index order.
    """
    cells = [(cx, cy) for cx in range(16) for cy in range(16)]
    perm = np.random.default_rng(1).permutation(len(cells))
    cells = [cells[k] for k in perm]
    x = np.array([0.0, 65535.0, *[cx + 0.5 for cx, _ in cells]])
    y = np.array([0.0, 65535.0, *[cy + 0.5 for _, cy in cells]])
    keys = [_z_key(0, 0), _z_key(65535, 65535), *[_z_key(cx, cy) for cx, cy in cells]]
    expected = sorted(range(len(keys)), key=lambda i: (keys[i], i))
    assert L.morton_order(x, y).tolist() == expected
    # the hand key of a few cells, as the docstring's formula gives it
    assert [_z_key(1, 0), _z_key(0, 1), _z_key(3, 3), _z_key(5, 2)] == [1, 2, 15, 25]


def test_morton_order_uses_the_grid_top_cell_65535():
    """Mutation survivor L86: coordinates scale to cells 0..2^16 - 1 over their range.

    ``(1 << 16) - 2`` as the top maps 32,768 to cell 32,767, the cell of 32,767.5: the
    two points tie and keep index order, where the right top puts the second first.
    """
    x = np.array([0.0, 32768.0, 32767.5, 65535.0])
    y = np.zeros(4)
    assert L.morton_order(x, y).tolist() == [0, 2, 1, 3]


def test_morton_order_of_a_constant_coordinate_orders_by_the_other():
    """Mutation survivor L90 (``hi > lo`` -> ``>=``): a zero span must not divide by zero."""
    x = np.full(6, 3.25)  # every x equal: all in cell 0
    y = np.array([5.0, 1.0, 4.0, 2.0, 3.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        order = L.morton_order(x, y)
    assert order.tolist() == [5, 1, 3, 4, 2, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert L.morton_order(y, x).tolist() == [5, 1, 3, 4, 2, 0]


@pytest.mark.parametrize("by", ["space", "town", "rcm"])
def test_pagerank_in_a_locality_order_equals_the_plain_one(shuffled, by):
    plain = pagerank(shuffled)
    local = pagerank(shuffled, locality=by)
    np.testing.assert_allclose(local, plain, rtol=1e-12, atol=0)
    # weighted layers and a personalisation by id travel through the renumbering
    who = {shuffled.ids[3]: 2.0, shuffled.ids[77]: 1.0}
    kw = dict(layers=["transaction", "social"], layer_weights={"social": 0.5}, personalization=who)
    np.testing.assert_allclose(
        pagerank(shuffled, locality=by, **kw), pagerank(shuffled, **kw), rtol=1e-12, atol=0
    )
    # ids unchanged, the network itself untouched
    assert (
        shuffled.ids.tolist()
        == cn.generate_cluster(600, seed=4, n_towns=20)
        .ids[np.random.default_rng(4).permutation(shuffled.n_actors)]
        .tolist()
    )


@pytest.mark.parametrize("by", ["space", "town"])
def test_locality_order_brings_tied_actors_closer(shuffled, by):
    local, order = L.local_network(shuffled, by)
    assert sorted(order.tolist()) == list(range(shuffled.n_actors))
    np.testing.assert_array_equal(local.ids, shuffled.ids[order])
    # at random about 1 tie in 10 falls within n / 20; by place (20 towns) over twice as many
    assert _near(local) > 2 * _near(shuffled), (_near(local), _near(shuffled))
    assert L.local_network(shuffled, by)[0] is local  # built once per network and order


def test_locality_bad_input(shuffled):
    with pytest.raises(ValueError, match="by must be"):
        L.locality_order(shuffled, "no_such_column")
    with pytest.raises(TypeError, match="ClusterNetwork"):
        pagerank(sp.csr_array(np.ones((3, 3))), locality="space")
    bare = cn.ClusterNetwork.from_edges([("a", "b"), ("b", "c")])
    with pytest.raises(ValueError, match="'x' and 'y'"):
        L.locality_order(bare, "space")


@pytest.mark.parametrize(
    ("x", "y"),
    [
        (np.zeros((2, 2)), np.zeros((2, 2))),  # equal shapes, but not 1-d
        (np.zeros(3), np.zeros(2)),  # 1-d, lengths differ
        (np.zeros((3, 1)), np.zeros(3)),  # neither
    ],
    ids=["2d-same-shape", "1d-lengths-differ", "2d-and-1d"],
)
def test_morton_order_refuses_coordinates_that_are_not_two_equal_1d_arrays(x, y):
    """Round 13 (seed 2030, L81: ``or`` -> ``and`` let 2-d coordinates of equal shape
    through): each bad pair is refused by name."""
    with pytest.raises(ValueError, match="x and y must be 1-d of one length"):
        L.morton_order(x, y)
