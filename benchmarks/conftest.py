import os
import sys
import time
from pathlib import Path

# one id for this benchmark session, stored with every result (write_table checks they agree)
os.environ.setdefault("CLUSTERNET_BENCH_RUN", time.strftime("%Y-%m-%dT%H:%M:%S"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_collection_modifyitems(config, items):
    """The ten-million-firm benchmark (about 20 minutes, 20 GB) runs only when asked for by name."""
    import pytest

    if "ten_million" in (config.getoption("keyword") or ""):
        return
    skip = pytest.mark.skip(reason='opt-in: make bench BENCH="-k ten_million"')
    for item in items:
        if "ten_million" in item.name:
            item.add_marker(skip)
