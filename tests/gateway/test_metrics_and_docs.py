"""Prometheus metrics and the interactive API docs are served."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient


async def test_metrics_count_requests(client: AsyncTestClient[Litestar]) -> None:
    await client.get("/health/live")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert "qaqpa_requests_total{" in response.text
    assert 'path="/health/live"' in response.text


async def test_interactive_docs_and_document_are_served(client: AsyncTestClient[Litestar]) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    swagger = await client.get("/docs/swagger")
    assert swagger.status_code == 200
    document = await client.get("/docs/openapi.json")
    assert document.json()["openapi"].startswith("3.1")


async def test_the_verification_upload_is_documented_as_a_raw_file(
    client: AsyncTestClient[Litestar],
) -> None:
    document = (await client.get("/docs/openapi.json")).json()
    body = document["paths"]["/v1/verify"]["post"]["requestBody"]
    assert body["required"] is True
    assert set(body["content"]) == {
        "application/pdf",
        "application/xml",
        "application/octet-stream",
    }
    assert body["content"]["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
