"""Parameters of knowledge, spillover, innovation, the market among rivals, imitation and the platforms (:class:`clusternet.UpgradingModel`).

The declarations of the technology wheel: each parameter's default, bounds, meaning, source and
plausible range. :data:`clusternet.dynamics.parameters.PARAMETERS` joins them in order.
"""

from __future__ import annotations

from clusternet.economics import BRAND_DEFAULTS as _B
from clusternet.params import Parameter

#: Per-layer spillover rates used when ``spillover_rates`` is None (sources in its row below).
DEFAULT_SPILLOVER = {"technology": 0.15, "social": 0.10, "service": 0.05, "transaction": 0.05}
#: Per-layer imitation probabilities used when ``imitation_rates`` is None.
DEFAULT_IMITATION = {"technology": 0.2, "transaction": 0.1, "social": 0.1}

#: Parameters of knowledge, spillover, innovation, the market among rivals, imitation and the platforms, in the order of the docs table.
TECHNOLOGY_PARAMETERS: dict[str, Parameter] = {
    # knowledge and spillover
    "domains": Parameter(
        4,
        1,
        64,
        "knowledge domains D; domain 0 is the generic (common-technology) domain",
        int,
        source="assumed: four domains, one generic and three applied, the smallest set that separates common from applied technology; plausible 2-8 (one generic plus one to seven applied fields, the span of technology classes a cluster's firms patent in at the level of IPC sections)",
        plausible=(2, 8),
    ),
    "tacitness": Parameter(
        0.5,
        0.0,
        1.0,
        "tacit share of every domain (a scalar; the spillover model of docs/model.md)",
        float,
        source="assumed: half of a domain's knowledge is tacit; plausible 0.3-0.7 (a stated argument: knowledge that travels only face to face is neither negligible nor all of it in manufacturing know-how; Polanyi 1966 and Nonaka & Takeuchi 1995 give the concept, not a number)",
        plausible=(0.3, 0.7),
    ),
    "spillover_rates": Parameter(
        None,
        None,
        None,
        "layer -> rate beta_l of the gap rule; default technology 0.15, social 0.10, service 0.05, transaction 0.05",
        dict,
        source="assumed: technology ties carry most (0.15), social 0.10, service and transaction 0.05; ordering after Cowan & Jonard 2004 and Giuliani 2007, levels assumed; plausible 0.02-0.3 per layer and step (a tie closes between 2 % and 30 % of a gap per quarter, i.e. a pair's gap halves within about 2 to 35 quarters)",
        plausible=(0.02, 0.3),
    ),
    "distance_scale": Parameter(
        2.0,
        0.01,
        1e4,
        "km over which tacit knowledge decays by e",
        float,
        source="assumed: tacit knowledge decays by e over 2 km, the scale of a town in a Zhejiang cluster (DATASETS.md geography); plausible 0.5-10 km: agglomeration spillovers attenuate sharply within the first kilometres (Rosenthal & Strange 2003, within 1-5 miles; Arzaghi & Henderson 2008, within about 500 m among advertising agencies)",
        plausible=(0.5, 10.0),
    ),
    # innovation and the market among competitors
    "innovation_rate": Parameter(
        0.02,
        0.0,
        10.0,
        "base innovation hazard per step of a firm with average capability",
        float,
        source="assumed: a firm of average capability innovates about once in 50 steps; plausible 0.01-0.04 (CIS innovation shares of 20-60 % of firms over three years, at a step of a quarter, give hazards of that order)",
        plausible=(0.01, 0.04),
    ),
    "rd_weight": Parameter(
        1.0,
        0.0,
        100.0,
        "weight of R&D intensity (relative to its mean) in the hazard",
        float,
        source="assumed: R&D at the cluster mean doubles the base hazard; plausible 0.5-2, a firm at mean R&D innovating 1.5 to 3 times as often as one without (R&D-innovation elasticities of the CDM literature, Crépon, Duguet & Mairesse 1998, are below 1 per unit of log R&D; a stated argument for the span)",
        plausible=(0.5, 2.0),
    ),
    "knowledge_weight": Parameter(
        1.0,
        0.0,
        100.0,
        "weight of the firm's mean knowledge in the hazard",
        float,
        source="assumed: a firm at the frontier innovates twice as often as one with no knowledge; plausible 0.5-2 (1.5 to 3 times as often), the same span as rd_weight: knowledge stock and R&D effort enter innovation with weights of the same order (Cohen & Levinthal 1990, a stated argument)",
        plausible=(0.5, 2.0),
    ),
    "squeeze": Parameter(
        0.0,
        0.0,
        100.0,
        "legacy switch (off): multiplies the hazard by (1 + squeeze * share of competitors that "
        "innovated in the last `memory` steps). The market among competitors "
        "(clusternet.dynamics.market) now produces the squeeze; kept only to reproduce round-1 runs",
        float,
        source="off by default (legacy switch, 0). The round-1 default 3 was chosen so that the V3 test passed, "
        "which a default may not be; the pressure of rivals now comes from the market's "
        "escape-competition effect, not from this term",
    ),
    "competition": Parameter(
        0.5,
        0.0,
        1.0,
        "probability that one rival undercuts instead of colluding; the intensity of "
        "competition of a firm with k rivals is D = 1 - (1 - competition) ** k (the Delta of "
        "Aghion et al. 2005, rising with the number of rivals)",
        float,
        source="assumed: a rival undercuts half the time, so a firm with the generator's two "
        "rivals faces D = 0.75; plausible 0.2-0.9. Aghion et al. 2005 measure competition as "
        "1 - Lerner index, 0.85-0.99 across UK industries, which is D for about 2-6 rivals "
        "over this range",
        plausible=(0.2, 0.9),
    ),
    "market_pressure": Parameter(
        0.0,
        0.0,
        1.0,
        "p, the share of buyers who choose among rivals on the technology ladder: they buy "
        "from the ladder's winners (a firm's sales target is weighted by w_i = 1 - p + p r_i, "
        "r_i = sigma_i (k_i + 1) its ladder share against an equal split among itself and its "
        "k_i rivals) and pay the ladder's limit price, margin m_i / (1 - m_i), instead of the "
        "regional premium (a share lambda_i = p r_i / w_i of the firm's sales; the premium in "
        "its margin and quality choice is P (1 - lambda_i)); 0 = the ladder drives only the "
        "innovation incentive",
        float,
        source="opt-in (0, off, by default: the round-10 competition channel; the defaults and "
        "every recorded result stay as they were). Assumed plausible 0-1, the whole range: "
        "from no buyer choosing on the technology of the product (all on the regional name, "
        "price and relationships) to all of them; cluster firms sell both to buyers who "
        "compare suppliers' products and to relational buyers (Schmitz 2004), and no estimate "
        "of the share exists for the cases (a stated argument)",
        plausible=(0.0, 1.0),
    ),
    "quality_step": Parameter(
        1.25,
        1.0001,
        100.0,
        "gamma: quality ratio of one ladder step; a one-step leader earns the Lerner index "
        "1 - 1/gamma (Aghion et al. 2005)",
        float,
        source="assumed: a one-step leader's Lerner index 0.2 (markup 1.25), in the range of "
        "manufacturing markups, 1.1-1.6 (De Loecker, Eeckhout & Unger 2020, QJE 135:561; Lu & "
        "Yu 2015 for Chinese manufacturing, about 1.2-1.3); plausible 1.1-1.6",
        plausible=(1.1, 1.6),
    ),
    "ladder_step": Parameter(
        0.0125,
        1e-9,
        100.0,
        "mean knowledge of one quality step: a firm's ladder position is its mean knowledge / "
        "ladder_step",
        float,
        source="assumed: one incremental innovation is one step (increment 0.05 / 4 domains); "
        "plausible 0.00625-0.025 (an innovation is half to two steps)",
        plausible=(0.00625, 0.025),
    ),
    "fringe_catch_up": Parameter(
        None,
        0.0,
        1.0,
        "h: opt-in lagging fringe. None (the model's convention): the fringe is one step behind "
        "the market's best at every market update, held where it was in the incentive (the "
        "one-period lead of docs/model.md). A float: the fringe in each firm's market is state "
        "and closes the share h of its lag behind one step below the market's best per step, "
        "and the one-step incentive anticipates it (G = the next step's rent with a step minus "
        "without it, both with the fringe moved); h = 1 is the convention made consistent",
        float,
        source="assumed (opt-in, off by default); an analogy to the laggards' catch-up of "
        "Aghion, Harris, Howitt & Vickers 2001 (Rev. Econ. Stud. 68:467), whose h is the "
        "hazard of a full jump to neck and neck, not a share of the lag closed per step. "
        "Plausible 0.05-0.25 per quarter, assuming outside producers learn a new product as "
        "fast as the rivals Mansfield surveyed: information on it reaches rivals within 12-18 "
        "months on average (Mansfield 1985, J. Ind. Econ. 34:217; h about 1/6 to 1/4), and "
        "60 % of patented innovations were imitated within four years (Mansfield, Schwartz & "
        "Wagner 1981, Econ. J. 91:907; h about 0.06)",
        plausible=(0.05, 0.25),
    ),
    "reputation_innovation": Parameter(
        1.0,
        0.0,
        100.0,
        "rho: the innovation hazard is multiplied by (1 + rho R); a reputable regional brand "
        "raises the return to new products (the brand wheel drives the technology wheel)",
        float,
        source="assumed: a fully reputable brand doubles the hazard; C-WHEELS-1 (two wheels); plausible 0-2; C-WHEELS-1 (two wheels); Winfree & McCluskey 2005",
        plausible=(0.0, 2.0),
    ),
    "generic_complement": Parameter(
        1.0,
        0.0,
        10.0,
        "gamma: the innovation hazard is multiplied by clip(K_i0 / F_0, 0, 1) ** gamma, the "
        "firm's generic knowledge against the generic frontier (0 = no bottleneck)",
        float,
        source="assumed: proportional (gamma = 1), the neutral complement; C-GENERIC-1 "
        "(generic-technology bottleneck), Tassey 2005; plausible 0.5-2 (weaker or stronger "
        "than proportional)",
        plausible=(0.5, 2.0),
    ),
    "innovation_cost": Parameter(
        0.3,
        0.0,
        0.99,
        "cost of an innovation as a share of the Schumpeterian rent (a monopolist's gain from "
        "one step with the fringe held for that step, the unit of the incentive; "
        "clusternet.dynamics.market); with a cost, an innovation that rivals copy "
        "too fast, or that leaves a laggard far behind, does not pay",
        float,
        source="assumed: cost 30 % of an innovation's value; plausible 0.1-0.5; Arrow 1962 (appropriability)",
        plausible=(0.1, 0.5),
    ),
    "finance_share": Parameter(
        0.5,
        0.0,
        1.0,
        "share of the innovation cost that finance bears for the firms tied to a financial "
        "institution (assumed; C-SUPPORT-1: finance shares innovation risk)",
        float,
        source="assumed: finance bears half the cost for firms tied to it (C-SUPPORT-1); plausible 0.2-0.8: partial credit guarantee schemes cover about half to four fifths of a loan (Beck, Klapper & Mendoza 2010), plain bank credit shares less of the risk",
        plausible=(0.2, 0.8),
    ),
    "training_rate": Parameter(
        0.01,
        0.0,
        1.0,
        "per step, training bodies close this share of the gap to full absorptive capacity "
        "for the firms tied to them (assumed; C-ACTORS-1)",
        float,
        source="assumed: training closes 1 % of the absorptive gap per step (C-ACTORS-1); plausible 0.0025-0.04 per quarter, i.e. 1-15 % of the gap a year (a stated argument: training raises skills gradually; a programme that closed the gap within a few years would be the exception)",
        plausible=(0.0025, 0.04),
    ),
    "memory": Parameter(
        3,
        1,
        1000,
        "steps during which a competitor's innovation puts pressure on a firm",
        int,
        source="assumed: a rival's innovation presses for three steps (about a product cycle of a year at quarterly steps); plausible 1-8 steps (a quarter to two years, the span of product life cycles in the cluster's low- and medium-tech industries)",
        plausible=(1, 8),
    ),
    "increment": Parameter(
        0.05,
        0.0,
        10.0,
        "knowledge gained in one domain by an incremental innovation",
        float,
        source="assumed: an incremental innovation adds 5 % of the frontier in one domain; plausible 0.02-0.1 (10 to 50 incremental innovations to cross the distance from no knowledge to the frontier; a stated argument)",
        plausible=(0.02, 0.1),
    ),
    "radical_share": Parameter(
        0.02,
        0.0,
        1.0,
        "share of innovations that are radical (open a new frontier)",
        float,
        source="assumed: 2 % of innovations are radical; plausible 0.005-0.1 (breakthroughs are the top 1-10 % of the skewed value distribution of inventions: Ahuja & Lampert 2001 use the top 1 % of cited patents, Harhoff, Scherer & Vopel 2003 report that a few per cent of patents carry most of the value)",
        plausible=(0.005, 0.1),
    ),
    "radical_step": Parameter(
        0.2,
        0.0,
        10.0,
        "how far above the cluster's frontier a radical innovation lands",
        float,
        source="assumed: a radical innovation lands 20 % beyond the frontier; plausible 0.1-0.5 (two to ten incremental steps of the default increment; a stated argument)",
        plausible=(0.1, 0.5),
    ),
    # imitation
    "imitation_rates": Parameter(
        None,
        None,
        None,
        "layer -> probability that a neighbour imitates an innovation; default technology 0.2, transaction 0.1, social 0.1",
        dict,
        source="assumed: technology 0.2, transaction 0.1, social 0.1 per tie and innovation; plausible 0.05-0.4 per tie (Mansfield, Schwartz & Wagner 1981 and Levin et al. 1987 report that most innovations are imitated within one to three years, i.e. by some of the innovator's contacts within a few quarters)",
        plausible=(0.05, 0.4),
    ),
    "imitation_gap": Parameter(
        0.5,
        0.0,
        1.0,
        "share of the gap an imitator closes",
        float,
        source="assumed: an imitator closes half its gap; plausible 0.25-0.75",
        plausible=(0.25, 0.75),
    ),
    # common-technology platform
    "contribution_cost": Parameter(
        1.0,
        0.0,
        1e6,
        "cost of contributing to a platform in one step",
        float,
        source="assumed: the unit of account of the platform game; every other platform value (return, funding, knowledge per unit of output) is relative to it, so it has no range of its own",
    ),
    "platform_return": Parameter(
        3.0,
        0.0,
        1e6,
        "r: platform output per unit contributed (public-goods multiplier)",
        float,
        source="assumed: a unit contributed yields 3 units of platform output; plausible 1.5-4, the public-goods multipliers of the experiments reviewed by Ledyard 1995 (Tassey 2005 on public-good technologies)",
        plausible=(1.5, 4.0),
    ),
    "platform_subsidy": Parameter(
        0.0,
        0.0,
        1.0,
        "share of each contribution paid by government (matching subsidy; policy lever)",
        float,
        source="policy lever, off by default",
    ),
    "platform_funding": Parameter(
        0.2,
        0.0,
        1e6,
        "G: government funding per platform member and step, paid when the cluster has a local "
        "government (policy lever; default: governments fund public technology service "
        "platforms at a modest level, assumed; the government acts, V8)",
        float,
        source="assumed: modest public funding per member (Zhejiang public technology service platforms, case chapter on Taizhou); plausible 0-0.5; Zhejiang public technology service platforms (case chapter on Taizhou)",
        plausible=(0.0, 0.5),
    ),
    "platform_excludable": Parameter(
        0.3,
        0.0,
        1.0,
        "phi: share of platform output only contributors get (testing, training, consulting "
        "for paying members; assumed a third); 0 = a pure public good",
        float,
        source="assumed: a third of platform output is club services (Buchanan 1965; Tassey 2005); plausible 0.1-0.5; Buchanan 1965 (club goods); Tassey 2005",
        plausible=(0.1, 0.5),
    ),
    "membership_fee": Parameter(
        0.1,
        0.0,
        1e6,
        "f: fee a platform member pays per step for the club share (excludable services); "
        "fees go into the platform's output like contributions",
        float,
        source="assumed: a tenth of the per-step contribution — membership fees of technology "
        "service platforms and associations are small against the co-financed projects members "
        "contribute to; plausible 0.02-0.5 of the contribution (a stated argument; Buchanan "
        "1965 for the club price)",
        plausible=(0.02, 0.5),
    ),
    "platform_output_fixed": Parameter(
        None,
        0.0,
        1e6,
        "experimental switch: when set, every platform produces this much output per "
        "catchment firm and step whatever firms join or contribute (holds production fixed "
        "to isolate the under-provision channel); None = production from contributions, "
        "fees and funding",
        float,
        source="off by default: an experimental switch (production is endogenous)",
    ),
    "platform_knowledge": Parameter(
        0.02,
        0.0,
        10.0,
        "generic knowledge per unit of platform output per member",
        float,
        source="assumed: generic knowledge per unit of platform output and member; plausible 0.005-0.05: with the default platform output of about 2 per member and step, a member of average absorptive capacity closes its generic gap (about 0.65 of the frontier) in about 6 to 60 quarters (a stated argument)",
        plausible=(0.005, 0.05),
    ),
    "revision_rate": Parameter(
        0.2,
        0.0,
        1.0,
        "probability that a firm revises its contribution or quality choice in a step",
        float,
        source="assumed: a firm reconsiders a choice about once in five steps; plausible 0.05-0.5 (once in half a year to once in five years: prices change about once a year, Blinder et al. 1998, Bils & Klenow 2004; quality and membership decisions are slower)",
        plausible=(0.05, 0.5),
    ),
    "choice_noise": Parameter(
        _B["choice_noise"],
        1e-6,
        1e3,
        "K: noise of the logit choice rules of contributions and quality (small = nearly deterministic)",
        float,
        source="assumed: logit noise small against the unit margin (0.05 of a price of about 1); plausible 0.01-0.2 (from nearly deterministic best responses to noise of the order of the full regional premium; a stated argument)",
        plausible=(0.01, 0.2),
    ),
}
