"""The experiment layer: paired intervals, effects, bands, designs and scenario discovery."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import clusternet as cn
from clusternet import experiments as ex
from clusternet.experiments.effects import series_of


def _runs(rng, arms=("baseline", "a", "b"), reps=6, steps=4):
    rows = []
    for arm_i, arm in enumerate(arms):
        for r in range(reps):
            for t in range(steps + 1):
                rows.append(
                    {"arm": arm, "replicate": r, "step": t, "y": arm_i * t + rng.normal() + r}
                )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("n", [2, 3, 7, 40])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_paired_interval_is_scipys_paired_t_interval(n, confidence):
    rng = np.random.default_rng(n)
    a, b = rng.normal(size=n), rng.normal(0.3, 1.0, size=n)
    ci = stats.ttest_rel(b, a).confidence_interval(confidence)
    iv = ex.paired_interval(b - a, confidence)
    assert iv.effect == pytest.approx(float(np.mean(b - a)), rel=1e-12)
    assert (iv.low, iv.high) == pytest.approx((ci.low, ci.high), rel=1e-10)
    assert iv.n == n


def test_paired_interval_edge_cases_are_chosen_once():
    one = ex.paired_interval([0.4])
    assert one.effect == 0.4 and np.isnan(one.low) and np.isnan(one.high)
    assert not one.significant and not one.holds(+1) and not one.holds(-1)
    # equal differences: known without sampling error (common random numbers)
    same = ex.paired_interval([0.25, 0.25, 0.25])
    assert (same.low, same.high) == (0.25, 0.25) and same.holds(+1)
    zero = ex.paired_interval([0.0, 0.0, 0.0])
    assert not zero.significant and not zero.holds(+1) and not zero.holds(-1)
    with pytest.raises(ValueError, match=r"NaN at position\(s\) \[1\]"):
        ex.paired_interval([0.1, np.nan, 0.2])
    with pytest.raises(ValueError, match="confidence"):
        ex.paired_interval([0.1, 0.2], confidence=1.0)


@settings(max_examples=60, deadline=None)
@given(
    d=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=2, max_size=30),
    shift=st.floats(-1e3, 1e3, allow_nan=False),
    scale=st.floats(0.01, 100.0),
)
def test_paired_interval_is_shift_and_scale_equivariant(d, shift, scale):
    iv = ex.paired_interval(d)
    moved = ex.paired_interval(np.asarray(d) * scale + shift)
    tol = 1e-6 * (1 + abs(shift) + scale * max(map(abs, d)))
    assert iv.low <= iv.effect <= iv.high
    assert moved.effect == pytest.approx(iv.effect * scale + shift, abs=tol)
    assert moved.high - moved.low == pytest.approx((iv.high - iv.low) * scale, abs=tol)


def test_paired_effects_match_scipy_paired_t_interval():
    runs = _runs(np.random.default_rng(1))
    eff = ex.paired_effects(runs, ["y", "y_total"]).set_index(["arm", "outcome"])
    last = runs[runs["step"] == 4].pivot(index="replicate", columns="arm", values="y")
    totals = runs.groupby(["arm", "replicate"])["y"].sum().unstack("arm")
    for arm in ("a", "b"):
        for outcome, table in (("y", last), ("y_total", totals)):
            d = (table[arm] - table["baseline"]).to_numpy()
            low, high = stats.t.interval(0.95, d.size - 1, loc=d.mean(), scale=stats.sem(d))
            row = eff.loc[(arm, outcome)]
            assert row["effect"] == pytest.approx(d.mean())
            assert (row["low"], row["high"]) == pytest.approx((low, high))
            assert row["n"] == 6
            assert row["significant"] == bool(low > 0 or high < 0)
    with pytest.raises(ValueError, match="no arm 'control'"):
        ex.paired_effects(runs, ["y"], baseline="control")


def test_paired_effects_pair_only_common_replicates():
    runs = _runs(np.random.default_rng(3), reps=5)
    runs = runs[~((runs["arm"] == "a") & (runs["replicate"] == 4))]
    eff = ex.paired_effects(runs, ["y"]).set_index("arm")
    last = runs[runs["step"] == 4].pivot(index="replicate", columns="arm", values="y")
    d = (last["a"] - last["baseline"]).dropna()
    assert eff.loc["a", "n"] == 4 and eff.loc["a", "effect"] == pytest.approx(d.mean())


def test_rank_arms_orders_by_effect():
    runs = _runs(np.random.default_rng(4))
    eff = ex.paired_effects(runs, ["y"])
    ranked = ex.rank_arms(eff, "y")
    assert ranked["arm"].tolist() == ["b", "a"]  # b's slope is 2, a's is 1
    assert ex.rank_arms(eff, "y", higher_is_better=False)["arm"].tolist() == ["a", "b"]
    with pytest.raises(ValueError, match="'z'"):
        ex.rank_arms(eff, "z")


def test_bands_are_the_replicate_quantiles():
    runs = _runs(np.random.default_rng(2))
    b = ex.bands(runs, ["y"], level=0.9).set_index(["arm", "step"])
    for (arm, step), part in runs.groupby(["arm", "step"]):
        v = part["y"].to_numpy()
        assert b.loc[(arm, step), "y"] == pytest.approx(v.mean())
        assert b.loc[(arm, step), "y_low"] == pytest.approx(np.quantile(v, 0.05))
        assert b.loc[(arm, step), "y_high"] == pytest.approx(np.quantile(v, 0.95))
    with pytest.raises(ValueError, match="level"):
        ex.bands(runs, ["y"], level=1.0)
    with pytest.raises(ValueError, match="'z'"):
        ex.bands(runs, ["z"])


def test_declarations_reject_inconsistent_designs():
    base = ex.Arm("baseline", "no policy")
    with pytest.raises(ValueError, match="unique"):
        ex.Experiment("e", arms=(base, base), outcomes=("reputation",))
    with pytest.raises(ValueError, match="names arm 'nope'"):
        ex.Experiment(
            "e",
            arms=(base,),
            outcomes=("reputation",),
            claims=(ex.Claim("x", "s", "nope", "reputation", 1),),
        )
    with pytest.raises(ValueError, match="names outcome 'y'"):
        ex.Experiment(
            "e",
            arms=(base,),
            outcomes=("reputation",),
            claims=(ex.Claim("x", "s", "baseline", "y", 1),),
        )
    with pytest.raises(ValueError, match="sign"):
        ex.Claim("x", "s", "a", "y", 0)


def test_latin_hypercube_fills_every_stratum_once():
    ranges = {"a": (0.0, 1.0), "b": (-2.0, 2.0), "k": (1, 20)}
    grid = ex.latin_hypercube(ranges, 10, seed=3, integers=("k",), fixed={"steps": 5})
    assert len(grid) == 10 and all(p["steps"] == 5 for p in grid)
    for name in ("a", "b"):
        lo, hi = ranges[name]
        strata = sorted(int((p[name] - lo) / (hi - lo) * 10) for p in grid)
        assert strata == list(range(10))
    assert all(isinstance(p["k"], int) and 1 <= p["k"] <= 20 for p in grid)
    assert grid == ex.latin_hypercube(ranges, 10, seed=3, integers=("k",), fixed={"steps": 5})
    assert grid != ex.latin_hypercube(ranges, 10, seed=4, integers=("k",), fixed={"steps": 5})
    with pytest.raises(ValueError, match=r"ranges\['a'\]"):
        ex.latin_hypercube({"a": (1.0, 1.0)}, 4)
    with pytest.raises(ValueError, match="plausible range"):
        ex.plausible_ranges(["not_a_parameter"])


def _synthetic_sweep(n=2000, seed=5, noise=0.0):
    rng = np.random.default_rng(seed)
    t = pd.DataFrame(rng.random((n, 4)), columns=["a", "b", "c", "d"])
    inside = (t["a"] > 0.6) & (t["b"] < 0.4)
    flip = rng.random(n) < noise
    t["effect"] = np.where(inside ^ flip, 1.0, -1.0) + 0.01 * rng.normal(size=n)
    t["task"] = np.arange(n)
    t["status"] = "ok"
    return t, inside


def test_scenario_discovery_recovers_the_true_box():
    table, inside = _synthetic_sweep()
    found = ex.scenario_discovery(table, "effect > 0", threshold=0.95)
    assert found.inputs == ["a", "b", "c", "d"]  # task, status and the condition's column out
    lim = found.limits.set_index("parameter")
    assert set(lim.index) == {"a", "b"}
    assert lim.loc["a", "low"] == pytest.approx(0.6, abs=0.03)
    assert lim.loc["b", "high"] == pytest.approx(0.4, abs=0.03)
    box = found.boxes.iloc[0]
    assert box["density"] >= 0.95 and box["coverage"] >= 0.9
    assert found.base_density == pytest.approx(inside.mean())


def test_scenario_discovery_with_noise_and_a_callable_condition():
    table, _ = _synthetic_sweep(noise=0.1, seed=6)
    found = ex.scenario_discovery(
        table, lambda t: t["effect"] > 0, inputs=["a", "b", "c", "d"], threshold=0.8
    )
    lim = found.limits.set_index("parameter")
    assert {"a", "b"} <= set(lim.index)
    assert lim.loc["a", "low"] == pytest.approx(0.6, abs=0.08)
    assert lim.loc["b", "high"] == pytest.approx(0.4, abs=0.08)
    assert found.boxes.iloc[0]["density"] >= 0.8


def test_scenario_discovery_reports_bad_conditions_and_draws_a_figure():
    import matplotlib

    matplotlib.use("Agg")
    table, _ = _synthetic_sweep(n=400)
    with pytest.raises(ValueError, match="holds in 400 of 400"):
        ex.scenario_discovery(table, "effect > -5")
    with pytest.raises(ValueError, match="must give booleans"):
        ex.scenario_discovery(table, "effect + 1")
    with pytest.raises(ValueError, match="no input column"):
        ex.scenario_discovery(table, "effect > 0", inputs=["zz"])
    fig = ex.scenario_discovery(table, "effect > 0").figure()
    assert len(fig.axes) == 3  # trajectory, its colour bar, the box limits
    assert fig.axes[0].get_xlabel() == "coverage"


@pytest.mark.slow  # ~25 s: runs two experiments through cn.sweep
def test_identical_arms_give_an_exact_zero_effect_and_drop_layers_acts():
    experiment = ex.Experiment(
        "crn",
        arms=(
            ex.Arm("baseline", "as generated"),
            ex.Arm("copy", "the same arm again"),
            ex.Arm("no_social", "without social ties", drop_layers=("social",)),
        ),
        outcomes=("knowledge_mean",),
    )
    res = ex.run_experiment(experiment, firms=60, reps=2, steps=3, workers=1, seed=3)
    eff = res.effects.set_index("arm")
    assert eff.loc["copy", "effect"] == 0.0
    assert (eff.loc["copy", "low"], eff.loc["copy", "high"]) == (0.0, 0.0)
    assert eff.loc["no_social", "effect"] != 0.0
    bad = ex.Experiment(
        "bad", arms=(ex.Arm("baseline", "x", drop_layers=("gossip",)),), outcomes=("reputation",)
    )
    with pytest.raises(RuntimeError, match="unknown layer"):
        ex.run_experiment(bad, firms=60, reps=2, steps=1, workers=1)


def test_opt_in_channel_is_sampled_only_when_named():
    """The selection channel's parameters are off at the defaults: a default Latin
    hypercube must not draw them (that would also redraw every other column)."""
    from clusternet.dynamics.parameters import OPT_IN, PARAMETERS

    default = ex.plausible_ranges()
    assert not set(OPT_IN) & set(default)
    named = ex.plausible_ranges(list(OPT_IN))
    assert named == {k: tuple(float(x) for x in PARAMETERS[k].plausible) for k in OPT_IN}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(0.01, 1e6, allow_nan=False), min_size=2, max_size=7),
        min_size=1,
        max_size=4,
    ),
    st.randoms(use_true_random=False),
)
def test_growth_outcome_is_the_mean_relative_change_per_step_in_step_order(series, rnd):
    rows = [
        {"arm": f"a{i % 2}", "replicate": i, "step": t, "y": v}
        for i, values in enumerate(series)
        for t, v in enumerate(values)
    ]
    rnd.shuffle(rows)  # the rows' order must not matter, only the steps
    got = ex.final_values(pd.DataFrame(rows), ["y_growth", "y_change"])
    for i, values in enumerate(series):
        x = np.array(values)
        expected = np.mean(x[1:] / x[:-1] - 1.0)  # numpy by hand, in step order
        assert got.loc[(f"a{i % 2}", i), "y_growth"] == pytest.approx(expected, rel=1e-12)
        assert got.loc[(f"a{i % 2}", i), "y_change"] == x[-1] - x[0]


def test_growth_outcome_is_nan_after_a_zero_and_for_one_step():
    runs = pd.DataFrame(
        {"arm": "a", "replicate": [0, 0, 0, 1], "step": [0, 1, 2, 0], "y": [1.0, 0.0, 2.0, 5.0]}
    )
    got = ex.final_values(runs, ["y_growth"])["y_growth"]
    assert np.isnan(got.loc[("a", 0)]) and np.isnan(got.loc[("a", 1)])
    assert series_of("total_output_growth") == "total_output"
    exp = ex.Experiment(
        "g", arms=(ex.Arm("b", "x"),), outcomes=("total_output_growth", "total_output_change")
    )
    assert exp.series == ("total_output",)


def test_arm_size_factor_and_base_firm_levers_scale_as_declared():
    """An arm with ``firms_factor`` 2 at base size 50 runs the 100-firm cluster of the same
    replicate seed, and a ``per_base_firm`` lever is multiplied by the base size (50), not by
    the arm's own size: the run equals one declared directly at 100 firms with the product."""
    cols = ["total_output", "congestion_unit_cost", "knowledge_mean"]
    model = {"growth": 0.05}
    scaled = ex.arm_task(
        "s", 0, 4, 11, cols, model, firms=50, firms_factor=2.0, per_base_firm={"capacity": 12.0}
    )
    direct = ex.arm_task("s", 0, 4, 11, cols, {**model, "capacity": 600.0}, firms=100)
    pd.testing.assert_frame_equal(scaled, direct)
    assert scaled["congestion_unit_cost"].iloc[1:].gt(0).all()  # capacity 600 binds
    other = ex.arm_task("s", 0, 4, 11, cols, {**model, "capacity": 1200.0}, firms=100)
    assert not other["congestion_unit_cost"].equals(scaled["congestion_unit_cost"])
    small = ex.arm_task("s", 0, 1, 11, ["total_output"], {}, firms=50, firms_factor=0.01)
    n_small = ex.arm_task("s", 0, 1, 11, ["total_output"], {}, firms=2)
    pd.testing.assert_frame_equal(small, n_small)  # round(0.5) -> at least 2 firms
    with pytest.raises(ValueError, match="firms_factor must be a finite number > 0"):
        ex.Arm("x", "y", firms_factor=0.0)
    with pytest.raises(ValueError, match="firms_factor must be a finite number > 0"):
        ex.Arm("x", "y", firms_factor=True)
    with pytest.raises(ValueError, match="firms_factor must be a finite number > 0"):
        ex.Arm("x", "y", firms_factor=float("inf"))
    with pytest.raises(ValueError, match=r"arm 's': per_base_firm sets \['capacity'\]"):
        ex.arm_task(
            "s", 0, 1, 11, cols, {"capacity": 5.0}, firms=50, per_base_firm={"capacity": 1.0}
        )
    net = cn.generate_cluster(50, seed=1)
    with pytest.raises(ValueError, match="arm 's': firms_factor and per_base_firm need"):
        ex.arm_task("s", 0, 1, 11, cols, {}, net=net, firms_factor=2.0)
    with pytest.raises(ValueError, match="arm 's': firms_factor and per_base_firm need"):
        ex.arm_task("s", 0, 1, 11, cols, {}, net=net, per_base_firm={"capacity": 1.0})


def test_difference_in_differences_claim_matches_a_hand_computed_paired_t_interval():
    rng = np.random.default_rng(4)
    runs = _runs(rng, arms=("base", "good", "bad", "good_frozen", "bad_frozen"), reps=7)
    claim = ex.Claim(
        "did", "s", "good", "y", +1, reference="bad", minus=("good_frozen", "bad_frozen")
    )
    exp = ex.Experiment("d", arms=tuple(ex.Arm(a, a) for a in dict.fromkeys(runs["arm"])),
                        outcomes=("y",), claims=(claim,))  # fmt: skip
    got = ex.verdicts(exp, runs).iloc[0]
    last = runs[runs["step"] == runs["step"].max()].pivot(
        index="replicate", columns="arm", values="y"
    )
    d = (last["good"] - last["bad"]) - (last["good_frozen"] - last["bad_frozen"])
    low, high = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))
    assert got["effect"] == pytest.approx(d.mean(), rel=1e-12)
    assert (got["low"], got["high"]) == (
        pytest.approx(low, rel=1e-12),
        pytest.approx(high, rel=1e-12),
    )
    # a replicate that one arm of the contrast lacks is left out of all four
    short = runs[~((runs["arm"] == "bad_frozen") & (runs["replicate"] == 3))]
    d6 = d.drop(3)
    assert ex.verdicts(exp, short).iloc[0]["effect"] == pytest.approx(d6.mean(), rel=1e-12)
    # a NaN outcome (a failed replicate) is an error, not a dropped replicate
    broken = runs.copy()
    broken.loc[(broken["arm"] == "good") & (broken["replicate"] == 2), "y"] = np.nan
    with pytest.raises(ValueError, match="NaN at position"):
        ex.verdicts(exp, broken)
    assert got["reference"] == "bad, less good_frozen - bad_frozen"
    # the reference defaults to the baseline (first arm)
    plain = ex.Claim("p", "s", "good", "y", +1, minus=("good_frozen", "bad_frozen"))
    exp2 = ex.Experiment("d2", arms=exp.arms, outcomes=("y",), claims=(plain,))
    d_base = (last["good"] - last["base"]) - (last["good_frozen"] - last["bad_frozen"])
    assert ex.verdicts(exp2, runs).iloc[0]["effect"] == pytest.approx(d_base.mean(), rel=1e-12)


def test_difference_in_differences_claims_are_checked_when_declared():
    arms = (ex.Arm("a", "x"), ex.Arm("b", "y"))
    with pytest.raises(ValueError, match="names arm 'zz'"):
        ex.Experiment("e", arms=arms, outcomes=("y",),
                      claims=(ex.Claim("c", "s", "a", "y", 1, minus=("b", "zz")),))  # fmt: skip
    with pytest.raises(ValueError, match="minus must be a pair of arm names"):
        ex.Claim("c", "s", "a", "y", 1, minus=("b",))
    with pytest.raises(ValueError, match="minus must be a pair of arm names"):
        ex.Claim("c", "s", "a", "y", 1, minus=["a", "b"])
    with pytest.raises(ValueError, match="absolute claim has no reference arm and no minus"):
        ex.Claim("c", "s", "a", "y", 1, absolute=True, minus=("a", "b"))


def test_an_arm_holding_another_arms_output_produces_its_path():
    """``hold_output_of``: the source arm's run on the same replicate (recomputed here from
    the state of a model run by hand) gives, step by step, the output per catchment firm
    that the held arm's platforms produce, whatever its own firms choose."""
    from clusternet._validate import derived_sequence, seed_sequence
    from clusternet.experiments.run import _CLUSTER_STREAM, _MODEL_STREAM

    arms = [
        ex.Arm("more_smes", "b", generator={"size_tail_share": 0.02}),
        ex.Arm("held", "h", hold_output_of="more_smes"),
    ]
    cols = ["platform_output_per_firm", "knowledge_mean_0", "members_share"]
    settings = ex.task_settings(arms, "held", {"preset": "taizhou"}, theta={"revision_rate": 0.5})
    held = ex.arm_task("held", 1, 6, 13, cols, firms=80, **settings)
    # the source by hand: the same replicate's streams, its own generator settings
    base = derived_sequence(seed_sequence(13), 1)
    net = cn.generate_cluster(
        80,
        seed=int(derived_sequence(base, _CLUSTER_STREAM).generate_state(1)[0]),
        preset="taizhou",
        size_tail_share=0.02,
    )
    model = cn.UpgradingModel(net, seed=derived_sequence(base, _MODEL_STREAM), revision_rate=0.5)
    catchment = model.state.member >= 0
    path = []
    for _ in range(6):
        model.step()
        path.append(model.state.platform_output.sum() / catchment.sum())
    assert np.ptp(path) > 0  # the source's output moves over the run
    np.testing.assert_allclose(held["platform_output_per_firm"].iloc[1:], path, rtol=1e-12)
    unheld = ex.task_settings([ex.Arm("held", "h")], "held", {"preset": "taizhou"},
                              theta={"revision_rate": 0.5})  # fmt: skip
    own = ex.arm_task("held", 1, 6, 13, cols, firms=80, **unheld)
    assert not np.allclose(own["platform_output_per_firm"].iloc[1:], path)  # another cluster


def test_holding_an_arms_own_output_on_one_platform_reproduces_its_run():
    """With one platform, output per catchment firm fixes the platform's output itself, so
    an arm holding the output path of the same settings is the same run, column for column
    (a constant level, or another step's output, would not be)."""
    net = cn.generate_cluster(120, seed=8, preset="taizhou")
    hubs = np.flatnonzero(net.role_mask("platform", "research_institute"))
    one = net.subnetwork(actors=~np.isin(np.arange(net.n_actors), hubs[1:]))
    assert one.role_mask("platform", "research_institute").sum() == 1
    arms = [ex.Arm("own", "o", {"revision_rate": 0.5}),
            ex.Arm("held", "h", {"revision_rate": 0.5}, hold_output_of="own")]  # fmt: skip
    cols = ["platform_output_per_firm", "members_share", "knowledge_mean_0", "innovations"]
    runs = {a.name: ex.arm_task(a.name, 0, 8, 5, cols, net=one,
                                **ex.task_settings(arms, a.name, shared_net=True))
            for a in arms}  # fmt: skip
    assert runs["own"]["members_share"].nunique() > 1  # choices move the output
    pd.testing.assert_frame_equal(
        runs["own"].drop(columns="arm"), runs["held"].drop(columns="arm"), rtol=1e-12
    )


def test_holding_output_is_refused_where_it_cannot_mean_anything():
    with pytest.raises(ValueError, match="hold_output_of names the arm itself"):
        ex.Arm("a", "x", hold_output_of="a")
    with pytest.raises(ValueError, match="hold_output_of must be an arm's name"):
        ex.Arm("a", "x", hold_output_of=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="sets platform_output_fixed, which the arm's model"):
        ex.Arm("a", "x", {"platform_output_fixed": 1.0}, hold_output_of="b")
    with pytest.raises(ValueError, match="holds the platform output of 'b', which is not an arm"):
        ex.Experiment("e", arms=(ex.Arm("a", "x", hold_output_of="b"),), outcomes=("y",))
    chain = (ex.Arm("a", "x"), ex.Arm("b", "y", hold_output_of="a"),
             ex.Arm("c", "z", hold_output_of="b"))  # fmt: skip
    with pytest.raises(ValueError, match="which holds another arm's output itself"):
        ex.Experiment("e", arms=chain, outcomes=("y",))
    with pytest.raises(ValueError, match="which holds another arm's output itself"):
        ex.run_arms(chain, 1, 2, 7, ["knowledge_mean"], firms=30, workers=1)
    with pytest.raises(ValueError, match="no arm 'q'"):
        ex.task_settings(chain[:1], "q")
    with pytest.raises(ValueError, match="platform_output_fixed, which model sets too"):
        ex.arm_task("h", 0, 1, 7, ["knowledge_mean"], {"platform_output_fixed": 1.0},
                    firms=30, hold_output_of={"model": {}})  # fmt: skip
    # a source cluster with no platform catchment cannot give a level
    net = cn.generate_cluster(40, seed=2)
    bare = net.subnetwork(actors=~net.role_mask("platform", "research_institute"))
    with pytest.raises(ValueError, match="no firm in a platform's catchment"):
        ex.arm_task("h", 0, 2, 7, ["knowledge_mean"], {}, net=bare, hold_output_of={"model": {}})
