"""Column declarations many tables share, as annotated types: ``by: Mapped[OfficerId]``.

A model names what a column holds (an application, an officer, a row number); how that is
stored (the foreign key, a BIGINT identity, a default) is said once here. ``Mapped[X | None]``
makes any of them nullable, and a ``mapped_column(...)`` on the attribute adds to them. Plain
Python types (datetime, str, JSON-shaped dicts and lists) are mapped by ``Base``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, func
from sqlalchemy.orm import mapped_column

# A moment the database fills in with the time of the INSERT when the code does not.
NowByDefault = Annotated[
    datetime, mapped_column(DateTime(timezone=True), server_default=func.now())
]
# A surrogate key numbered by the database.
SerialId = Annotated[int, mapped_column(BigInteger, primary_key=True, autoincrement=True)]
ApplicationId = Annotated[uuid.UUID, mapped_column(ForeignKey("applications.id"))]
OfficerId = Annotated[uuid.UUID, mapped_column(ForeignKey("officers.id"))]
# Who did something, as a short label (for example "officer:<id>").
ActorLabel = Annotated[str, mapped_column(String(128))]
# A 12-digit IIN (a person) or BIN (an organisation).
IinBin = Annotated[str, mapped_column(String(12))]
