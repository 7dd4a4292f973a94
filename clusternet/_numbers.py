"""Numbers as the package writes them in tables and sentences (parameter pages, conclusions)."""

from __future__ import annotations

import numbers


def number(value: object, spec: str = "g") -> str:
    """``value`` as text: real non-integers by ``format(value, spec)``, ``None`` as a dash.

    Integers (and anything that is not a real number) print as ``str(value)``,
    so a default of ``3`` reads ``3`` whatever ``spec`` is; numpy floats print
    like Python floats.

    Examples
    --------
    >>> import numpy as np
    >>> number(0.25), number(None), number(3), number(np.float64(0.21), "+.3g")
    ('0.25', '—', '3', '+0.21')
    """
    if value is None:
        return "—"
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return format(float(value), spec)
    return str(value)
