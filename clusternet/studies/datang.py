"""Datang hosiery cluster: keeping a regional brand against free riding.

The monograph's third case chapter (C-CASES-1) studies regional brand
building in the Datang hosiery cluster. A regional brand is a collective
reputation that each firm can free-ride on by cutting quality (C-BRAND-1;
Tirole 1996); regional specialisation is its basis (C-SPEC-1). In the model a
firm weighs its own share of the reputation it moves, and a monitored member
caught at low quality pays the penalty and loses the right to the regional name
for a while (docs/model.md, Brand), so governance acts through firms' quality
choices, not as a term in the reputation. The study asks how the brand is kept — association monitoring with penalties,
certification, leading firms' own brands, association coverage, specialisation
— and what brand upgrading does to technology.

Calibration (sources in :data:`FACTS` and docs/case_studies.md): more than
6,000 hosiery enterprises (nearly 10,000 with family mills), 27 billion pairs
a year, 70 % of China's and 35 % of the world's output (China Daily, 2022);
201 industrial enterprises above designated size (Xinhua, 2023), so about 3 %
of firms are large; tiny firms, little R&D and a dense social fabric.
"""

from __future__ import annotations

from clusternet.studies._design import Arm, Claim, Fact, Study

FACTS = (
    Fact(
        "hosiery enterprises in Datang",
        "more than 6,000 (nearly 10,000 with individual businesses and family mills)",
        "full-scale study size: 6,000 firms",
        "China Daily, 'East Chinese town of Datang socks it to world', 2022-06-02 "
        "(chinaservicesinfo.com/s/202206/21/WS62b0a61d498ea2749279b30a)",
    ),
    Fact(
        "output and market share",
        "27 bn pairs worth 75 bn yuan a year; 70 % of China's market and 35 % of the world's",
        "a highly specialised cluster: 3 product specialisations (datang preset)",
        "same source",
    ),
    Fact(
        "large firms",
        "201 industrial enterprises above designated size (2023); more than 350 with annual "
        "sales above 20 m yuan (2022)",
        "size_tail_share 0.035 (201 of about 6,000) from 50 employees",
        "Xinhua, 2023-05-26 (en.people.cn/n3/2023/0526/c90000-20024234.html); China Daily 2022",
    ),
    Fact(
        "firm size",
        "mostly household workshops and family mills",
        "size_median 3 employees, log-sd 0.7 (datang preset)",
        None,
    ),
    Fact(
        "association coverage",
        "80 % of firms tied to the hosiery association",
        "association_membership 0.8 (datang preset)",
        None,
    ),
    Fact(
        "R&D intensity",
        "0.5 % of sales",
        "rd_mean 0.005 (datang preset): a traditional, low-tech industry",
        None,
    ),
    Fact(
        "initial quality",
        "45 % high-quality output",
        "quality_mean 0.45 (datang preset): the cheap-sock image the brand has to overcome",
        None,
    ),
)

STUDY = Study(
    name="datang",
    title="Datang hosiery cluster: keeping a regional brand against free riding",
    chapter="C-BRAND-1, C-CASES-1, C-SPEC-1",
    question=(
        "How is the regional brand kept against free riding — association monitoring and "
        "penalties, certification, leading firms' brands, association coverage, specialisation "
        "— and what does brand upgrading do to technology?"
    ),
    facts=FACTS,
    generator={"preset": "datang", "size_tail_share": 0.035, "size_tail_min": 50.0},
    firms=6000,
    steps=40,
    reps=10,
    arms=(
        Arm(
            "baseline",
            "the calibrated cluster: the association inspects members with probability 0.2 per "
            "step, fines low quality 0.3 and withdraws a caught member's right to the regional "
            "name for 4 steps (the defaults)",
        ),
        Arm(
            "no_governance",
            "no monitoring and no penalty: nobody is caught, so nobody is fined or loses the name",
            {"monitoring": 0.0, "penalty": 0.0},
        ),
        Arm(
            "monitoring",
            "the association inspects members with probability 0.5 and fines low quality 0.4 "
            "(monitoring at the high end of its plausible range); the name is withdrawn for 4 "
            "steps as before",
            {"monitoring": 0.5, "penalty": 0.4},
        ),
        Arm(
            "certification",
            "a quality label that makes 60 % of a firm's own quality visible",
            {"certification": 0.6},
        ),
        Arm(
            "leader_brands",
            "5 % of firms (largest first) build their own brands instead of 1 % (the high end of "
            "the plausible range)",
            {"leader_share": 0.05},
        ),
        Arm(
            "association_coverage",
            "95 % of firms in the association instead of 80 % (structural: generator "
            "association_membership 0.95)",
            generator={"association_membership": 0.95},
        ),
        Arm(
            "despecialised",
            "12 product specialisations instead of 3 (structural: generator n_specialisations)",
            generator={"n_specialisations": 12},
        ),
    ),
    outcomes=("reputation", "high_quality_share", "knowledge_mean", "innovations_total"),
    primary="reputation",
    claims=(
        Claim(
            "free riding erodes the regional brand without governance",
            "C-BRAND-1",
            "no_governance",
            "reputation",
            -1,
        ),
        Claim(
            "association monitoring with penalties sustains the brand",
            "C-BRAND-1",
            "monitoring",
            "reputation",
            +1,
        ),
        Claim(
            "certification sustains the brand",
            "C-BRAND-1",
            "certification",
            "reputation",
            +1,
        ),
        Claim(
            "leading firms' own brands sustain the regional brand",
            "C-BRAND-2, C-SME-1",
            "leader_brands",
            "reputation",
            +1,
        ),
        Claim(
            "wider association coverage holds more firms to high quality",
            "C-BRAND-1",
            "association_coverage",
            "high_quality_share",
            +1,
        ),
        Claim(
            "specialisation is the basis of the regional brand: a less specialised cluster keeps "
            "a weaker brand",
            "C-SPEC-1",
            "despecialised",
            "reputation",
            -1,
        ),
        Claim(
            "brand upgrading moves the technology wheel: certification raises innovation",
            "C-WHEELS-1 (two wheels)",
            "certification",
            "innovations_total",
            +1,
        ),
    ),
    limits=(
        "quality is a binary choice per firm and reputation the output-weighted high-quality "
        "share with memory; association coverage, R&D and initial quality are assumed, not "
        "sourced; the study has 6,000 firms, not the ~10,000 units counting family mills; 2 of "
        "7 arms change the generated network (they share seeds, not the network, with the "
        "baseline); specialisation enters the model only through the generated technology and "
        "competition ties (partners and rivals in the same specialisation), not through the "
        "brand's premium, so the despecialisation arm tests that indirect channel only."
    ),
    labels={
        "no_governance": "removing monitoring and penalties",
        "monitoring": "stricter association monitoring",
        "certification": "certification",
        "leader_brands": "more leaders with own brands",
        "association_coverage": "wider association coverage",
        "despecialised": "despecialisation",
    },
)
