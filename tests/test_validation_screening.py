"""The Morris screening of the model's behavioural parameters, recomputed by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusternet.dynamics import simulate_upgrading
from clusternet.dynamics.parameters import PLAUSIBLE
from clusternet.generate import generate_cluster
from clusternet.validation import SOBOL_OUTPUTS, morris_screening

NAMES = list(PLAUSIBLE)


@pytest.fixture(scope="module")
def screening():
    return morris_screening(
        trajectories=2, firms=60, steps=4, noise_trajectories=1, seed=5, workers=1
    )


def test_every_parameter_and_output_is_screened(screening):
    pairs = set(zip(screening.indices["output"], screening.indices["parameter"], strict=True))
    assert pairs == {(o, p) for o in SOBOL_OUTPUTS for p in NAMES}
    assert len(screening.runs) == 2 * (len(NAMES) + 1)
    assert list(screening.runs["trajectory"]) == [
        i // (len(NAMES) + 1) for i in range(len(screening.runs))
    ]


def test_indices_are_the_elementary_effects_of_the_runs_by_hand(screening):
    runs = screening.runs
    effects: dict[str, dict[str, list[float]]] = {o: {p: [] for p in NAMES} for o in SOBOL_OUTPUTS}
    for _, trajectory in runs.groupby("trajectory"):
        assert trajectory["run_seed"].nunique() == 1  # one seed per trajectory
        x = trajectory[NAMES].to_numpy()
        for s in range(len(trajectory) - 1):
            moved = np.flatnonzero(x[s + 1] != x[s])
            assert moved.size == 1
            name = NAMES[moved[0]]
            lo, hi = PLAUSIBLE[name]
            step = (x[s + 1, moved[0]] - x[s, moved[0]]) / (hi - lo)
            for o in SOBOL_OUTPUTS:
                y = trajectory[o].to_numpy()
                effects[o][name].append((y[s + 1] - y[s]) / step)
    assert runs["run_seed"].nunique() == 2  # each trajectory its own seed
    table = screening.indices.set_index(["output", "parameter"])
    for o in SOBOL_OUTPUTS:
        for p in NAMES:
            ee = np.array(effects[o][p])
            assert ee.size == 2
            assert table.loc[(o, p), "mu"] == pytest.approx(ee.mean(), rel=1e-9, abs=1e-12)
            assert table.loc[(o, p), "mu_star"] == pytest.approx(
                np.abs(ee).mean(), rel=1e-9, abs=1e-12
            )
            assert table.loc[(o, p), "sigma"] == pytest.approx(ee.std(ddof=1), rel=1e-7, abs=1e-12)


def test_a_run_is_the_model_on_its_trajectory_seed_and_point(screening):
    runs = screening.runs
    row = runs.iloc[len(NAMES) + 3]  # inside the second trajectory
    cluster_seed = np.random.SeedSequence(5, spawn_key=(0,))  # the seed's child (0,)
    net = generate_cluster(60, seed=int(cluster_seed.generate_state(1, dtype=np.uint32)[0]))
    params = {p: float(row[p]) for p in NAMES}
    ts = simulate_upgrading(net, 4, seed=int(row["run_seed"]), **params).timeseries
    firms = int(net.tier_mask("core").sum())
    assert row["innovations_per_firm"] == pytest.approx(ts["innovations"].sum() / firms, rel=1e-12)
    assert row["reputation"] == pytest.approx(ts["reputation"].iloc[-1], rel=1e-12)
    last = ts.iloc[-1]
    assert row["knowledge_growth"] == pytest.approx(
        last["knowledge_mean"] - ts.iloc[0]["knowledge_mean"], rel=1e-12
    )
    assert row["high_quality_share"] == pytest.approx(last["high_quality_share"], rel=1e-12)


@pytest.mark.slow  # a process pool: about 20 s of worker start-up and compilation
def test_same_seed_same_screening_on_one_or_two_workers(screening):
    again = morris_screening(
        trajectories=2, firms=60, steps=4, noise_trajectories=1, seed=5, workers=2
    )
    pd.testing.assert_frame_equal(again.indices, screening.indices)
    pd.testing.assert_frame_equal(again.runs, screening.runs)
    pd.testing.assert_frame_equal(again.noise_runs, screening.noise_runs)


def test_switched_off_mechanisms_are_inert_and_active_ones_are_not(screening):
    # turnover is off by default (exit_rate 0) and congestion has no capacity: their
    # parameters move nothing; tacitness sets which knowledge travels every step
    inert = screening.inert()
    assert {"exit_gap", "spinoff_inheritance", "congestion_cost"} <= set(inert)
    assert "tacitness" not in inert and "innovation_rate" not in inert
    top = screening.top("knowledge_growth", 3)
    table = screening.indices[screening.indices["output"] == "knowledge_growth"]
    assert top["mu_star"].iloc[0] == table["mu_star"].max()
    with pytest.raises(ValueError, match="output must be one of"):
        screening.top("growth")


def test_bad_sizes_are_named():
    with pytest.raises(ValueError, match="trajectories"):
        morris_screening(trajectories=1, firms=60, steps=2, seed=1, workers=1)
    with pytest.raises(ValueError, match="steps"):
        morris_screening(trajectories=2, firms=60, steps=0, seed=1, workers=1)
    with pytest.raises(ValueError, match="noise_trajectories must be <= 2"):
        morris_screening(trajectories=2, firms=40, steps=1, noise_trajectories=3, seed=2)


def test_points_lie_on_the_four_level_grid_of_each_plausible_range(screening):
    for name in NAMES:
        lo, hi = PLAUSIBLE[name]
        levels = (screening.runs[name].to_numpy() - lo) / (hi - lo) * 3
        np.testing.assert_allclose(levels, np.round(levels), atol=1e-9, err_msg=name)
        assert set(np.round(levels)) <= {0.0, 1.0, 2.0, 3.0}


def test_noise_floor_is_the_seed_change_of_the_first_trajectory_s_effects_by_hand(screening):
    runs, again = screening.runs, screening.noise_runs
    first = runs[runs["trajectory"] == 0]
    assert len(again) == len(NAMES) + 1
    np.testing.assert_array_equal(again[NAMES].to_numpy(), first[NAMES].to_numpy())
    assert again["run_seed"].nunique() == 1
    assert again["run_seed"].iloc[0] not in set(runs["run_seed"])  # a second seed
    x = first[NAMES].to_numpy()
    for output in SOBOL_OUTPUTS:
        own = {}
        for s in range(len(NAMES)):
            i = int(np.flatnonzero(x[s + 1] != x[s])[0])
            lo, hi = PLAUSIBLE[NAMES[i]]
            step = (x[s + 1, i] - x[s, i]) / (hi - lo)
            a = (first[output].iloc[s + 1] - first[output].iloc[s]) / step
            b = (again[output].iloc[s + 1] - again[output].iloc[s]) / step
            own[NAMES[i]] = abs(a - b) / np.sqrt(2)
        floor = screening.noise.set_index("output").loc[output]
        assert floor["pairs"] == len(NAMES)
        assert floor["noise_floor"] == pytest.approx(np.mean(list(own.values())), rel=1e-9)
        rows = screening.indices[screening.indices["output"] == output].set_index("parameter")
        for name in NAMES:
            assert rows.loc[name, "noise_floor"] == pytest.approx(own[name], rel=1e-9, abs=1e-15)
            lower = rows.loc[name, "mu_star"] - rows.loc[name, "mu_star_conf"]
            assert rows.loc[name, "above_noise"] == (lower > own[name])
    # a seed change moves some effect: the floor is not zero everywhere
    assert (screening.noise["noise_floor"] > 0).any()


@pytest.mark.slow  # 92 more simulations
def test_without_noise_runs_no_floor_is_claimed():
    s = morris_screening(trajectories=2, firms=40, steps=1, noise_trajectories=0, seed=2, workers=1)
    assert s.noise["pairs"].eq(0).all() and s.noise["noise_floor"].isna().all()
    assert not s.indices["above_noise"].any() and s.noise_runs.empty
