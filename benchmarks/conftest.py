import os
import sys
import time
from pathlib import Path

import pytest

# one id for this benchmark session, stored with every result (write_table names every run its tables come from)
os.environ.setdefault("CLUSTERNET_BENCH_RUN", time.strftime("%Y-%m-%dT%H:%M:%S"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


#: name part -> why the benchmark is opt-in (run it with make bench BENCH="-k <part>")
OPT_IN = {
    "ten_million": "about 20 minutes and 20 GB",
    "opt_in": "large targeting cases and the calibration fits: minutes per round",
}


def pytest_collection_modifyitems(config, items):
    """Opt-in benchmarks (:data:`OPT_IN`) run only when asked for by name."""
    import pytest

    keyword = config.getoption("keyword") or ""
    for part, why in OPT_IN.items():
        if part in keyword:
            continue
        skip = pytest.mark.skip(reason=f'opt-in ({why}): make bench BENCH="-k {part}"')
        for item in items:
            if part in item.name:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def cluster_file(tmp_path_factory):
    """``cluster_file(n_firms)``: the path of a saved ``generate_cluster(n_firms, seed=1)``,
    generated once per session in a fresh process (each round's process loads it)."""
    from _common import saved_cluster

    folder = tmp_path_factory.mktemp("clusters")
    return lambda n_firms: saved_cluster(n_firms, folder)
