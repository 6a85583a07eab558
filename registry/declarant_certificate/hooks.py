"""S2: a candidate who failed the exam may re-apply no earlier than one month after it.

The registration hook refuses such an application automatically (ground
``reapplication_too_early``, straight to the signer like the precious-metals not-found notice);
how the month is counted is in :mod:`registry.declarant_certificate.retake`.
"""

from __future__ import annotations

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from registry.declarant_certificate import certificate
from registry.declarant_certificate.retake import early_retake
from registry.declarant_certificate.service import TOO_EARLY_GROUND
from registry.models import Application
from registry.statedb.interface import StateDatabase
from registry.workflow.actors import Decision

# The exam facts a certificate or an exam refusal prints come from the exam module only.
SYSTEM_DATA_KEYS = frozenset(
    field.name
    for facts in (certificate.CertificateFacts, certificate.ExamOutcomeFacts)
    for field in msgspec.structs.fields(facts)
)


async def refuse_early_retake(
    session: AsyncSession, application: Application, statedb: StateDatabase
) -> tuple[str, Decision | None]:
    applied_at = application.registered_at or application.received_at
    early = None
    if application.applicant_iin is not None:
        early = await early_retake(session, application.applicant_iin, applied_at)
    if early is None:
        return "register", None
    facts = certificate.ExamOutcomeFacts(exam_date=early.failed_on, retake_from=early.allowed_from)
    return "refuse_retake", Decision(
        grounds=[TOO_EARLY_GROUND.code],
        text=(f"Емтихан / экзамен {early.failed_on:%d.%m.%Y}: тапсырылмады / не сдан"),
        instructions=(
            f"Қайта жүгіну {early.allowed_from:%d.%m.%Y} бастап / "
            f"Повторное обращение с {early.allowed_from:%d.%m.%Y}"
        ),
        data=msgspec.to_builtins(facts),
    )
