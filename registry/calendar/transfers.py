"""Decree transfers: days off moved by the authorities, as data (the one source of truth).

Under Labour Code art. 85 p.3 the authorities may move a day off to a working day to join it
to a holiday; the weekend day it came from becomes a working day. Each move is two rows here:
the weekday that becomes a day ``off`` and the weekend day that becomes ``working``. They are
published late (weeks before the date), so operators add them with
``qaqpa calendar transfers add``; the rows below seed the table (migration 0002) and are the
fallback the CLI uses when the database is unreachable.

Sources of the seeded rows (the package ``holidays`` cites the same acts on adilet.zan.kz):

* 2024: order of the acting Minister of Labour and Social Protection of Population of
  17 April 2024 "On the transfer of a day of rest in 2024": rest day moved from Saturday
  4 May 2024 to Wednesday 8 May 2024 (adilet G24G0000109; reported by zakon.kz, nur.kz).
* 2025: order of the Minister of Labour and Social Protection of Population approved
  21 November 2024: rest day moved from Sunday 5 January 2025 to Friday 3 January 2025
  (adilet G24G0000436; reported by the Ministry, inform.kz, zakon.kz).
* 2026: none known. The production calendar published by the Ministry for 2026 lists only the
  statutory carry-overs (9 March, 24–25 March, 11 May, 26 October) and no decree transfer.

The specification calls these "government decree" transfers; since 2024 they are orders of the
authorised labour body. The ``decree`` text names the act either way.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Final

import msgspec

from registry.calendar.errors import InvalidTransferError


class TransferKind(enum.StrEnum):
    OFF = "off"  # a working day made a day off
    WORKING = "working"  # a weekend day made a working day


class Transfer(msgspec.Struct, frozen=True, kw_only=True):
    """One day whose working status a decree changed."""

    date: date
    kind: TransferKind
    decree: str


_ORDER_2024: Final = (
    "order of the acting Minister of Labour and Social Protection of Population of the RK "
    "of 17.04.2024 'On the transfer of a day of rest in 2024' (adilet G24G0000109)"
)
_ORDER_2025: Final = (
    "order of the Minister of Labour and Social Protection of Population of the RK "
    "approved on 21.11.2024, on the transfer of a day of rest in 2025 (adilet G24G0000436)"
)

SEEDED_TRANSFERS: Final[tuple[Transfer, ...]] = (
    Transfer(date=date(2024, 5, 4), kind=TransferKind.WORKING, decree=_ORDER_2024),
    Transfer(date=date(2024, 5, 8), kind=TransferKind.OFF, decree=_ORDER_2024),
    Transfer(date=date(2025, 1, 3), kind=TransferKind.OFF, decree=_ORDER_2025),
    Transfer(date=date(2025, 1, 5), kind=TransferKind.WORKING, decree=_ORDER_2025),
)


def check_transfer(transfer: Transfer, *, working_without_transfers: bool) -> None:
    """Refuse a transfer that would change nothing.

    ``working_without_transfers`` is whether the day is a working day by weekends and holidays
    alone. Making a working day "working" or a day off "off" is almost always a typo (wrong
    date); refusing it keeps the table meaningful.
    """
    if not transfer.decree.strip():
        raise InvalidTransferError("a transfer needs the decree that made it (--decree)")
    if transfer.kind is TransferKind.OFF and not working_without_transfers:
        raise InvalidTransferError(f"{transfer.date} is already a day off")
    if transfer.kind is TransferKind.WORKING and working_without_transfers:
        raise InvalidTransferError(f"{transfer.date} is already a working day")
