"""Run every validity experiment and write docs/validation.md (measured effects, 95 % intervals).

python examples/validation_table.py            # 1,500 firms, 20 replicates per experiment
python examples/validation_table.py --quick    # 300 firms, 4 replicates (smoke run)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from clusternet.validation import EXPERIMENTS, run_experiment

DOC = Path(__file__).resolve().parent.parent / "docs" / "validation.md"

OPEN = {
    "V4": "imitation and appropriability with costly innovation (hump in long-run knowledge)",
    "V8": "every auxiliary role acting (government, intermediaries, training, finance)",
    "V9": "congestion making growth hump-shaped in cluster size",
    "V10": "an evolving network (tie formation and decay, entry and exit)",
}


def fmt(x: float) -> str:
    return f"{x:.3g}"


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=DOC)
    args = parser.parse_args(argv)
    firms, reps = (300, 4) if args.quick else (1500, 20)
    rows, details = [], []
    t0 = time.perf_counter()
    for key in EXPERIMENTS:
        r = run_experiment(key, firms=firms, reps=reps, seed=2026)
        for e in r.effects:
            rel = f" ({100 * e.relative:+.0f} %)" if e.relative == e.relative else ""
            rows.append(
                f"| {key} | {e.name} | {fmt(e.mean)}{rel} | [{fmt(e.low)}, {fmt(e.high)}] | "
                f"{e.n} | {'+' if e.sign > 0 else '−'} | {'yes' if e.supported else '**no**'} |"
            )
        details.append(
            f"### {key}\n\n- **Claim** ({r.source}): {r.claim}\n- **Mechanism**: {r.mechanism}\n"
            f"- **Experiment**: {r.design}; {EXPERIMENTS[key].steps} steps (spillover experiments: "
            f"gap-rule steps).\n"
        )
    elapsed = time.perf_counter() - t0
    text = (
        f"""# Model validity: the monograph's propositions as comparative statics

Each row is a claim of the source monograph (Zhang et al. 2011; the excerpt and its
line numbers are in the project's `shared/seed/README.md`) or of the literature,
the mechanism that carries it in clusternet, and a designed experiment: two arms on
the same generated clusters with the same seeds (common random numbers), the effect
being the mean paired difference of the outcome (arm B − arm A) over *n* replicate
clusters of {firms:,} firms, with a 95 % t interval. *Supported* means the interval
lies on the claimed side of zero. `tests/test_validity.py` runs every experiment on
small clusters (400 firms, 8 replicates) and fails if a sign flips or an interval
reaches zero; this page is written by `python examples/validation_table.py`
(`clusternet.validation`), this run in {elapsed:.0f} s.

| row | effect | mean (relative) | 95 % interval | n | claimed sign | supported |
|---|---|---|---|---|---|---|
"""
        + "\n".join(rows)
        + "\n\n## The experiments\n\n"
        + "\n".join(details)
        + """
## Not yet covered

These propositions of the validity issue have no mechanism in the model yet, so no
row above claims them:

"""
        + "\n".join(f"- **{k}** — {v}." for k, v in OPEN.items())
        + """

The discrimination and predictive-validity analysis of the readiness index over a
population of generated clusters, and the Sobol analysis of the parameters, are not
on this page yet either.
"""
    )
    args.out.write_text(text)
    print(f"wrote {args.out} ({elapsed:.0f} s)", file=sys.stderr)
    return args.out


if __name__ == "__main__":
    main()
