"""Box 36: the classifier of preferences a declaration may claim (``customs_preferences``).

A preference changes what the declarant pays, so the code is checked three times: intake
refuses a code the classifier does not know (400 ``validation_error``), the format-and-logic
control refuses it again (the classifier may change between intake and registration), and the
assessment exempts a payment only for a known code marked ``exempts``. Whether the preference
is due is never decided automatically: the risk system sends every declaration that claims one
to documentary control (registry.customs_release.risk.selection).

Operators extend the classifier with ``qaqpa customs preferences add`` (the migration seeds
only the codes we are sure of).
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import LocalizedText
from registry.customs_release.forms import CustomsReleaseForm
from registry.errors import DomainError, Kind
from registry.models import CustomsPreference

MAX_CODE = 8  # the form's box-36 code and the table's column


class PreferenceView(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    name: LocalizedText
    exempts: bool
    source: str
    added_by: str


class PreferenceExistsError(DomainError):
    """The classifier already has this code (codes are never redefined in place)."""

    code = "preference_exists"
    kind = Kind.CONFLICT


class ClaimedPreference(msgspec.Struct, frozen=True, kw_only=True):
    """One box-36 claim: where it is in the form and what it claims."""

    pointer: str  # RFC 6901, relative to the form
    item_number: int
    payment_type_code: str
    code: str


def claimed(form: CustomsReleaseForm) -> list[ClaimedPreference]:
    """Every preference the declaration claims, in form order."""
    return [
        ClaimedPreference(
            pointer=f"/goods/{index}/preferences/{position}/code",
            item_number=item.item_number,
            payment_type_code=preference.payment_type_code,
            code=preference.code,
        )
        for index, item in enumerate(form.goods)
        for position, preference in enumerate(item.preferences)
    ]


async def classifier(session: AsyncSession) -> dict[str, bool]:
    """The known codes, each with whether it exempts the payment it is claimed for."""
    rows = await session.execute(select(CustomsPreference.code, CustomsPreference.exempts))
    return {code: exempts for code, exempts in rows.all()}


def unknown_claims(form: CustomsReleaseForm, known: Mapping[str, bool]) -> list[ClaimedPreference]:
    return [claim for claim in claimed(form) if claim.code not in known]


async def unknown_preference_problems(
    session: AsyncSession, form: CustomsReleaseForm
) -> list[tuple[str, str]]:
    """(pointer relative to the form, message) for each code the classifier does not know;
    reads nothing when the form claims no preference."""
    if not claimed(form):
        return []
    return [
        (claim.pointer, f"{claim.code!r} is not a code of the classifier of preferences (box 36)")
        for claim in unknown_claims(form, await classifier(session))
    ]


def _view(row: CustomsPreference) -> PreferenceView:
    return PreferenceView(
        code=row.code,
        name=msgspec.convert(row.name, LocalizedText),
        exempts=row.exempts,
        source=row.source,
        added_by=row.added_by,
    )


async def list_preferences(session: AsyncSession) -> list[PreferenceView]:
    rows = await session.scalars(select(CustomsPreference).order_by(CustomsPreference.code))
    return [_view(row) for row in rows]


async def add_preference(
    session: AsyncSession,
    code: str,
    name: LocalizedText,
    *,
    exempts: bool,
    source: str,
    actor: str,
) -> PreferenceView:
    """Add ``code`` to the classifier; :class:`PreferenceExistsError` when it is there."""
    code = code.strip()
    if not 1 <= len(code) <= MAX_CODE:
        raise ValueError(f"a preference code has 1 to {MAX_CODE} characters")
    row = await session.scalar(
        pg_insert(CustomsPreference)
        .values(
            code=code,
            name=msgspec.to_builtins(name),
            exempts=exempts,
            source=source,
            added_by=actor,
        )
        .on_conflict_do_nothing(index_elements=["code"])
        .returning(CustomsPreference)
    )
    if row is None:
        raise PreferenceExistsError(f"the classifier already has the code {code!r}")
    return _view(row)
