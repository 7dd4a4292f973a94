"""Patterns from published cluster studies (clusternet.validation.patterns).

The statistics are checked against independent references (closed forms, brute
force, scipy's optimiser); the patterns themselves are asserted at the page's
size (docs/validation.md) and xfail, with the measured numbers, where the model
does not reproduce them. No parameter is tuned to make a pattern match.
"""

import itertools

import numpy as np
import pytest
from scipy import optimize

from clusternet.validation.patterns import (
    PATTERN_PARAMS,
    axtell_exponent,
    core_periphery,
    logit,
    pattern_runs,
    patterns,
    top_share,
)


@pytest.mark.parametrize("alpha", [0.8, 1.0, 1.5])
def test_axtell_exponent_recovers_a_pareto_tail(alpha):
    rng = np.random.default_rng(int(alpha * 10))
    s = (1.0 - rng.random(400_000)) ** (-1.0 / alpha)  # P(S > s) = s^-alpha, s >= 1
    assert axtell_exponent(s) == pytest.approx(alpha, abs=0.06)


def test_axtell_exponent_needs_three_bins():
    assert np.isnan(axtell_exponent([1.0, 1.5, 2.0]))
    assert np.isnan(axtell_exponent([]))


def test_top_share_matches_sorting_by_hand():
    rng = np.random.default_rng(1)
    for _ in range(20):
        c = rng.poisson(2.0, size=rng.integers(5, 40))
        if c.sum() == 0:
            continue
        k = int(np.ceil(0.1 * c.size))
        assert top_share(c) == pytest.approx(sum(sorted(c)[-k:]) / c.sum())


def _brute_core_periphery(a):
    n = a.shape[0]
    best = -np.inf
    iu = np.triu_indices(n, 1)
    y = a[iu]
    for k in range(2, n - 1):
        for core in itertools.combinations(range(n), k):
            c = np.zeros(n, bool)
            c[list(core)] = True
            cc = c[iu[0]] & c[iu[1]]
            pp = ~c[iu[0]] & ~c[iu[1]]
            keep = cc | pp
            x, yy = cc[keep].astype(float), y[keep].astype(float)
            if x.std() == 0 or yy.std() == 0:
                continue
            best = max(best, float(np.corrcoef(x, yy)[0, 1]))
    return best


def test_core_periphery_fit_is_the_correlation_and_reaches_brute_force():
    rng = np.random.default_rng(7)
    reached = 0
    for _trial in range(12):
        n = 8
        a = np.zeros((n, n), int)
        core = rng.random(n) < 0.4
        p = np.where(
            core[:, None] & core[None, :], 0.9, np.where(core[:, None] | core[None, :], 0.4, 0.1)
        )
        a[np.triu_indices(n, 1)] = rng.random(n * (n - 1) // 2) < p[np.triu_indices(n, 1)]
        a = a + a.T
        found, fit = core_periphery(a)
        # the reported fit is the Pearson correlation of the found partition
        iu = np.triu_indices(n, 1)
        cc = found[iu[0]] & found[iu[1]]
        keep = cc | (~found[iu[0]] & ~found[iu[1]])
        assert fit == pytest.approx(np.corrcoef(cc[keep], a[iu][keep])[0, 1])
        best = _brute_core_periphery(a)
        assert fit <= best + 1e-12
        reached += fit >= best - 1e-9
    assert reached >= 10  # a local search: it finds the optimum on most small graphs


def test_logit_matches_scipy_maximum_likelihood():
    rng = np.random.default_rng(3)
    x = np.column_stack([rng.normal(size=800), rng.random(800) < 0.3])
    eta = -1.0 + 0.8 * x[:, 0] + 0.5 * x[:, 1]
    y = rng.random(800) < 1 / (1 + np.exp(-eta))
    beta, se = logit(y, x)
    design = np.column_stack([np.ones(800), x])

    def nll(b):
        z = design @ b
        return float(np.sum(np.logaddexp(0, z) - y * z))

    ref = optimize.minimize(nll, np.zeros(3), method="BFGS", options={"gtol": 1e-10}).x
    np.testing.assert_allclose(beta, ref, atol=1e-5)
    hess = optimize.approx_fprime(beta, lambda b: design.T @ (1 / (1 + np.exp(-design @ b)) - y))
    np.testing.assert_allclose(se, np.sqrt(np.diag(np.linalg.inv(hess))), rtol=1e-4)


def test_spin_off_lines_carry_the_founders_rd_intensity():
    """Every firm of a line has its founder's R&D intensity (entrants inherit it)."""
    runs = pattern_runs(firms=80, steps=12, reps=2, seed=4, exit_rate=0.1)
    spun = 0
    for r in runs:
        rd0 = np.asarray(r.net0.column("rd_intensity"), float)
        idx = np.flatnonzero(r.firms)
        line = r.lineage[idx]
        assert (line >= 0).all() and r.firms[line].all()
        spun += int((line != idx).sum())
        np.testing.assert_array_equal(r.rd[idx], rd0[line])  # members carry the founder's R&D
    assert spun > 0
    assert PATTERN_PARAMS == {"exit_rate": 0.02}


@pytest.fixture(scope="module")
def page():
    """The patterns at the page's size: 300 firms, 40 steps, 8 replicates, seed 2026."""
    return patterns(firms=300, steps=40, reps=8, seed=2026).set_index("statistic")


#: Measured at the page's size on main after the issue-26 mechanisms were merged
#: (2026-12-03, 300 firms, 40 steps, 8 replicates, seed 2026); reported, not tuned. The
#: top-decile innovation share (0.565 [0.525, 0.605]), the core-periphery absorptive-capacity
#: gap (+0.020 [0.007, 0.033]) and the non-local-link coefficient (+0.109 [0.050, 0.169])
#: were xfailed before the market and generic-technology mechanisms and now match.
NOT_REPRODUCED = {
    "Zipf exponent alpha of firm output (OLS on log bins, base 3)": "alpha 0.54 "
    "[0.49, 0.58] against Axtell's 1.059: the generator's size distribution has too heavy "
    "a body-to-tail mix for the log-binned fit",
    "degree coefficient (z-score) in the innovation regression": "-0.012 [-0.038, 0.014]: "
    "not shown (an interval around 0; before the market the sign was wrong, -0.036): more "
    "knowledge ties still mean more imitators and lower appropriability",
    "betweenness coefficient (z-score) in the innovation regression": "-0.012 "
    "[-0.035, 0.012]: not shown, as for degree",
    "reciprocity coefficient (logit)": "not estimable: knowledge ties are undirected",
    "spin-off heritage (same line) coefficient (logit)": "+1.32 [1.25, 1.38], estimable "
    "in 2 of 8 clusters (in the others no spin-off pair formed a tie): entrants take the "
    "exiting firm's ties, and tie formation does not read lineage",
}


@pytest.mark.slow
@pytest.mark.parametrize(
    "statistic",
    [
        "Zipf exponent alpha of firm output (OLS on log bins, base 3)",
        "share of innovations by the top 10 % of firms",
        "absorptive capacity, core - periphery (Borgatti-Everett core)",
        "absorptive capacity, gatekeepers - other firms",
        "degree coefficient (z-score) in the innovation regression",
        "betweenness coefficient (z-score) in the innovation regression",
        "non-local-link coefficient in the innovation regression",
        "reciprocity coefficient (logit)",
        "triadic closure coefficient (logit)",
        "co-location (same town) coefficient (logit)",
        "spin-off heritage (same line) coefficient (logit)",
    ],
)
def test_published_pattern_is_reproduced(page, statistic, request):
    if statistic in NOT_REPRODUCED:
        request.applymarker(pytest.mark.xfail(strict=False, reason=NOT_REPRODUCED[statistic]))
    row = page.loc[statistic]
    assert row["replicates"] == 8, row.to_dict()
    assert row["matches"], row.to_dict()
