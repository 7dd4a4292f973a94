"""The scalar defaults of the public API are stated in their docstrings, and truly.

A parameter line ``name : type, default X`` (numpydoc) is the contract a user reads; the
signature is what runs. For every public function, class, method, classmethod and
staticmethod of the modules below (their ``__all__``, or the public names a module
without one defines) and of the top-level ``clusternet`` namespace, each default that is
a number, a bool or a string must appear in its Parameters line and equal the
signature's (a changed default would otherwise pass every test that leaves the argument
out; round 17's held-out sample found one, ``spillover.step``'s ``distance_scale``).
Result containers (dataclasses) document their fields as Attributes instead and are
left out, as are modules not listed (the command line, report and figure helpers).
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import re

import pytest

#: The modules whose public names users call (the API reference's and the wrappers').
MODULES = (
    "clusternet.bass",
    "clusternet.brokering",
    "clusternet.calibrate",
    "clusternet.centrality",
    "clusternet.contagion",
    "clusternet.diffusion",
    "clusternet.dynamics",
    "clusternet.economics",
    "clusternet.ensemble",
    "clusternet.generate",
    "clusternet.greedy",
    "clusternet.heat",
    "clusternet.io",
    "clusternet.locality",
    "clusternet.measures",
    "clusternet.network",
    "clusternet.path_centrality",
    "clusternet.replicates",
    "clusternet.spectral_centrality",
    "clusternet.spillover",
    "clusternet.structure",
    "clusternet.structural_holes",
    "clusternet.multilayer_measures",
    "clusternet.cluster_profile",
    "clusternet.survey",
    "clusternet.targeting",
    "clusternet",  # the top-level exports (fit_model, scenario_discovery, ...)
)

_NUMBER = r"[-+]?(?:\d[\d_]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+)"


def parse_default(text: str):
    """The value a docstring's ``default X`` states: a number (``2**-53`` too), a bool or
    a quoted string; None when it states something else (a sentence, a name).

    >>> parse_default('"auto"'), parse_default("2**-53") == 2.0**-53, parse_default("1_000")
    ('auto', True, 1000.0)
    """
    text = text.strip().strip("`").rstrip(".;")
    if text in ("True", "False"):
        return text == "True"
    power = re.fullmatch(rf"({_NUMBER})\*\*({_NUMBER})", text)
    if power:
        return float(power.group(1)) ** float(power.group(2))
    if re.fullmatch(r"\"[^\"]*\"|'[^']*'", text):
        return text[1:-1]
    if re.fullmatch(_NUMBER, text):
        return float(text.replace("_", ""))
    return None


def _public_names(module) -> list[str]:
    """``__all__``, or for a module without one the public names it defines itself."""
    names = getattr(module, "__all__", None)
    if names is not None:
        return list(names)
    return [
        name
        for name, obj in vars(module).items()
        if not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__
    ]


def _callables(module_name: str):
    module = importlib.import_module(module_name)
    for name in _public_names(module):
        obj = getattr(module, name)
        if inspect.isclass(obj):
            if not dataclasses.is_dataclass(obj):
                yield name, obj
            # its own members and those it inherits from the package's classes
            # (ClusterNetwork is assembled from one class per idea)
            seen: set[str] = set()
            for klass in obj.__mro__:
                if not klass.__module__.startswith("clusternet"):
                    continue
                for attr, member in vars(klass).items():
                    if attr.startswith("_") or attr in seen:
                        continue
                    seen.add(attr)
                    if isinstance(member, classmethod | staticmethod):
                        yield f"{name}.{attr}", getattr(obj, attr)
                    elif inspect.isfunction(member):
                        yield f"{name}.{attr}", member
        elif callable(obj):
            yield name, obj


def documented_defaults(module_name: str) -> list[tuple[str, str, object, object]]:
    """``(callable, parameter, signature default, documented default)`` for every scalar
    default of the module's public callables (documented: None when no line states it)."""
    rows = []
    for name, obj in _callables(module_name):
        try:
            signature = inspect.signature(obj)
        except (TypeError, ValueError):
            continue
        doc = inspect.getdoc(obj) or ""
        for p in signature.parameters.values():
            default = p.default
            if default is inspect.Parameter.empty or not isinstance(
                default, bool | int | float | str
            ):
                continue
            line = re.search(
                rf"^\s*{re.escape(p.name)}\s*:[^\n]*?\bdefault\b[:=]?\s*([^,\n]+?)\s*(?:,|$)",
                doc,
                re.M,
            )
            rows.append((name, p.name, default, parse_default(line.group(1)) if line else None))
    return rows


def _same(signature_default, documented) -> bool:
    if isinstance(signature_default, bool) or isinstance(documented, bool):
        return signature_default is documented
    if isinstance(signature_default, str):
        return documented == signature_default
    if isinstance(documented, float):
        return math.isclose(float(signature_default), documented, rel_tol=1e-15, abs_tol=0.0)
    return False


@pytest.mark.parametrize("module_name", MODULES)
def test_documented_defaults(module_name):
    rows = documented_defaults(module_name)
    wrong = [
        f"{name}({param}={default!r}): docstring says {stated!r}"
        for name, param, default, stated in rows
        if not _same(default, stated)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_check_reads_a_default_line_and_catches_a_changed_default():
    """The check itself: a line ``tol : float, default 1e-6`` is read as 1e-6, a signature
    default that differs from it is reported, and a bool is not the number 1."""

    def f(tol: float = 1e-6, flag: bool = True, mode: str = "a", k: int = 1) -> None:
        """F.

        Parameters
        ----------
        tol : float, default 1e-6
            Tolerance.
        flag : bool, default True
            Flag.
        mode : {"a", "b"}, default "a"
            Mode.
        k : int, default 2
            Count.
        """

    doc = inspect.getdoc(f) or ""
    stated = {
        m.group(1): parse_default(m.group(2))
        for m in re.finditer(r"^(\w+) : [^\n]*?\bdefault\b\s*([^,\n]+?)\s*(?:,|$)", doc, re.M)
    }
    assert stated == {"tol": 1e-6, "flag": True, "mode": "a", "k": 2.0}
    assert _same(1e-6, stated["tol"]) and _same(True, stated["flag"]) and _same("a", "a")
    assert not _same(1, stated["k"]) and not _same(1, True) and not _same(True, 1.0)
