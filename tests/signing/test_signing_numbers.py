from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signing.numbers import (
    NumberCheck,
    check_bin,
    check_digit,
    check_iin,
    is_valid_bin,
    is_valid_iin,
)


@pytest.mark.parametrize("value", ["871008401427", "760212350620"])
def test_valid_iins(value: str) -> None:
    assert check_iin(value) is NumberCheck.OK


def test_valid_bin() -> None:
    assert check_bin("940140000385") is NumberCheck.OK
    assert not is_valid_iin("940140000385")  # a BIN is not an IIN: month 01, day 40


def test_never_issued_number() -> None:
    assert check_digit("82121424009") is None
    assert check_iin("821214240092") is NumberCheck.NEVER_ISSUED


def test_nca_test_iin_fails_strict_but_passes_in_test_pki_mode() -> None:
    assert check_iin("123456789011") is NumberCheck.BAD_CHECKSUM
    assert check_iin("123456789011", test_pki=True) is NumberCheck.OK
    assert check_bin("123456789021") is not NumberCheck.OK
    assert is_valid_bin("123456789021", test_pki=True)


@pytest.mark.parametrize(
    "value", ["", "12345678901", "1234567890123", "87100840142a", "８７１００８４０１４２７"]
)
def test_format_is_required_even_in_test_pki_mode(value: str) -> None:
    assert check_iin(value, test_pki=True) is NumberCheck.BAD_FORMAT
    assert check_bin(value, test_pki=True) is NumberCheck.BAD_FORMAT


def test_wrong_check_digit() -> None:
    assert check_iin("871008401428") is NumberCheck.BAD_CHECKSUM
    assert check_bin("940140000386") is NumberCheck.BAD_CHECKSUM


def _with_valid_checksum(body: str) -> str:
    """The first 12-digit number ``body`` + two-digit serial + its check digit (some have none)."""
    for serial in range(100):
        eleven = f"{body}{serial:02d}"
        digit = check_digit(eleven)
        if digit is not None:
            return f"{eleven}{digit}"
    raise AssertionError(f"no serial after {body} has a check digit")


def test_structure_rules() -> None:
    # valid checksum but impossible date (month 13)
    assert check_iin(_with_valid_checksum("871308401")) is NumberCheck.BAD_STRUCTURE
    # BIN with entity type 7 (only 4, 5, 6 exist)
    assert check_bin(_with_valid_checksum("940170000")) is NumberCheck.BAD_STRUCTURE


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    female=st.booleans(),
    serial=st.integers(min_value=0, max_value=9999),
)
def test_generated_iins_are_valid(born: date, female: bool, serial: int) -> None:
    century = {1900: 3, 2000: 5}[born.year // 100 * 100] + int(female)
    eleven = f"{born:%y%m%d}{century}{serial:04d}"
    digit = check_digit(eleven)
    if digit is None:
        assert check_iin(eleven + "0") is NumberCheck.NEVER_ISSUED
    else:
        assert check_iin(f"{eleven}{digit}") is NumberCheck.OK
        wrong = (digit + 1) % 10
        assert check_iin(f"{eleven}{wrong}") is not NumberCheck.OK
