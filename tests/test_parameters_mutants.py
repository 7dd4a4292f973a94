"""The ready-made scenarios (:data:`clusternet.dynamics.parameters.SCENARIOS`) against the
page that documents them.

``docs/dynamics.md`` lists each scenario with its parameter values and meaning; a
researcher reads the levers there, so a value changed in the code and not on the page (or
the reverse) is a wrong answer. The fast selection of ``tools/mutants.py d_parameters``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from clusternet.dynamics.parameters import SCENARIOS, resolve

PAGE = Path(__file__).resolve().parent.parent / "docs" / "dynamics.md"


def _scenario_rows() -> dict[str, tuple[dict, str]]:
    """The rows of the page's Scenarios table: name -> (parameters, meaning)."""
    text = PAGE.read_text()
    table = text[text.index("## Scenarios") :].split("\n\n")[1]
    rows = {}
    for line in table.splitlines()[2:]:
        name, params, meaning = (c.strip() for c in line.strip("|").split("|"))
        values = {}
        if params != "—":
            for item in params.split(", "):
                key, value = item.strip("`").split("=")
                values[key] = ast.literal_eval(value)
        rows[name.strip("`")] = (values, meaning)
    return rows


def test_every_scenario_has_the_values_and_meaning_the_page_gives():
    rows = _scenario_rows()
    assert set(rows) == set(SCENARIOS)
    for name, scenario in SCENARIOS.items():
        values, meaning = rows[name]
        assert scenario.name == name
        assert scenario.params == values, name
        assert scenario.description == meaning, name
        resolve(dict(values))  # the page's values are valid parameters
