"""The common-technology platform game (:mod:`clusternet.dynamics.platform`)."""

from __future__ import annotations

import numpy as np

from clusternet.dynamics import platform
from clusternet.dynamics.mechanisms._base import Mechanism


class Platform(Mechanism):
    """Firms revise membership, then contributions; platforms produce; firms gain generic knowledge.

    Membership is revised against last step's output (the firm's expectation),
    contributions against the new membership; both by the logit rule of
    :func:`~clusternet.dynamics.platform.revise` with draws keyed by actor
    (purposes ``"platform_join"`` and ``"platform"``). The knowledge gain is
    capped at the generic frontier (:func:`~clusternet.dynamics.platform.knowledge_gain`).
    Each step also records in ``out``, at the returns the contribution choice weighed
    (after this step's membership revision, before the platform's knowledge gain), every
    platform's Samuelson return ``samuelson_return``, its under-provision
    ``provision_under`` (:func:`~clusternet.dynamics.platform.provision_shortfall`) and
    its catchment size ``catchment``.

    Examples
    --------
    >>> from clusternet.dynamics.mechanisms import ORDER
    >>> Platform in ORDER, "membership_fee" in Platform.parameters
    (True, True)
    """

    name = "platform"
    parameters = (
        "contribution_cost",
        "platform_return",
        "platform_subsidy",
        "platform_funding",
        "platform_excludable",
        "membership_fee",
        "platform_output_fixed",
        "platform_knowledge",
        "revision_rate",
        "choice_noise",
    )

    def __call__(self, model, ctx) -> None:
        if not model.platforms.size:
            return
        p = model.params
        s = model.state
        n = s.member.shape[0]
        n_platforms = model.platforms.shape[0]
        frontier = model.generic_frontier()
        gap = platform.generic_gap(s.knowledge[:, 0], frontier)
        eligible = s.member >= 0
        join = ctx.keyed("platform_join")
        s.joined = platform.revise(
            s.joined,
            platform.join_gain(
                s.absorptive,
                gap,
                s.member,
                s.joined,
                n_platforms,
                s.platform_output,
                p["membership_fee"],
                p["platform_return"],
                p["platform_excludable"],
            ),
            p["revision_rate"],
            p["choice_noise"],
            join.random(n),
            join.random(n),
            eligible,
        )
        mpcr = platform.marginal_return(
            s.absorptive,
            gap,
            s.member,
            s.joined,
            n_platforms,
            p["platform_return"],
            p["platform_excludable"],
        )
        contribute = ctx.keyed(self.name)
        s.contribute = platform.revise(
            s.contribute,
            platform.contribution_gain(mpcr, p["contribution_cost"], p["platform_subsidy"]),
            p["revision_rate"],
            p["choice_noise"],
            contribute.random(n),
            contribute.random(n),
            eligible,
        )
        # the Samuelson benchmark of the choice just made, at the returns it weighed
        samuelson = platform.samuelson_return(mpcr, s.member, n_platforms)
        under, _over = platform.provision_shortfall(
            samuelson, s.contribute, s.member, n_platforms, p["contribution_cost"]
        )
        catchment = np.bincount(s.member[eligible], minlength=n_platforms)[:n_platforms]
        ctx.out.update(samuelson_return=samuelson, provision_under=under, catchment=catchment)
        s.platform_output = platform.output(
            s.contribute,
            s.member,
            n_platforms,
            p["contribution_cost"],
            p["platform_return"],
            model.government_funding,
            s.joined,
            p["membership_fee"],
            p["platform_output_fixed"],
        )
        s.knowledge[:, 0] += platform.knowledge_gain(
            s.platform_output,
            s.member,
            s.absorptive,
            p["platform_knowledge"],
            s.joined,
            p["platform_excludable"],
            s.knowledge[:, 0],
            frontier,
        )
