"""Summaries of replicated simulations (kept for existing imports).

The helpers live in :mod:`clusternet.experiments.effects`: one paired interval,
one paired-effects table, bands and rankings for every experiment.
"""

from clusternet.experiments.effects import (
    bands,
    final_values,
    markdown_table,
    paired_effects,
    paired_interval,
    rank_arms,
)

__all__ = [
    "bands",
    "final_values",
    "markdown_table",
    "paired_effects",
    "paired_interval",
    "rank_arms",
]
