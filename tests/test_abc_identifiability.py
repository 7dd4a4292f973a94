"""benchmarks/abc_identifiability.py: effect sizes of the ABC summaries between a parameter's
prior ends, checked against hand computations and direct simulations."""

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from abc_identifiability import effect_sizes, main, runs

import clusternet as cn


def test_effect_size_is_the_mean_difference_over_the_pooled_sd():
    low = pd.DataFrame({"x": [1.0, 2.0, 6.0], "y": [0.0, 0.0, 3.0]})
    high = pd.DataFrame({"x": [4.0, 8.0, 9.0], "y": [1.0, 1.0, 1.0]})
    out = effect_sizes(low, high)
    # by hand: x variances 7 and 7, means 3 and 7; y variances 3 and 0, means 1 and 1
    assert out.loc["x", "d"] == pytest.approx(4 / np.sqrt(7.0))
    assert out.loc["x", "sd"] == pytest.approx(np.sqrt(7.0))
    assert out.loc["y", "d"] == pytest.approx(0.0)
    assert out.loc["y", "sd"] == pytest.approx(np.sqrt(1.5))
    assert out.loc["x", ["mean_low", "mean_high"]].tolist() == [3.0, 7.0]


def test_a_summary_constant_at_both_ends_moves_zero_or_infinitely_many_sds():
    low = pd.DataFrame({"same": [2.0, 2.0], "moved": [0.0, 0.0], "down": [5.0, 5.0]})
    high = pd.DataFrame({"same": [2.0, 2.0], "moved": [1.0, 1.0], "down": [4.0, 4.0]})
    d = effect_sizes(low, high)["d"]
    assert d["same"] == 0.0
    assert d["moved"] == np.inf
    assert d["down"] == -np.inf


def test_runs_are_the_halves_means_of_direct_simulations():
    net = cn.generate_cluster(30, seed=3)
    got = runs(net, 5, {"monitoring": 0.4}, 2, 11, ["innovations", "caught"])
    for r in range(2):
        ts = cn.simulate_upgrading(net, 5, seed=11 + r, monitoring=0.4).timeseries
        ts = ts[ts["step"] > 0]
        for c in ("innovations", "caught"):
            v = ts[c].to_numpy(dtype=float)
            assert got.loc[r, f"{c}_early"] == pytest.approx(v[:2].mean())
            assert got.loc[r, f"{c}_late"] == pytest.approx(v[2:].mean())


def test_the_script_writes_each_parameters_table(tmp_path):
    out = tmp_path / "id.json"
    main(["--firms", "30", "--steps", "4", "--reps", "3", "--extra", "--out", str(out)])
    result = json.loads(out.read_text())
    params = ["innovation_rate", "competition", "imitation_gap", "quality_cost", "monitoring"]
    assert list(result["effect_size"]) == params
    for p in params:
        detail = result["detail"][p]
        for s, d in result["effect_size"][p].items():
            row = detail[s]
            if row["sd"] > 0:
                assert d == pytest.approx((row["mean_high"] - row["mean_low"]) / row["sd"])
        best = max(abs(result["effect_size"][p][s]) for s in result["default_summaries"])
        assert result["max_abs_d"][p]["default_summaries"] == pytest.approx(best)


def test_fewer_than_two_replicates_are_refused():
    with pytest.raises(SystemExit):
        main(["--reps", "1"])


def test_params_take_a_layer_rate_and_measure_it_at_its_prior_ends(tmp_path):
    out = tmp_path / "id.json"
    args = ["--firms", "30", "--steps", "4", "--reps", "2", "--extra", "--out", str(out)]
    main([*args, "--params", "competition", "imitation_rates.technology"])
    result = json.loads(out.read_text())
    assert list(result["effect_size"]) == ["competition", "imitation_rates.technology"]
    assert result["priors"]["imitation_rates.technology"] == [0.05, 0.4]
    # the runs at the low end are direct simulations with that one layer's rate changed
    net = cn.generate_cluster(30, seed=7)
    rates = {"technology": 0.05, "transaction": 0.1, "social": 0.1}
    direct = runs(net, 4, {"imitation_rates": rates, "competition": 0.5}, 2, 2000, ["imitations"])
    low = result["detail"]["imitation_rates.technology"]["imitations_early"]["mean_low"]
    assert low == pytest.approx(direct["imitations_early"].mean())
    with pytest.raises(SystemExit):
        main([*args, "--params", "premium.technology"])
