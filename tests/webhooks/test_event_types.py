"""Which webhook types an application event is reported as (registry/webhooks/events.py)."""

from __future__ import annotations

from typing import Any

import pytest

from registry.webhooks.events import types_of


@pytest.mark.parametrize(
    ("kind", "data", "types"),
    [
        ("status_changed", {"action": "assign", "from": "assignment", "to": "review"},
         ("application.status_changed",)),
        # S1: a declaration waits for money, then the duties are written off (paid).
        ("status_changed", {"action": "await_payment", "to": "payment_required"},
         ("application.status_changed", "customs.payment_required")),
        ("status_changed", {"action": "write_off", "from": "payment_required",
                            "to": "release_permitted"},
         ("application.status_changed", "customs.payment_received")),
        # S8: the export-control agencies are asked.
        ("status_changed", {"action": "send_requests", "to": "interagency_requests"},
         ("application.status_changed", "application.agency_answers_awaited")),
        ("result_signed", {"result_id": "r"}, ("application.document_issued",)),
        ("complaint_decided", {"decision": "upheld"}, ("complaint.decided",)),
        ("received", {}, ()),
        ("clock_paused", {"reason": "x"}, ()),
    ],
)  # fmt: skip
def test_each_event_kind_maps_to_its_webhook_types(
    kind: str, data: dict[str, Any], types: tuple[str, ...]
) -> None:
    assert types_of(kind, data) == types
