"""Free text refuses control characters: NUL always, other C0 controls and DEL too.

Single-line fields (names, numbers, places) refuse every C0 control; multi-line fields (texts,
findings, motivations) admit tab, line feed and carriage return. Officer and partner inputs use
the same patterns as the forms.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
import pytest

from gateway.complaints.officer import ComplaintDecisionRequest
from gateway.exams.officers import AnswersRequest, NewExamSession
from gateway.worklist.controller import DecisionRequest
from registry.complaints.filing import ComplaintRequest
from registry.customs_release.hooks import InspectionActData
from registry.domains import FORMS
from registry.forms.common import MULTI_LINE, SINGLE_LINE, ShortText, Text
from registry.forms.envelope import ApplicationDocument
from tests.forms.helpers import errors_of, example

# Every string a partner or an officer sends as JSON, besides the forms.
OFFICER_AND_PARTNER_INPUTS: list[type[msgspec.Struct]] = [
    DecisionRequest,
    ComplaintDecisionRequest,
    ComplaintRequest,
    NewExamSession,
    AnswersRequest,
    InspectionActData,
]


class _Fields(msgspec.Struct):
    short: ShortText | None = None
    text: Text | None = None


@pytest.mark.parametrize(
    "value", ["A\x00B", "\x1b[31mred", "bell\x07", "trailing\n", "tab\there", "del\x7f", "cr\r"]
)
def test_a_single_line_field_refuses_control_characters(value: str) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({"short": value}, _Fields)


@pytest.mark.parametrize("value", ["A\x00B", "\x1b[2J", "back\x08space", "form\x0cfeed"])
def test_a_multi_line_field_refuses_control_characters(value: str) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({"text": value}, _Fields)


def test_ordinary_text_passes() -> None:
    fields = msgspec.convert(
        {"short": '"Дала Трейд" ЖШС — Әйгерім', "text": "Бірінші жол\r\nвторая строка\n\tend"},
        _Fields,
    )
    assert fields.short is not None and fields.text is not None


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        (("applicant", "name"), "/applicant/name"),
        (("form", "candidate", "surname"), "/form/candidate/surname"),
    ],
)
def test_a_nul_in_a_name_is_a_validation_error_at_its_pointer(
    path: tuple[str, ...], pointer: str
) -> None:
    document = example("declarant-certificate")
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "Сейіт\x00қазиева"
    code, errors = errors_of(document)
    assert code == "validation_error"
    assert [error["pointer"] for error in errors] == [pointer]


def _free_strings(info: msgspec.inspect.Type, where: str, seen: set[type]) -> list[str]:
    """Where a ``str`` without a pattern sits inside ``info`` (Structs followed once)."""
    if isinstance(info, msgspec.inspect.Metadata):
        return _free_strings(info.type, where, seen)
    if isinstance(info, msgspec.inspect.StrType):
        return [] if info.pattern else [where]
    if isinstance(info, msgspec.inspect.StructType):
        if info.cls in seen:
            return []
        seen.add(info.cls)
        return [
            free
            for field in info.fields
            for free in _free_strings(field.type, f"{info.cls.__name__}.{field.name}", seen)
        ]
    if isinstance(info, msgspec.inspect.UnionType):
        return [free for option in info.types for free in _free_strings(option, where, seen)]
    if isinstance(info, (msgspec.inspect.ListType, msgspec.inspect.SetType)):
        return _free_strings(info.item_type, f"{where}[]", seen)
    if isinstance(info, msgspec.inspect.DictType):
        if isinstance(info.value_type, msgspec.inspect.AnyType):
            return []  # an untyped object (a decision's data): the database's net catches NUL
        return _free_strings(info.key_type, f"{where}{{key}}", seen) + _free_strings(
            info.value_type, f"{where}{{}}", seen
        )
    return []  # numbers, dates, literals, Raw, Any (what Any holds is the database's net)


def _unguarded(structs: list[type[msgspec.Struct]]) -> list[str]:
    seen: set[type] = set()
    return [
        free
        for info in msgspec.inspect.multi_type_info(structs)
        for free in _free_strings(info, "", seen)
    ]


def test_every_string_of_every_form_has_a_pattern() -> None:
    forms: list[type[msgspec.Struct]] = [spec.struct for spec in FORMS.values()]
    assert _unguarded([ApplicationDocument, *forms]) == []


def test_every_string_of_officer_and_partner_inputs_has_a_pattern() -> None:
    assert _unguarded(OFFICER_AND_PARTNER_INPUTS) == []


def test_the_patterns_end_strictly() -> None:
    # "$" would accept one trailing newline in Python's re: the patterns must not rely on it.
    for pattern in (SINGLE_LINE, MULTI_LINE):
        single = Annotated[str, msgspec.Meta(pattern=pattern)]
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert("x\x00", single)
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert("x\n", Annotated[str, msgspec.Meta(pattern=SINGLE_LINE)])
