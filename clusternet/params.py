"""One parameter type for the models: default, bounds, meaning, source, plausible range.

A :class:`Parameter` is declared once, in the module that owns it (the
upgrading model's in :mod:`clusternet.dynamics.parameters`); :func:`resolve`
checks a user's values against the declarations, and :func:`markdown_table`
writes the documentation table (``docs/parameters.md``) from them, so the
page cannot drift from the code. ``source`` is a literature value or a case
fact with its reference, or starts with ``"assumed"`` followed by the
argument for the default; ``plausible`` is the range a researcher could defend
(the robustness and Sobol analyses sample it), with its own reasoning in
``meaning``. The synthetic-cluster generator declares its parameters with the
same class (:data:`clusternet.generate.PARAMETERS`) and resolves them with the
same :func:`resolve`, so one set of rules checks both.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from clusternet._numbers import number
from clusternet._validate import check_bounded, reject_unknown_parameters, show


@dataclass(frozen=True)
class Parameter:
    """A model parameter.

    Parameters
    ----------
    default : object
        The default value.
    low, high : float or None
        The legal range (inclusive); None for no bound.
    meaning : str
        What the parameter is, in one or two sentences.
    kind : type
        ``float``, ``int``, ``bool``, ``dict`` (layer -> value in [0, 1]),
        ``tuple`` (non-negative shares with a positive sum, normalised to 1) or
        ``str`` (one of ``choices``).
    source : str
        The literature value or case fact behind the default with its
        reference, or ``"assumed: …"`` with the argument; empty for
        bookkeeping switches and policy levers whose default is "off".
    plausible : tuple of float or None
        The defensible range of a behavioural parameter.
    length : tuple of int or None
        For ``kind=tuple``: the fewest and most entries the shares may have.
    choices : tuple of str or None
        For ``kind=str``: the values the parameter may take.

    Examples
    --------
    >>> p = Parameter(0.5, 0.0, 1.0, "a share", source="assumed: half", plausible=(0.3, 0.7))
    >>> p.assumed, p.plausible
    (True, (0.3, 0.7))
    """

    default: object
    low: float | None
    high: float | None
    meaning: str
    kind: type = float
    source: str = ""
    plausible: tuple[float, float] | None = None
    length: tuple[int, int] | None = None
    choices: tuple[str, ...] | None = None

    @property
    def assumed(self) -> bool:
        """True when the default is assumed rather than taken from a source.

        Returns
        -------
        bool

        Examples
        --------
        >>> from clusternet.params import Parameter
        >>> Parameter(0.5, 0.0, 1.0, "a share", source="assumed: half").assumed
        True
        >>> Parameter(2.0, 0.0, 9.0, "a rate", source="Smith (2001), table 2").assumed
        False
        """
        return self.source.startswith("assumed")

    @property
    def reference(self) -> str:
        """The source (the older name of the field).

        Returns
        -------
        str
            The same as ``source``.

        Examples
        --------
        >>> from clusternet.params import Parameter
        >>> Parameter(2.0, 0.0, 9.0, "a rate", source="Smith (2001), table 2").reference
        'Smith (2001), table 2'
        """
        return self.source


def resolve(
    params: Mapping, declared: Mapping[str, Parameter], base: Mapping | None = None
) -> dict:
    """Defaults, updated by ``base`` and then ``params``; each value checked.

    Parameters
    ----------
    params : Mapping
        The caller's values, by parameter name.
    declared : Mapping of str to Parameter
        The declarations (names, defaults, bounds, kinds).
    base : Mapping, optional
        Values applied over the defaults before ``params`` (a preset); not
        checked for unknown names, only for range.

    Returns
    -------
    dict
        One value per declared parameter: ints and floats checked against
        ``[low, high]``, booleans as ``bool``, share tuples normalised to sum 1.
        A ``None`` value (a default computed later by the caller) passes.

    Raises
    ------
    ValueError
        An unknown name (the message lists the valid ones) or a value out of range.
    TypeError
        A value of the wrong type.

    Examples
    --------
    >>> declared = {"a": Parameter(1, 0, 5, "a count", int),
    ...             "w": Parameter((1.0, 1.0), None, None, "shares", tuple, length=(2, 2))}
    >>> resolve({"a": 2}, declared, base={"w": (1, 3)})
    {'a': 2, 'w': (0.25, 0.75)}
    >>> resolve({"a": 9}, declared)
    Traceback (most recent call last):
    ...
    ValueError: a must lie in [0, 5], got 9
    >>> rule = {"rule": Parameter("a", None, None, "a rule", str, choices=("a", "b"))}
    >>> resolve({"rule": "c"}, rule)
    Traceback (most recent call last):
    ...
    ValueError: rule must be one of a, b; got 'c'
    """
    reject_unknown_parameters(params, declared)
    values = {name: spec.default for name, spec in declared.items()}
    if base is not None:
        values.update(base)
    values.update(params)
    for name, spec in declared.items():
        v = values[name]
        if v is None:
            continue
        if spec.kind is dict:
            if not isinstance(v, dict):
                raise TypeError(f"{name} must be a dict layer -> value, got {type(v).__name__}")
            for layer, x in v.items():
                if isinstance(x, bool) or not isinstance(x, numbers.Real) or not 0 <= float(x) <= 1:
                    raise ValueError(f"{name}[{show(layer)}] must lie in [0, 1], got {show(x)}")
            continue
        if spec.kind is bool:
            if not isinstance(v, bool | int):
                raise TypeError(f"{name} must be a boolean, got {show(v)}")
            values[name] = bool(v)
            continue
        if spec.kind is tuple:
            values[name] = _shares(name, v, spec.length)
            continue
        if spec.kind is str:
            if not isinstance(v, str):
                raise TypeError(f"{name} must be a string, got {show(v)}")
            if spec.choices is not None and v not in spec.choices:
                raise ValueError(f"{name} must be one of {', '.join(spec.choices)}; got {show(v)}")
            continue
        values[name] = check_bounded(name, v, spec.kind, spec.low, spec.high)  # type: ignore[arg-type]
    return values


def _shares(name: str, value: object, length: tuple[int, int] | None) -> tuple[float, ...]:
    """``value`` as a tuple of shares summing to 1, after checking count and signs."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        arr = np.full(0, np.nan)
    fewest, most = length if length is not None else (1, max(arr.size, 1))
    if (
        arr.ndim != 1
        or not fewest <= arr.shape[0] <= most
        or not np.all(np.isfinite(arr))
        or (arr < 0).any()
        or arr.sum() <= 0
    ):
        count = str(fewest) if fewest == most else f"{fewest} to {most}"
        raise ValueError(
            f"{name} must be {count} non-negative numbers with a positive sum, got {show(value)}"
        )
    return tuple((arr / arr.sum()).tolist())


def markdown_table(declared: Mapping[str, Parameter], title: str) -> str:
    """A Markdown page with one row per parameter: default, bounds, plausible range, source.

    Parameters
    ----------
    declared : dict of str to Parameter
        The declared parameters, by name, in the order of the rows.
    title : str
        The page's heading.

    Returns
    -------
    str
        The heading and a pipe table with the columns named above.

    Examples
    --------
    >>> print(markdown_table({"a": Parameter(1.0, 0, 2, "x", source="assumed: y")}, "T")
    ...       .splitlines()[-1])
    | `a` | 1 | [0, 2] | — | *assumed*: y | x |
    """
    lines = [
        f"# {title}",
        "",
        "Generated from the parameter declarations by `clusternet.params.markdown_table`"
        " (`python -m clusternet.dynamics.parameters` rewrites this page; a test checks it"
        " is up to date). *assumed* marks a default without a literature value or case"
        " fact; the argument for it follows the mark.",
        "",
        "| name | default | bounds | plausible | source | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for name, p in declared.items():
        bounds = f"[{number(p.low)}, {number(p.high)}]" if p.low is not None else "—"
        if p.choices is not None:
            bounds = " or ".join(f"`{c}`" for c in p.choices)
        plausible = f"{number(p.plausible[0])}–{number(p.plausible[1])}" if p.plausible else "—"
        source = p.source.replace("|", "/") or "—"
        if p.assumed:
            source = "*assumed*" + source[len("assumed") :]
        meaning = p.meaning.replace("|", "/")
        lines.append(
            f"| `{name}` | {number(p.default)} | {bounds} | {plausible} | {source} | {meaning} |"
        )
    return "\n".join(lines) + "\n"
