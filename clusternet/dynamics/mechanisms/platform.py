"""The common-technology platform game (:mod:`clusternet.dynamics.platform`)."""

from __future__ import annotations

from clusternet.dynamics import platform
from clusternet.dynamics.mechanisms._base import Mechanism


class Platform(Mechanism):
    """Members revise contributions, platforms produce, members gain generic knowledge."""

    name = "platform"
    parameters = (
        "contribution_cost",
        "platform_return",
        "platform_subsidy",
        "platform_funding",
        "platform_excludable",
        "platform_knowledge",
        "revision_rate",
        "choice_noise",
    )

    def __call__(self, model, ctx) -> None:
        if not model.platforms.size:
            return
        p = model.params
        s = model.state
        n_platforms = model.platforms.shape[0]
        gain = platform.contribution_gain(
            s.contribute,
            s.absorptive,
            s.member,
            n_platforms,
            p["contribution_cost"],
            p["platform_return"],
            p["platform_subsidy"],
            model.government_funding,
            p["platform_excludable"],
        )
        s.contribute = platform.revise_contributions(
            s.contribute,
            gain,
            p["contribution_cost"],
            p["revision_rate"],
            p["choice_noise"],
            ctx.keyed(self.name),
            s.member,
        )
        s.platform_output = platform.output(
            s.contribute,
            s.member,
            n_platforms,
            p["contribution_cost"],
            p["platform_return"],
            model.government_funding,
        )
        s.knowledge[:, 0] += platform.knowledge_gain(
            s.platform_output,
            s.member,
            s.absorptive,
            p["platform_knowledge"],
            s.contribute,
            p["platform_excludable"],
            s.knowledge[:, 0],
            model.generic_frontier(),
        )
