"""Load generation with wrk (Debian's package), and parsing of what it prints.

wrk is a C event-loop client: on this 2-core machine it costs far less CPU per request than
any Python client, so the server, not the generator, is what saturates. Rates below the
maximum (for "p99 at 80 % of the rate") use wrk's Lua ``delay()`` hook: each connection
waits a fixed time between requests, which paces the offered load.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import msgspec

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class LoadResult(msgspec.Struct, frozen=True):
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if match is None:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output: str) -> LoadResult:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    non_2xx_match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return LoadResult(rate, p50, p99, total, int(non_2xx_match.group(1)) if non_2xx_match else 0)


def wrk(
    url: str,
    *,
    connections: int,
    seconds: int,
    script: str | None = None,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Run wrk against ``url`` (loopback only) and return its figures."""
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("wrk not found: apt-get install wrk")
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("benchmarks target loopback only")
    command = [binary, "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory() as tmp:
        if script is not None:
            path = Path(tmp) / "script.lua"
            path.write_text(script)
            command += ["-s", str(path)]
        command.append(url)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def paced_script(delay_ms: float, body_script: str = "") -> str:
    """A wrk Lua script adding a fixed pause before each request of a connection."""
    return body_script + f"\nfunction delay()\n  return {max(0, round(delay_ms))}\nend\n"
