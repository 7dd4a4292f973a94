"""Upgrading readiness: a technology wheel and a brand wheel (composite indicators).

Definitions, units, directions and goalposts of every component are in
``docs/measures.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusternet._scaling import by_largest
from clusternet._validate import check_int, check_probability, seed_sequence
from clusternet.economics import (
    BRAND_DEFAULTS,
    free_riding_exposure,
    high_quality_share,
    initial_knowledge_mean,
    quality_incentive,
)
from clusternet.economics import leaders as own_brand_firms
from clusternet.kernels.adjacency import neighbour_bits, partners_within
from clusternet.kernels.paths import multi_source_depth
from clusternet.kernels.patterns import union_patterns
from clusternet.measures.capacity import present_layers
from clusternet.measures.composite import normalize
from clusternet.network import ClusterNetwork


# ---------------------------------------------------------------------- upgrading readiness
@dataclass(frozen=True)
class ComponentSpec:
    """One readiness component: its wheel, direction (+1: more is better), goalposts, unit, meaning.

    Parameters
    ----------
    wheel : {"technology", "brand"}
        The wheel the component belongs to.
    direction : {+1, -1}
        +1 when more is better, -1 when less is.
    goalposts : tuple of (float, float)
        The raw values that normalise to 0 and 1 (absolute, not relative to a sample).
    unit : str
        The raw value's unit.
    meaning : str
        What the component measures, in words.

    Examples
    --------
    >>> READINESS_COMPONENTS["free_riding_exposure"].direction
    -1
    """

    wheel: str
    direction: int
    goalposts: tuple[float, float]
    unit: str
    meaning: str


#: The readiness components: wheel, direction, absolute goalposts, unit, meaning.
READINESS_COMPONENTS: dict[str, ComponentSpec] = {
    "innovation_capacity": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "index 0-1",
        "size-weighted mean firm capability: mean of min(R&D intensity / 5%, 1) and absorptive capacity",
    ),
    "absorptive_capacity": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "index 0-1",
        "mean absorptive capacity of the firms, each firm counted once (the SMEs as much as "
        "the leaders): their ability to recognise, absorb and apply outside knowledge",
    ),
    "common_technology_coverage": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "share of firms",
        "firms within k steps of a platform or research institute over technology and service ties",
    ),
    "diffusion_speed": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "share of firms",
        "mean share of firms a standard cascade from the knowledge holders reaches over the first "
        "10 steps, over knowledge-carrying ties and actors",
    ),
    "knowledge_linkage": ComponentSpec(
        "technology",
        1,
        (0.0, 1.0),
        "share of firms",
        "firms with a direct tie to a knowledge organisation (university, research institute "
        "or platform, in the cluster or outside)",
    ),
    "chain_tightness": ComponentSpec(
        "technology",
        1,
        (0.0, 8.0),
        "partners per firm",
        "mean number of distinct in-cluster transaction partners (suppliers and buyers) per firm",
    ),
    "external_linkage": ComponentSpec(
        "technology",
        1,
        (0.0, 0.5),
        "share of firms",
        "firms with a tie to an actor outside the cluster",
    ),
    "collective_reputation": ComponentSpec(
        "brand",
        1,
        (0.3, 0.9),
        "quality share",
        "output-weighted mean quality (size as the output proxy)",
    ),
    "high_quality_share": ComponentSpec(
        "brand",
        1,
        (0.0, 1.0),
        "share of firms",
        "expected share of firms producing high quality: the mean of their 'quality' "
        "(each firm's probability of high quality; economics.high_quality_share, the "
        "definition the simulation records)",
    ),
    "governance_coverage": ComponentSpec(
        "brand", 1, (0.0, 1.0), "share of firms", "firms tied to an industry association"
    ),
    "leading_brand_share": ComponentSpec(
        "brand",
        1,
        (0.0, 0.5),
        "share of output",
        "expected high-quality output of the largest firms (top 1% by size): their output "
        "times their quality, over the cluster's output",
    ),
    "certified_share": ComponentSpec(
        "brand",
        1,
        (0.0, 1.0),
        "share of output",
        "output-weighted mean certification of the firms (an optional 'certified' column in "
        "[0, 1]: 1 for a certified firm; without the column no firm counts as certified)",
    ),
    "free_riding_exposure": ComponentSpec(
        "brand",
        -1,
        (0.0, 1.0),
        "share of output",
        "output share of brand firms whose quality no one checks: neither monitored by an "
        "association nor certified (see free_riding_exposure())",
    ),
}


#: Default component weights within each wheel (relative; normalised to sum 1 within a
#: wheel when it is scored; a weight of 0 keeps a component reported but out of its wheel).
#:
#: *Brand wheel*: equal (*assumed*; the OECD/JRC handbook's default when no source ranks
#: the components, Nardo et al. 2008, section 6.1).
#:
#: *Technology wheel*: calibrated, once, on calibration population A and reported on
#: others (docs/validation.md): 60 generated clusters of 100 firms, generator settings
#: and every behavioural parameter drawn from its plausible range (seed 11), non-negative
#: least squares of the mean rank of knowledge at T = 30 and innovations per firm on the
#: normalised components (:func:`clusternet.validation.calibrate_readiness_weights`),
#: rounded to one decimal. Only the named preconditions with signal beyond the others
#: keep weight: absorptive capacity (firm mean) 0.4, knowledge linkage 0.4, innovation
#: capacity (R&D and capability, size-weighted) 0.1, chain tightness 0.1. Diffusion
#: speed, common-technology coverage and external linkage get 0 (reported, not scored):
#: at equal weights they added noise — the equal-weight wheel predicted knowledge at
#: rho 0.30 on A against 0.52 for mean absorptive capacity alone, and dropping external
#: linkage alone raised it to 0.52. The weights are not a function of any one cluster's
#: behaviour (they are fixed numbers), so the wheel is not the model's fixed point.
READINESS_WEIGHTS: dict[str, float] = {
    "innovation_capacity": 0.1,
    "absorptive_capacity": 0.4,
    "common_technology_coverage": 0.0,
    "diffusion_speed": 0.0,
    "knowledge_linkage": 0.4,
    "chain_tightness": 0.1,
    "external_linkage": 0.0,
    **{k: 1.0 for k, spec in READINESS_COMPONENTS.items() if spec.wheel == "brand"},
}

#: Default weights :math:`(a, 1 - a)` of the technology and the brand wheel in the overall
#: geometric mean. Chosen so that each wheel carries the same *effective* weight: on
#: calibration population A (above) the log brand score spreads 2.3 times as much as the
#: log technology score (standard deviations 0.355 and 0.154), so nominally equal weights
#: (0.5, 0.5) let the brand decide most of the overall ranking; :math:`a = s_B / (s_T + s_B)
#: = 0.70` makes :math:`a\,s_T = (1 - a)\,s_B` (nominal weights are not importance:
#: Paruolo, Saisana & Saltelli 2013, *J. R. Stat. Soc. A* 176:609-634). Fitted to the
#: scores' spread, not to any outcome.
WHEEL_WEIGHTS: tuple[float, float] = (0.7, 0.3)


@dataclass
class Readiness:
    r"""Upgrading readiness: the technology wheel, the brand wheel and their geometric mean.

    ``components``: one row per component with raw value, normalised value
    (absolute goalposts), weight, direction, goalposts, unit and availability;
    ``technology``, ``brand``: wheel scores in [0, 1] (NaN when no component of
    the wheel is available, with the reason in ``unavailable``); ``overall``:
    :math:`\mathrm{technology}^a \cdot \mathrm{brand}^{1-a}`; ``unavailable``: component -> reason;
    ``details``: intermediate results (e.g. the cascade curve).

    Parameters
    ----------
    components : DataFrame
        One row per component, as above.
    technology, brand : float
        The wheel scores, in [0, 1] or NaN.
    overall : float
        Their weighted geometric mean.
    wheel_weights : tuple of (float, float)
        :math:`(a, 1 - a)`, the weights of the technology and the brand wheel.
    unavailable : dict of str to str, optional
        Components the network cannot supply, with the reason.
    details : dict, optional
        Intermediate results.

    Examples
    --------
    >>> import clusternet as cn
    >>> r = upgrading_readiness(cn.generate_cluster(60, seed=1), seed=1)
    >>> isinstance(r, Readiness), r.explain().startswith("Upgrading readiness")
    (True, True)
    """

    components: pd.DataFrame
    technology: float
    brand: float
    overall: float
    wheel_weights: tuple[float, float]
    unavailable: dict[str, str] = field(default_factory=dict)
    details: dict = field(default_factory=dict)

    def explain(self) -> str:
        """A plain-text account of the scores, their largest contributions and gaps.

        Returns
        -------
        str
            One paragraph per wheel, with the available components, their weights and gaps.

        Examples
        --------
        >>> import clusternet as cn
        >>> r = upgrading_readiness(cn.generate_cluster(30, seed=1), seed=1)
        >>> print(r.explain().split(" = ")[0])
        Upgrading readiness 0.35
        """
        lines = []
        a, b = self.wheel_weights
        if not np.isfinite(self.overall):
            lines.append(
                "Upgrading readiness cannot be scored overall: both wheels are needed and at least one has no "
                "available component (see below)."
            )
        else:
            lines.append(
                f"Upgrading readiness {self.overall:.2f} = technology {self.technology:.2f}^{a:g} x brand {self.brand:.2f}^{b:g} "
                "(a weighted geometric mean: a cluster cannot make up for a missing wheel with the other)."
            )
        for wheel in ("technology", "brand"):
            rows = self.components[
                (self.components["wheel"] == wheel)
                & self.components["available"]
                & (self.components["weight"] > 0)
            ]
            if rows.empty:
                lines.append(
                    f"The {wheel} wheel cannot be scored: none of its components is available here."
                )
                continue
            # the contributions' order is that of score x weight: no division by the weight
            # sum (which changes no order but rounds subnormal contributions together)
            best = (rows["normalized"] * by_largest(rows["weight"])[0]).idxmax()
            worst = rows["normalized"].idxmin()
            lines.append(
                f"{wheel.capitalize()} wheel {getattr(self, wheel):.2f}: largest contribution from {best} "
                f"(raw {rows.loc[best, 'raw']:.3g} {rows.loc[best, 'unit']}, score {rows.loc[best, 'normalized']:.2f}); "
                f"largest gap in {worst} (raw {rows.loc[worst, 'raw']:.3g} {rows.loc[worst, 'unit']}, score {rows.loc[worst, 'normalized']:.2f} "
                f"against goalposts {rows.loc[worst, 'goalpost_low']:g}-{rows.loc[worst, 'goalpost_high']:g})."
            )
        if np.isfinite(self.technology) and np.isfinite(self.brand):
            weaker = "technology" if self.technology < self.brand else "brand"
            lines.append(f"The {weaker} wheel limits the overall score most.")
        if self.unavailable:
            lines.append(
                "Not available here: "
                + "; ".join(f"{k} ({v})" for k, v in self.unavailable.items())
                + "."
            )
        return "\n".join(lines)


#: Roles that hold or pass on technical knowledge (the others — government,
#: associations, training bodies, finance — serve firms but do not relay know-how).
KNOWLEDGE_CARRIER_ROLES = (
    "producer",
    "supplier",
    "customer",
    "complementor",
    "university",
    "research_institute",
    "platform",
    "intermediary",
)

#: Steps over which :func:`upgrading_readiness` averages the reach of its cascade.
REACH_HORIZON = 10


#: Odd 64-bit multiplier that spreads integer actor ids into cascade keys (a bijection)
_KEY_STEP = np.uint64(0x9E3779B97F4A7C15)


def _actor_keys(net: ClusterNetwork) -> tuple[np.ndarray, np.uint64]:
    """A stable 64-bit key per actor from its id (independent of actor order).

    Integer ids are spread by an odd 64-bit multiplier (a bijection); other ids
    are hashed to 64 bits by pandas' vectorised SipHash of their text, so at a
    million actors the chance of any collision is about 3e-8. Returns the keys and
    the multiplier when the ids are the actor indices ``0..N-1`` (the cascade
    kernel then computes each key instead of reading it), else 0.
    """
    ids = net.ids
    if ids.dtype.kind in "iu":
        keys = ids.astype(np.uint64) * _KEY_STEP
        return keys, (_KEY_STEP if net._ids_are_positions() else np.uint64(0))
    text = np.asarray([str(v) for v in ids], dtype=object)
    return pd.util.hash_array(text, categorize=False).astype(np.uint64), np.uint64(0)


def _tied_to(net: ClusterNetwork, **classes: np.ndarray) -> dict[str, np.ndarray]:
    """Per class, whether each actor has a tie (any layer, either direction) to one of its members."""
    if len(classes) > 8:
        raise ValueError("at most 8 classes fit the bit mask")
    bits = np.zeros(net.n_actors, dtype=np.uint8)
    for b, members in enumerate(classes.values()):
        bits[members] |= np.uint8(1 << b)
    source, target, _, _ = net.edge_arrays
    found = neighbour_bits(source, target, bits)
    return {name: (found & np.uint8(1 << b)) > 0 for b, name in enumerate(classes)}


def _neighbours_over(net: ClusterNetwork, layers: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Who is tied to whom in any of ``layers``, either direction.

    The union of each layer's (cached) neighbour lists. Readiness reads several
    overlapping layer sets; built layer by layer, no tie is counting-sorted twice.
    """
    indptr, indices = net.neighbour_lists(layers[0], direction="both")
    for layer in layers[1:]:
        indptr, indices = union_patterns((indptr, indices), net.neighbour_lists(layer, "both"))
    return indptr, indices


def _cascade_reach(net, sources, firms, layers, prob, realisations, seed, max_steps):
    from clusternet.kernels.csr import restrict
    from clusternet.kernels.paths import live_edge_reach

    # only actors that hold or pass on know-how relay the cascade
    carriers = net.role_mask(*KNOWLEDGE_CARRIER_ROLES) | net.tier_mask("external")
    indptr, indices, _ = restrict(*_neighbours_over(net, layers), None, carriers)
    curves = np.zeros((realisations, max_steps + 1), dtype=np.int64)
    base = int(seed_sequence(seed).generate_state(1, dtype=np.uint64)[0])
    keys, key_step = _actor_keys(net)
    live_edge_reach(
        indptr,
        indices,
        keys,
        key_step,
        np.flatnonzero(sources).astype(np.int64),
        float(prob),
        np.uint64(base),
        firms,
        max_steps,
        curves,
    )
    mean_curve = curves.mean(axis=0) / max(int(firms.sum()), 1)
    return float(mean_curve[1 : REACH_HORIZON + 1].mean()), mean_curve


def _certified(net: ClusterNetwork, core: np.ndarray) -> np.ndarray:
    """Each firm's certification in [0, 1] (0 without a 'certified' column; NaN counts as 0)."""
    if not net.has_column("certified"):
        return np.zeros(int(core.sum()))
    c = np.asarray(net.column("certified"), float)[core]
    bad = np.isfinite(c) & ((c < 0) | (c > 1))
    if bad.any():
        raise ValueError(
            f"column 'certified' must lie in [0, 1]; actor {net.ids[np.flatnonzero(core)[bad][0]]!r} "
            f"has {c[bad][0]!r}"
        )
    return np.nan_to_num(c, nan=0.0)


def upgrading_outlook(net: ClusterNetwork, quality_threshold: float = 0.7) -> dict[str, float]:
    """A model-based forecast of the brand: where the model's incentives would take it.

    Not a readiness component, because it is the model's own behavioural fixed
    point: ``quality_incentive`` is the output share of high quality that each
    firm's logit best response supports under the model's brand economics
    (:func:`clusternet.economics.quality_incentive`: visibility from
    certification and own brands, the quality cost its knowledge allows, the
    association's expected penalty); ``high_quality_output`` the output share
    now at ``quality >= quality_threshold``; ``brand_headroom`` their
    difference — the model moves the brand toward its incentives, so a positive
    headroom forecasts a rising brand *in the model*. Use it to read the
    model, not to judge a cluster.

    Parameters
    ----------
    net : ClusterNetwork
        A cluster with ``size``, ``absorptive_capacity`` and ``quality`` columns for
        its core firms.
    quality_threshold : float, default 0.7
        The ``quality`` at or above which a firm's output counts as high quality.

    Returns
    -------
    dict of str to float
        ``quality_incentive``, ``high_quality_output`` and ``brand_headroom`` (their
        difference), as above.

    Examples
    --------
    >>> import clusternet as cn
    >>> o = upgrading_outlook(cn.generate_cluster(60, seed=1))
    >>> o["brand_headroom"] == o["quality_incentive"] - o["high_quality_output"]
    True
    """
    if not isinstance(net, ClusterNetwork):
        raise TypeError("upgrading_outlook needs a ClusterNetwork")
    quality_threshold = check_probability("quality_threshold", quality_threshold)
    core = net.tier_mask("core")
    if not core.any():
        raise ValueError("the network has no core firms")
    for column in ("size", "absorptive_capacity", "quality"):
        if not net.has_column(column):
            raise ValueError(f"upgrading_outlook needs a {column!r} column")
        values = np.asarray(net.column(column), float)[core]
        if not np.isfinite(values).all():
            raise ValueError(f"column {column!r} is missing for some firms")
    output = np.asarray(net.column("size"), float)[core]
    ac = np.asarray(net.column("absorptive_capacity"), float)[core]
    quality = np.asarray(net.column("quality"), float)[core]
    assoc = net.role_mask("association")
    monitored = (
        _tied_to(net, association=assoc)["association"][core]
        if assoc.any()
        else np.zeros(int(core.sum()), dtype=bool)
    )
    incentive = quality_incentive(
        output,
        monitored,
        initial_knowledge_mean(ac),
        own_brand_firms(output, BRAND_DEFAULTS["leader_share"]),
        _certified(net, core),
    )
    high = float(output[quality >= quality_threshold].sum() / output.sum())
    return {
        "quality_incentive": float(incentive),
        "high_quality_output": high,
        "brand_headroom": float(incentive) - high,
    }


def upgrading_readiness(
    net: ClusterNetwork,
    weights: Mapping[str, float] | str | None = None,
    wheel_weights: tuple[float, float] = WHEEL_WEIGHTS,
    goalposts: Mapping[str, tuple[float, float]] | None = None,
    coverage_steps: int = 2,
    cascade_prob: float = 0.1,
    cascade_realisations: int = 20,
    cascade_layers: Sequence[str] = ("technology", "service", "transaction", "social"),
    leader_quantile: float = 0.99,
    seed=None,
) -> Readiness:
    r"""Upgrading readiness of a cluster: a technology wheel and a brand wheel.

    Technology wheel (technology upgrading needs capable firms, shared generic
    technology, fast diffusion, a tight value chain and outside links):
    ``innovation_capacity`` (size-weighted R&D and capability),
    ``absorptive_capacity`` (the firms' mean absorptive capacity, each firm
    counted once: Cohen & Levinthal 1990), ``common_technology_coverage`` (share of core firms
    within ``coverage_steps`` ties of a platform or research institute over
    technology and service ties), ``diffusion_speed`` (the mean share of core
    firms that a standard cascade reaches over its first 10 steps — every tie
    passes with probability ``cascade_prob``, ties drawn once per tie and
    realisation, direction ignored — started at the knowledge holders
    (universities, research institutes, platforms and outside firms, the
    actors that start with frontier knowledge in the simulation) and relayed
    only by actors that hold or pass on know-how (:data:`KNOWLEDGE_CARRIER_ROLES`:
    a government service hub does not relay technical knowledge); averaged over
    ``cascade_realisations``; adding a tie can only raise it),
    ``knowledge_linkage`` (share of core firms tied directly to a university,
    research institute or platform), ``chain_tightness`` (mean number of
    in-cluster transaction partners per firm), ``external_linkage``.

    Brand wheel (a regional brand is a collective reputation, a public good
    exposed to free riding): ``collective_reputation``, ``high_quality_share``
    (the mean of the firms' ``quality``, each firm's probability of high
    quality: :func:`clusternet.economics.high_quality_share`, the one
    definition the simulation also records), ``governance_coverage``,
    ``certified_share`` (output share certified, from an optional
    ``certified`` column), ``leading_brand_share`` (expected high-quality
    output of the top ``1 - leader_quantile`` of firms by size, as a share
    of all output), ``free_riding_exposure``
    (:func:`free_riding_exposure`: output share of firms neither monitored nor
    certified; less is better). No component is a function of the model's
    behavioural fixed point: the high-quality share the model's incentives
    support, and the gap to it, are a model-based forecast,
    :func:`upgrading_outlook`, not readiness.

    Every raw value is normalised with absolute goalposts
    (:data:`READINESS_COMPONENTS`, overridable with ``goalposts``) so that one
    cluster's readiness means something on its own; each wheel is the weighted
    arithmetic mean of its available components. ``weights``: ``None`` for
    :data:`READINESS_WEIGHTS` (brand wheel equal, assumed; technology wheel
    calibrated once on a separate population of clusters with drawn behaviour —
    absorptive capacity 0.4, knowledge linkage 0.4, innovation capacity 0.1,
    chain tightness 0.1, the others reported at weight 0; weights are relative and
    normalised to sum 1 within each wheel), a mapping that overrides some of
    them (components with weight 0 are still reported), or ``"equal"`` (all 1); and
    :math:`\mathrm{overall} = \mathrm{technology}^a \cdot \mathrm{brand}^{1 - a}` with :math:`a` from
    ``wheel_weights`` — both wheels are needed. Components the network cannot
    supply are reported in ``unavailable``, never silently set. Readiness
    never falls when one named strength rises (reputation, governance
    coverage, certified share, leaders' quality, R&D, absorptive capacity,
    knowledge linkage, common-technology coverage): every component is
    monotone in them and the aggregation is too (tests/test_measures.py).

    Degenerate cases (docs/degenerate.md): a network without core firms is
    refused with a ValueError; a component the network cannot supply is
    reported in ``unavailable`` (each wheel averages its available
    components), and a wheel with none available leaves the overall score
    undefined.

    Parameters
    ----------
    net : ClusterNetwork
        The cluster (a generated one, or a real network with the attributes the
        components read; missing ones are reported in ``unavailable``).
    weights : dict of str to float, "equal" or None, optional
        Component weights within each wheel, as above.
    wheel_weights : tuple of (float, float), default :data:`WHEEL_WEIGHTS` (0.7, 0.3)
        Weights :math:`(a, 1 - a)` of the technology and the brand wheel (equal
        effective weights on the calibration population; see :data:`WHEEL_WEIGHTS`).
    goalposts : dict of str to (float, float), optional
        Override the absolute goalposts of some components.
    coverage_steps : int, default 2
        Reach (in ties) of ``common_technology_coverage``.
    cascade_prob : float, default 0.1
        Per-tie passing probability of the ``diffusion_speed`` cascade.
    cascade_realisations : int, default 20
        Cascades averaged for ``diffusion_speed``.
    cascade_layers : sequence of str
        Layers the cascade spreads over.
    leader_quantile : float, default 0.99
        Size quantile above which firms count as leaders (``leading_brand_share``).
    seed : int, optional
        Seed of the cascade's draws.

    Returns
    -------
    Readiness
        The components, the two wheel scores and the overall score.

    Examples
    --------
    >>> import clusternet as cn
    >>> r = upgrading_readiness(cn.generate_cluster(60, seed=1), seed=1)
    >>> bool(0 <= r.overall <= 1), "brand_headroom" in r.components.index
    (True, False)

    References
    ----------
    Humphrey, J., & Schmitz, H. (2002). How does insertion in global value chains
    affect upgrading in industrial clusters? *Regional Studies* 36:1017–1027.
    Tassey, G. (2005). Underinvestment in public good technologies. *J. Technology
    Transfer* 30:89–113. Cohen, W. M., & Levinthal, D. A. (1990). Absorptive capacity.
    *Administrative Science Quarterly* 35:128–152. Tirole, J. (1996). A theory of collective reputations.
    *Review of Economic Studies* 63:1–22. Nardo et al. (2008), OECD/JRC Handbook.
    """
    if not isinstance(net, ClusterNetwork):
        raise TypeError("upgrading_readiness needs a ClusterNetwork")
    try:
        a_w, b_w = (float(x) for x in wheel_weights)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"wheel_weights must be two numbers, got {wheel_weights!r}") from exc
    if not (np.isfinite(a_w) and np.isfinite(b_w)) or a_w < 0 or b_w < 0 or a_w + b_w <= 0:
        raise ValueError(
            f"wheel_weights must be finite, non-negative and not both zero, got {wheel_weights}"
        )
    cascade_prob = check_probability("cascade_prob", cascade_prob, open_low=True)
    cascade_realisations = check_int("cascade_realisations", cascade_realisations, minimum=1)
    coverage_steps = check_int("coverage_steps", coverage_steps, minimum=0)
    leader_quantile = check_probability("leader_quantile", leader_quantile)
    # relative weights: two near float max must not sum to inf, nor subnormal ones lose
    # their ratio
    a_w, b_w = (float(x) for x in by_largest([a_w, b_w])[0])
    a_w, b_w = a_w / (a_w + b_w), b_w / (a_w + b_w)
    goal = {k: spec.goalposts for k, spec in READINESS_COMPONENTS.items()}
    if goalposts:
        unknown = set(goalposts) - set(goal)
        if unknown:
            raise ValueError(
                f"goalposts name unknown components {sorted(unknown)}; known: {list(goal)}"
            )
        goal.update(goalposts)
    if isinstance(weights, str):
        if weights != "equal":
            raise ValueError(f"weights must be a mapping, None or 'equal', got {weights!r}")
        weights = dict.fromkeys(READINESS_COMPONENTS, 1.0)
    weights = {**READINESS_WEIGHTS, **dict(weights or {})}
    for name, value in weights.items():
        if not (np.isfinite(value) and value >= 0):
            raise ValueError(f"weights[{name!r}] must be a finite number >= 0, got {value!r}")
    unknown = set(weights) - set(READINESS_COMPONENTS)
    if unknown:
        raise ValueError(
            f"weights name unknown components {sorted(unknown)}; known: {list(READINESS_COMPONENTS)}"
        )
    core = net.tier_mask("core")
    if not core.any():
        raise ValueError("the network has no core firms")
    raw: dict[str, float] = {}
    unavailable: dict[str, str] = {}
    details: dict = {}
    size = np.asarray(net.column("size"), float) if net.has_column("size") else None
    has_size = size is not None and bool(np.isfinite(size[core]).all())
    output = size[core] if (has_size and size is not None) else np.ones(int(core.sum()))
    if output.max() > 0:  # relative weights: sizes near float max must not sum to inf
        output = output / output.max()
    # who is tied (any layer, either direction) to knowledge organisations, outside
    # actors and associations: one pass over the ties, no aggregate view needed
    knowledge_orgs = net.role_mask("university", "research_institute", "platform")
    ext = net.tier_mask("external")
    assoc = net.role_mask("association")
    tied_to = _tied_to(net, knowledge=knowledge_orgs, external=ext, association=assoc)

    # -- technology wheel
    if net.has_column("rd_intensity") and net.has_column("absorptive_capacity"):
        rd = np.asarray(net.column("rd_intensity"), float)[core]
        ac = np.asarray(net.column("absorptive_capacity"), float)[core]
        capability = 0.5 * (np.minimum(rd / 0.05, 1.0) + ac)
        if np.isfinite(capability).all():
            raw["innovation_capacity"] = float(np.average(capability, weights=output))
        else:
            unavailable["innovation_capacity"] = (
                "missing R&D intensity or absorptive capacity for some firms"
            )
    else:
        unavailable["innovation_capacity"] = "no 'rd_intensity' / 'absorptive_capacity' columns"
    if net.has_column("absorptive_capacity"):
        ac = np.asarray(net.column("absorptive_capacity"), float)[core]
        if np.isfinite(ac).all():
            raw["absorptive_capacity"] = float(ac.mean())
        else:
            unavailable["absorptive_capacity"] = "missing absorptive capacity for some firms"
    else:
        unavailable["absorptive_capacity"] = "no 'absorptive_capacity' column"
    hubs = net.role_mask("platform", "research_institute")
    tech_layers = present_layers(net, ("technology", "service"))
    if hubs.any() and tech_layers:
        indptr, indices = _neighbours_over(net, tech_layers)
        depth = np.full(net.n_actors, -1, dtype=np.int64)
        multi_source_depth(
            indptr, indices, np.flatnonzero(hubs).astype(np.int64), int(coverage_steps), depth
        )
        raw["common_technology_coverage"] = float(np.mean(depth[core] >= 0))
    else:
        unavailable["common_technology_coverage"] = (
            "no platform or research institute"
            if not hubs.any()
            else "no technology or service layer"
        )
    sources = net.role_mask("university", "research_institute", "platform") | (
        net.tier_mask("external") & net.role_mask(*KNOWLEDGE_CARRIER_ROLES)
    )
    c_layers = present_layers(net, cascade_layers)
    if sources.any() and c_layers:
        reach, curve = _cascade_reach(
            net,
            sources,
            core,
            c_layers,
            cascade_prob,
            cascade_realisations,
            seed,
            max_steps=REACH_HORIZON,
        )
        raw["diffusion_speed"] = reach
        details["cascade_curve"] = curve
    else:
        unavailable["diffusion_speed"] = (
            "no knowledge organisations (universities, institutes, platforms)"
            if not sources.any()
            else "none of the cascade layers"
        )
    if knowledge_orgs.any():
        raw["knowledge_linkage"] = float(tied_to["knowledge"][core].mean())
    else:
        unavailable["knowledge_linkage"] = "no university, research institute or platform"
    if "transaction" in net.layers:
        indptr, indices = net.neighbour_lists("transaction", direction="both")
        partners = np.empty(net.n_actors, dtype=np.int64)
        partners_within(indptr, indices, core, partners)
        raw["chain_tightness"] = float(partners[core].mean())
    else:
        unavailable["chain_tightness"] = "no 'transaction' layer"
    if ext.any():
        raw["external_linkage"] = float(tied_to["external"][core].mean())
    else:
        unavailable["external_linkage"] = "no external actors"

    # -- brand wheel
    quality = np.asarray(net.column("quality"), float)[core] if net.has_column("quality") else None
    if quality is not None and np.isfinite(quality).all():
        raw["collective_reputation"] = float(np.average(quality, weights=output))
        raw["high_quality_share"] = high_quality_share(quality)
        if has_size:
            leaders = output >= np.quantile(output, leader_quantile)
            raw["leading_brand_share"] = float(
                (output[leaders] * quality[leaders]).sum() / output.sum()
            )
        else:
            unavailable["leading_brand_share"] = "no 'size' column"
    else:
        for key in ("collective_reputation", "high_quality_share", "leading_brand_share"):
            unavailable[key] = "no complete 'quality' column for the firms"
    monitored = np.zeros(int(core.sum()), dtype=bool)
    if assoc.any():
        monitored = tied_to["association"][core]
        raw["governance_coverage"] = float(monitored.mean())
    else:
        unavailable["governance_coverage"] = "no industry association"
    certified = _certified(net, core)
    raw["certified_share"] = float(np.average(certified, weights=output))
    raw["free_riding_exposure"] = free_riding_exposure(output, monitored, certified)

    rows = []
    for name, spec in READINESS_COMPONENTS.items():
        available = name in raw
        value = raw.get(name, np.nan)
        lo, hi = goal[name]
        if available:
            norm = (
                float(normalize(np.array([value]), "goalpost", (lo, hi), spec.direction)[0])
                if np.isfinite(value)
                else (0.0 if spec.direction == -1 else 1.0)
            )
        else:
            norm = np.nan
        rows.append(
            {
                "component": name,
                "wheel": spec.wheel,
                "raw": value,
                "normalized": norm,
                "weight": float(weights[name]),
                "direction": spec.direction,
                "goalpost_low": lo,
                "goalpost_high": hi,
                "unit": spec.unit,
                "available": available,
                "meaning": spec.meaning,
            }
        )
    table = pd.DataFrame(rows).set_index("component")
    scores = {}
    for wheel in ("technology", "brand"):
        part = table[(table["wheel"] == wheel) & table["available"] & (table["weight"] > 0)]
        scores[wheel] = (
            float(np.average(part["normalized"], weights=by_largest(part["weight"])[0]))
            if len(part)
            else float("nan")
        )
    overall = (
        float(scores["technology"] ** a_w * scores["brand"] ** b_w)
        if all(np.isfinite(v) for v in scores.values())
        else float("nan")
    )
    return Readiness(
        table, scores["technology"], scores["brand"], overall, (a_w, b_w), unavailable, details
    )
