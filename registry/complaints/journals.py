"""The complaints' two journals: complaints as registered, and the decisions on them.

Each is a journal of :mod:`registry.workflow.journal` with its own number format; a line is
entered under the application's lock, in the transaction that registers the complaint or
decides it, so a number is never given twice nor lost.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession

from registry.workflow.journal import enter


class Journal(NamedTuple):
    name: str
    number_format: str

    async def enter(
        self,
        session: AsyncSession,
        application_id: uuid.UUID,
        at: datetime,
        columns: dict[str, Any],
    ) -> str:
        """Enter a line; the number it got."""
        return await enter(
            session,
            self.name,
            at=at,
            number_format=self.number_format,
            application_id=application_id,
            columns=columns,
        )


COMPLAINTS = Journal("complaints", "ШҚ-{year}-{seq:05d}")
DECISIONS = Journal("complaint-decisions", "Ш-{year}-{seq:05d}")
