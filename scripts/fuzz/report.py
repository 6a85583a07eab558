"""What one schemathesis run found, read from its NDJSON event stream.

Each ``ScenarioFinished`` event carries the checks of its cases and the interactions (request
and response). From them: the number of cases run, the responses with a 5xx status, and the
distinct failures, keyed by check, operation and status so that a hundred cases of one defect
count as one.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Findings:
    cases: int = 0
    by_phase: Counter[str] = field(default_factory=Counter)
    server_errors: int = 0
    failed_checks: int = 0
    # schemathesis's own errors (a schema it cannot generate for, a health check that failed)
    errors: list[str] = field(default_factory=list)
    # (failure code and title, operation, the first line of its message) -> cases
    distinct: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    # one reproduction (method, uri, status, body excerpt) per distinct failure
    samples: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def add(self, other: Findings) -> None:
        self.cases += other.cases
        self.by_phase.update(other.by_phase)
        self.server_errors += other.server_errors
        self.failed_checks += other.failed_checks
        self.errors += other.errors
        self.distinct.update(other.distinct)
        for key, sample in other.samples.items():
            self.samples.setdefault(key, sample)


def _events(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with path.open() as lines:
        for line in lines:
            event = json.loads(line)
            for kind, value in event.items():
                if isinstance(value, dict):
                    yield kind, value


def _sample(interaction: dict[str, Any] | None) -> str:
    if not interaction:
        return ""

    request, response = interaction.get("request", {}), interaction.get("response") or {}
    body = ""
    content = response.get("content")
    if isinstance(content, dict) and "$base64" in content:
        body = base64.b64decode(content["$base64"]).decode("utf-8", "replace")[:300]
    return f"{request.get('method')} {request.get('uri')} -> {response.get('status_code')} {body}"


def _scenario(finished: dict[str, Any], found: Findings) -> None:
    recorder = finished.get("recorder") or {}
    label = str(recorder.get("label", "?"))
    interactions = recorder.get("interactions") or {}
    cases = len(recorder.get("cases") or {})
    found.cases += cases
    found.by_phase[str(finished.get("phase", "?"))] += cases
    for interaction in interactions.values():
        status = (interaction.get("response") or {}).get("status_code")
        if isinstance(status, int) and status >= 500:
            found.server_errors += 1
    for case_id, checks in (recorder.get("checks") or {}).items():
        for check in checks:
            if check.get("status") != "failure":
                continue
            found.failed_checks += 1
            failure = (check.get("failure_info") or {}).get("failure") or {}
            message = str(failure.get("message", "")).splitlines()
            key = (
                f"{failure.get('code', '?')} {failure.get('title', check.get('name'))}",
                str(failure.get("operation") or label),
                message[0] if message else "",
            )
            found.distinct[key] += 1
            found.samples.setdefault(key, _sample(interactions.get(case_id)))


def read(path: Path) -> Findings:
    found = Findings()
    for kind, value in _events(path):
        if kind == "ScenarioFinished":
            _scenario(value, found)
        elif kind in {"NonFatalError", "FatalError"}:
            error = value.get("value") or {}
            found.errors.append(f"{value.get('label', '?')}: {error.get('type', kind)}")
    return found
