"""Keep revocation data warm: re-fetch every CRL the gateway has seen before it goes stale.

The gateway and the worker share the Redis revocation cache, so a refresh here means the
next applicant's request meets a fresh CRL instead of paying the fetch itself.
"""

from __future__ import annotations

from typing import Any

import structlog

from workers.resources import resources_of

logger = structlog.get_logger(__name__)


async def refresh_crls(ctx: dict[str, Any]) -> dict[str, int]:
    """Fetch every remembered CRL URL again; returns how many were refreshed and failed."""
    report = await resources_of(ctx).verifier.refresh_crls()
    logger.info("crls_refreshed", refreshed=len(report.refreshed), failed=len(report.failed))
    return {"refreshed": len(report.refreshed), "failed": len(report.failed)}
