"""The platform game (:mod:`clusternet.dynamics.platform`) against references by hand.

Catchment and member counts are tallied firm by firm here and every formula of
the module docstring is written out per firm with plain Python; the catchment
is checked against the strongest technology or service tie read from the edge
list. No simulation: the fast selection of ``tools/mutants.py d_platform``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clusternet as cn
from clusternet.dynamics import platform as P

# five firms in the catchments of two platforms (0: firms 0, 1, 2; 1: firms 3, 4), one
# firm (5) in none
MEMBER = np.array([0, 0, 0, 1, 1, -1])
JOINED = np.array([True, False, True, True, False, False])
A = np.array([0.5, 1.0, 0.8, 0.6, 0.9, 0.7])
GAP = np.array([1.0, 0.5, 0.25, 0.8, 0.0, 1.0])


def _n(p, mask=None):
    return sum(1 for i in range(len(MEMBER)) if MEMBER[i] == p and (mask is None or mask[i]))


@pytest.mark.parametrize("phi", [0.0, 0.4, 1.0])
def test_marginal_return_per_firm(phi):
    got = P.marginal_return(A, GAP, MEMBER, JOINED, 2, 3.0, phi)
    want = []
    for i in range(6):
        p = MEMBER[i]
        if p < 0:
            want.append(0.0)
            continue
        per = (1 - phi) / _n(p) + (phi / max(_n(p, JOINED), 1) if JOINED[i] else 0.0)
        want.append(3.0 * A[i] * GAP[i] * per)
    np.testing.assert_allclose(got, want, rtol=1e-14)
    # nobody joined: only the public share
    got = P.marginal_return(A, 1.0, MEMBER, None, 2, 3.0, phi)
    want = [3.0 * A[i] * (1 - phi) / _n(MEMBER[i]) if MEMBER[i] >= 0 else 0.0 for i in range(6)]
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_private_return_contribution_gain_and_takeoff_by_hand():
    got = P.private_return(2.0, A, MEMBER, 2)
    want = [2.0 * A[i] / _n(MEMBER[i]) if MEMBER[i] >= 0 else 0.0 for i in range(6)]
    np.testing.assert_allclose(got, want, rtol=1e-14)
    mpcr = np.array([0.2, 0.5, 1.5])
    np.testing.assert_allclose(
        P.contribution_gain(mpcr, 2.0, 0.3), [2.0 * (m - 0.7) for m in mpcr], rtol=1e-14
    )
    np.testing.assert_allclose(P.takeoff_subsidy(mpcr), [0.8, 0.5, -0.5], rtol=1e-14)
    np.testing.assert_allclose(P.generic_gap(np.array([0.0, 1.0, 3.0, -1.0]), 2.0), [1, 0.5, 0, 1])
    np.testing.assert_array_equal(P.generic_gap(np.array([0.5, 3.0]), 0.0), [0.0, 0.0])


@pytest.mark.parametrize("phi", [0.0, 0.5])
def test_join_gain_per_firm(phi):
    out = np.array([10.0, 4.0])
    fee, r = 0.5, 2.0
    got = P.join_gain(A, GAP, MEMBER, JOINED, 2, out, fee, r, phi)
    want = []
    for i in range(6):
        p = MEMBER[i]
        if p < 0:
            want.append(0.0)
            continue
        with_i = _n(p, JOINED) - int(JOINED[i]) + 1  # the members once i has joined
        per = phi * out[p] / with_i + r * fee * ((1 - phi) / _n(p) + phi / with_i)
        want.append(A[i] * GAP[i] * per - fee)
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_output_per_platform_by_hand():
    contribute = np.array([True, True, False, False, True, True])
    got = P.output(contribute, MEMBER, 2, 1.5, 2.0, 0.3, joined=JOINED, fee=0.2)
    want = [2.0 * (1.5 * _n(p, contribute) + 0.3 * _n(p) + 0.2 * _n(p, JOINED)) for p in range(2)]
    np.testing.assert_allclose(got, want, rtol=1e-14)
    got = P.output(contribute, MEMBER, 2, 1.5, 2.0, 0.3)  # no fee paid
    np.testing.assert_allclose(
        got, [2.0 * (1.5 * _n(p, contribute) + 0.3 * _n(p)) for p in range(2)], rtol=1e-14
    )
    np.testing.assert_allclose(
        P.output(contribute, MEMBER, 2, 1.5, 2.0, 0.3, fixed=0.7), [2.1, 1.4]
    )


@pytest.mark.parametrize("phi", [0.0, 0.6])
def test_knowledge_gain_per_firm_and_the_frontier_cap(phi):
    out = np.array([6.0, 3.0])
    generic = np.array([0.0, 0.9, 0.5, 2.0, 0.0, 0.0])
    got = P.knowledge_gain(out, MEMBER, A, 0.1, joined=JOINED, excludable=phi)
    want = []
    for i in range(6):
        p = MEMBER[i]
        if p < 0:
            want.append(0.0)
            continue
        share = (1 - phi) * out[p] / _n(p)
        if JOINED[i]:
            share += phi * out[p] / max(_n(p, JOINED), 1)
        want.append(0.1 * A[i] * share)
    np.testing.assert_allclose(got, want, rtol=1e-14)
    capped = P.knowledge_gain(
        out, MEMBER, A, 0.1, joined=JOINED, excludable=phi, generic=generic, frontier=1.0
    )
    np.testing.assert_allclose(
        capped, [min(w, max(1.0 - g, 0.0)) for w, g in zip(want, generic, strict=True)], rtol=1e-14
    )


def test_revise_by_hand_with_draws_at_the_boundaries():
    choice = np.array([False, True, True, False, True])
    gain = np.array([0.2, -0.2, 0.0, 1.0, 1.0])
    eligible = np.array([True, True, True, True, False])
    revise_u = np.array([0.1, 0.1, 0.1, 0.5, 0.0])  # rate 0.5: firm 3 does not revise
    choice_u = np.array([0.88, 0.11, 0.5, 0.0, 0.0])
    got = P.revise(choice, gain, 0.5, 0.1, revise_u, choice_u, eligible)
    want = []
    for i in range(5):
        if not eligible[i]:
            want.append(False)
        elif revise_u[i] < 0.5:
            want.append(bool(choice_u[i] < 1 / (1 + np.exp(-gain[i] / 0.1))))
        else:
            want.append(bool(choice[i]))
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got, [True, True, False, False, False])


def test_membership_is_the_strongest_technology_or_service_tie_to_a_hub():
    actors = pd.DataFrame(
        {
            "id": ["f0", "f1", "f2", "f3", "p", "r", "u"],
            "role": ["producer"] * 4 + ["platform", "research_institute", "university"],
        }
    )
    edges = pd.DataFrame(
        {
            "source": ["f0", "r", "f1", "f1", "f2", "u", "f0"],
            "target": ["p", "f0", "p", "r", "u", "f3", "f1"],
            "layer": ["technology", "service", "technology", "technology", "technology",
                      "service", "technology"],
            "weight": [1.0, 3.0, 2.0, 0.5, 5.0, 1.0, 9.0],
        }
    )  # fmt: skip
    net = cn.ClusterNetwork.from_edges(edges, actors)
    member, hubs = P.membership(net, net.tier_mask("core"))
    ids = list(net.ids)
    hub_ids = [ids[h] for h in hubs]
    assert sorted(hub_ids) == ["p", "r"]
    # strongest tie to a platform or institute, read off the edge list by hand
    want = {}
    for firm in ("f0", "f1", "f2", "f3"):
        ties = edges[((edges.source == firm) & edges.target.isin(["p", "r"]))
                     | ((edges.target == firm) & edges.source.isin(["p", "r"]))]  # fmt: skip
        if ties.empty:
            want[firm] = -1
        else:
            best = ties.loc[ties.weight.idxmax()]
            hub = best.target if best.source == firm else best.source
            want[firm] = hub_ids.index(hub)
    assert want == {"f0": hub_ids.index("r"), "f1": hub_ids.index("p"), "f2": -1, "f3": -1}
    for firm, p in want.items():
        assert member[ids.index(firm)] == p
    assert (member[~net.tier_mask("core")] == -1).all()


def test_membership_without_hubs_or_without_technology_and_service_layers_is_empty():
    actors = pd.DataFrame({"id": ["f0", "f1", "p"], "role": ["producer", "producer", "platform"]})
    only_social = pd.DataFrame(
        {"source": ["f0", "f1"], "target": ["p", "p"], "layer": ["social"] * 2}
    )
    net = cn.ClusterNetwork.from_edges(only_social, actors)
    member, hubs = P.membership(net, net.tier_mask("core"))
    np.testing.assert_array_equal(member, [-1, -1, -1])
    assert [list(net.ids)[h] for h in hubs] == ["p"]
    no_hub = pd.DataFrame({"id": ["f0", "f1", "f2"], "role": ["producer"] * 3})
    tech = pd.DataFrame(
        {"source": ["f0", "f1"], "target": ["f1", "f2"], "layer": ["technology"] * 2}
    )
    net = cn.ClusterNetwork.from_edges(tech, no_hub)
    member, hubs = P.membership(net, net.tier_mask("core"))
    np.testing.assert_array_equal(member, [-1, -1, -1])
    assert hubs.size == 0


def test_membership_of_a_firm_with_a_single_tie_to_a_platform():
    """Seed 2034, L113 (``> 0 → > 1``): a firm with exactly one technology tie to a
    platform is in its catchment; a firm tied only to that firm is in none."""
    actors = pd.DataFrame({"id": ["f0", "f1", "p"], "role": ["producer", "producer", "platform"]})
    edges = pd.DataFrame(
        {"source": ["f0", "f1"], "target": ["p", "f0"], "layer": ["technology"] * 2}
    )
    net = cn.ClusterNetwork.from_edges(edges, actors)
    member, hubs = P.membership(net, net.tier_mask("core"))
    assert [list(net.ids)[h] for h in hubs] == ["p"]
    np.testing.assert_array_equal(member, [0, -1, -1])


def test_generic_gap_without_a_frontier_is_zero_not_nan():
    """Seed 2034, L149 (``frontier <= 0 → < 0``): before anyone holds generic knowledge
    the frontier is 0 and no firm lags behind it: the gap is 0 for every firm (0 / 0 would
    give NaN)."""
    with np.errstate(all="raise"):
        gap = P.generic_gap(np.array([0.0, 0.0, 0.0]), 0.0)
    np.testing.assert_array_equal(gap, [0.0, 0.0, 0.0])


def test_knowledge_gain_without_a_club_list_passes_on_only_the_open_part():
    """Seed 2047 (dynamics/platform.py L621, ``joined is not None and excludable > 0`` ->
    ``or``): with no list of club members (``joined`` None) nobody takes the excludable
    share phi; every catchment firm gets k a_i (1 - phi) O_p / n_p (closed form), and the
    firm outside every catchment nothing."""
    from clusternet.dynamics.platform import knowledge_gain

    out = np.array([10.0, 4.0])
    member = np.array([0, 0, 1, -1])
    absorptive = np.array([0.5, 1.0, 0.8, 1.0])
    got = knowledge_gain(out, member, absorptive, 0.1, joined=None, excludable=0.25)
    want = 0.1 * absorptive * 0.75 * np.array([10.0 / 2, 10.0 / 2, 4.0 / 1, 0.0])
    np.testing.assert_allclose(got, want, rtol=1e-15, atol=0)
