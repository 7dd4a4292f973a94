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

from clusternet.kernels.csr import csr_from_coo
from clusternet.kernels.spatial import (
    embedded_partners,
    grid_index,
    sample_partners,
    triadic_closure,
)

KNOWLEDGE_ROLES = ("university", "research_institute", "platform")
SERVICE_ROLES = ("government", "intermediary", "training", "finance")


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
            group.astype(np.int64),
            n_groups,
            self.x0,
            self.y0,
            cell,
            self.nx,
            self.ny,
            attractiveness.astype(np.float64),
        )

    def sample(self, x, y, sources, counts, src_class, mix, scale, p_long, seed, max_tries=8):
        offsets = np.zeros(sources.shape[0] + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        out = np.empty(offsets[-1], dtype=np.int64)
        mix_cum = np.cumsum(np.atleast_2d(np.asarray(mix, dtype=np.float64)), axis=1)
        mix_cum[:, -1] = 1.0 + 1e-12
        src_class = np.asarray(src_class, dtype=np.int64)
        if src_class.size and (src_class.min() < 0 or src_class.max() >= mix_cum.shape[0]):
            raise IndexError(
                "source class outside the rows of the mixing matrix"
            )  # kernels do not bounds-check
        sample_partners(
            sources.astype(np.int64),
            offsets,
            src_class.astype(np.int64),
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
        src = np.repeat(sources.astype(np.int64), counts)
        keep = out >= 0
        return src[keep], out[keep]


def _embedded(sources, counts, target_class, indptr, indices, node_class, prob, seed):
    """Embedded draws (:func:`~clusternet.kernels.spatial.embedded_partners`).

    Returns the embedded pairs (source, partner) and the counts left to spatial sampling.
    """
    sources = sources.astype(np.int64)
    counts = counts.astype(np.int64)
    out = np.empty(int(counts.sum()), dtype=np.int64)
    spatial = np.empty(sources.shape[0], dtype=np.int64)
    embedded_partners(
        sources,
        counts,
        np.asarray(target_class, dtype=np.int64),
        indptr,
        indices,
        node_class,
        float(prob),
        np.uint64(seed),
        out,
        spatial,
    )
    src = np.repeat(sources, counts)
    keep = out >= 0
    return src[keep], out[keep], spatial


def _cell_size(firms: dict, p: dict) -> float:
    occupied = p["n_towns"] * np.pi * (2.0 * p["town_radius_km"]) ** 2
    return float(max(np.sqrt(occupied * 4.0 / max(firms["n"], 1)), 0.05))


def _dedupe(src, dst, undirected: bool, n: int):
    """Drop self-loops and duplicate pairs (undirected pairs compared unordered).

    A counting sort by source (:func:`~clusternet.kernels.csr.csr_from_coo`), so the
    pairs come back ordered by source, then target — no comparison sort of all ties.
    """
    keep = src != dst
    src, dst = src[keep], dst[keep]
    if undirected:
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    indptr, indices, _ = csr_from_coo(n, src, dst)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    return rows, indices.astype(np.int64)


def _strength(rng, m, shape=2.0):
    """Tie strengths with mean 1 (Gamma)."""
    return rng.gamma(shape, 1.0 / shape, size=m)


def draw_ties(actors: pd.DataFrame, firms: dict, p: dict, rng: np.random.Generator, seeds) -> dict:
    x = np.asarray(actors["x"])
    y = np.asarray(actors["y"])
    roles = np.asarray(actors["role"])
    external = np.asarray(actors["external"])
    n_total = x.shape[0]
    n = firms["n"]
    stage = firms["stage"]
    spec = firms["spec"]
    size = firms["size"]
    absorptive = firms["absorptive"]
    n_spec = p["n_specialisations"]
    firm_idx = np.arange(n, dtype=np.int64)
    cell = _cell_size(firms, p)
    fx, fy = x, y  # positions of every actor (firms first)
    layers: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]] = []

    # ---- social: short distance decay, a few long-range ties, triadic closure
    group = np.full(n_total, -1, dtype=np.int64)
    group[:n] = 0
    grid = _Grid(fx, fy, group, 1, np.concatenate([np.ones(n), np.zeros(n_total - n)]), cell)
    counts = rng.poisson(p["social_degree"] / 2, size=n)
    s_src, s_dst = grid.sample(
        fx,
        fy,
        firm_idx,
        counts,
        np.zeros(n, np.int64),
        [[1.0]],
        p["social_scale_km"],
        p["social_long_range"],
        seeds[3],
    )
    s_src, s_dst = _dedupe(s_src, s_dst, undirected=True, n=n_total)
    for r in range(p["closure_rounds"]):
        if p["social_closure"] <= 0 or s_src.size == 0:
            break
        indptr, indices, _ = csr_from_coo(
            n, np.concatenate([s_src, s_dst]), np.concatenate([s_dst, s_src])
        )
        a = np.empty(n, dtype=np.int64)
        b = np.empty(n, dtype=np.int64)
        triadic_closure(
            indptr, indices, float(p["social_closure"]), np.uint64(seeds[4] + np.uint64(r)), a, b
        )
        ok = a >= 0
        # the next round's CSR merges repeated pairs, so one dedupe at the end suffices
        s_src = np.concatenate([s_src, a[ok]])
        s_dst = np.concatenate([s_dst, b[ok]])
    s_src, s_dst = _dedupe(s_src, s_dst, undirected=True, n=n_total)
    social = ("social", s_src, s_dst, _strength(rng, s_src.shape[0]))
    # business ties grow out of kinship and friendship (seed line 190): neighbours per firm
    social_ptr, social_idx, _ = csr_from_coo(
        n_total, np.concatenate([s_src, s_dst]), np.concatenate([s_dst, s_src])
    )

    # ---- transaction: supplier (stage s-1) -> buyer (stage s)
    group = np.full(n_total, -1, dtype=np.int64)
    group[:n] = stage
    grid = _Grid(
        fx,
        fy,
        group,
        4,
        np.concatenate([size ** p["size_preference"], np.zeros(n_total - n)]),
        cell,
    )
    buyers = firm_idx[stage >= 1]
    counts = rng.poisson(p["transaction_degree"], size=buyers.shape[0])
    firm_stage = np.full(n_total, -1, dtype=np.int64)
    firm_stage[:n] = stage
    e_src, e_dst, counts = _embedded(
        buyers, counts, stage[buyers] - 1, social_ptr, social_idx, firm_stage,
        p["social_transaction"], seeds[7],
    )  # fmt: skip
    mix = np.eye(4)[:3]  # buyer stage 1 -> group 0, 2 -> 1, 3 -> 2
    b_src, b_dst = grid.sample(
        fx, fy, buyers, counts, stage[buyers] - 1, mix, p["transaction_scale_km"], 0.02, seeds[0]
    )
    b_src, b_dst = np.concatenate([e_src, b_src]), np.concatenate([e_dst, b_dst])
    sup, buy = _dedupe(b_dst, b_src, undirected=False, n=n_total)  # edge supplier -> buyer
    m_internal = sup.shape[0]
    # boundary-crossing ties: openness / (1 - openness) of the internal ones, half each way
    ext_idx = np.flatnonzero(external)
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
        sup = np.concatenate([sup, s_out, s_in])
        buy = np.concatenate([buy, t_out, t_in])
        sup, buy = _dedupe(sup, buy, undirected=False, n=n_total)
    smaller = np.minimum(_size_or(size, sup, n), _size_or(size, buy, n))
    w_tr = rng.lognormal(0.0, 0.5, size=sup.shape[0]) * (smaller / p["size_median"]) ** 0.3
    layers.append(("transaction", sup, buy, w_tr))

    # ---- technology: firm-firm within/near specialisation, plus knowledge organisations
    group = np.full(n_total, -1, dtype=np.int64)
    group[:n] = spec
    grid = _Grid(fx, fy, group, n_spec, np.concatenate([absorptive, np.zeros(n_total - n)]), cell)
    counts = rng.poisson(p["technology_degree"] / 2, size=n)
    is_firm = np.full(n_total, -1, dtype=np.int64)
    is_firm[:n] = 0
    trade_ptr, trade_idx, _ = csr_from_coo(
        n_total, np.concatenate([sup, buy]), np.concatenate([buy, sup])
    )
    zero = np.zeros(n, dtype=np.int64)
    tt_src, tt_dst, counts = _embedded(
        firm_idx, counts, zero, trade_ptr, trade_idx, is_firm,
        p["transaction_technology"], seeds[8],
    )  # fmt: skip
    rest = 1.0 - p["transaction_technology"]
    st_src, st_dst, counts = _embedded(
        firm_idx, counts, zero, social_ptr, social_idx, is_firm,
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
    t_src, t_dst = grid.sample(
        fx, fy, firm_idx, counts, spec, mix, p["technology_scale_km"], 0.05, seeds[1]
    )
    know = np.flatnonzero(np.isin(roles, KNOWLEDGE_ROLES) & ~external)
    k_src = np.empty(0, np.int64)
    k_dst = np.empty(0, np.int64)
    if know.size:
        prob = np.clip(p["knowledge_tie_prob"] * absorptive / max(absorptive.mean(), 1e-12), 0, 1)
        users = firm_idx[rng.random(n) < prob]
        group = np.full(n_total, -1, dtype=np.int64)
        group[know] = 0
        kgrid = _Grid(fx, fy, group, 1, np.ones(n_total), cell)
        u_src, u_dst = kgrid.sample(
            fx,
            fy,
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
        u_dst = np.where(to_hub, hub, u_dst)
        k_src, k_dst = u_src, u_dst
    outside_uni = np.flatnonzero(external & (roles == "university"))
    if outside_uni.size and p["openness"] > 0:
        prob = np.clip(p["openness"] * absorptive, 0, 1)
        users = firm_idx[rng.random(n) < prob]
        k_src = np.concatenate([k_src, users])
        k_dst = np.concatenate([k_dst, rng.choice(outside_uni, size=users.shape[0])])
    t_src = np.concatenate([tt_src, st_src, t_src, k_src])
    t_dst = np.concatenate([tt_dst, st_dst, t_dst, k_dst])
    t_src, t_dst = _dedupe(t_src, t_dst, undirected=True, n=n_total)
    layers.append(("technology", t_src, t_dst, _strength(rng, t_src.shape[0])))
    layers.append(social)

    # ---- service: auxiliary -> firm
    v_src_parts, v_dst_parts = [], []
    kinds = [*SERVICE_ROLES, "association"]
    group = np.full(n_total, -1, dtype=np.int64)
    for g, role in enumerate(kinds):
        group[(roles == role) & ~external] = g
    grid = _Grid(fx, fy, group, len(kinds), np.ones(n_total), cell)
    for g, role in enumerate(kinds):
        if not np.any(group == g):
            continue
        prob = p["association_membership"] if role == "association" else p["service_prob"]
        if role == "government":
            prob = min(1.0, 2 * p["service_prob"])
        users = firm_idx[rng.random(n) < prob]
        scale = 3.0 if role == "government" else 8.0
        f_src, inst = grid.sample(
            fx,
            fy,
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
        np.concatenate(v_src_parts), np.concatenate(v_dst_parts), undirected=False, n=n_total
    )
    layers.append(("service", v_src, v_dst, _strength(rng, v_src.shape[0])))

    # ---- competition: same stage and specialisation
    group = np.full(n_total, -1, dtype=np.int64)
    group[:n] = stage * n_spec + spec
    grid = _Grid(
        fx, fy, group, 4 * n_spec, np.concatenate([np.sqrt(size), np.zeros(n_total - n)]), cell
    )
    counts = rng.poisson(p["competition_degree"] / 2, size=n)
    classes = stage * n_spec + spec
    mix = np.eye(4 * n_spec)
    c_src, c_dst = grid.sample(
        fx, fy, firm_idx, counts, classes, mix, p["competition_scale_km"], 0.1, seeds[6]
    )
    c_src, c_dst = _dedupe(c_src, c_dst, undirected=True, n=n_total)
    layers.append(("competition", c_src, c_dst, _strength(rng, c_src.shape[0], shape=4.0)))

    names = [name for name, *_ in layers]
    codes = np.concatenate(
        [np.full(s.shape[0], names.index(nm), dtype=np.int16) for nm, s, _, _ in layers]
    )
    return {
        "source": np.concatenate([s for _, s, _, _ in layers]),
        "target": np.concatenate([t for _, _, t, _ in layers]),
        "layer": codes,
        "weight": np.concatenate([w for *_, w in layers]),
    }


def _size_or(size: np.ndarray, idx: np.ndarray, n: int) -> np.ndarray:
    """Size of firms; the median firm size stands in for external actors."""
    out = np.full(idx.shape[0], np.median(size))
    firm = idx < n
    out[firm] = size[idx[firm]]
    return out
