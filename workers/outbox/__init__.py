"""The transactional-outbox relay that runs inside every worker process."""

from workers.outbox.lifecycle import (
    JobRegistrationError,
    check_job_names,
    registered_job_names,
    start_relay,
    stop_relay,
)
from workers.outbox.relay import OutboxRelay, OutboxState, RelayBatch, job_kwargs

__all__ = [
    "JobRegistrationError",
    "OutboxRelay",
    "OutboxState",
    "RelayBatch",
    "check_job_names",
    "job_kwargs",
    "registered_job_names",
    "start_relay",
    "stop_relay",
]
