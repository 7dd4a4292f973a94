"""Fuzz: ``read_edgelist`` on CSV text with hostile ids (huge integers, leading zeros, NULs,
quotes, commas, any Unicode), weights (1e-300 .. 1e300, nan, inf, text, empty), missing
cells and a byte-order mark: a network whose ties are the file's rows and that round-trips
through ``write_tables``, or a ValueError naming the row and the column."""

import csv
import io
import re

import numpy as np
import pandas as pd
import pytest
from fuzz_strategies import PROFILES, fuzz
from hypothesis import strategies as st

from clusternet.io import read_edgelist, write_tables

IDS = st.one_of(
    st.sampled_from(
        ["0", "01", "7", "-3", str(2**63 - 1), str(2**63), str(-(2**63)), str(10**30), "1.5"]
    ),
    st.sampled_from(["a", "A-7", "x y", "a\x00", '"q"', "a,b", "é", "\u200b", " a", "nan"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=3),
)
WEIGHTS = st.sampled_from(
    ["1", "2.5", "1e-300", "1e300", "1e400", "0", "-1", "nan", "inf", "abc", "", "0x10", " 3"]
)
LAYERS = st.sampled_from(["technology", "social", "", "t\x00"])


@st.composite
def edge_files(draw):
    rows = draw(st.lists(st.tuples(IDS, IDS, LAYERS, WEIGHTS), min_size=1, max_size=5))
    missing = draw(st.booleans())
    if missing:  # one cell left empty
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, 1))
        row = list(rows[r])
        row[c] = ""
        rows[r] = tuple(row)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["source", "target", "layer", "weight"])
    w.writerows(rows)
    bom = draw(st.booleans())
    return rows, ("\ufeff" if bom else "") + out.getvalue()


def same_id(cell: str, value) -> bool:
    """A cell and the id read from it: the same text, or the same integer."""
    if isinstance(value, str):
        return value == cell
    return int(cell) == int(value)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_read_edgelist_rows_or_a_named_error(examples, tmp_path_factory):
    def check(case):
        rows, text = case
        folder = tmp_path_factory.mktemp("csv")
        path = folder / "edges.csv"
        path.write_text(text, encoding="utf-8")
        try:
            net = read_edgelist(path, directed=True, allow_self_loops=True)
        except ValueError as exc:
            message = str(exc)
            assert re.search(r"\brow\b", message) and re.search(
                r"source|target|layer|weight|column|id", message
            ), f"unclear error: {message}"
            return
        edges = net.edge_table()
        assert len(edges) == len(rows)
        weights = edges["weight"].to_numpy(dtype=float)
        assert np.isfinite(weights).all() and (weights > 0).all()
        for (s, t, _layer, w), (_, e) in zip(rows, edges.iterrows(), strict=True):
            assert same_id(s, e["source"]) and same_id(t, e["target"])
            assert e["weight"] == pytest.approx(float(w)) if w.strip() else e["weight"] == 1.0
        # round trip through the package's own writer
        paths = write_tables(net, folder / "back")
        back = read_edgelist(
            paths["edges"], actors=paths["actors"], directed=True, allow_self_loops=True
        )
        assert back.ids.tolist() == net.ids.tolist()
        pd.testing.assert_frame_equal(back.edge_table(), edges)

    fuzz(examples, edge_files(), check)
