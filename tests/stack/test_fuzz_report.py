"""``make fuzz`` reads schemathesis's NDJSON events: cases, 5xx, distinct failures, errors.

The harness's verdict rests on this reading (scripts/fuzz/report.py), so it is checked on a
stream of the shape schemathesis 4 writes.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from scripts.fuzz.report import read


def _scenario(phase: str, statuses: list[int], failing: int | None) -> dict[str, object]:
    cases: dict[str, object] = {f"c{i}": {"value": {}} for i in range(len(statuses))}
    interactions = {
        f"c{i}": {
            "request": {"method": "GET", "uri": "http://127.0.0.1:1/v1/x"},
            "response": {
                "status_code": status,
                "content": {"$base64": base64.b64encode(b'{"code":"x"}').decode()},
            },
        }
        for i, status in enumerate(statuses)
    }
    checks = {
        f"c{i}": [
            {"name": "not_a_server_error", "status": "success"},
            {
                "name": "status_code_conformance",
                "status": "failure" if i == failing else "success",
                "failure_info": {
                    "failure": {
                        "code": "ST103",
                        "title": "Undocumented status code",
                        "operation": "GET /v1/x",
                        "message": "Received: 500\nDocumented: 200",
                    }
                },
            },
        ]
        for i in range(len(statuses))
    }
    recorder = {"label": "GET /v1/x", "cases": cases, "interactions": interactions}
    return {"ScenarioFinished": {"phase": phase, "recorder": recorder | {"checks": checks}}}


def test_cases_server_errors_failures_and_errors_are_counted(tmp_path: Path) -> None:
    events = [
        {"Initialize": {"seed": 1}},
        _scenario("coverage", [200, 500, 400], failing=1),
        _scenario("stateful", [200, 500], failing=1),
        {"NonFatalError": {"label": "GET /v1/y", "value": {"type": "Unsatisfiable"}}},
    ]
    stream = tmp_path / "events.ndjson"
    stream.write_text("".join(json.dumps(event) + "\n" for event in events))
    found = read(stream)
    assert found.cases == 5
    assert dict(found.by_phase) == {"coverage": 3, "stateful": 2}
    assert found.server_errors == 2
    assert found.failed_checks == 2
    key = ("ST103 Undocumented status code", "GET /v1/x", "Received: 500")
    assert dict(found.distinct) == {key: 2}
    assert found.samples[key].startswith("GET http://127.0.0.1:1/v1/x -> 500")
    assert found.errors == ["GET /v1/y: Unsatisfiable"]
