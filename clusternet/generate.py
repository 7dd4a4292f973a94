r"""Synthetic industrial clusters: three tiers, five layers, geography.

The model (see ``docs/generator.md``) follows the three-tier cluster picture of
C-TIERS-1 (``docs/claims.md``):

* **Towns** are placed uniformly on a square region; their populations follow a
  Zipf law (``town_size_exponent``); firms scatter around their town centre with
  a Gaussian spread that grows with the town's population.
* **Core firms** belong to a value-chain *stage* (0 materials/parts supplier,
  1 component maker, 2 assembler/producer, 3 trader) and a product
  *specialisation*. Roles follow the stage (``supplier``, ``supplier``,
  ``producer`` or ``complementor``, ``customer``). **Size** (employees) is a
  lognormal body truncated at ``size_tail_min`` plus, for a share
  ``size_tail_share`` of firms, a Pareto tail :math:`P(S > s) = (s / s_{\min})^{-\alpha}`
  above it (:math:`\alpha` = ``size_tail_exponent``). **R&D intensity** is lognormal around
  ``rd_mean`` and rises with size (elasticity ``rd_size_elasticity``);
  **absorptive capacity** is a logistic function of :math:`\log(1 + \mathrm{rd} / 2\%)` (an
  absolute R&D anchor, comparable across presets) and log size, in
  (0, 1) (Cohen & Levinthal 1990); **quality** is Beta-distributed around
  ``quality_mean`` and rises slightly with size.
* **Auxiliary actors** in numbers that scale with the cluster: a government per
  town, associations, intermediaries, universities, research institutes,
  technology platforms, training bodies and finance, placed at town centres.
* **External actors** (global buyers, outside suppliers, outside universities),
  flagged ``external``, far outside the region; ``openness`` is the expected share
  of core firms' transaction ties that cross the cluster boundary.
* **Layers**, every tie drawn by distance-decayed sampling on a spatial grid
  (:mod:`clusternet.kernels.spatial`; no :math:`O(N^2)` step):
  ``transaction`` (directed supplier -> buyer, mostly stage s-1 -> s, with shares
  from the buyer's own stage and from s-2, some ties returned; preferring near
  and large partners: attractiveness :math:`\mathrm{size}^{\mathrm{size\_preference}}`), ``technology``
  (undirected cooperation within the same specialisation or a neighbouring
  one, partners chosen by absorptive capacity, plus ties from firms to
  universities, institutes and platforms with probability rising with
  absorptive capacity; ``hub_share`` of them go to one central hub),
  ``social`` (undirected kinship/friendship: short distance decay, a few
  long-range ties, then triadic closure for high clustering), ``service``
  (directed auxiliary -> firm: government, associations, intermediaries,
  training, finance), ``competition`` (undirected, same stage and same
  specialisation, a sparse sample). Each firm's draws scale with a log-normal
  activity per layer (degree heterogeneity), spatial draws prefer the firm's own
  ownership class (homophily), and trade partners become friends with
  ``business_friendship``. Duplicate ties are merged and self-loops
  dropped. Weights carry tie strength (mean about 1; transaction volume rises
  with the smaller partner's size).

Presets encode stylised assumptions, not calibrated data: ``"liushi"``
(low-voltage electrical: a heavier size tail, large leading firms with deep
supplier networks, strong technology layer), ``"taizhou"`` (pumps: a research
institute / common-technology platform hub used by many SMEs) and ``"datang"``
(hosiery: thousands of tiny household workshops, a very dense social layer, a
strong association, little R&D).
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from scipy import special

from clusternet._network_input import text_column
from clusternet._ties import draw_ties
from clusternet._validate import derived_sequence, seed_sequence, show
from clusternet.network import ClusterNetwork
from clusternet.params import Parameter, resolve
from clusternet.roles import STANDARD_LAYERS

STAGE_NAMES = ("materials", "components", "assembly", "trade")
STAGE_ROLES = ("supplier", "supplier", "producer", "customer")
#: Names of the ownership classes (the first ``len(ownership_shares)`` are used).
OWNERSHIP_NAMES = (
    "private",
    "collective",
    "foreign",
    "state",
    "class-4",
    "class-5",
    "class-6",
    "class-7",
)
#: Most classes an attribute share tuple may have.
MAX_CLASSES = len(OWNERSHIP_NAMES)
#: Layers whose tie activity is overdispersed (one log-normal factor per firm and layer).
ACTIVITY_LAYERS = ("transaction", "technology", "social")


#: Every generator parameter (a :class:`clusternet.params.Parameter`): default, valid
#: range and meaning.
PARAMETERS: dict[str, Parameter] = {
    "n_towns": Parameter(
        None, 1, 100_000, "number of towns (default: about one per 1,500 firms, at least 3)", int
    ),
    "region_km": Parameter(
        None, 1.0, 1e5, "side of the square region in km (default 12 * sqrt(n_towns))"
    ),
    "town_radius_km": Parameter(
        1.5, 0.01, 1e3, "spread (sd, km) of firms around a town of average size"
    ),
    "town_size_exponent": Parameter(
        1.0, 0.0, 3.0, "Zipf exponent of town populations (0 = equal towns)"
    ),
    "stage_shares": Parameter(
        (0.25, 0.30, 0.30, 0.15),
        None,
        None,
        "shares of firms per value-chain stage",
        tuple,
        length=(4, 4),
    ),
    "complementor_share": Parameter(0.1, 0.0, 1.0, "share of stage-2 firms that are complementors"),
    "n_specialisations": Parameter(6, 1, 1000, "number of product specialisations", int),
    "size_median": Parameter(8.0, 1.0, 1e5, "median employees of the lognormal body"),
    "size_sigma": Parameter(1.0, 0.05, 5.0, "log-sd of the lognormal body"),
    "size_tail_share": Parameter(0.03, 0.0, 0.5, "share of firms in the Pareto tail"),
    "size_tail_min": Parameter(100.0, 2.0, 1e6, "employees where the Pareto tail starts (s_min)"),
    "size_tail_exponent": Parameter(
        1.6, 0.5, 5.0, "Pareto tail exponent alpha, P(S > s) ~ s^-alpha"
    ),
    "rd_mean": Parameter(0.02, 0.0, 0.5, "mean R&D intensity (R&D spending / sales)"),
    "rd_size_elasticity": Parameter(
        0.25, 0.0, 2.0, "elasticity of R&D intensity with respect to size"
    ),
    "quality_mean": Parameter(0.6, 0.01, 0.99, "mean share of high-quality output"),
    "quality_concentration": Parameter(
        6.0, 0.1, 1e4, "Beta concentration of quality (higher = less dispersed)"
    ),
    "auxiliary_density": Parameter(
        1.0, 0.0, 100.0, "multiplier on the number of auxiliary institutions"
    ),
    "openness": Parameter(
        0.05, 0.0, 0.9, "expected share of core transaction ties crossing the boundary"
    ),
    "transaction_degree": Parameter(
        3.0, 0.0, 100.0, "mean number of in-cluster suppliers per buying firm"
    ),
    "transaction_scale_km": Parameter(
        6.0, 0.01, 1e4, "distance-decay scale of transaction ties (km)"
    ),
    "size_preference": Parameter(
        0.7, 0.0, 3.0, "attractiveness of a partner ~ size ** size_preference"
    ),
    "technology_degree": Parameter(
        2.0,
        0.0,
        100.0,
        "mean firm-firm technology ties per firm (assumed, range 1-4; raised from 1.5 so that "
        "the interwoven layers' multiplexity sits in the surveyed range, docs/generator.md)",
    ),
    "technology_scale_km": Parameter(
        10.0, 0.01, 1e4, "distance-decay scale of technology ties (km)"
    ),
    "same_specialisation": Parameter(
        0.8, 0.0, 1.0, "share of technology ties within the same specialisation"
    ),
    "knowledge_tie_prob": Parameter(
        0.15,
        0.0,
        1.0,
        "probability that a firm of average absorptive capacity ties to a knowledge organisation",
    ),
    "hub_share": Parameter(
        0.0, 0.0, 1.0, "share of knowledge-organisation ties that go to the central hub"
    ),
    "social_degree": Parameter(
        3.0,
        0.0,
        200.0,
        "mean social ties per firm drawn in space, before business friendships and triadic "
        "closure (assumed, range 2-6; lowered from 5 when business_friendship was added, so the "
        "social layer's mean degree stays about 7)",
    ),
    "social_scale_km": Parameter(1.0, 0.01, 1e4, "distance-decay scale of social ties (km)"),
    "social_long_range": Parameter(
        0.02, 0.0, 1.0, "share of social ties drawn regardless of distance"
    ),
    "social_closure": Parameter(
        0.6, 0.0, 1.0, "probability per firm and round of a friend-of-friend tie"
    ),
    "closure_rounds": Parameter(3, 0, 20, "rounds of triadic closure", int),
    "technology_closure": Parameter(
        0.0,
        0.0,
        1.0,
        "probability per firm and round that a firm introduces two of its technology partners "
        "to each other (advice passes to a partner's partner). Off by default: closure ties "
        "are technology-only, and at 0.2 the default cluster's transaction-technology overlap "
        "(0.45) and multiplexity (0.36) fall below the surveyed range; fits free it",
    ),
    "service_prob": Parameter(
        0.3, 0.0, 1.0, "probability of a service tie from each kind of service institution"
    ),
    "association_membership": Parameter(
        0.4, 0.0, 1.0, "probability that a firm belongs to an association"
    ),
    "social_transaction": Parameter(
        0.35,
        0.0,
        1.0,
        "share of a buyer's in-cluster supplier draws made among its social contacts in the "
        "supplier stage: business ties grow out of kinship and friendship (C-NET-1; "
        "Uzzi 1996)",
    ),
    "transaction_technology": Parameter(
        0.45,
        0.0,
        1.0,
        "share of firm-firm technology-tie draws made among the firm's transaction partners: "
        "technological linkage follows the division of labour (C-NET-1; knowledge ties "
        "are a selective subset of business ties, Giuliani 2007)",
    ),
    "social_technology": Parameter(
        0.4,
        0.0,
        1.0,
        "share of firm-firm technology-tie draws made among the firm's social contacts "
        "(informal know-how trading among friends, von Hippel 1987); with "
        "transaction_technology at most 1",
    ),
    "same_stage_trade": Parameter(
        0.2,
        0.0,
        1.0,
        "share of a buyer's supplier draws made among firms of its own stage: horizontal "
        "(capacity) subcontracting between peers, which closes trade triangles (assumed, range "
        "0.1-0.4; Brusco 1982, Lazerson 1995)",
    ),
    "skip_stage_trade": Parameter(
        0.1,
        0.0,
        1.0,
        "share of a buyer's supplier draws made two stages upstream (a trader or assembler "
        "buying parts directly; assumed, range 0-0.2); with same_stage_trade at most 1",
    ),
    "transaction_reciprocity": Parameter(
        0.15,
        0.0,
        1.0,
        "probability that an in-cluster trade tie is returned (the buyer also supplies its "
        "supplier; assumed, range 0.05-0.3: two-way trade among peers in subcontracting "
        "networks, Lazerson 1995)",
    ),
    "business_friendship": Parameter(
        0.45,
        0.0,
        1.0,
        "probability that an in-cluster trade tie is also a social tie: business partners "
        "become friends, so embedding runs both ways (Uzzi 1996; assumed, range 0.3-0.7)",
    ),
    "transaction_dispersion": Parameter(
        0.6,
        0.0,
        3.0,
        "log-sd of a firm's trade activity (mean 1): it scales the firm's supplier draws and "
        "its pull as a supplier, so trade degrees are overdispersed (fitness model, Caldarelli "
        "et al. 2002; assumed, range 0.3-1.2)",
    ),
    "technology_dispersion": Parameter(
        0.7,
        0.0,
        3.0,
        "log-sd of a firm's technology-tie activity (mean 1), as transaction_dispersion "
        "(assumed, range 0.3-1.2: knowledge networks are more unequal than trade, Giuliani 2007)",
    ),
    "social_dispersion": Parameter(
        0.5,
        0.0,
        3.0,
        "log-sd of a firm's social activity (mean 1), as transaction_dispersion (assumed, "
        "range 0.2-1.0)",
    ),
    "activity_correlation": Parameter(
        0.5,
        0.0,
        1.0,
        "correlation of a firm's log activity across the trade, technology and social layers "
        "(active firms are active everywhere; assumed, range 0.3-0.8)",
    ),
    "ownership_shares": Parameter(
        (0.85, 0.1, 0.05),
        None,
        None,
        "shares of firms per ownership class (private, collective, foreign-invested); the "
        "actors' `ownership` column (assumed for a Zhejiang-type cluster)",
        tuple,
        length=(1, MAX_CLASSES),
    ),
    "ownership_homophily": Parameter(
        0.3,
        0.0,
        1.0,
        "homophily on ownership (Coleman's inbreeding index): a share of the spatial draws of "
        "trade, technology and social ties kept within the firm's own ownership class, the rest "
        "by class shares (McPherson, Smith-Lovin & Cook 2001; assumed, range 0.1-0.5)",
    ),
    "competition_degree": Parameter(2.0, 0.0, 100.0, "mean competition ties per firm"),
    "competition_scale_km": Parameter(
        5.0, 0.01, 1e4, "distance-decay scale of competition ties (km)"
    ),
    "transaction_closure": Parameter(
        0.0,
        0.0,
        1.0,
        "probability per firm and round that a firm introduces two of its trade partners to "
        "each other, who then trade (referral trade, Uzzi 1996; a partner's partner becomes a "
        "partner). Off by default, as technology_closure: closure ties are trade-only and lower "
        "the default cluster's overlaps; fits may free it",
    ),
}

#: R&D intensity (share of sales) that anchors absorptive capacity: 2 %, about the
#: R&D intensity of medium-low/medium-high technology manufacturing in the OECD
#: technology classification (Hatzichronoglou 1997; Galindo-Rueda & Verger 2016).
#: A fixed anchor keeps absorptive capacity comparable across presets.
RD_REFERENCE = 0.02

#: Stylised presets (documented assumptions, not calibrated data).
PRESETS: dict[str, dict[str, object]] = {
    "liushi": {
        "size_tail_share": 0.05,
        "size_tail_exponent": 1.3,
        "size_median": 12.0,
        "stage_shares": (0.30, 0.35, 0.25, 0.10),
        "transaction_degree": 3.5,
        "size_preference": 1.0,
        "technology_degree": 2.0,
        "rd_mean": 0.035,
        "knowledge_tie_prob": 0.2,
        "quality_mean": 0.65,
    },
    "taizhou": {
        "size_median": 15.0,
        "rd_mean": 0.025,
        "knowledge_tie_prob": 0.6,
        "hub_share": 0.7,
        "technology_degree": 1.2,
        "auxiliary_density": 1.5,
    },
    "datang": {
        "size_median": 3.0,
        "size_sigma": 0.7,
        "size_tail_share": 0.005,
        "size_tail_exponent": 2.0,
        "social_degree": 10.0,
        "social_closure": 0.7,
        "association_membership": 0.8,
        "rd_mean": 0.005,
        "technology_degree": 0.3,
        "knowledge_tie_prob": 0.03,
        "quality_mean": 0.45,
        "n_specialisations": 3,
        "competition_degree": 4.0,
        "service_prob": 0.2,
    },
}

#: Auxiliary institutions per 1,000 firms (and the minimum count) before ``auxiliary_density``.
AUXILIARY_RATES: dict[str, tuple[float, int]] = {
    "association": (0.5, 1),
    "intermediary": (2.5, 1),
    "university": (0.2, 1),
    "research_institute": (0.25, 1),
    "platform": (0.35, 1),
    "training": (0.5, 1),
    "finance": (1.0, 1),
}


def resolve_parameters(n_firms: int, preset: str | None, params: dict) -> dict:
    """Defaults, then the preset, then the caller's parameters; each validated.

    Parameters
    ----------
    n_firms : int
        Number of firms (some defaults scale with it).
    preset : str, optional
        A preset of :data:`PRESETS` (e.g. ``"taizhou"``); None for the defaults alone.
    params : dict
        The caller's parameter values, by name; an unknown name raises a ValueError.

    Returns
    -------
    dict
        Every generator parameter with its value.

    Examples
    --------
    >>> from clusternet.generate import resolve_parameters
    >>> p = resolve_parameters(3000, "datang", {"social_degree": 8.0})
    >>> p["social_degree"], p["size_median"], p["n_towns"], p["stage_shares"]
    (8.0, 3.0, 3, (0.25, 0.3, 0.3, 0.15))
    """
    if preset is not None and preset not in PRESETS:
        raise ValueError(
            f"unknown preset {show(preset)}; valid presets: {', '.join(PRESETS)} (or None)"
        )
    values = resolve(params, PARAMETERS, base=PRESETS[preset] if preset is not None else None)
    if float(values["transaction_technology"]) + float(values["social_technology"]) > 1:
        raise ValueError(
            "transaction_technology + social_technology must be at most 1 (shares of the same "
            f"technology-tie draws), got {show(values['transaction_technology'])} + "
            f"{show(values['social_technology'])}"
        )
    if float(values["same_stage_trade"]) + float(values["skip_stage_trade"]) > 1:
        raise ValueError(
            "same_stage_trade + skip_stage_trade must be at most 1 (shares of the same supplier "
            f"draws), got {show(values['same_stage_trade'])} + "
            f"{show(values['skip_stage_trade'])}"
        )
    if values["n_towns"] is None:
        values["n_towns"] = max(3, round(n_firms / 1500))
    if values["region_km"] is None:
        values["region_km"] = 12.0 * float(np.sqrt(float(values["n_towns"])))
    return values


def generate_cluster(
    n_firms: int = 5000, preset: str | None = None, seed: int | None = None, **params
) -> ClusterNetwork:
    """Generate a synthetic industrial cluster (three tiers, five layers, geography).

    Parameters
    ----------
    n_firms : int, default 5000
        Number of core firms (auxiliary and external actors are added).
    preset : {"liushi", "taizhou", "datang"} or None
        Stylised parameter set; ``None`` is a balanced default.
    seed : int, optional
        Seed; the same seed gives the identical network whatever the thread count.
    **params
        Any of :data:`PARAMETERS` (defaults, ranges and meanings there); they
        override the preset.

    Returns
    -------
    ClusterNetwork
        Actors with columns ``id`` (0..N-1), ``role``, ``tier``, ``external``,
        ``stage``, ``stage_name``, ``specialisation``, ``sector``, ``town``, ``x``,
        ``y`` (km), ``size`` (employees), ``leader``, ``rd_intensity``,
        ``absorptive_capacity``, ``quality`` (NaN where not meaningful),
        ``ownership`` (empty for non-firms), and the five standard layers.

    Notes
    -----
    The model and its rules are in the module docstring and ``docs/generator.md``.
    Tie formation uses distance-decayed sampling on a spatial grid
    (``clusternet.kernels.spatial.sample_partners``), so time and memory
    grow linearly with ``n_firms``.

    References
    ----------
    Porter (1998) Clusters and the new economics of competition; Cohen & Levinthal
    (1990) Absorptive capacity; Axtell (2001) Zipf distribution of U.S. firm sizes;
    Davidsen, Ebel & Bornholdt (2002) triadic closure and small worlds.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.generate_cluster(200, preset="taizhou", seed=1)
    >>> net.layers
    ('transaction', 'technology', 'social', 'service', 'competition')
    >>> int(net.tier_mask("core").sum()), net.n_actors > 200
    (200, True)
    """
    p, rng, kernel_seeds, firms, aux, ext = _draw_actors(n_firms, preset, seed, params)
    actors = _actor_table(firms, aux, ext)
    del aux, ext
    edges = draw_ties(actors, firms, p, rng, kernel_seeds)
    del firms  # the actor table holds copies: free the draws before the network is built
    # the ties are canonical by construction (int32, in range, no loops, undirected i < j)
    return ClusterNetwork._from_canonical(
        actors, edges, list(STANDARD_LAYERS), list(STANDARD_LAYERS.values())
    )


def generate_edges(n_firms: int, preset: str | None = None, seed=None, **params) -> dict:
    """The ties :func:`generate_cluster` would make, as arrays, without building the network.

    Returns ``source``, ``target``, ``layer`` (codes into ``layers``), ``weight``,
    ``layers``, ``n_actors``, ``n_firms`` (firms are actors ``0 .. n_firms - 1``),
    ``x``, ``y`` and the firms' ``ownership`` class codes; the same seed gives the same ties as :func:`generate_cluster`.
    For tight loops that only need tie statistics (e.g. :func:`clusternet.fit_generator`),
    where building the actor table and validating it would cost more than the ties.

    Parameters
    ----------
    n_firms : int
        Number of firms.
    preset : str, optional
        A preset of :data:`PRESETS`.
    seed : int or SeedSequence, optional
        The generator's seed.
    **params
        Generator parameters, as in :func:`generate_cluster`.

    Returns
    -------
    dict
        The arrays and counts named above.

    Examples
    --------
    >>> from clusternet.generate import generate_edges
    >>> ties = generate_edges(100, seed=1)
    >>> sorted(ties)
    ['layer', 'layers', 'n_actors', 'n_firms', 'ownership', 'source', 'target', 'weight', 'x', 'y']
    """
    p, rng, kernel_seeds, firms, aux, ext = _draw_actors(n_firms, preset, seed, params)
    actors = {
        "x": np.concatenate([firms["x"], aux["x"], ext["x"]]),
        "y": np.concatenate([firms["y"], aux["y"], ext["y"]]),
        "role": np.concatenate([firms["role"], aux["role"], ext["role"]]),
        "external": np.concatenate(
            [
                np.zeros(firms["n"] + aux["role"].shape[0], dtype=bool),
                np.ones(ext["role"].shape[0], dtype=bool),
            ]
        ),
    }
    edges = draw_ties(actors, firms, p, rng, kernel_seeds)
    edges.update(
        layers=list(STANDARD_LAYERS),
        n_actors=actors["x"].shape[0],
        n_firms=int(n_firms),
        x=actors["x"],
        y=actors["y"],
        ownership=firms["ownership"],
    )
    return edges


def _draw_actors(n_firms, preset, seed, params):
    """Validated parameters, the random streams and the actors (firms, institutions, outsiders)."""
    if isinstance(n_firms, bool) or not isinstance(n_firms, numbers.Integral):
        raise TypeError(f"n_firms must be an integer, got {show(n_firms)}")
    n_firms = int(n_firms)
    if n_firms < 2 or n_firms > 200_000_000:
        raise ValueError(f"n_firms must lie in [2, 200000000], got {n_firms}")
    p = resolve_parameters(int(n_firms), preset, params)
    ss = seed_sequence(seed)
    # derived from the full state without consuming it (a caller's SeedSequence is not mutated)
    rng = np.random.default_rng(derived_sequence(ss, 0))
    kernel_seeds = ss.generate_state(10, dtype=np.uint64).astype(np.uint64)
    firms = _firms(int(n_firms), p, rng)
    aux = _auxiliaries(int(n_firms), p, firms["towns"], rng)
    ext = _externals(int(n_firms), p, rng)
    return p, rng, kernel_seeds, firms, aux, ext


# ---------------------------------------------------------------------- actors
def _firms(n: int, p: dict, rng: np.random.Generator) -> dict:
    n_towns = p["n_towns"]
    region = p["region_km"]
    centres = rng.uniform(0.0, region, size=(n_towns, 2))
    share = 1.0 / np.arange(1, n_towns + 1) ** p["town_size_exponent"]
    share /= share.sum()
    town = rng.choice(n_towns, size=n, p=share)
    spread = p["town_radius_km"] * np.sqrt(share * n_towns)
    xy = centres[town] + rng.normal(size=(n, 2)) * spread[town, None]
    stage = rng.choice(4, size=n, p=np.asarray(p["stage_shares"]))
    spec = rng.integers(0, p["n_specialisations"], size=n)
    size = _sizes(n, p, rng)
    # R&D intensity rises with size; absorptive capacity with R&D and size.
    rel = np.log(size / p["size_median"])
    rd = p["rd_mean"] * np.exp(0.5 * rng.normal(size=n) - 0.125 + p["rd_size_elasticity"] * rel)
    rd = np.clip(rd, 0.0, 0.5) if p["rd_mean"] > 0 else np.zeros(n)
    # absorptive capacity on an absolute scale: R&D is measured against a fixed
    # reference, not the preset's own mean, so a low-R&D cluster (datang) has
    # less capable firms than a high-R&D one (liushi) (Cohen & Levinthal 1990)
    rd_rel = np.log1p(rd / RD_REFERENCE)
    absorptive = special.expit(-1.0 + 1.2 * rd_rel + 0.35 * rel + 0.3 * rng.normal(size=n))
    qm = np.clip(p["quality_mean"] + 0.05 * np.tanh(rel / 2), 0.01, 0.99)
    k = p["quality_concentration"]
    quality = rng.beta(qm * k, (1 - qm) * k)
    role = np.asarray(STAGE_ROLES, dtype=object)[stage]
    comp = (stage == 2) & (rng.random(n) < p["complementor_share"])
    role[comp] = "complementor"
    # drawn after the attributes above, so those stay what they were for a seed
    owner_shares = np.asarray(p["ownership_shares"])
    ownership = rng.choice(owner_shares.shape[0], size=n, p=owner_shares)
    return {
        "n": n,
        "towns": centres,
        "town": town,
        "x": xy[:, 0],
        "y": xy[:, 1],
        "stage": stage,
        "spec": spec,
        "size": size,
        "rd": rd,
        "absorptive": absorptive,
        "quality": quality,
        "role": role,
        "ownership": ownership,
        "activity": _activity(n, p, rng),
    }


def _activity(n: int, p: dict, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Each firm's tie activity per layer: log-normal with mean 1, correlated across layers.

    ``f = exp(sigma z - sigma^2 / 2)`` with ``z = sqrt(rho) z_0 + sqrt(1 - rho) z_layer``
    (``sigma``: the layer's ``*_dispersion``, ``rho``: ``activity_correlation``), so
    ``E f = 1`` and the log activities of two layers correlate by ``rho``.
    """
    rho = p["activity_correlation"]
    common = rng.normal(size=n)
    out = {}
    for layer in ACTIVITY_LAYERS:
        sigma = p[f"{layer}_dispersion"]
        z = np.sqrt(rho) * common + np.sqrt(1.0 - rho) * rng.normal(size=n)
        out[layer] = np.exp(sigma * z - 0.5 * sigma * sigma)
    return out


def _sizes(n: int, p: dict, rng: np.random.Generator) -> np.ndarray:
    """Lognormal body truncated at s_min plus a Pareto tail above it (employees, >= 1)."""
    s_min = p["size_tail_min"]
    mu = np.log(p["size_median"])
    sigma = p["size_sigma"]
    tail = rng.random(n) < p["size_tail_share"]
    cap = special.ndtr((np.log(s_min) - mu) / sigma)
    u = rng.random(n) * cap
    body = np.exp(mu + sigma * special.ndtri(np.clip(u, 1e-300, None)))
    pareto = s_min * (1.0 - rng.random(n)) ** (-1.0 / p["size_tail_exponent"])
    size = np.where(tail, pareto, np.minimum(body, s_min))
    return np.maximum(np.round(size), 1.0)


def _auxiliaries(n_firms: int, p: dict, centres: np.ndarray, rng: np.random.Generator) -> dict:
    roles: list[str] = []
    towns: list[int] = []
    n_towns = centres.shape[0]
    roles += ["government"] * n_towns
    towns += list(range(n_towns))
    density = p["auxiliary_density"]
    for role, (per_thousand, minimum) in AUXILIARY_RATES.items():
        count = max(minimum, round(per_thousand * n_firms / 1000 * density)) if density > 0 else 0
        roles += [role] * count
        # larger towns host more institutions: the first institutions of each kind go to the largest towns
        towns += [k % n_towns for k in range(count)]
    town_arr = np.asarray(towns, dtype=np.int64)
    xy = centres[town_arr] + rng.normal(scale=0.3, size=(len(roles), 2))
    return {"role": np.asarray(roles, dtype=object), "town": town_arr, "x": xy[:, 0], "y": xy[:, 1]}


def _externals(n_firms: int, p: dict, rng: np.random.Generator) -> dict:
    if p["openness"] <= 0:
        return {"role": np.empty(0, dtype=object), "x": np.empty(0), "y": np.empty(0)}
    total = max(3, round(p["openness"] * n_firms * 0.2))
    counts = {"customer": max(1, round(total * 0.5)), "supplier": max(1, round(total * 0.3))}
    counts["university"] = max(1, total - counts["customer"] - counts["supplier"])
    roles = np.concatenate([np.full(c, r, dtype=object) for r, c in counts.items()])
    angle = rng.uniform(0, 2 * np.pi, size=roles.shape[0])
    radius = p["region_km"] * (3.0 + rng.random(roles.shape[0]))
    centre = p["region_km"] / 2
    return {
        "role": roles,
        "x": centre + radius * np.cos(angle),
        "y": centre + radius * np.sin(angle),
    }


def _actor_table(firms: dict, aux: dict, ext: dict) -> pd.DataFrame:
    n, na, ne = firms["n"], aux["role"].shape[0], ext["role"].shape[0]
    total = n + na + ne
    nan_tail = np.full(na + ne, np.nan)
    town_names = [f"town-{k}" for k in range(firms["towns"].shape[0])]
    stage = np.concatenate([firms["stage"], np.full(na + ne, -1)])
    spec = np.concatenate([firms["spec"], np.full(na + ne, -1)])
    size = np.concatenate([firms["size"], nan_tail])
    leader = np.zeros(total, dtype=bool)
    leader[:n] = (
        firms["size"] >= np.quantile(firms["size"], 0.99)
        if n >= 100
        else firms["size"] >= firms["size"].max()
    )
    role_codes, role_names = pd.factorize(np.concatenate([firms["role"], aux["role"], ext["role"]]))
    n_spec = int(firms["spec"].max()) + 1 if n else 0
    # text columns from codes: the last name of each list is the others' value
    stage_codes = np.where(stage >= 0, stage, len(STAGE_NAMES))
    sector_codes = np.where(spec >= 0, spec, n_spec)
    town_codes = np.concatenate([firms["town"], aux["town"], np.full(ne, len(town_names))])
    return pd.DataFrame(
        {
            "id": np.arange(total, dtype=np.int64),
            "role": text_column(role_names, role_codes),
            "external": np.concatenate([np.zeros(n + na, dtype=bool), np.ones(ne, dtype=bool)]),
            "stage": stage.astype(np.int8),
            "stage_name": text_column([*STAGE_NAMES, ""], stage_codes),
            "specialisation": spec.astype(np.int16),
            "sector": text_column([*(f"product-{k}" for k in range(n_spec)), ""], sector_codes),
            "town": text_column([*town_names, "external"], town_codes),
            "x": np.concatenate([firms["x"], aux["x"], ext["x"]]),
            "y": np.concatenate([firms["y"], aux["y"], ext["y"]]),
            "size": size,
            "leader": leader,
            "rd_intensity": np.concatenate([firms["rd"], nan_tail]),
            "absorptive_capacity": np.concatenate([firms["absorptive"], nan_tail]),
            "quality": np.concatenate([firms["quality"], nan_tail]),
            "ownership": text_column(
                [*OWNERSHIP_NAMES, ""],
                np.concatenate([firms["ownership"], np.full(na + ne, MAX_CLASSES)]),
            ),
        }
    )


def small_world(n: int, k: int, p: float, seed=None, layer: str = "social") -> ClusterNetwork:
    r"""Watts–Strogatz small world.

    A ring lattice of ``n`` actors, each tied to its ``k`` nearest neighbours
    (``k`` even), each tie's far end rewired with probability ``p`` to a
    uniformly drawn actor (no self-loops or duplicates).

    ``p = 0`` is the regular lattice, ``p = 1`` close to a random graph; the small-world
    regime (high clustering, short paths) lies around ``p`` = 0.01–0.1.

    Parameters
    ----------
    n : int
        Number of actors.
    k : int
        Even number of nearest neighbours on the ring, :math:`0 \le k < n`.
    p : float
        Rewiring probability, in [0, 1].
    seed : int or SeedSequence, optional
        Seed of the rewiring.
    layer : str, default "social"
        Name of the one (undirected) layer.

    Returns
    -------
    ClusterNetwork
        :math:`n` actors and :math:`n k / 2` ties.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world'
    networks. *Nature* 393:440–442.

    Examples
    --------
    >>> import clusternet as cn
    >>> net = cn.small_world(10, 4, 0.0, seed=1)
    >>> net.n_actors, net.n_edges
    (10, 20)
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 3:
        raise ValueError(f"n must be an integer >= 3, got {show(n)}")
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 2 or k % 2 or k >= n:
        raise ValueError(f"k must be an even integer in [2, n), got {show(k)}")
    p = float(p)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must lie in [0, 1], got {show(p)}")
    rng = np.random.default_rng(seed_sequence(seed))
    src = np.repeat(np.arange(n), k // 2)
    dst = (src + np.tile(np.arange(1, k // 2 + 1), n)) % n
    present = set(zip(np.minimum(src, dst).tolist(), np.maximum(src, dst).tolist()))
    rewire = rng.random(src.shape[0]) < p
    for e in np.flatnonzero(rewire):
        u, v = int(src[e]), int(dst[e])
        for _ in range(100):
            w = int(rng.integers(n))
            key = (min(u, w), max(u, w))
            if w != u and key not in present:
                present.discard((min(u, v), max(u, v)))
                present.add(key)
                dst[e] = w
                break
    edges = {"source": src, "target": dst, "layer": np.full(src.shape[0], layer, dtype=object)}
    return ClusterNetwork.from_edges(
        edges, actors=pd.DataFrame({"id": np.arange(n)}), directed={layer: False}
    )
