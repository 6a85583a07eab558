"""Shared building blocks of the service forms.

Choices made once here, so every form agrees:

* **Money** is an ISO 4217 currency and an amount written as a *decimal string* with at most two
  fraction digits (``"1250000.00"``), never a JSON number: a float cannot carry tiyn exactly, and
  a string keeps the amount the applicant signed byte for byte. msgspec's ``Decimal`` type is not
  used for the wire value because it also accepts ``"NaN"``/``"1e9"`` and cannot carry ``gt``
  constraints; the pattern below accepts only plain positive decimals and shows up in OpenAPI.
  Use :meth:`Money.value` (or :func:`to_decimal`) to compute with it.
* **Masses and quantities** are JSON numbers (``float``) with ``gt=0``: they are measurements,
  not accounting values, and msgspec checks the bound while decoding.
* **Identifiers** (IIN/BIN, HS codes, country and currency codes) are checked by *pattern only*.
  IIN/BIN checksums are the gateway's job (signing's number checker), and code lists (ISO 3166,
  ISO 4217, the EAEU HS nomenclature) change too often to freeze here.
* **Dates** are ``datetime.date`` (ISO 8601 ``YYYY-MM-DD`` on the wire).

Every field carries a ``description`` quoting the regulation's own term (kk / ru) so that an
officer reading the OpenAPI document recognises the box of the paper form.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated

import msgspec

# --- Scalar types -------------------------------------------------------------------------

Iin = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\d{12}$",
        description="ЖСН / ИИН — individual identification number, 12 digits.",
        examples=["871008401427"],
    ),
]
Bin = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\d{12}$",
        description="БСН / БИН — business identification number, 12 digits.",
        examples=["940140000385"],
    ),
]
CountryCode = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Z]{2}$",
        description="Ел / Страна — ISO 3166-1 alpha-2 country code.",
        examples=["KZ", "CN"],
    ),
]
CurrencyCode = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Z]{3}$",
        description="Валюта — ISO 4217 alphabetic currency code.",
        examples=["KZT", "USD"],
    ),
]
# Positive decimal, up to 15 integer digits and 2 fraction digits; zero is refused by the
# look-ahead so "amount > 0" is checked while decoding.
AMOUNT_PATTERN = r"^(?!0+(?:\.0+)?$)(?:0|[1-9]\d{0,14})(?:\.\d{1,2})?$"
Amount = Annotated[
    str,
    msgspec.Meta(
        pattern=AMOUNT_PATTERN,
        description="Сомасы / Сумма — positive decimal string, at most 2 fraction digits.",
        examples=["1250000.00"],
    ),
]
HsCode = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\d{10}$",
        description=(
            "ЕАЭО СЭҚ ТН коды / код ТН ВЭД ЕАЭС — 10-digit code of the EAEU foreign-trade "
            "commodity nomenclature."
        ),
        examples=["8471300000"],
    ),
]
Sha256Hex = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file, 64 lowercase hex digits.",
        examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
    ),
]
AttachmentName = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=255,
        pattern=r"^[^/\\\x00-\x1f\x7f]+(?![\s\S])",
        description="Name of an attachment of the application document that holds the file.",
        examples=["contract.pdf"],
    ),
]
Mass = Annotated[
    float,
    msgspec.Meta(gt=0, description="Mass, kilograms (> 0).", examples=[44.5]),
]
Quantity = Annotated[
    float,
    msgspec.Meta(gt=0, description="Саны / Количество (> 0).", examples=[20]),
]
# Free text never carries control characters. PostgreSQL cannot store NUL at all (a NUL used to
# reach it and fail the request with a 500), and the other C0 controls and DEL (escape
# sequences, backspaces, form feeds) only disguise text on an officer's screen, in a log or in a
# printed document. A single-line field refuses them all; a multi-line one admits tab, line feed
# and carriage return. ``(?![\s\S])`` ends the string strictly (``$`` lets one trailing newline
# through) and reads the same in Python and in ECMAScript, the OpenAPI document's regex dialect.
SINGLE_LINE = r"^[^\x00-\x1f\x7f]*(?![\s\S])"
MULTI_LINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*(?![\s\S])"

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=1000, pattern=MULTI_LINE)]
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=255, pattern=SINGLE_LINE)]
DocumentNumber = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=64,
        pattern=SINGLE_LINE,
        description="Құжаттың нөмірі / Номер документа.",
        examples=["KZ-2025/017"],
    ),
]
Email = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        max_length=254,
        description="Электрондық пошта / Электронная почта.",
        examples=["info@example.kz"],
    ),
]
Phone = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\+?\d{10,15}$",
        description="Телефон — digits only, optional leading '+', e.g. +77172123456.",
        examples=["+77172123456"],
    ),
]

# Members of the Eurasian Economic Union (the former Customs Union, "Кеден одағы"): goods moving
# between them need no customs declaration, and the precious-metals acts (S6, S7) cover trade with
# countries *outside* it.
EAEU_MEMBERS: frozenset[str] = frozenset({"AM", "BY", "KG", "KZ", "RU"})


# --- Structs ------------------------------------------------------------------------------


class Address(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Мекенжай / Адрес."""

    country: Annotated[CountryCode, msgspec.Meta(description="Ел / Страна (ISO 3166-1).")]
    postal_code: (
        Annotated[
            str,
            msgspec.Meta(
                pattern=r"^[A-Za-z0-9 -]{3,10}$",
                description="Пошта индексі / Почтовый индекс.",
                examples=["010000"],
            ),
        ]
        | None
    ) = None
    region: Annotated[ShortText, msgspec.Meta(description="Облыс / Область (регион).")] | None = (
        None
    )
    locality: Annotated[
        ShortText,
        msgspec.Meta(description="Елді мекен / Населённый пункт.", examples=["Астана"]),
    ]
    street: Annotated[
        ShortText,
        msgspec.Meta(description="Көше / Улица (проспект).", examples=["Мәңгілік Ел даңғылы"]),
    ]
    building: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=32,
            pattern=SINGLE_LINE,
            description="Үй / Дом (строение).",
            examples=["8"],
        ),
    ]
    premises: (
        Annotated[
            str,
            msgspec.Meta(
                min_length=1,
                max_length=32,
                pattern=SINGLE_LINE,
                description="Пәтер, кеңсе / Квартира, офис.",
            ),
        ]
        | None
    ) = None


class Contacts(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Байланыс деректері / Контактные данные."""

    email: Email | None = None
    phone: Phone | None = None


class Money(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Ақша сомасы / Денежная сумма: decimal string + ISO 4217 currency."""

    amount: Amount
    currency: CurrencyCode

    @property
    def value(self) -> Decimal:
        return Decimal(self.amount)


class PersonName(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Тегі, аты, әкесінің аты (болған жағдайда) / Фамилия, имя, отчество (при наличии)."""

    surname: Annotated[ShortText, msgspec.Meta(description="Тегі / Фамилия.")]
    given_name: Annotated[ShortText, msgspec.Meta(description="Аты / Имя.")]
    patronymic: (
        Annotated[ShortText, msgspec.Meta(description="Әкесінің аты / Отчество (при наличии).")]
        | None
    ) = None


class Party(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A Kazakhstan party: exactly one of IIN (individual) and BIN (legal entity).

    "Exactly one" is checked by :func:`party_problems` in the form's ``validate_form``, because
    it couples two fields.
    """

    iin: Annotated[Iin, msgspec.Meta(description="ЖСН / ИИН (for an individual).")] | None = None
    bin: Annotated[Bin, msgspec.Meta(description="БСН / БИН (for a legal entity).")] | None = None
    name: Annotated[
        ShortText,
        msgspec.Meta(
            description=(
                "Атауы немесе аты-жөні / Наименование или Ф.И.О. (full name of the legal "
                "entity, or surname, name, patronymic)."
            ),
            examples=['"Дала Трейд" ЖШС'],
        ),
    ]
    address: Annotated[
        Address,
        msgspec.Meta(description="Заңды (нақты) мекенжайы / Юридический (фактический) адрес."),
    ]
    phone: Phone | None = None


class ForeignParty(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A party abroad, which has no IIN/BIN (consignor, consignee, end user)."""

    name: Annotated[ShortText, msgspec.Meta(description="Толық атауы / Полное наименование.")]
    address: Annotated[Address, msgspec.Meta(description="Мекенжайы / Адрес.")]
    phone: Phone | None = None


class DocumentRef(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A document the applicant relies on: its number and date, and optionally the file.

    When ``attachment`` is given it must name an attachment of the application document, and
    ``sha256`` (if given) must equal that attachment's digest; the envelope checks both.
    """

    title: (
        Annotated[ShortText, msgspec.Meta(description="Құжаттың атауы / Наименование документа.")]
        | None
    ) = None
    number: DocumentNumber
    date: Annotated[datetime.date, msgspec.Meta(description="Құжаттың күні / Дата документа.")]
    issuer: Annotated[ShortText, msgspec.Meta(description="Берген орган / Кем выдан.")] | None = (
        None
    )
    attachment: AttachmentName | None = None
    sha256: Sha256Hex | None = None


# --- Helpers for validate_form ------------------------------------------------------------

Problem = tuple[str, str]
"""One consistency problem: (RFC 6901 JSON pointer *inside the form*, message)."""


def to_decimal(amount: str) -> Decimal:
    """The value of an :data:`Amount` (already pattern-checked by msgspec)."""
    return Decimal(amount)


def party_problems(party: Party, pointer: str) -> list[Problem]:
    """Exactly one of IIN and BIN."""
    if party.iin is not None and party.bin is not None:
        return [(pointer, "give either iin or bin, not both")]
    if party.iin is None and party.bin is None:
        return [(pointer, "iin or bin is required")]
    return []


def unique_problems(values: list[str], pointer: str, what: str) -> list[Problem]:
    """Each value at most once (operations, metals, document codes...)."""
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, value in enumerate(values):
        if value in seen:
            problems.append((f"{pointer}/{index}", f"{what} {value!r} is listed twice"))
        seen.add(value)
    return problems
