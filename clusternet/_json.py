"""JSON encoding of the numpy values the package writes (sweep records, study summaries, CLI)."""

from __future__ import annotations

from typing import Any

import numpy as np


def json_default(value: Any) -> Any:
    """The ``default=`` of :func:`json.dumps`: numpy scalars and arrays as Python values.

    Anything else raises ``TypeError`` naming its type, so a value that cannot be
    written is reported, never silently turned into a string.
    """
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} values cannot be written as JSON")
