"""Fuzz: ``fit_bass`` on degenerate adoption data (all zero, all at one time, one adopter,
nobody, extreme times and period lengths): finite estimates with p > 0, q >= 0 and the
innovation-only closed form, or a ValueError that names the argument or says the data
cannot identify the model."""

import math

import numpy as np
import pytest
from fuzz_strategies import PROFILES, fuzz, matrices, named_error
from hypothesis import strategies as st

from clusternet.bass import fit_bass

PATTERNS = ("all_zero", "all_one_time", "one_adopter", "nobody", "random", "extreme")


@st.composite
def adoption_data(draw):
    a = draw(matrices(max_n=6))
    n = a.shape[0]
    pattern = draw(st.sampled_from(PATTERNS))
    if pattern == "all_zero":
        times = np.zeros(n)
    elif pattern == "all_one_time":
        times = np.full(n, draw(st.sampled_from([1e-300, 1.0, 3.0, 1e300])))
    elif pattern == "one_adopter":
        times = np.full(n, np.nan)
        times[draw(st.integers(0, n - 1))] = draw(st.sampled_from([0.0, 1.0, 2.5]))
    elif pattern == "nobody":
        times = np.full(n, np.nan)
    else:
        top = 1e300 if pattern == "extreme" else 6.0
        values = st.one_of(st.just(math.nan), st.floats(0.0, top))
        times = np.array(draw(st.lists(values, min_size=n, max_size=n)))
    censor = draw(st.sampled_from([None, 1.0, 4.0, 10.0, 1e300, 0.0, -1.0, math.nan]))
    dt = draw(st.sampled_from([1.0, 0.5, 1e-300, 1e300, 0.0, -1.0, math.nan]))
    return a, times, censor, dt


def innovation_only_p(times, censor, dt) -> float | None:
    """The innovation-only MLE in closed form: p = log(1 + adoptions / survived periods) / dt."""
    horizon = math.ceil(censor / dt - 1e-9)
    period = np.where(np.isnan(times), horizon + 1, np.ceil(times / dt - 1e-9))
    at_risk = period >= 1
    adopted = at_risk & (period <= horizon)
    survived = np.where(adopted, period - 1, horizon)[at_risk].sum()
    if survived == 0 or adopted.sum() == 0:
        return None
    return math.log1p(adopted.sum() / survived) / dt


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_fit_bass_estimates_or_says_why_not(examples):
    def check(case):
        a, times, censor, dt = case
        with named_error("cannot identify", "censor_time", "dt", "adoption_time"):
            fit = fit_bass(a, times, censor_time=censor, dt=dt)
            table = fit.table
            assert (table["p"] > 0).all() and (table["q"] >= 0).all()
            assert np.isfinite(table[["p", "q", "loglik", "aic"]].to_numpy()).all()
            assert table.loc["innovation_only", "q"] == 0.0
            assert fit.lr_statistic >= 0 and 0.0 <= fit.lr_pvalue <= 1.0
            c = float(np.nanmax(times)) if censor is None else censor
            p = innovation_only_p(times, c, dt)
            if p is not None and 1e-6 < p < 1e6:
                assert table.loc["innovation_only", "p"] == pytest.approx(p, rel=1e-5)

    fuzz(examples, adoption_data(), check)
