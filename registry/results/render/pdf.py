"""The printed form of a result document: an A4 PDF, Kazakh first, then Russian.

Generator: fpdf2 (py-pdf project, LGPL-3.0, released every few months). It is pure Python
(fontTools underneath, no system libraries, so the worker and CI need nothing from apt), embeds
TrueType fonts as subsetted CID fonts with a ``ToUnicode`` map (Kazakh text is drawn and stays
extractable and searchable), lays out tables that break across pages and repeat their header,
and writes a plain cross-reference-table PDF that pyHanko signs by incremental update (checked
in the tests with pyHanko in strict mode). ReportLab (BSD) would also do; fpdf2 needs less code
for this layout and its output is reproducible without special modes. WeasyPrint was ruled out:
it pulls Pango and Cairo from the system.

The font is DejaVu Sans, vendored in ``fonts/`` with its licence, so the output does not depend
on what the machine has installed; it covers every Kazakh letter (ә ғ қ ң ө ұ ү һ і and the
capitals). Each font file is parsed once per process; every PDF gets its own copy of the parsed
font (:mod:`registry.results.render.fontcache`) and embeds its own subset. The output is
deterministic for the same document: the creation date comes from ``issued_on``, the file
identifier from the content, the QR code is vector drawing.

No signature field is added: the PAdES signer (pyHanko) adds its own. Room is left under the
signer's name, and :func:`render_pdf_layout` says where, for a signer that wants a visible
signature appearance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from fpdf import FPDF
from fpdf.fonts import FontFace

from registry.catalogue.model import LocalizedText
from registry.results.document import (
    DocumentField,
    DocumentSigner,
    DocumentTable,
    ResultDocument,
)
from registry.results.render import fontcache
from registry.results.render import text as t
from registry.results.render.pdf_blocks import (
    FONT,
    FONT_DIR,
    LABEL_STYLE,
    VALUE_STYLE,
    data_table,
    heading,
    lines,
)
from registry.results.render.qr import draw_qr

# Named here too: callers and tests find the form's font with the renderer.
__all__ = [
    "FONT",
    "FONT_DIR",
    "MissingGlyphsError",
    "RenderedPdf",
    "SignatureBox",
    "render_pdf",
    "render_pdf_layout",
]

ALMATY = t.ALMATY
PT_PER_MM = 72 / 25.4

QR_SIZE = 32.0  # mm, about 1.25 in: readable by a phone camera at arm's length
SIGNATURE_HEIGHT = 20.0  # mm left blank under the signer for a visible signature appearance
SIGNATURE_WIDTH = 90.0


@dataclass(frozen=True)
class SignatureBox:
    """Where the blank signature area is: 0-based page, box in PDF points (origin bottom left).

    This is the form pyHanko's ``SigFieldSpec(on_page=page, box=box)`` takes.
    """

    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class RenderedPdf:
    """The PDF bytes with what a signer may want to know about the layout."""

    data: bytes
    pages: int
    signature_box: SignatureBox


class _Form(FPDF):
    """fpdf2 with our footer: page number, document number and the verification URL."""

    def __init__(self, document: ResultDocument) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document

    def normalize_text(self, text: str) -> str:
        """Every string fpdf2 draws passes here: normalise control characters first."""
        return super().normalize_text(t.printable(text))

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, "", 7)
        self.set_text_color(90, 90, 90)
        page = f"{t.PAGE.kk} / {t.PAGE.ru} {self.page_no()}/{{nb}}"
        lines(self, 0, 3.5, f"{page}    № {self.document.number}    {self.document.id}")
        if self.document.verify_url:
            line = f"{t.bilingual(t.VERIFY, ' / ')}: {self.document.verify_url}"
            lines(self, 0, 3.5, line)


def render_pdf(document: ResultDocument) -> bytes:
    """The unsigned PDF of ``document``."""
    return render_pdf_layout(document).data


def render_pdf_layout(document: ResultDocument) -> RenderedPdf:
    """The unsigned PDF plus where its blank signature area is.

    A signature block that no longer fits its page would stand alone on the next one, a page
    an official would not sign; the document is then laid out again with its last section
    moved to that page too, so the signature is always under some of the text it signs.
    """
    rendered, signer_alone = _render(document, last_section_on_new_page=False)
    if signer_alone:
        rendered, _ = _render(document, last_section_on_new_page=True)
    return rendered


Section = Callable[[FPDF], None]


def _render(
    document: ResultDocument, *, last_section_on_new_page: bool
) -> tuple[RenderedPdf, bool]:
    pdf = _new_pdf(document)
    _header(pdf, document)
    _particulars(pdf, document)
    _addressee(pdf, document)
    _application(pdf, document)
    sections = _sections(document)
    for index, section in enumerate(sections):
        if last_section_on_new_page and index == len(sections) - 1:
            pdf.add_page()
        section(pdf)
    box, signer_alone = _signer(pdf, document.signer)
    data = bytes(pdf.output())
    _refuse_missing_glyphs(pdf)
    return RenderedPdf(data=data, pages=pdf.pages_count, signature_box=box), signer_alone


def _sections(document: ResultDocument) -> list[Section]:
    """The body after the particulars, in the official form's order, empty parts left out:
    the fields with each table after the field it follows (``DocumentTable.after``), then the
    grounds, the explanation and the instructions."""
    sections: list[Section] = []
    placed = {table.after for table in document.tables if table.after is not None}
    run: list[DocumentField] = []
    for field in document.fields:
        run.append(field)
        if field.key in placed:
            sections.append(_fields_section(run))
            run = []
            sections += [_table_section(tb) for tb in document.tables if tb.after == field.key]
    if run:
        sections.append(_fields_section(run))
    known = {field.key for field in document.fields}
    sections += [_table_section(tb) for tb in document.tables if tb.after not in known]
    if document.grounds:
        sections.append(lambda pdf: _grounds(pdf, document))
    for label, body in (
        (t.EXPLANATION, document.explanation),
        (t.INSTRUCTIONS, document.instructions),
    ):
        if body:
            sections.append(_paragraph_section(label, body))
    return sections


def _paragraph_section(label: LocalizedText, body: str) -> Section:
    return lambda pdf: _paragraph(pdf, label, body)


def _fields_section(fields: list[DocumentField]) -> Section:
    return lambda pdf: _fields(pdf, fields)


def _table_section(table: DocumentTable) -> Section:
    return lambda pdf: data_table(pdf, table)


class MissingGlyphsError(ValueError):
    """The document has characters the font cannot draw; fpdf2 would silently leave gaps."""


def _refuse_missing_glyphs(pdf: FPDF) -> None:
    """A legal document must not lose characters: fail instead of printing a gap."""
    missing = sorted(
        {chr(code) for font in pdf.fonts.values() for code in getattr(font, "missing_glyphs", [])}
    )
    if missing:
        shown = ", ".join(f"U+{ord(char):04X}" for char in missing)
        raise MissingGlyphsError(f"the font has no glyph for {shown}")


def _new_pdf(document: ResultDocument) -> _Form:
    pdf = _Form(document)
    fontcache.add_font(pdf, FONT, "", FONT_DIR / "DejaVuSans.ttf")
    fontcache.add_font(pdf, FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_margins(left=15, top=15, right=15)
    pdf.set_auto_page_break(auto=True, margin=22)
    # Deterministic, and never after the signature (pyHanko's modification date): the decision
    # time, or the start of the issue day in Astana.
    pdf.set_creation_date(
        document.decided_at or datetime.combine(document.issued_on, time(0, 0), tzinfo=ALMATY)
    )
    pdf.set_title(f"{document.title.kk} / {document.title.ru} № {document.number}")
    pdf.set_author(document.provider.ru)
    pdf.set_subject(document.kind)
    pdf.set_creator("Qaqpa")
    pdf.set_lang("kk-KZ")
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, document: ResultDocument) -> None:
    """Provider at the top left, the QR code at the top right, then the title."""
    top = pdf.get_y()
    text_width = pdf.epw - (QR_SIZE + 4 if document.verify_url else 0)
    if document.verify_url:
        draw_qr(pdf, document.verify_url, pdf.w - pdf.r_margin - QR_SIZE, top, QR_SIZE)
    pdf.set_font(FONT, "B", 9)
    lines(pdf, text_width, 4.5, document.provider.kk)
    pdf.ln(1)
    pdf.set_font(FONT, "", 9)
    lines(pdf, text_width, 4.5, document.provider.ru)
    bottom = top + QR_SIZE if document.verify_url else pdf.get_y()
    pdf.set_y(max(pdf.get_y(), bottom) + 5)
    pdf.set_font(FONT, "B", 13)
    lines(pdf, 0, 6.5, document.title.kk, "C")
    pdf.set_font(FONT, "B", 11)
    lines(pdf, 0, 6, document.title.ru, "C")
    pdf.ln(4)


def _particulars(pdf: FPDF, document: ResultDocument) -> None:
    rows: list[tuple[LocalizedText, str]] = [
        (t.NUMBER, document.number),
        (t.ISSUED_ON, t.format_date(document.issued_on)),
    ]
    if document.valid_until is not None:
        rows.append((t.VALID_UNTIL, t.format_date(document.valid_until)))
    if document.decided_at is not None:
        rows.append((t.DECIDED_AT, t.format_datetime(document.decided_at)))
    _labelled_rows(pdf, rows)


def _addressee(pdf: FPDF, document: ResultDocument) -> None:
    party = document.addressee
    rows: list[tuple[LocalizedText, str]] = [(t.NAME, party.name)]
    for label, value in (
        (t.IIN, party.iin),
        (t.BIN, party.bin),
        (t.ADDRESS, party.address),
        (t.COUNTRY, party.country),
    ):
        if value:
            rows.append((label, value))
    heading(pdf, t.ADDRESSEE)
    _labelled_rows(pdf, rows)


def _application(pdf: FPDF, document: ResultDocument) -> None:
    parts = []
    if document.application_number:
        parts.append(f"№ {document.application_number}")
    if document.application_date is not None:
        parts.append(t.format_date(document.application_date))
    rows: list[tuple[LocalizedText, str]] = []
    if parts:
        rows.append((t.APPLICATION, ", ".join(parts)))
    rows.append((t.APPLICATION_ID, str(document.application_id)))
    _labelled_rows(pdf, rows)


def _fields(pdf: FPDF, fields: list[DocumentField]) -> None:
    if fields:
        _labelled_rows(pdf, [(field.label, t.value_text(field.value)) for field in fields])


def _labelled_rows(pdf: FPDF, rows: list[tuple[LocalizedText, str]]) -> None:
    """A two-column table: the bilingual label on the left, the value on the right."""
    with pdf.table(
        col_widths=(0.38, 0.62),
        first_row_as_headings=False,
        text_align="LEFT",
        v_align="TOP",
        line_height=3.7,
        padding=0.9,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(t.bilingual(label), style=LABEL_STYLE)
            row.cell(value, style=VALUE_STYLE)
    pdf.ln(2)


def _grounds(pdf: FPDF, document: ResultDocument) -> None:
    if not document.grounds:
        return
    heading(pdf, t.GROUNDS)
    for index, ground in enumerate(document.grounds, start=1):
        pdf.set_font(FONT, "B", 9)
        lines(pdf, 0, 4.6, f"{index}. [{ground.code}]")
        pdf.set_font(FONT, "", 10)
        lines(pdf, 0, 4.6, t.bilingual(ground.text))
        pdf.ln(1.5)
    pdf.ln(2)


def _paragraph(pdf: FPDF, label: LocalizedText, body: str | None) -> None:
    if not body:
        return
    heading(pdf, label)
    pdf.set_font(FONT, "", 10)
    lines(pdf, 0, 4.8, body)
    pdf.ln(3)


def _signer(pdf: FPDF, signer: DocumentSigner | None) -> tuple[SignatureBox, bool]:
    """Position and name, the EDS line, and the blank area reserved for the signature; and
    whether the block had to start a page of its own."""
    alone = pdf.will_page_break(20 + SIGNATURE_HEIGHT)
    if alone:
        pdf.add_page()
    pdf.ln(3)
    if signer is None:
        _labelled_rows(pdf, [(t.SIGNER, t.bilingual(t.NOT_SIGNED_YET))])
    else:
        with pdf.table(
            col_widths=(0.6, 0.4),
            first_row_as_headings=False,
            text_align="LEFT",
            v_align="BOTTOM",
            line_height=4.8,
            padding=1.2,
            borders_layout="NONE",
        ) as table:
            row = table.row()
            row.cell(t.bilingual(signer.position), style=VALUE_STYLE)
            row.cell(signer.name, style=FontFace(family=FONT, emphasis="B", size_pt=10))
        pdf.set_font(FONT, "", 8)
        pdf.set_text_color(70, 70, 70)
        lines(pdf, 0, 4, t.bilingual(t.SIGNED_WITH_EDS, " / "))
        pdf.set_text_color(0, 0, 0)
    top = pdf.get_y() + 2
    x1 = pdf.l_margin * PT_PER_MM
    x2 = (pdf.l_margin + SIGNATURE_WIDTH) * PT_PER_MM
    y1 = (pdf.h - top - SIGNATURE_HEIGHT) * PT_PER_MM
    y2 = (pdf.h - top) * PT_PER_MM
    pdf.set_y(top + SIGNATURE_HEIGHT)
    return SignatureBox(page=pdf.page_no() - 1, box=(x1, y1, x2, y2)), alone
