"""Built-in real datasets: counts must match each PROVENANCE.md."""

import numpy as np

import clusternet as cn


def _layer_counts(net):
    return dict(
        zip(net.layers, np.bincount(net.edge_arrays[2], minlength=len(net.layers)).tolist())
    )


def test_ckm_counts():
    net = cn.datasets.load_ckm_physicians()
    assert net.n_actors == 246 and net.n_edges == 1551
    assert _layer_counts(net) == {"advice": 480, "discussion": 565, "friendship": 506}
    status = net.actors["adoption_status"].value_counts().to_dict()
    assert status == {"adopted": 109, "unknown": 121, "not_adopted_by_month_17": 16}
    months = net.column("adoption_month")
    assert int(np.isfinite(months).sum()) == 109 and np.nanmax(months) == 17
    assert net.actors["town"].value_counts().to_dict() == {
        "Peoria": 117,
        "Bloomington": 50,
        "Quincy": 44,
        "Galesburg": 35,
    }
    # isolated physicians documented in the provenance
    deg = net.csr(direction="both").count_nonzero(axis=1)
    assert sorted(net.ids[deg == 0].tolist()) == [154, 165, 195, 201, 203]


def test_lazega_counts():
    net = cn.datasets.load_lazega_lawfirm()
    assert net.n_actors == 71 and net.n_edges == 2571
    assert _layer_counts(net) == {"advice": 892, "cowork": 1104, "friendship": 575}
    assert (net.actors["status"] == "partner").sum() == 36
    # reciprocated arcs per layer, as in PROVENANCE.md
    for layer, recip in {"advice": 350, "cowork": 756, "friendship": 352}.items():
        a = net.csr(layer)
        assert int(a.multiply(a.T).nnz) == recip


def test_florentine_counts():
    net = cn.datasets.load_florentine_families()
    assert net.n_actors == 16
    assert _layer_counts(net) == {"marriage": 20, "business": 15}
    assert net.directed == {"marriage": False, "business": False}
    medici = net.actors.set_index("family").loc["Medici"]
    assert (medici["wealth"], medici["priorates"]) == (103, 53)
    both = net.csr("marriage").multiply(net.csr("business"))
    assert both.nnz // 2 == 8
    deg = net.csr("marriage").count_nonzero(axis=1)
    assert net.actors["family"][deg == 0].tolist() == ["Pucci"]
