"""One task function and one seed scheme for every designed experiment, through ``cn.sweep``.

Replicate ``r`` of every arm draws its cluster and its simulation from the
children ``(r, 0)`` and ``(r, 1)`` of ``SeedSequence(root)`` — common random
numbers — whatever the arm, the number of workers or the order of the tasks.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusternet._numbers import number
from clusternet._validate import check_int, derived_sequence, seed_sequence
from clusternet.experiments.design import Arm, Experiment, check_holds
from clusternet.experiments.effects import final_values, paired_effects, paired_interval, rank_arms

__all__ = [
    "ExperimentResult",
    "arm_task",
    "conclusion_text",
    "run_arms",
    "run_experiment",
    "task_settings",
    "verdicts",
]

logger = logging.getLogger(__name__)

#: Streams of one replicate: the generated cluster and the simulation.
_CLUSTER_STREAM, _MODEL_STREAM = 0, 1


def arm_task(
    arm: str,
    replicate: int,
    steps: int,
    root: int,
    columns: list,
    model: dict,
    per_firm: dict | None = None,
    generator: dict | None = None,
    firms: int | None = None,
    drop_layers: Sequence[str] = (),
    drop_roles: Sequence[str] = (),
    net=None,
    seed=None,
    firms_factor: float = 1.0,
    per_base_firm: dict | None = None,
    hold_output_of: dict | None = None,
) -> pd.DataFrame:
    """One replicate of one arm: the recorded time series (``columns``) with arm and replicate.

    Replicate ``r`` draws its cluster and its simulation from
    ``SeedSequence(root)`` children addressed by ``(r, 0)`` and ``(r, 1)``,
    whatever the arm — common random numbers. ``seed`` (the sweep's own
    per-task seed) is ignored for that reason. Either ``net`` (a shared
    ClusterNetwork) or ``generator`` settings with ``firms`` give the cluster;
    ``drop_layers`` / ``drop_roles`` remove layers or actors before the run.
    A generated cluster has ``max(2, round(firms * firms_factor))`` firms;
    ``per_base_firm`` levers are multiplied by ``firms`` itself (the base size).
    With ``hold_output_of`` (another arm's task settings, :func:`~clusternet.experiments.task_settings`)
    that arm is run first on the same replicate, and at every step ``t`` this
    arm's platforms produce per catchment firm what that arm's produced at
    ``t`` (its ``platform_output_per_firm``, set as ``platform_output_fixed``
    before the step).

    Parameters
    ----------
    arm : str
        The arm's name (copied into the result).
    replicate : int
        The replicate number; with ``root`` it keys the cluster's and the run's draws.
    steps : int
        Steps to simulate.
    root : int
        The experiment's root seed.
    columns : list of str
        The recorded series to keep.
    model : dict
        Keyword arguments of :class:`clusternet.UpgradingModel` (the arm's levers).
    per_firm : dict, optional
        Count levers per firm, multiplied by the number of firms.
    generator : dict, optional
        Settings of :func:`clusternet.generate_cluster` (with ``firms``).
    firms : int, optional
        Cluster size when the cluster is generated.
    drop_layers, drop_roles : sequence of str, optional
        Layers and roles removed from the cluster before the run.
    net : ClusterNetwork, optional
        A shared cluster instead of a generated one.
    seed : optional
        Ignored (see above).
    firms_factor : float, default 1.0
        The generated cluster's size relative to ``firms``.
    per_base_firm : dict, optional
        Levers per firm of the base size ``firms`` (floats, not rounded).
    hold_output_of : dict, optional
        The task settings (:func:`~clusternet.experiments.task_settings`) of the arm whose platform output
        this arm holds fixed.

    Returns
    -------
    DataFrame
        One row per step: ``arm``, ``replicate``, ``step`` and the ``columns``.

    Examples
    --------
    >>> ts = arm_task("a", 0, 1, 7, ["knowledge_mean"], {}, firms=50)
    >>> list(ts["step"]), set(ts["arm"])
    ([0, 1], {'a'})
    """
    from clusternet.dynamics import UpgradingModel
    from clusternet.generate import generate_cluster

    model = dict(model)
    if hold_output_of is not None:
        if "platform_output_fixed" in model:
            raise ValueError(
                f"arm {arm!r}: hold_output_of sets platform_output_fixed, which model sets too"
            )
        source = arm_task(
            f"{arm} (held output)",
            replicate,
            steps,
            root,
            ["platform_output_per_firm"],
            net=net,
            firms=firms,
            **hold_output_of,
        )
        path = source["platform_output_per_firm"].to_numpy(dtype=np.float64)[1:]
        if not np.isfinite(path).all():
            raise ValueError(
                f"arm {arm!r} holds the platform output of an arm whose cluster has no firm "
                "in a platform's catchment"
            )
    base = derived_sequence(seed_sequence(int(root)), int(replicate))
    if net is not None and (firms_factor != 1.0 or per_base_firm):
        raise ValueError(
            f"arm {arm!r}: firms_factor and per_base_firm need a generated cluster, not a shared net"
        )
    if net is None:
        if firms is None:
            raise ValueError("arm_task needs either net or firms")
        net = generate_cluster(
            max(2, round(int(firms) * float(firms_factor))),
            seed=int(derived_sequence(base, _CLUSTER_STREAM).generate_state(1)[0]),
            **dict(generator or {}),
        )
    if drop_layers:
        unknown = [x for x in drop_layers if x not in net.layers]
        if unknown:
            raise ValueError(f"arm {arm!r}: drop_layers names unknown layer(s) {unknown}")
        net = net.subnetwork(layers=[x for x in net.layers if x not in set(drop_layers)])
    if drop_roles:
        net = net.subnetwork(actors=~net.role_mask(*drop_roles))
    n_firms = int(net.tier_mask("core").sum())
    for name, rate in (per_firm or {}).items():
        model[name] = max(1, round(float(rate) * n_firms))
    clash = sorted(set(per_base_firm or {}) & (set(model) | set(per_firm or {})))
    if clash:
        raise ValueError(f"arm {arm!r}: per_base_firm sets {clash}, which model or per_firm set")
    if per_base_firm:
        assert firms is not None  # a shared net, the one case without firms, is refused above
        for name, rate in per_base_firm.items():
            model[name] = float(rate) * int(firms)
    model_seed = derived_sequence(base, _MODEL_STREAM)
    if hold_output_of is None:
        ts = UpgradingModel(net, seed=model_seed, **model).run(int(steps)).timeseries
    else:
        held = UpgradingModel(net, seed=model_seed, platform_output_fixed=0.0, **model)
        for level in path:  # step t produces the source's output per catchment firm at t
            held.params["platform_output_fixed"] = float(level)
            held.step()
        ts = held.result().timeseries
    out = ts[["step", *columns]].copy()
    out.insert(0, "replicate", int(replicate))
    out.insert(0, "arm", arm)
    return out


def task_settings(
    arms: Sequence[Arm],
    name: str,
    generator: dict | None = None,
    shared_net: bool = False,
    theta: dict | None = None,
) -> dict:
    """The keyword arguments of :func:`arm_task` that arm ``name`` of ``arms`` sets.

    The arm's model levers override ``theta`` (a design point's parameters: a
    lever stays a lever); its generator settings override ``generator`` (none
    with a shared net). An arm that holds another's platform output carries
    that arm's settings under ``hold_output_of``.

    Parameters
    ----------
    arms : sequence of Arm
        The arms of the experiment or run.
    name : str
        The arm.
    generator : dict, optional
        The experiment's generator settings.
    shared_net : bool, default False
        Whether every arm runs on one shared cluster.
    theta : dict, optional
        Parameter values under every arm's own model settings.

    Returns
    -------
    dict
        ``model``, ``per_firm``, ``generator``, ``drop_layers``, ``drop_roles``,
        ``firms_factor``, ``per_base_firm`` and ``hold_output_of``.

    Examples
    --------
    >>> arms = [Arm("base", "b", {"certification": 0.3}), Arm("held", "h", hold_output_of="base")]
    >>> settings = task_settings(arms, "held", theta={"certification": 0.1})
    >>> settings["model"], settings["hold_output_of"]["model"]
    ({'certification': 0.1}, {'certification': 0.3})
    """
    check_holds(arms, "run")
    by_name = {a.name: a for a in arms}
    if name not in by_name:
        raise ValueError(f"no arm {name!r}; arms: {list(by_name)}")

    def own(arm: Arm) -> dict:
        return {
            "model": {**(theta or {}), **arm.model},
            "per_firm": dict(arm.per_firm),
            "generator": None if shared_net else {**(generator or {}), **arm.generator},
            "drop_layers": list(arm.drop_layers),
            "drop_roles": list(arm.drop_roles),
            "firms_factor": float(arm.firms_factor),
            "per_base_firm": dict(arm.per_base_firm),
        }

    arm = by_name[name]
    source = arm.hold_output_of
    return {**own(arm), "hold_output_of": own(by_name[source]) if source else None}


def run_arms(
    arms: Sequence[Arm],
    steps: int,
    reps: int,
    seed,
    columns: Sequence[str],
    net=None,
    generator: dict | None = None,
    firms: int | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Every arm x replicate through :func:`clusternet.sweep`; one row per arm, replicate and step.

    The result does not depend on ``workers``: each task's seed comes from
    ``seed`` and its replicate number only.

    Parameters
    ----------
    arms : sequence of Arm
        The arms, names unique.
    steps : int
        Steps per run (at least 1).
    reps : int
        Replicates per arm (at least 2).
    seed : int or SeedSequence
        The root seed.
    columns : sequence of str
        The recorded series to keep.
    net : ClusterNetwork, optional
        A shared cluster for every arm; else each replicate generates one.
    generator : dict, optional
        Settings of :func:`clusternet.generate_cluster`, under each arm's own.
    firms : int, optional
        Cluster size when the cluster is generated.
    workers : int, optional
        Worker processes of the local pool.

    Returns
    -------
    DataFrame
        One row per arm, replicate and step: ``arm``, ``replicate``, ``step`` and the
        ``columns``.

    Examples
    --------
    >>> from clusternet.experiments import Arm
    >>> runs = run_arms([Arm("base", "no policy")], 1, 2, 7, ["knowledge_mean"], firms=50, workers=1)
    >>> sorted(runs["replicate"].unique().tolist()), len(runs)
    ([0, 1], 4)
    """
    from clusternet.ensemble import sweep

    steps = check_int("steps", steps, minimum=1)
    reps = check_int("reps", reps, minimum=2)
    root = int(seed_sequence(seed).generate_state(1, dtype=np.uint32)[0])
    names = [a.name for a in arms]
    if len(set(names)) != len(names):
        raise ValueError(f"arm names must be unique, got {names}")
    grid = [
        {
            "arm": a.name,
            "replicate": r,
            "steps": steps,
            "root": root,
            "columns": list(columns),
            "firms": firms if net is None else None,
            **task_settings(arms, a.name, generator, shared_net=net is not None),
        }
        for a in arms
        for r in range(reps)
    ]
    table = sweep(
        arm_task,
        grid,
        seed=root,
        workers=workers,
        progress=False,
        shared={"net": net} if net is not None else None,
    )
    failed = table[table["status"] != "ok"]
    if len(failed):
        raise RuntimeError(
            f"{failed['task'].nunique()} of {len(grid)} replicate runs failed; first error:\n"
            f"{failed['error'].iloc[0]}"
        )
    keep = ["arm", "replicate", "step", *columns]
    out = table[keep].sort_values(["arm", "replicate", "step"], kind="stable")
    order = {name: i for i, name in enumerate(names)}
    out = out.sort_values("arm", key=lambda s: s.map(order), kind="stable")
    return out.reset_index(drop=True)


def verdicts(experiment: Experiment, runs: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: the measured effect with its 95 % interval and the verdict.

    The effect is the paired difference of the claim's arm against its
    reference arm (the first arm unless the claim names another), less the
    difference of the claim's ``minus`` pair when it names one (a difference in
    differences, :meth:`~clusternet.experiments.Claim.contrast`), or for an
    absolute claim the arm's own mean (``reference`` empty). *supported*:
    the interval lies on the claimed side of zero; *contradicted*: on the other
    side; *not shown*: the interval includes zero (or cannot be formed).

    Parameters
    ----------
    experiment : Experiment
        The experiment whose claims are judged.
    runs : DataFrame
        Its replicate table, as :func:`~clusternet.experiments.run_arms` returns.

    Returns
    -------
    DataFrame
        Columns ``claim``, ``source``, ``arm``, ``reference``, ``outcome``,
        ``claimed_sign``, ``effect``, ``low``, ``high`` and ``verdict``.

    Examples
    --------
    >>> from clusternet.experiments import Arm, Claim, Experiment
    >>> exp = Experiment("x", arms=(Arm("base", "none"), Arm("cert", "label", {"certification": 0.6})),
    ...     outcomes=("reputation",), claims=(Claim("reputation up", "C", "cert", "reputation", +1),))
    >>> import pandas as pd
    >>> runs = pd.DataFrame({"arm": ["base"] * 3 + ["cert"] * 3, "replicate": [0, 1, 2] * 2, "step": 1,
    ...                      "reputation": [0.5, 0.6, 0.55, 0.7, 0.82, 0.76]})  # as run_arms returns
    >>> verdicts(exp, runs)[["claim", "effect", "verdict"]].round(3)
               claim  effect    verdict
    0  reputation up    0.21  supported
    """
    rows = []
    for claim in experiment.claims:
        reference = claim.reference or experiment.baseline
        if claim.absolute:
            own = runs[runs["arm"] == claim.arm]
            values = final_values(own, [claim.outcome])[claim.outcome].to_numpy(float)
            iv = paired_interval(values)
            e = {"effect": iv.effect, "low": iv.low, "high": iv.high}
            reference = ""
        elif claim.minus is not None:
            # a difference in differences over the replicates all four arms have
            needed = [claim.arm, reference, *claim.minus]
            final = final_values(runs[runs["arm"].isin(needed)], [claim.outcome])[claim.outcome]
            present = set(final.index.get_level_values("arm"))
            missing = [a for a in needed if a not in present]
            if missing:
                raise ValueError(
                    f"claim {claim.text!r} names arm(s) {missing} the runs do not have"
                )
            by_arm = {a: final.xs(a, level="arm") for a in needed}
            # the replicates every arm of the contrast has (a NaN outcome is not dropped:
            # paired_interval reports it, as on the plain path)
            common = sorted(set.intersection(*(set(v.index) for v in by_arm.values())))
            d = claim.contrast(
                {a: v.loc[common].to_numpy(float) for a, v in by_arm.items()}, reference
            )
            iv = paired_interval(d)
            e = {"effect": iv.effect, "low": iv.low, "high": iv.high}
            reference = f"{reference}, less {claim.minus[0]} - {claim.minus[1]}"
        else:
            pair = runs[runs["arm"].isin([reference, claim.arm])]
            effects = paired_effects(pair, [claim.outcome], baseline=reference)
            hit = effects[(effects["arm"] == claim.arm) & (effects["outcome"] == claim.outcome)]
            if hit.empty:
                raise ValueError(f"claim {claim.text!r} names an arm/outcome the runs do not have")
            e = hit.iloc[0]
        if e["low"] > 0 or e["high"] < 0:
            verdict = "supported" if np.sign(e["effect"]) == claim.sign else "contradicted"
        else:
            verdict = "not shown"
        rows.append(
            {
                "claim": claim.text,
                "source": claim.source,
                "arm": claim.arm,
                "reference": reference,
                "outcome": claim.outcome,
                "claimed_sign": "+" if claim.sign > 0 else "-",
                "effect": float(e["effect"]),
                "low": float(e["low"]),
                "high": float(e["high"]),
                "verdict": verdict,
            }
        )
    columns = ["claim", "source", "arm", "reference", "outcome", "claimed_sign", "effect", "low",
               "high", "verdict"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)  # the columns even for an experiment without claims


@dataclass
class ExperimentResult:
    """An experiment's replicate table, effects, ranking and verdicts on its claims.

    Parameters
    ----------
    experiment : Experiment
        The experiment run.
    runs : DataFrame
        One row per arm, replicate and step (:func:`~clusternet.experiments.run_arms`).
    effects : DataFrame
        Effects against the baseline (:func:`~clusternet.experiments.paired_effects`).
    ranking : DataFrame
        The arms ranked by their effect on the primary outcome
        (:func:`~clusternet.experiments.rank_arms`).
    verdicts : DataFrame
        One row per claim (:func:`verdicts`).
    firms, reps, steps, seed : int
        The settings used.
    seconds : float
        Wall-clock time of the run.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.experiments import Arm, Claim, Experiment
    >>> from clusternet.experiments.effects import paired_effects, rank_arms
    >>> exp = Experiment("x", arms=(Arm("base", "none"), Arm("cert", "label", {"certification": 0.6})),
    ...     outcomes=("reputation",), claims=(Claim("reputation up", "C", "cert", "reputation", +1),))
    >>> runs = pd.DataFrame({"arm": ["base"] * 3 + ["cert"] * 3, "replicate": [0, 1, 2] * 2, "step": 1,
    ...                      "reputation": [0.5, 0.6, 0.55, 0.7, 0.82, 0.76]})  # as run_arms returns
    >>> eff = paired_effects(runs, exp.outcomes, baseline="base")
    >>> res = ExperimentResult(exp, runs, eff, rank_arms(eff, "reputation"), verdicts(exp, runs),
    ...                        firms=50, reps=3, steps=1, seed=1, seconds=0.0)
    >>> res.reps, res.supported, res.ranking["arm"].iloc[0]
    (3, True, 'cert')
    """

    experiment: Experiment
    runs: pd.DataFrame
    effects: pd.DataFrame
    ranking: pd.DataFrame
    verdicts: pd.DataFrame
    firms: int
    reps: int
    steps: int
    seed: int
    seconds: float

    @property
    def study(self) -> Experiment:
        """The experiment (the name the case studies' code uses).

        Returns
        -------
        Experiment

        Examples
        --------
        >>> import pandas as pd
        >>> from clusternet.experiments import Arm, Experiment
        >>> exp = Experiment("x", arms=(Arm("base", "none"),), outcomes=("reputation",))
        >>> empty = pd.DataFrame()
        >>> res = ExperimentResult(exp, empty, empty, empty, empty, firms=50, reps=2, steps=1, seed=1,
        ...                        seconds=0.0)
        >>> res.study is exp
        True
        """
        return self.experiment

    def conclusion(self) -> str:
        """Plain-language conclusion: which claims the runs support, which not, and the limits.

        Returns
        -------
        str
            The text of ``conclusion_text(self)``.

        Examples
        --------
        >>> import pandas as pd
        >>> from clusternet.experiments import Arm, Claim, Experiment
        >>> from clusternet.experiments.effects import paired_effects, rank_arms
        >>> exp = Experiment("x", arms=(Arm("base", "none"), Arm("cert", "label", {"certification": 0.6})),
        ...     outcomes=("reputation",), claims=(Claim("reputation up", "C", "cert", "reputation", +1),))
        >>> runs = pd.DataFrame({"arm": ["base"] * 3 + ["cert"] * 3, "replicate": [0, 1, 2] * 2, "step": 1,
        ...                      "reputation": [0.5, 0.6, 0.55, 0.7, 0.82, 0.76]})  # as run_arms returns
        >>> eff = paired_effects(runs, exp.outcomes, baseline="base")
        >>> res = ExperimentResult(exp, runs, eff, rank_arms(eff, "reputation"), verdicts(exp, runs),
        ...                        firms=50, reps=3, steps=1, seed=1, seconds=0.0)
        >>> print(res.conclusion().splitlines()[1])
        The study supports: reputation up (C) — cert changes reputation by +0.21 [+0.185, +0.235].
        """
        return conclusion_text(self)

    @property
    def supported(self) -> bool:
        """Every claim of the experiment is supported.

        Returns
        -------
        bool
            True also for an experiment without claims.

        Examples
        --------
        >>> import pandas as pd
        >>> from clusternet.experiments import Arm, Experiment
        >>> exp = Experiment("x", arms=(Arm("base", "none"),), outcomes=("reputation",))
        >>> empty = pd.DataFrame()
        >>> verdicts = pd.DataFrame({"verdict": ["supported", "not shown"]})
        >>> ExperimentResult(exp, empty, empty, empty, verdicts, firms=50, reps=2, steps=1, seed=1,
        ...                  seconds=0.0).supported
        False
        """
        return bool((self.verdicts["verdict"] == "supported").all())


def run_experiment(
    experiment: Experiment,
    quick: bool = False,
    firms: int | None = None,
    reps: int | None = None,
    steps: int | None = None,
    seed: int = 2026,
    workers: int | None = None,
) -> ExperimentResult:
    """Run an experiment: every arm over replicates, effects against the first arm, verdicts.

    ``quick`` uses 300 firms, 15 steps and 3 replicates (a smoke run: intervals
    are wide); ``firms``, ``reps`` and ``steps`` override either setting.

    Parameters
    ----------
    experiment : Experiment
        The declared experiment.
    quick : bool, default False
        The smoke-run setting above.
    firms, reps, steps : int, optional
        Override the cluster size, the replicates per arm and the steps.
    seed : int, default 2026
        The root seed (the result does not depend on ``workers``).
    workers : int, optional
        Worker processes of the local pool.

    Returns
    -------
    ExperimentResult

    Examples
    --------
    >>> from clusternet.experiments import Arm, Experiment
    >>> exp = Experiment("x", arms=(Arm("base", "none"), Arm("cert", "label", {"certification": 0.6})),
    ...     outcomes=("reputation",))
    >>> res = run_experiment(exp, firms=50, reps=2, steps=1, workers=1)
    >>> sorted(res.runs["arm"].unique())
    ['base', 'cert']
    """
    t0 = time.perf_counter()
    firms = check_int(
        "firms", firms if firms is not None else (300 if quick else experiment.firms), minimum=50
    )
    reps = check_int(
        "reps", reps if reps is not None else (3 if quick else experiment.reps), minimum=2
    )
    steps = check_int(
        "steps", steps if steps is not None else (15 if quick else experiment.steps), minimum=1
    )
    logger.info(
        "experiment %s: %d arms x %d replicates, %d firms, %d steps",
        experiment.name,
        len(experiment.arms),
        reps,
        firms,
        steps,
    )
    runs = run_arms(
        experiment.arms,
        steps,
        reps,
        seed,
        experiment.series,
        generator=experiment.generator,
        firms=firms,
        workers=workers,
    )
    effects = paired_effects(runs, experiment.outcomes, baseline=experiment.baseline)
    ranking = rank_arms(effects, experiment.primary or experiment.outcomes[0])
    return ExperimentResult(
        experiment,
        runs,
        effects,
        ranking,
        verdicts(experiment, runs),
        firms,
        reps,
        steps,
        seed,
        time.perf_counter() - t0,
    )


_SIGNED = "+.3g"  # effects in conclusions: signed, three significant digits


def conclusion_text(result: ExperimentResult) -> str:
    """Plain-language conclusion: which claims the study supports, which not, and the limits.

    Parameters
    ----------
    result : ExperimentResult
        A run experiment.

    Returns
    -------
    str
        A few sentences: the design, the supported and unsupported claims with their
        effects and intervals, the best lever and the limits.

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.experiments import Arm, Claim, Experiment
    >>> from clusternet.experiments.effects import paired_effects, rank_arms
    >>> exp = Experiment("x", arms=(Arm("base", "none"), Arm("cert", "label", {"certification": 0.6})),
    ...     outcomes=("reputation",), claims=(Claim("reputation up", "C", "cert", "reputation", +1),))
    >>> runs = pd.DataFrame({"arm": ["base"] * 3 + ["cert"] * 3, "replicate": [0, 1, 2] * 2, "step": 1,
    ...                      "reputation": [0.5, 0.6, 0.55, 0.7, 0.82, 0.76]})  # as run_arms returns
    >>> eff = paired_effects(runs, exp.outcomes, baseline="base")
    >>> res = ExperimentResult(exp, runs, eff, rank_arms(eff, "reputation"), verdicts(exp, runs),
    ...                        firms=50, reps=3, steps=1, seed=1, seconds=0.0)
    >>> print(conclusion_text(res))
    x: 3 replicates of a 50-firm calibrated cluster, 1 steps per arm, common random numbers across arms.
    The study supports: reputation up (C) — cert changes reputation by +0.21 [+0.185, +0.235].
    Of the levers tried, cert raises reputation most (+0.21, 95 % interval [+0.185, +0.235]).
    """
    study = result.experiment
    v = result.verdicts
    lines = [
        f"{study.title or study.name}: {result.reps} replicates of a {result.firms:,}-firm calibrated cluster, "
        f"{result.steps} steps per arm, common random numbers across arms."
    ]
    for verdict, lead in (
        ("supported", "The study supports"),
        ("contradicted", "The study contradicts"),
        ("not shown", "The study cannot show"),
    ):
        part = v[v["verdict"] == verdict]
        for _, r in part.iterrows():
            against = "" if r.reference in ("", study.baseline) else f" against {r.reference}"
            lines.append(
                f"{lead}: {r.claim} ({r.source}) — {study.labels.get(r.arm, r.arm)} changes "
                f"{r.outcome} by {number(r.effect, _SIGNED)} [{number(r.low, _SIGNED)}, {number(r.high, _SIGNED)}]{against}."
            )
    primary = study.primary or study.outcomes[0]
    best = result.ranking.iloc[0]
    if best["significant"] and best["effect"] > 0:
        lines.append(
            f"Of the levers tried, {study.labels.get(best['arm'], best['arm'])} raises "
            f"{primary} most ({number(best['effect'], _SIGNED)}, 95 % interval "
            f"[{number(best['low'], _SIGNED)}, {number(best['high'], _SIGNED)}])."
        )
    else:
        lines.append(f"No lever raises {primary} with an interval that excludes zero.")
    if study.limits:
        lines.append(f"Limits: {study.limits}")
    return "\n".join(lines)
