"""How long a permit is valid: one year, capped by the documents it rests on (004 p.15).

A permit cannot outlive the guarantee, the contract or the identity document it was granted
on: its validity date is the earlier of one year after the issue date and the earliest
``valid_until`` those documents state. "One year" ends on the same date a year later
(Civil Code art. 171: a term in years ends on the matching date of the last year); 29 February
maps to 28 February.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

# The documents of the form that may carry an expiry date, by JSON pointer.
EXPIRING_DOCUMENTS: tuple[tuple[str, ...], ...] = (
    ("end_use_guarantee",),
    ("contract_document",),
    ("information", "identity_document"),
)


class Validity(msgspec.Struct, frozen=True, kw_only=True):
    valid_until: date
    capped_by: str | None  # JSON pointer of the document that shortened it


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def document_expiries(form: dict[str, Any]) -> list[tuple[str, date]]:
    """(pointer, valid_until) of every document in the form that states an expiry."""
    found: list[tuple[str, date]] = []
    for path in EXPIRING_DOCUMENTS:
        node: Any = form
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        expiry = node.get("valid_until") if isinstance(node, dict) else None
        if expiry is not None:
            found.append(("/" + "/".join(path), date.fromisoformat(str(expiry))))
    return found


def permit_validity(issued_on: date, form: dict[str, Any]) -> Validity:
    year = one_year_after(issued_on)
    earliest = min(document_expiries(form), key=lambda item: item[1], default=None)
    if earliest is None or earliest[1] >= year:
        return Validity(valid_until=year, capped_by=None)
    return Validity(valid_until=earliest[1], capped_by=earliest[0])
