"""What a sweep runs: its grid points, their tasks and seeds, and how they reach workers.

Private to :mod:`clusternet.ensemble` (its public names are re-exported there).
"""

from __future__ import annotations

import hashlib
import inspect
import itertools
import json
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from clusternet._json import json_default
from clusternet._validate import seed_sequence, show

#: Result columns a sweep writes itself; no grid parameter may take these names.
RESERVED = ("task", "rep", "seed", "status", "error", "attempts", "seconds")


class SweepError(ValueError):
    """A sweep that cannot start: bad grid, function or output folder.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.ensemble import SweepError
    >>> def area(width, height, seed=None):
    ...     return {"area": width * height}
    >>> try:
    ...     cn.sweep(area, {"depth": [1]}, progress=False)
    ... except SweepError as error:
    ...     print(type(error).__name__, isinstance(error, ValueError))
    SweepError True
    """


def payload(value, what: str) -> bytes:
    """``value`` as cloudpickle bytes, the one way a sweep sends anything to pool workers.

    The task function and the shared inputs both travel this way: functions
    defined in ``__main__``, in a notebook cell or locally, and shared inputs
    that hold such functions (a model's simulator), travel by value (their
    code), like joblib's; module-level functions and classes travel by
    reference. Something that cannot be sent fails here, at once, naming
    ``what`` it is.
    """
    import cloudpickle

    try:
        return cloudpickle.dumps(value)
    except Exception as exc:
        raise SweepError(f"{what} cannot be sent to workers: {exc}") from None


def unpack(data: bytes):
    """A worker's copy of what :func:`payload` sent.

    ``data`` is the bytes this sweep's parent process produced with
    :func:`payload` moments earlier and passed through the pool — never a file
    or anything from outside, so this is not loading untrusted data.
    """
    import cloudpickle

    return cloudpickle.loads(data)


def expand_grid(grid: Mapping[str, Iterable] | Iterable[Mapping]) -> list[dict]:
    if isinstance(grid, Mapping):
        if not grid:
            raise SweepError("grid is empty")
        names = list(grid)
        values = []
        for name in names:
            v = grid[name]
            v = [v] if isinstance(v, str) or not isinstance(v, Iterable) else list(v)
            if not v:
                raise SweepError(f"grid entry {show(name)} has no values")
            values.append(v)
        return [dict(zip(names, combo)) for combo in itertools.product(*values)]
    if isinstance(grid, str) or not isinstance(grid, Iterable):
        raise SweepError(
            f"grid must be a dict of value lists or a list of dicts, got {type(grid).__name__}"
        )
    points = list(grid)
    for k, p in enumerate(points):
        if not isinstance(p, Mapping):
            raise SweepError(f"grid point {k} must be a dict of parameters, got {show(p)}")
    if not points:
        raise SweepError("grid is empty")
    return [dict(p) for p in points]


def check_grid(function: Callable, points: list[dict], shared: Mapping) -> None:
    sig = inspect.signature(function)
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in sig.parameters.values())
    names = {
        p.name
        for p in sig.parameters.values()
        if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    }
    if not accepts_any and "seed" not in names:
        raise SweepError(f"{function.__qualname__} must accept a 'seed' keyword argument")
    for k, point in enumerate(points):
        for key in point:
            if key in RESERVED:
                raise SweepError(
                    f"grid parameter {show(key)} clashes with a result column; rename it"
                )
            if key in shared:
                raise SweepError(f"grid parameter {show(key)} is also a shared input")
            if not accepts_any and key not in names:
                raise SweepError(
                    f"grid point {k} names parameter {show(key)}, which {function.__qualname__} does not take; "
                    f"its parameters: {sorted(names)}"
                )
        try:
            pickle.dumps(point)
        except Exception as exc:  # any pickling failure means workers cannot receive it
            raise SweepError(
                f"grid point {k} ({show(point)}) cannot be sent to workers: {exc}"
            ) from None
        try:
            json.dumps(point, default=json_default)
        except TypeError as exc:
            raise SweepError(f"grid point {k} ({show(point)}) cannot be recorded: {exc}") from None


@dataclass(frozen=True)
class Task:
    """One (grid point, replicate). ``key`` is its identity, independent of grid position."""

    task: int
    rep: int
    seed: int
    params: dict
    key: str


@dataclass(frozen=True)
class Root:
    """The sweep's root seed: a SeedSequence's entropy and spawn key (stored in the manifest)."""

    entropy: int | tuple[int, ...]
    spawn_key: tuple[int, ...]

    @classmethod
    def from_seed(cls, seed) -> Root:
        ss = seed_sequence(seed)
        entropy = ss.entropy
        entropy = tuple(int(e) for e in entropy) if np.ndim(entropy) else int(entropy)  # type: ignore[union-attr,arg-type]
        return cls(entropy, tuple(int(k) for k in ss.spawn_key))

    def to_json(self) -> dict:
        # as strings: a 128-bit entropy does not survive JSON readers that use doubles
        entropy = (
            [str(e) for e in self.entropy] if isinstance(self.entropy, tuple) else str(self.entropy)
        )
        return {"entropy": entropy, "spawn_key": list(self.spawn_key)}

    @classmethod
    def from_json(cls, record: dict) -> Root:
        e = record["entropy"]
        entropy = tuple(int(x) for x in e) if isinstance(e, list) else int(e)
        return cls(entropy, tuple(int(k) for k in record["spawn_key"]))


def identity(point: dict) -> str:
    """Canonical text of a grid point (sorted names), the basis of a task's identity."""
    return json.dumps(point, sort_keys=True, default=json_default)


def task_key(point: dict, rep: int) -> str:
    return hashlib.sha256(f"{identity(point)}|rep={rep}".encode()).hexdigest()[:24]


def task_seed(root: Root, point: dict, rep: int) -> int:
    """The seed of task (point, rep): a child of the root SeedSequence addressed by its identity.

    The spawn key is the point's hash (four 32-bit words) and the replicate, so a
    task keeps its seed when the grid grows, shrinks or is reordered.
    """
    digest = hashlib.sha256(identity(point).encode()).digest()
    words = [int(w) for w in np.frombuffer(digest[:16], dtype="<u4")]
    child = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *words, rep))
    return int(child.generate_state(2, dtype=np.uint32).view(np.uint64)[0] & np.uint64(2**63 - 1))


def make_tasks(points: list[dict], reps: int, root: Root) -> list[Task]:
    tasks = []
    for k, (point, rep) in enumerate(itertools.product(points, range(reps))):
        tasks.append(Task(k, rep, task_seed(root, point, rep), point, task_key(point, rep)))
    keys = [t.key for t in tasks]
    if len(set(keys)) != len(keys):
        raise SweepError("the grid lists the same parameter point more than once")
    return tasks
