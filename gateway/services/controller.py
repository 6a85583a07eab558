"""``/v1/services``: the public catalogue, each form's JSON Schema and example application.

No authentication: portals build their forms and show expected dates from it.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import FromPath

from gateway.problems import Problem
from registry.catalogue import PublicService, public_service
from registry.catalogue.model import ServiceDefinition
from registry.domains import CATALOGUE, example_application, get_service, public_catalogue


def _service(code: str) -> ServiceDefinition:
    service = get_service(code)
    if service is None:
        raise Problem(404, "unknown_service", f'no service "{code}"; see GET /v1/services')
    return service


class ServiceController(Controller):
    path = "/v1/services"
    tags = ["services"]

    @get("/", summary="The services this gateway runs")
    async def list_services(self) -> list[PublicService]:
        return public_catalogue()

    @get("/{code:str}", summary="One service: steps, terms, refusal grounds")
    async def one(self, code: FromPath[str]) -> PublicService:
        return public_service(_service(code))

    @get("/{code:str}/form-schema", summary="JSON Schema of the service's form")
    async def form_schema(self, code: FromPath[str]) -> dict[str, Any]:
        service = _service(code)
        # The form's own definition at the top, the Structs it uses under $defs.
        _, components = msgspec.json.schema_components(
            [service.form], ref_template="#/$defs/{name}"
        )
        top = components.pop(service.form_schema)
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **top,
            "$defs": components,
        }

    @get(
        "/{code:str}/example",
        summary="A valid example application document (what `qaqpa demo application` prints)",
        responses={
            200: ResponseSpec(
                dict[str, Any],
                description="The application document a portal signs and submits.",
                generate_examples=False,
                examples=[
                    Example(summary=code, value=example_application(code)) for code in CATALOGUE
                ],
            )
        },
    )
    async def example(self, code: FromPath[str]) -> dict[str, Any]:
        return example_application(_service(code).code)
