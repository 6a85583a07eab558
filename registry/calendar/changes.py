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
_ADDED = {
    TransferKind.OFF: Texts(
        kk="{day} шешіммен демалыс күні болды ({decree})",
        ru="{day} объявлен выходным днём ({decree})",
        en="{day} was made a day off ({decree})",
    ),
    TransferKind.WORKING: Texts(
        kk="{day} шешіммен жұмыс күні болды ({decree})",
        ru="{day} объявлен рабочим днём ({decree})",
        en="{day} was made a working day ({decree})",
    ),
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
        template = _ADDED[self.transfer.kind] if self.change == "added" else _REMOVED
        values = {"day": self.transfer.date.strftime("%d.%m.%Y"), "decree": self.transfer.decree}
        return Texts(
            kk=_PREFIX.kk + template.kk.format(**values),
            ru=_PREFIX.ru + template.ru.format(**values),
            en=_PREFIX.en + template.en.format(**values),
        )
