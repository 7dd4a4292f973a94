"""Fuzz: the arguments of ``sobol``, ``sweep``, ``fit_model`` and ``fit_generator`` (the
round-9 referee found them unfuzzed). One argument at a time takes a hostile value (bad
bounds, empty parameter lists, NaN, negative budgets, wrong types, unknown names) among legal
others: the call must raise a ValueError/TypeError naming that argument *before* it evaluates
the model even once (a stub model counts its calls, or stops a legal call at its first one)."""

import math

import numpy as np
import pytest
from fuzz_strategies import PROFILES, fuzz
from hypothesis import strategies as st

import clusternet as cn
from clusternet import calibrate
from clusternet.measures import sobol


class Reached(Exception):
    """A legal call got as far as evaluating the model: where the stub stops it."""


def hostile_call(draw, legal: dict, hostile: dict, aliases: dict | None = None):
    """Legal keyword arguments, with at most one replaced by a hostile value."""
    kwargs = {name: draw(st.sampled_from(values)) for name, values in legal.items()}
    bad = draw(st.sampled_from([None, *hostile]))
    if bad is not None:
        kwargs[bad] = draw(st.sampled_from(hostile[bad]))
    words = () if bad is None else (bad, *(aliases or {}).get(bad, ()))
    return kwargs, bad, words


def expect(call, bad, words, calls: list) -> None:
    """``call()`` stops at the stub when every argument is legal, else raises a named error
    before any model evaluation."""
    try:
        call()
    except (ValueError, TypeError) as exc:
        if not calls:
            assert bad is not None, f"legal arguments refused: {exc}"
            assert any(w in str(exc) for w in words), f"unclear error for {bad}: {exc}"
            return
    except Exception as exc:  # Reached, or a failure a sweep recorded for it (SMM runs there)
        # the model may run on a pickled copy, whose ``calls`` this list does not see
        if not (calls or isinstance(exc, Reached) or "Reached" in str(exc)):
            raise
    else:
        assert calls, "a legal call returned without evaluating the model"
    assert bad is None, f"hostile {bad} reached the model"


# ---------------------------------------------------------------------- sobol
SOBOL_LEGAL = {
    "names": [["a"], ["a", "b"], ("x", "y", "z")],
    "n": [2, 4, 64],
    "seed": [None, 0, 2**40],
}
SOBOL_HOSTILE = {
    "names": [[], "ab", ["a", "a"], [1, 2], None, 5],
    "bounds": [
        [(1, 0)],
        [(0, 0)],
        [(math.nan, 1)],
        [(0, math.inf)],
        [(-1e308, 1e308)],
        [("a", "b")],
        [(0, 1, 2)],
        [5],
        "ab",
        None,
        [],
    ],
    "n": [0, 1, -4, 2.5, "8", None, math.nan],
    "seed": [-1, "x", 1.5],
    "func": [5, None],
}


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_sobol_arguments_are_named_before_any_evaluation(examples):
    @st.composite
    def cases(draw):
        kwargs, bad, words = hostile_call(draw, SOBOL_LEGAL, SOBOL_HOSTILE)
        k = len(kwargs["names"]) if isinstance(kwargs["names"], list | tuple) else 1
        if bad != "bounds":
            kwargs["bounds"] = [(0.0, draw(st.sampled_from([1e-300, 1.0, 1e300])))] * k
        elif kwargs["bounds"] not in ("ab", None, []):
            kwargs["bounds"] = kwargs["bounds"] * k
        return kwargs, bad, words

    def check(case):
        kwargs, bad, words = case
        calls = []

        def func(x):
            calls.append(x)
            raise Reached

        kwargs.setdefault("func", func)
        expect(lambda: sobol(**kwargs), bad, words, calls)

    fuzz(examples, cases(), check)


def test_sobol_refuses_what_salib_silently_misread():
    """Found by this fuzz: no names raised IndexError, repeated names SALib's RuntimeError,
    NaN or infinite bounds and a NaN output gave indices of exactly 0, n = 1 negative
    'indices'; now each is a ValueError naming the argument, and a legal call still
    recovers Y = X1 + 2 X2: S = (1/5, 4/5)."""
    f = lambda x: x[:, 0] + 2.0 * x[:, 1]  # noqa: E731
    for names, bounds, match in [
        ([], [], "names is empty"),
        (["a", "a"], [(0, 1), (0, 1)], "distinct"),
        (["a", "b"], [(math.nan, 1), (0, 1)], "bounds of a"),
        (["a", "b"], [(0, 1), (0, math.inf)], "bounds of b"),
    ]:
        with pytest.raises(ValueError, match=match):
            sobol(f, names, bounds, n=8, seed=1)
    with pytest.raises(ValueError, match="n must be >= 2"):
        sobol(f, ["a", "b"], [(0, 1), (0, 1)], n=1, seed=1)
    with pytest.raises(ValueError, match="finite values"):
        sobol(lambda x: np.full(len(x), np.nan), ["a", "b"], [(0, 1), (0, 1)], n=8, seed=1)
    res = sobol(f, ["a", "b"], [(0, 1), (0, 1)], n=1024, seed=1)
    np.testing.assert_allclose(res["S1"], [0.2, 0.8], atol=0.05)


# ---------------------------------------------------------------------- sweep
def area(width, height=1.0, seed=None):
    return {"area": width * height}


SWEEP_LEGAL = {"reps": [1, 2], "seed": [0, 1, 2**40], "retries": [0, 2]}
SWEEP_HOSTILE = {
    "grid": [{}, [], [{"depth": 1}], {"width": []}, [1, 2], 5, "width", None, ["ab"]],
    "reps": [0, -1, 1.5, math.nan, "2", None],
    "retries": [-1, 0.5],
    "workers": [0, -2, "1", 1.5],
    "backend": ["mpi", None],
    "function": ["no_module", "no_such_module:x", 5, "clusternet:no_such_name"],
    "seed": [-1, "x", 1.5],
    "shared": [[1, 2], "ab", 5, {"width": 2}],
    "out": [5, 1.5],
}


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_sweep_arguments_are_named_before_any_task(examples):
    @st.composite
    def cases(draw):
        kwargs, bad, words = hostile_call(draw, SWEEP_LEGAL, SWEEP_HOSTILE)
        if bad != "grid":
            kwargs["grid"] = draw(
                st.sampled_from([{"width": [1, 2]}, [{"width": 3.0, "height": 1e300}]])
            )
        if bad in ("grid", "shared", "function"):
            words = (*words, "parameter", "import", "empty", "values")
        return kwargs, bad, words

    def check(case):
        kwargs, bad, words = case
        calls = []

        def task(width, height=1.0, seed=None):
            calls.append(width)
            return {"area": width * height}

        kwargs.setdefault("function", task)
        kwargs.setdefault("workers", 1)
        try:
            table = cn.sweep(progress=False, **kwargs)
        except (ValueError, TypeError) as exc:
            assert bad is not None, f"legal arguments refused: {exc}"
            assert any(w in str(exc) for w in words), f"unclear error for {bad}: {exc}"
            assert not calls
            return
        assert bad is None, f"hostile {bad} accepted"
        assert (table["status"] == "ok").all()
        grid = kwargs["grid"]
        points = len(grid["width"]) if isinstance(grid, dict) else len(grid)
        assert len(table) == len(calls) == points * kwargs["reps"]
        np.testing.assert_array_equal(table["area"], table["width"] * table.get("height", 1.0))

    fuzz(examples, cases(), check)


def test_sweep_names_a_grid_shared_or_out_of_the_wrong_type():
    """Found by this fuzz: a list of numbers as the grid, a list as ``shared`` and a number as
    ``out`` raised bare TypeErrors ('int' object is not iterable ...) from inside the sweep."""
    for kwargs, match in [
        ({"grid": [1, 2]}, "grid point 0 must be a dict"),
        ({"grid": 5}, "grid must be a dict"),
        ({"grid": {"width": [1]}, "shared": [1, 2]}, "shared must be a dict"),
        ({"grid": {"width": [1]}, "out": 5}, "out must be a folder"),
    ]:
        with pytest.raises(cn.ensemble.SweepError, match=match):
            cn.sweep(area, seed=1, workers=1, progress=False, **kwargs)


# ---------------------------------------------------------------------- fit_model
FIT_LEGAL = {
    "population_size": [5, 6],
    "generations": [1, 2],
    "level": [0.5, 0.9, 1 - 1e-16],
    "seed": [0, 3],
    "method": ["abc", "smm"],
}
FIT_HOSTILE = {
    "params": [{}, [], "p", 5, {"p": (1, 0)}, {"p": (math.nan, 1)}, {"p": ("a", "b")}],
    "level": [0, 1, -0.5, math.nan, math.inf, "x", None],
    "population_size": [0, 4, -1, 2.5, "5"],
    "generations": [0, -1, 1.5],
    "max_simulations": [0, -5, math.nan, "x", 2.5],
    "min_acceptance_rate": [-0.1, 1.5, math.nan, "x"],
    "predictive": [-1, 1.5],
    "workers": [0, "1"],
    "method": ["mcmc", None],
    "smm_points": [0, 1, -1, "x"],
    "smm_reps": [0, -1, "x"],
    "observed": [{}, {"heads": math.nan}, {"heads": "x"}, None, 5, "heads"],
    "model": ["nope", 5, None],
    "steps": [-1, 0, "x"],
    "options": [5, "x", {"p": 0.5}],
    "seed": [-1, "x"],
    "net": [5, "net"],
}
FIT_ALIASES = {"params": ("prior",), "options": ("fixed",)}


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_fit_model_arguments_are_named_before_any_simulation(examples):
    @st.composite
    def cases(draw):
        kwargs, bad, words = hostile_call(draw, FIT_LEGAL, FIT_HOSTILE, FIT_ALIASES)
        if kwargs["method"] == "smm" and bad not in ("smm_points", "smm_reps"):
            kwargs |= {"smm_points": 2, "smm_reps": 2}
        if bad in ("smm_points", "smm_reps"):
            kwargs["method"] = "smm"
            kwargs.setdefault("smm_points", 2)
            kwargs.setdefault("smm_reps", 2)
        return kwargs, bad, words

    def check(case):
        kwargs, bad, words = case
        calls = []

        def coin(seed, p):
            calls.append(p)
            raise Reached

        call = {
            "net": None,
            "observed": {"heads": 0.3},
            "params": {"p": (0, 1)},
            "model": coin,
            "predictive": 0,
            "workers": 1,
        } | kwargs
        expect(lambda: cn.fit_model(**call), bad, words, calls)

    fuzz(examples, cases(), check)


def test_fit_model_names_budgets_and_summaries_it_used_to_accept():
    """Found by this fuzz: negative or NaN ``max_simulations`` and ``min_acceptance_rate``
    ran a fit; ``level="x"``, ``options=5``, an empty observed dict and a prior of strings
    raised bare errors ('<' not supported, 'int' object is not iterable, need at least one
    array to concatenate, could not convert string to float)."""

    def coin(seed, p):
        return {"heads": np.random.default_rng(seed).binomial(20, p) / 20}

    base = {"net": None, "observed": {"heads": 0.3}, "params": {"p": (0, 1)}, "model": coin}
    base |= {"population_size": 5, "generations": 1, "predictive": 0, "workers": 1, "seed": 1}
    for kwargs, error, match in [
        ({"max_simulations": -5}, ValueError, "max_simulations"),
        ({"max_simulations": math.nan}, TypeError, "max_simulations"),
        ({"min_acceptance_rate": 1.5}, ValueError, "min_acceptance_rate"),
        ({"min_acceptance_rate": math.nan}, ValueError, "min_acceptance_rate"),
        ({"level": "x"}, TypeError, "level"),
        ({"options": 5}, TypeError, "options"),
        ({"observed": {}}, ValueError, "observed"),
        ({"observed": {"heads": math.nan}}, ValueError, "observed summary 'heads'"),
        ({"params": {"p": ("a", "b")}}, ValueError, "prior of p"),
    ]:
        with pytest.raises(error, match=match):
            cn.fit_model(**(base | kwargs))
    fit = cn.fit_model(**(base | {"max_simulations": 50, "min_acceptance_rate": 0.0}))
    assert 0.0 <= fit.estimates["p"] <= 1.0


# ---------------------------------------------------------------------- fit_generator
@pytest.fixture(scope="module")
def florentine():
    return cn.datasets.load_florentine_families()


GEN_LEGAL = {
    "n_sims": [2, 3],
    "design": [None, 1, 2],
    "maxiter": [1],
    "seed": [0, 5],
    "search": ["powell", "least_squares"],
    "weights": ["design", "estimate"],
}
GEN_HOSTILE = {
    "params": [
        {},
        [],
        "social_degree",
        5,
        {"social_degree": (1, 0)},
        {"social_degree": ("a", "b")},
        {"social_degree": (0, 1, 2)},
        {"social_degree": 5},
        {"social_degree": (math.nan, 1)},
        {"social_degree": (0, math.inf)},
        {"no_such": (0, 1)},
        ["no_such"],
    ],
    "moments": [[], ["no_such"], 5, "social:mean_degree"],
    "layer_map": [{"no_such": "social"}, {"marriage": "no_such"}, 5, "x"],
    "fixed": [
        {"no_such": 1},
        5,
        "x",
        {"preset": "no_such"},
        {"social_degree": 1.0},
        {"transaction_degree": math.nan},
        {"transaction_degree": -3.0},
    ],
    "n_sims": [1, math.nan, "2", -3],
    "design": [0, -1, 1.5],
    "bootstrap": [-1, 0.5],
    "maxiter": [0],
    "starts": [0, -1],
    "backend": ["mpi", None],
    "workers": [0, "1"],
    "attribute": ["no_such", 5],
    "search": ["x", None],
    "weights": ["x"],
    "nomination_order": ["x", "embedded"],
    "nominations": [0, 1.5],
    "check": [5, -1],
    "final_sims": [1],
    "seed": [-1, "x"],
    "observed": [5, None],
}
GEN_ALIASES = {
    "params": ("bounds of", "generator parameter", "default bounds"),
    "fixed": ("preset",),
    "nomination_order": ("nominations",),
}


@pytest.mark.parametrize("examples", PROFILES)
def test_fuzz_fit_generator_arguments_are_named_before_any_simulation(
    examples, florentine, monkeypatch
):
    calls = []

    def point_task(*args, **kwargs):
        calls.append(args)
        raise Reached

    monkeypatch.setattr(calibrate, "_point_task", point_task)

    @st.composite
    def cases(draw):
        return hostile_call(draw, GEN_LEGAL, GEN_HOSTILE, GEN_ALIASES)

    def check(case):
        kwargs, bad, words = case
        calls.clear()
        call = {
            "observed": florentine,
            "params": ["social_degree"],
            "layer_map": {"marriage": "social"},
            "bootstrap": 0,
            "workers": 1,
        } | kwargs
        expect(lambda: cn.fit_generator(**call), bad, words, calls)

    fuzz(examples, cases(), check)


def test_fit_generator_names_empty_or_malformed_parameters_and_maps(florentine):
    """Found by this fuzz: ``params={}`` failed deep in the design ('not enough values to
    unpack'), malformed bounds, ``layer_map=5`` and ``fixed="x"`` raised bare errors, a bad
    seed was found only after the observed moments were taken, and an unknown preset or an
    out-of-range value in ``fixed`` only inside the first simulation."""
    base = {"observed": florentine, "layer_map": {"marriage": "social"}, "workers": 1}
    for kwargs, error, match in [
        ({"params": {}}, ValueError, "params is empty"),
        ({"params": []}, ValueError, "params is empty"),
        ({"params": "social_degree"}, TypeError, "params must be"),
        ({"params": {"social_degree": ("a", "b")}}, ValueError, "bounds of social_degree"),
        ({"params": {"social_degree": 5}}, ValueError, "bounds of social_degree"),
        ({"layer_map": 5}, TypeError, "layer_map must be a dict"),
        ({"fixed": "x"}, TypeError, "fixed must be a dict"),
        ({"moments": 5}, TypeError, "moments must be a list"),
        ({"seed": "x"}, TypeError, "seed"),
        ({"fixed": {"preset": "no_such"}}, ValueError, "fixed preset 'no_such'"),
        ({"fixed": {"transaction_degree": math.nan}}, ValueError, "fixed transaction_degree"),
    ]:
        with pytest.raises(error, match=match):
            cn.fit_generator(**(base | kwargs))
