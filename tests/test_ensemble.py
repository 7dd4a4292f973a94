"""Sweeps: local and Dask backends, seeds, retries, crashes, resume, bad grids."""

import io
import os
import signal
import subprocess
import sys
import textwrap
import threading
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
    # task (point, rep) is the child of SeedSequence(7) addressed by its parameters' hash and rep
    import hashlib
    import json

    point = {"a": int(out.loc[5, "a"]), "b": float(out.loc[5, "b"])}
    digest = hashlib.sha256(json.dumps(point, sort_keys=True).encode()).digest()
    words = [int(w) for w in np.frombuffer(digest[:16], dtype="<u4")]
    child = np.random.SeedSequence(7, spawn_key=(*words, int(out.loc[5, "rep"])))
    expected = child.generate_state(2, dtype=np.uint32).view(np.uint64)[0] & np.uint64(2**63 - 1)
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


@pytest.mark.parametrize("workers", [1, 2])
def test_failing_task_retried_then_reported(workers):
    out = sweep(
        sweep_tasks.sometimes_fails,
        {"a": [1, 2, 3]},
        seed=1,
        workers=workers,
        retries=2,
        progress=False,
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
    assert (tmp_path / "died-1").exists()  # it did die once; the death was not charged
    assert (out["attempts"] == 1).all()
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
    finished_before = {p.stem for p in res.glob("task-*.parquet")}
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
    with pytest.raises(SweepError, match="root seed"):
        sweep(
            sweep_tasks.counted,
            {"a": [1], "marker_dir": [str(markers)]},
            seed=6,
            out=res,
            progress=False,
        )
    with pytest.raises(SweepError, match="function"):
        sweep(sweep_tasks.noisy_sum, {"a": [1], "b": [1.0]}, seed=5, out=res, progress=False)


@pytest.mark.slow  # ~12-21 s: keeps make test under 10 min on 2 cores
def test_crash_is_charged_to_the_task_that_caused_it():
    """Issue 15.8: task 0 kills its worker every time; the others must finish untouched."""
    out = sweep(
        sweep_tasks.always_dies,
        {"a": [0, 1, 2, 3, 4]},
        seed=1,
        workers=2,
        retries=2,
        progress=False,
    ).set_index("a")
    assert out.loc[0, "status"] == "failed" and out.loc[0, "attempts"] == 3
    assert "died while running this task alone" in out.loc[0, "error"]
    innocent = out.drop(index=0)
    assert (innocent["status"] == "ok").all() and (innocent["attempts"] == 1).all()
    assert list(innocent["value"]) == [10, 20, 30, 40]


def test_resume_with_default_seed_reuses_stored_root(tmp_path, caplog):
    """Issue 15.9: seed=None stores its entropy; a rerun resumes instead of refusing."""
    pytest.importorskip("pyarrow")
    markers = tmp_path / "m"
    markers.mkdir()
    grid = {"a": [1, 2, 3], "marker_dir": [str(markers)]}
    first = sweep(sweep_tasks.counted, grid, reps=2, out=tmp_path / "r", workers=1, progress=False)
    runs = len(list(markers.iterdir()))
    with caplog.at_level("WARNING", logger="clusternet.ensemble"):
        again = sweep(
            sweep_tasks.counted, grid, reps=2, out=tmp_path / "r", workers=1, progress=False
        )
    assert "stored root seed" in caplog.text
    assert len(list(markers.iterdir())) == runs  # nothing ran again
    pd.testing.assert_frame_equal(first, again)


def test_sweep_grows_and_reuses_finished_tasks(tmp_path):
    """Issue 15.10: more replicates and more grid points run only the new tasks."""
    pytest.importorskip("pyarrow")
    markers = tmp_path / "m"
    markers.mkdir()
    res = tmp_path / "r"
    small = sweep(
        sweep_tasks.counted,
        {"a": [1, 2], "marker_dir": [str(markers)]},
        reps=2,
        seed=4,
        out=res,
        workers=1,
        progress=False,
    )
    assert len(list(markers.iterdir())) == 4
    big = sweep(
        sweep_tasks.counted,
        {"a": [0, 1, 2, 3], "marker_dir": [str(markers)]},
        reps=3,
        seed=4,
        out=res,
        workers=2,
        progress=False,
    )
    assert len(big) == 12 and list(big["task"]) == list(range(12))
    assert len(list(markers.iterdir())) == 12  # 8 new tasks ran, the 4 finished ones did not
    old = big.merge(small[["a", "rep", "seed"]], on=["a", "rep"], suffixes=("", "_small"))
    assert len(old) == 4 and (old["seed"] == old["seed_small"]).all()
    # a fresh, never-stored run of the big grid gives the same seeds as the grown one
    fresh = sweep(
        sweep_tasks.counted,
        {"a": [0, 1, 2, 3], "marker_dir": [str(markers)]},
        reps=3,
        seed=4,
        workers=1,
        progress=False,
    )
    np.testing.assert_array_equal(fresh["seed"], big["seed"])
    # a smaller sweep into the folder reads back only its own tasks
    part = sweep(
        sweep_tasks.counted,
        {"a": [2], "marker_dir": [str(markers)]},
        reps=1,
        seed=4,
        out=res,
        progress=False,
    )
    assert len(part) == 1 and part.loc[0, "a"] == 2 and part.loc[0, "task"] == 0


@pytest.mark.slow  # ~30 s: two Dask sweeps on one local scheduler
def test_dask_sweeps_sharing_a_scheduler_do_not_collide(tmp_path):
    """Issue 15.11: two programs sweep the same grid with different seeds on one scheduler."""
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    grid = {"a": list(range(8)), "b": [0.5]}
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        code = textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
            import sweep_tasks
            from clusternet.ensemble import sweep
            out = sweep(sweep_tasks.slow_noisy_sum, {grid!r}, seed=1, backend="dask",
                        address={address!r}, progress=False)
            out.to_csv({str(tmp_path / "one.csv")!r}, index=False)
            """
        )
        other = subprocess.Popen([sys.executable, "-c", code])
        two = sweep(
            sweep_tasks.slow_noisy_sum,
            grid,
            seed=2,
            backend="dask",
            address=address,
            progress=False,
        )
        assert other.wait(timeout=120) == 0
    one = pd.read_csv(tmp_path / "one.csv")
    for result, s in ((one, 1), (two, 2)):
        local = sweep(sweep_tasks.slow_noisy_sum, grid, seed=s, workers=1, progress=False)
        np.testing.assert_array_equal(result["draw"].to_numpy(), local["draw"].to_numpy())
    assert not np.array_equal(one["draw"].to_numpy(), two["draw"].to_numpy())


def test_one_worker_runs_in_this_process_and_matches_a_pool():
    """workers=1 starts no pool; a pool of two gives the same seeds and results."""
    serial = sweep(
        sweep_tasks.process_id, {"a": [1, 2, 3]}, reps=2, seed=9, workers=1, progress=False
    )
    assert (serial["pid"] == os.getpid()).all()
    pooled = sweep(
        sweep_tasks.process_id, {"a": [1, 2, 3]}, reps=2, seed=9, workers=2, progress=False
    )
    assert (pooled["pid"] != os.getpid()).all()
    keep = ["task", "rep", "seed", "a", "status", "attempts"]
    pd.testing.assert_frame_equal(serial[keep], pooled[keep])


def test_shared_inputs_travel_by_value_like_the_task_function():
    """A shared callable defined here (not importable by workers) reaches pool workers."""
    offset = 0.25

    def model(a, seed):
        return a + offset + np.random.default_rng(seed).random()

    runs = {
        w: sweep(
            sweep_tasks.apply_shared,
            {"a": [1.0, 2.0]},
            reps=2,
            shared={"model": model},
            seed=4,
            workers=w,
            progress=False,
        )
        for w in (1, 2)
    }
    for out in runs.values():
        assert (out["status"] == "ok").all()
        draws = [np.random.default_rng(int(s)).random() for s in out["seed"]]
        np.testing.assert_allclose(out["value"], out["a"] + offset + draws, rtol=0, atol=0)
    pd.testing.assert_frame_equal(runs[1].drop(columns="seconds"), runs[2].drop(columns="seconds"))
    with pytest.raises(SweepError, match="shared inputs cannot be sent"):
        sweep(sweep_tasks.apply_shared, {"a": [1.0]}, shared={"model": threading.Lock()},
              workers=2, progress=False)  # fmt: skip


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


def test_lambdas_and_local_functions_run_and_bad_names_fail():
    def local(a, seed):
        return {"twice": 2 * a}

    out = sweep(local, {"a": [1, 2]}, seed=1, workers=2, progress=False)
    assert out["twice"].tolist() == [2, 4]
    out = sweep(lambda a, seed: a + 1, {"a": [1]}, seed=1, workers=1, progress=False)
    assert out["value"].tolist() == [2]
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


def _run_script(path, *args):
    proc = subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return pd.read_json(io.StringIO(proc.stdout.strip().splitlines()[-1]))


@pytest.mark.slow  # ~12-21 s: keeps make test under 10 min on 2 cores
@pytest.mark.parametrize("where", ["imported", "main"])
def test_plain_script_sweeps_match_dask(tmp_path, where):
    """No main guard, and a task defined in __main__: local workers (loky) and Dask agree."""
    pytest.importorskip("dask.distributed")
    task = (
        "from sweep_tasks import noisy_sum as task\n"
        if where == "imported"
        else textwrap.dedent(
            """
            import numpy as np
            def task(a, b, seed):
                rng = np.random.default_rng(seed)
                return {"total": a + b, "draw": float(rng.random())}
            """
        )
    )
    head = f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n" + task
    run = textwrap.dedent(
        """
        import clusternet as cn
        out = cn.sweep(task, {"a": [1, 2, 3], "b": [0.5]}, reps=2, seed=1, workers=2,
                       backend=sys.argv[1], progress=False)
        print(out[["a", "rep", "seed", "total", "draw", "status"]].to_json())
        """
    )
    plain = tmp_path / "plain.py"  # no main guard: the local backend needs none
    plain.write_text(head + run)
    guarded = tmp_path / "guarded.py"  # dask's LocalCluster re-imports the script
    guarded.write_text(head + 'if __name__ == "__main__":\n' + textwrap.indent(run, "    "))
    local = _run_script(plain, "local")
    dask = _run_script(guarded, "dask")
    assert (local["status"] == "ok").all() and len(local) == 6
    pd.testing.assert_frame_equal(local, dask)
    if where == "main":
        proc = subprocess.run(
            [sys.executable, str(plain), "dask"], capture_output=True, text=True, timeout=300
        )
        assert proc.returncode != 0
        assert 'if __name__ == "__main__":' in proc.stderr.strip().splitlines()[-1]
