"""The Morris screening of the model's behavioural parameters, recomputed by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusternet.dynamics import simulate_upgrading
from clusternet.dynamics.parameters import PLAUSIBLE
from clusternet.generate import generate_cluster
from clusternet.validation import SOBOL_OUTPUTS, morris_screening, sobol_task

NAMES = list(PLAUSIBLE)


@pytest.fixture(scope="module")
def screening():
    return morris_screening(trajectories=2, firms=60, steps=4, seed=5, workers=1)


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
    seed_sequence = np.random.SeedSequence(5).spawn(2)[0]
    net = generate_cluster(60, seed=int(seed_sequence.generate_state(1, dtype=np.uint32)[0]))
    params = {p: float(row[p]) for p in NAMES}
    ts = simulate_upgrading(net, 4, seed=int(row["run_seed"]), **params).timeseries
    firms = int(net.tier_mask("core").sum())
    assert row["innovations_per_firm"] == pytest.approx(ts["innovations"].sum() / firms, rel=1e-12)
    assert row["reputation"] == pytest.approx(ts["reputation"].iloc[-1], rel=1e-12)
    by_task = sobol_task(net, 4, int(row["run_seed"]), **params)
    assert by_task == {o: pytest.approx(row[o], rel=1e-12) for o in SOBOL_OUTPUTS}


@pytest.mark.slow  # a process pool: about 20 s of worker start-up and compilation
def test_same_seed_same_screening_on_one_or_two_workers(screening):
    again = morris_screening(trajectories=2, firms=60, steps=4, seed=5, workers=2)
    pd.testing.assert_frame_equal(again.indices, screening.indices)
    pd.testing.assert_frame_equal(again.runs, screening.runs)


def test_switched_off_mechanisms_are_inert_and_active_ones_are_not(screening):
    # turnover is off by default (exit_rate 0) and congestion has no capacity: their
    # parameters move nothing; tacitness sets which knowledge travels every step
    inert = screening.inert()
    assert {"exit_gap", "spinoff_inheritance", "congestion_cost"} <= set(inert)
    assert "tacitness" not in inert and "innovation_rate" not in inert
    top = screening.top("knowledge_growth", 3)
    assert list(top["mu_star"]) == sorted(top["mu_star"], reverse=True)
    with pytest.raises(ValueError, match="output must be one of"):
        screening.top("growth")


def test_bad_sizes_are_named():
    with pytest.raises(ValueError, match="trajectories"):
        morris_screening(trajectories=1, firms=60, steps=2, seed=1, workers=1)
    with pytest.raises(ValueError, match="steps"):
        morris_screening(trajectories=2, firms=60, steps=0, seed=1, workers=1)
