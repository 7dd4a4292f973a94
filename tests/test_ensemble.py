"""Sweeps: local and Dask backends, seeds, retries, crashes, resume, bad grids."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet.ensemble import SweepError, sweep

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sweep_tasks

GRID = {"a": [1, 2, 3], "b": [0.5, 1.5]}


def test_local_sweep_rows_seeds_and_order():
    out = sweep(sweep_tasks.noisy_sum, GRID, reps=2, seed=7, workers=2, progress=False)
    assert len(out) == 12 and list(out["task"]) == list(range(12))
    assert (out["status"] == "ok").all() and out["error"].isna().all()
    np.testing.assert_allclose(out["total"], out["a"] + out["b"])
    assert out["seed"].nunique() == 12
    again = sweep(sweep_tasks.noisy_sum, GRID, reps=2, seed=7, workers=1, progress=False)
    pd.testing.assert_frame_equal(out.drop(columns="seconds"), again.drop(columns="seconds"))
    expected = np.random.SeedSequence(7).spawn(12)[5].generate_state(2, dtype=np.uint32).view(
        np.uint64
    )[0] & np.uint64(2**63 - 1)
    assert out.loc[5, "seed"] == int(expected)


def test_dataframe_results_and_list_grid():
    out = sweep(sweep_tasks.table_task, [{"n": 2}, {"n": 3}], seed=1, workers=1, progress=False)
    assert len(out) == 5 and list(out["k"]) == [0, 1, 0, 1, 2]


def test_dask_matches_local():
    pytest.importorskip("dask.distributed")
    local = sweep(sweep_tasks.noisy_sum, GRID, reps=2, seed=3, workers=2, progress=False)
    dask = sweep(
        sweep_tasks.noisy_sum, GRID, reps=2, seed=3, backend="dask", workers=2, progress=False
    )
    pd.testing.assert_frame_equal(local.drop(columns="seconds"), dask.drop(columns="seconds"))


def test_failing_task_retried_then_reported():
    out = sweep(
        sweep_tasks.sometimes_fails, {"a": [1, 2, 3]}, seed=1, workers=2, retries=2, progress=False
    )
    bad = out[out["a"] == 2].iloc[0]
    assert bad["status"] == "failed" and bad["attempts"] == 3
    assert "RuntimeError: task a=2 always fails" in bad["error"] and "Traceback" in bad["error"]
    good = out[out["a"] != 2]
    assert (good["status"] == "ok").all() and list(good["value"]) == [10, 30]


def test_failing_task_on_dask():
    pytest.importorskip("dask.distributed")
    out = sweep(
        sweep_tasks.sometimes_fails,
        {"a": [1, 2, 3]},
        seed=1,
        backend="dask",
        workers=2,
        retries=1,
        progress=False,
    )
    assert (
        out.set_index("a").loc[2, "attempts"] == 2
        and out.set_index("a").loc[2, "status"] == "failed"
    )


def test_killed_worker_loses_nothing(tmp_path):
    pytest.importorskip("pyarrow")
    out = sweep(
        sweep_tasks.dies_once,
        {"a": [0, 1, 2, 3], "marker_dir": [str(tmp_path)]},
        seed=1,
        workers=2,
        out=tmp_path / "res",
        retries=2,
        progress=False,
    )
    assert (out["status"] == "ok").all() and sorted(out["a"]) == [0, 1, 2, 3]
    assert out.set_index("a").loc[1, "attempts"] >= 2
    assert len(list((tmp_path / "res").glob("task-*.parquet"))) == 4


def test_killed_dask_worker_task_is_rerun(tmp_path):
    pytest.importorskip("dask.distributed")
    out = sweep(
        sweep_tasks.dies_once,
        {"a": [0, 1, 2, 3], "marker_dir": [str(tmp_path)]},
        seed=1,
        backend="dask",
        workers=2,
        progress=False,
    )
    assert (out["status"] == "ok").all() and sorted(out["a"]) == [0, 1, 2, 3]


def test_interrupted_sweep_resumes_missing_tasks_only(tmp_path):
    pytest.importorskip("pyarrow")
    markers = tmp_path / "markers"
    markers.mkdir()
    res = tmp_path / "res"
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
        import sweep_tasks
        from clusternet.ensemble import sweep
        sweep(sweep_tasks.counted, {{"a": list(range(12)), "marker_dir": [{str(markers)!r}], "delay": [0.4]}},
              seed=5, workers=1, out={str(res)!r}, progress=False)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(res.glob("task-*.parquet"))) < 3:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole program dies mid-sweep, pool workers included
    proc.wait()
    time.sleep(0.5)
    finished_before = {int(p.stem.split("-")[1]) for p in res.glob("task-*.parquet")}
    assert 3 <= len(finished_before) < 12
    runs_before = len(list(markers.iterdir()))
    out = sweep(
        sweep_tasks.counted,
        {"a": list(range(12)), "marker_dir": [str(markers)], "delay": [0.4]},
        seed=5,
        workers=2,
        out=res,
        progress=False,
    )
    assert sorted(out["task"]) == list(range(12))  # each task exactly once
    reruns = len(list(markers.iterdir())) - runs_before
    assert (
        reruns <= 12 - len(finished_before) + 1
    )  # only the missing tasks (plus the one killed mid-run)
    with pytest.raises(SweepError, match="different sweep"):
        sweep(
            sweep_tasks.counted,
            {"a": [1], "marker_dir": [str(markers)]},
            seed=5,
            out=res,
            progress=False,
        )


def test_shared_inputs_sent_once():
    net = cn.generate_cluster(300, seed=1)
    out = sweep(
        sweep_tasks.uses_network,
        {"layer": ["social", "technology"]},
        shared={"net": net},
        seed=1,
        workers=2,
        progress=False,
    )
    assert list(out["edges"]) == [net.csr("social").nnz, net.csr("technology").nnz]


@pytest.mark.parametrize(
    ("grid", "kwargs", "match"),
    [
        ({}, {}, "grid is empty"),
        ([], {}, "grid is empty"),
        ({"a": []}, {}, "no values"),
        ({"a": [1], "bogus": [2]}, {}, "does not take"),
        ({"a": [lambda: 1], "b": [1.0]}, {}, "cannot be sent|cannot be recorded"),
        ({"a": [1], "b": [1.0]}, {"backend": "spark"}, "backend"),
    ],
)
def test_bad_grids_fail_before_work(grid, kwargs, match):
    with pytest.raises(SweepError, match=match):
        sweep(sweep_tasks.noisy_sum, grid, progress=False, **kwargs)


def test_function_must_be_importable():
    with pytest.raises(SweepError, match="importable"):
        sweep(lambda a, seed: a, {"a": [1]}, progress=False)
    with pytest.raises(SweepError, match="cannot import"):
        sweep("nowhere.module:fn", {"a": [1]}, progress=False)


def test_upgrading_task_by_name():
    out = sweep(
        "clusternet.ensemble:upgrading_task",
        {"n_firms": [200], "steps": [3], "platform_subsidy": [0.0, 0.9]},
        seed=2,
        workers=2,
        progress=False,
    )
    assert (
        len(out) == 2 and (out["status"] == "ok").all() and np.isfinite(out["knowledge_mean"]).all()
    )
