"""The samples cover every result kind and every line of the regulation's forms."""

from __future__ import annotations

import io
import re

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields as sig_fields

from registry.results.document import DocumentKind, ResultDocument
from registry.results.render import render_pdf_layout
from testkit.samples import sample_documents
from tests.services import SERVICE_CODES

SAMPLES = sample_documents()
SERVICES = set(SERVICE_CODES)


def _kinds() -> set[str]:
    meta = DocumentKind.__metadata__[0]  # type: ignore[attr-defined]
    return set(meta.examples)


def test_every_kind_and_every_service_has_a_sample() -> None:
    assert {document.kind for document in SAMPLES.values()} == _kinds()
    assert {document.service for document in SAMPLES.values()} == SERVICES
    assert len({document.id for document in SAMPLES.values()}) == len(SAMPLES)


def test_samples_are_stable_and_follow_the_base_url() -> None:
    again = sample_documents()
    assert again == SAMPLES
    local = sample_documents("http://127.0.0.1:8000/")
    permit = local["reexport_permit"]
    assert permit.verify_url == f"http://127.0.0.1:8000/v1/documents/{permit.id}/verify"


def _numbered_lines(document: ResultDocument) -> set[int]:
    labels = [field.label.kk for field in document.fields] + [t.label.kk for t in document.tables]
    found: set[int] = set()
    for label in labels:
        match = re.match(r"^(\d+)(?:–(\d+))?\.", label)
        if match:
            first, last = int(match[1]), int(match[2] or match[1])
            found.update(range(first, last + 1))
    return found


def test_permit_has_every_line_of_annex_4() -> None:
    permit = SAMPLES["reexport_permit"]
    assert _numbered_lines(permit) == set(range(1, 18))
    keys = {field.key for field in permit.fields}
    assert {
        "permit_number",
        "applicant",
        "country_of_dispatch",
        "country_of_destination",
        "end_user",
        "basis",
        "agreed_by",
        "authority",
        "personal_data_consent",
        "special_conditions",
    } <= keys
    (goods,) = permit.tables
    columns = [column.key for column in goods.columns]
    assert columns == [
        "name",
        "hs_code",
        "control_list_code",
        "unit",
        "quantity",
        "currency",
        "value",
    ]
    for row in goods.rows:
        assert set(row) == set(columns) and all(row.values())
        assert re.fullmatch(r"\d{10}", row["hs_code"])  # EAEU TN VED codes have 10 digits
    # 15: authority, signer, issue date, validity date (one year)
    assert permit.signer is not None and permit.valid_until is not None
    assert (permit.valid_until - permit.issued_on).days in (365, 366)
    number = next(field for field in permit.fields if field.key == "permit_number")
    assert number.value == permit.number


def test_motivated_refusal_has_every_element_of_annex_3() -> None:
    refusal = SAMPLES["motivated_refusal"]
    assert refusal.number and refusal.issued_on
    assert refusal.addressee.bin or refusal.addressee.iin
    assert refusal.addressee.address
    assert refusal.application_number and refusal.application_date
    assert refusal.grounds and refusal.signer is not None
    assert refusal.application_number in (refusal.explanation or "")


def test_receipt_lists_missing_documents_and_refusals_say_how_to_fix() -> None:
    receipt = SAMPLES["refusal_to_accept"]
    (missing,) = receipt.tables
    assert missing.key == "missing_documents" and len(missing.rows) >= 1
    for name in ("customs_release_refusal", "registration_refusal"):
        assert SAMPLES[name].grounds and SAMPLES[name].instructions


def test_declarant_certificate_carries_the_journal_columns() -> None:
    certificate = SAMPLES["declarant_certificate"]
    keys = {field.key for field in certificate.fields}
    assert {"certificate_number", "badge_number", "exam_protocol"} <= keys
    assert certificate.valid_until is not None and certificate.addressee.iin


def test_every_identifier_is_twelve_digits() -> None:
    for document in SAMPLES.values():
        numbers = [document.addressee.iin, document.addressee.bin]
        numbers += [document.signer.iin] if document.signer else []
        for value in filter(None, numbers):
            assert re.fullmatch(r"\d{12}", value), (document.kind, value)


def test_pyhanko_accepts_the_pdf_and_the_signature_box() -> None:
    """The signer's library opens our output in strict mode and can put a field in the box."""
    layout = render_pdf_layout(SAMPLES["reexport_permit"])
    writer = IncrementalPdfFileWriter(io.BytesIO(layout.data), strict=True)
    x1, y1, x2, y2 = (round(value) for value in layout.signature_box.box)
    spec = sig_fields.SigFieldSpec(
        "Signature1", on_page=layout.signature_box.page, box=(x1, y1, x2, y2)
    )
    sig_fields.append_signature_field(writer, spec)
    output = io.BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]  # pyHanko ships no types
    assert output.getvalue().startswith(layout.data)  # an incremental update, not a rewrite
