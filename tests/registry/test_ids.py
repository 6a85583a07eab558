"""Time-ordered ids (registry/ids.py): RFC 9562 version 7, sortable by the millisecond made."""

from __future__ import annotations

import time

from registry.ids import uuid7


def test_an_id_is_version_7_of_the_rfc_variant() -> None:
    made = uuid7()
    assert made.version == 7
    assert made.variant == "specified in RFC 4122"  # RFC 9562 keeps the variant bits 10


def test_an_id_starts_with_the_millisecond_it_was_made() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid7()
    after = time.time_ns() // 1_000_000
    assert before <= made.int >> 80 <= after
    assert uuid7(1_700_000_000_123).int >> 80 == 1_700_000_000_123


def test_ids_of_later_milliseconds_sort_after_earlier_ones() -> None:
    earlier = [uuid7(1_000 + step) for step in range(50)]
    assert sorted(earlier) == earlier
    assert str(uuid7(2_000)) > str(uuid7(1_999))  # also as text, as PostgreSQL orders uuids


def test_ids_of_one_millisecond_differ_in_their_random_bits() -> None:
    same_moment = {uuid7(5_000) for _ in range(1_000)}
    assert len(same_moment) == 1_000
