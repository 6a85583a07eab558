"""The font is parsed once per process, yet every PDF embeds its own subset: documents rendered
one after the other, or at the same time in threads, do not see each other's glyphs."""

from __future__ import annotations

import io
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import msgspec
import pytest
from fpdf import FPDF
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, PdfObject, StreamObject

from registry.catalogue.model import LocalizedText
from registry.results.document import DocumentField, Party, ResultDocument
from registry.results.render import MissingGlyphsError, fontcache, render_pdf
from registry.results.render.pdf import FONT, FONT_DIR
from testkit.samples import sample_documents
from tests.documents.documents_helpers import KAZAKH_LETTERS, pdf_text, squash

SAMPLES = sample_documents()
GREEK = "ΨΩΔλ"  # DejaVu draws Greek; nothing else in these documents uses it


def _plain_add_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    pdf.add_font(family, style, str(path))


def _uncached(document: ResultDocument, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The PDF as fpdf2's own add_font makes it: the font parsed afresh for this document."""
    with monkeypatch.context() as patch:
        patch.setattr(fontcache, "add_font", _plain_add_font)
        return render_pdf(document)


def _document(name: str, note: str) -> ResultDocument:
    return ResultDocument(
        id=uuid.uuid5(uuid.NAMESPACE_URL, name),
        kind="applicant_not_found",
        service="customs-release",
        title=LocalizedText(kk="Хабарлама", ru="Уведомление", en="Notice"),
        number=name,
        issued_on=date(2026, 1, 5),
        provider=LocalizedText(kk="Ұйым", ru="Организация", en="Body"),
        addressee=Party(name="Бекзат Ілияс"),
        application_id=uuid.uuid5(uuid.NAMESPACE_URL, f"{name}/application"),
        application_number=None,
        application_date=None,
        fields=[
            DocumentField(
                key="note",
                label=LocalizedText(kk="Ескерту", ru="Примечание", en="Note"),
                value=note,
            )
        ],
    )


def _dict(value: object) -> DictionaryObject:
    resolved = value.get_object() if isinstance(value, PdfObject) else value
    assert isinstance(resolved, DictionaryObject)
    return resolved


def _mapped_characters(pdf: bytes) -> set[str]:
    """Every character the embedded fonts' ToUnicode maps name: the glyphs the subsets carry."""
    characters: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in _dict(_dict(page["/Resources"])["/Font"]).values():
            cmap = _dict(font)["/ToUnicode"].get_object()
            assert isinstance(cmap, StreamObject)
            for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap.get_data(), re.DOTALL):
                for target in re.findall(rb"<[0-9A-F]{4}> <([0-9A-F]+)>", block):
                    characters.add(bytes.fromhex(target.decode()).decode("utf-16-be"))
    return characters


def test_this_fpdf2_is_handled_by_the_font_copies() -> None:
    # Fails after an fpdf2 upgrade that changes TTFFont: review fontcache's attribute lists.
    assert fontcache.supported()
    for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
        assert fontcache._parse(FONT, style, FONT_DIR / name) is not None


@pytest.mark.parametrize(
    "name", ["reexport_permit", "customs_release", "motivated_refusal", "pm_certificate"]
)
def test_output_is_byte_for_byte_what_add_font_makes(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert render_pdf(SAMPLES[name]) == _uncached(SAMPLES[name], monkeypatch)


def test_two_documents_in_a_row_each_embed_their_own_subset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _document("A-1", f"{KAZAKH_LETTERS} {GREEK}")
    second = _document("B-2", "Только русский текст 0123")
    second_alone = render_pdf(second)
    pdf_first = render_pdf(first)
    pdf_second = render_pdf(second)

    # Both are valid PDFs showing their own text.
    for pdf in (pdf_first, pdf_second):
        assert PdfReader(io.BytesIO(pdf)).get_num_pages() == 1
    text_first, text_second = pdf_text(pdf_first), pdf_text(pdf_second)
    assert KAZAKH_LETTERS in text_first and GREEK in text_first
    assert squash("Только русский текст 0123") in squash(text_second)
    assert GREEK[0] not in text_second

    # The first embeds every Kazakh letter it uses; the second carries no glyph it does not
    # draw itself (nothing of the first's subset), and is what it is when rendered alone.
    mapped_first, mapped_second = _mapped_characters(pdf_first), _mapped_characters(pdf_second)
    assert set(KAZAKH_LETTERS + GREEK) <= mapped_first
    assert mapped_second <= set(text_second) | {" ", "\x00"}
    assert not set(GREEK) & mapped_second
    assert pdf_second == second_alone == _uncached(second, monkeypatch)


def test_a_refused_document_leaves_nothing_behind() -> None:
    before = render_pdf(SAMPLES["applicant_not_found"])
    lacking = msgspec.structs.replace(
        SAMPLES["applicant_not_found"], addressee=Party(name="王立", bin="261140099999")
    )
    with pytest.raises(MissingGlyphsError):
        render_pdf(lacking)
    assert render_pdf(SAMPLES["applicant_not_found"]) == before


def test_concurrent_renders_in_threads_match_sequential_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = ["reexport_permit", "customs_release_refusal", "pm_act_import", "complaint_decision"]
    expected = {name: render_pdf(SAMPLES[name]) for name in names}
    monkeypatch.setattr(fontcache, "_parsed", {})  # the threads also race to parse the font
    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [(name, pool.submit(render_pdf, SAMPLES[name])) for name in names * 3]
        results = [(name, job.result()) for name, job in jobs]
    assert all(pdf == expected[name] for name, pdf in results)
