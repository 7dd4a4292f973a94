"""Multiplex measures beside pymnet (pure Python: a floor, not in the README headline).

pymnet's ``multiplex_degs`` gives each layer's degrees; their sum over layers is the
overlapping degree (Battiston, Nicosia & Latora 2014) that clusternet's
``structure.overlapping_degree`` computes. Each library in a fresh process per round,
rounds interleaved (:func:`schema.compare`); the outputs must be identical.
"""

from pathlib import Path

import numba
from _common import ROUNDS, quick, record
from peers import check
from schema import compare

THREADS = numba.get_num_threads()

_INPUT = """
import os, sys, numpy as np
sys.path.insert(0, {here!r})
OUT = {out!r}
n, m = {n}, {m}
LAYERS = ["technology", "social"]  # both undirected
rng = np.random.default_rng(0)
src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
keep = src != dst
src, dst = src[keep], dst[keep]
layer = rng.integers(0, 2, src.size).astype(np.int16)

def save(x, extra=None):
    path = os.path.join(OUT, f"{{os.getpid()}}.npy")
    np.save(path, np.asarray(x, dtype=float))
    return [path, extra or {{}}]
"""

_SPECS = [
    {
        "label": "clusternet overlapping_degree",
        "threads": (1, THREADS),
        "body": """
        import numba
        numba.set_num_threads({threads})
        threads = {threads}
        import clusternet as cn
        from clusternet.structure import overlapping_degree
        def build():
            return cn.ClusterNetwork.from_edges((src, dst, layer), layers=LAYERS, n_actors=n)
        overlapping_degree(build())  # compile outside the clock
        def compute(net):
            return save(overlapping_degree(net))
        """,
    },
    {
        "label": "pymnet multiplex_degs, summed over layers",
        "needs": "pymnet",
        "check": lambda ours, peer: {
            "max_abs_diff": check("pymnet overlapping degree", ours, peer, rtol=0.0)
        },
        "body": """
        threads = 1
        import pymnet
        def build():
            net = pymnet.MultiplexNetwork(couplings="categorical", directed=False)
            for i in range(n):
                for name in LAYERS:
                    net.add_node(i, layer=name)
            for u, v, k in zip(src.tolist(), dst.tolist(), layer.tolist()):
                net[u, v, LAYERS[k]] = 1
            return net
        def compute(net):
            degs = pymnet.multiplex_degs(net, degstype="nodes")
            out = np.zeros(n)
            for name in LAYERS:
                for i, d in degs[name].items():
                    out[i] += d
            return save(out)
        """,
    },
]


def bench_overlapping_degree(tmp_path):
    """Overlapping degree on two undirected layers of a random multiplex."""
    n, m = (2_000, 10_000) if quick() else (20_000, 100_000)
    prelude = _INPUT.format(here=str(Path(__file__).parent), out=str(tmp_path), n=n, m=m)
    rows = compare(_SPECS, prelude, ROUNDS, _SPECS[0]["label"], THREADS)
    record("multiplex", {"overlapping_degree": {"n": n, "m": m, "layers": 2, "rows": rows}})
