"""The ties of a generated cluster: spatial partner sampling, closure, embedding, dedupe.

:func:`draw_ties` draws the five layers of :func:`clusternet.generate_cluster`
from its actors (the rules are in :mod:`clusternet.generate`'s docstring and
``docs/generator.md``): distance-decayed sampling on a spatial grid, triadic
closure, ties embedded in earlier layers (social first), and a counting-sort
dedupe. Split from the generator so that each file keeps one job: actors and
parameters there, ties here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusternet.kernels.csr import csr_pattern, entry_rows
from clusternet.kernels.patterns import symmetric_pattern, union_patterns, upper_pattern
from clusternet.kernels.spatial import (
    cell_order,
    embedded_partners,
    grid_index,
    kept_draws,
    sample_partners,
    triadic_closure,
)

KNOWLEDGE_ROLES = ("university", "research_institute", "platform")
SERVICE_ROLES = ("government", "intermediary", "training", "finance")


#: Candidate tables beyond this many members (12 bytes each) outgrow a core's cache share
_CACHED_MEMBERS = 250_000


class _Grid:
    """Spatial buckets of candidate partners, keyed by (group, cell)."""

    def __init__(self, x, y, group, n_groups, attractiveness, cell):
        self.x0 = float(x.min()) - 1e-9
        self.y0 = float(y.min()) - 1e-9
        width = float(x.max()) - self.x0 + 1e-6
        height = float(y.max()) - self.y0 + 1e-6
        # keep the key table small: at most ~4M keys
        cell = max(cell, np.sqrt(width * height * n_groups / 4e6))
        self.cell = cell
        self.nx = int(np.ceil(width / cell))
        self.ny = int(np.ceil(height / cell))
        self.members, self.key_ptr, self.prefix = grid_index(
            x,
            y,
            np.asarray(group, dtype=np.int64),
            n_groups,
            self.x0,
            self.y0,
            cell,
            self.nx,
            self.ny,
            np.asarray(attractiveness, dtype=np.float64),
        )

    def sample(self, x, y, sources, counts, src_class, mix, scale, p_long, seed, max_tries=8):
        offsets = _offsets(counts)
        out = np.empty(offsets[-1], dtype=np.int32)
        mix_cum = np.cumsum(np.atleast_2d(np.asarray(mix, dtype=np.float64)), axis=1)
        mix_cum[:, -1] = 1.0 + 1e-12
        src_class = np.asarray(src_class, dtype=np.int64)
        if src_class.size and (src_class.min() < 0 or src_class.max() >= mix_cum.shape[0]):
            raise IndexError(
                "source class outside the rows of the mixing matrix"
            )  # kernels do not bounds-check
        sources = np.asarray(sources, dtype=np.int64)
        if self.members.shape[0] > _CACHED_MEMBERS:
            # sources visited cell by cell, so the cells their draws land in stay in cache
            # (2x faster at ten million firms); same draws, each source has its own stream
            order = cell_order(x, y, sources, self.x0, self.y0, self.cell, self.nx, self.ny)
        else:  # a small table stays in cache anyway: visit sources in order, reads sequential
            order = np.arange(sources.shape[0], dtype=np.int64)
        sample_partners(
            sources,
            order,
            offsets,
            src_class,
            mix_cum,
            x,
            y,
            self.members,
            self.key_ptr,
            self.prefix,
            self.x0,
            self.y0,
            self.cell,
            self.nx,
            self.ny,
            float(scale),
            float(p_long),
            int(max_tries),
            np.uint64(seed),
            out,
        )
        return kept_draws(sources, offsets, out)


def _embedded(sources, counts, target_class, neighbours, node_class, prob, seed):
    """Embedded draws (:func:`~clusternet.kernels.spatial.embedded_partners`) among neighbours.

    ``neighbours`` is an ``(indptr, indices)`` pattern of who may be drawn by whom.

    Returns the embedded pairs (source, partner) and the counts left to spatial sampling.
    """
    indptr, indices = neighbours
    sources = np.asarray(sources, dtype=np.int64)
    offsets = _offsets(counts)
    out = np.empty(int(offsets[-1]), dtype=np.int32)
    spatial = np.empty(sources.shape[0], dtype=np.int64)
    embedded_partners(
        sources,
        offsets,
        np.asarray(target_class, dtype=np.int64),
        indptr,
        indices,
        _small_codes(node_class),
        float(prob),
        np.uint64(seed),
        out,
        spatial,
    )
    return (*kept_draws(sources, offsets, out), spatial)


def _offsets(counts) -> np.ndarray:
    """Where each source's draws start (and, last, their total): ``[0, cumsum(counts)]``."""
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets


def _small_codes(codes: np.ndarray) -> np.ndarray:
    """Class codes as int8 when they fit.

    A neighbour's class is a random read per tie, and ten million int8 codes stay
    in cache where int64 ones do not.
    """
    codes = np.asarray(codes)
    if codes.size and -128 <= codes.min() and codes.max() <= 127:
        return codes.astype(np.int8)
    return codes


def _cell_size(firms: dict, p: dict) -> float:
    occupied = p["n_towns"] * np.pi * (2.0 * p["town_radius_km"]) ** 2
    return float(max(np.sqrt(occupied * 4.0 / max(firms["n"], 1)), 0.05))


def _distinct(src, dst, undirected: bool, n: int):
    """The pattern of the pairs without self-loops and repeats (undirected pairs compared unordered).

    A counting sort by source (:func:`~clusternet.kernels.csr.csr_pattern`): the
    pairs come back ordered by source, then target — no comparison sort of all ties;
    undirected pairs as (smaller, larger), an upper triangle.
    """
    return csr_pattern(n, src, dst, drop_loops=True, unordered=undirected)


def _pairs(pattern):
    """A pattern's entries as (source, target) int32 arrays (the network's index type)."""
    indptr, indices = pattern
    return entry_rows(indptr), indices


def _dedupe(src, dst, undirected: bool, n: int):
    """Drop self-loops and duplicate pairs: :func:`_distinct` as pairs ordered by source."""
    return _pairs(_distinct(src, dst, undirected, n))


def _neighbours(n: int, a: np.ndarray, b: np.ndarray):
    """Each actor's partners over the pairs ``(a, b)``, direction ignored (a pattern CSR)."""
    return csr_pattern(n, np.concatenate([a, b]), np.concatenate([b, a]))


def _strength(rng, m, shape=2.0):
    """Tie strengths with mean 1 (Gamma)."""
    return rng.gamma(shape, 1.0 / shape, size=m)


class _Actors:
    """What the layer draws read: positions, roles and the firms' attributes."""

    def __init__(self, actors: pd.DataFrame, firms: dict, p: dict):
        self.x = np.asarray(actors["x"])
        self.y = np.asarray(actors["y"])
        self.roles = np.asarray(actors["role"])
        self.external = np.asarray(actors["external"])
        self.n_total = self.x.shape[0]
        self.n = firms["n"]
        self.stage = firms["stage"]
        self.spec = firms["spec"]
        self.size = firms["size"]
        self.absorptive = firms["absorptive"]
        self.ownership = np.asarray(firms["ownership"], dtype=np.int64)
        self.activity = firms["activity"]
        shares = np.asarray(p["ownership_shares"], dtype=np.float64)
        self.n_own = shares.shape[0]
        # homophily on ownership: own class with probability h, else by class shares
        h = p["ownership_homophily"]
        self.own_mix = h * np.eye(self.n_own) + (1.0 - h) * shares[None, :]
        self.n_spec = p["n_specialisations"]
        self.firm_idx = np.arange(self.n, dtype=np.int64)
        self.cell = _cell_size(firms, p)

    def firm_groups(self, values) -> np.ndarray:
        """A group code per actor: ``values`` for the firms, -1 (no group) for the others."""
        group = np.full(self.n_total, -1, dtype=np.int64)
        group[: self.n] = values
        return group

    def with_ownership(self, classes, mix):
        """Groups and mixing refined by ownership: class ``c`` becomes ``c * K + own``.

        Returns the firms' refined class codes and the mixing matrix
        ``kron(mix, own_mix)``: the draw keeps the base rule (``mix``) and, within
        it, stays in the firm's own ownership class with the homophily share.
        """
        refined = np.asarray(classes, dtype=np.int64) * self.n_own + self.ownership
        return refined, np.kron(np.atleast_2d(mix), self.own_mix)

    def firm_weights(self, values) -> np.ndarray:
        """An attractiveness per actor: ``values`` for the firms, 0 for the others."""
        return np.concatenate([np.broadcast_to(values, (self.n,)), np.zeros(self.n_total - self.n)])


def draw_ties(actors: pd.DataFrame, firms: dict, p: dict, rng: np.random.Generator, seeds) -> dict:
    """The five layers' ties as one edge list (``source``, ``target`` int32, ``layer``, ``weight``).

    Each layer is drawn by its own function, so its intermediate arrays are freed
    when it returns; the layers are then copied into the final arrays one by one,
    each released as it lands (the peak holds about one copy of the ties).
    """
    a = _Actors(actors, firms, p)
    social_nbrs = _social(a, p, rng, seeds)
    transaction, trade = _transaction(a, p, rng, seeds, social_nbrs)
    social_nbrs = _befriend(a, p, rng, social_nbrs, trade)
    s_src, s_dst = _pairs(upper_pattern(social_nbrs))
    social = ("social", s_src, s_dst, _strength(rng, s_src.shape[0]))
    del s_src, s_dst
    technology = _technology(a, p, rng, seeds, social_nbrs, trade)
    del social_nbrs, trade
    layers = [transaction, technology, social, _service(a, p, rng, seeds)]
    del social, transaction, technology
    layers.append(_competition(a, p, rng, seeds))
    return _assemble(layers)


def _assemble(layers: list) -> dict:
    """Concatenate ``(name, source, target, weight)`` layers, emptying the list as it goes."""
    total = sum(s.shape[0] for _, s, _, _ in layers)
    out = {
        "source": np.empty(total, dtype=np.int32),
        "target": np.empty(total, dtype=np.int32),
        "layer": np.empty(total, dtype=np.int16),
        "weight": np.empty(total, dtype=np.float64),
    }
    pos = 0
    code = 0
    while layers:
        _, s, t, w = layers.pop(0)
        k = s.shape[0]
        out["source"][pos : pos + k] = s
        out["target"][pos : pos + k] = t
        out["layer"][pos : pos + k] = code
        out["weight"][pos : pos + k] = w
        del s, t, w
        pos += k
        code += 1
    return out


def _social(a: _Actors, p: dict, rng, seeds):
    """Social ties: short distance decay, a few long-range ties, triadic closure.

    Returns every actor's social neighbours (a symmetric pattern CSR); the layer
    is made from them once business friendships are added (:func:`_befriend`).
    """
    n, n_total = a.n, a.n_total
    activity = a.activity["social"]
    own, mix = a.with_ownership(np.zeros(n, np.int64), [[1.0]])
    grid = _Grid(a.x, a.y, a.firm_groups(own), a.n_own, a.firm_weights(activity), a.cell)
    counts = rng.poisson(p["social_degree"] / 2 * activity)
    s_src, s_dst = grid.sample(
        a.x,
        a.y,
        a.firm_idx,
        counts,
        own,
        mix,
        p["social_scale_km"],
        p["social_long_range"],
        seeds[3],
    )
    del grid
    upper = _distinct(s_src, s_dst, undirected=True, n=n_total)
    del s_src, s_dst
    # every actor's neighbours, kept up to date as closure adds ties (a merge per round,
    # not a new counting sort of all ties); business ties grow out of kinship and
    # friendship (C-NET-1), so the later layers read them too
    neighbours = symmetric_pattern(upper)
    del upper
    for r in range(p["closure_rounds"]):
        if p["social_closure"] <= 0 or neighbours[1].size == 0:
            break
        first = np.empty(n_total, dtype=np.int32)
        second = np.empty(n_total, dtype=np.int32)
        triadic_closure(
            *neighbours,
            float(p["social_closure"]),
            np.uint64(seeds[4] + np.uint64(r)),
            first,
            second,
        )
        ok = first >= 0
        neighbours = union_patterns(neighbours, _neighbours(n_total, first[ok], second[ok]))
    return neighbours


def _befriend(a: _Actors, p: dict, rng, social_nbrs, trade):
    """Business partners become friends; returns the social neighbours with these ties added.

    Each in-cluster firm-firm trade tie is also a social tie with probability
    ``business_friendship`` (embedding runs both ways, Uzzi 1996).
    """
    if p["business_friendship"] <= 0 or trade[1].size == 0:
        return social_nbrs
    sup, buy = _pairs(trade)
    pick = (rng.random(sup.shape[0]) < p["business_friendship"]) & (sup < a.n) & (buy < a.n)
    return union_patterns(social_nbrs, _neighbours(a.n_total, sup[pick], buy[pick]))


def _transaction(a: _Actors, p: dict, rng, seeds, social_nbrs):
    """Transaction ties supplier -> buyer, plus boundary-crossing trade.

    A buyer of stage s draws Poisson(``transaction_degree`` x activity) suppliers:
    a share ``same_stage_trade`` in its own stage, ``skip_stage_trade`` in stage
    s - 2 (where it exists; else from s - 1) and the rest in stage s - 1; stage-0
    firms keep only their same-stage draws (they have no upstream). A share
    ``social_transaction`` of each kind of draw is made among the buyer's social
    contacts of that stage, the rest spatially (homophily on ownership); then
    each in-cluster tie is returned with probability ``transaction_reciprocity``.
    """
    n_total, stage, size, firm_idx = a.n_total, a.stage, a.size, a.firm_idx
    activity = a.activity["transaction"]
    firm_stage = a.firm_groups(stage)
    own_stage, mix = a.with_ownership(stage, np.eye(4))
    weights = a.firm_weights(size ** p["size_preference"] * activity)
    grid = _Grid(a.x, a.y, a.firm_groups(own_stage), 4 * a.n_own, weights, a.cell)
    draws = rng.poisson(p["transaction_degree"] * activity)
    same_share, skip_share = p["same_stage_trade"], p["skip_stage_trade"]
    same = rng.binomial(draws, same_share)
    rest = draws - same
    skip_p = skip_share / (1.0 - same_share) if same_share < 1 else 0.0
    skip = np.where(stage >= 2, rng.binomial(rest, min(skip_p, 1.0)), 0)
    adjacent = np.where(stage >= 1, rest - skip, 0)
    # one source entry per (buyer, kind of draw): adjacent, same-stage, two stages up
    buyers = np.concatenate([firm_idx, firm_idx, firm_idx])
    counts = np.concatenate([adjacent, same, skip])
    target = np.concatenate([stage - 1, stage, stage - 2])
    keep = counts > 0
    buyers, counts, target = buyers[keep], counts[keep], target[keep]
    e_src, e_dst, counts = _embedded(
        buyers, counts, target, social_nbrs, firm_stage, p["social_transaction"], seeds[7]
    )
    src_class = target * a.n_own + a.ownership[buyers]
    b_src, b_dst = grid.sample(
        a.x, a.y, buyers, counts, src_class, mix, p["transaction_scale_km"], 0.02, seeds[0]
    )
    del grid
    b_src, b_dst = np.concatenate([e_src, b_src]), np.concatenate([e_dst, b_dst])
    del e_src, e_dst
    trade = _distinct(b_dst, b_src, undirected=False, n=n_total)  # edge supplier -> buyer
    del b_src, b_dst
    if p["transaction_reciprocity"] > 0 and trade[1].size:
        sup, buy = _pairs(trade)
        back = rng.random(sup.shape[0]) < p["transaction_reciprocity"]
        trade = union_patterns(trade, _distinct(buy[back], sup[back], False, n_total))
        del sup, buy, back
    if p["transaction_closure"] > 0 and trade[1].size:
        trade = _transaction_closure(a, p, seeds, trade)
    m_internal = trade[1].shape[0]
    # boundary-crossing ties: openness / (1 - openness) of the internal ones, half each way
    roles = a.roles
    ext_idx = np.flatnonzero(a.external)
    if ext_idx.size and p["openness"] > 0 and m_internal:
        m_ext = rng.poisson(p["openness"] / (1 - p["openness"]) * m_internal)
        buyers_out = ext_idx[roles[ext_idx] == "customer"]
        suppliers_out = ext_idx[roles[ext_idx] == "supplier"]
        half = m_ext // 2
        sellers = firm_idx[stage >= 2]
        buyers_in = firm_idx[stage <= 1]
        ws = size[sellers] / size[sellers].sum()
        wb = size[buyers_in] / size[buyers_in].sum()
        s_out = rng.choice(sellers, size=half, p=ws) if sellers.size else np.empty(0, np.int64)
        t_out = rng.choice(buyers_out, size=s_out.shape[0])
        t_in = (
            rng.choice(buyers_in, size=m_ext - half, p=wb)
            if buyers_in.size
            else np.empty(0, np.int64)
        )
        s_in = rng.choice(suppliers_out, size=t_in.shape[0])
        outside = _distinct(
            np.concatenate([s_out, s_in]), np.concatenate([t_out, t_in]), False, n_total
        )
        trade = union_patterns(trade, outside)
        del outside
    sup, buy = _pairs(trade)
    sizes = _sizes_or_median(size, n_total)
    smaller = np.minimum(sizes[sup], sizes[buy])
    del sizes
    w_tr = rng.lognormal(0.0, 0.5, size=sup.shape[0]) * (smaller / p["size_median"]) ** 0.3
    return ("transaction", sup, buy, w_tr), trade


def _transaction_closure(a: _Actors, p: dict, seeds, trade):
    """Referral trade: partners of a common firm are introduced and trade.

    ``closure_rounds`` rounds in which each firm, with probability
    ``transaction_closure``, introduces two of its in-cluster trade partners (either
    direction) to each other, who then trade; the tie runs from the partner of the
    earlier value-chain stage to the later (either way within a stage).
    """
    n, n_total = a.n, a.n_total
    sup, buy = _pairs(trade)
    firm = (sup < n) & (buy < n)
    nbrs = _neighbours(n_total, sup[firm], buy[firm])
    new_a, new_b = [], []
    for r in range(p["closure_rounds"]):
        first = np.empty(n_total, dtype=np.int32)
        second = np.empty(n_total, dtype=np.int32)
        triadic_closure(  # type: ignore[call-arg]  # a Numba dispatcher
            *nbrs,
            float(p["transaction_closure"]),
            np.uint64(seeds[4] + np.uint64(200 + r)),
            first,
            second,
        )
        ok = first >= 0
        new_a.append(first[ok])
        new_b.append(second[ok])
        nbrs = union_patterns(nbrs, _neighbours(n_total, first[ok], second[ok]))
    if not new_a:
        return trade
    fa, fb = np.concatenate(new_a), np.concatenate(new_b)
    flip = a.stage[fa] > a.stage[fb]
    c_src, c_dst = np.where(flip, fb, fa), np.where(flip, fa, fb)
    return union_patterns(trade, _distinct(c_src, c_dst, False, n_total))


def _technology(a: _Actors, p: dict, rng, seeds, social_nbrs, trade):
    """Technology ties: firm-firm within/near specialisation, plus knowledge organisations."""
    n, n_total, spec, n_spec, firm_idx = a.n, a.n_total, a.spec, a.n_spec, a.firm_idx
    absorptive, roles, external = a.absorptive, a.roles, a.external
    activity = a.activity["technology"]
    grid_class, _ = a.with_ownership(spec, np.eye(n_spec))
    grid = _Grid(
        a.x,
        a.y,
        a.firm_groups(grid_class),
        n_spec * a.n_own,
        a.firm_weights(absorptive * activity),
        a.cell,
    )
    counts = rng.poisson(p["technology_degree"] / 2 * activity)
    is_firm = a.firm_groups(0)
    trade_nbrs = symmetric_pattern(trade)
    zero = np.zeros(n, dtype=np.int64)
    tt_src, tt_dst, counts = _embedded(
        firm_idx, counts, zero, trade_nbrs, is_firm,
        p["transaction_technology"], seeds[8],
    )  # fmt: skip
    del trade_nbrs
    rest = 1.0 - p["transaction_technology"]
    st_src, st_dst, counts = _embedded(
        firm_idx, counts, zero, social_nbrs, is_firm,
        min(1.0, p["social_technology"] / rest) if rest > 0 else 0.0, seeds[9],
    )  # fmt: skip
    mix = np.zeros((n_spec, n_spec))
    for s in range(n_spec):
        if n_spec == 1:
            mix[s, s] = 1.0
            continue
        mix[s, s] = p["same_specialisation"]
        mix[s, (s + 1) % n_spec] += (1 - p["same_specialisation"]) / 2
        mix[s, (s - 1) % n_spec] += (1 - p["same_specialisation"]) / 2
    src_class, mix = a.with_ownership(spec, mix)
    t_src, t_dst = grid.sample(
        a.x, a.y, firm_idx, counts, src_class, mix, p["technology_scale_km"], 0.05, seeds[1]
    )
    del grid
    know = np.flatnonzero(np.isin(roles, KNOWLEDGE_ROLES) & ~external)
    k_src = np.empty(0, np.int64)
    k_dst = np.empty(0, np.int64)
    if know.size:
        prob = np.clip(p["knowledge_tie_prob"] * absorptive / max(absorptive.mean(), 1e-12), 0, 1)
        users = firm_idx[rng.random(n) < prob]
        group = np.full(n_total, -1, dtype=np.int64)
        group[know] = 0
        kgrid = _Grid(a.x, a.y, group, 1, np.ones(n_total), a.cell)
        k_src, u_dst = kgrid.sample(
            a.x,
            a.y,
            users,
            np.ones(users.shape[0], dtype=np.int64),
            np.zeros(users.shape[0], np.int64),
            [[1.0]],
            15.0,
            0.1,
            seeds[2],
        )
        hub_candidates = know[np.isin(roles[know], ("platform", "research_institute"))]
        hub = hub_candidates[0] if hub_candidates.size else know[0]
        to_hub = rng.random(u_dst.shape[0]) < p["hub_share"]
        k_dst = np.where(to_hub, hub, u_dst)
    outside_uni = np.flatnonzero(external & (roles == "university"))
    if outside_uni.size and p["openness"] > 0:
        prob = np.clip(p["openness"] * absorptive, 0, 1)
        users = firm_idx[rng.random(n) < prob]
        k_src = np.concatenate([k_src, users])
        k_dst = np.concatenate([k_dst, rng.choice(outside_uni, size=users.shape[0])])
    t_src = np.concatenate([tt_src, st_src, t_src, k_src])
    t_dst = np.concatenate([tt_dst, st_dst, t_dst, k_dst])
    del tt_src, tt_dst, st_src, st_dst, k_src, k_dst
    t_src, t_dst = _dedupe(t_src, t_dst, undirected=True, n=n_total)
    if p["technology_closure"] > 0:
        t_src, t_dst = _technology_closure(a, p, seeds, t_src, t_dst)
    return ("technology", t_src, t_dst, _strength(rng, t_src.shape[0]))


def _technology_closure(a: _Actors, p: dict, seeds, t_src, t_dst):
    """Triadic closure among firms' technology partners (advice from a partner's partner).

    ``closure_rounds`` rounds, each firm with probability ``technology_closure``
    introducing two of its firm partners to each other.
    """
    n, n_total = a.n, a.n_total
    firm = (t_src < n) & (t_dst < n)
    nbrs = _neighbours(n_total, t_src[firm], t_dst[firm])
    for r in range(p["closure_rounds"]):
        first = np.empty(n_total, dtype=np.int32)
        second = np.empty(n_total, dtype=np.int32)
        triadic_closure(  # type: ignore[call-arg]  # a Numba dispatcher
            *nbrs,
            float(p["technology_closure"]),
            np.uint64(seeds[4] + np.uint64(100 + r)),
            first,
            second,
        )
        ok = first >= 0
        nbrs = union_patterns(nbrs, _neighbours(n_total, first[ok], second[ok]))
    f_src, f_dst = _pairs(upper_pattern(nbrs))
    return _dedupe(
        np.concatenate([f_src, t_src[~firm]]),
        np.concatenate([f_dst, t_dst[~firm]]),
        undirected=True,
        n=n_total,
    )


def _service(a: _Actors, p: dict, rng, seeds):
    """Service ties auxiliary -> firm (government, intermediaries, training, finance, association)."""
    roles, external, firm_idx, n = a.roles, a.external, a.firm_idx, a.n
    v_src_parts, v_dst_parts = [], []
    kinds = [*SERVICE_ROLES, "association"]
    group = np.full(a.n_total, -1, dtype=np.int64)
    for g, role in enumerate(kinds):
        group[(roles == role) & ~external] = g
    grid = _Grid(a.x, a.y, group, len(kinds), np.ones(a.n_total), a.cell)
    for g, role in enumerate(kinds):
        if not np.any(group == g):
            continue
        prob = p["association_membership"] if role == "association" else p["service_prob"]
        if role == "government":
            prob = min(1.0, 2 * p["service_prob"])
        users = firm_idx[rng.random(n) < prob]
        scale = 3.0 if role == "government" else 8.0
        f_src, inst = grid.sample(
            a.x,
            a.y,
            users,
            np.ones(users.shape[0], np.int64),
            np.zeros(users.shape[0], np.int64),
            np.eye(len(kinds))[g : g + 1],
            scale,
            0.0,
            seeds[5] + np.uint64(g),
        )
        v_src_parts.append(inst)
        v_dst_parts.append(f_src)
    v_src, v_dst = _dedupe(
        np.concatenate(v_src_parts), np.concatenate(v_dst_parts), undirected=False, n=a.n_total
    )
    return ("service", v_src, v_dst, _strength(rng, v_src.shape[0]))


def _competition(a: _Actors, p: dict, rng, seeds):
    """Competition ties: same stage and specialisation, nearby."""
    n_spec = a.n_spec
    classes = a.stage * n_spec + a.spec
    grid = _Grid(
        a.x, a.y, a.firm_groups(classes), 4 * n_spec, a.firm_weights(np.sqrt(a.size)), a.cell
    )
    counts = rng.poisson(p["competition_degree"] / 2, size=a.n)
    mix = np.eye(4 * n_spec)
    c_src, c_dst = grid.sample(
        a.x, a.y, a.firm_idx, counts, classes, mix, p["competition_scale_km"], 0.1, seeds[6]
    )
    del grid
    c_src, c_dst = _dedupe(c_src, c_dst, undirected=True, n=a.n_total)
    return ("competition", c_src, c_dst, _strength(rng, c_src.shape[0], shape=4.0))


def _sizes_or_median(size: np.ndarray, n_total: int) -> np.ndarray:
    """Size of every actor: the firms' own, the median firm size for the others (external)."""
    out = np.full(n_total, np.median(size))
    out[: size.shape[0]] = size
    return out
