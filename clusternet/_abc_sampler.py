"""A pyabc sampler whose particle searches are seeded by (seed, call, task): reproducible anywhere.

pyabc's own multicore and Dask samplers reseed every worker from fresh entropy,
so two runs with the same seed differ. Here each generation's ``n`` particles
are searched by ``TASKS`` tasks (a fixed number, whatever the workers); task
``k`` of the sampler's ``c``-th call seeds NumPy's and Python's generators from
``SeedSequence(seed)`` addressed by ``(1, c, k)`` and simulates until it has its
share of accepted particles. Results are gathered in task order, so any map —
in this process, a process pool, a Dask client — gives the same sample.
"""

from __future__ import annotations

import functools
import random

import numpy as np
from pyabc.sampler import MappingSampler

from clusternet._validate import derived_sequence

#: Tasks per generation (fixed, so the sample does not depend on the number of workers).
TASKS = 32


class SeededMappingSampler(MappingSampler):
    """pyabc ``MappingSampler`` with seeded tasks (see the module docstring)."""

    def __init__(self, map_, root: np.random.SeedSequence) -> None:
        super().__init__(map_=map_, mapper_pickles=False)
        self.root = root
        self.calls = 0

    def map_function(self, simulate_one, task):
        """One task: seed the generators, simulate until ``count`` particles are accepted."""
        task_seed, count = task
        simulate_one = self.unpickle(simulate_one)
        np.random.seed(task_seed)  # noqa: NPY002 - pyabc draws from the legacy global state
        random.seed(task_seed)
        nr_simulations = 0
        accepted = 0
        sample = self._create_empty_sample()
        while accepted < count:
            new_sim = simulate_one()
            nr_simulations += 1
            sample.append(new_sim)
            accepted += bool(new_sim.accepted)
        return sample, nr_simulations

    def sample_until_n_accepted(self, n, simulate_one, t, **kwargs):
        """``n`` seeded tasks mapped with ``map_``; their samples joined in task order."""
        self.calls += 1
        tasks = min(n, TASKS)
        counts = [n // tasks + (k < n % tasks) for k in range(tasks)]
        seeds = derived_sequence(self.root, 1, self.calls).generate_state(tasks).tolist()
        payload = self.pickle(simulate_one)
        job = functools.partial(self.map_function, payload)
        results = list(self.map_(job, list(zip(seeds, counts))))
        samples, evals = zip(*results)
        self.nr_evaluations_ = int(sum(evals))
        sample = self._create_empty_sample()
        for s in samples:
            sample += s
        return sample
