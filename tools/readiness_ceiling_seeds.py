"""The structural ceiling over several independent designs: is a verdict near 0.6 a draw.

``tools/readiness_ceiling.py`` measures, for each claim of docs/validation.md, the
ceiling no index of a cluster's structure and stocks can exceed (80 structures x 8
behaviour draws). The page quotes one design (seed 2028); the same design drawn
afresh at other seeds (``readiness_ceiling_s<seed>.json``) gives independent
estimates. This tool pools them per claim by inverse-variance weighting, the
standard error of each estimate read off its 95 % interval (half its width / 1.96)
and says whether 0.6 lies below the pooled upper bound (*attainable*) — at each
seed and pooled. The intervals are bootstrap intervals over structures and not
symmetric (for innovations the lower half is 1.2-1.3 times the upper, for scandal
recovery up to twice), so the tool also gives the pooled upper bound with each
seed's standard error read off the *upper* half of its interval
(``pooled_high_upper``), the one that bears on whether 0.6 is in reach.

Run: ``python tools/readiness_ceiling_seeds.py`` (reads every
``tools/readiness_ceiling*.json``; under a second). Writes
``tools/readiness_ceiling_seeds.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from clusternet.io import atomic_write_text

TOOLS = Path(__file__).resolve().parent
OUT = TOOLS / "readiness_ceiling_seeds.json"
TARGET = 0.6
Z = 1.959963984540054


def load() -> list[dict]:
    """Every ceiling result file, the page's seed first."""
    files = [
        TOOLS / "readiness_ceiling.json",
        *sorted(TOOLS.glob("readiness_ceiling_s[0-9]*.json")),
    ]
    return [json.loads(f.read_text()) for f in files if f.exists()]


def pooled(runs: list[dict]) -> list[dict]:
    """Per claim: the ceiling at each seed and the inverse-variance pooled ceiling."""
    claims: dict[tuple[str, str, str], list[tuple[int, dict]]] = {}
    for run in runs:
        for kind, rows in run["tables"].items():
            for row in rows:
                claims.setdefault((kind, row["index"], row["outcome"]), []).append(
                    (run["seed"], row)
                )
    out = []
    for (kind, index, outcome), rows in claims.items():
        ses = [(r["ci_high"] - r["ci_low"]) / (2 * Z) for _, r in rows]
        weights = [1.0 / se**2 for se in ses]
        mean = sum(w * r["ceiling"] for w, (_, r) in zip(weights, rows)) / sum(weights)
        se = sum(weights) ** -0.5
        upper = [1.0 / ((r["ci_high"] - r["ceiling"]) / Z) ** 2 for _, r in rows]
        mean_u = sum(w * r["ceiling"] for w, (_, r) in zip(upper, rows)) / sum(upper)
        high_u = mean_u + Z * sum(upper) ** -0.5
        out.append(
            {
                "design": kind,
                "index": index,
                "outcome": outcome,
                "seeds": [s for s, _ in rows],
                "ceiling": [round(r["ceiling"], 4) for _, r in rows],
                "ci_low": [round(r["ci_low"], 4) for _, r in rows],
                "ci_high": [round(r["ci_high"], 4) for _, r in rows],
                "attainable": [bool(r["ci_high"] > TARGET) for _, r in rows],
                "readiness_rho": [round(r["rho"], 4) for _, r in rows],
                "pooled": round(mean, 4),
                "pooled_low": round(mean - Z * se, 4),
                "pooled_high": round(mean + Z * se, 4),
                "pooled_attainable": bool(mean + Z * se > TARGET),
                "pooled_high_upper": round(high_u, 4),
            }
        )
    return out


def main() -> dict:
    """Pool every result file and write the summary."""
    runs = load()
    result = {
        "files": len(runs),
        "seeds": [r["seed"] for r in runs],
        "design": {"structures": runs[0]["structures"], "draws": runs[0]["draws"]},
        "claims": pooled(runs),
    }
    atomic_write_text(OUT, json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    res = main()
    for c in res["claims"]:
        per = ", ".join(f"{v:.2f}" for v in c["ceiling"])
        print(
            f"{c['index']:>28} -> {c['outcome'][:40]:40} {per} | pooled {c['pooled']:.2f} "
            f"[{c['pooled_low']:.2f}, {c['pooled_high']:.2f}] "
            f"{'attainable' if c['pooled_attainable'] else 'out of reach'}"
        )
