"""Settings for the load benchmark (bench/load.py): the project's settings, with one change.

ROOT_URLCONF is bench/bench_urls.py, the project's URLs plus a bare view at /bench/bare/ that the
pages' throughput is compared with, so production code carries no benchmark view. Import it as
``bench_settings`` with bench/ on the path, as bench/load.py does for gunicorn.
"""
import sys
from pathlib import Path

_BENCH = str(Path(__file__).resolve().parent)
if _BENCH not in sys.path:
    sys.path.insert(0, _BENCH)  # so that ROOT_URLCONF "bench_urls" imports however this was found

from careershub.settings import *  # noqa: E402,F401,F403

ROOT_URLCONF = "bench_urls"
