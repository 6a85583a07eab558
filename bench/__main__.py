"""``make bench``: run every ``bench/bench_*.py`` module in its own process, in name order
(or only those named: ``python -m bench intake``).

Each benchmark measures its own ceiling in the same run (the machine is shared and noisy)
and prints its figures as ratios against it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    modules = sorted(Path(__file__).parent.glob("bench_*.py"))
    if len(sys.argv) > 1:  # `python -m bench intake signing`: only the benchmarks named
        modules = [module for module in modules if module.stem.removeprefix("bench_") in sys.argv]
    if not modules:
        print("no benchmarks yet")
        return 0
    failed = 0
    for module in modules:
        print(f"== {module.stem}", flush=True)
        result = subprocess.run([sys.executable, "-m", f"bench.{module.stem}"], check=False)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
