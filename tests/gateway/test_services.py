"""The public catalogue, form schemas and examples."""

from __future__ import annotations

import json

from click.testing import CliRunner
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.cli import main
from registry.domains import CATALOGUE

CODES = [
    "customs-release", "declarant-certificate", "pm-special-registration",
    "pm-extraction-feasibility", "pm-processing-infeasibility", "pm-export-act",
    "pm-import-act", "reexport-permit",
]  # fmt: skip


async def test_catalogue_lists_the_eight_services_in_three_languages(
    client: AsyncTestClient[Litestar],
) -> None:
    services = (await client.get("/v1/services")).json()
    assert [s["code"] for s in services] == CODES
    for service in services:
        assert set(service["names"]) == {"kk", "ru", "en"}
        assert service["steps"], service["code"]
        assert "form" not in service
    s8 = (await client.get("/v1/services/reexport-permit")).json()
    assert len(s8["refusal_grounds"]) == 16


async def test_unknown_service_is_a_problem(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/v1/services/no-such-service")
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_service"


async def test_form_schema_and_example_agree_with_the_demo_cli(
    client: AsyncTestClient[Litestar],
) -> None:
    for code in CATALOGUE:
        schema = (await client.get(f"/v1/services/{code}/form-schema")).json()
        assert schema["type"] == "object" and schema["properties"], code
        example = (await client.get(f"/v1/services/{code}/example")).json()
        printed = CliRunner().invoke(main, ["demo", "application", code])
        assert printed.exit_code == 0, printed.output
        assert json.loads(printed.output) == example
