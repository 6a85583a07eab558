"""Request bodies that refuse unknown fields say so in the OpenAPI document.

A msgspec struct declared with ``forbid_unknown_fields=True`` answers an extra member with 400
``validation_error``; Litestar's schema for it left ``additionalProperties`` open, so the
document allowed bodies the API refuses (found by ``make fuzz``, issue 17). This plugin comes
before Litestar's own struct plugin (app plugins are asked first) and closes the object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.openapi.spec import Schema
    from litestar.typing import FieldDefinition


class ClosedStructSchemaPlugin(StructSchemaPlugin):
    """Litestar's struct schema, with ``additionalProperties: false`` when the struct forbids
    unknown fields."""

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        info = msgspec.inspect.type_info(field_definition.type_)
        if isinstance(info, msgspec.inspect.StructType) and info.forbid_unknown_fields:
            schema.additional_properties = False
        return schema
