"""The machine-readable form of a result document: the same decision as XML.

Layout (namespace ``urn:qaqpa:result:1``, UTF-8, no DTD)::

    <ResultDocument xmlns="urn:qaqpa:result:1" kind="reexport_permit" id="..." service="...">
      <Title><kk>..</kk><ru>..</ru><en>..</en></Title>
      <Number>..</Number> <IssuedOn>2026-11-23</IssuedOn> <Provider>(kk ru en)</Provider>
      <Addressee><Name/><IIN/><BIN/><Address/><Country/></Addressee>
      <Application id="..."><Number/><Date/></Application>
      <Fields><permit_number label-kk=".." label-ru=".." label-en="..">value</permit_number>
              <agreed_by label-..><kk/><ru/><en/></agreed_by></Fields>
      <Tables><Table key="goods" label-..><Columns><name label-..>unit</name>..</Columns>
              <Row><name>..</name>..</Row></Table></Tables>
      <Grounds><Ground code=".."><kk/><ru/><en/></Ground></Grounds>
      <Explanation/> <Instructions/> <ValidUntil/>
      <Signer iin=".."><Position>(kk ru en)</Position><Name/></Signer>
      <VerifyUrl/> <DecidedAt/>
    </ResultDocument>

Field and column elements are named by their key (the keys are restricted to
``[a-z][a-z0-9_]*`` for that reason); labels travel as attributes, so the XML alone rebuilds the
whole :class:`ResultDocument` and :func:`parse_xml` round-trips it exactly. Elements of other
namespaces (the XAdES ``ds:Signature`` the signer adds) are skipped when parsing, so a signed
document parses as well. Parsing refuses any DOCTYPE and never expands entities or touches the
network.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import msgspec
from lxml import etree

from registry.catalogue.model import LocalizedText
from registry.results.document import DocumentField, ResultDocument
from signing import XmlError, parse_root

NS = "urn:qaqpa:result:1"
MAX_XML_BYTES = 4 * 1024 * 1024
LANGUAGES = ("kk", "ru", "en")
KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class DocumentXmlError(ValueError):
    """The bytes are not a result document we can read (or a document we cannot write)."""


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


# ---------------------------------------------------------------- writing


def render_xml(document: ResultDocument) -> bytes:
    """The unsigned XML of ``document`` (UTF-8, with an XML declaration)."""
    # lxml takes None as the default-namespace prefix; lxml-stubs do not model that.
    root = etree.Element(_q("ResultDocument"), nsmap={None: NS})  # type: ignore[dict-item]
    root.set("kind", document.kind)
    root.set("id", str(document.id))
    root.set("service", document.service)
    _localized(root, "Title", document.title)
    _leaf(root, "Number", document.number)
    _leaf(root, "IssuedOn", document.issued_on.isoformat())
    _localized(root, "Provider", document.provider)
    _addressee(root, document)
    _application(root, document)
    if document.fields:
        fields = etree.SubElement(root, _q("Fields"))
        for field in document.fields:
            _field(fields, field)
    if document.tables:
        _tables(etree.SubElement(root, _q("Tables")), document)
    if document.grounds:
        grounds = etree.SubElement(root, _q("Grounds"))
        for ground in document.grounds:
            _localized(grounds, "Ground", ground.text).set("code", ground.code)
    _leaf(root, "Explanation", document.explanation)
    _leaf(root, "Instructions", document.instructions)
    if document.valid_until is not None:
        _leaf(root, "ValidUntil", document.valid_until.isoformat())
    if document.signer is not None:
        signer = etree.SubElement(root, _q("Signer"), iin=document.signer.iin)
        _localized(signer, "Position", document.signer.position)
        _leaf(signer, "Name", document.signer.name)
    _leaf(root, "VerifyUrl", document.verify_url)
    if document.decided_at is not None:
        _leaf(root, "DecidedAt", document.decided_at.isoformat())
    try:
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    except ValueError as exc:  # lxml refuses control characters XML 1.0 cannot carry
        raise DocumentXmlError(f"document cannot be written as XML: {exc}") from exc


def _addressee(root: etree._Element, document: ResultDocument) -> None:
    party = etree.SubElement(root, _q("Addressee"))
    _leaf(party, "Name", document.addressee.name)
    for tag, value in (
        ("IIN", document.addressee.iin),
        ("BIN", document.addressee.bin),
        ("Address", document.addressee.address),
        ("Country", document.addressee.country),
    ):
        _leaf(party, tag, value)


def _application(root: etree._Element, document: ResultDocument) -> None:
    application = etree.SubElement(root, _q("Application"), id=str(document.application_id))
    _leaf(application, "Number", document.application_number)
    if document.application_date is not None:
        _leaf(application, "Date", document.application_date.isoformat())


def _tables(tables: etree._Element, document: ResultDocument) -> None:
    for table in document.tables:
        element = etree.SubElement(tables, _q("Table"), key=table.key)
        if table.after is not None:  # where the printed form places it
            element.set("after", table.after)
        _labels(element, table.label)
        columns = etree.SubElement(element, _q("Columns"))
        for column in table.columns:
            _field(columns, column)
        for row in table.rows:
            row_element = etree.SubElement(element, _q("Row"))
            for key, value in row.items():
                _leaf(row_element, _checked_key(key), value)


def _checked_key(key: str) -> str:
    if not KEY.match(key):
        raise DocumentXmlError(f"table cell key {key!r} is not a valid element name")
    return key


def _leaf(parent: etree._Element, tag: str, value: str | None) -> None:
    if value is not None:
        try:
            etree.SubElement(parent, _q(tag)).text = value
        except ValueError as exc:
            raise DocumentXmlError(f"{tag}: {exc}") from exc


def _localized(parent: etree._Element, tag: str, text: LocalizedText) -> etree._Element:
    element = etree.SubElement(parent, _q(tag))
    for language in LANGUAGES:
        _leaf(element, language, getattr(text, language))
    return element


def _labels(element: etree._Element, label: LocalizedText) -> None:
    for language in LANGUAGES:
        element.set(f"label-{language}", getattr(label, language))


def _field(parent: etree._Element, field: DocumentField) -> None:
    element = etree.SubElement(parent, _q(_checked_key(field.key)))
    _labels(element, field.label)
    if isinstance(field.value, LocalizedText):
        for language in LANGUAGES:
            _leaf(element, language, getattr(field.value, language))
    else:
        element.text = field.value


# ---------------------------------------------------------------- reading


def parse_xml(data: bytes) -> ResultDocument:
    """Read a document written by :func:`render_xml` (signed or not) back into a struct."""
    try:
        root = parse_root(data)
    except XmlError as exc:
        raise DocumentXmlError(str(exc)) from exc
    if root.tag != _q("ResultDocument"):
        raise DocumentXmlError(f"root element is {root.tag}, expected ResultDocument in {NS}")
    raw: dict[str, Any] = {
        "kind": root.get("kind"),
        "id": root.get("id"),
        "service": root.get("service"),
        "application_number": None,
        "application_date": None,
    }
    seen: set[str] = set()
    for child in _children(root):
        name = etree.QName(child).localname
        reader = _READERS.get(name)
        if reader is None:
            raise DocumentXmlError(f"unexpected element {name}")
        if name in seen:
            raise DocumentXmlError(f"element {name} appears twice")
        seen.add(name)
        raw.update(reader(child))
    try:
        return msgspec.convert(raw, ResultDocument)
    except msgspec.ValidationError as exc:
        raise DocumentXmlError(f"invalid result document: {exc}") from exc


def _children(element: etree._Element) -> list[etree._Element]:
    """Child elements in our namespace (skips comments, PIs and foreign elements)."""
    return [
        child
        for child in element
        if isinstance(child.tag, str) and etree.QName(child).namespace == NS
    ]


def _text(element: etree._Element) -> str:
    return element.text or ""


def _localized_of(element: etree._Element) -> dict[str, str]:
    values = {etree.QName(child).localname: _text(child) for child in _children(element)}
    if set(values) != set(LANGUAGES):
        raise DocumentXmlError(f"{etree.QName(element).localname}: expected kk, ru and en")
    return values


def _labels_of(element: etree._Element) -> dict[str, str]:
    labels: dict[str, str] = {}
    for language in LANGUAGES:
        value = element.get(f"label-{language}")
        if value is None:
            raise DocumentXmlError(f"{etree.QName(element).localname}: label-{language} missing")
        labels[language] = value
    return labels


def _field_of(element: etree._Element) -> dict[str, Any]:
    value: str | dict[str, str] = _localized_of(element) if _children(element) else _text(element)
    return {
        "key": etree.QName(element).localname,
        "label": _labels_of(element),
        "value": value,
    }


def _leaf_dict(element: etree._Element) -> dict[str, str]:
    return {etree.QName(child).localname: _text(child) for child in _children(element)}


def _read_addressee(element: etree._Element) -> dict[str, Any]:
    names = {"Name": "name", "IIN": "iin", "BIN": "bin", "Address": "address", "Country": "country"}
    party: dict[str, str] = {}
    for tag, value in _leaf_dict(element).items():
        if tag not in names:
            raise DocumentXmlError(f"Addressee: unexpected element {tag}")
        party[names[tag]] = value
    return {"addressee": party}


def _read_application(element: etree._Element) -> dict[str, Any]:
    leaves = _leaf_dict(element)
    if set(leaves) - {"Number", "Date"}:
        raise DocumentXmlError("Application: unexpected element")
    return {
        "application_id": element.get("id"),
        "application_number": leaves.get("Number"),
        "application_date": leaves.get("Date"),
    }


def _read_tables(element: etree._Element) -> dict[str, Any]:
    tables = []
    for table in _children(element):
        columns: list[dict[str, Any]] = []
        rows: list[dict[str, str]] = []
        for part in _children(table):
            name = etree.QName(part).localname
            if name == "Columns":
                columns = [_field_of(column) for column in _children(part)]
            elif name == "Row":
                rows.append(_leaf_dict(part))
            else:
                raise DocumentXmlError(f"Table: unexpected element {name}")
        tables.append(
            {
                "key": table.get("key"),
                "label": _labels_of(table),
                "columns": columns,
                "rows": rows,
                "after": table.get("after"),
            }
        )
    return {"tables": tables}


def _read_signer(element: etree._Element) -> dict[str, Any]:
    parts = {etree.QName(child).localname: child for child in _children(element)}
    if set(parts) != {"Position", "Name"}:
        raise DocumentXmlError("Signer: expected Position and Name")
    return {
        "signer": {
            "iin": element.get("iin"),
            "position": _localized_of(parts["Position"]),
            "name": _text(parts["Name"]),
        }
    }


Reader = Callable[[etree._Element], dict[str, Any]]


def _scalar(name: str) -> Reader:
    return lambda element: {name: _text(element)}


_READERS: dict[str, Reader] = {
    "Title": lambda element: {"title": _localized_of(element)},
    "Number": _scalar("number"),
    "IssuedOn": _scalar("issued_on"),
    "Provider": lambda element: {"provider": _localized_of(element)},
    "Addressee": _read_addressee,
    "Application": _read_application,
    "Fields": lambda element: {"fields": [_field_of(field) for field in _children(element)]},
    "Tables": _read_tables,
    "Grounds": lambda element: {
        "grounds": [
            {"code": ground.get("code"), "text": _localized_of(ground)}
            for ground in _children(element)
        ]
    },
    "Explanation": _scalar("explanation"),
    "Instructions": _scalar("instructions"),
    "ValidUntil": _scalar("valid_until"),
    "Signer": _read_signer,
    "VerifyUrl": _scalar("verify_url"),
    "DecidedAt": _scalar("decided_at"),
}
