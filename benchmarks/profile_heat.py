"""Profile: the heat kernel's cost per product beside scipy's, one thread, CPU time.

Not part of ``make bench``: a profile for docs/scaling.md. The input is
``bench_diffusion.py``'s heat row (a random weighted graph, ``t = 0.5``; 300,000 actors
and 3,000,000 draws of ties there). Every program gets a prebuilt operator
(``heat_operator`` / ``-t * laplacian`` as CSR) and only the compute call is timed, in a
fresh process per round, rounds interleaved, one thread, wall and CPU seconds
(:func:`profile_cascade.interleave`):

* ``clusternet``: ``heat(op, x0, t)`` (the Chebyshev sum; ``--ref REV`` adds the
  package as committed at ``REV``);
* ``scipy expm_multiply``: its truncated Taylor series on the prebuilt Laplacian;
* ``scipy CSR matvec``: ``lap @ x`` repeated as many times as clusternet's sum has
  products, the floor any method built on scipy's product pays per product.

``*_per_product`` divides each CPU median by its products (scipy's counted once,
untimed, through a CSR that counts its products, its norm estimates included). Outputs
are checked against scipy's ``expm_multiply`` (1e-10 relative to its largest entry).

Run::

    nice -n 5 python benchmarks/profile_heat.py --rounds 5 --ref main

Writes ``benchmarks/results/profile_heat.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from profile_cascade import _version, extract, interleave, machine, store  # noqa: E402

#: outputs must agree with scipy's expm_multiply to this, relative to its largest entry
CHECK = 1e-10

INPUT = """
import sys
sys.path.insert(0, {path!r})
import numpy as np, scipy.sparse as sp
def _input(n, m):
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    w = rng.random(int(keep.sum())) + 0.5
    a = sp.csr_array((w, (src[keep], dst[keep])), shape=(n, n))
    return sp.csr_array(a + a.T), rng.random(n)
a, x0 = _input({n}, {m})
t = {t}
"""

CLUSTERNET = """
import numba
numba.set_num_threads(1)
from clusternet import diffusion as D
D.heat(sp.csr_array(np.ones((3, 3))), np.ones(3), 0.5)  # compiled outside the clock:
_path = sp.csr_array(sp.diags_array([np.ones(69999), np.ones(69999)], offsets=[-1, 1]))
D.heat(_path, np.ones(70000), 0.5)  # the small serial and the large one-column step
def build():
    return D.heat_operator(a)
def compute(op):
    y, info = D.heat(op, x0, t, info=True)
    np.save({out!r}, y)
    return int(info.products)
"""

SCIPY = """
from scipy.sparse.linalg import expm_multiply
from clusternet.diffusion import laplacian
def build():
    return sp.csr_array(-t * laplacian(a))
def compute(lap):
    np.save({out!r}, expm_multiply(lap, x0))
    return None
"""

MATVEC = """
from clusternet.diffusion import laplacian
def build():
    return sp.csr_array(-t * laplacian(a))
def compute(lap):
    y = x0
    for _ in range({products}):
        y = lap @ y
    return {products}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300_000)
    parser.add_argument("--m", type=int, default=3_000_000)
    parser.add_argument("--t", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ref", help="also run the package as committed at this revision")
    parser.add_argument("--out", default=str(HERE / "results" / "profile_heat.json"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import scipy.sparse as sp
    from bench_diffusion import scipy_products

    from clusternet import diffusion as D

    with tempfile.TemporaryDirectory() as tmp:
        ns: dict = {}
        exec(INPUT.format(path=str(ROOT), n=args.n, m=args.m, t=args.t), ns)  # the same input
        a, x0 = ns["a"], ns["x0"]
        lap = sp.csr_array(-args.t * D.laplacian(a))
        products = {"scipy expm_multiply": scipy_products(lap, x0)}
        _, info = D.heat(D.heat_operator(a), x0, args.t, info=True)
        outs: dict[str, str] = {}

        def program(label, body, path=str(ROOT), **kw):
            outs[label] = str(Path(tmp) / f"{len(outs)}.npy")
            prelude = INPUT.format(path=path, n=args.n, m=args.m, t=args.t)
            return prelude + body.format(out=outs[label], **kw)

        programs = {"clusternet": program("clusternet", CLUSTERNET)}
        if args.ref:
            label = f"clusternet at {args.ref}"
            programs[label] = program(label, CLUSTERNET, path=extract(args.ref))
        programs["scipy expm_multiply"] = program("scipy expm_multiply", SCIPY)
        programs["scipy CSR matvec"] = program("scipy CSR matvec", MATVEC, products=info.products)
        before = machine()
        rows = interleave(programs, args.rounds)
        ref = np.load(outs["scipy expm_multiply"])
        for label, row in rows.items():
            check = row.pop("check")
            if label.startswith("clusternet"):
                products[label] = check
                got = np.load(outs[label])
                diff = float(np.abs(got - ref).max() / np.abs(ref).max())
                if diff > CHECK:
                    raise SystemExit(f"{label} differs from scipy by {diff}")
                row["max_rel_diff_vs_scipy"] = diff
            elif label == "scipy CSR matvec":
                products[label] = check
            row["products"] = products[label]
            row["cpu_s_per_product"] = row["cpu_median_s"] / row["products"]
            row["wall_s_per_product"] = row["wall_median_s"] / row["products"]
        peer = rows["scipy expm_multiply"]
        floor = rows["scipy CSR matvec"]
        for row in rows.values():
            row["over_scipy_cpu"] = row["cpu_median_s"] / peer["cpu_median_s"]
            row["over_scipy_wall"] = row["wall_median_s"] / peer["wall_median_s"]
            row["per_product_over_matvec_cpu"] = (
                row["cpu_s_per_product"] / floor["cpu_s_per_product"]
            )
    result = {
        "what": "heat exp(-tL) x0 on a prebuilt operator, one thread, fresh processes, "
        "rounds interleaved",
        "input": {
            "graph": "random weighted, m draws of ties (bench_diffusion heat row)",
            "n": args.n,
            "m": args.m,
            "stored_entries": int(a.nnz),
            "t": args.t,
        },
        "check": CHECK,
        "machine_before": before,
        "versions": {"scipy": _version("scipy")},
        "rows": list(rows.values()),
        "machine_after": machine(),
    }
    print(store(result, args.out))


if __name__ == "__main__":
    main()
