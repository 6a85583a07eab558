"""Request bodies in the OpenAPI document say what the msgspec structs behind them enforce.

Litestar's schema for a msgspec struct leaves two things out, so the document allowed bodies
the API answers with 400 ``validation_error`` (found by ``make fuzz``, issue 17):

- a struct declared with ``forbid_unknown_fields=True`` refuses extra members, but its object
  was left open (no ``additionalProperties: false``);
- the constraints on a list's items (``list[Annotated[str, Meta(min_length=1, pattern=...)]]``)
  were dropped: only the list's own bounds were kept.

This plugin comes before Litestar's own struct plugin (app plugins are asked first), takes its
schema and adds both, the item constraints as msgspec's own JSON schema states them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import msgspec
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.openapi.spec import Schema

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.typing import FieldDefinition

# JSON Schema keyword -> the attribute of Litestar's Schema
ITEM_CONSTRAINTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "minimum": "minimum",
    "maximum": "maximum",
    "enum": "enum",
}


def _msgspec_properties(struct: type[Any]) -> dict[str, Any]:
    try:
        _, components = msgspec.json.schema_components([struct])
    except (TypeError, ValueError):  # a type msgspec cannot describe: keep Litestar's schema
        return {}
    properties: dict[str, Any] = components.get(struct.__name__, {}).get("properties", {})
    return properties


def _add_item_constraints(schema: Schema, struct: type[Any]) -> None:
    described = _msgspec_properties(struct)
    for name, prop in (schema.properties or {}).items():
        if not isinstance(prop, Schema):
            continue
        items = prop.items
        wanted = described.get(name, {}).get("items")
        if not isinstance(items, Schema) or not isinstance(wanted, dict):
            continue
        changes = {
            attribute: wanted[keyword]
            for keyword, attribute in ITEM_CONSTRAINTS.items()
            if keyword in wanted and getattr(items, attribute) is None
        }
        if changes:  # a copy: Litestar may share one item schema between fields
            prop.items = dataclasses.replace(items, **changes)


class ClosedStructSchemaPlugin(StructSchemaPlugin):
    """Litestar's struct schema, closed when the struct forbids unknown fields, with the
    constraints of list items."""

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        struct = field_definition.type_
        info = msgspec.inspect.type_info(struct)
        if isinstance(info, msgspec.inspect.StructType) and info.forbid_unknown_fields:
            schema.additional_properties = False
        _add_item_constraints(schema, struct)
        return schema
