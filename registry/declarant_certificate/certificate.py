"""The S2 documents: the qualification certificate, and refusals that state the exam's facts.

The certificate (kind ``declarant_certificate``) shows the certificate and badge numbers, the
exam protocol's number and date, the score, the holder's name and IIN and the validity. Its
facts come from the exam module (the decision's ``data`` is :class:`CertificateFacts`), never
from an officer's free input: ``pass`` is the software's transition.

**Validity**: 001 names a validity period (annex 1, column 7) but not its length; the order
that fixes it (No. 238) is not among the seeds. :data:`VALIDITY_YEARS` = 5 follows the shared
document sample (testkit/samples.py) and is one constant to change.

Refusals of S2 are the generic motivated refusal; those on the exam's grounds (``exam_failed``,
``reapplication_too_early``, decided by the software) add the failed exam's date, score and
protocol and the date from which a new application is accepted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import msgspec

from registry.catalogue.model import LocalizedText as T
from registry.declarant_certificate.retake import add_months
from registry.declarant_certificate.service import EXAM_FAILED_GROUND, TOO_EARLY_GROUND
from registry.results.builders import BuildContext, approval, motivated_refusal
from registry.results.document import DocumentField, ResultDocument

KIND = "declarant_certificate"
VALIDITY_YEARS = 5
# The refusals whose facts the exam module supplies (a failed exam, a retake too early).
EXAM_GROUNDS = frozenset({EXAM_FAILED_GROUND.code, TOO_EARLY_GROUND.code})


def valid_until(issued: date) -> date:
    return add_months(issued, 12 * VALIDITY_YEARS)


class CertificateFacts(msgspec.Struct, frozen=True, kw_only=True):
    """What the exam module puts in the ``pass`` decision's data."""

    certificate_number: str
    badge_number: str
    protocol_number: str
    protocol_date: date
    correct: int
    total: int
    score_percent: Decimal
    holder_name: str
    holder_iin: str
    valid_until: date


class ExamOutcomeFacts(msgspec.Struct, frozen=True, kw_only=True):
    """What a refusal of S2 may carry: the failed exam and when a retake is allowed."""

    correct: int | None = None
    total: int | None = None
    score_percent: Decimal | None = None
    protocol_number: str | None = None
    protocol_date: date | None = None
    exam_date: date | None = None
    retake_from: date | None = None


LABELS: dict[str, T] = {
    "certificate_number": T(kk="Аттестат нөмірі", ru="Номер аттестата", en="Certificate number"),
    "badge_number": T(kk="Бейдж нөмірі", ru="Номер бейджа", en="Badge number"),
    "exam_protocol": T(
        kk="Емтихан хаттамасының нөмірі мен күні",
        ru="Номер и дата протокола экзамена",
        en="Exam protocol number and date",
    ),
    "exam_score": T(kk="Емтихан нәтижесі", ru="Результат экзамена", en="Exam result"),
    "holder_name": T(kk="Маманның аты-жөні", ru="Ф.И.О. специалиста", en="Specialist"),
    "holder_iin": T(kk="ЖСН", ru="ИИН", en="IIN"),
    "valid_until": T(kk="Қолданылу мерзімі", ru="Срок действия", en="Valid until"),
    "exam_date": T(kk="Емтихан күні", ru="Дата экзамена", en="Exam date"),
    "retake_from": T(
        kk="Қайта жүгіну мүмкін болатын күн",
        ru="Повторное обращение возможно с",
        en="A new application is accepted from",
    ),
}


def field(key: str, value: str) -> DocumentField:
    return DocumentField(key=key, label=LABELS[key], value=value)


def score_text(correct: int, total: int, percent: Decimal) -> str:
    return f"{percent} % ({correct} / {total})"


def protocol_text(number: str, day: date) -> str:
    return f"№ {number}, {day:%d.%m.%Y}"


def certificate(context: BuildContext) -> ResultDocument:
    facts = msgspec.convert(context.data, CertificateFacts)
    return msgspec.structs.replace(
        approval(context),  # title, numbers, addressee, dates
        fields=[
            field("certificate_number", facts.certificate_number),
            field("badge_number", facts.badge_number),
            field("exam_protocol", protocol_text(facts.protocol_number, facts.protocol_date)),
            field("exam_score", score_text(facts.correct, facts.total, facts.score_percent)),
            field("holder_name", facts.holder_name),
            field("holder_iin", facts.holder_iin),
            field("valid_until", facts.valid_until.isoformat()),
        ],
        valid_until=facts.valid_until,
    )


def refusal(context: BuildContext) -> ResultDocument:
    document = motivated_refusal(context)
    if not EXAM_GROUNDS.intersection(context.grounds):
        return document  # an officer's refusal states no exam facts
    facts = msgspec.convert(context.data, ExamOutcomeFacts)
    fields: list[DocumentField] = []
    if facts.exam_date is not None:
        fields.append(field("exam_date", facts.exam_date.isoformat()))
    if facts.protocol_number is not None and facts.protocol_date is not None:
        fields.append(
            field("exam_protocol", protocol_text(facts.protocol_number, facts.protocol_date))
        )
    if facts.correct is not None and facts.total is not None and facts.score_percent is not None:
        fields.append(
            field("exam_score", score_text(facts.correct, facts.total, facts.score_percent))
        )
    if facts.retake_from is not None:
        fields.append(field("retake_from", facts.retake_from.isoformat()))
    return msgspec.structs.replace(document, fields=[*document.fields, *fields])
