"""Sphinx configuration: the clusternet documentation site (``make docs``).

Sphinx with the PyData theme, numpydoc and sphinx-gallery — the convention of
networkx, scikit-learn and scikit-network — and MyST for the Markdown guide
pages; see contributing.md for why. The build is strict: ``make docs`` runs
``sphinx-build -W --keep-going -n`` (every warning, broken cross-references
included, fails it) and works offline.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import clusternet  # noqa: E402

project = "clusternet"
author = "clusternet developers"
copyright = "2026, clusternet developers"
version = release = clusternet.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "auto_examples/*.ipynb", "**/*.py.md5", "_templates"]
templates_path = ["_templates"]

# API reference: every public name, from its docstring
autosummary_generate = True
autodoc_typehints = "none"  # the numpydoc sections carry the types; signatures stay short
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_validation_checks = {"GL08"}  # a public object without a docstring fails the build
# dataclass fields with defaults are class attributes; their meaning is in the class docstring
numpydoc_validation_exclude = {
    r"\.__init__$",
    r"\.__repr__$",
    r"\.__call__$",
    r"\.Parameter\.plausible$",
    r"\.Study\.takeoff$",
}
numpydoc_xref_param_type = False
add_module_names = False

# the build is offline: references to numpy, pandas, scipy, igraph, networkx types are
# plain text rather than links (no intersphinx inventories to fetch)
nitpicky = True
nitpick_ignore_regex = [
    # module constants and submodules are described in their packages' pages, not as
    # objects of their own
    (r"py:(data|mod)", r".*"),
    (r"py:.*", r"(numpy|np|pandas|pd|scipy|sp|igraph|ig|networkx|nx|numba|dask|matplotlib)\..*"),
    (r"py:.*", r"(collections\.abc|typing|os|pathlib)\..*"),
    (r"py:class", r"(array|ndarray|DataFrame|Series|Path|PathLike|optional|callable)"),
    # annotations of dataclass fields (e.g. ``tuple[float, float] | None``) render as text
    (r"py:class", r".*[\[\]|].*"),
]

myst_heading_anchors = 3
myst_enable_extensions = ["dollarmath"]
# guide pages are written for GitHub as well: their links to repository files
# (README.md, BENCHMARKS.md, ../shared/...) are not pages of this site
suppress_warnings = ["myst.xref_missing"]

html_theme = "pydata_sphinx_theme"
html_title = f"clusternet {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
}
html_static_path: list[str] = []

# examples gallery: every example runs in quick mode and shows its figures: a figure left
# open is captured by the matplotlib scraper, a PNG file an example writes under its --out
# folder by _gallery.png_scraper. CLUSTERNET_DOCS_EXAMPLES (a regular expression on the
# file path) runs a subset, e.g. while working on one example; the others are listed with
# the placeholder thumbnail.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": os.environ.get("CLUSTERNET_DOCS_EXAMPLES", r".*\.py$"),
    "reset_argv": "_gallery.example_argv",
    "plot_gallery": os.environ.get("CLUSTERNET_DOCS_GALLERY", "True"),
    "download_all_examples": False,
    "abort_on_example_error": True,
    "image_scrapers": ("matplotlib", "_gallery.png_scraper"),
    "within_subsection_order": "FileNameSortKey",
}
