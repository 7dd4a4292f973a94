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


def test_the_parameter_table_is_written_when_run_and_never_on_import(tmp_path):
    """Held-out seed 2044 (parameters.py L270, ``__name__ == "__main__"`` as ``!=``): run as
    a script the module writes docs/parameters.md (the table of ``write_docs``); imported,
    it writes nothing, so importing the package from any directory leaves it untouched."""
    import subprocess
    import sys

    from clusternet.dynamics.parameters import PARAMETERS
    from clusternet.params import markdown_table

    env_cmd = [sys.executable, "-c", "import clusternet.dynamics.parameters"]
    done = subprocess.run(env_cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "docs").mkdir()
    run = [sys.executable, "-m", "clusternet.dynamics.parameters"]
    done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "docs" / "parameters.md").read_text(encoding="utf-8")
    assert written == markdown_table(PARAMETERS, "Parameters of the upgrading model")
