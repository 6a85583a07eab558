"""IIN and BIN: Kazakhstan's 12-digit individual and business identification numbers.

Structure (the public rules used by the state registers):

* IIN: ``YYMMDD`` birth date, one century/sex digit (1-2: 1800s, 3-4: 1900s, 5-6: 2000s;
  odd male, even female), four serial digits, one check digit.
* BIN: ``YYMM`` registration month, one type digit (4 resident legal entity, 5 non-resident,
  6 individual entrepreneur in joint venture), one division digit (0 head office, 1 branch,
  2 representative office, 3 peasant farm), five serial digits, one check digit.

Check digit: sum of the first 11 digits times weights 1..11, modulo 11; if that is 10, weights
3..11,1,2 are used instead; if it is 10 again the number is never issued.

``test_pki=True`` keeps only the "12 digits" rule: NCA's test certificates carry numbers such as
123456789011 that fail every other rule, and the gateway must accept them only when told to.
"""

from __future__ import annotations

import enum
from datetime import date
from functools import lru_cache

_WEIGHTS_1 = tuple(range(1, 12))
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


class NumberCheck(enum.StrEnum):
    OK = "ok"
    BAD_FORMAT = "bad_format"
    BAD_STRUCTURE = "bad_structure"
    BAD_CHECKSUM = "bad_checksum"
    NEVER_ISSUED = "never_issued"


def check_digit(first_eleven: str) -> int | None:
    """The check digit for 11 digits, or None when the number can never be issued."""
    digits = [int(c) for c in first_eleven]
    value = sum(d * w for d, w in zip(digits, _WEIGHTS_1, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, _WEIGHTS_2, strict=True)) % 11
        if value == 10:
            return None
    return value


def _checksum(number: str) -> NumberCheck:
    expected = check_digit(number[:11])
    if expected is None:
        return NumberCheck.NEVER_ISSUED
    return NumberCheck.OK if int(number[11]) == expected else NumberCheck.BAD_CHECKSUM


def _is_twelve_digits(value: str) -> bool:
    return len(value) == 12 and value.isascii() and value.isdigit()


def _common_checks(value: str, *, test_pki: bool) -> NumberCheck:
    """What an IIN and a BIN share: twelve digits and (outside the test PKI, whose numbers
    are made up) the control digit."""
    if not _is_twelve_digits(value):
        return NumberCheck.BAD_FORMAT
    return NumberCheck.OK if test_pki else _checksum(value)


@lru_cache(maxsize=4096)
def check_iin(value: str, *, test_pki: bool = False) -> NumberCheck:
    common = _common_checks(value, test_pki=test_pki)
    if common is not NumberCheck.OK or test_pki:
        return common
    century = _CENTURY.get(value[6])
    if century is None:
        return NumberCheck.BAD_STRUCTURE
    try:
        date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        return NumberCheck.BAD_STRUCTURE
    return NumberCheck.OK


@lru_cache(maxsize=4096)
def check_bin(value: str, *, test_pki: bool = False) -> NumberCheck:
    common = _common_checks(value, test_pki=test_pki)
    if common is not NumberCheck.OK or test_pki:
        return common
    if not 1 <= int(value[2:4]) <= 12 or value[4] not in "456" or value[5] not in "0123":
        return NumberCheck.BAD_STRUCTURE
    return NumberCheck.OK


def is_valid_iin(value: str, *, test_pki: bool = False) -> bool:
    return check_iin(value, test_pki=test_pki) is NumberCheck.OK


def is_valid_bin(value: str, *, test_pki: bool = False) -> bool:
    return check_bin(value, test_pki=test_pki) is NumberCheck.OK
