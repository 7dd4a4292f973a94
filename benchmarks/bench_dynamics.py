"""The upgrading simulation on a large generated cluster: seconds per step by mechanism,
and memory against the network's own (in a fresh process). Per-step figures are the
median, min and max over the run's steps."""

from _common import quick, record, run_probe


def bench_upgrading_steps(benchmark):
    n_firms, steps = (100_000, 20) if quick() else (1_000_000, 30)
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
step_times = []
per = {{k: [] for k in model.timings}}
for _ in range({steps}):
    before = dict(model.timings)
    t0 = time.perf_counter()
    model.step()
    step_times.append(time.perf_counter() - t0)
    for k in per:
        per[k].append(model.timings[k] - before[k])
import numba
print(json.dumps({{"firms": {n_firms}, "actors": net.n_actors, "edges": net.n_edges, "domains": 8, "steps": {steps},
                  "threads": numba.get_num_threads(), "build_s": build_s,
                  "step_median_s": float(np.median(step_times)), "step_min_s": min(step_times),
                  "step_max_s": max(step_times), "step_mean_s": float(np.mean(step_times)),
                  "network_every": model.params["network_every"],
                  "per_mechanism_per_step": {{k: float(np.median(v)) for k, v in per.items()}},
                  "network_mb": network_mb, "model_and_run_mb": rss_mb() - with_network, "peak_mb": peak_mb() - base}}))
"""
    result = benchmark.pedantic(run_probe, args=(body, 3000), rounds=1, iterations=1)
    record("dynamics", {"upgrading": result})
