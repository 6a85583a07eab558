"""What an official checks before signing, read back from the rendered PDF (issue 20): times
in Astana's local time with the zone, fields in the official form's order, codes and header
words unbroken, quantities as written, no page holding only the signature block, and the PDF's
dates in order."""

from __future__ import annotations

import io
import re
import uuid
from datetime import UTC, date, datetime

import msgspec
import pytest
from pypdf import PdfReader

from registry.catalogue.model import LocalizedText
from registry.results.document import DocumentField, DocumentSigner, Party, ResultDocument
from registry.results.render import render_pdf, render_pdf_layout
from registry.results.render.text import format_amount, format_datetime, format_quantity
from testkit.samples import sample_documents
from tests.documents.documents_helpers import pdf_text

SAMPLES = sample_documents()


def test_a_decision_time_is_printed_in_astana_with_the_zone() -> None:
    # 20:25 UTC on the 3rd is 01:25 on the 4th in Astana, the day the document is issued.
    assert format_datetime(datetime(2026, 12, 3, 20, 25, tzinfo=UTC)) == (
        "04.12.2026 01:25 (UTC+05:00, Астана)"
    )
    document = msgspec.structs.replace(
        SAMPLES["reexport_permit"], decided_at=datetime(2026, 11, 23, 6, 40, tzinfo=UTC)
    )
    text = pdf_text(render_pdf(document))
    assert "23.11.2026 11:40 (UTC+05:00, Астана)" in text
    assert "UTC+00:00" not in text


def test_the_permit_prints_its_boxes_in_the_forms_order() -> None:
    text = pdf_text(render_pdf(SAMPLES["reexport_permit"]))
    positions = [text.index(box) for box in ("6. Основание", "7–13. Товары", "14. Согласовано")]
    assert positions == sorted(positions), "boxes 7-13 go between 6 and 14"


@pytest.mark.parametrize("name", ["reexport_permit", "customs_release"])
def test_codes_and_header_words_do_not_wrap(name: str) -> None:
    document = SAMPLES[name]
    words = set(pdf_text(render_pdf(document)).split())
    for table in document.tables:
        for row in table.rows:
            for key in ("hs_code", "control_list_code", "code"):
                if row.get(key):
                    assert row[key] in words, f"{key} {row[key]} is split"
        for column in table.columns:
            for word in f"{column.label.kk} {column.label.ru}".split():
                assert word in words, f"header word {word!r} is split"


@pytest.mark.parametrize(
    ("quantity", "text"),
    [(40.0, "40"), (40, "40"), ("12.500", "12.5"), (0.125, "0.125"), (1e-7, "0.0000001")],
)
def test_quantities_print_as_written(quantity: object, text: str) -> None:
    assert format_quantity(quantity) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [("6180000.00", "6 180 000,00"), (1236000, "1 236 000,00"), ("12.5", "12,50"), ("", "")],
)
def test_amounts_print_as_documents_write_them(amount: object, text: str) -> None:
    assert format_amount(amount) == text


def _long_document(fields: int) -> ResultDocument:
    return ResultDocument(
        id=uuid.UUID(int=fields),
        kind="applicant_not_found",
        service="reexport-permit",
        title=LocalizedText(kk="Хабарлама", ru="Уведомление", en="Notice"),
        number=f"N-{fields}",
        issued_on=date(2026, 12, 4),
        provider=LocalizedText(kk="Орган", ru="Орган", en="Body"),
        addressee=Party(name="ТОО «Тест»", bin="940140000385"),
        application_id=uuid.UUID(int=1),
        application_number=None,
        application_date=None,
        fields=[
            DocumentField(
                key=f"line_{index}",
                label=LocalizedText(kk=f"Жол {index}", ru=f"Строка {index}", en=""),
                value="мән / значение " * (index % 4 + 1),
            )
            for index in range(fields)
        ],
        signer=DocumentSigner(
            iin="780305300128",
            name="ТЕСТОВ ТЕСТ",
            position=LocalizedText(kk="Басшы", ru="Руководитель", en="Head"),
        ),
    )


def test_no_page_holds_only_the_signature_block() -> None:
    """However long the body, the signature page carries some of the text it signs."""
    for fields in range(8, 70, 3):
        layout = render_pdf_layout(_long_document(fields))
        page = PdfReader(io.BytesIO(layout.data)).pages[layout.signature_box.page]
        text = page.extract_text()
        assert re.search(r"Строка \d+", text), f"{fields} fields: the signature page is alone"


def test_the_pdf_is_created_at_the_decision_not_after_it() -> None:
    document = SAMPLES["reexport_permit"]
    metadata = PdfReader(io.BytesIO(render_pdf(document))).metadata
    assert metadata is not None and metadata.creation_date is not None
    assert document.decided_at is not None
    assert metadata.creation_date == document.decided_at


def test_codes_stay_whole_beside_long_names() -> None:
    """The issued permit's case: long goods names used to squeeze the HS code column until
    "8517620009" wrapped as "851762000/9" and "Количество" as "Количеств/о"."""
    permit = SAMPLES["reexport_permit"]
    [goods] = permit.tables
    long_name = (
        "Аппаратура для передачи или приема голоса, изображений или других данных, включая "
        "коммутационные устройства и маршрутизаторы, модель ТК-640М"
    )
    rows = [
        {**row, "name": long_name, "hs_code": "8517620009", "quantity": "40"} for row in goods.rows
    ]
    document = msgspec.structs.replace(permit, tables=[msgspec.structs.replace(goods, rows=rows)])
    words = set(pdf_text(render_pdf(document)).split())
    assert "8517620009" in words
    assert {"Количество", "Стоимость", "Единица", "измерения"} <= words
