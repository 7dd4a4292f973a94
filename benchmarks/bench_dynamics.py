"""The upgrading simulation on a large generated cluster: seconds per step by mechanism,
and memory against the network's own (in a fresh process)."""

from _common import quick, record, run_probe


def bench_upgrading_steps(benchmark):
    n_firms, steps = (100_000, 20) if quick() else (1_000_000, 100)
    body = f"""
import clusternet as cn
cn.simulate_upgrading(cn.generate_cluster(1_000, seed=2), 2, seed=1, domains=8)  # compile
base = rss_mb()
net = cn.generate_cluster({n_firms}, seed=1)
gc.collect()
with_network = rss_mb()
network_mb = with_network - base
t0 = time.perf_counter()
model = cn.UpgradingModel(net, seed=1, domains=8)
build_s = time.perf_counter() - t0
t0 = time.perf_counter()
result = model.run({steps})
run_s = time.perf_counter() - t0
print(json.dumps({{"firms": {n_firms}, "actors": net.n_actors, "edges": net.n_edges, "domains": 8, "steps": {steps},
                  "build_s": build_s, "seconds_per_step": run_s / {steps},
                  "per_mechanism_per_step": {{k: v / {steps} for k, v in result.timings.items()}},
                  "network_mb": network_mb, "model_and_run_mb": rss_mb() - with_network, "peak_mb": peak_mb() - base}}))
"""
    result = benchmark.pedantic(run_probe, args=(body, 3000), rounds=1, iterations=1)
    record("dynamics", {"upgrading": result})
