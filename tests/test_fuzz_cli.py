"""Fuzz: the ``clusternet`` command with hostile ``--set`` values and hostile input files:
exit 0, or exit 2 with one ``clusternet: error:`` line naming the parameter or the file —
never a traceback (click's runner, in process; the exit-2 path itself is checked in a
subprocess by tests/test_cli.py)."""

import pytest
from click.testing import CliRunner
from fuzz_strategies import PROFILES, fuzz
from hypothesis import strategies as st

from clusternet.cli import main
from clusternet.dynamics import PARAMETERS as MODEL_PARAMETERS
from clusternet.generate import PARAMETERS as GENERATOR_PARAMETERS

VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "nan",
            "inf",
            "-inf",
            "-1",
            "0",
            "1",
            "0.5",
            "1e400",
            "1e-400",
            "1,2",
            "1,,2",
            "a",
            "[1",
            "true",
            "99999999999999999999999",
            "0x10",
            "é",
            " 2",
            "=",
            "1=2",
            "0,0,1,0",
            "{}",
            "'x'",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=4),
)


def invoke(args, folder):
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    # an uncaught exception (a traceback for the user) is the failure this fuzz hunts
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: uncaught {result.exception!r}") from result.exception
    assert result.exit_code in (0, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    return result


def check_named(result, *names):
    if result.exit_code == 2:
        errors = [line for line in result.output.splitlines() if "error" in line.lower()]
        assert errors, result.output
        assert any(name in result.output for name in names), (names, result.output)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_generate_set_values(examples, tmp_path_factory):
    def check(case):
        key, value = case
        folder = tmp_path_factory.mktemp("gen")
        setting = f"{key}={value}" if key else value
        args = [
            "generate",
            "--firms",
            "2",
            "--seed",
            "1",
            "--set",
            setting,
            "--out",
            str(folder / "g.npz"),
        ]
        result = invoke(args, folder)
        given = setting.partition("=")[0].strip() if "=" in setting else ""
        check_named(result, given or "--set", "--set")
        assert (folder / "g.npz").exists() == (result.exit_code == 0)

    keys = st.one_of(st.sampled_from(sorted(GENERATOR_PARAMETERS)), st.sampled_from(["", "nope"]))
    fuzz(examples, st.tuples(keys, VALUES), check)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_simulate_set_values(examples, tmp_path_factory):
    def check(case):
        key, value = case
        folder = tmp_path_factory.mktemp("sim")
        args = [
            "simulate",
            "--firms",
            "2",
            "--steps",
            "1",
            "--seed",
            "1",
            "--set",
            f"{key}={value}",
            "--out",
            str(folder / "s.csv"),
        ]
        result = invoke(args, folder)
        check_named(result, key)

    keys = st.one_of(st.sampled_from(sorted(MODEL_PARAMETERS)), st.just("nope"))
    fuzz(examples, st.tuples(keys, VALUES), check)


FILES = st.sampled_from(
    [
        ("e.csv", b""),
        ("e.csv", b"\xef\xbb\xbf"),
        ("e.csv", b"source,target\n"),
        ("e.csv", b"\xef\xbb\xbfsource,target\n1,2\n"),
        ("e.csv", b"source,target\n1,\n"),
        ("e.csv", b"source,target\na\x00,b\n"),
        ("e.csv", b"source,target,weight\n1,2,abc\n"),
        ("e.csv", b"source,target,weight\n1,2,1e400\n"),
        ("e.csv", b"source,target\n99999999999999999999,1\n"),
        ("e.csv", b"\xff\xfe\x00garbage"),
        ("e.csv", b"a,b\n1,2\n"),
        ("e.csv", b'source,target\n"unclosed,1\n'),
        ("n.npz", b""),
        ("n.npz", b"PK\x03\x04truncated"),
        ("n.npz", b"not a zip at all"),
        ("g.graphml", b"<graphml><graph"),
        ("g.graphml", b""),
        ("e.parquet", b"PAR1xxxxPAR1"),
        ("e.txt", b"source,target\n1,2\n"),
    ]
)


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_analyze_hostile_files(examples, tmp_path_factory):
    def check(case):
        (name, content), as_directory = case
        folder = tmp_path_factory.mktemp("an")
        path = folder / name
        if as_directory:
            path.mkdir()
        else:
            path.write_bytes(content)
        args = ["analyze", str(path), "--no-report", "--out", str(folder / "out")]
        result = invoke(args, folder)
        check_named(result, name, "source", "target", "weight", "row", "column", "edge table")

    fuzz(examples, st.tuples(FILES, st.booleans()), check)
