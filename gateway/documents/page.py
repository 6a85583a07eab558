"""The small bilingual (kk/ru) HTML page the QR code of an issued document opens.

Server-rendered, no scripts, no external resources: it must work on any phone browser. Every
value is HTML-escaped (names and numbers come from documents and certificates).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gateway.documents.verify import IssuedDocumentReport
    from gateway.problem_titles import Language
    from signing import SignatureReport

ALMATY = timezone(timedelta(hours=5))
KINDS = {"pdf": "PDF (PAdES)", "xml": "XML (XAdES)"}
# A result document's kind as a person reads it (kk / ru); the code is the XML's ``kind``.
RESULT_KINDS: dict[str, tuple[str, str]] = {
    "reexport_permit": ("Реэкспортқа рұқсат", "Разрешение на реэкспорт"),
    "motivated_refusal": ("Дәлелді бас тарту", "Мотивированный отказ"),
    "refusal_to_accept": ("Құжаттарды қабылдаудан бас тарту", "Отказ в приёме документов"),
    "customs_release": ("Тауарларды шығару туралы шешім", "Решение о выпуске товаров"),
    "customs_release_refusal": ("Тауарларды шығарудан бас тарту", "Отказ в выпуске товаров"),
    "registration_refusal": ("Тіркеуден бас тарту", "Отказ в регистрации"),
    "declarant_certificate": (
        "Кеден өкілінің маманы біліктілік куәлігі",
        "Квалификационное свидетельство специалиста таможенного представителя",
    ),
    "pm_certificate": ("Бағалы металдар сертификаты", "Сертификат на драгоценные металлы"),
    "pm_conclusion": ("Бағалы металдар бойынша қорытынды", "Заключение по драгоценным металлам"),
    "pm_act": ("Бағалы металдарды сараптау актісі", "Акт экспертизы драгоценных металлов"),
    "applicant_not_found": (
        "Өтініш беруші табылмады туралы хабарлама",
        "Уведомление об отсутствии заявителя",
    ),
    "complaint_decision": ("Шағым бойынша шешім", "Решение по жалобе"),
}
# ETSI EN 319 102-1 indications, said to a person (kk / ru).
VERDICTS: dict[str, tuple[str, str]] = {
    "TOTAL-PASSED": ("Қолтаңба расталды", "Подпись подтверждена"),
    "TOTAL-FAILED": ("Қолтаңба расталмады", "Подпись не подтверждена"),
    "INDETERMINATE": ("Қолтаңбаны тексеру аяқталмады", "Проверка подписи не завершена"),
}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;"
    "color:#222}.ok{color:#146c2e}.bad{color:#b3261e}dt{color:#666;font-size:.85rem}"
    "dd{margin:0 0 .6rem 0}section{border-top:1px solid #ddd;padding-top:.5rem}"
)


def _time(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    # Local time with its zone, as the printed document shows it.
    return moment.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M:%S") + " (UTC+05:00, Астана)"


def _row(kk: str, ru: str, value: str) -> str:
    return f"<dt>{kk} / {ru}</dt><dd>{escape(value)}</dd>"


def _signature(signature: SignatureReport) -> str:
    signer = signature.signer
    name = "—" if signer is None else (signer.name or "—")
    iin = "—" if signer is None else (signer.iin or signer.bin or "—")
    organisation = "—" if signer is None or signer.organisation is None else signer.organisation
    kk, ru = VERDICTS.get(signature.indication, (signature.indication, signature.indication))
    verdict = f"{kk} / {ru} ({signature.indication}" + (
        f", {signature.sub_indication})" if signature.sub_indication else ")"
    )
    return (
        _row("Қол қойған", "Подписал", name)
        + _row("ЖСН/БСН", "ИИН/БИН", iin)
        + _row("Ұйым", "Организация", organisation)
        + _row("Қол қойылған уақыт", "Время подписания", _time(signature.signing_time))
        + _row("Уақыт белгісі", "Метка времени", _time(signature.timestamp_time))
        + _row("Деңгейі", "Уровень", signature.level or "—")
        + _row("Қайтарып алу", "Отзыв", signature.revocation)
        + _row("Нәтиже", "Результат", verdict)
    )


def _kind(code: str) -> str:
    kk, ru = RESULT_KINDS.get(code, (code, code))
    return f"{kk} / {ru}"


def _head(title: str) -> str:
    return (
        '<!doctype html><html lang="kk"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
    )


def render_problem_page(problem: dict[str, Any], titles: Mapping[Language, str]) -> str:
    """A problem document as a page for a browser: the kk and ru titles, the code and id."""
    parts = [
        _head(titles["ru"]),
        f'<h1 class="bad">{escape(titles["kk"])}<br>{escape(titles["ru"])}</h1>',
        f"<p>{escape(str(problem.get('detail', '')))}</p><dl>",
        _row("Қате коды", "Код ошибки", str(problem.get("code", ""))),
        _row("HTTP", "HTTP", str(problem.get("status", ""))),
    ]
    if problem.get("request_id"):
        parts.append(_row("Сұрау ID", "ID запроса", str(problem["request_id"])))
    parts.append("</dl></body></html>")
    return "".join(parts)


def render_page(report: IssuedDocumentReport) -> str:
    """The whole page for ``report``."""
    if report.valid:
        headline = '<h1 class="ok">Құжат жарамды / Документ действителен</h1>'
    else:
        headline = '<h1 class="bad">Құжат жарамсыз / Документ недействителен</h1>'
    title_kk, title_ru = report.title.get("kk", ""), report.title.get("ru", "")
    parts = [
        _head(report.number),
        headline,
        f"<p>{escape(title_kk)}<br>{escape(title_ru)}</p><dl>",
        _row("Нөмірі", "Номер", report.number),
        _row("Түрі", "Вид", _kind(report.kind)),
        _row(
            "Берілген күні",
            "Дата выдачи",
            "—" if report.issued_on is None else report.issued_on.strftime("%d.%m.%Y"),
        ),
        "</dl>",
    ]
    for file in report.documents:
        ok = file.report.valid
        status = "жарамды / действителен" if ok else "жарамсыз / недействителен"
        parts.append(
            f'<section><h2 class="{"ok" if ok else "bad"}">'
            f"{escape(KINDS.get(file.kind, file.kind))}: {status}</h2><dl>"
        )
        parts.append(_row("SHA-256", "SHA-256", file.sha256))
        parts.extend(_signature(signature) for signature in file.report.signatures)
        parts.append("</dl></section>")
    parts.append("</body></html>")
    return "".join(parts)
