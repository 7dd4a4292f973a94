"""How high could any structural index score? The structural ceiling of readiness's targets.

Issue 27 asks readiness, frozen at t = 0, to predict upgrading at Spearman rho
>= 0.6 on a population whose behavioural parameters are drawn per cluster. The
drawn behaviour is invisible to every index of structure and stocks, so it caps
them all (:mod:`clusternet.validation.ceiling`). This tool runs each of ``N``
structures (the readiness population's generator settings, one Latin
hypercube) under ``DRAWS`` behaviour draws (a second hypercube over every
behavioural parameter's plausible range), with the structure's seed held, and
reports per claim of docs/validation.md:

* the ceiling (the square root of the intraclass correlation of the outcome's
  ranks, with a 95 % interval over structures) — no function of the structure
  can have a larger rho with the outcome;
* readiness's own rho and the naive baselines' on the same runs;
* whether 0.6 lies below the ceiling's upper bound;
* the policy ranking on the same runs: the gap in the component each policy
  targets against the policy's gain, per run and against the gain each
  structure expects over its draws.

Both of readiness's task designs are run at the page's settings: ``dynamics``
(catch-up and scandal recovery, 100 firms, 20 steps) and ``levels`` (the levels
reached, 100 firms, 30 steps).

Run: ``PYTHONPATH=. python tools/readiness_ceiling.py [n] [draws] [workers] [seed]``
(defaults 80, 8, 2 and the page's seed 2028; about 4 min on two cores). Writes
``tools/readiness_ceiling.json`` (run date, commit, settings and every number), or
``tools/readiness_ceiling_s<seed>.json`` for another seed: the same design drawn
afresh, to show how much a verdict near the 0.6 line owes to the draw.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from clusternet.validation.ceiling import CEILING_CLAIMS, ceiling_table, structural_ceiling_study

SEED = 2028
SETTINGS = {"dynamics": {"firms": 100, "steps": 20}, "levels": {"firms": 100, "steps": 30}}


def main(n: int = 80, draws: int = 8, workers: int = 2, seed: int = SEED) -> dict:
    """Run both designs, print the tables and write the result file."""
    result: dict = {
        "date": date.today().isoformat(),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "seed": seed,
        "structures": n,
        "draws": draws,
        "settings": SETTINGS,
        "tables": {},
    }
    for kind, setting in SETTINGS.items():
        start = time.perf_counter()
        table = structural_ceiling_study(kind, n, draws, seed=seed, workers=workers, **setting)
        claims = CEILING_CLAIMS[kind] + (CEILING_CLAIMS["policies"] if kind == "dynamics" else [])
        rows = ceiling_table(table, claims)
        result["tables"][kind] = rows.to_dict(orient="records")
        result[f"seconds_{kind}"] = round(time.perf_counter() - start, 1)
        print(kind, f"{result[f'seconds_{kind}']} s")
        print(rows.round(3).to_string(index=False))
    name = Path(__file__).stem + ("" if seed == SEED else f"_s{seed}")
    Path(__file__).with_name(name + ".json").write_text(json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:5]))
