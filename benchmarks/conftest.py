import os
import sys
import time
from pathlib import Path

# one id for this benchmark session, stored with every result (write_table checks they agree)
os.environ.setdefault("CLUSTERNET_BENCH_RUN", time.strftime("%Y-%m-%dT%H:%M:%S"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
