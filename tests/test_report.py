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
