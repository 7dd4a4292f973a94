"""``clusternet fit``: every option of the page's survey call reaches ``fit_generator``.

``fit_generator`` is replaced by a recorder that stops the command, so these tests check
the command line's wiring and its errors, not a fit (tests/test_calibrate*.py fit)."""

import pytest
from click.testing import CliRunner

import clusternet as cn
from clusternet.cli import main


class _Captured(Exception):
    pass


@pytest.fixture
def captured(monkeypatch, tmp_path):
    """Run ``clusternet fit NET ...`` with ``fit_generator`` recording its keywords."""
    import clusternet.calibrate

    net = tmp_path / "net.npz"
    cn.io.save(cn.datasets.load_florentine_families(), net)
    calls = []

    def fake(observed, **kwargs):
        calls.append(kwargs)
        raise _Captured

    monkeypatch.setattr(clusternet.calibrate, "fit_generator", fake)

    def run(*args):
        result = CliRunner().invoke(main, ["fit", str(net), *args, "--out", str(tmp_path / "o")])
        return result, (calls[-1] if calls else None)

    return run


def test_the_ckm_survey_call_reaches_fit_generator(captured):
    result, kwargs = captured(
        "--layer-map", "marriage=social", "--param", "social_degree", "--sims", "6",
        "--bootstrap", "0", "--nominations", "3", "--nomination-order", "embedded",
        "--fixed", "n_towns=4", "--fixed", "preset=datang", "--fixed", "stage_shares=0,0,1,0",
        "--weights", "estimate", "--final-sims", "24", "--check", "400", "--design", "80",
        "--maxiter", "3",
    )  # fmt: skip
    assert isinstance(result.exception, _Captured), result.output
    assert kwargs == {
        "params": ["social_degree"],
        "layer_map": {"marriage": "social"},
        "n_sims": 6,
        "bootstrap": 0,
        "seed": 2026,
        "workers": None,
        "nominations": 3,
        "nomination_order": "embedded",
        "fixed": {"n_towns": 4, "preset": "datang", "stage_shares": (0, 0, 1, 0)},
        "weights": "estimate",
        "final_sims": 24,
        "check": 400,
        "design": 80,
        "maxiter": 3,
    }


def test_options_not_given_keep_fit_generators_defaults(captured):
    result, kwargs = captured("--layer-map", "marriage=social")
    assert isinstance(result.exception, _Captured), result.output
    for name in ("nominations", "nomination_order", "fixed", "weights", "final_sims", "check",
                 "design", "maxiter"):  # fmt: skip
        assert name not in kwargs


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--fixed", "n_towns"], "--fixed expects key=value"),
        (["--fixed", "no_such_parameter=1"], "--fixed no_such_parameter"),
        (["--fixed", "n_towns=many"], "--fixed n_towns: expected a number"),
        (["--nomination-order", "embedded"], "--nominations"),
        (["--nomination-order", "strongest"], "--nomination-order"),
        (["--weights", "optimal"], "--weights"),
        (["--nominations", "0"], "--nominations"),
        (["--final-sims", "1"], "--final-sims"),
        (["--check", "5"], "--check"),
        (["--design", "0"], "--design"),
        (["--maxiter", "0"], "--maxiter"),
    ],
)
def test_a_bad_option_is_a_one_line_error_naming_it(captured, args, named):
    result, kwargs = captured(*args)
    assert result.exit_code == 2, result.output
    assert named in result.output and kwargs is None  # stopped before any fit


def test_the_choices_are_the_librarys_own():
    from clusternet.calibrate import WEIGHTINGS
    from clusternet.cli.fit import fit_cmd
    from clusternet.survey import NOMINATION_ORDERS

    choices = {p.name: getattr(p.type, "choices", None) for p in fit_cmd.params}
    assert tuple(choices["weights"]) == WEIGHTINGS
    assert tuple(choices["nomination_order"]) == NOMINATION_ORDERS
