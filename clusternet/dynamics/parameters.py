"""Parameters of the upgrading simulation: default, range and meaning of each, and scenarios."""

from __future__ import annotations

from dataclasses import dataclass, field

from clusternet.economics import BRAND_DEFAULTS as _B
from clusternet.params import Parameter, markdown_table
from clusternet.params import resolve as _resolve

#: Every parameter of :class:`clusternet.UpgradingModel`.
PARAMETERS: dict[str, Parameter] = {
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
        "one step; clusternet.dynamics.market); with a cost, an innovation that rivals copy "
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
    # regional brand
    "reputation_memory": Parameter(
        0.8,
        0.0,
        1.0,
        "lambda in R_{t+1} = lambda R_t + (1 - lambda) * mean quality",
        float,
        source="assumed: lambda = 0.8 per step, a reputation half-life of about three steps; Tirole 1996 gives the form, not a value; plausible 0.6-0.95 (half-lives of 1.4 to 13.5 quarters): buyers weigh a region's long-term record more than its current quality (Landon & Smith 1998, wine), which argues for the upper half",
        plausible=(0.6, 0.95),
    ),
    "discount": Parameter(
        _B["discount"],
        0.0,
        0.999,
        "delta: per-step discount factor with which a firm values its future margins (the "
        "own-reputation effect is discounted by delta / (1 - delta lambda)); assumed 0.95 per "
        "step, a quarter at an annual rate of about 20 %, the range 0.9-0.99 spanning annual "
        "rates from about 4 % to 50 %",
        float,
        source="assumed: 0.95 per step, a quarter at an annual rate of about 20 %; plausible 0.9-0.99 (annual rates of about 4-50 %: SMEs' high cost of capital and short horizons at the upper end)",
        plausible=(0.9, 0.99),
    ),
    "reputation_demand": Parameter(
        _B["reputation_demand"],
        0.0,
        20.0,
        "eps_R: the region's sales scale with exp(eps_R dR); assumed 1 (a region whose "
        "reputation falls from 0.6 to 0.1 loses about 40 % of its sales), range 0.5-2",
        float,
        source="assumed: a region whose reputation falls from 0.6 to 0.1 loses about 40 % of its sales; plausible 0.5-2: the sales response to the reputation is of the order of its price effect, which Landon & Smith 1998 find larger than that of current quality (a stated argument)",
        plausible=(0.5, 2.0),
    ),
    "quality_demand": Parameter(
        _B["quality_demand"],
        0.0,
        20.0,
        "eps_q: buyers share the region's sales with logit weights y_i exp(eps_q v_i) on "
        "perceived quality v_i; assumed 1, range 0-3",
        float,
        source="assumed: logit attraction exp(v) on perceived quality (Berry 1994 form); plausible 0-3 (from buyers who ignore perceived quality to buyers who shift about 20 times the sales to a visibly high-quality firm; a stated argument)",
        plausible=(0.0, 3.0),
    ),
    "demand_adjustment": Parameter(
        0.2,
        0.0,
        1.0,
        "rho: share of the way sales move to the buyers' allocation per step (0 = output "
        "never responds); assumed, range 0.05-0.5 (buyers switch suppliers over one to "
        "five years)",
        float,
        source="assumed: sales move a fifth of the way per step; plausible 0.05-0.5 (buyers switch suppliers over half a year to five years; a stated argument)",
        plausible=(0.05, 0.5),
    ),
    "premium": Parameter(
        _B["premium"],
        0.0,
        100.0,
        "price premium of a fully reputable brand (price = 1 + premium * perceived quality)",
        float,
        source="assumed: a fully reputable regional name earns 30 % on price; plausible 0.1-0.5, regional-origin premia of 10-50 % (Landon & Smith 1998; the PDO literature); Winfree & McCluskey 2005 for the form",
        plausible=(0.1, 0.5),
    ),
    "quality_cost": Parameter(
        _B["quality_cost"],
        0.0,
        100.0,
        "extra unit cost of high quality",
        float,
        source="assumed: high quality costs 10 % more per unit; plausible 0.05-0.2 (a stated argument: well below the premium it can earn, else no firm would choose it even with full visibility, and of the order of the quality-related costs the cost-of-quality literature reports as a share of sales, Schiffauerova & Thomson 2006)",
        plausible=(0.05, 0.2),
    ),
    "cost_dispersion": Parameter(
        0.0,
        0.0,
        2.0,
        "sigma of the firms' quality-cost types: firm i's extra unit cost of high quality is "
        "quality_cost x tau_i / (1 + quality_learning k_i), tau_i lognormal with mean 1 and "
        "log-sd sigma, a persistent trait that entry and exit can sort on (an entrant draws "
        "a fresh type); 0 = identical firms, as before the selection channel",
        float,
        source="assumed: 0 by default, so every firm has the same quality cost and the runs are "
        "those of the model without types; plausible 0-0.5: productivity within narrow US "
        "industries has a 90th/10th percentile ratio of about 2 (Syverson 2004), a log-sd of "
        "about 0.27 if lognormal (ln 2 / 2.56); 0.5 lets the cost of quality, which turns on "
        "a firm's process control, be about twice as dispersed as productivity as a whole (a "
        "stated argument)",
        plausible=(0.0, 0.5),
    ),
    "certification": Parameter(
        _B["certification"],
        0.0,
        1.0,
        "weight of a firm's own quality in its perceived quality (policy lever)",
        float,
        source="policy lever, off by default",
    ),
    "own_brand_visibility": Parameter(
        _B["own_brand_visibility"],
        0.0,
        1.0,
        "visibility of own quality for the leading firms that carry their own brand "
        "(assumed: a national brand makes most of a leader's quality visible to buyers)",
        float,
        source="assumed: a national brand makes most of a leader's quality visible to buyers; C-SME-1 (Chint, Delixi, Tianzheng); plausible 0.3-0.9 (a stated argument: an own brand never makes quality fully visible, and is worth little if it shows less than a third)",
        plausible=(0.3, 0.9),
    ),
    "leader_share": Parameter(
        _B["leader_share"],
        0.0,
        1.0,
        "share of firms, largest first, that carry their own brand (assumed: the top 1 %)",
        float,
        source="assumed: the top 1 % of firms carry their own brand (a handful of national brands among the thousands of firms in Liushi and Wenzhou, C-SME-1); plausible 0.002-0.05. leaders = floor(share n), so clusters below 1 / share firms have none: experiments across cluster sizes hold it at 0 (tests/test_dynamics_brand.py)",
        plausible=(0.002, 0.05),
    ),
    "quality_learning": Parameter(
        _B["quality_learning"],
        0.0,
        100.0,
        "kappa: high quality costs quality_cost / (1 + kappa kbar_i); knowledge makes quality "
        "cheaper (the technology wheel drives the brand wheel)",
        float,
        source="assumed: knowledge at the frontier halves the cost of quality; plausible 0.5-2 (a third to two thirds cheaper at the frontier; process upgrading, Humphrey & Schmitz 2002); C-WHEELS-1",
        plausible=(0.5, 2.0),
    ),
    "monitoring": Parameter(
        _B["monitoring"],
        0.0,
        1.0,
        "probability that the association detects a member's low quality in a step (policy "
        "lever; default: an association that inspects a fifth of its members, assumed)",
        float,
        source="assumed: an association inspects a fifth of its members per step (policy lever); plausible 0-0.5 (from no inspection to every member about every other quarter; a stated argument)",
        plausible=(0.0, 0.5),
    ),
    "penalty": Parameter(
        _B["penalty"],
        0.0,
        100.0,
        "penalty per unit of output on detected low quality (policy lever; default assumed, "
        "about the regional premium)",
        float,
        source="assumed: about the regional premium (policy lever); plausible 0.1-0.5 (a fine of the order of the premium a cheat keeps; a stated argument)",
        plausible=(0.1, 0.5),
    ),
    "own_effect": Parameter(
        True,
        None,
        None,
        "counterfactual switch: False drops the firm's own effect on the collective "
        "reputation (E_i, proportional to its share of the brand's output) from its return "
        "to quality, everything else (discount, name withdrawal, penalty, sales) unchanged; "
        "used only by the free-riding experiment as the comparison arm",
        bool,
        source="counterfactual switch, on in the model (the firms' own effect is part of "
        "the brand game, Tirole 1996); off only in the free-riding experiment",
    ),
    "name_withdrawal": Parameter(
        _B["name_withdrawal"],
        0.0,
        1000.0,
        "T: steps for which the association withdraws a caught member's right to sell under "
        "the regional name (buyers then value it on its own visibility only); the expected "
        "loss monitoring * P (1 - theta) R (1 - delta^T) / (1 - delta) rises with R, the "
        "complementarity behind Tirole's (1996) history dependence; 0 = no withdrawal",
        float,
        source="assumed: a caught member loses the collective mark for a year (4 steps), until "
        "the next annual licensing of the mark; the mechanism after Tirole 1996 (RES 63:1-22; "
        "what a caught cheater loses is worth more when the group's name is good) and Levin "
        "2009 (BEJTE 9(1)); the rules of use of collective marks and geographical indications "
        "provide for suspending or withdrawing the right to the name. Plausible 1-8 (from "
        "declassifying the caught quarter's output only to a two-year suspension; a stated "
        "argument, no measured durations)",
        plausible=(1.0, 8.0),
    ),
    # congestion
    "capacity": Parameter(
        None,
        0.0,
        1e15,
        "output the cluster can host without congestion (None = no limit)",
        float,
        source="no limit by default (congestion switched off)",
    ),
    "agglomeration": Parameter(
        0.1,
        0.0,
        10.0,
        "eta: the regional premium scales with max(0, 1 + eta ln(Y / agglomeration_scale)) "
        "(market externality of size; assumed)",
        float,
        source="assumed: a doubling of output raises the premium by 7 % (C-MARKET-1; Marshall 1890); plausible 0.04-0.12, a doubling raising it by 3-8 %, the elasticities of productivity to the size of an agglomeration in Rosenthal & Strange 2004",
        plausible=(0.04, 0.12),
    ),
    "agglomeration_scale": Parameter(
        10_000.0,
        1e-6,
        1e15,
        "total output (in employee units) at which the agglomeration factor is 1 (assumed: a "
        "cluster of about 10,000 employees)",
        float,
        source="assumed: a cluster of about 10,000 employees; plausible 1,000-100,000 employees, the span of the case clusters (a stated argument from the case chapters' sizes)",
        plausible=(1000.0, 100000.0),
    ),
    "congestion_cost": Parameter(
        0.1,
        0.0,
        100.0,
        "unit cost per unit of relative excess over capacity",
        float,
        source="assumed: 10 % unit cost per unit of relative excess over capacity; plausible 0.05-0.3 (a cluster at twice its capacity pays 5-30 % more per unit for land, labour and power; a stated argument after Henderson 1974)",
        plausible=(0.05, 0.3),
    ),
    "growth": Parameter(
        0.0,
        0.0,
        1.0,
        "output growth per step per unit of margin (0 = constant output)",
        float,
        source="switched off by default (constant capacity)",
    ),
    # other policy levers
    "rd_subsidy": Parameter(
        0.0,
        0.0,
        10.0,
        "relative increase of every firm's R&D intensity (policy lever)",
        float,
        source="policy lever, off by default",
    ),
    "new_university_ties": Parameter(
        0,
        0,
        10_000_000,
        "technology ties added at the start from firms to universities (policy lever)",
        int,
        source="policy lever, off by default",
    ),
    "attract_external_leader": Parameter(
        False,
        None,
        None,
        "add an external lead firm with frontier knowledge tied to the largest firms (policy lever)",
        bool,
        source="policy lever, off by default",
    ),
    "leader_ties": Parameter(
        50,
        1,
        10_000_000,
        "firms tied to the attracted external leader",
        int,
        source="assumed: the attracted leader ties to the 50 largest firms; plausible 10-200 (a lead firm's local supplier base, a stated argument)",
        plausible=(10, 200),
    ),
    # network evolution
    "network_every": Parameter(
        20,
        0,
        1_000_000,
        "steps between rounds of technology-tie decay and formation (0 = a static network; "
        "a round rebuilds the knowledge operators, about 4.5 s at a million firms, so 20 keeps "
        "the mean step under 2 s there)",
        int,
        source="bookkeeping: a round every 20 steps keeps the mean step under 2 s at a million firms; C-DYNAMIC-1",
    ),
    "tie_formation": Parameter(
        0.1,
        0.0,
        1.0,
        "probability per round that a firm of absorptive capacity 1 forms a technology tie "
        "(assumed)",
        float,
        source="assumed: a firm of full absorptive capacity forms a tie per round with probability 0.1; plausible 0.02-0.3 per round of 20 quarters (a stated argument: firms add new knowledge partners rarely; Giuliani 2007 finds knowledge networks sparse and selective)",
        plausible=(0.02, 0.3),
    ),
    "tie_decay": Parameter(
        0.02,
        0.0,
        1.0,
        "probability per round that a firm-firm technology tie dissolves (assumed)",
        float,
        source="assumed: 2 % of firm-firm technology ties dissolve per round (at the low end of the range); plausible 0.01-0.5 per round of 20 quarters (inter-firm collaborations last from a few years to well over a decade; Greve et al. 2010 on alliance dissolution)",
        plausible=(0.01, 0.5),
    ),
    "closure": Parameter(
        0.5,
        0.0,
        1.0,
        "share of new ties that close a triangle (friend of a friend) rather than follow "
        "attraction to knowledge and innovators",
        float,
        source="assumed: half the new ties close triangles; plausible 0.2-0.8 (triadic closure is a main but not the only route to new ties: Davidsen, Ebel & Bornholdt 2002; Kossinets & Watts 2006; Giuliani 2007)",
        plausible=(0.2, 0.8),
    ),
    "candidates": Parameter(
        8,
        1,
        1000,
        "firms drawn by attractiveness among which the nearest becomes the partner",
        int,
        source="assumed: the nearest of 8 attractive firms becomes the partner; plausible 2-20 (from choosing by attraction almost alone to choosing by proximity among many; a stated argument)",
        plausible=(2, 20),
    ),
    # entry and exit
    "exit_rate": Parameter(
        0.0,
        0.0,
        1.0,
        "probability per step that a lagging firm exits and a spin-off takes its place "
        "(0 = a fixed population; annual exit rates of manufacturing firms are 5-10 %, "
        "so 0.01-0.03 per step if a step is a quarter)",
        float,
        source="off by default; annual exit rates of 5-10 % (Dunne, Roberts & Samuelson 1988) give 0.01-0.03 per quarterly step",
    ),
    "exit_rule": Parameter(
        "knowledge",
        None,
        None,
        "which firms exit and whose spin-offs enter: 'knowledge' (a firm lagging behind "
        "exit_gap of the best firm's knowledge exits, parents drawn by knowledge) or "
        "'margin' (a firm whose unit margin in the step is below outside_margin exits, "
        "parents drawn in proportion to their positive margins; the selection channel of "
        "Tirole 1996 and Levin 2009)",
        str,
        source="off by default: 'knowledge', Schumpeterian selection on capability (Nelson & "
        "Winter 1982); 'margin' is the opt-in selection on profitability",
        choices=("knowledge", "margin"),
    ),
    "outside_margin": Parameter(
        0.0,
        -1.0,
        1.0,
        "the unit margin (price units) below which a firm exits under exit_rule 'margin': "
        "the return of the firm's owner outside the cluster's trade",
        float,
        source="assumed: 0, a firm exits when its unit margin over the common cost is "
        "negative (zero economic profit as the outside option, the free-entry benchmark); "
        "plausible -0.05-0.05: a firm may stay through losses of up to 5 % of the price "
        "(sunk costs keep it, Dixit 1989) or leave while it still earns up to 5 % when its "
        "owner has better uses for the premises and capital (a stated argument)",
        plausible=(-0.05, 0.05),
    ),
    "exit_gap": Parameter(
        0.6,
        0.0,
        1.0,
        "a firm lags, and may exit, when its mean knowledge is below this share of the best "
        "firm's (assumed: well behind the frontier but not only the very last firms)",
        float,
        source="assumed: a firm below 60 % of the best firm's knowledge lags; plausible 0.4-0.8 (productivity dispersion within narrow industries, a 90th/10th percentile ratio of about 2 in the US, Syverson 2004, puts the laggards at about half the leaders' level)",
        plausible=(0.4, 0.8),
    ),
    "spinoff_inheritance": Parameter(
        0.8,
        0.0,
        1.0,
        "share of its parent's knowledge a spin-off starts with (assumed: spin-offs carry "
        "most of the parent's know-how, Klepper 2007)",
        float,
        source="assumed: spin-offs carry most of the parent's know-how (Klepper 2007; Klepper & Sleeper 2005); plausible 0.5-1",
        plausible=(0.5, 1.0),
    ),
    # bookkeeping
    "measure_every": Parameter(
        0,
        0,
        1_000_000,
        "recompute technology and brand readiness every so many steps (0 = never)",
        int,
        source="bookkeeping",
    ),
    "snapshot_every": Parameter(
        0,
        0,
        1_000_000,
        "keep per-actor knowledge and quality every so many steps (0 = never)",
        int,
        source="bookkeeping",
    ),
}


def resolve(params: dict) -> dict:
    """Defaults updated by ``params``; unknown names and out-of-range values raise.

    Parameters
    ----------
    params : dict
        Parameter name -> value (a subset of :data:`PARAMETERS`).

    Returns
    -------
    dict
        Every parameter's value.

    Examples
    --------
    >>> resolve({"premium": 0.4})["premium"], resolve({})["premium"]
    (0.4, 0.3)
    """
    return _resolve(params, PARAMETERS)


@dataclass(frozen=True)
class Scenario:
    """A named bundle of parameter values (policy levers), applied over the defaults.

    Parameters
    ----------
    name : str
        The scenario's name (a column or label in results).
    params : dict, optional
        Parameter values by name, applied over the model's defaults.
    description : str, optional
        What the scenario does, in words.

    Examples
    --------
    >>> s = Scenario("cert", {"certification": 0.6}, "a quality label")
    >>> s.merged(premium=0.4)
    {'certification': 0.6, 'premium': 0.4}
    """

    name: str
    params: dict = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        resolve(dict(self.params))  # validate early

    def merged(self, **overrides) -> dict:
        """The scenario's parameters updated by ``overrides``.

        Parameters
        ----------
        **overrides
            Parameter values that replace the scenario's.

        Returns
        -------
        dict
            The scenario's parameters with ``overrides`` applied (defaults are not filled in).

        Examples
        --------
        >>> SCENARIOS["certification"].merged(certification=0.8)
        {'certification': 0.8}
        """
        return {**self.params, **overrides}


#: Ready-made scenarios.
SCENARIOS: dict[str, Scenario] = {
    "baseline": Scenario("baseline", {}, "no policy"),
    "platform_subsidy": Scenario(
        "platform_subsidy",
        {"platform_subsidy": 0.6, "platform_funding": 0.5},
        "government pays 60% of contributions to common-technology platforms and funds them with 0.5 per member and step",
    ),
    "association_monitoring": Scenario(
        "association_monitoring",
        {"monitoring": 0.5, "penalty": 0.4},
        "the association inspects members (detection probability 0.5) and fines low quality",
    ),
    "certification": Scenario(
        "certification",
        {"certification": 0.6},
        "a quality label makes a firm's own quality visible in its price",
    ),
    "rd_subsidy": Scenario("rd_subsidy", {"rd_subsidy": 1.0}, "R&D intensity doubled by subsidy"),
    "university_ties": Scenario(
        "university_ties", {"new_university_ties": 200}, "200 new firm-university technology ties"
    ),
    "external_leader": Scenario(
        "external_leader",
        {"attract_external_leader": True},
        "an outside lead firm with frontier knowledge enters",
    ),
}


#: Parameters of the opt-in channels (round 9: quality-cost types and the margin exit
#: rule; round 10: the market pressure of the technology ladder), all off at the defaults. They have plausible ranges in the table but are
#: not sampled: the robustness, population and Sobol analyses explore the default model's
#: behaviour, and a new dimension would also redraw every other parameter of their Latin
#: hypercubes. Sample them explicitly (``latin_hypercube(..., parameters=[...])``) to study
#: the channel.
OPT_IN: tuple[str, ...] = ("cost_dispersion", "outside_margin", "market_pressure")

#: Plausible ranges of the behavioural float parameters (from their declarations): the
#: space the robustness, population and Sobol analyses sample. Integer parameters and the
#: per-layer rate dicts have a plausible range in the table but are not sampled, nor are
#: the opt-in channel's (:data:`OPT_IN`).
PLAUSIBLE: dict[str, tuple[float, float]] = {
    name: spec.plausible
    for name, spec in PARAMETERS.items()
    if spec.plausible is not None and spec.kind is float and name not in OPT_IN
}


def write_docs(path: str = "docs/parameters.md") -> str:
    """Write the parameter table of the upgrading model to ``path``; returns the text.

    Parameters
    ----------
    path : str
        Where to write the Markdown page.

    Returns
    -------
    str
        The page (:func:`clusternet.params.markdown_table` of :data:`PARAMETERS`).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     text = write_docs(os.path.join(d, "p.md"))
    >>> text.splitlines()[0]
    '# Parameters of the upgrading model'
    """
    from pathlib import Path

    text = markdown_table(PARAMETERS, "Parameters of the upgrading model")
    Path(path).write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    write_docs()
