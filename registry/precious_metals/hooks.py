"""S3–S7: the applicant must exist in the state databases (003, 4-рәсім / 2-шарт).

An applicant the state databases do not know (or know as liquidated/deceased) gets the
``applicant_not_found`` notice — a refusal on the ground ``applicant_data_unavailable`` — which
goes straight to the signer: no executor reviews it.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Application
from registry.precious_metals.service import NOT_FOUND_GROUND
from registry.statedb.applicant import find_applicant
from registry.statedb.interface import StateDatabase
from registry.workflow.actors import Decision


async def check_applicant_exists(
    session: AsyncSession, application: Application, statedb: StateDatabase
) -> tuple[str, Decision | None]:
    found = await find_applicant(
        statedb, iin=application.applicant_iin, bin=application.applicant_bin
    )
    if found is not None:
        return "register", None
    number = application.applicant_bin or application.applicant_iin
    return "refuse_not_found", Decision(
        grounds=[NOT_FOUND_GROUND.code],
        data={"kind": "applicant_not_found"},
        text=f"{number}: ЖТ МД / ЗТ МД деректері жоқ / нет данных в ГБД ФЛ / ГБД ЮЛ",
    )
