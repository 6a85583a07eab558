"""The forms render as informative JSON Schema (what Litestar puts in OpenAPI)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from registry.domains import FORMS
from registry.forms.envelope import ApplicationDocument


def _components() -> dict[str, dict[str, Any]]:
    _, components = msgspec.json.schema_components([spec.struct for spec in FORMS.values()])
    return components


def _described(schema: dict[str, Any], components: dict[str, dict[str, Any]]) -> bool:
    """A property is described itself, or refers to a described component (maybe nullable)."""
    if "description" in schema:
        return True
    if "$ref" in schema:
        return "description" in components[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return all(_described(option, components) for option in options)
    if schema.get("type") == "array":
        return _described(schema["items"], components)
    return False


def test_every_form_field_has_a_description() -> None:
    components = _components()
    missing = [
        f"{name}.{field}"
        for name, component in components.items()
        for field, schema in component.get("properties", {}).items()
        if not _described(schema, components)
    ]
    assert missing == []


def _collect_structs(
    info: msgspec.inspect.Type, structs: dict[str, type], visited: set[type]
) -> None:
    """Every Struct reachable from ``info``, by class name (two classes of one name fail)."""
    if isinstance(info, msgspec.inspect.StructType):
        seen = structs.setdefault(info.cls.__name__, info.cls)
        assert seen is info.cls, f"two Structs named {info.cls.__name__}"
        if info.cls in visited:
            return
        visited.add(info.cls)
        for field in info.fields:
            _collect_structs(field.type, structs, visited)
    for attribute in ("item_type", "types"):
        inner = getattr(info, attribute, None)
        if inner is None:
            continue
        for item in inner if isinstance(inner, tuple) else (inner,):
            _collect_structs(item, structs, visited)


def test_component_names_are_unique_and_forms_are_named_by_class() -> None:
    # schema_components would silently merge two different Structs of the same name.
    structs: dict[str, type] = {}
    visited: set[type] = set()
    for spec in FORMS.values():
        _collect_structs(msgspec.inspect.type_info(spec.struct), structs, visited)
    components = _components()
    for spec in FORMS.values():
        assert spec.schema_name in components
        assert components[spec.schema_name]["additionalProperties"] is False


@pytest.mark.parametrize(
    ("component", "field", "key", "value"),
    [
        ("GoodsItem", "hs_code", "pattern", r"^\d{10}$"),
        ("Money", "currency", "pattern", r"^[A-Z]{3}$"),
        ("Box44Document", "sha256", "pattern", r"^[0-9a-f]{64}$"),
        ("Party", "iin", None, None),
    ],
)
def test_patterns_reach_the_schema(
    component: str, field: str, key: str | None, value: str | None
) -> None:
    schema = _components()[component]["properties"][field]
    if key is None:
        assert any(option.get("pattern") == r"^\d{12}$" for option in schema["anyOf"])
    else:
        assert schema[key] == value


def test_envelope_schema_renders() -> None:
    schema = msgspec.json.schema(ApplicationDocument)
    assert schema["$defs"]["ApplicationDocument"]["required"] == ["service", "applicant", "form"]
