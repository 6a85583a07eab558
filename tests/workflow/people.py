"""Officers and applicants for workflow tests: valid IINs built with the real check digit."""

from __future__ import annotations

import uuid
from typing import NamedTuple

from signing.numbers import check_digit


def iin(first_eleven: str) -> str:
    digit = check_digit(first_eleven)
    assert digit is not None, first_eleven
    return first_eleven + str(digit)


# Distinct people: four eyes compares IINs, so each role gets its own person.
CLERK_IIN = iin("80010140000")
HEAD_IIN = iin("75020250001")
EXECUTOR_IIN = iin("85030350002")
SIGNER_IIN = iin("70040450003")
UNIT_HEAD_IIN = iin("78050550004")


class OfficerKey(NamedTuple):
    """An officer account in the database and its bearer token."""

    id: uuid.UUID
    role: str
    iin: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}
