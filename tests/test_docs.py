"""Documentation covers every public function and stays current."""

import doctest
import inspect
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


#: Modules whose public names (``__all__``) the API reference must list.
API_MODULES = (
    "clusternet.io",
    "clusternet.datasets",
    "clusternet.centrality",
    "clusternet.structure",
    "clusternet.diffusion",
    "clusternet.spillover",
    "clusternet.measures",
    "clusternet.dynamics",
    "clusternet.economics",
    "clusternet.validation",
    "clusternet.calibrate",
    "clusternet.survey",
    "clusternet.locality",
    "clusternet.targeting",
    "clusternet.replicates",
    "clusternet.experiments",
    "clusternet.studies",
    "clusternet.ensemble",
)


def _public(module_name):
    import importlib

    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            n
            for n in dir(module)
            if not n.startswith("_")
            and callable(getattr(module, n))
            and getattr(getattr(module, n), "__module__", "").startswith(module_name)
        ]
    return module, [n for n in names if not n.isupper()]


def test_api_reference_lists_every_public_name_with_a_docstring():
    import clusternet as cn

    api = (ROOT / "docs" / "api" / "index.rst").read_text(encoding="utf-8")
    top = [n for n in cn.__all__ if n[0].isupper() or callable(getattr(cn, n))]
    top = [n for n in top if not inspect.ismodule(getattr(cn, n)) and n != "__version__"]
    for name in top:
        assert f"   {name}\n" in api, f"clusternet.{name} is missing from docs/api/index.rst"
    for module_name in API_MODULES:
        module, names = _public(module_name)
        assert f"``{module_name}``" in api, f"docs/api/index.rst has no section for {module_name}"
        for name in names:
            # listed in its module's section, or at the top level (re-exported names)
            assert f"   {name}\n" in api, f"{module_name}.{name} is missing from docs/api/index.rst"
            doc = inspect.getdoc(getattr(module, name)) or ""
            assert len(doc) > 40, f"{module_name}.{name} needs a docstring"


def test_documentation_site_builds_strictly(tmp_path):
    """sphinx-build -W -n: any warning (broken reference, undocumented name) fails.

    The examples gallery is not executed here (tests/test_examples.py runs every
    example in quick mode); ``make docs`` runs it.
    """
    import os
    import subprocess
    import sys

    env = {**os.environ, "CLUSTERNET_DOCS_GALLERY": "False"}
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
         str(ROOT / "docs"), str(tmp_path / "html")],
        capture_output=True, text=True, env=env, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-5000:]
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    for page in ("getting_started", "calibration", "targeting", "case_studies", "validation"):
        assert f"{page}.html" in index, page
    assert (tmp_path / "html" / "api" / "generated" / "clusternet.fit_generator.html").exists()


def test_every_name_in_all_exists():
    """Every name the package and its public modules export (``__all__``) is defined.

    Reads ``__all__`` itself, so a name added to or removed from the API is checked
    without a copy of the list here; ``from clusternet import *`` must not fail.
    """
    import importlib

    import clusternet as cn

    modules = {"clusternet": cn}
    for name in cn.__all__:
        obj = getattr(cn, name)  # AttributeError names the missing export
        if inspect.ismodule(obj):
            modules[obj.__name__] = obj
    for module_name in API_MODULES:
        modules[module_name] = importlib.import_module(module_name)
    assert len(modules) > 10
    for module_name, module in modules.items():
        names = getattr(module, "__all__", None)
        if names is None:  # e.g. clusternet.roles (constants); the API test lists their names
            continue
        assert len(set(names)) == len(names), f"{module_name}.__all__ repeats a name"
        missing = [n for n in names if not hasattr(module, n)]
        assert not missing, f"{module_name}.__all__ names undefined {missing}"
    # every public module exported at the top level has an API reference section
    exported = {m for m in modules if m != "clusternet"} - {
        "clusternet.kernels",
        "clusternet.roles",
    }
    assert exported <= set(API_MODULES), sorted(exported - set(API_MODULES))


def test_no_comment_or_doc_cites_the_monograph_by_line_and_every_claim_id_exists():
    """Citations of the monograph use the identifiers of docs/claims.md (issue 31, item 4)."""
    import re

    claims = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^\*\*(C-[A-Z]+-\d+)\*\*", claims, re.M))
    assert len(defined) >= 20
    cited: dict[str, str] = {}
    stale = re.compile(r"(?i:seed lines? \d)|\bDESIGN\b ?(?:§|section|\d)")
    for folder in ("clusternet", "docs", "tests", "examples", "benchmarks"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".md", ".rst", ".txt"} or "_build" in path.parts:
                continue
            if path.name == "test_docs.py":
                continue
            text = path.read_text(encoding="utf-8")
            assert not stale.search(text), f"{path} cites the monograph by line or DESIGN"
            for ident in re.findall(r"\bC-[A-Z]+-\d+\b", text):
                cited.setdefault(ident, str(path))
    unknown = {k: v for k, v in cited.items() if k not in defined}
    assert not unknown, f"claim identifiers not in docs/claims.md: {unknown}"
    assert {"C-WHEELS-1", "C-SQUEEZE-1", "C-GENERIC-1", "C-BRAND-1"} <= set(cited)


def test_docs_pages_exist():
    for page in (
        "generator.md",
        "measures.md",
        "dynamics.md",
        "scaling.md",
        "validation.md",
        "case_studies.md",
        "calibration.md",
        "targeting.md",
    ):
        assert (ROOT / "docs" / page).stat().st_size > 1000
    for page in ("index.md", "getting_started.md", "contributing.md"):
        assert (ROOT / "docs" / page).stat().st_size > 500
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make demo") < readme.index("## Quickstart")
    assert (ROOT / "CHANGELOG.md").exists()


def test_readme_quickstart_runs(tmp_path, monkeypatch):
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## Quickstart\n\n```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README quickstart", "exec"), {})
    assert (tmp_path / "report.html").stat().st_size > 50_000


def test_generator_doc_lists_current_defaults():
    from clusternet.generate import PARAMETERS

    doc = (ROOT / "docs" / "generator.md").read_text(encoding="utf-8")
    for name, spec in PARAMETERS.items():
        assert f"| `{name}` | {spec.default} |" in doc, name


def test_pre_commit_pins_the_lint_extras_versions():
    """Hooks and `make lint` run the same tool versions (both pinned; issue 31 item 5)."""
    import re
    import tomllib

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = dict(
        re.fullmatch(r"([a-z-]+)==([\d.]+)", req).groups()
        for req in extra["project"]["optional-dependencies"]["lint"]
    )
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    revs = dict(re.findall(r"repo: https://github.com/[\w-]+/([\w-]+)\n\s+rev: v([\d.]+)", config))
    assert revs == {"ruff-pre-commit": pins["ruff"], "codespell": pins["codespell"]}
    assert {"mypy", "pre-commit"} <= set(pins) and "id: mypy" in config


#: Modules whose Examples sections their owners write in the current round (issue 31
#: item 2); the lead removes each entry once its owner's branch is merged.
EXAMPLES_PENDING: tuple[str, ...] = ()


def _public_modules() -> list[str]:
    """Every module of the package whose dotted name has no private part."""
    import pkgutil

    import clusternet

    names = ["clusternet"]
    for info in pkgutil.walk_packages(clusternet.__path__, "clusternet."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def _documented_objects(module):
    """(qualified name, object) of the public functions, classes and methods ``module`` defines.

    Numba kernels count as functions (their Python function is checked); so do a
    class's public methods, static and class methods and properties.
    """
    for name, obj in vars(module).items():
        if name.startswith("_"):
            continue
        func = getattr(obj, "py_func", obj)
        if not (inspect.isfunction(func) or inspect.isclass(func)):
            continue
        if getattr(func, "__module__", None) != module.__name__:
            continue  # imported from elsewhere: checked where it is defined
        yield name, func
        if inspect.isclass(func):
            for attr, member in vars(func).items():
                if attr.startswith("_"):
                    continue
                if isinstance(member, staticmethod | classmethod):
                    member = member.__func__
                if isinstance(member, property):
                    member = member.fget
                if inspect.isfunction(member):
                    yield f"{name}.{attr}", member


def test_every_public_name_has_a_runnable_example():
    """Each public function, class and method has an ``Examples`` section with a doctest.

    Walks every public module (no private part in its name) rather than a list
    kept here, so a new module or function is checked as soon as it exists;
    ``make test`` runs the examples themselves (``--doctest-modules``).
    """
    import importlib

    modules = _public_modules()
    assert len(modules) > 40
    missing = []
    checked = 0
    for module_name in modules:
        if module_name.startswith(EXAMPLES_PENDING):
            continue
        module = importlib.import_module(module_name)
        for name, obj in _documented_objects(module):
            checked += 1
            doc = inspect.getdoc(obj) or ""
            section = doc.partition("\nExamples\n--------\n")[2]
            if ">>> " not in section:
                missing.append(f"{module_name}.{name}")
    assert checked > 200
    assert not missing, f"{len(missing)} public names without an Examples section: {missing}"


def _public_objects():
    """(qualified name, object, is a property) of every public function, class and method.

    The names each public module defines (:func:`_documented_objects`) and the names
    it re-exports in ``__all__`` (e.g. ``studies.run_study``, defined in a private
    module), with the public methods and properties of every such class; each object
    once, under the first name it is reached by.
    """
    import functools
    import importlib

    seen: dict[int, tuple[str, object, bool]] = {}

    def add(qualname, obj, is_property=False):
        if id(obj) not in seen:
            seen[id(obj)] = (qualname, obj, is_property)

    def members(qualname, cls):
        for attr, member in vars(cls).items():
            if attr.startswith("_"):
                continue
            if isinstance(member, staticmethod | classmethod):
                member = member.__func__
            is_property = isinstance(member, property | functools.cached_property)
            if isinstance(member, property):
                member = member.fget
            elif isinstance(member, functools.cached_property):
                member = member.func
            if inspect.isfunction(member):
                add(f"{qualname}.{attr}", member, is_property)

    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name, obj in _documented_objects(module):
            if inspect.isclass(obj):
                members(f"{module_name}.{name}", obj)
            add(f"{module_name}.{name}", obj)
        for name in getattr(module, "__all__", ()):
            obj = getattr(getattr(module, name), "py_func", getattr(module, name))
            if inspect.isfunction(obj) or inspect.isclass(obj):
                add(f"{module_name}.{name}", obj)
                if inspect.isclass(obj):
                    members(f"{module_name}.{name}", obj)
    return sorted(seen.values(), key=lambda item: item[0])


def _returns_a_value(func) -> bool:
    """Whether ``func`` returns something: its annotation, else a ``return``/``yield`` in its body.

    Numba kernels carry no annotations; their source decides (a ``return`` of a value
    or ``yield`` outside nested functions).
    """
    import ast
    import textwrap

    annotation = inspect.signature(func).return_annotation
    if annotation is not inspect.Signature.empty:
        return annotation not in (None, "None")
    tree = ast.parse(textwrap.dedent(inspect.getsource(func))).body[0]
    stack = list(ast.iter_child_nodes(tree))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def _section_gaps(obj, is_property: bool = False) -> list[str]:
    """The numpydoc sections ``obj``'s docstring lacks, e.g. ``["Returns", "Parameters: seed"]``.

    * ``Examples`` with a doctest, always, and at least one example that runs (not
      ``# doctest: +SKIP``), so that every public name's example is checked;
    * ``Parameters`` naming every public argument (beyond ``self``/``cls``) of a function, or
      of a class's constructor (a dataclass may name its fields under ``Attributes``);
    * ``Returns`` (or ``Yields``) for a function that returns a value and for a property.
    """
    from numpydoc.docscrape import NumpyDocString

    doc = NumpyDocString(inspect.getdoc(obj) or "")
    gaps = []
    examples = doctest.DocTestParser().get_examples("\n".join(doc["Examples"]))
    if not examples:
        gaps.append("Examples")
    elif all(example.options.get(doctest.SKIP) for example in examples):
        gaps.append("Examples: none runs (every line is +SKIP)")
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):  # an exception class with a C constructor
        signature = None
    if inspect.isclass(obj):
        # a constructor inherited from another library (click.Group, ClickException,
        # Warning) is documented there; a class's own (or its dataclass fields) here
        owner = next(c for c in obj.__mro__ if "__init__" in vars(c) or "__new__" in vars(c))
        if not owner.__module__.startswith("clusternet"):
            signature = None
    arguments = [] if signature is None else [
        name for name in signature.parameters if name not in ("self", "cls")
        and not name.startswith("_")  # a private field (e.g. a cache) is not an argument
    ]  # fmt: skip
    sections = ["Parameters", "Other Parameters"]
    if inspect.isclass(obj):
        sections.append("Attributes")
    documented = {
        part.strip().lstrip("*")
        for section in sections
        for entry in doc[section]
        for part in entry.name.split(",")
    }
    if arguments and not (doc["Parameters"] or (inspect.isclass(obj) and doc["Attributes"])):
        gaps.append("Parameters")
    elif undocumented := [name for name in arguments if name not in documented]:
        gaps.append(f"Parameters: {', '.join(undocumented)}")
    if not inspect.isclass(obj):
        if (is_property or _returns_a_value(obj)) and not (doc["Returns"] or doc["Yields"]):
            gaps.append("Returns")
    return gaps


#: Modules (where a name is defined) whose numpydoc sections are still to be written
#: (issue 31 item 2); every other public name is checked by the test below.
SECTIONS_PENDING: tuple[str, ...] = ()


def test_every_public_name_has_parameters_returns_and_examples():
    """numpydoc sections on every public name, re-exports included (issue 31 item 2).

    Walks each public module's own definitions and its ``__all__`` (so names defined in
    a private module and re-exported, such as ``studies.run_study``, are checked too),
    with the public methods and properties of every class, and parses each docstring
    with numpydoc: ``Examples`` with a doctest, ``Parameters`` naming every argument,
    ``Returns``/``Yields`` when a value comes back.
    """
    objects = _public_objects()
    assert len(objects) > 400
    names = {name for name, _, _ in objects}
    assert {"clusternet.studies.run_study", "clusternet.studies.write_study"} <= names
    gaps = {}
    for qualname, obj, is_property in objects:
        if obj.__module__ in SECTIONS_PENDING:
            continue
        if missing := _section_gaps(obj, is_property):
            gaps[qualname] = missing
    listing = "\n".join(f"{name}: {'; '.join(missing)}" for name, missing in gaps.items())
    assert not gaps, f"{len(gaps)} public names lack numpydoc sections:\n{listing}"


def test_section_check_catches_each_gap():
    """The section check flags a missing Examples, Parameters entry and Returns."""

    def documented(seed: int) -> int:
        """Twice the seed.

        Parameters
        ----------
        seed : int
            Any integer.

        Returns
        -------
        int
            ``2 * seed``.

        Examples
        --------
        >>> documented(2)
        4
        """
        return 2 * seed

    def bare(seed, rate=0.5):
        """Twice the seed, no sections.

        Parameters
        ----------
        seed : int
            Any integer.
        """
        if seed:
            return 2 * seed
        return None

    assert _section_gaps(documented) == []
    assert _section_gaps(bare) == ["Examples", "Parameters: rate", "Returns"]


def test_section_check_rejects_an_example_that_never_runs():
    """An Examples section whose every line is ``+SKIP`` counts as no example.

    A skipped example is never executed, so it can use undefined names or print
    a stale result unnoticed; one runnable line next to skipped ones is enough.
    """

    def skipped() -> int:
        """One.

        Returns
        -------
        int
            1.

        Examples
        --------
        >>> value = skipped(  # doctest: +SKIP
        ...     )
        >>> undefined_name + value  # doctest: +SKIP
        1
        """
        return 1

    def partly_skipped() -> int:
        """One.

        Returns
        -------
        int
            1.

        Examples
        --------
        >>> undefined_name  # doctest: +SKIP
        >>> partly_skipped()
        1
        """
        return 1

    def skipped_on_continuation() -> int:
        """One.

        Returns
        -------
        int
            1.

        Examples
        --------
        >>> skipped_on_continuation(
        ...     )  # doctest: +SKIP
        1
        """
        return 1

    assert _section_gaps(skipped) == ["Examples: none runs (every line is +SKIP)"]
    assert _section_gaps(partly_skipped) == []
    assert _section_gaps(skipped_on_continuation) == ["Examples: none runs (every line is +SKIP)"]
