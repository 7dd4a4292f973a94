"""Recovery of the generator's structural parameters by ``fit_generator``.

Each case generates an "observed" cluster at a known value of one parameter (the
others at their defaults), fits that parameter back from the moment that carries
it and checks the estimate within a tolerance stated before the cases were run
(about a sixth to a quarter of the parameter's plausible range; not yet checked
against the spread of the estimate over many observed networks). Cases measured
to miss are kept as xfail with their numbers (:data:`MISSES`). The joint case
fits several parameters and asserts the truth inside the parametric-bootstrap
95 % intervals. Every case is ``slow`` (``make test-slow``).
"""

from __future__ import annotations

import numpy as np
import pytest

import clusternet as cn
from clusternet.calibrate import fit_generator

LAYERS = {k: k for k in ("transaction", "technology", "social")}
N_FIRMS = 150
#: Simulations per objective evaluation. Round 2 used 4 (one fit took 100-430 s then); with
#: one-thread simulations (round 3, ~25x faster) 16 are affordable, and the cases whose
#: moment responds weakly to their parameter need them: at 4 the mean of the simulated
#: moment is noisier than its response (activity_correlation 0.387 and skip_stage_trade
#: 0.190 at 4 simulations; 0.623 and 0.474 at 16, seed 101).
SIMS = 16
#: ``social_degree`` of the capped-survey case.
CAP_TRUTH = 4.0

# name: (truth, search bounds, moments that carry it, fit options, tolerance)
CASES = {
    "transaction_reciprocity": (0.3, (0.0, 1.0), ["transaction:reciprocity"], {}, 0.08),
    "transaction_dispersion": (1.0, (0.0, 2.0), ["transaction:degree_cv"], {}, 0.3),
    "technology_dispersion": (1.0, (0.0, 2.0), ["technology:degree_cv"], {}, 0.3),
    "social_dispersion": (1.0, (0.0, 2.0), ["social:degree_cv"], {}, 0.3),
    "business_friendship": (0.6, (0.0, 1.0), ["transaction&social:overlap"], {}, 0.15),
    "ownership_homophily": (
        0.6,
        (0.0, 1.0),
        ["transaction:assortativity", "technology:assortativity", "social:assortativity"],
        {"attribute": "ownership"},
        0.15,
    ),
    "technology_closure": (0.5, (0.0, 1.0), ["technology:transitivity"], {}, 0.25),
    "activity_correlation": (
        0.8,
        (0.0, 1.0),
        [
            "transaction&technology:degree_correlation",
            "transaction&social:degree_correlation",
            "technology&social:degree_correlation",
        ],
        {},
        0.25,
    ),
    "same_stage_trade": (0.5, (0.0, 0.9), ["transaction:transitivity"], {}, 0.25),
    "skip_stage_trade": (0.4, (0.0, 0.5), ["transaction:transitivity"], {}, 0.2),
    "transaction_closure": (0.4, (0.0, 1.0), ["transaction:transitivity"], {}, 0.2),
}
#: Cases measured to miss, with the measurement (kept, not loosened: a weakly identified
#: parameter is a finding, reported in docs/calibration.md).
MISSES = {
    "same_stage_trade": "measured in round 3 with 16 simulations per evaluation: estimate 0.216 "
    "against truth 0.5 (seed 101; round 2, 4 simulations: 0.132). Round 4: the search is not "
    "the cause; the observed network is. The same fit of eight observed networks (seeds "
    "101-108) gave 0.216, 0.693, 0.600, 0.731, 0.485, 0.549, 0.221, 0.209 (mean 0.46, "
    "standard deviation 0.22: 5 of 8 within 0.25); their trade transitivity ranges over "
    "0.047-0.091, while the mean simulated transitivity moves only from 0.057 to 0.069 "
    "between 0.25 and 0.5 (one network's standard deviation: 0.011). Seed 101's network "
    "reads as about 0.2 on every moment that carries the parameter (fitted to trade "
    "transitivity, reciprocity, mean degree and degree CV together: 0.210). One 150-firm "
    "network does not pin the stage share down to 0.25. Round 10 reran the eight fits with "
    "tools/calibration_recovery.py: the same estimates (tools/calibration_recovery.json)",
}


def _marks(name: str) -> list:
    # every case fits the generator (1.5-2 min each on 2 cores): all run in the slow suite
    marks = [pytest.mark.slow]
    if name in MISSES:
        marks.append(pytest.mark.xfail(reason=MISSES[name], strict=False))
    return marks


def _recover(name: str, seed: int = 101):
    truth, bounds, moments, options, tol = CASES[name]
    observed = cn.generate_cluster(N_FIRMS, seed=seed, **{name: truth})
    fit = fit_generator(
        observed,
        params={name: bounds},
        moments=moments,
        layer_map=LAYERS,
        n_sims=SIMS,
        design=6,
        maxiter=2,
        bootstrap=0,
        seed=7,
        workers=1,
        **options,
    )
    return fit.params[name], truth, tol


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=_marks(n)) for n in CASES],
)
def test_one_parameter_is_recovered_within_tolerance(name):
    estimate, truth, tol = _recover(name)
    assert abs(estimate - truth) <= tol, (name, estimate, truth, tol)


@pytest.mark.slow
def test_joint_fit_covers_the_truth_with_bootstrap_intervals():
    truth = {
        "transaction_reciprocity": 0.3,
        "transaction_dispersion": 1.0,
        "business_friendship": 0.6,
        "technology_closure": 0.5,
    }
    observed = cn.generate_cluster(N_FIRMS, seed=202, **truth)
    fit = fit_generator(
        observed,
        params={k: CASES[k][1] for k in truth},
        moments=[m for k in truth for m in CASES[k][2]],
        layer_map=LAYERS,
        n_sims=4,
        design=10,
        maxiter=2,
        bootstrap=10,
        seed=9,
        workers=2,
        search="least_squares",
    )
    est = fit.estimates.set_index("parameter")
    covered = {k: bool(est.loc[k, "low"] <= v <= est.loc[k, "high"]) for k, v in truth.items()}
    assert all(covered.values()), est
    assert np.isfinite(est["low"]).all()


def _capped_survey_fits(seed: int = 303) -> tuple[float, float]:
    """``social_degree`` (truth 4) fitted from a 150-firm cluster's friendships surveyed with a
    cap of two friends per firm: through the same cap, and as if it were a roster."""
    import pandas as pd

    from clusternet.calibrate import nominated

    net = cn.generate_cluster(N_FIRMS, seed=seed, social_degree=CAP_TRUTH)
    src, dst, lay, _ = net.edge_arrays
    firm = net.tier_mask("core")
    m = (lay == net.layers.index("social")) & firm[src] & firm[dst]
    s, t = nominated(src[m], dst[m], 2, np.random.default_rng(5), directed=False)
    observed = cn.ClusterNetwork.from_edges(
        pd.DataFrame({"source": s, "target": t, "layer": "social"}),
        actors=pd.DataFrame({"id": np.arange(int(firm.sum()))}),
        directed={"social": False},
    )
    kw = dict(
        params={"social_degree": (0.5, 12.0)},
        moments=["social:mean_degree"],
        layer_map={"social": "social"},
        n_sims=SIMS,
        design=6,
        maxiter=2,
        bootstrap=0,
        seed=7,
        workers=1,
    )
    capped = fit_generator(observed, nominations=2, **kw).params["social_degree"]
    roster = fit_generator(observed, **kw).params["social_degree"]
    return capped, roster


@pytest.mark.slow
@pytest.mark.xfail(
    reason="measured in round 3 (first run): through the cap the estimate is 5.22 for the "
    "truth 4 (1.22 off, tolerance 1.0), while the roster fit's bias (below 3) holds. Round 4: "
    "the observed network's noise, not the search: the same fit of six observed networks "
    "(seeds 303-308) gave 5.22, 3.57, 3.90, 5.36, 3.93, 5.00 (mean 4.50, standard deviation "
    "0.78; 3 of 6 within 1.0). A cap of two saturates the recorded mean degree: 3.22, 3.36, "
    "3.43, 3.52 at social_degree 3, 4, 5, 6 (16 simulations), against one network's standard "
    "deviation of 0.07, so one unit of social_degree is about one standard deviation of the "
    "moment, and the concave response skews the estimate upwards. Adding the recorded degree "
    "CV and transitivity (both move by less than their spread per unit) did not help: 5.30, "
    "3.54, 4.74, 5.66 for seeds 303-306. Round 10 reran seeds 303-308 with "
    "tools/calibration_recovery.py: the same estimates (tools/calibration_recovery.json)",
    strict=False,
)
def test_a_capped_survey_is_recovered_only_through_the_same_cap():
    """A fixed-choice survey (each firm names at most two friends) of a cluster generated at
    social_degree 4: fitted through the same instrument the truth is recovered (tolerance 1.0,
    a quarter of the truth, stated before the run); fitted as if it were a roster the estimate
    is biased low, because the cap removed ties the generator must then not make."""
    capped, roster = _capped_survey_fits()
    assert roster < CAP_TRUTH - 1.0, roster
    assert abs(capped - CAP_TRUTH) <= 1.0, capped
