"""``make fuzz``: schemathesis against the local stack, over every operation of the document.

A throw-away stack on loopback (scripts/loopstack.py: PostgreSQL, Redis, the local test PKI,
the gateway and a worker) is called by schemathesis (PyPI) with the committed document
``openapi/openapi.json``, once per identity (scripts/fuzz/identities.py): without
authentication, as a partner, and as an officer of each role. Every phase runs: the document's
examples, coverage (boundary and invalid values), fuzzing, and the stateful phase, which chains
operations along the document's OpenAPI links (gateway/openapi_links.py).

The checks (``FUZZ_CHECKS``) are those a contract needs: no 5xx, every status code documented,
every content type documented, every body valid against its schema, and a request the document
allows is accepted (scripts/fuzz/schemathesis.toml says what "accepted" admits).

``FUZZ_CASES`` (2400) is the least number of cases to run in all: each identity gets its share,
as cases per operation (schemathesis's ``--max-examples``); the coverage phase adds more.
``FUZZ_SECONDS`` (1200) bounds the whole run: each identity's schemathesis gets its share and
is stopped past it. ``FUZZ_SEED`` fixes the generation; ``FUZZ_INCLUDE`` (a path regex) and
``FUZZ_IDENTITIES`` (names, comma-separated) narrow a run while fixing something. The figures
are printed and written to ``bench/results/fuzz.json``; the exit code is 1 when a 5xx, a failed
check or an error of schemathesis was seen, or fewer than ``FUZZ_CASES`` cases ran. Everything
started is stopped at the end; the reports and logs are kept (and their directory named) only
when the run failed.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from registry.settings import ENV_PREFIX
from scripts.fuzz.identities import Identity, create_identities
from scripts.fuzz.report import Findings, read
from scripts.loopstack import LoopStack, loop_stack

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "openapi" / "openapi.json"
CONFIG = Path(__file__).with_name("schemathesis.toml")
RESULTS = ROOT / "bench" / "results" / "fuzz.json"
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
LINKS = re.compile(r"API Links:\s+(\d+) covered / (\d+) selected")
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,positive_data_acceptance"
)
# The fuzz run's own requests must meet the API's logic, not its rate limits.
OVERRIDES = {
    f"{ENV_PREFIX}AUTH_FAILURE_RATE_LIMIT": "100000000/minute",
    f"{ENV_PREFIX}APPLICANT_APP_RATE_LIMIT": "100000000/minute",
}


class Config:
    """The run's knobs, from ``FUZZ_*`` variables."""

    def __init__(self) -> None:
        self.cases = int(os.environ.get("FUZZ_CASES", "2400"))
        self.seconds = float(os.environ.get("FUZZ_SECONDS", "1200"))
        self.seed = int(os.environ.get("FUZZ_SEED", "17"))
        self.checks = os.environ.get("FUZZ_CHECKS", CHECKS)
        self.phases = os.environ.get("FUZZ_PHASES", "examples,coverage,fuzzing,stateful")
        # While fixing one thing: only these operations (a path regex), only these identities.
        self.include = os.environ.get("FUZZ_INCLUDE", "")
        wanted = os.environ.get("FUZZ_IDENTITIES", "")
        self.identities = [name for name in wanted.split(",") if name]


def _operations() -> int:
    document = json.loads(DOCUMENT.read_text())
    return sum(len(item) for item in document["paths"].values())


def _command(
    cfg: Config, stack: LoopStack, identity: Identity, per_operation: int, out: Path
) -> list[str]:
    return [
        SCHEMATHESIS,
        "--config-file",
        str(CONFIG),
        "run",
        str(DOCUMENT),
        "--url",
        stack.base,
        *identity.headers(),
        "--checks",
        cfg.checks,
        "--phases",
        cfg.phases,
        "--max-examples",
        str(per_operation),
        "--seed",
        str(cfg.seed),
        "--continue-on-failure",
        "--generation-database",
        "none",
        "--request-timeout",
        "20",
        "--no-color",
        *(["--include-path-regex", cfg.include] if cfg.include else []),
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(out / "events.ndjson"),
    ]


def _run_one(command: list[str], out: Path, limit: float) -> tuple[int | None, float]:
    """Run schemathesis (its output to ``out/output.txt``), stopped past ``limit`` seconds."""
    started = time.monotonic()
    with (out / "output.txt").open("wb") as output:
        # Run in ``out``: schemathesis keeps a cache of failures (``.schemathesis/``) in its
        # working directory, which belongs to the run, not to the repository.
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True, cwd=out
        )
        try:
            code: int | None = process.wait(limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            code = None
    return code, time.monotonic() - started


def _links_covered(output: Path) -> str | None:
    """How many links the stateful phase followed at least once (schemathesis's summary)."""
    found = LINKS.search(output.read_text(errors="replace")) if output.exists() else None
    return f"{found[1]} of {found[2]}" if found else None


def run(cfg: Config, workdir: Path) -> tuple[dict[str, Any], list[str]]:
    operations = _operations()
    total = Findings()
    per_identity: dict[str, Any] = {}
    started = time.monotonic()
    with loop_stack(workdir, OVERRIDES) as stack:
        identities = create_identities(stack.env)
        if cfg.identities:
            identities = [i for i in identities if i.name in cfg.identities]
        per_operation = max(1, math.ceil(cfg.cases / (len(identities) * operations)))
        limit = cfg.seconds / len(identities)
        for identity in identities:
            out = workdir / "reports" / identity.name.replace(":", "-")
            out.mkdir(parents=True)
            command = _command(cfg, stack, identity, per_operation, out)
            code, seconds = _run_one(command, out, limit)
            found = read(out / "events.ndjson") if (out / "events.ndjson").exists() else Findings()
            total.add(found)
            per_identity[identity.name] = {
                "cases": found.cases,
                "server_errors": found.server_errors,
                "failed_checks": found.failed_checks,
                "errors": found.errors,
                "links_covered": _links_covered(out / "output.txt"),
                "seconds": round(seconds, 1),
                "stopped_at_time_limit": code is None,
            }
            print(f"{identity.name}: {per_identity[identity.name]}", flush=True)
    broken: list[str] = []
    if total.server_errors:
        broken.append(f"{total.server_errors} responses with a 5xx status")
    if total.failed_checks:
        broken.append(f"{total.failed_checks} failed checks ({len(total.distinct)} distinct)")
    if total.errors:
        broken.append(f"schemathesis errors: {'; '.join(sorted(set(total.errors)))}")
    if total.cases < cfg.cases:
        broken.append(f"{total.cases} cases run, fewer than FUZZ_CASES={cfg.cases}")
    results = {
        "operations": operations,
        "identities": list(per_identity),
        "max_examples_per_operation": per_operation,
        "phases": cfg.phases.split(","),
        "checks": cfg.checks.split(","),
        "seed": cfg.seed,
        "cases": total.cases,
        "cases_by_phase": dict(total.by_phase),
        "server_errors": total.server_errors,
        "failed_checks": total.failed_checks,
        "seconds": round(time.monotonic() - started, 1),
        "per_identity": per_identity,
        "distinct_failures": [
            {"failure": key[0], "operation": key[1], "message": key[2], "cases": count,
             "sample": total.samples.get(key, "")}
            for key, count in sorted(total.distinct.items())
        ],
        "violations": broken,
    }  # fmt: skip
    return results, broken


def main() -> int:
    cfg = Config()
    workdir = Path(tempfile.mkdtemp(prefix="qaqpa-fuzz-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user when we are root
    broken: list[str] = ["the run did not finish"]
    try:
        results, broken = run(cfg, workdir)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        summary = {k: v for k, v in results.items() if k != "distinct_failures"}
        print(json.dumps(summary, indent=2))
        for failure in results["distinct_failures"]:
            print(f"  {failure['failure']}: {failure['operation']}: {failure['message']} "
                  f"({failure['cases']} cases)")  # fmt: skip
    finally:
        if broken:
            print(f"fuzz: FAILED ({'; '.join(broken)}); reports kept in {workdir}", file=sys.stderr)
        elif os.environ.get("FUZZ_KEEP"):
            print(f"fuzz: reports kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
