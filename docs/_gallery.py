"""Helpers of the examples gallery (named in conf.py by their dotted path, so Sphinx can cache the configuration)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: Where the examples write their outputs during a docs build.
GALLERY_TMP = Path(os.environ.get("CLUSTERNET_DOCS_TMP", "/tmp/clusternet-docs-examples"))


def example_argv(gallery_conf, script_vars):
    """Quick-mode arguments of an example, its outputs redirected to a scratch folder."""
    src = Path(script_vars["src_file"])
    out = GALLERY_TMP / src.stem
    if src.stem == "validation_table":
        return ["--quick", "--out", str(out / "validation.md")]
    if src.stem == "case_studies":
        return ["--quick", "--out", str(out / "case_studies.md"), "--results", str(out / "results")]
    if "--out" in src.read_text():
        return ["--quick", "--out", str(out)]
    return ["--quick"]


def png_scraper(block, block_vars, gallery_conf):
    """Copy the PNG files an example wrote under its scratch folder into the gallery."""
    from sphinx_gallery.scrapers import figure_rst

    folder = GALLERY_TMP / Path(block_vars["src_file"]).stem
    pngs = sorted(folder.rglob("*.png")) if folder.exists() else []
    paths = []
    for png, dest in zip(pngs, block_vars["image_path_iterator"], strict=False):
        shutil.copyfile(png, dest)
        paths.append(dest)
    return figure_rst(paths, gallery_conf["src_dir"])
