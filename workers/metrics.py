"""The worker's Prometheus metrics: one registry per worker process, served on 127.0.0.1.

A dedicated registry (not prometheus_client's global one) keeps the worker's series apart
from anything a library registers by import, and lets jobs add their own gauges next to the
relay's: import :data:`REGISTRY` and pass ``registry=REGISTRY`` when creating them.
Each worker process serves its own port (``QAQPA_WORKER_METRICS_PORT``; 0 turns it off).
"""

from __future__ import annotations

from threading import Thread
from typing import NamedTuple
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, start_http_server

REGISTRY = CollectorRegistry(auto_describe=True)

OUTBOX_LAG_SECONDS = Gauge(
    "qaqpa_outbox_lag_seconds",
    "Age of the oldest unsent outbox row (0 when none): how late the workers are.",
    registry=REGISTRY,
)
OUTBOX_UNSENT = Gauge(
    "qaqpa_outbox_unsent",
    "Outbox rows not yet handed to the queue.",
    registry=REGISTRY,
)
OUTBOX_UNROUTABLE = Gauge(
    "qaqpa_outbox_unroutable",
    "Unsent outbox rows whose job this worker does not run (left for a worker that does).",
    registry=REGISTRY,
)
OUTBOX_RELAYED = Counter(
    "qaqpa_outbox_relayed",
    "Outbox rows this worker enqueued as arq jobs, by job.",
    ["job"],
    registry=REGISTRY,
)
OUTBOX_DUPLICATES = Counter(
    "qaqpa_outbox_duplicates",
    "Outbox rows whose arq job already existed (a re-send after a crash before the commit).",
    registry=REGISTRY,
)
OUTBOX_REJECTED = Counter(
    "qaqpa_outbox_rejected",
    "Outbox rows left unsent because their payload cannot be job arguments.",
    registry=REGISTRY,
)
OUTBOX_RELAY_ERRORS = Counter(
    "qaqpa_outbox_relay_errors",
    "Relay iterations that failed (database or Redis unavailable); the relay retries.",
    registry=REGISTRY,
)


class MetricsServer(NamedTuple):
    """The running exposition server and its thread."""

    server: WSGIServer
    thread: Thread

    @property
    def port(self) -> int:
        return int(self.server.server_port)

    def close(self) -> None:
        """Stop serving and release the port."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start_metrics_server(port: int) -> MetricsServer | None:
    """Serve :data:`REGISTRY` at ``http://127.0.0.1:PORT/metrics``; ``port`` 0 means off."""
    if port == 0:
        return None
    server, thread = start_http_server(port, addr="127.0.0.1", registry=REGISTRY)
    return MetricsServer(server, thread)


# Deadlines (workers/jobs/workflow.py monitor_deadlines): open steps past their stored due time.
OVERDUE_STEPS = Gauge(
    "qaqpa_overdue_steps",
    "Open workflow steps past their stored due time, by service and step.",
    ["service", "step"],
    registry=REGISTRY,
)
DEADLINES_MISSED = Counter(
    "qaqpa_deadlines_missed_total",
    "deadline_missed events recorded by this worker (steps and complaints).",
    registry=REGISTRY,
)

# Signing (workers/jobs/signing.py sign_result): failures a retry of the job will not fix.
SIGNING_FAILURES = Counter(
    "qaqpa_signing_failures_total",
    "sign_result runs that ended in a failure retrying will not fix (the result stays "
    "unsigned, a signing_failed event says why), by reason: signer_key_missing, "
    "system_key_missing, keystore_missing, document_invalid, render_failed, retries_exhausted.",
    ["reason"],
    registry=REGISTRY,
)
