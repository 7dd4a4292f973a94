"""The AST mutator of ``tools/mutants.py``: mutation sites, mutants, the sample, the interval.

Operators after cosmic-ray's set: binary operators, comparisons (boundary and negation),
``and``/``or``, unary ``-`` and ``not`` removed, numbers ``n -> n + 1`` (``2 n`` where a float
absorbs the 1), ``True <-> False``, ``break <-> continue``. Annotations, decorators, docstrings and ``stacklevel=``-like keyword
constants are not mutated.
"""

from __future__ import annotations

import ast
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

_BINOP: dict[type, type] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
    ast.BitXor: ast.BitAnd,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
}
#: comparison -> (boundary shift, negation); ``None`` where there is no boundary
_CMP: dict[type, tuple[type | None, type]] = {
    ast.Lt: (ast.LtE, ast.GtE),
    ast.LtE: (ast.Lt, ast.Gt),
    ast.Gt: (ast.GtE, ast.LtE),
    ast.GtE: (ast.Gt, ast.Lt),
    ast.Eq: (None, ast.NotEq),
    ast.NotEq: (None, ast.Eq),
    ast.Is: (None, ast.IsNot),
    ast.IsNot: (None, ast.Is),
    ast.In: (None, ast.NotIn),  # codespell:ignore
    ast.NotIn: (None, ast.In),  # codespell:ignore
}
_SYMBOL = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
    ast.Mod: "%", ast.Pow: "**", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
    ast.LShift: "<<", ast.RShift: ">>", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
    ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not",
    ast.In: "in", ast.NotIn: "not in", ast.And: "and", ast.Or: "or",  # codespell:ignore
}  # fmt: skip
#: keyword arguments whose constants are not behaviour (warning stack depth, Numba options)
_SKIP_KEYWORDS = {"stacklevel", "cache", "nogil", "fastmath", "parallel", "error_model"}


@dataclass(frozen=True)
class Mutant:
    """One mutation: the ``index``-th site in ``ast.walk`` order of the parsed module."""

    index: int
    kind: str  # the operator family (cosmic-ray's names)
    line: int
    col: int
    change: str  # e.g. "+ -> -"

    @property
    def key(self) -> str:
        """Stable name of the mutant: line, column and change."""
        return f"L{self.line}:C{self.col} {self.change}"


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """The ids of nodes not to mutate: annotations, decorators, docstrings, skipped keywords."""
    skip: set[int] = set()

    def mark(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for dec in node.decorator_list:
                mark(dec)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                mark(node.returns)
                for a in [*node.args.args, *node.args.posonlyargs, *node.args.kwonlyargs]:
                    mark(a.annotation)
                for a in (node.args.vararg, node.args.kwarg):
                    if a is not None:
                        mark(a.annotation)
        elif isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        elif isinstance(node, ast.keyword) and node.arg in _SKIP_KEYWORDS:
            mark(node.value)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            mark(node)
    return skip


def _sites(tree: ast.AST) -> list[tuple[ast.AST, str, str, Callable[[], None]]]:
    """Every mutation site of ``tree`` as (node, kind, change, apply)."""
    skip = _skipped_nodes(tree)
    out: list[tuple[ast.AST, str, str, Callable[[], None]]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _BINOP:
            new = _BINOP[type(node.op)]
            change = f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[new]}"
            out.append((node, "ReplaceBinaryOperator", change, partial(setattr, node, "op", new())))
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                boundary, negation = _CMP[type(op)]
                for new, kind in ((boundary, "Boundary"), (negation, "ReplaceComparisonOperator")):
                    if new is None:
                        continue
                    ops = [*node.ops[:i], new(), *node.ops[i + 1 :]]
                    change = f"{_SYMBOL[type(op)]} -> {_SYMBOL[new]}"
                    out.append((node, kind, change, partial(setattr, node, "ops", ops)))
        elif isinstance(node, ast.BoolOp):
            new = ast.Or if isinstance(node.op, ast.And) else ast.And
            change = f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[new]}"
            out.append((node, "ReplaceAndWithOr", change, partial(setattr, node, "op", new())))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
            name = "-x -> x" if isinstance(node.op, ast.USub) else "not x -> x"
            out.append(
                (node, "RemoveUnaryOperator", name, partial(setattr, node, "op", ast.UAdd()))
            )
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
            value = node.value
            new_value = (not value) if isinstance(value, bool) else value + 1
            if new_value == value:
                # a float at or past 2**53 absorbs the + 1 (9007199254740992.0 + 1 is the
                # same float): doubling keeps one real mutant at the site and the draw's
                # indices as they were (round 29 drew such a no-op, k_diffusion L411)
                new_value = value * 2
            change = f"{value!r} -> {new_value!r}"
            out.append((node, "NumberReplacer", change, partial(setattr, node, "value", new_value)))
        elif isinstance(node, ast.Break | ast.Continue):
            new = ast.Continue if isinstance(node, ast.Break) else ast.Break
            change = f"{type(node).__name__.lower()} -> {new.__name__.lower()}"
            out.append((node, "ReplaceBreakWithContinue", change, partial(_swap_class, node, new)))
    return out


def _swap_class(node: ast.AST, new: type) -> None:
    node.__class__ = new


def mutants_of(source: str) -> list[Mutant]:
    """All mutants of a module's source, in a fixed order."""
    tree = ast.parse(source)
    return [
        Mutant(i, kind, getattr(node, "lineno", 0), getattr(node, "col_offset", 0), change)
        for i, (node, kind, change, _) in enumerate(_sites(tree))
    ]


def mutated_source(source: str, index: int) -> str:
    """The module's source with its ``index``-th mutant applied (``-1``: none, re-printed)."""
    tree = ast.parse(source)
    if index >= 0:
        _sites(tree)[index][3]()
        ast.fix_missing_locations(tree)
    return ast.unparse(tree) + "\n"


def sample(mutants: list[Mutant], n: int, seed: int, name: str) -> list[Mutant]:
    """A simple random sample of ``n`` mutants without replacement, seeded per module."""
    rng = random.Random(f"{seed}:{name}")
    if n >= len(mutants):
        return list(mutants)
    return sorted(rng.sample(mutants, n), key=lambda m: m.index)


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion ``k / n`` (95 % by default).

    ``(p + z²/2n ± z √(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``p = k/n``
    (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it for small ``n``).
    """
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))
