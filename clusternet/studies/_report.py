"""A study's outputs: the HTML report (through clusternet.report), every replicate and the tables."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from clusternet._json import json_default
from clusternet.studies._run import StudyResult

#: Axis labels of the recorded series.
LABELS = {
    "knowledge_mean": "mean knowledge (firms)",
    "knowledge_mean_0": "generic knowledge (domain 0)",
    "innovations": "innovations per step",
    "high_quality_share": "share of high-quality firms",
    "reputation": "regional reputation R",
    "contributors_share": "platform contributors' share",
    "members_share": "platform members' share",
}


def takeoff_steps(result: StudyResult) -> pd.DataFrame | None:
    """First step at which each arm's mean series reaches the study's take-off level (NaN: never)."""
    if result.study.takeoff is None:
        return None
    series, level = result.study.takeoff
    mean = result.runs.groupby(["arm", "step"], sort=False)[series].mean().reset_index()
    rows = []
    for arm, part in mean.groupby("arm", sort=False):
        reached = part[part[series] >= level]
        rows.append(
            {
                "arm": arm,
                f"first step with mean {series} >= {level:g}": (
                    int(reached["step"].iloc[0]) if len(reached) else np.nan
                ),
                f"final mean {series}": float(part[series].iloc[-1]),
            }
        )
    return pd.DataFrame(rows)


def summary(result: StudyResult) -> dict:
    """Machine-readable summary: settings, effects, ranking, verdicts and the conclusion."""
    study = result.study
    take = takeoff_steps(result)
    return {
        "study": study.name,
        "title": study.title,
        "question": study.question,
        "firms": result.firms,
        "replicates": result.reps,
        "steps": result.steps,
        "seed": result.seed,
        "seconds": round(result.seconds, 2),
        "effects": result.effects.to_dict(orient="records"),
        "ranking": result.ranking.to_dict(orient="records"),
        "verdicts": result.verdicts.to_dict(orient="records"),
        "takeoff": None if take is None else take.to_dict(orient="records"),
        "conclusion": result.conclusion(),
    }


def write_study(result: StudyResult, out: str | os.PathLike) -> dict[str, Path]:
    """Write ``report.html``, ``replicates.parquet`` and ``.csv``, ``effects.csv`` and ``summary.json``.

    The report is self-contained (figures embedded): the question, the
    calibration with sources, the arms, outcome paths (mean and central 90 %
    band over replicates for every arm), the effect table (difference to the
    baseline with 95 % intervals), the policy ranking, the verdicts on the
    chapter's claims and the conclusion with its limits. Every file is
    written atomically.

    Parameters
    ----------
    result : StudyResult
        A study's result, as :func:`clusternet.studies.run_study` returns.
    out : str or path-like
        The folder to write into (created when missing; files of the same names
        are replaced).

    Returns
    -------
    dict of str to Path
        The written files by kind: ``"replicates"`` (Parquet), ``"replicates_csv"``,
        ``"effects"`` (CSV), ``"summary"`` (JSON) and ``"report"`` (HTML).

    Examples
    --------
    A result assembled from a hand-made replicate table (as
    :func:`~clusternet.studies.run_study` would return it, without the run):

    >>> import json, tempfile
    >>> import pandas as pd
    >>> from clusternet.experiments import Arm, Claim, Experiment, ExperimentResult
    >>> from clusternet.experiments import paired_effects, rank_arms, verdicts
    >>> toy = Experiment(
    ...     "toy",
    ...     arms=(Arm("base", "no policy"), Arm("cert", "certification", {"certification": 0.6})),
    ...     outcomes=("reputation",),
    ...     claims=(Claim("certification raises reputation", "C", "cert", "reputation", +1),),
    ... )
    >>> runs = pd.DataFrame({"arm": ["base"] * 4 + ["cert"] * 4, "replicate": [0, 0, 1, 1] * 2,
    ...                      "step": [0, 1] * 4,
    ...                      "reputation": [0.5, 0.52, 0.5, 0.55, 0.5, 0.61, 0.5, 0.66]})
    >>> effects = paired_effects(runs, toy.outcomes, baseline="base")
    >>> result = ExperimentResult(toy, runs, effects, rank_arms(effects, "reputation"),
    ...                           verdicts(toy, runs), firms=50, reps=2, steps=2, seed=1,
    ...                           seconds=0.0)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_study(result, folder)
    ...     info = json.loads(paths["summary"].read_text())
    ...     page = paths["report"].read_text()
    >>> sorted(paths)
    ['effects', 'replicates', 'replicates_csv', 'report', 'summary']
    >>> info["study"], info["replicates"], info["effects"][0]["arm"]
    ('toy', 2, 'cert')
    >>> "``" in page, "<code>_total</code>" in page  # HTML markup, not reST, in the page
    (False, True)
    """
    from clusternet._files import atomic_write_text
    from clusternet.figures import bands_figure
    from clusternet.io import write_table
    from clusternet.report import (
        effects_section,
        figure_to_data_uri,
        table_html,
        write_page,
    )

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    study = result.study
    paths = {
        "replicates": out / "replicates.parquet",
        "replicates_csv": out / "replicates.csv",
        "effects": out / "effects.csv",
        "summary": out / "summary.json",
        "report": out / "report.html",
    }
    write_table(result.runs, paths["replicates"])
    write_table(result.runs, paths["replicates_csv"])
    write_table(result.effects, paths["effects"])
    info = summary(result)
    atomic_write_text(paths["summary"], json.dumps(info, indent=2, default=json_default))

    facts = pd.DataFrame(
        [
            {
                "quantity": f.quantity,
                "value": f.value,
                "used as": f.use,
                "source": f.source or "assumed (no public source found)",
            }
            for f in study.facts
        ]
    )
    arms = pd.DataFrame(
        [
            {
                "arm": a.name,
                "description": a.description,
                "model levers": json.dumps({**a.model, **a.per_firm})
                if a.model or a.per_firm
                else "",
                "generator": json.dumps(a.generator) if a.generator else "",
            }
            for a in study.arms
        ]
    )
    panels = [(c, LABELS.get(c, c.replace("_", " "))) for c in study.series]
    figure = bands_figure(result.runs, panels, group="arm", baseline=study.arms[0].name)
    sections = [
        f"<h2 id='question'>Question</h2><p>{html.escape(study.question)}</p>"
        f"<p class='meta'>Chapter: {html.escape(study.chapter)}. {result.firms:,} firms, "
        f"{result.reps} replicates per arm, {result.steps} steps, seed {result.seed}; "
        f"{result.seconds:.0f} s.</p>",
        "<h2 id='calibration'>Calibration</h2>" + table_html(facts),
        "<h2 id='arms'>Arms</h2><p>Every arm runs on the same replicate seeds (common random "
        "numbers); structural arms build their cluster from the same seed with other generator "
        "settings.</p>" + table_html(arms),
        "<h2 id='paths'>Outcome paths</h2>"
        f"<figure><img alt='outcome paths' src='{figure_to_data_uri(figure)}'><figcaption>"
        f"Mean over {result.reps} replicates with the central 90 % band, every arm; the baseline "
        "is dashed.</figcaption></figure>",
        effects_section(
            result.effects,
            "<p>Mean paired difference (arm − baseline) at the last step (an outcome ending in "
            "<code>_total</code> is summed over the run) with a 95 % t interval over "
            "replicates.</p>",
        ),
        f"<h2 id='ranking'>Policy ranking</h2><p>Arms ordered by their effect on "
        f"{html.escape(study.primary)}.</p>" + table_html(result.ranking),
    ]
    take = takeoff_steps(result)
    if take is not None:
        sections.append(
            "<h2 id='takeoff'>When contributions take off</h2>" + table_html(take, digits=3)
        )
    sections.append(
        "<h2 id='claims'>The chapter's claims</h2>"
        + table_html(result.verdicts)
        + f"<h2 id='conclusion'>Conclusion</h2><pre>{html.escape(result.conclusion())}</pre>"
    )
    write_page(study.title, sections, paths["report"])
    return paths
