"""Parameters of the upgrading simulation: default, range and meaning of each, and scenarios."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

from clusternet._validate import check_bounded, reject_unknown_parameters, show
from clusternet.economics import BRAND_DEFAULTS as _B


@dataclass(frozen=True)
class Parameter:
    default: object
    low: float | None
    high: float | None
    meaning: str
    kind: type = float
    reference: str = ""
    #: The range a researcher could defend for this parameter (the Sobol analysis in
    #: docs/validation.md samples it); None where the parameter is a policy switch or
    #: a bookkeeping choice.
    plausible: tuple[float, float] | None = None


#: Every parameter of :class:`clusternet.UpgradingModel`.
PARAMETERS: dict[str, Parameter] = {
    # knowledge and spillover
    "domains": Parameter(
        4, 1, 64, "knowledge domains D; domain 0 is the generic (common-technology) domain", int
    ),
    "tacitness": Parameter(0.5, 0.0, 1.0, "tacit share of every domain (a scalar; DESIGN 2.3)"),
    "spillover_rates": Parameter(
        None,
        None,
        None,
        "layer -> rate beta_l of the gap rule; default technology 0.15, social 0.10, service 0.05, transaction 0.05",
        dict,
        "Cowan & Jonard 2004",
    ),
    "distance_scale": Parameter(2.0, 0.01, 1e4, "km over which tacit knowledge decays by e"),
    # innovation and squeeze
    "innovation_rate": Parameter(
        0.02, 0.0, 10.0, "base innovation hazard per step of a firm with average capability"
    ),
    "rd_weight": Parameter(
        1.0, 0.0, 100.0, "weight of R&D intensity (relative to its mean) in the hazard"
    ),
    "knowledge_weight": Parameter(
        1.0, 0.0, 100.0, "weight of the firm's mean knowledge in the hazard"
    ),
    "squeeze": Parameter(
        3.0,
        0.0,
        100.0,
        "rise of the hazard per unit share of competitors that innovated recently; the default "
        "makes a cluster with its competition ties innovate about 20 % more than without them "
        "(the 'strong' squeeze of seed line 198; tests/test_validity.py V3)",
        float,
        "seed line 198; Porter 1990 (rivalry)",
    ),
    "reputation_innovation": Parameter(
        1.0,
        0.0,
        100.0,
        "rho: the innovation hazard is multiplied by (1 + rho R); a reputable regional brand "
        "raises the return to new products (the brand wheel drives the technology wheel)",
        float,
        "seed line 70 (two wheels); Winfree & McCluskey 2005",
    ),
    "innovation_cost": Parameter(
        0.3,
        0.0,
        0.99,
        "cost of an innovation as a share of its value (assumed: 30 %); with a cost, an "
        "innovation that neighbours copy too fast does not pay",
        float,
        "Arrow 1962 (appropriability)",
    ),
    "appropriability_loss": Parameter(
        0.2,
        0.0,
        100.0,
        "omega: an innovation keeps exp(-omega * expected imitators) of its value (seed line "
        "180: innovators cannot keep all the gains)",
        float,
        "seed line 180; Levin et al. 1987",
    ),
    "finance_share": Parameter(
        0.5,
        0.0,
        1.0,
        "share of the innovation cost that finance bears for the firms tied to a financial "
        "institution (assumed; seed line 212: finance shares innovation risk)",
    ),
    "training_rate": Parameter(
        0.01,
        0.0,
        1.0,
        "per step, training bodies close this share of the gap to full absorptive capacity "
        "for the firms tied to them (assumed; seed lines 147, 158)",
    ),
    "memory": Parameter(
        3, 1, 1000, "steps during which a competitor's innovation puts pressure on a firm", int
    ),
    "increment": Parameter(
        0.05, 0.0, 10.0, "knowledge gained in one domain by an incremental innovation"
    ),
    "radical_share": Parameter(
        0.02, 0.0, 1.0, "share of innovations that are radical (open a new frontier)"
    ),
    "radical_step": Parameter(
        0.2, 0.0, 10.0, "how far above the cluster's frontier a radical innovation lands"
    ),
    # imitation
    "imitation_rates": Parameter(
        None,
        None,
        None,
        "layer -> probability that a neighbour imitates an innovation; default technology 0.2, transaction 0.1, social 0.1",
        dict,
    ),
    "imitation_gap": Parameter(0.5, 0.0, 1.0, "share of the gap an imitator closes"),
    # common-technology platform
    "contribution_cost": Parameter(1.0, 0.0, 1e6, "cost of contributing to a platform in one step"),
    "platform_return": Parameter(
        3.0,
        0.0,
        1e6,
        "r: platform output per unit contributed (public-goods multiplier)",
        float,
        "Tassey 2005",
    ),
    "platform_subsidy": Parameter(
        0.0,
        0.0,
        1.0,
        "share of each contribution paid by government (matching subsidy; policy lever)",
    ),
    "platform_funding": Parameter(
        0.2,
        0.0,
        1e6,
        "G: government funding per platform member and step, paid when the cluster has a local "
        "government (policy lever; default: governments fund public technology service "
        "platforms at a modest level, assumed; the government acts, V8)",
        float,
        "Zhejiang public technology service platforms (case chapter on Taizhou)",
    ),
    "platform_excludable": Parameter(
        0.3,
        0.0,
        1.0,
        "phi: share of platform output only contributors get (testing, training, consulting "
        "for paying members; assumed a third); 0 = a pure public good",
        float,
        "Buchanan 1965 (club goods); Tassey 2005",
    ),
    "platform_knowledge": Parameter(
        0.02, 0.0, 10.0, "generic knowledge per unit of platform output per member"
    ),
    "revision_rate": Parameter(
        0.2,
        0.0,
        1.0,
        "probability that a firm revises its contribution or quality choice in a step",
    ),
    "choice_noise": Parameter(
        _B["choice_noise"],
        1e-6,
        1e3,
        "K: noise of the logit choice rules of contributions and quality (small = nearly deterministic)",
    ),
    # regional brand
    "reputation_memory": Parameter(
        0.8,
        0.0,
        1.0,
        "lambda in R_{t+1} = lambda R_t + (1 - lambda) * mean quality",
        float,
        "Tirole 1996",
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
        "assumed",
    ),
    "reputation_demand": Parameter(
        1.0,
        0.0,
        20.0,
        "eps_R: the region's sales scale with exp(eps_R dR); assumed 1 (a region whose "
        "reputation falls from 0.6 to 0.1 loses about 40 % of its sales), range 0.5-2",
        float,
        "assumed; Landon & Smith 1998 (reputation in wine prices)",
    ),
    "quality_demand": Parameter(
        1.0,
        0.0,
        20.0,
        "eps_q: buyers share the region's sales with logit weights y_i exp(eps_q v_i) on "
        "perceived quality v_i; assumed 1, range 0-3",
        float,
        "assumed; Berry 1994 (logit demand)",
    ),
    "demand_adjustment": Parameter(
        0.2,
        0.0,
        1.0,
        "rho: share of the way sales move to the buyers' allocation per step (0 = output "
        "never responds); assumed, range 0.05-0.5 (buyers switch suppliers over one to "
        "five years)",
        float,
        "assumed",
    ),
    "premium": Parameter(
        _B["premium"],
        0.0,
        100.0,
        "price premium of a fully reputable brand (price = 1 + premium * perceived quality)",
        float,
        "Winfree & McCluskey 2005",
    ),
    "quality_cost": Parameter(_B["quality_cost"], 0.0, 100.0, "extra unit cost of high quality"),
    "certification": Parameter(
        _B["certification"],
        0.0,
        1.0,
        "weight of a firm's own quality in its perceived quality (policy lever)",
    ),
    "own_brand_visibility": Parameter(
        _B["own_brand_visibility"],
        0.0,
        1.0,
        "visibility of own quality for the leading firms that carry their own brand "
        "(assumed: a national brand makes most of a leader's quality visible to buyers)",
        float,
        "seed lines 172-174 (Chint, Delixi, Tianzheng)",
    ),
    "leader_share": Parameter(
        _B["leader_share"],
        0.0,
        1.0,
        "share of firms, largest first, that carry their own brand (assumed: the top 1 %)",
    ),
    "quality_learning": Parameter(
        _B["quality_learning"],
        0.0,
        100.0,
        "kappa: high quality costs quality_cost / (1 + kappa kbar_i); knowledge makes quality "
        "cheaper (the technology wheel drives the brand wheel)",
        float,
        "seed line 70; Humphrey & Schmitz 2002 (process upgrading)",
    ),
    "monitoring": Parameter(
        _B["monitoring"],
        0.0,
        1.0,
        "probability that the association detects a member's low quality in a step (policy "
        "lever; default: an association that inspects a fifth of its members, assumed)",
    ),
    "penalty": Parameter(
        _B["penalty"],
        0.0,
        100.0,
        "penalty per unit of output on detected low quality (policy lever; default assumed, "
        "about the regional premium)",
    ),
    # congestion
    "capacity": Parameter(
        None, 0.0, 1e15, "output the cluster can host without congestion (None = no limit)"
    ),
    "agglomeration": Parameter(
        0.1,
        0.0,
        10.0,
        "eta: the regional premium scales with max(0, 1 + eta ln(Y / agglomeration_scale)) "
        "(market externality of size; assumed)",
        float,
        "seed lines 182-184; Marshall 1890",
    ),
    "agglomeration_scale": Parameter(
        10_000.0,
        1e-6,
        1e15,
        "total output (in employee units) at which the agglomeration factor is 1 (assumed: a "
        "cluster of about 10,000 employees)",
    ),
    "congestion_cost": Parameter(
        0.1, 0.0, 100.0, "unit cost per unit of relative excess over capacity"
    ),
    "growth": Parameter(
        0.0, 0.0, 1.0, "output growth per step per unit of margin (0 = constant output)"
    ),
    # other policy levers
    "rd_subsidy": Parameter(
        0.0, 0.0, 10.0, "relative increase of every firm's R&D intensity (policy lever)"
    ),
    "new_university_ties": Parameter(
        0,
        0,
        10_000_000,
        "technology ties added at the start from firms to universities (policy lever)",
        int,
    ),
    "attract_external_leader": Parameter(
        False,
        None,
        None,
        "add an external lead firm with frontier knowledge tied to the largest firms (policy lever)",
        bool,
    ),
    "leader_ties": Parameter(50, 1, 10_000_000, "firms tied to the attracted external leader", int),
    # network evolution
    "network_every": Parameter(
        20,
        0,
        1_000_000,
        "steps between rounds of technology-tie decay and formation (0 = a static network; "
        "a round rebuilds the knowledge operators, about 4.5 s at a million firms, so 20 keeps "
        "the mean step under 2 s there)",
        int,
        "seed lines 141, 149",
    ),
    "tie_formation": Parameter(
        0.1,
        0.0,
        1.0,
        "probability per round that a firm of absorptive capacity 1 forms a technology tie "
        "(assumed)",
    ),
    "tie_decay": Parameter(
        0.02,
        0.0,
        1.0,
        "probability per round that a firm-firm technology tie dissolves (assumed)",
    ),
    "closure": Parameter(
        0.5,
        0.0,
        1.0,
        "share of new ties that close a triangle (friend of a friend) rather than follow "
        "attraction to knowledge and innovators",
        float,
        "Davidsen, Ebel & Bornholdt 2002; Giuliani 2007",
    ),
    "candidates": Parameter(
        8, 1, 1000, "firms drawn by attractiveness among which the nearest becomes the partner", int
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
        "Nelson & Winter 1982; Dunne, Roberts & Samuelson 1988",
    ),
    "exit_gap": Parameter(
        0.6,
        0.0,
        1.0,
        "a firm lags, and may exit, when its mean knowledge is below this share of the best "
        "firm's (assumed: well behind the frontier but not only the very last firms)",
    ),
    "spinoff_inheritance": Parameter(
        0.8,
        0.0,
        1.0,
        "share of its parent's knowledge a spin-off starts with (assumed: spin-offs carry "
        "most of the parent's know-how, Klepper 2007)",
        float,
        "Klepper 2007; Klepper & Sleeper 2005",
    ),
    # bookkeeping
    "measure_every": Parameter(
        0,
        0,
        1_000_000,
        "recompute technology and brand readiness every so many steps (0 = never)",
        int,
    ),
    "snapshot_every": Parameter(
        0, 0, 1_000_000, "keep per-actor knowledge and quality every so many steps (0 = never)", int
    ),
}


def resolve(params: dict) -> dict:
    """Defaults updated by ``params``; unknown names and out-of-range values raise."""
    reject_unknown_parameters(params, PARAMETERS)
    values = {name: spec.default for name, spec in PARAMETERS.items()}
    values.update(params)
    for name, spec in PARAMETERS.items():
        v = values[name]
        if v is None:
            continue
        if spec.kind is dict:
            if not isinstance(v, dict):
                raise TypeError(f"{name} must be a dict layer -> value, got {type(v).__name__}")
            for layer, x in v.items():
                if isinstance(x, bool) or not isinstance(x, numbers.Real) or not 0 <= float(x) <= 1:
                    raise ValueError(f"{name}[{show(layer)}] must lie in [0, 1], got {show(x)}")
            continue
        if spec.kind is bool:
            if not isinstance(v, bool | int):
                raise TypeError(f"{name} must be a boolean, got {show(v)}")
            values[name] = bool(v)
            continue
        values[name] = check_bounded(name, v, spec.kind, spec.low, spec.high)  # type: ignore[arg-type]
    return values


@dataclass(frozen=True)
class Scenario:
    """A named bundle of parameter values (policy levers), applied over the defaults."""

    name: str
    params: dict = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        resolve(dict(self.params))  # validate early

    def merged(self, **overrides) -> dict:
        """The scenario's parameters updated by ``overrides``."""
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


#: Plausible ranges of the behavioural parameters (rationale: half to twice the
#: default where the default is assumed, the literature's spread where one is cited).
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "tacitness": (0.3, 0.7),
    "innovation_rate": (0.01, 0.04),
    "squeeze": (1.0, 5.0),
    "innovation_cost": (0.1, 0.5),
    "appropriability_loss": (0.05, 0.5),
    "imitation_gap": (0.25, 0.75),
    "reputation_innovation": (0.0, 2.0),
    "platform_excludable": (0.1, 0.5),
    "platform_funding": (0.0, 0.5),
    "premium": (0.1, 0.5),
    "quality_cost": (0.05, 0.2),
    "quality_learning": (0.5, 2.0),
    "monitoring": (0.0, 0.5),
    "penalty": (0.1, 0.5),
}
for _name, _range in PLAUSIBLE.items():
    PARAMETERS[_name] = Parameter(**{**PARAMETERS[_name].__dict__, "plausible": _range})
