"""Taizhou (Wenling) pump cluster: a common-technology platform against the generic-technology bottleneck.

The monograph's second case chapter (C-CASES-1) builds a common-
technology innovation system in the Taizhou pump cluster. Generic technology is
a public good that small firms under-supply (C-GENERIC-1; Tassey 2005);
Wenling answered with a technology innovation service platform. The study asks
whether and how the platform overcomes the bottleneck: public funding, a
matching subsidy on contributions, the platform's reach (its catchment), and the
share of SMEs; when contributions take off; and what the platform does to both
wheels. In the model a firm tied to the platform (its catchment) chooses
whether to join the club (pay the fee for the excludable services) and whether
to contribute; both are logit best responses (docs/model.md, Platform), so
funding, matching and reach act through those choices.

Calibration (sources in :data:`FACTS` and docs/case_studies.md): more than
2,700 pump and motor firms, 220 above designated size (8 %), small pumps two
thirds of the domestic market (China Daily, 2020); 2,750 firms, 205 above
designated size and 56,000 employees (about 20 per firm; Wenling pump week,
2018); the Zhejiang Wenling Pump and Motor Technological Innovation Service
Platform as the cluster's hub; leading listed firms (Leo, Shimge, Dongyin,
Dayuan) that work with universities outside the cluster.
"""

from __future__ import annotations

from clusternet.studies._design import Arm, Claim, Fact, Study

FACTS = (
    Fact(
        "pump and motor firms in Wenling",
        "more than 2,700 (2020), 220 above designated size; output above 45 bn yuan (2019)",
        "full-scale study size: 2,700 firms; 8 % of firms in the large-firm tail "
        "(size_tail_share 0.08)",
        "China Daily, 'Pump, motor industry in Wenling sees 10.2% growth in added value', "
        "taizhou.chinadaily.com.cn/2020-06/29/c_504594.htm",
    ),
    Fact(
        "market share",
        "small water pumps: two thirds of the domestic market, one seventh of the world's",
        "a specialised cluster (generator default of 6 product specialisations)",
        "same source",
    ),
    Fact(
        "employment",
        "2,750 firms, 205 above designated size, 56,000 employees (about 20 per firm)",
        "size_median 6 with a Pareto tail from 50 employees (exponent 1.8, assumed) gives a "
        "mean of about 20 employees per firm",
        "Wenling pump and motor week, 2018-07-16 (hzvisas.com/html/3689012328.html)",
    ),
    Fact(
        "common-technology platform",
        "the Zhejiang Wenling Pump and Motor Technological Innovation Service Platform",
        "one central platform that receives most knowledge ties (taizhou preset: "
        "knowledge_tie_prob 0.6, hub_share 0.7)",
        "China Daily 2020-06-29 (its secretary-general quoted); dldjc.cn/content/index356a.html",
    ),
    Fact(
        "leading firms and universities",
        "Leo, Shimge, Dongyin and Dayuan are listed; Shimge works with Jiangsu University, China "
        "Agricultural University, Wuhan University and the Shenyang pump research institute",
        "ties to outside universities (openness 0.1, assumed from these examples)",
        "hzvisas.com 2018; zjnews.zjol.com.cn/system/2012/05/28/018527034.shtml",
    ),
    Fact("R&D intensity", "2.5 % of sales on average", "rd_mean 0.025 (taizhou preset)", None),
)

_FUNDED = {"platform_funding": 0.5, "platform_subsidy": 0.6}

STUDY = Study(
    name="taizhou",
    title="Taizhou pump cluster: a common-technology platform against the generic-technology "
    "bottleneck",
    chapter="C-GENERIC-1, C-CASES-1",
    question=(
        "Does a common-technology platform overcome the generic-technology bottleneck, through "
        "public funding, a matching subsidy, the platform's reach or the SME share; when do "
        "contributions take off; and what does the platform do to both wheels?"
    ),
    facts=FACTS,
    generator={
        "preset": "taizhou",
        "size_median": 6.0,
        "size_tail_share": 0.08,
        "size_tail_min": 50.0,
        "size_tail_exponent": 1.8,
        "openness": 0.1,
    },
    firms=2700,
    steps=40,
    reps=10,
    arms=(
        Arm(
            "baseline",
            "the calibrated cluster with the default public funding (0.2 per catchment firm and "
            "step), no matching; joining and contributing are the firms' choices",
        ),
        Arm(
            "no_public_funding",
            "the government stops funding the platform",
            {"platform_funding": 0},
        ),
        Arm(
            "more_funding",
            "public funding 0.5 per catchment firm and step (the high end of its plausible range)",
            {"platform_funding": 0.5},
        ),
        Arm(
            "matching", "the government pays 60 % of every contribution", {"platform_subsidy": 0.6}
        ),
        Arm("funding_and_matching", "funding 0.5 and 60 % matching", dict(_FUNDED)),
        Arm(
            "outreach",
            "funding and matching, and outreach that ties more firms to the platform: 90 % of "
            "knowledge ties go to it and more firms seek one (structural: knowledge_tie_prob 0.9, "
            "hub_share 0.9), so its catchment widens; joining the club stays each firm's choice",
            dict(_FUNDED),
            {"knowledge_tie_prob": 0.9, "hub_share": 0.9},
        ),
        Arm(
            "sme_heavy",
            "the same cluster with 2 % instead of 8 % large firms (structural: size_tail_share "
            "0.02), no policy change",
            generator={"size_tail_share": 0.02},
        ),
    ),
    outcomes=(
        "contributors_share",
        "members_share",
        "knowledge_mean_0",
        "knowledge_mean",
        "innovations_total",
        "high_quality_share",
        "reputation",
    ),
    primary="knowledge_mean_0",
    claims=(
        Claim(
            "without public support generic technology is under-supplied",
            "C-GENERIC-1",
            "no_public_funding",
            "knowledge_mean_0",
            -1,
        ),
        Claim(
            "funding and matching raise contributions to the platform (the take-off table says "
            "whether they take off)",
            "C-GENERIC-1; Tassey 2005",
            "funding_and_matching",
            "contributors_share",
            +1,
        ),
        Claim(
            "the platform raises the cluster's generic knowledge",
            "C-GENERIC-1",
            "funding_and_matching",
            "knowledge_mean_0",
            +1,
        ),
        Claim(
            "a platform that reaches more firms raises generic knowledge beyond funding and "
            "matching alone",
            "C-GENERIC-1",
            "outreach",
            "knowledge_mean_0",
            +1,
            reference="funding_and_matching",
        ),
        Claim(
            "technology upgrading moves the brand wheel: the platform raises the high-quality share",
            "C-WHEELS-1 (two wheels)",
            "funding_and_matching",
            "high_quality_share",
            +1,
        ),
        Claim(
            "the more SMEs, the worse the under-supply of generic technology",
            "C-GENERIC-1, C-SME-1",
            "sme_heavy",
            "knowledge_mean_0",
            -1,
        ),
    ),
    limits=(
        "one platform game (a club with a fee and a linear contribution game, logit revision) "
        "stands in for the platform's services; funding levels are model units, not yuan; 2 of 7 arms change the generated "
        "network (they share seeds, not the network, with the baseline); R&D intensity and the "
        "size-tail exponent are assumed."
    ),
    labels={
        "no_public_funding": "ending public funding",
        "more_funding": "more public funding",
        "matching": "a matching subsidy",
        "funding_and_matching": "funding with matching",
        "outreach": "funding, matching and outreach",
        "sme_heavy": "a more SME-heavy cluster",
    },
    takeoff=("contributors_share", 0.5),
)
