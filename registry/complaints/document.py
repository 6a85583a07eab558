"""The complaint decision document (kind ``complaint_decision``), built from a BuildContext.

It has the :data:`registry.results.builders.Builder` shape, but no service names it: a
service's ``Service`` names one builder per outcome for the service's own result, and a
complaint decision exists for every service beside it. The decision code, the
complaint and the appealed decision travel in ``context.data`` (keys of :func:`complaint_data`).
Field keys follow the sample in ``testkit/samples.py`` (complaint, appealed_decision,
decision) plus ``level`` and ``request``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from registry.calendar import to_local
from registry.catalogue.model import LocalizedText
from registry.results.builders import BuildContext, base_document
from registry.results.document import DocumentField, ResultDocument

KIND = "complaint_decision"
DecisionCode = Literal["settled", "upheld", "rejected"]

TITLE = LocalizedText(
    kk="Шағымды қарау нәтижелері бойынша шешім",
    ru="Решение по результатам рассмотрения жалобы",
    en="Decision on a complaint",
)
DECISIONS: dict[DecisionCode, LocalizedText] = {
    "settled": LocalizedText(
        kk="Шағымдағы талап қанағаттандырылды, шағым реттелді",
        ru="Требование жалобы удовлетворено, жалоба урегулирована",
        en="The complaint's request is granted; the complaint is settled",
    ),
    "upheld": LocalizedText(
        kk="Шағым қанағаттандырылды, шешім қайта қабылдануға тиіс",
        ru="Жалоба удовлетворена, решение подлежит повторному принятию",
        en="Complaint upheld; the decision is to be taken again",
    ),
    "rejected": LocalizedText(
        kk="Шағым қанағаттандырусыз қалдырылды",
        ru="Жалоба оставлена без удовлетворения",
        en="Complaint rejected",
    ),
}
LEVELS: dict[str, LocalizedText] = {
    "provider": LocalizedText(
        kk="Көрсетілетін қызметті берушінің басшысына",
        ru="Руководителю услугодателя",
        en="To the provider's head",
    ),
    "authority": LocalizedText(
        kk="Мемлекеттік қызметтер көрсету сапасын бақылау жөніндегі уәкілетті органға",
        ru="В уполномоченный орган по оценке и контролю за качеством оказания госуслуг",
        en="To the authorised quality-control body",
    ),
}
_LABELS: dict[str, LocalizedText] = {
    "complaint": LocalizedText(
        kk="Шағымның нөмірі мен күні", ru="Номер и дата жалобы", en="Complaint"
    ),
    "level": LocalizedText(kk="Шағым берілген орган", ru="Кому подана жалоба", en="Filed"),
    "request": LocalizedText(
        kk="Шағым берушінің талабы", ru="Требование заявителя жалобы", en="Request"
    ),
    "appealed_decision": LocalizedText(
        kk="Шағымданған шешім", ru="Обжалуемое решение", en="Appealed decision"
    ),
    "decision": LocalizedText(kk="Шешім", ru="Решение", en="Decision"),
}


def complaint_data(
    *,
    decision: DecisionCode,
    number: str,
    received_at: datetime,
    level: str,
    request: str,
    appealed: str | None,
) -> dict[str, Any]:
    """What :func:`complaint_decision` reads from ``BuildContext.data``."""
    return {
        "decision": decision,
        "complaint_number": number,
        "complaint_date": to_local(received_at).strftime("%d.%m.%Y"),
        "level": level,
        "request": request,
        "appealed_decision": appealed,
    }


def _field(key: str, value: str | LocalizedText) -> DocumentField:
    return DocumentField(key=key, label=_LABELS[key], value=value)


def complaint_decision(context: BuildContext) -> ResultDocument:
    """The decision document of a complaint on ``context``'s application."""
    data = context.data
    decision: DecisionCode = data["decision"]
    fields = [
        _field("complaint", f"№ {data['complaint_number']}, {data['complaint_date']}"),
        _field("level", LEVELS[data["level"]]),
        _field("request", str(data["request"])),
    ]
    if data.get("appealed_decision"):
        fields.append(_field("appealed_decision", str(data["appealed_decision"])))
    fields.append(_field("decision", DECISIONS[decision]))
    return base_document(context, TITLE, fields=fields, explanation=context.text)
