"""The mechanism protocol and the per-step context the mechanisms share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from clusternet.dynamics.draws import KeyedStream

if TYPE_CHECKING:
    from clusternet.dynamics.model import UpgradingModel


@dataclass
class StepContext:
    """What one step's mechanisms hand on to later mechanisms and to the reporters.

    ``t`` is the step being taken, ``rng`` the step's generator (for outside
    mechanisms; the model's own draws are all keyed by actor or tie identity, see
    :mod:`clusternet.dynamics.draws`) and ``out`` the per-step results
    (innovations, imitations, congestion, …) by name. In
    :class:`~clusternet.dynamics.UpgradingModel` the step's generator is
    ``numpy.random.default_rng(SeedSequence(ss.entropy, spawn_key=(*ss.spawn_key,
    0x5757, t), pool_size=ss.pool_size))`` for the run's seed sequence ``ss`` (the
    model's ``seed``, or ``SeedSequence(seed)`` for an integer): an outside mechanism's
    draws can be reproduced without running the model, and no built-in mechanism
    draws from it, so adding one moves no other draw.

    Parameters
    ----------
    t : int
        The step being taken.
    rng : numpy.random.Generator
        The step's generator.
    seed : int, default 0
        The run's seed, which keys the actor draws.
    keys : ndarray of uint64, optional
        One key per actor (:func:`clusternet.dynamics.draws.actor_keys`).
    out : dict, optional
        The step's results so far, by name.

    Examples
    --------
    Draws are keyed by step, purpose and actor, so they repeat exactly:

    >>> import numpy as np
    >>> from clusternet.dynamics.mechanisms import StepContext
    >>> ctx = StepContext(t=3, rng=np.random.default_rng(0), seed=7,
    ...                   keys=np.arange(4, dtype=np.uint64))
    >>> first, again = ctx.keyed("innovation").random(4), ctx.keyed("innovation").random(4)
    >>> bool(np.array_equal(first, again)), first.shape
    (True, (4,))
    """

    t: int
    rng: np.random.Generator
    seed: int = 0
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    out: dict[str, Any] = field(default_factory=dict)

    def keyed(self, purpose: str) -> KeyedStream:
        """This step's draws for ``purpose``, one per actor, keyed by actor identity.

        Parameters
        ----------
        purpose : str
            The drawing mechanism's name; each purpose has its own stream.

        Returns
        -------
        KeyedStream
            Its ``random(n)`` gives one uniform per actor, the same for an actor
            whichever other actors exist.

        Examples
        --------
        >>> import numpy as np
        >>> ctx = StepContext(t=1, rng=np.random.default_rng(0), seed=7,
        ...                   keys=np.array([10, 11, 12], dtype=np.uint64))
        >>> fewer = StepContext(t=1, rng=np.random.default_rng(0), seed=7,
        ...                     keys=np.array([11, 12], dtype=np.uint64))
        >>> bool(np.array_equal(ctx.keyed("brand").random(3)[1:], fewer.keyed("brand").random(2)))
        True
        """
        return KeyedStream(self.seed, self.t, purpose, self.keys)


class Mechanism(ABC):
    """One mechanism of the model: ``__call__(model, ctx)`` updates ``model.state``.

    Subclass it, give it a ``name`` and the ``parameters`` it reads, and implement
    ``__call__``; the model runs its mechanisms in order, each under its own timer.

    Examples
    --------
    >>> import numpy as np
    >>> import clusternet as cn
    >>> from clusternet.dynamics.mechanisms import Mechanism, StepContext
    >>> class Forgetting(Mechanism):
    ...     name = "forgetting"
    ...     def __call__(self, model, ctx):
    ...         model.state.knowledge *= 0.5
    >>> model = cn.UpgradingModel(cn.generate_cluster(30, seed=1), seed=1)
    >>> before = float(model.state.knowledge.sum())
    >>> Forgetting()(model, StepContext(t=0, rng=np.random.default_rng(0)))
    >>> round(float(model.state.knowledge.sum()) / before, 2)
    0.5
    """

    #: timing key and name of the mechanism
    name: ClassVar[str] = ""
    #: the parameters the mechanism reads
    parameters: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def __call__(self, model: UpgradingModel, ctx: StepContext) -> None:
        """Update ``model.state`` for step ``ctx.t``."""
