"""
Loading your own data from CSV: an actors table and an edge list
================================================================

The edge list needs `source` and `target` columns (actor ids: integers or
strings), and optionally `layer` and `weight`. The actors table needs an `id`
column and may give `role` (producer, supplier, customer, complementor,
government, association, intermediary, university, research_institute,
platform, training, finance), `external`, `size`, `x`, `y`, `rd_intensity`,
`absorptive_capacity`, `quality` and anything else. Errors name the offending
row.

Run: python examples/load_csv.py [--quick] [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib.pyplot as plt

import clusternet as cn

ACTORS = """id,role,external,size,x,y,rd_intensity,absorptive_capacity,quality
pumpco,producer,false,420,0.0,0.0,0.04,0.8,0.9
valveworks,supplier,false,35,1.2,0.4,0.01,0.4,0.6
castings,supplier,false,12,2.0,-0.5,0.0,0.2,0.5
motors-ltd,supplier,false,80,0.5,1.5,0.02,0.5,0.7
traders-co,customer,false,20,0.2,0.3,0.0,0.3,0.5
pump-institute,research_institute,false,,0.1,0.1,,,
county-gov,government,false,,0.0,0.2,,,
pump-assoc,association,false,,0.3,0.1,,,
global-buyer,customer,true,,50.0,50.0,,,
"""

EDGES = """source,target,layer,weight
castings,valveworks,transaction,2.0
valveworks,pumpco,transaction,5.0
motors-ltd,pumpco,transaction,3.0
pumpco,traders-co,transaction,4.0
pumpco,global-buyer,transaction,6.0
pumpco,pump-institute,technology,1.0
valveworks,pump-institute,technology,0.5
pumpco,valveworks,social,1.0
valveworks,castings,social,2.0
county-gov,pumpco,service,1.0
pump-assoc,valveworks,service,1.0
pump-assoc,castings,service,1.0
valveworks,motors-ltd,competition,1.0
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default="clusternet-output/my-cluster")
    args = parser.parse_args(argv)
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "actors.csv").write_text(ACTORS)
    (folder / "edges.csv").write_text(EDGES)

    net = cn.read_edgelist(folder / "edges.csv", actors=folder / "actors.csv")
    print(net)
    print(net.actor_counts().to_string(index=False))
    print(net.summary()[["layer", "directed", "edges", "density"]].to_string(index=False))
    broker = 1 - cn.structure.constraint(net)
    print("\nBrokerage (1 - Burt's constraint):")
    print(
        net.actors.assign(brokerage=broker)[["id", "role", "brokerage"]]
        .round(3)
        .to_string(index=False)
    )
    net.save(folder / "my-cluster.npz")  # exact round trip, no pickling
    again = cn.load(folder / "my-cluster.npz")
    assert again.n_edges == net.n_edges
    bad = folder / "bad_edges.csv"
    bad.write_text(EDGES + "pumpco,nobody,transaction,1.0\n")
    try:
        cn.read_edgelist(bad, actors=folder / "actors.csv")
    except ValueError as exc:
        print(f"\nA mistake gets a clear message naming the row: {exc}")
    # the figure stays open: the examples gallery shows it
    order = broker.argsort()
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    ax.barh(net.ids[order].astype(str), broker[order], color="tab:blue")
    ax.set_xlabel("brokerage: 1 - Burt's constraint (all layers)")
    ax.set_title("Who bridges otherwise unconnected partners")
    fig.tight_layout()
    return net


if __name__ == "__main__":
    main()
