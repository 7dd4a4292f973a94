"""Innovation capacity and upgrading readiness as transparent composite indicators.

Built the OECD/JRC way (Nardo et al. 2008): raw components are kept visible,
normalised explicitly (min–max, z-score, rank or absolute goalposts), weighted,
and aggregated (arithmetic, geometric or harmonic); :func:`sensitivity` reports
how much the result depends on those choices (Saltelli et al. 2008; SALib).
Definitions, units, directions and goalposts of every component are in
``docs/measures.md``.

One module per idea: :mod:`~clusternet.measures.composite` (normalisation,
aggregation, sensitivity), :mod:`~clusternet.measures.capacity` (innovation
capacity), :mod:`~clusternet.measures.readiness` (upgrading readiness),
:mod:`~clusternet.measures.screening` (Morris screening of a model's factors); this
package re-exports their public names.
"""

from clusternet.measures.capacity import CAPACITY_COMPONENTS, cluster_summary, innovation_capacity
from clusternet.measures.composite import (
    AGGREGATIONS,
    NORMALIZATIONS,
    composite_index,
    normalize,
    sensitivity,
    sobol,
)
from clusternet.measures.readiness import (
    KNOWLEDGE_CARRIER_ROLES,
    READINESS_COMPONENTS,
    READINESS_WEIGHTS,
    WHEEL_WEIGHTS,
    ComponentSpec,
    Readiness,
    free_riding_exposure,
    upgrading_outlook,
    upgrading_readiness,
)
from clusternet.measures.screening import elementary_effects, morris, seed_noise

__all__ = [
    "AGGREGATIONS",
    "CAPACITY_COMPONENTS",
    "KNOWLEDGE_CARRIER_ROLES",
    "NORMALIZATIONS",
    "READINESS_COMPONENTS",
    "READINESS_WEIGHTS",
    "WHEEL_WEIGHTS",
    "ComponentSpec",
    "Readiness",
    "cluster_summary",
    "composite_index",
    "elementary_effects",
    "free_riding_exposure",
    "innovation_capacity",
    "morris",
    "normalize",
    "seed_noise",
    "sensitivity",
    "sobol",
    "upgrading_outlook",
    "upgrading_readiness",
]
