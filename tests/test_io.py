"""Round trips through .npz, igraph, networkx, CSV and GraphML; damaged files."""

import zipfile

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet import io


def _sorted_edges(net):
    src, dst, lay, w = net.edge_arrays
    order = np.lexsort((w, lay, dst, src))
    return [arr[order] for arr in (src, dst, lay, w)]


def assert_same_network(
    a: cn.ClusterNetwork, b: cn.ClusterNetwork, check_dtype: bool = True, ordered: bool = True
) -> None:
    pd.testing.assert_frame_equal(a.actors, b.actors, check_dtype=check_dtype)
    assert a.layers == b.layers
    assert a.directed == b.directed
    pairs = (
        zip(a.edge_arrays, b.edge_arrays) if ordered else zip(_sorted_edges(a), _sorted_edges(b))
    )
    for x, y in pairs:
        np.testing.assert_array_equal(x, y)
        assert x.dtype == y.dtype


@pytest.mark.parametrize(
    "loader",
    [
        cn.datasets.load_ckm_physicians,
        cn.datasets.load_lazega_lawfirm,
        cn.datasets.load_florentine_families,
    ],
)
def test_npz_round_trip_is_exact(tmp_path, loader):
    net = loader()
    path = tmp_path / "net.npz"
    net.save(path)
    assert_same_network(net, cn.load(path))


def test_npz_round_trip_mixed_columns(tmp_path, small_net):
    path = tmp_path / "small.npz"
    small_net.save(path)
    back = cn.load(path)
    assert_same_network(small_net, back)
    assert back.actors["town"].isna().tolist() == [False, False, False, True, False]


def test_save_is_atomic_and_leaves_no_temp(tmp_path, small_net, monkeypatch):
    path = tmp_path / "net.npz"
    small_net.save(path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(io.os, "replace", boom)
    with pytest.raises(OSError):
        small_net.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["net.npz"]


def test_truncated_and_tampered_files(tmp_path, small_net):
    path = tmp_path / "net.npz"
    small_net.save(path)
    raw = path.read_bytes()
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ValueError, match="not a readable clusternet file"):
        cn.load(truncated)
    # a pickled object array instead of edge weights: never unpickled
    pickled = tmp_path / "pickled.npz"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(pickled, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "edge:weight.npy":
                import io as stdio

                buf = stdio.BytesIO()
                np.save(
                    buf, np.array([object()] * small_net.n_edges, dtype=object), allow_pickle=True
                )
                data = buf.getvalue()
            dst.writestr(item, data)
    with pytest.raises(ValueError, match="pickle"):
        cn.load(pickled)
    # out-of-range index
    bad = tmp_path / "bad.npz"
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["edge:source"] = arrays["edge:source"].copy()
    arrays["edge:source"][0] = 99
    np.savez(bad, **arrays)
    with pytest.raises(ValueError, match="out-of-range source"):
        cn.load(bad)
    not_ours = tmp_path / "plain.npz"
    np.savez(not_ours, x=np.arange(3))
    with pytest.raises(ValueError, match="not a clusternet file"):
        cn.load(not_ours)


def test_igraph_round_trip(small_net):
    g = small_net.to_igraph()
    assert isinstance(g, ig.Graph) and g.is_directed()
    assert g.ecount() == small_net.n_edges
    assert_same_network(small_net, cn.ClusterNetwork.from_igraph(g))


def test_igraph_plain_graph():
    g = ig.Graph.Famous("Zachary")
    net = cn.ClusterNetwork.from_igraph(g)
    assert net.n_actors == 34 and net.n_edges == 78 and net.directed == {"default": False}
    np.testing.assert_array_equal(
        net.csr().toarray(), np.asarray(g.get_adjacency().data, dtype=float)
    )


def test_networkx_round_trip(small_net):
    g = small_net.to_networkx()
    assert isinstance(g, nx.MultiDiGraph) and g.number_of_edges() == small_net.n_edges
    back = cn.ClusterNetwork.from_networkx(g)
    # networkx iterates edges by adjacency, so edge order (not content) may differ
    assert_same_network(small_net, back, check_dtype=False, ordered=False)


def test_networkx_plain_graph():
    g = nx.karate_club_graph()
    net = cn.ClusterNetwork.from_networkx(g)
    np.testing.assert_allclose(net.csr().toarray(), nx.to_numpy_array(g, nodelist=sorted(g)))


def test_csv_edgelist_with_actors(tmp_path):
    (tmp_path / "edges.csv").write_text(
        "source,target,layer,weight\nf1,f2,transaction,2\nf2,f3,social,1\n"
    )
    (tmp_path / "actors.csv").write_text(
        "id,role,size\nf1,supplier,12\nf2,producer,40\nf3,university,\n"
    )
    net = cn.read_edgelist(tmp_path / "edges.csv", actors=tmp_path / "actors.csv")
    assert net.ids.tolist() == ["f1", "f2", "f3"]
    assert net.actors["tier"].tolist() == ["core", "core", "auxiliary"]
    assert net.csr().toarray()[0, 1] == 2.0
    (tmp_path / "bad.csv").write_text("source,target\nf1,f2\nf2,f9\n")
    with pytest.raises(ValueError, match="edge row 1 has unknown target actor id 'f9'"):
        cn.read_edgelist(tmp_path / "bad.csv", actors=tmp_path / "actors.csv")
    with pytest.raises(FileNotFoundError):
        cn.read_edgelist(tmp_path / "missing.csv")


def test_parquet_tables(tmp_path, small_net):
    pytest.importorskip("pyarrow")
    paths = io.write_tables(small_net, tmp_path, fmt="parquet")
    back = cn.read_edgelist(paths["edges"], actors=paths["actors"])
    np.testing.assert_array_equal(back.csr().toarray(), small_net.csr().toarray())


def test_graphml_round_trip(tmp_path):
    net = cn.datasets.load_florentine_families()
    path = tmp_path / "f.graphml"
    io.write_graphml(net, path)
    back = cn.read_network(path)
    assert back.ids.tolist() == net.ids.tolist()
    assert back.layers == net.layers and back.directed == net.directed
    np.testing.assert_array_equal(back.csr().toarray(), net.csr().toarray())
    assert back.actors["family"].tolist() == net.actors["family"].tolist()


def test_memory_mapped_load_gives_identical_results(tmp_path):
    from clusternet.centrality import pagerank
    from clusternet.measures import upgrading_readiness

    net = cn.generate_cluster(800, seed=3)
    net.save(tmp_path / "flat.npz", compress=False)
    net.save(tmp_path / "packed.npz")
    mapped = cn.load(tmp_path / "flat.npz", mmap=True)
    assert isinstance(mapped.edge_arrays[0], np.memmap)
    assert_same_network(net, mapped)
    assert_same_network(net, cn.load(tmp_path / "packed.npz"))  # mmap=False reads either
    np.testing.assert_array_equal(pagerank(mapped), pagerank(net))
    a, b = upgrading_readiness(mapped, seed=1), upgrading_readiness(net, seed=1)
    pd.testing.assert_frame_equal(a.components, b.components)
    # the mapped network is read-only and pickles as a reference to its file
    with pytest.raises(ValueError, match="read-only"):
        mapped.edge_arrays[3][0] = 2.0
    import pickle

    blob = pickle.dumps(mapped)
    assert len(blob) < 1000 < len(pickle.dumps(net))
    assert_same_network(net, pickle.loads(blob))
    with pytest.raises(ValueError, match="saved compressed"):
        cn.load(tmp_path / "packed.npz", mmap=True)


def test_memory_mapped_file_that_changed_is_refused_on_unpickling(tmp_path):
    import os
    import pickle

    net = cn.generate_cluster(200, seed=1)
    path = tmp_path / "n.npz"
    net.save(path, compress=False)
    blob = pickle.dumps(cn.load(path, mmap=True))
    cn.generate_cluster(210, seed=2).save(path, compress=False)
    os.utime(path, ns=(1, 1))
    with pytest.raises(ValueError, match="changed since"):
        pickle.loads(blob)


def test_memory_mapped_damaged_files_are_refused(tmp_path, small_net):
    path = tmp_path / "flat.npz"
    small_net.save(path, compress=False)
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["edge:weight"] = arrays["edge:weight"].copy()
    arrays["edge:weight"][1] = -1.0
    bad = tmp_path / "bad.npz"
    np.savez(bad, **arrays)
    with pytest.raises(ValueError, match="edge 1 has weight -1"):
        cn.load(bad, mmap=True)
    with pytest.raises(ValueError, match="weight"):
        cn.load(bad)
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ValueError, match="not a readable clusternet file"):
        cn.load(truncated, mmap=True)


def test_sweep_sends_a_mapped_network_as_its_file(tmp_path):
    net = cn.generate_cluster(300, seed=5)
    net.save(tmp_path / "n.npz", compress=False)
    mapped = cn.load(tmp_path / "n.npz", mmap=True)
    import sweep_tasks

    from clusternet.centrality import pagerank

    res = cn.sweep(
        sweep_tasks.mapped_pagerank,
        {"actor": [0, 1, 2]},
        shared={"net": mapped},
        workers=2,
        progress=False,
    )
    assert res["mapped"].all()
    # the worker runs 1 Numba thread, this process 2: reductions may differ in the last bit
    np.testing.assert_allclose(res["value"], pagerank(net)[[0, 1, 2]], rtol=1e-12)


@pytest.mark.parametrize("compress, mmap", [(True, False), (False, True)])
def test_text_columns_with_missing_values_round_trip(tmp_path, compress, mmap):
    net = cn.generate_cluster(60, seed=1)
    labels = ["a", None, "Zürich"] * net.n_actors
    net = net.with_actor_columns(label=pd.array(labels[: net.n_actors], dtype="str"))
    path = tmp_path / "net.npz"
    net.save(path, compress=compress)
    back = cn.load(path, mmap=mmap)
    pd.testing.assert_frame_equal(back.actors, net.actors)
    assert back.actors["label"].isna().sum() == net.n_actors // 3 + (net.n_actors % 3 > 1)


# ---------------------------------------------------------------- regressions found in review
# (issue 15; moved here from tests/test_robustness.py to sit beside the module's own tests)


def test_edge_list_with_mixed_ids_reads_all_ids_as_text(tmp_path):
    """Issue 15.12: 'source,target / 1,2 / 2,x' was refused ("edge ids mix types")."""
    (tmp_path / "e.csv").write_text("source,target\n1,2\n2,x\n")
    net = cn.read_edgelist(tmp_path / "e.csv")
    assert list(net.ids) == ["1", "2", "x"]
    assert net.n_edges == 2


def test_integer_ids_stay_integers_and_text_ids_keep_their_spelling(tmp_path):
    (tmp_path / "e.csv").write_text("source,target\n1,2\n2,3\n")
    assert cn.read_edgelist(tmp_path / "e.csv").ids.dtype.kind == "i"
    (tmp_path / "g.csv").write_text("source,target\n01,2\n2,x\n")
    (tmp_path / "a.csv").write_text("id,size\n01,3\n2,4\nx,5\n")
    net = cn.read_edgelist(tmp_path / "g.csv", actors=tmp_path / "a.csv")
    assert sorted(net.ids) == ["01", "2", "x"]
    assert net.actors.set_index("id").loc["01", "size"] == 3


def test_actor_table_ids_follow_the_edges(tmp_path):
    (tmp_path / "e.csv").write_text("source,target\n1,2\n")
    (tmp_path / "a.csv").write_text("id,size\n1,3\n2,4\nfirm-z,9\n")
    net = cn.read_edgelist(tmp_path / "e.csv", actors=tmp_path / "a.csv")
    assert sorted(net.ids) == ["1", "2", "firm-z"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_written_files_honour_the_umask(tmp_path, umask):
    """Issue 15.13: outputs were 0600 (mkstemp) whatever the umask."""
    import os

    net = cn.generate_cluster(60, seed=1)
    old = os.umask(umask)
    try:
        net.save(tmp_path / "n.npz")
        cn.io.write_table(net.actors, tmp_path / "a.csv")
        cn.io.write_graphml(net, tmp_path / "n.graphml")
    finally:
        os.umask(old)
    for name in ("n.npz", "a.csv", "n.graphml"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask


# ---------------------------------------------------------------- hostile input (issue 30)
def test_mapped_file_truncated_after_loading_is_refused_not_sigbus(tmp_path):
    # issue 30 item 2: pagerank on a network whose mapped file was truncated died of
    # SIGBUS. Run in a child process, so a crash fails this test instead of the suite.
    import subprocess
    import sys

    script = f"""
import os, numpy as np, clusternet as cn
path = {str(tmp_path / "n.npz")!r}
cn.generate_cluster(200, seed=1).save(path, compress=False)
net = cn.load(path, mmap=True)
other = net.with_actor_columns(extra=np.zeros(net.n_actors))  # shares the mapped arrays
os.truncate(path, os.path.getsize(path) // 3)
for call in (lambda: cn.centrality.pagerank(net), lambda: cn.centrality.pagerank(other),
             lambda: net.edges, lambda: net.subnetwork(tiers="core")):
    try:
        call()
        print("no error")
    except ValueError as exc:
        print("refused:", "truncated after it was memory-mapped" in str(exc))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split("\n")[:4] == ["refused: True"] * 4


def test_mapped_file_replaced_by_a_new_file_keeps_working(tmp_path, small_net):
    # replacing (not truncating) the file leaves the old pages mapped: no false alarm
    path = tmp_path / "n.npz"
    small_net.save(path, compress=False)
    net = cn.load(path, mmap=True)
    small_net.subnetwork(["a", "b"]).save(path, compress=False)  # atomic replace
    np.testing.assert_allclose(cn.centrality.pagerank(net), cn.centrality.pagerank(small_net))


@pytest.mark.parametrize("compress", [True, False])
def test_ids_and_text_differing_by_a_trailing_nul_survive(tmp_path, compress):
    # issue 30 item 14: 'a\x00' and 'a' were duplicates; a trailing NUL in a column was dropped
    actors = pd.DataFrame({"id": ["a", "a\x00", "b"], "note": ["x\x00", "y", None]})
    net = cn.ClusterNetwork.from_edges(
        {"source": ["a\x00", "b"], "target": ["a", "a\x00"]}, actors=actors
    )
    assert net.ids.tolist() == ["a", "a\x00", "b"]
    path = tmp_path / "n.npz"
    net.save(path, compress=compress)
    for back in [cn.load(path)] + ([] if compress else [cn.load(path, mmap=True)]):
        assert back.ids.tolist() == ["a", "a\x00", "b"]
        assert back.actors["note"].tolist()[:2] == ["x\x00", "y"]
        ends = back.edge_table()[["source", "target"]].values.tolist()
        assert sorted(map(tuple, ends)) == [("a\x00", "a"), ("b", "a\x00")]


def test_integer_id_beyond_int64_is_named(tmp_path):
    # issue 30 item 18: an OverflowError with a traceback, in the API and in the CLI
    import subprocess
    import sys

    path = tmp_path / "e.csv"
    path.write_text("source,target\n1,2\n9223372036854775808,1\n")
    with pytest.raises(ValueError, match=r"column 'source' row 1: id 9223372036854775808 .*64-bit"):
        io.read_edgelist(path)
    path.write_text("source,target\n1,2\n-9223372036854775809,1\n")
    with pytest.raises(ValueError, match=r"row 1: id -9223372036854775809"):
        io.read_edgelist(path)
    path.write_text("source,target\n1,2\n9223372036854775807,1\n")  # the largest int64 is fine
    assert 9223372036854775807 in io.read_edgelist(path).ids.tolist()
    path.write_text("source,target\n1,2\n9223372036854775808,1\n")
    proc = subprocess.run(
        [sys.executable, "-m", "clusternet.cli", "analyze", str(path), "--no-report"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("clusternet: error: column 'source' row 1")
    assert "Traceback" not in proc.stderr


def test_empty_id_cell_names_row_and_column(tmp_path):
    """Issue 30 (fuzz): an empty source cell among integer ids gave a TypeError ("edge ids
    mix types (float, int) ... at position 0") that named neither the row nor the column."""
    path = tmp_path / "e.csv"
    path.write_text("source,target,weight\n1,2,1\n,0,1\n")
    with pytest.raises(ValueError, match=r"edge list column 'source' row 1: no actor id"):
        io.read_edgelist(path)
    path.write_text("source,target\na,b\nb,\n")  # text ids too
    with pytest.raises(ValueError, match=r"edge list column 'target' row 1: no actor id"):
        io.read_edgelist(path)
    actors = tmp_path / "a.csv"
    actors.write_text("id,role\n1,firm\n,firm\n")
    path.write_text("source,target\n1,1\n")
    with pytest.raises(ValueError, match=r"actors table column 'id' row 1: no actor id"):
        io.read_edgelist(path, actors=actors, allow_self_loops=True)


def test_non_numeric_weight_names_row_and_column(tmp_path):
    """Issue 30 (fuzz): a weight cell ``abc`` gave "edge weights must be numeric: could not
    convert string to float: 'abc'", naming neither the row nor the column."""
    path = tmp_path / "e.csv"
    path.write_text("source,target,strength\n1,2,1.5\n2,1,abc\n")
    with pytest.raises(
        ValueError, match=r"edge row 1 has a non-numeric weight 'abc' \(column 'strength'\)"
    ):
        io.read_edgelist(path, weight="strength")
    with pytest.raises(TypeError, match=r"edge row 0 has a non-numeric weight .*column 'weight'"):
        cn.ClusterNetwork.from_edges({"source": [0], "target": [1], "weight": [object()]})


def test_csv_that_is_not_utf8_names_the_file(tmp_path):
    """Issue 30 (fuzz): a CSV starting with bytes ff fe gave "'utf-8' codec can't decode
    byte 0xff in position 0" without the file's name (also in ``clusternet analyze``)."""
    path = tmp_path / "e.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match=r"e\.csv is not utf-8 text .* at byte 0"):
        io.read_edgelist(path)


def test_an_empty_csv_file_names_the_file(tmp_path):
    # round 29 referee: a 0-byte edge list gave pandas' EmptyDataError "No columns to parse
    # from file", without the file's name (a header-only file was already refused clearly)
    path = tmp_path / "e.csv"
    path.write_bytes(b"")
    with pytest.raises(ValueError, match=r"e\.csv is empty: a table needs at least a header"):
        io.read_edgelist(path)
    with pytest.raises(ValueError, match=r"e\.csv is empty"):
        io.read_table(path)
    path.write_text("source,target\n")
    with pytest.raises(ValueError, match="an empty edge table needs an actors table"):
        io.read_edgelist(path)


def test_save_onto_a_directory_names_it(tmp_path, small_net):
    # issue 30 item 21: IsADirectoryError naming a temporary file
    (tmp_path / "x.npz").mkdir()
    with pytest.raises(IsADirectoryError, match=r"x\.npz is a directory; give the path of a file"):
        small_net.save(tmp_path / "x.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["x.npz"]  # no temporary file left
