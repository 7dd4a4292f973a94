"""Fuzz: ids of every accepted type round-trip through files; a truncated mapped file is
refused, never a crash (checked in a child process); composite indicators stay in range."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from fuzz_strategies import PROFILES, fuzz, named_error, networks
from hypothesis import strategies as st

import clusternet as cn
from clusternet.measures import composite_index, normalize


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_networks_round_trip_through_npz(examples, tmp_path_factory):
    def check(case):
        net, compress = case
        path = tmp_path_factory.mktemp("npz") / "n.npz"
        net.save(path, compress=compress)
        for back in [cn.load(path)] + ([] if compress else [cn.load(path, mmap=True)]):
            assert back.ids.tolist() == net.ids.tolist()
            pd.testing.assert_frame_equal(back.edge_table(), net.edge_table())

    fuzz(examples, st.tuples(networks(), st.booleans()), check)


@pytest.mark.parametrize("examples", [2, pytest.param(20, marks=pytest.mark.slow, id="long")])
def test_fuzz_truncated_mapped_file_is_refused_in_a_child_process(examples, tmp_path_factory):
    script = """
import os, sys, clusternet as cn
path, cuts = sys.argv[1], [float(c) for c in sys.argv[2:]]
cn.generate_cluster(150, seed=2).save(path, compress=False)
for cut in cuts:
    net = cn.load(path, mmap=True)
    size = os.path.getsize(path)
    os.truncate(path, int(size * cut))
    try:
        cn.centrality.pagerank(net)
        print("ok" if cut >= 1 else "no error")
    except ValueError as exc:
        print("refused" if "truncated after it was memory-mapped" in str(exc) else exc)
    del net
    cn.generate_cluster(150, seed=2).save(path, compress=False)
"""

    def check(cuts):
        path = tmp_path_factory.mktemp("mmap") / "n.npz"
        proc = subprocess.run(
            [sys.executable, "-c", script, str(path), *map(str, cuts)],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]  # SIGBUS would give -7
        lines = proc.stdout.split()
        assert len(lines) == len(cuts)
        for cut, line in zip(cuts, lines, strict=True):
            # a cut inside the zip's trailing directory leaves the arrays whole
            assert line in ("refused", "ok") or (line == "no error" and cut > 0.9), (cut, line)

    cuts = st.lists(st.floats(0.0, 1.0), min_size=1, max_size=6)
    fuzz(examples, cuts, check)


VALUES = st.one_of(
    st.sampled_from([0.0, 1e-300, -1e-300, 1e308, -1e308, 1.0, float("nan")]),
    st.floats(allow_nan=False, allow_infinity=False),
)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_normalised_indicators_stay_in_range(examples):
    def check(case):
        values, method, inf = case
        x = np.asarray(values, dtype=float)
        if inf:
            x[0] = np.inf
        with named_error("infinite value"):
            v = normalize(x, method, goalposts=(-1e308, 1e308))
            assert not inf
            finite = ~np.isnan(x)
            assert np.isfinite(v[finite]).all() and np.isnan(v[~finite]).all()
            if method != "zscore":
                assert ((v[finite] >= 0) & (v[finite] <= 1)).all()
            table = pd.DataFrame({"a": x, "b": x[::-1]})
            idx = composite_index(table, method if method != "goalpost" else "minmax")["index"]
            ok = finite & finite[::-1]
            assert np.isfinite(idx[ok]).all() and idx[~ok].isna().all()

    methods = st.sampled_from(["minmax", "zscore", "rank", "goalpost"])
    fuzz(
        examples, st.tuples(st.lists(VALUES, min_size=1, max_size=8), methods, st.booleans()), check
    )
