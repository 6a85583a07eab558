"""The small bilingual (kk/ru) HTML page the QR code of an issued document opens.

Server-rendered, no scripts, no external resources: it must work on any phone browser. Every
value is HTML-escaped (names and numbers come from documents and certificates).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gateway.documents.verify import IssuedDocumentReport
    from signing import SignatureReport

ALMATY = timezone(timedelta(hours=5))
KINDS = {"pdf": "PDF (PAdES)", "xml": "XML (XAdES)"}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;"
    "color:#222}.ok{color:#146c2e}.bad{color:#b3261e}dt{color:#666;font-size:.85rem}"
    "dd{margin:0 0 .6rem 0}section{border-top:1px solid #ddd;padding-top:.5rem}"
)


def _time(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M:%S")


def _row(kk: str, ru: str, value: str) -> str:
    return f"<dt>{kk} / {ru}</dt><dd>{escape(value)}</dd>"


def _signature(signature: SignatureReport) -> str:
    signer = signature.signer
    name = "—" if signer is None else (signer.name or "—")
    iin = "—" if signer is None else (signer.iin or signer.bin or "—")
    organisation = "—" if signer is None or signer.organisation is None else signer.organisation
    verdict = signature.indication + (
        f" / {signature.sub_indication}" if signature.sub_indication else ""
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


def render_page(report: IssuedDocumentReport) -> str:
    """The whole page for ``report``."""
    if report.valid:
        headline = '<h1 class="ok">Құжат жарамды / Документ действителен</h1>'
    else:
        headline = '<h1 class="bad">Құжат жарамсыз / Документ недействителен</h1>'
    title_kk, title_ru = report.title.get("kk", ""), report.title.get("ru", "")
    parts = [
        '<!doctype html><html lang="kk"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(report.number)}</title><style>{STYLE}</style></head><body>",
        headline,
        f"<p>{escape(title_kk)}<br>{escape(title_ru)}</p><dl>",
        _row("Нөмірі", "Номер", report.number),
        _row("Түрі", "Вид", report.kind),
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
