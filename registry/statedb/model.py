"""What the state databases say about a person or a legal entity."""

from __future__ import annotations

from typing import Literal

import msgspec

PersonStatus = Literal["active", "deceased"]
EntityStatus = Literal["active", "liquidated"]


class Person(msgspec.Struct, frozen=True, kw_only=True):
    """An individual as the state database of persons (ГБД ФЛ) records them."""

    iin: str
    name: str
    registered_address: str
    status: PersonStatus


class LegalEntity(msgspec.Struct, frozen=True, kw_only=True):
    """A legal entity as the state database of legal entities (ГБД ЮЛ) records it."""

    bin: str
    name: str
    registered_address: str
    status: EntityStatus
