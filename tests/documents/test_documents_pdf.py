"""The PDF shows everything the document says, in an embedded Kazakh-capable font, with a QR
code a scanner reads as the verification URL; read back by tools we did not write."""

from __future__ import annotations

import io
import uuid
from datetime import date
from functools import cache

import msgspec
import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from registry.catalogue.model import LocalizedText
from registry.results.document import DocumentField, Party, ResultDocument
from registry.results.render import MissingGlyphsError, render_pdf, render_pdf_layout
from registry.results.render.pdf import FONT_DIR
from registry.results.render.text import format_date
from testkit.samples import sample_documents
from tests.documents.documents_helpers import (
    KAZAKH_LETTERS,
    body_text,
    both,
    page_image,
    pdf_text,
    qr_texts,
    squash,
)

SAMPLES = sample_documents()


@cache
def rendered(name: str) -> bytes:
    return render_pdf(SAMPLES[name])


def expected_strings(document: ResultDocument) -> list[str]:
    """Every piece of the document that must be visible on paper."""
    expected = [
        *both(document.title),
        document.number,
        format_date(document.issued_on),
        *both(document.provider),
        document.addressee.name,
        str(document.application_id),
    ]
    party = document.addressee
    expected += [value for value in (party.iin, party.bin, party.address) if value]
    if document.application_number:
        expected.append(document.application_number)
    if document.application_date:
        expected.append(format_date(document.application_date))
    for field in document.fields:
        expected += both(field.label)
        value = field.value
        expected += [value] if isinstance(value, str) else both(value)
    for table in document.tables:
        expected += both(table.label)
        for column in table.columns:
            expected += both(column.label)
        expected += [cell for row in table.rows for cell in row.values()]
    for ground in document.grounds:
        expected += [ground.code, *both(ground.text)]
    expected += [text for text in (document.explanation, document.instructions) if text]
    if document.valid_until:
        expected.append(format_date(document.valid_until))
    if document.signer:
        expected += [*both(document.signer.position), document.signer.name]
        expected.append("Подписано электронной цифровой подписью")
        expected.append("Электрондық цифрлық қолтаңбамен қол қойылды")
    return expected


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_pdf_text_shows_every_value(name: str) -> None:
    document = SAMPLES[name]
    text = pdf_text(rendered(name))
    body = squash(body_text(text))
    missing = [value for value in expected_strings(document) if squash(value) not in body]
    assert missing == []
    assert document.verify_url is not None
    assert f"Проверка документа: {document.verify_url}" in text  # footer, every page
    assert text.count(document.verify_url) == PdfReader(io.BytesIO(rendered(name))).get_num_pages()


def test_special_kazakh_letters_are_drawn_and_extractable() -> None:
    letters = DocumentField(
        key="letters",
        label=LocalizedText(kk="Әріптер", ru="Буквы", en="Letters"),
        value=KAZAKH_LETTERS,
    )
    document = msgspec.structs.replace(SAMPLES["declarant_certificate"], fields=[letters])
    text = pdf_text(render_pdf(document))
    assert KAZAKH_LETTERS in text  # one run, not split or substituted
    for letter in "әғқңөұүі":  # the lower-case letters also occur in ordinary sample text
        assert letter in pdf_text(rendered("reexport_permit"))


def test_vendored_font_has_every_kazakh_letter() -> None:
    for path in sorted(FONT_DIR.glob("*.ttf")):
        cmap = TTFont(path).getBestCmap()
        assert all(ord(letter) in cmap for letter in KAZAKH_LETTERS), path.name
    assert (FONT_DIR / "LICENSE").read_text().count("Bitstream") > 0


def _dict(value: object) -> DictionaryObject:
    """Resolve an indirect reference and insist on a dictionary (pypdf types it loosely)."""
    resolved = value.get_object() if isinstance(value, PdfObject) else value
    assert isinstance(resolved, DictionaryObject)
    return resolved


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    fonts: list[DictionaryObject] = []
    for page in reader.pages:
        resources = _dict(page["/Resources"])
        fonts += [_dict(font) for font in _dict(resources["/Font"]).values()]
    return fonts


@pytest.mark.parametrize("name", ["reexport_permit", "customs_release_refusal"])
def test_every_font_is_embedded(name: str) -> None:
    reader = PdfReader(io.BytesIO(rendered(name)))
    fonts = _fonts(reader)
    assert fonts
    for font in fonts:
        assert str(font["/Subtype"]) == "/Type0"
        assert "DejaVuSans" in str(font["/BaseFont"])
        descendants = font["/DescendantFonts"].get_object()
        assert isinstance(descendants, ArrayObject)
        descriptor = _dict(_dict(descendants[0])["/FontDescriptor"])
        assert "/FontFile2" in descriptor  # the TrueType program itself is in the file
        assert "/ToUnicode" in font  # and text maps back to Unicode


@pytest.mark.parametrize("name", ["reexport_permit", "motivated_refusal", "pm_act_import"])
def test_qr_code_scans_as_the_verification_url(name: str) -> None:
    url = SAMPLES[name].verify_url
    assert url is not None
    assert qr_texts(page_image(rendered(name), 1)) == [url]


def test_no_qr_code_without_a_url() -> None:
    document = msgspec.structs.replace(SAMPLES["pm_certificate"], verify_url=None)
    pdf = render_pdf(document)
    assert qr_texts(page_image(pdf, 1)) == []
    assert "/documents/" not in pdf_text(pdf)


def test_pages_are_a4_and_carry_no_signature_field() -> None:
    reader = PdfReader(io.BytesIO(rendered("reexport_permit")))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )
    assert "/AcroForm" not in _dict(reader.trailer["/Root"])


def test_output_is_deterministic_and_dated_by_the_document() -> None:
    document = SAMPLES["customs_release"]
    first = render_pdf(document)
    assert render_pdf(document) == first
    creation = PdfReader(io.BytesIO(first)).metadata
    assert creation is not None and creation.creation_date is not None
    assert creation.creation_date.date() == document.issued_on
    other = msgspec.structs.replace(document, number="ШШ-50512-2026-07732")
    assert render_pdf(other) != first


@pytest.mark.parametrize("name", ["reexport_permit", "applicant_not_found"])
def test_signature_area_is_blank_and_below_the_signer(name: str) -> None:
    layout = render_pdf_layout(SAMPLES[name])
    assert 0 <= layout.signature_box.page < layout.pages
    dpi = 100
    image = page_image(layout.data, layout.signature_box.page + 1, dpi=dpi)
    x1, y1, x2, y2 = layout.signature_box.box
    scale = dpi / 72
    height = image.height
    crop = image.crop(
        (int(x1 * scale), int(height - y2 * scale), int(x2 * scale), int(height - y1 * scale))
    )
    extrema = crop.getextrema()
    assert extrema == (255, 255)  # nothing drawn there
    # ...and the signer's name is printed on that page.
    reader = PdfReader(io.BytesIO(layout.data))
    signer = SAMPLES[name].signer
    assert signer is not None
    page_text = reader.pages[layout.signature_box.page].extract_text()
    assert squash(signer.name) in squash(page_text)


def test_minimal_document_renders() -> None:
    document = ResultDocument(
        id=uuid.uuid4(),
        kind="applicant_not_found",
        service="customs-release",
        title=LocalizedText(kk="Хабарлама", ru="Уведомление", en="Notice"),
        number="1",
        issued_on=date(2026, 1, 5),
        provider=LocalizedText(kk="Ұйым", ru="Организация", en="Body"),
        addressee=Party(name="Бекзат Ілияс"),
        application_id=uuid.uuid4(),
        application_number=None,
        application_date=None,
    )
    text = pdf_text(render_pdf(document))
    assert "Подписант ещё не определён" in text
    assert "Хабарлама" in text


def test_characters_the_font_lacks_are_refused_not_dropped() -> None:
    party = Party(name="Wáng Lì 王立", bin="261140099999")
    document = msgspec.structs.replace(SAMPLES["applicant_not_found"], addressee=party)
    with pytest.raises(MissingGlyphsError, match="U\\+738B"):
        render_pdf(document)


def test_tabs_and_carriage_returns_in_free_text_are_printed_as_spacing() -> None:
    explanation = "Бірінші\tжол\r\nЕкінші жол\rҮшінші"
    document = msgspec.structs.replace(SAMPLES["applicant_not_found"], explanation=explanation)
    lines = pdf_text(render_pdf(document)).splitlines()
    assert "Бірінші жол" in [" ".join(line.split()) for line in lines]
    assert "Екінші жол" in lines and "Үшінші" in lines
