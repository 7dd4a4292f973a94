"""
CKM physicians: contagion or marketing? An ABC-SMC posterior for tetracycline adoption
======================================================================================

Coleman, Katz & Menzel (1966) read the adoption of tetracycline by physicians
in four Illinois towns as contagion through their advice, discussion and
friendship ties. Van den Bulte & Lilien (2001, *AJS* 106:1409–1435) added the
pharmaceutical firms' marketing effort over time and found the contagion
effect largely vanished. Here the multiplex contagion model of
:mod:`clusternet.contagion` — one contagion weight per relation plus an
external (non-network) hazard — is fitted by ABC-SMC (:func:`clusternet.fit_model`)
to the adoption months of the 125 physicians with known status (121 with no
prescription data are left out, not counted as non-adopters), twice:

* **A** — a constant external hazard (the setting of the network Bass fit in
  :func:`clusternet.diffusion.fit_bass`);
* **B** — an external hazard free to rise or fall log-linearly over the 17
  months (``external_trend``), a stand-in for time-varying marketing effort.

For each: the posterior of every weight, of the total weight and of the share
of the adoption hazard at the observed adoptions that the network carries.

Run: ``python examples/plot_abc_ckm.py --run`` fits both models (16 s each on
two cores) and saves ``examples/abc_ckm_results.json`` with the run's date and
commit; without
``--run`` the saved results are read and drawn (what the docs build does).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

import clusternet as cn
from clusternet.contagion import ContagionModel
from clusternet.figures import save_figure
from clusternet.io import atomic_write_text

# the examples gallery runs this file without __file__, from the examples folder
_HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
RESULTS = _HERE / "abc_ckm_results.json"
LAYERS = ("advice", "discussion", "friendship")
SEED = 1966


def provenance() -> dict:
    """The run's date (UTC) and the commit of the code it ran (``+dirty`` with local edits)."""
    return cn.io.provenance(_HERE)


def network_share(model: ContagionModel, post: pd.DataFrame) -> np.ndarray:
    """Per particle: mean over observed adopters of network hazard / total hazard at adoption."""
    period = model.observed_period
    adopter = period <= model.horizon
    exposure = []
    for mat in model.matrices:
        coo = mat.tocoo()
        before = period[coo.col] < period[coo.row]
        s = np.bincount(coo.row, weights=coo.data * before, minlength=model.n_observed)
        exposure.append(s[adopter])
    exposure = np.array(exposure)  # layers x adopters
    span = max(model.horizon - 1, 1)
    out = np.empty(len(post))
    for k, row in enumerate(post.itertuples(index=False)):
        r = row._asdict()
        net = sum(r[layer] * exposure[i] for i, layer in enumerate(model.layers))
        trend = r.get("external_trend", 0.0)
        ext = r["external"] * np.exp(trend * (period[adopter] - 1) / span)
        out[k] = float(np.mean(net / (net + ext)))
    return out


def weighted_interval(x: np.ndarray, w: np.ndarray, level: float = 0.9) -> list[float]:
    order = np.argsort(x)
    c = np.cumsum(w[order]) / w.sum()
    a = (1 - level) / 2
    return [float(np.interp(q, c, x[order])) for q in (a, 0.5, 1 - a)]


def run(population: int, generations: int, workers: int | None) -> dict:
    net = cn.datasets.load_ckm_physicians()
    status = net.column("adoption_status")
    known = status != "unknown"
    months = net.column("adoption_month").astype(float)
    model = ContagionModel(net, months, 17, known=known)
    out: dict = {
        "settings": {
            **provenance(),
            "population": population,
            "generations": generations,
            "seed": SEED,
            "n_observed": model.n_observed,
            "n_adopters": int((model.observed_period <= 17).sum()),
        }
    }
    bass = cn.diffusion.fit_bass(net, months, censor_time=17, observed=known, exposure="out")
    out["bass"] = {
        "table": bass.table.reset_index(names="model").to_dict(orient="records"),
        "lr_pvalue": bass.lr_pvalue,
    }
    for label, extra in (("A_constant_external", []), ("B_trending_external", ["external_trend"])):
        fit = cn.fit_model(
            net,
            months,
            params=["external", *LAYERS, *extra],
            model="contagion",
            options={"censor_time": 17, "known": known},
            population_size=population,
            generations=generations,
            predictive=400,
            seed=SEED,
            workers=workers,
        )
        post = fit.posterior
        w = post["weight"].to_numpy()
        total = post[list(LAYERS)].sum(axis=1).to_numpy()
        share = network_share(model, post)
        out[label] = {
            "summary": fit.summary(),
            "intervals": fit.intervals.reset_index(names="parameter").to_dict(orient="records"),
            "generations": fit.generations.to_dict(orient="records"),
            "predictive": fit.predictive.reset_index(names="statistic").to_dict(orient="records"),
            "total_weight": weighted_interval(total, w),
            "network_share": weighted_interval(share, w),
            "p_total_below_0.1": float(np.sum(w[total < 0.1])),
            "posterior": post.to_dict(orient="list"),
            "simulations": fit.simulations,
            "seconds": fit.seconds,
        }
        print(f"== {label}\n{fit.summary()}")
        print(f"total weight (5/50/95 %): {out[label]['total_weight']}")
        print(f"network share of the hazard at adoption: {out[label]['network_share']}")
    return out


def draw(results: dict, folder: Path | None) -> None:
    import matplotlib

    if folder is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = ["external", *LAYERS, "external_trend"]
    fig, axes = plt.subplots(1, 5, figsize=(15, 2.8))
    for label, colour in (("A_constant_external", "tab:blue"), ("B_trending_external", "tab:red")):
        post = pd.DataFrame(results[label]["posterior"])
        for ax, name in zip(axes, names):
            if name in post:
                ax.hist(
                    post[name],
                    bins=25,
                    weights=post["weight"],
                    density=True,
                    alpha=0.5,
                    color=colour,
                    label=label[0],
                )
            ax.set_title(name, fontsize=10)
            ax.set_yticks([])
    bass = {r["model"]: r for r in results["bass"]["table"]}["network"]
    axes[0].axvline(bass["p"], color="k", ls="--", lw=1, label="Bass p")
    axes[0].legend(frameon=False, fontsize=8)
    fig.suptitle("CKM physicians: posterior of the contagion model (A constant, B trending)")
    fig.tight_layout()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        save_figure(fig, folder / "abc_ckm_posterior.png", dpi=110)
    fig2, ax = plt.subplots(figsize=(6, 3.2))
    for label, colour in (("A_constant_external", "tab:blue"), ("B_trending_external", "tab:red")):
        pred = pd.DataFrame(results[label]["predictive"]).set_index("statistic")
        curve = pred[pred.index.str.startswith("adopted_by_")]
        months = [int(s.rsplit("_", 1)[1]) for s in curve.index]
        ax.fill_between(months, curve["low"], curve["high"], color=colour, alpha=0.2, label=label)
    ax.plot(months, curve["observed"], "ko", ms=3, label="observed")
    ax.set_xlabel("month")
    ax.set_ylabel("share adopted")
    ax.legend(frameon=False, fontsize=8)
    fig2.tight_layout()
    if folder is not None:
        save_figure(fig2, folder / "abc_ckm_predictive.png", dpi=110)
    plt.close("all")


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--run", action="store_true", help="fit both models and save the results")
    parser.add_argument("--quick", action="store_true", help="read the saved results (default)")
    parser.add_argument("--population", type=int, default=300)
    parser.add_argument("--generations", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--out", type=Path, default=None, help="folder for the figures")
    args = parser.parse_args(argv)
    if args.run and not args.quick:
        results = run(args.population, args.generations, args.workers)
        atomic_write_text(args.results, json.dumps(results, indent=1, default=float) + "\n")
    else:
        results = json.loads(args.results.read_text())
    for label in ("A_constant_external", "B_trending_external"):
        r = results[label]
        print(f"== {label}\n{r['summary']}")
        print(f"total contagion weight (5/50/95 %): {np.round(r['total_weight'], 3)}")
        print(f"network share of the hazard at adoption: {np.round(r['network_share'], 3)}")
    draw(results, args.out)
    return results


if __name__ == "__main__":
    main()
