"""Time-ordered row ids (UUID version 7, RFC 9562 section 5.7) for the rows intake writes.

A random (version 4) primary key puts every new row on a random leaf page of its index. Once
the indexes outgrow PostgreSQL's buffer cache, each insert reads such pages back and, the
first time a page changes after a checkpoint, writes all 8 kB of it to the WAL. With millions
of stored applications that cost intake half its rate (bench/results/issue18-growth.md). A
version 7 id starts with the millisecond it was made, so new rows land on the few rightmost
pages whatever the table's size.

The other 74 bits are random (``os.urandom``), so an id still cannot be guessed; it does tell
when the row was made, which the row itself says anyway (``created_at``). Python 3.14's
``uuid.uuid7()`` will replace this module.
"""

from __future__ import annotations

import os
import time
import uuid

_VERSION = 0x7 << 76
_VARIANT = 0x2 << 62  # RFC 9562's variant, binary 10
_RAND_A = (1 << 12) - 1
_RAND_B = (1 << 62) - 1


def uuid7(unix_ms: int | None = None) -> uuid.UUID:
    """A new version 7 UUID made at ``unix_ms`` (milliseconds since 1970; now when None)."""
    milliseconds = time.time_ns() // 1_000_000 if unix_ms is None else unix_ms
    random_bits = int.from_bytes(os.urandom(10))
    rand_a = (random_bits >> 62) & _RAND_A
    rand_b = random_bits & _RAND_B
    value = (milliseconds & (1 << 48) - 1) << 80 | _VERSION | rand_a << 64 | _VARIANT | rand_b
    return uuid.UUID(int=value)
