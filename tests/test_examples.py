"""Every example runs in quick mode; the ones with a scientific claim check it."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_cowan_jonard_small_world_maximises_knowledge(tmp_path):
    results = load("cowan_jonard").main(["--quick", "--out", str(tmp_path)])
    means = {p: m for p, (m, _) in results.items()}
    middle = max(means[0.03], means[0.1])
    assert middle > means[0.0] and middle > means[1.0]
    assert (tmp_path / "cowan_jonard.png").stat().st_size > 10_000


def test_ckm_bass_fit_example(capsys):
    fit = load("ckm_bass_fit").main(["--quick"])
    out = capsys.readouterr().out
    assert "121 unknown, excluded" in out and "LR test" in out
    assert fit.n_adopters == 109 and np.isfinite(fit.p)


def test_small_world_generator():
    import clusternet as cn

    lattice = cn.small_world(100, 6, 0.0, seed=1)
    deg = lattice.csr().count_nonzero(axis=1)
    assert lattice.n_edges == 300 and np.all(deg == 6)
    g = lattice.to_igraph()
    assert g.transitivity_undirected() == pytest.approx(0.6)  # 3(k-2) / 4(k-1)
    rewired = cn.small_world(100, 6, 0.2, seed=1)
    assert rewired.n_edges == 300
    assert rewired.to_igraph().transitivity_undirected() < 0.5
    with pytest.raises(ValueError, match="even"):
        cn.small_world(10, 3, 0.1)


def test_policy_experiment_example(tmp_path):
    table = load("policy_experiment").main(["--quick", "--out", str(tmp_path)])
    # the platform subsidy raises generic knowledge where there is a platform hub
    assert (
        table.loc[("taizhou", "platform_subsidy"), "knowledge_mean_0"]
        > table.loc[("taizhou", "baseline"), "knowledge_mean_0"]
    )
    # monitoring by a strong association keeps more high-quality producers
    assert (
        table.loc[("datang", "association_monitoring"), "high_quality_share"]
        > table.loc[("datang", "baseline"), "high_quality_share"]
    )
    assert (tmp_path / "policy_experiment.png").stat().st_size > 10_000


def test_mesa_integration_example(capsys):
    pytest.importorskip("mesa")
    model = load("mesa_integration").main(["--quick"])
    assert len(model.agents) == int(model.upgrading.firms.sum())
    assert len(model.reputation) == 11 and "firm agents" in capsys.readouterr().out


def test_quickstart_example():
    readiness = load("quickstart").main(["--quick"])
    assert 0 < readiness.overall < 1


def test_load_csv_example(tmp_path, capsys):
    net = load("load_csv").main(["--quick", "--out", str(tmp_path)])
    assert net.n_actors == 9 and (tmp_path / "my-cluster.npz").exists()
    assert "edge row 13 has unknown target actor id 'nobody'" in capsys.readouterr().out


def test_lazega_multiplex_example():
    table = load("lazega_multiplex").main(["--quick"])
    by_status = table.groupby("status")["versatility"].mean()
    assert by_status["partner"] > by_status["associate"]


def test_million_firm_example_quick(tmp_path):
    timings = load("million_firm").main(["--quick", "--out", str(tmp_path)])
    assert len(timings) == 8 and (tmp_path / "million_firm.png").stat().st_size > 20_000


def test_dask_sweep_example(tmp_path):
    pytest.importorskip("dask.distributed")
    results = load("dask_sweep").main(["--quick", "--out", str(tmp_path / "sweep")])
    assert len(results) == 16 and (results["status"] == "ok").all()


@pytest.mark.slow  # the quick page also runs the patterns and readiness dynamics (~4 min)
def test_validation_table_example_writes_every_row(tmp_path):
    from clusternet.validation import EXPERIMENTS

    page = load("validation_table").main(["--quick", "--out", str(tmp_path / "v.md")]).read_text()
    for key in EXPERIMENTS:
        assert f"| {key} |" in page and f"### {key}" in page
    assert "95 % interval" in page
    assert "## Which parameters matter (Morris screening)" in page
    assert "| output | parameter | mu\\* | mu | sigma |" in page
    assert "noise floor" in page and "n (k + 2) runs" in page
    for output in ("knowledge_growth", "innovations_per_firm", "high_quality_share", "reputation"):
        assert page.count(f"| {output} | `") >= 5
