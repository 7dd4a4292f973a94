"""A pyabc sampler whose particle searches are seeded by (seed, call, task): reproducible anywhere.

pyabc's own multicore and Dask samplers reseed every worker from fresh entropy,
so two runs with the same seed differ. Here each generation's ``n`` particles
are searched by ``n`` tasks; task ``k`` of the sampler's ``c``-th call seeds
NumPy's and Python's generators from ``SeedSequence(seed)`` addressed by
``(1, c, k)`` and simulates until it has one accepted particle. Results are
gathered in task order, so any map — in this process, a process pool, a Dask
client — gives the same sample.
"""

from __future__ import annotations

import functools
import random

import numpy as np
from pyabc.sampler import MappingSampler

from clusternet._validate import derived_sequence


class SeededMappingSampler(MappingSampler):
    """pyabc ``MappingSampler`` with seeded tasks (see the module docstring)."""

    def __init__(self, map_, root: np.random.SeedSequence) -> None:
        super().__init__(map_=map_, mapper_pickles=False)
        self.root = root
        self.calls = 0

    def map_function(self, simulate_one, task_seed):
        """One task: seed the generators, simulate until one particle is accepted."""
        simulate_one = self.unpickle(simulate_one)
        np.random.seed(task_seed)  # noqa: NPY002 - pyabc draws from the legacy global state
        random.seed(task_seed)
        nr_simulations = 0
        sample = self._create_empty_sample()
        while True:
            new_sim = simulate_one()
            nr_simulations += 1
            sample.append(new_sim)
            if new_sim.accepted:
                break
        return sample, nr_simulations

    def sample_until_n_accepted(self, n, simulate_one, t, **kwargs):
        """``n`` seeded tasks mapped with ``map_``; their samples joined in task order."""
        self.calls += 1
        seeds = derived_sequence(self.root, 1, self.calls).generate_state(n).tolist()
        payload = self.pickle(simulate_one)
        results = list(self.map_(functools.partial(self.map_function, payload), seeds))
        samples, evals = zip(*results)
        self.nr_evaluations_ = int(sum(evals))
        sample = self._create_empty_sample()
        for s in samples:
            sample += s
        return sample
