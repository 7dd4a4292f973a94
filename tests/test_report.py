"""The HTML report: valid, self-contained, every section and image present."""

import base64
from html.parser import HTMLParser

import clusternet as cn
from clusternet.report import report


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.ids, self.stack, self.errors, self.external = [], set(), [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("src", "href"):
            if key in attrs and attrs[key].startswith(("http:", "https:", "//")):
                self.external.append(attrs[key])
        if tag not in ("img", "meta", "br", "hr", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(tag)
        else:
            self.stack.pop()


def check(path, sections):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    parser = Collector()
    parser.feed(text)
    assert not parser.errors and not parser.stack  # well nested, all closed
    assert not parser.external  # nothing fetched from the network
    assert parser.ids >= sections
    assert len(parser.images) >= 6
    for src in parser.images:
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1])
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000
    return text


def test_report_of_generated_cluster_with_scenarios(tmp_path):
    net = cn.generate_cluster(1500, preset="taizhou", seed=1)
    runs = []
    for scenario in ("baseline", "platform_subsidy"):
        ts = cn.simulate_upgrading(net, 5, seed=1, scenario=scenario).timeseries
        ts.insert(0, "scenario", scenario)
        runs.append(ts)
    import pandas as pd

    path = report(net, tmp_path / "r.html", scenarios=pd.concat(runs))
    text = check(
        path,
        {"summary", "network", "distributions", "capacity", "readiness", "diffusion", "scenarios"},
    )
    assert "Technology wheel" in text and "Upgrading readiness" in text


def test_report_of_real_dataset(tmp_path):
    net = cn.datasets.load_ckm_physicians()
    capacity = cn.measures.innovation_capacity(net)
    readiness = cn.measures.upgrading_readiness(net)
    path = cn.report(
        net, capacity, readiness, tmp_path / "ckm.html", title="CKM"
    )  # results..., path
    text = check(
        path, {"summary", "network", "distributions", "capacity", "readiness", "diffusion"}
    )
    assert "Unavailable" in text and "best-connected actors" in text


# --- the forest plot of effects, and report pages in a real browser ----------------------

import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402

from clusternet.figures import forest_figure  # noqa: E402
from clusternet.report import effects_section, write_page  # noqa: E402


def effect_table(seed=0, arms=("subsidy", "platform", "fair", "network_brokers"), outcomes=3):
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(outcomes):
        for a in arms:
            mid = rng.normal(0, 1) * 10.0**o  # outcomes on different scales
            half = abs(rng.normal(0, 0.6)) * 10.0**o
            rows.append(
                {
                    "arm": a,
                    "outcome": f"outcome_{o}",
                    "effect": mid,
                    "low": mid - half,
                    "high": mid + half,
                }
            )
    return pd.DataFrame(rows)


def test_forest_figure_draws_every_effect_with_its_interval_and_zero():
    table = effect_table(outcomes=4)
    fig = forest_figure(table)
    try:
        arms = list(pd.unique(table["arm"]))
        visible = [ax for ax in fig.axes if ax.get_visible()]
        assert [ax.get_title() for ax in visible] == [f"outcome {o}" for o in range(4)]
        for ax, (_, part) in zip(visible, table.groupby("outcome", sort=False), strict=True):
            # the arms, top to bottom, in the table's order, in every panel
            if ax.get_subplotspec().is_first_col():  # the others share its labels
                assert [t.get_text() for t in ax.get_yticklabels()] == [
                    a.replace("_", " ") for a in arms
                ]
            np.testing.assert_array_equal(ax.get_yticks(), np.arange(len(arms))[::-1])
            (segments,) = [c for c in ax.collections if isinstance(c, LineCollection)]
            (dots,) = [c for c in ax.collections if isinstance(c, PathCollection)]
            ends = np.array([s[:, 0] for s in segments.get_segments()])
            np.testing.assert_allclose(ends[:, 0], part["low"], rtol=1e-12)
            np.testing.assert_allclose(ends[:, 1], part["high"], rtol=1e-12)
            np.testing.assert_allclose(dots.get_offsets()[:, 0], part["effect"], rtol=1e-12)
            rows = len(arms) - 1 - np.array([arms.index(a) for a in part["arm"]])
            np.testing.assert_array_equal(dots.get_offsets()[:, 1], rows)
            # the zero line, and colours that say whether the interval excludes zero
            assert any(np.allclose(line.get_xdata(), 0.0) for line in ax.get_lines()), (
                "no line at zero"
            )
            expected = np.where(part["low"] > 0, "b", np.where(part["high"] < 0, "r", "g"))
            drawn = dots.get_facecolors()[:, :3]
            kind = np.where(
                np.all(np.isclose(drawn, matplotlib.colors.to_rgb("tab:blue")), axis=1),
                "b",
                np.where(
                    np.all(np.isclose(drawn, matplotlib.colors.to_rgb("tab:red")), axis=1), "r", "g"
                ),
            )
            np.testing.assert_array_equal(kind, expected)
            lo, hi = ax.get_xlim()
            assert lo <= part["low"].min() and hi >= part["high"].max()
    finally:
        plt.close(fig)


def test_forest_figure_names_a_missing_column():
    table = effect_table().drop(columns="high")
    with pytest.raises(ValueError, match=r"'high'"):
        forest_figure(table)
    with pytest.raises(ValueError, match="empty"):
        forest_figure(effect_table().iloc[:0])


@pytest.fixture(scope="module")
def wide_report(tmp_path_factory):
    """A real report with an effects section whose table is wide (long columns, a long name)."""
    table = effect_table().rename(columns={"low": "ci_low", "high": "ci_high"})
    for i in range(24):
        table[f"a rather long column name {i}"] = np.arange(len(table)) * 10.0**i
    table.loc[0, "arm"] = "x" * 160
    net = cn.datasets.load_florentine_families()
    path = report(net, tmp_path_factory.mktemp("wide") / "report.html", effects=table, seed=1)
    return path, table


def test_report_and_effects_section_show_the_forest_plot_beside_the_table(wide_report):
    path, table = wide_report
    section = effects_section(table)
    assert section.index("<img") < section.index("<table")
    text = check(path, {"summary", "effects"})
    assert "forest plot of the effects" in text


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


#: Injected into a copy of a page: after loading, record how wide the page is.
MEASURE = (
    "<script>window.addEventListener('load',function(){var d=document.documentElement;"
    "document.body.setAttribute('data-measure',d.scrollWidth+','+d.clientWidth);});</script>"
)


def browser_width(page: Path, width: int, screenshot: Path | None = None) -> tuple[int, int]:
    """(scroll width, viewport width) of ``page`` rendered by headless Chromium at ``width`` px."""
    chromium = find_chromium()
    probe = page.with_name(page.stem + "-measured.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"))
    flags = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--window-size={width},900",
        "--virtual-time-budget=5000",
    ]
    dom = subprocess.run(
        [*flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    marker = dom.split('data-measure="', 1)
    assert len(marker) == 2, "the page's load handler did not run in Chromium"
    scroll, client = (int(v) for v in marker[1].split('"', 1)[0].split(","))
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [*flags, f"--screenshot={screenshot}", page.as_uri()],
            capture_output=True,
            timeout=120,
            check=True,
        )
    return scroll, client


@pytest.mark.skipif(
    find_chromium() is None,
    reason="headless Chromium is not installed (Debian/Ubuntu: apt-get install -y chromium)",
)
def test_report_page_does_not_widen_in_a_headless_browser(wide_report, tmp_path):
    page, table = wide_report
    # and a bare page with a long unbroken word in a paragraph
    words = write_page(
        "Words", ["<p>" + "y" * 400 + "</p>", effects_section(table)], tmp_path / "w.html"
    )
    shots = os.environ.get("CLUSTERNET_SCREENSHOTS")
    for which in (page, words):
        for width in (600, 1280):
            shot = Path(shots) / f"{which.stem}-{width}px.png" if shots else None
            scroll, client = browser_width(which, width, shot)
            assert 0 < client <= width
            assert scroll <= client, f"{which.name} is {scroll}px wide in a {client}px window"
            if shot is not None:
                assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the check can fail: the same table outside its scrolling box widens the page
    bare = write_page("Bare", [table.to_html()], tmp_path / "bare.html")
    scroll, client = browser_width(bare, 600)
    assert scroll > client


def test_proposition_forest_figure_groups_rows_by_outcome_with_intervals_and_zero():
    from clusternet.figures import proposition_forest_figure

    rng = np.random.default_rng(3)
    outcomes = ["knowledge", "knowledge", "reputation", "knowledge", "innovations", "reputation"]
    mid = rng.normal(0, 1, len(outcomes))
    half = rng.uniform(0.1, 1.5, len(outcomes))
    table = pd.DataFrame(
        {"proposition": [f"V{i}" for i in range(len(outcomes))], "outcome": outcomes,
         "effect": mid, "low": mid - half, "high": mid + half}
    )  # fmt: skip
    fig = proposition_forest_figure(table)
    try:
        assert [ax.get_title(loc="left") for ax in fig.axes] == [
            "knowledge",
            "reputation",
            "innovations",
        ]
        for ax, name in zip(fig.axes, ["knowledge", "reputation", "innovations"], strict=True):
            part = table[table["outcome"] == name]
            # only this outcome's propositions, top to bottom in the table's order
            assert [t.get_text() for t in ax.get_yticklabels()] == list(part["proposition"])
            (segments,) = [c for c in ax.collections if isinstance(c, LineCollection)]
            (dots,) = [c for c in ax.collections if isinstance(c, PathCollection)]
            ends = np.array([s[:, 0] for s in segments.get_segments()])
            np.testing.assert_allclose(ends[:, 0], part["low"], rtol=1e-12)
            np.testing.assert_allclose(ends[:, 1], part["high"], rtol=1e-12)
            np.testing.assert_allclose(dots.get_offsets()[:, 0], part["effect"], rtol=1e-12)
            np.testing.assert_array_equal(dots.get_offsets()[:, 1], np.arange(len(part))[::-1])
            assert any(np.allclose(line.get_xdata(), 0.0) for line in ax.get_lines())
            grey = np.isclose(dots.get_facecolors()[:, :3], matplotlib.colors.to_rgb("0.45"))
            covers = (part["low"] <= 0) & (part["high"] >= 0)
            np.testing.assert_array_equal(grey.all(axis=1), covers.to_numpy())
    finally:
        plt.close(fig)
    bad = table.assign(high=table["low"] - 1.0)
    with pytest.raises(ValueError, match=r"row 0 \(V0, knowledge\)"):
        proposition_forest_figure(bad)
    with pytest.raises(ValueError, match=r"'outcome'"):
        proposition_forest_figure(table.drop(columns="outcome"))


def test_robustness_figure_draws_shares_with_intervals_and_the_failure_boxes():
    from clusternet.figures import robustness_figure

    shares = pd.DataFrame(
        {"label": ["V3.1", "M4.1", "M5.2"], "share": [0.1, 0.95, 0.5],
         "low": [0.02, 0.85, 0.35], "high": [0.3, 0.99, 0.65]}
    )  # fmt: skip
    limits = pd.DataFrame(
        {"label": ["V3.1", "V3.1"], "parameter": ["premium", "discount"],
         "low": [0.2, 0.9], "high": [0.5, 0.93], "range_low": [0.1, 0.9],
         "range_high": [0.5, 0.99]}
    )  # fmt: skip
    fig = robustness_figure(shares, limits)
    try:
        left, right = fig.axes
        assert [t.get_text() for t in left.get_yticklabels()] == list(shares["label"])
        (segments,) = [c for c in left.collections if isinstance(c, LineCollection)]
        (dots,) = [c for c in left.collections if isinstance(c, PathCollection)]
        ends = np.array([s[:, 0] for s in segments.get_segments()])
        np.testing.assert_allclose(ends, shares[["low", "high"]].to_numpy(), rtol=1e-12)
        np.testing.assert_allclose(dots.get_offsets()[:, 0], shares["share"], rtol=1e-12)
        # blue above one half, red below, grey when the interval covers it
        colours = [matplotlib.colors.to_hex(c) for c in dots.get_facecolors()]
        expected = ["tab:red", "tab:blue", "0.45"]
        assert colours == [matplotlib.colors.to_hex(c) for c in expected]
        assert any(np.allclose(line.get_xdata(), 0.5) for line in left.get_lines())
        assert [t.get_text() for t in right.get_yticklabels()] == [
            "V3.1: premium",
            "V3.1: discount",
        ]
        bars = right.patches
        # premium 0.2-0.5 of 0.1-0.5: from 0.25 to 1; discount 0.9-0.93 of 0.9-0.99: 0 to 1/3
        np.testing.assert_allclose([b.get_x() for b in bars], [0.25, 0.0], atol=1e-12)
        np.testing.assert_allclose([b.get_width() for b in bars], [0.75, 1 / 3], atol=1e-12)
    finally:
        plt.close(fig)
    only = robustness_figure(shares)
    assert len(only.axes) == 1
    plt.close(only)
    # the right-sign share as open circles; restrictions the draws do not support are pale
    fig = robustness_figure(
        shares.assign(sign_share=[0.4, 1.0, 0.9]), limits.assign(qp_value=[0.01, 0.3])
    )
    try:
        left, right = fig.axes
        dots, circles = [c for c in left.collections if isinstance(c, PathCollection)]
        np.testing.assert_allclose(circles.get_offsets()[:, 0], [0.4, 1.0, 0.9], rtol=1e-12)
        np.testing.assert_allclose(circles.get_offsets()[:, 1], dots.get_offsets()[:, 1])
        assert [matplotlib.colors.to_hex(b.get_facecolor()) for b in right.patches] == [
            matplotlib.colors.to_hex("tab:red"),
            "#f4c2c2",
        ]
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match=r"shares row 0 \(V3.1\) has sign_share 1.5"):
        robustness_figure(shares.assign(sign_share=[1.5, 1.0, 0.9]))
    with pytest.raises(ValueError, match=r"shares row 1 \(M4.1\)"):
        robustness_figure(shares.assign(high=[0.3, 0.9, 0.65]))
    with pytest.raises(ValueError, match=r"'range_low'"):
        robustness_figure(shares, limits.drop(columns="range_low"))
    with pytest.raises(ValueError, match="shares is empty"):
        robustness_figure(shares.iloc[:0])
