"""clusternet.figures.save_figure: an atomic write that honours the umask and the format."""

from __future__ import annotations

import os

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import pytest

from clusternet.figures import save_figure


@pytest.fixture
def fig():
    f, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [0, 1])
    yield f
    plt.close(f)


def test_png_has_the_size_dpi_times_inches_and_replaces_an_old_file(tmp_path, fig):
    path = tmp_path / "sub" / "f.png"  # a missing folder is created
    assert save_figure(fig, path, dpi=50) == path
    assert mpimg.imread(path).shape[:2] == (50, 100)  # 1 x 2 inches at 50 dpi
    path.write_bytes(b"old")
    save_figure(fig, path, dpi=30)
    assert mpimg.imread(path).shape[:2] == (30, 60)
    assert os.listdir(path.parent) == ["f.png"]  # no temporary file left


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_the_file_mode_is_what_open_would_give(tmp_path, fig, mask):
    old = os.umask(mask)
    try:
        path = save_figure(fig, tmp_path / "f.png", dpi=20)
    finally:
        os.umask(old)
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~mask


def test_the_suffix_or_format_names_the_format(tmp_path, fig):
    pdf = save_figure(fig, tmp_path / "f.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    svg = save_figure(fig, tmp_path / "f.SVG")
    assert b"<svg" in svg.read_bytes()[:500]
    forced = save_figure(fig, tmp_path / "plain", format="png", dpi=20)
    assert forced.read_bytes()[:4] == b"\x89PNG"


def test_a_path_without_suffix_or_a_folder_is_refused(tmp_path, fig):
    with pytest.raises(ValueError, match="has no suffix"):
        save_figure(fig, tmp_path / "plain")
    (tmp_path / "d.png").mkdir()
    with pytest.raises(IsADirectoryError, match="is a directory"):
        save_figure(fig, tmp_path / "d.png")
    assert sorted(os.listdir(tmp_path)) == ["d.png"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, fig):
    path = tmp_path / "f.png"
    path.write_bytes(b"old")
    with pytest.raises(ValueError):
        save_figure(fig, path, format="no-such-format")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["f.png"]
