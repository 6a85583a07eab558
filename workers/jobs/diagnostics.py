"""A job that proves the queue round trip: gateway or CLI → Redis → worker → result."""

from __future__ import annotations

from typing import Any


async def ping(ctx: dict[str, Any], token: str) -> str:
    """Return ``token`` with the id of the job that carried it (nothing else is touched)."""
    return f"{token}:{ctx['job_id']}"
