"""Parameters of the upgrading simulation: default, range and meaning of each, and scenarios.

The declarations live in three modules along the model's parts
(:mod:`.parameters_technology`, :mod:`.parameters_brand`, :mod:`.parameters_structure`);
this module joins them and holds what is derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clusternet.dynamics.parameters_brand import BRAND_PARAMETERS
from clusternet.dynamics.parameters_structure import STRUCTURE_PARAMETERS
from clusternet.dynamics.parameters_technology import (
    DEFAULT_IMITATION,
    DEFAULT_SPILLOVER,
    TECHNOLOGY_PARAMETERS,
)
from clusternet.params import Parameter, markdown_table
from clusternet.params import resolve as _resolve

#: Every parameter of :class:`clusternet.UpgradingModel`.
PARAMETERS: dict[str, Parameter] = {
    **TECHNOLOGY_PARAMETERS,
    **BRAND_PARAMETERS,
    **STRUCTURE_PARAMETERS,
}


def resolve(params: dict) -> dict:
    """Defaults updated by ``params``; unknown names and out-of-range values raise.

    Parameters
    ----------
    params : dict
        Parameter name -> value (a subset of :data:`PARAMETERS`).

    Returns
    -------
    dict
        Every parameter's value.

    Examples
    --------
    >>> resolve({"premium": 0.4})["premium"], resolve({})["premium"]
    (0.4, 0.3)
    """
    return _resolve(params, PARAMETERS)


#: The per-layer rate parameters and the rates they take when left at None.
LAYER_RATES: dict[str, dict[str, float]] = {
    "spillover_rates": DEFAULT_SPILLOVER,
    "imitation_rates": DEFAULT_IMITATION,
}


def split_layer_rate(name: str) -> tuple[str, str] | None:
    """``"imitation_rates.technology"`` -> ``("imitation_rates", "technology")``; other names -> None.

    A *layer-rate name* ``RATES.LAYER`` names one layer's entry of a per-layer rate
    parameter of :data:`LAYER_RATES`, so a fit (:func:`clusternet.fit_model`) can vary
    that one rate as a scalar.

    Parameters
    ----------
    name : str
        A parameter name.

    Returns
    -------
    tuple of str or None
        ``(rates parameter, layer)``, or None for a name without a dot.

    Raises
    ------
    ValueError
        A dotted name whose first part is not a per-layer rate parameter, or whose
        layer part is empty.

    Examples
    --------
    >>> split_layer_rate("imitation_rates.technology")
    ('imitation_rates', 'technology')
    >>> split_layer_rate("premium") is None
    True
    """
    base, dot, layer = str(name).partition(".")
    if not dot:
        return None
    if base not in LAYER_RATES or not layer:
        raise ValueError(
            f"{name!r} is not a layer-rate name: expected RATES.LAYER with RATES one of "
            f"{sorted(LAYER_RATES)} and LAYER a layer"
        )
    return base, layer


def expand_layer_rates(params: dict) -> dict:
    """Parameters with every layer-rate name folded into its per-layer dict.

    ``{"imitation_rates.technology": 0.3}`` becomes ``{"imitation_rates": d}`` with
    ``d`` the given ``imitation_rates`` dict (or its default,
    :data:`LAYER_RATES`) and ``d["technology"] = 0.3``; the other layers keep their
    rates. Names without a dot pass through unchanged.

    Parameters
    ----------
    params : dict
        Parameter name -> value; layer-rate names ``RATES.LAYER``
        (:func:`split_layer_rate`) take floats.

    Returns
    -------
    dict
        A new dict without layer-rate names.

    Examples
    --------
    >>> out = expand_layer_rates({"imitation_rates.technology": 0.3, "premium": 0.4})
    >>> out["imitation_rates"], out["premium"]
    ({'technology': 0.3, 'transaction': 0.1, 'social': 0.1}, 0.4)
    """
    out = {}
    keyed: dict[str, dict] = {}
    for name, value in params.items():
        split = split_layer_rate(name)
        if split is None:
            out[name] = value
        else:
            keyed.setdefault(split[0], {})[split[1]] = value
    for base, rates in keyed.items():
        given = out.get(base)
        out[base] = {**(LAYER_RATES[base] if given is None else given), **rates}
    return out


@dataclass(frozen=True)
class Scenario:
    """A named bundle of parameter values (policy levers), applied over the defaults.

    Parameters
    ----------
    name : str
        The scenario's name (a column or label in results).
    params : dict, optional
        Parameter values by name, applied over the model's defaults.
    description : str, optional
        What the scenario does, in words.

    Examples
    --------
    >>> s = Scenario("cert", {"certification": 0.6}, "a quality label")
    >>> s.merged(premium=0.4)
    {'certification': 0.6, 'premium': 0.4}
    """

    name: str
    params: dict = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        resolve(dict(self.params))  # validate early

    def merged(self, **overrides) -> dict:
        """The scenario's parameters updated by ``overrides``.

        Parameters
        ----------
        **overrides
            Parameter values that replace the scenario's.

        Returns
        -------
        dict
            The scenario's parameters with ``overrides`` applied (defaults are not filled in).

        Examples
        --------
        >>> SCENARIOS["certification"].merged(certification=0.8)
        {'certification': 0.8}
        """
        return {**self.params, **overrides}


#: Ready-made scenarios.
SCENARIOS: dict[str, Scenario] = {
    "baseline": Scenario("baseline", {}, "no policy"),
    "platform_subsidy": Scenario(
        "platform_subsidy",
        {"platform_subsidy": 0.6, "platform_funding": 0.5},
        "government pays 60% of contributions to common-technology platforms and funds them with 0.5 per member and step",
    ),
    "association_monitoring": Scenario(
        "association_monitoring",
        {"monitoring": 0.5, "penalty": 0.4},
        "the association inspects members (detection probability 0.5) and fines low quality",
    ),
    "certification": Scenario(
        "certification",
        {"certification": 0.6},
        "a quality label makes a firm's own quality visible in its price",
    ),
    "rd_subsidy": Scenario("rd_subsidy", {"rd_subsidy": 1.0}, "R&D intensity doubled by subsidy"),
    "university_ties": Scenario(
        "university_ties", {"new_university_ties": 200}, "200 new firm-university technology ties"
    ),
    "external_leader": Scenario(
        "external_leader",
        {"attract_external_leader": True},
        "an outside lead firm with frontier knowledge enters",
    ),
}


#: Parameters of the opt-in channels (round 9: quality-cost types and the margin exit
#: rule; round 10: the market pressure of the technology ladder; round 18: the lagging
#: fringe; round 22: the tie choice; round 25: urban costs, whose share is 0 by default), all off at the defaults. They have plausible ranges in the table but are
#: not sampled: the robustness, population and Sobol analyses explore the default model's
#: behaviour, and a new dimension would also redraw every other parameter of their Latin
#: hypercubes. Sample them explicitly (``latin_hypercube(..., parameters=[...])``) to study
#: the channel.
OPT_IN: tuple[str, ...] = (
    "cost_dispersion",
    "outside_margin",
    "market_pressure",
    "fringe_catch_up",
    "tie_cost",
    "urban_cost_share",
    "urban_cost_elasticity",
    "urban_cost_slope",
    "urban_cost_scale",
)

#: Plausible ranges of the behavioural float parameters (from their declarations): the
#: space the robustness, population and Sobol analyses sample. Integer parameters and the
#: per-layer rate dicts have a plausible range in the table but are not sampled, nor are
#: the opt-in channel's (:data:`OPT_IN`).
PLAUSIBLE: dict[str, tuple[float, float]] = {
    name: spec.plausible
    for name, spec in PARAMETERS.items()
    if spec.plausible is not None and spec.kind is float and name not in OPT_IN
}


def write_docs(path: str = "docs/parameters.md") -> str:
    """Write the parameter table of the upgrading model to ``path``; returns the text.

    Parameters
    ----------
    path : str
        Where to write the Markdown page.

    Returns
    -------
    str
        The page (:func:`clusternet.params.markdown_table` of :data:`PARAMETERS`).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     text = write_docs(os.path.join(d, "p.md"))
    >>> text.splitlines()[0]
    '# Parameters of the upgrading model'
    """
    from pathlib import Path

    text = markdown_table(PARAMETERS, "Parameters of the upgrading model")
    Path(path).write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    write_docs()
