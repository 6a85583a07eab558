"""Read-only views whose fields are a row's columns: built from the row, not field by field.

A view Struct names the columns it shows with the columns' names; :func:`from_row` copies them
(msgspec reads the attributes) together with the fields a view computes or takes from
elsewhere (``computed``, which win over the row's attributes). Adding a column to a view is
then one line, in the Struct.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

V = TypeVar("V", bound=msgspec.Struct)


class _Overlay:
    """``row``'s attributes, with ``computed`` in front."""

    def __init__(self, row: object, computed: dict[str, Any]) -> None:
        self._row = row
        self._computed = computed

    def __getattr__(self, name: str) -> Any:
        if name in self._computed:
            return self._computed[name]
        return getattr(self._row, name)


def from_row(view: type[V], row: object, **computed: Any) -> V:
    """``view`` filled from ``computed`` and ``row``'s attributes of the same names."""
    return msgspec.convert(_Overlay(row, computed), view, from_attributes=True)
