"""Read-only views whose fields are a row's columns: built from the row, not field by field.

A view Struct names the columns it shows with the columns' names; :func:`from_row` copies them
(msgspec reads the attributes) and sets the fields a view computes (``computed``), which the
Struct declares with a default. Adding a column to a view is then one line, in the Struct.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

V = TypeVar("V", bound=msgspec.Struct)


def from_row(view: type[V], row: object, **computed: Any) -> V:
    """``view`` filled from ``row``'s attributes of the same names, then ``computed``."""
    built = msgspec.convert(row, view, from_attributes=True)
    return msgspec.structs.replace(built, **computed) if computed else built
