"""The XML carries the same decision, round-trips exactly, and is read with a safe parser."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import msgspec
import pytest
from lxml import etree

from registry.catalogue.model import LocalizedText
from registry.results.document import DocumentField, DocumentTable, ResultDocument
from registry.results.render import DocumentXmlError, parse_xml, render_xml
from registry.results.render.xmldoc import NS
from testkit.samples import sample_documents

SAMPLES = sample_documents()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_xml_round_trips_to_an_equal_document(name: str) -> None:
    document = SAMPLES[name]
    data = render_xml(document)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b"<!DOCTYPE" not in data
    assert parse_xml(data) == document


def test_root_and_field_elements() -> None:
    document = SAMPLES["reexport_permit"]
    root = etree.fromstring(render_xml(document))
    assert root.tag == f"{{{NS}}}ResultDocument"
    assert root.get("kind") == "reexport_permit"
    assert root.get("id") == str(document.id)
    fields = root.find(f"{{{NS}}}Fields")
    assert fields is not None
    names = [etree.QName(child).localname for child in fields]
    assert names == [field.key for field in document.fields]
    dispatch = fields.find(f"{{{NS}}}country_of_dispatch")
    assert dispatch is not None
    assert dispatch.get("label-kk") == "3. Жөнелтуші ел"
    assert dispatch.findtext(f"{{{NS}}}ru") == "Республика Узбекистан"
    rows = root.findall(f"{{{NS}}}Tables/{{{NS}}}Table/{{{NS}}}Row")
    assert [row.findtext(f"{{{NS}}}hs_code") for row in rows] == ["8525893000", "9027500000"]
    assert root.findtext(f"{{{NS}}}ValidUntil") == "2027-11-23"


def test_awkward_text_survives() -> None:
    awkward = "  a < b & c > d \"q\" 's'\n\tҚазақ\r\nжол  "
    document = msgspec.structs.replace(
        SAMPLES["motivated_refusal"],
        explanation=awkward,
        instructions="",
        fields=[
            DocumentField(
                key="note",
                label=LocalizedText(kk=awkward, ru="\n", en=""),
                value="",
            )
        ],
        verify_url=None,
        signer=None,
        application_number=None,
        application_date=None,
    )
    assert parse_xml(render_xml(document)) == document


def test_signed_document_still_parses() -> None:
    """The XAdES signer puts ds:Signature inside the root; the reader skips foreign elements."""
    document = SAMPLES["customs_release"]
    root = etree.fromstring(render_xml(document))
    signature = etree.SubElement(root, "{http://www.w3.org/2000/09/xmldsig#}Signature")
    etree.SubElement(signature, "{http://www.w3.org/2000/09/xmldsig#}SignedInfo")
    assert parse_xml(etree.tostring(root, xml_declaration=True, encoding="UTF-8")) == document


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE r [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<ResultDocument xmlns="urn:qaqpa:result:1" kind="pm_act" id="%s" service="x">
  <Number>&c;</Number>
</ResultDocument>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ResultDocument xmlns="urn:qaqpa:result:1" kind="pm_act" id="%s" service="x">
  <Number>&secret;</Number>
</ResultDocument>"""


@pytest.mark.parametrize("template", [ENTITY_BOMB, EXTERNAL_ENTITY], ids=["bomb", "external"])
def test_entities_are_refused(template: bytes) -> None:
    data = template % str(uuid.uuid4()).encode()
    with pytest.raises(DocumentXmlError) as caught:
        parse_xml(data)
    assert "DOCTYPE" in str(caught.value) or "well-formed" in str(caught.value)
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd leaked into the message


def test_entity_is_not_expanded_by_the_parser_itself() -> None:
    """Even before the DOCTYPE check, the parser leaves entity references unexpanded."""
    from signing.xmldsig import safe_parser

    root = etree.fromstring(EXTERNAL_ENTITY % b"x", parser=safe_parser())
    number = root.find(f"{{{NS}}}Number")
    assert number is not None
    assert "root:" not in etree.tostring(number, encoding="unicode")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda data: data.replace(b'kind="pm_act"', b'kind="Bad Kind"'), "invalid"),
        (lambda data: data.replace(b"<Number>", b"<Bogus/><Number>", 1), "unexpected"),
        (lambda data: data.replace(b"urn:qaqpa:result:1", b"urn:other"), "root element"),
        (lambda data: data.replace(b"</ResultDocument>", b""), "well-formed"),
    ],
    ids=["kind", "element", "namespace", "truncated"],
)
def test_malformed_documents_are_rejected(mutate: Callable[[bytes], bytes], message: str) -> None:
    data = render_xml(SAMPLES["pm_act_export"])
    with pytest.raises(DocumentXmlError, match=message):
        parse_xml(mutate(data))


def test_duplicate_element_is_rejected() -> None:
    data = render_xml(SAMPLES["pm_act_export"])
    doubled = data.replace(b"<Number>", b"<Number>1</Number><Number>", 1)
    with pytest.raises(DocumentXmlError, match="twice"):
        parse_xml(doubled)


def test_cell_key_that_is_no_element_name_is_refused() -> None:
    table = DocumentTable(
        key="goods",
        label=LocalizedText(kk="Тауарлар", ru="Товары", en="Goods"),
        columns=[],
        rows=[{"1 bad": "x"}],
    )
    document: ResultDocument = msgspec.structs.replace(SAMPLES["pm_act_export"], tables=[table])
    with pytest.raises(DocumentXmlError, match="not a valid element name"):
        render_xml(document)
