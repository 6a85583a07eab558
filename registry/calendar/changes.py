"""A decree transfer added or removed, and why due times moved because of it (kk/ru/en).

The text is the reason stored on each ``due_time_rederived`` event
(registry/workflow/rederive.py) and shown by ``qaqpa deadlines explain`` and the officer file.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from registry.calendar.reasons import Texts
from registry.calendar.transfers import Transfer, TransferKind

Change = Literal["added", "removed"]

_PREFIX = Texts(kk="Мерзім қайта есептелді: ", ru="Срок пересчитан: ", en="Due time re-derived: ")
# What a decree made of a day: "{day} was made a day off", "... a working day".
_MADE: dict[TransferKind, Texts] = {
    TransferKind.OFF: Texts(kk="демалыс", ru="выходным", en="a day off"),
    TransferKind.WORKING: Texts(kk="жұмыс", ru="рабочим", en="a working day"),
}
_REMOVED = Texts(
    kk="{day} күнінің ауыстырылуы алынып тасталды ({decree})",
    ru="перенос дня {day} отменён ({decree})",
    en="the transfer of {day} was withdrawn ({decree})",
)


class TransferChange(msgspec.Struct, frozen=True, kw_only=True):
    """One transfer that was added to or removed from the table."""

    transfer: Transfer
    change: Change

    def reason(self) -> Texts:
        """Why a due time moved because of this change, in kk, ru and en."""
        template = _added(self.transfer.kind) if self.change == "added" else _REMOVED
        values = {"day": self.transfer.date.strftime("%d.%m.%Y"), "decree": self.transfer.decree}
        return Texts(
            kk=_PREFIX.kk + template.kk.format(**values),
            ru=_PREFIX.ru + template.ru.format(**values),
            en=_PREFIX.en + template.en.format(**values),
        )


def _added(kind: TransferKind) -> Texts:
    made = _MADE[kind]
    return Texts(
        kk=f"{{day}} шешіммен {made.kk} күні болды ({{decree}})",
        ru=f"{{day}} объявлен {made.ru} днём ({{decree}})",
        en=f"{{day}} was made {made.en} ({{decree}})",
    )
