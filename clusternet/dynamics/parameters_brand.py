"""Parameters of the regional brand, buyers' demand and congestion (:class:`clusternet.UpgradingModel`).

The declarations of the brand wheel: each parameter's default, bounds, meaning, source and
plausible range. :data:`clusternet.dynamics.parameters.PARAMETERS` joins them in order.
"""

from __future__ import annotations

from clusternet.economics import BRAND_DEFAULTS as _B
from clusternet.params import Parameter

#: Parameters of the regional brand, buyers' demand and congestion, in the order of the docs table.
BRAND_PARAMETERS: dict[str, Parameter] = {
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
    "initial_reputation": Parameter(
        None,
        0.0,
        1.0,
        "R at the start: None = the output-weighted mean of the firms' initial quality "
        "(buyers know the cluster's current quality); a number sets a past (a good or bad "
        "record buyers remember) without changing the firms",
        float,
        source="off by default (None: buyers know the initial quality mix); an experimental "
        "switch for two pasts of the same cluster, as in Tirole 1996's history dependence",
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
    "urban_cost_share": Parameter(
        None,
        0.0,
        1.0,
        "l: the share of the price that labour and land cost, which rises with urban costs "
        "as the cluster grows (clusternet.dynamics.congestion.urban_unit_cost; None or 0 = "
        "off)",
        float,
        source="off by default, like growth: with constant output urban costs would only shift "
        "the reported margins. When on, assumed 0.2, plausible 0.1-0.4 (labour and land as a "
        "share of the price of light manufactures; a stated argument, no share measured for the "
        "case clusters); wages follow the cost of living in spatial equilibrium (Roback 1982, "
        "JPE 90:1257-1278); land, whose unit price rises far faster with size (elasticity 0.82, "
        "Combes, Duranton & Gobillon 2012, CEPR DP9240), is charged at the cost of living's "
        "rate, which understates it",
        plausible=(0.1, 0.4),
    ),
    "urban_cost_elasticity": Parameter(
        0.03,
        0.0,
        0.5,
        "eps_s: the elasticity of urban costs with respect to the cluster's size at "
        "urban_cost_scale (used when urban_cost_share > 0)",
        float,
        source="Combes, Duranton & Gobillon 2019 (REStud 86:1556-1589, the final version of "
        "October 2018): about 0.03 for an urban area of 100,000 inhabitants, taken as the town "
        "of a cluster of urban_cost_scale = 10,000 employees (assumed: the cluster's town "
        "grows with it, its employment a tenth of the town); plausible 0.02-0.05: the estimate "
        "at 40,000-250,000 inhabitants along their slope, and the 0.04 of their 2016 revision "
        "(CEPR DP9240)",
        plausible=(0.02, 0.05),
    ),
    "urban_cost_slope": Parameter(
        0.0104,
        0.0,
        0.1,
        "beta: the rise of the urban-cost elasticity per unit of log size (used when "
        "urban_cost_share > 0)",
        float,
        source="Combes, Duranton & Gobillon 2019: the elasticity rises from about 0.03 at "
        "100,000 inhabitants to 0.08 for Paris (12.4 million), 0.05 / ln(124) = 0.0104; "
        "plausible 0.0104-0.0125, the 2016 revision's 0.04 to 0.10 giving 0.0125",
        plausible=(0.0104, 0.0125),
    ),
    "urban_cost_scale": Parameter(
        10_000.0,
        1e-6,
        1e15,
        "total output (employee units) at which the urban-cost elasticity is "
        "urban_cost_elasticity and the extra cost 0",
        float,
        source="assumed: a cluster of 10,000 employees in an urban area of 100,000, the size "
        "at which Combes, Duranton & Gobillon state their lower estimate; plausible "
        "3,000-30,000 (the cluster's employment a thirtieth to a third of such a town; a "
        "stated argument, no employment shares measured for the case clusters' towns)",
        plausible=(3000.0, 30000.0),
    ),
    "growth": Parameter(
        0.0,
        0.0,
        1.0,
        "output growth per step per unit of margin (0 = constant output)",
        float,
        source="switched off by default (constant capacity)",
    ),
}
