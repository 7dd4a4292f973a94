"""Liushi low-voltage electrical cluster: what drives SME technological upgrading.

The monograph's first case chapter (C-CASES-1) studies technological
innovation in the Liushi (Yueqing, Wenzhou) low-voltage electrical cluster,
where a few firms grew large out of a mass of SMEs (Chint, Delixi, Tianzheng;
C-SME-1). The study asks how leading firms, competition (the
squeeze effect, C-SQUEEZE-1), imitation (C-IMIT-1) and ties to
universities and institutes drive the SMEs' technological upgrading, and which
lever raises knowledge growth and innovation most. In the model the squeeze is
the market among rivals (escape competition, Aghion et al. 2005): the
competition arms move the probability that a rival undercuts, and the
imitation arms the imitation rates, each to an end of its plausible range
(docs/parameters.md).

Calibration (each fact with its source; ``None`` marks an assumption):
about 1,500 electrical manufacturers in Wenzhou with a market share above
60 % in circuit breakers, contactors and relays (Wenzhou Machinery Industry
Federation, 2006); a heavy upper tail of very large firms (Chint and Delixi
grew from hundreds of thousands to billions of yuan within a few years around
1998); dense local supply chains (Chint's Yueqing base draws on more than 80
processing categories in Wenzhou); R&D intensity and the initial quality mix
are assumed. See :data:`STUDY` and docs/case_studies.md.
"""

from __future__ import annotations

from clusternet.studies._design import Arm, Claim, Fact, Study

FACTS = (
    Fact(
        "electrical manufacturers in the Wenzhou cluster",
        "more than 1,500 (2006), output 45.8 bn yuan",
        "full-scale study size: 1,500 firms",
        "Wenzhou Machinery Industry Federation, quoted in 'Wenzhou: machinery industry cluster "
        "shows advantages', www1.weiliansitade.com/news/38036.html",
    ),
    Fact(
        "national market share of circuit breakers, contactors and relays",
        "more than 60 %",
        "a specialised cluster: 6 product specialisations (generator default)",
        "same source",
    ),
    Fact(
        "leading firms",
        "Chint, Delixi, Tianzheng; Chint and Delixi named China Electrical Industry Leading "
        "Companies (2020)",
        "a Pareto tail of large firms (5 % of firms from 100 employees, exponent 1.3: the "
        "liushi preset)",
        "C-SME-1; Wenzhou government, english.wenzhou.gov.cn, 2020-07-20",
    ),
    Fact(
        "growth of the leaders",
        "Chint > 6 bn yuan and Delixi > 5 bn yuan output within a few years of the 1998 rural "
        "grid renovation, from hundreds of thousands",
        "leaders are few and much larger than the SMEs (tail exponent 1.3 < 2: infinite variance)",
        "soolun.net periodical fa1e36fcdc178ef9cb85a7d5c3fd2778 (c. 2001)",
    ),
    Fact(
        "local supply chain",
        "Chint's Yueqing base draws on more than 80 processing categories in Wenzhou",
        "a tight value chain: 3.5 transaction ties per firm with preference for large buyers "
        "(liushi preset)",
        "Wenzhou government, english.wenzhou.gov.cn, 2020-07-20",
    ),
    Fact(
        "early quality problems",
        "'fake and shoddy products' damaged Wenzhou's name in the 1980s; a production licence "
        "required a laboratory",
        "initial high-quality share 0.65 (liushi preset): mixed quality",
        "Delixi, www.cn-delixi.com news 2022-10-07",
    ),
    Fact(
        "R&D intensity",
        "3.5 % of sales on average",
        "rd_mean 0.035 (liushi preset)",
        None,
    ),
)

#: The layers that carry imitation (the model's default rates; the arms set every layer to an
#: end of the plausible range 0.05-0.4 per tie).
_IMITATION = {"technology": 0.2, "transaction": 0.1, "social": 0.1}

STUDY = Study(
    name="liushi",
    title="Liushi low-voltage electrical cluster: drivers of SME technological upgrading",
    chapter="C-CASES-1, C-SME-1, C-IMIT-1, C-SQUEEZE-1",
    question=(
        "How do leading firms, competition (the squeeze effect), imitation and "
        "university/institute ties drive SME technological upgrading, and which lever raises "
        "knowledge growth and innovation most?"
    ),
    facts=FACTS,
    generator={"preset": "liushi"},
    firms=1500,
    steps=40,
    reps=10,
    arms=(
        Arm("baseline", "the calibrated cluster, no policy"),
        Arm(
            "fewer_leaders",
            "one large firm in 200 instead of one in 20 (structural: generator size_tail_share "
            "0.005)",
            generator={"size_tail_share": 0.005},
        ),
        Arm(
            "weak_competition",
            "rivals mostly collude: one undercuts in five (competition 0.2, the low end of its "
            "plausible range, instead of 0.5): less rent to escape by innovating",
            {"competition": 0.2},
        ),
        Arm(
            "fierce_competition",
            "price war: nine rivals in ten undercut (competition 0.9, the high end of its "
            "plausible range)",
            {"competition": 0.9},
        ),
        Arm(
            "slow_imitation",
            "imitation at the low end of its plausible range on every layer (0.05 per tie instead "
            "of 0.2 technology, 0.1 transaction and social): stronger appropriability, e.g. "
            "patents enforced",
            {"imitation_rates": dict.fromkeys(_IMITATION, 0.05)},
        ),
        Arm(
            "fast_imitation",
            "imitation at the high end of its plausible range on every layer (0.4 per tie): "
            "copying unchecked",
            {"imitation_rates": dict.fromkeys(_IMITATION, 0.4)},
        ),
        Arm(
            "university_ties",
            "one new firm-university technology tie per 10 firms (industry-university programme)",
            per_firm={"new_university_ties": 0.1},
        ),
        Arm("rd_subsidy", "R&D intensity doubled by subsidy", {"rd_subsidy": 1.0}),
    ),
    outcomes=("knowledge_mean", "innovations_total", "high_quality_share", "reputation"),
    primary="knowledge_mean",
    claims=(
        Claim(
            "rivals' innovations press firms to innovate: weaker competition lowers innovation",
            "C-SQUEEZE-1",
            "weak_competition",
            "innovations_total",
            -1,
        ),
        Claim(
            "a stronger squeeze raises innovation: fiercer competition, more innovation",
            "C-SQUEEZE-1",
            "fierce_competition",
            "innovations_total",
            +1,
        ),
        Claim(
            "fast imitation erodes the innovator's returns and lowers innovation",
            "C-IMIT-1",
            "fast_imitation",
            "innovations_total",
            -1,
        ),
        Claim(
            "ties to universities and institutes raise firms' knowledge",
            "C-SUPPORT-1 (knowledge organisations)",
            "university_ties",
            "knowledge_mean",
            +1,
        ),
        Claim(
            "R&D raises innovation",
            "C-WHEELS-1 (technology wheel)",
            "rd_subsidy",
            "innovations_total",
            +1,
        ),
        Claim(
            "leading firms carry the cluster's technology: fewer leaders, less knowledge",
            "C-SME-1",
            "fewer_leaders",
            "knowledge_mean",
            -1,
        ),
    ),
    limits=(
        "a stylised cluster calibrated to public aggregates (firm count, market share, leaders), "
        "not to firm-level data; R&D intensity and initial quality are assumed; one step is not "
        "tied to calendar time; the competition and imitation arms sit at the ends of those "
        "parameters' assumed plausible ranges, not at measured Liushi values; the 'fewer leaders' arm changes the generated network, so it "
        "shares seeds but not the network with the baseline."
    ),
    labels={
        "fewer_leaders": "fewer leading firms",
        "weak_competition": "weaker competition",
        "fierce_competition": "fiercer competition",
        "slow_imitation": "slower imitation",
        "fast_imitation": "faster imitation",
        "university_ties": "new university ties",
        "rd_subsidy": "an R&D subsidy",
    },
)
