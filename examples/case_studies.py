"""
Run the three case studies at full scale and write docs/case_studies.md with its figures
========================================================================================

python examples/case_studies.py            # full scale (sourced firm counts, 10 replicates)
python examples/case_studies.py --quick    # 300 firms, 15 steps, 3 replicates (smoke run)

Each study's report, replicate table and summary go to ``case-studies/NAME/``;
the page and one figure per study (docs/figures/case_NAME.png) go to docs/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clusternet.figures import bands_figure, save_figure
from clusternet.io import atomic_write_text
from clusternet.replicates import markdown_table
from clusternet.studies import STUDIES, run_study, write_study
from clusternet.studies._report import LABELS, takeoff_steps

# the examples gallery runs this file without __file__, from the examples folder
_HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()

ROOT = _HERE.parent
DOC = ROOT / "docs" / "case_studies.md"


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=DOC)
    parser.add_argument("--results", type=Path, default=ROOT / "case-studies")
    args = parser.parse_args(argv)
    figures = args.out.parent / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    parts = [
        "# Case studies: Liushi, Taizhou, Datang\n",
        "The source monograph (Zhang et al. 2011; C-CASES-1 in [the monograph's claims](claims.md), "
        "which the claim identifiers below refer to) ends with three case "
        "chapters. clusternet turns each into a designed experiment on a cluster calibrated from "
        "public facts: every arm runs over replicates with common random numbers (replicate *r* "
        "of every arm shares its seeds) through `cn.sweep`; effects are mean paired differences "
        "against the baseline with 95 % t intervals; figures show the mean path and the central "
        "90 % band over replicates. Run one with `clusternet study liushi|taizhou|datang` "
        "(`--quick` for a smoke run); this page is written by `python examples/case_studies.py` "
        "from one run of all three.\n",
        "Values without a public source are marked *assumed*; the generator's other settings "
        "are its documented defaults (docs/generator.md). The model is documented in "
        "docs/dynamics.md and its propositions are tested in docs/validation.md.\n",
    ]
    for name, study in STUDIES.items():
        result = run_study(study, quick=args.quick)
        write_study(result, args.results / name)
        panels = [(c, LABELS.get(c, c)) for c in study.series]
        fig = bands_figure(result.runs, panels, group="arm", baseline="baseline")
        save_figure(fig, figures / f"case_{name}.png", dpi=80, bbox_inches="tight")
        facts = [
            {
                "quantity": f.quantity,
                "value": f.value,
                "used as": f.use,
                "source": f.source or "*assumed*",
            }
            for f in study.facts
        ]
        import pandas as pd

        arms = pd.DataFrame(
            [{"arm": f"`{a.name}`", "description": a.description} for a in study.arms]
        )
        effects = result.effects[
            ["arm", "outcome", "baseline_mean", "effect", "low", "high", "relative"]
        ]
        verdicts = result.verdicts[
            [
                "claim",
                "source",
                "arm",
                "reference",
                "outcome",
                "effect",
                "low",
                "high",
                "verdict",
            ]
        ]
        parts += [
            f"\n## {study.title}\n",
            f"**Question.** {study.question} ({study.chapter})\n",
            f"**Run.** {result.firms:,} firms, {result.reps} replicates per arm, {result.steps} "
            f"steps, seed {result.seed}; {result.seconds:.0f} s on this machine "
            f"(`clusternet study {name}`).\n",
            "### Calibration\n",
            markdown_table(pd.DataFrame(facts)) + "\n",
            f"Generator settings: `{study.generator}`.\n",
            "### Arms\n",
            markdown_table(arms) + "\n",
            "### Outcome paths\n",
            f"![{name} outcome paths](figures/case_{name}.png)\n",
            "### Effects against the baseline (95 % intervals)\n",
            markdown_table(effects) + "\n",
            f"### Policy ranking by `{study.primary}`\n",
            markdown_table(result.ranking) + "\n",
        ]
        take = takeoff_steps(result)
        if take is not None:
            parts += ["### When contributions take off\n", markdown_table(take) + "\n"]
        parts += [
            "### The chapter's claims\n",
            markdown_table(verdicts) + "\n",
            "### Conclusion\n",
            "\n".join(f"- {line}" for line in result.conclusion().splitlines()) + "\n",
        ]
        print(f"{name}: {result.seconds:.0f} s", file=sys.stderr)
    atomic_write_text(args.out, "\n".join(parts))
    print(f"wrote {args.out}", file=sys.stderr)
    return args.out


if __name__ == "__main__":
    main()
