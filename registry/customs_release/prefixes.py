"""Tables keyed by HS-code prefix: the entry of the longest prefix of a code wins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

V = TypeVar("V")


def longest_prefix(table: Mapping[str, V], hs_code: str, *, shortest: int = 0) -> V | None:
    """The value of the longest prefix of ``hs_code`` (at least ``shortest`` digits) in
    ``table``; None when there is none."""
    for length in range(len(hs_code), shortest - 1, -1):
        value = table.get(hs_code[:length])
        if value is not None:
            return value
    return None
