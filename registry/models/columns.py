"""Column declarations many tables share, as annotated types: ``at: Mapped[Moment]``.

A model names what a column holds (a moment, an application, an officer); how that is stored
(always a time zone, a BIGINT identity, the foreign key) is said once here. ``Mapped[X | None]``
makes any of them nullable, and a ``mapped_column(...)`` on the attribute adds to them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from sqlalchemy import BigInteger, DateTime, ForeignKey, func
from sqlalchemy.orm import mapped_column

# A point in time, always stored with its time zone.
Moment = Annotated[datetime, mapped_column(DateTime(timezone=True))]
# A moment the database fills in with the time of the INSERT when the code does not.
NowByDefault = Annotated[
    datetime, mapped_column(DateTime(timezone=True), server_default=func.now())
]
# A surrogate key numbered by the database.
SerialId = Annotated[int, mapped_column(BigInteger, primary_key=True, autoincrement=True)]
ApplicationId = Annotated[uuid.UUID, mapped_column(ForeignKey("applications.id"))]
OfficerId = Annotated[uuid.UUID, mapped_column(ForeignKey("officers.id"))]
