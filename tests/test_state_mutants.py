"""The model's typed state (:mod:`clusternet.dynamics.state`) against its table, by hand.

Every per-actor field's entrant rule and every entrant value is listed here as
``docs/model.md`` section 2 states it; ``ModelState.empty`` is checked field by field
(shape, dtype, fill). The fast selection of ``tools/mutants.py d_state``.
"""

from __future__ import annotations

import numpy as np
import pytest

from clusternet.dynamics.state import ModelState

RULES = {
    "knowledge": "inherit_scaled",
    "quality": "inherit",
    "last_innovation": "entry",
    "contribute": "entry",
    "joined": "entry",
    "output": "entry",
    "margin": "entry",
    "capacity": "entry",
    "market_share": "entry",
    "lerner": "entry",
    "fringe": "entry",
    "absorptive": "inherit",
    "rd": "inherit",
    "leader": "entry",
    "name_withdrawn": "entry",
    "association_member": "place",
    "member": "place",
    "trained": "place",
    "financed": "place",
    "cost_type": "draw",
}


def test_per_actor_fields_and_their_entrant_rules():
    assert ModelState.per_actor_fields() == RULES


def test_empty_state_field_by_field():
    s = ModelState.empty(4, 3, 2)
    assert s.knowledge.shape == (4, 3) and (s.knowledge == 0).all()
    assert s.platform_output.shape == (2,) and (s.platform_output == 0).all()
    assert (s.last_innovation == -np.inf).all()
    assert s.member.dtype == np.int64 and (s.member == -1).all()
    for name in ("contribute", "joined", "leader", "association_member", "trained", "financed"):
        assert s[name].dtype == bool and s[name].shape == (4,) and not s[name].any(), name
    for name in ("quality", "output", "margin", "capacity", "market_share", "lerner"):
        assert s[name].dtype == np.float64 and (s[name] == 0).all(), name
    for name in ("absorptive", "rd", "name_withdrawn"):
        assert s[name].dtype == np.float64 and (s[name] == 0).all(), name
    assert s.cost_type.dtype == np.float64 and (s.cost_type == 1).all()  # identical firms
    assert (s.entry_size, s.reputation, s.reference_reputation, s.step) == (1.0, 0.0, 0.0, 0)


def test_entry_values_of_the_entry_fields():
    s = ModelState.empty(2, 1, 0)
    s.entry_size = 3.5
    want = {
        "last_innovation": -np.inf,
        "contribute": False,
        "joined": False,
        "output": 3.5,
        "margin": 0.0,
        "capacity": 3.5,
        "market_share": 0.0,
        "lerner": 0.0,
        "fringe": np.nan,  # the entrant's market restarts one step behind its best
        "leader": False,
        "name_withdrawn": 0.0,
    }
    assert {name for name, rule in RULES.items() if rule == "entry"} == set(want)
    for name, value in want.items():
        got = s.entry_value(name)
        same = got == value or (np.isnan(value) if isinstance(value, float) else False)
        assert same and (got == value or np.isnan(got)) and type(got) is type(value), name
    with pytest.raises(KeyError):
        s.entry_value("quality")  # inherited, not an entry value


def test_fields_by_name():
    s = ModelState.empty(2, 1, 1)
    s["reputation"] = 0.25
    assert s.reputation == 0.25 and s["reputation"] == 0.25
    assert "knowledge" in s and "nonsense" not in s
    assert list(s.keys())[:2] == ["knowledge", "quality"] and "step" in s.keys()
    with pytest.raises(KeyError):
        s["nonsense"]
    with pytest.raises(KeyError):
        s["nonsense"] = 1
    assert not hasattr(s, "nonsense")
