"""The transactional-outbox relay that runs inside every worker process."""

from workers.outbox.lifecycle import registered_job_names, start_relay, stop_relay
from workers.outbox.relay import OutboxRelay, OutboxState, RelayBatch, job_kwargs

__all__ = [
    "OutboxRelay",
    "OutboxState",
    "RelayBatch",
    "job_kwargs",
    "registered_job_names",
    "start_relay",
    "stop_relay",
]
