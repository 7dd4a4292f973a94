"""clusternet: industrial clusters as multilayer networks, with a compiled (Numba) core.

>>> import clusternet as cn
>>> net = cn.datasets.load_florentine_families()
>>> net.n_actors
16
"""

import logging as _logging

from clusternet import (
    centrality,
    datasets,
    diffusion,
    dynamics,
    ensemble,
    experiments,
    io,
    kernels,
    measures,
    roles,
    spillover,
    structure,
    targeting,
)
from clusternet._version import __version__
from clusternet.calibrate import fit_generator
from clusternet.calibrate_result import GeneratorFit
from clusternet.dynamics import Scenario, SimulationResult, UpgradingModel, simulate_upgrading
from clusternet.ensemble import sweep
from clusternet.experiments import latin_hypercube, scenario_discovery
from clusternet.generate import generate_cluster, small_world
from clusternet.io import load, read_edgelist, read_network
from clusternet.model_fit import ModelFit, fit_model
from clusternet.network import ClusterNetwork
from clusternet.process_memory import freed_memory_kept, keep_freed_memory
from clusternet.report import report

# a library logs, the application decides where it goes (clusternet CLI: -v / -q)
_logging.getLogger("clusternet").addHandler(_logging.NullHandler())

__all__ = [
    "ClusterNetwork",
    "GeneratorFit",
    "ModelFit",
    "Scenario",
    "SimulationResult",
    "UpgradingModel",
    "__version__",
    "centrality",
    "datasets",
    "diffusion",
    "dynamics",
    "ensemble",
    "experiments",
    "fit_generator",
    "fit_model",
    "freed_memory_kept",
    "generate_cluster",
    "io",
    "keep_freed_memory",
    "kernels",
    "latin_hypercube",
    "load",
    "measures",
    "read_edgelist",
    "read_network",
    "report",
    "roles",
    "scenario_discovery",
    "simulate_upgrading",
    "small_world",
    "spillover",
    "structure",
    "sweep",
    "targeting",
]
