"""Each service's state machine as data: its statuses and the transitions between them.

A status whose code is a step code of the service means "that step is open"; the step's role
acts on it and its term gives the due time. The statuses here are shared by every service.
"""

from registry.catalogue.flows.common import (
    ISSUED,
    RECEIVED,
    REFUSED,
    SIGNING,
    issue_transitions,
    step_statuses,
)

__all__ = ["ISSUED", "RECEIVED", "REFUSED", "SIGNING", "issue_transitions", "step_statuses"]
