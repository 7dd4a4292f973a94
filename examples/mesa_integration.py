"""
clusternet inside a Mesa (3.x) agent-based model
================================================

Firm agents make their own decisions each tick — here a simple rule: a firm
invests in quality when its margin last tick was below the cluster's mean, and
cuts quality otherwise — while clusternet's UpgradingModel supplies the
network mechanisms (knowledge spillover, innovation, imitation, platform,
collective reputation). The agents read and write `model.upgrading.state`
between clusternet steps: the documented way to plug clusternet into another
model. Mesa is a test/example extra (pip install "mesa>=3").

Run: python examples/mesa_integration.py [--quick]
"""

from __future__ import annotations

import argparse

import matplotlib.pyplot as plt
import mesa
import numpy as np

import clusternet as cn


class FirmAgent(mesa.Agent):
    """A firm that sets its own quality from last tick's margin."""

    def __init__(self, model: ClusterModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    def step(self) -> None:
        state = self.model.upgrading.state
        margin = state["margin"][self.index]
        if margin < self.model.mean_margin:
            state["quality"][self.index] = 1.0  # invest in quality to catch up
        elif self.random.random() < 0.05:
            state["quality"][self.index] = 0.0  # occasionally cut corners when doing well


class ClusterModel(mesa.Model):
    """Mesa model whose environment is a clusternet UpgradingModel."""

    def __init__(self, firms: int = 500, seed: int = 1) -> None:
        super().__init__(seed=seed)
        net = cn.generate_cluster(firms, preset="datang", seed=seed)
        self.upgrading = cn.UpgradingModel(net, seed=seed, certification=0.3)
        self.mean_margin = 0.0
        for index in np.flatnonzero(self.upgrading.firms):
            FirmAgent(self, int(index))
        self.reputation = [self.upgrading.state["reputation"]]

    def step(self) -> None:
        self.agents.shuffle_do("step")  # agents decide first
        row = self.upgrading.step()  # then clusternet moves knowledge and reputation
        self.mean_margin = row["mean_margin"]
        self.reputation.append(row["reputation"])


def main(argv=None) -> ClusterModel:
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    ticks = 10 if args.quick else 60
    model = ClusterModel(firms=300 if args.quick else 2000, seed=1)
    for _ in range(ticks):
        model.step()
    print(f"{len(model.agents)} firm agents, {ticks} ticks")
    print(f"reputation: {model.reputation[0]:.3f} -> {model.reputation[-1]:.3f}")
    ts = model.upgrading.result().timeseries
    print(
        ts[["step", "innovations", "knowledge_mean", "high_quality_share", "reputation"]]
        .tail(5)
        .to_string(index=False)
    )
    # the figure stays open: the examples gallery shows it
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    axes[0].plot(range(len(model.reputation)), model.reputation)
    axes[0].set_ylabel("regional reputation R")
    axes[1].plot(ts["step"], ts["high_quality_share"])
    axes[1].set_ylabel("share of high-quality firms")
    for ax in axes:
        ax.set_xlabel("tick")
    fig.suptitle("Mesa firm agents choosing quality inside a clusternet UpgradingModel")
    fig.tight_layout()
    return model


if __name__ == "__main__":
    main()
