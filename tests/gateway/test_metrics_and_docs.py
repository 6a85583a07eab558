"""Prometheus metrics (behind a token when one is set, never public in production) and the
interactive API docs are served."""

from __future__ import annotations

import msgspec
from litestar import Litestar
from litestar.datastructures import State
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from gateway.health import MetricsController
from gateway.problems import problem_details_plugin
from registry.settings import Settings


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


async def test_metrics_want_the_configured_token(settings: Settings) -> None:
    guarded = msgspec.structs.replace(settings, metrics_token="scrape-s3cret")
    async with AsyncTestClient(app=create_app(guarded)) as client:
        missing = await client.get("/metrics")
        assert missing.status_code == 401
        assert missing.json()["code"] == "unauthorized"
        assert "qaqpa-metrics" in missing.headers["www-authenticate"]
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer scrape-s3cre"})
        assert wrong.status_code == 401
        right = await client.get("/metrics", headers={"Authorization": "Bearer scrape-s3cret"})
        assert right.status_code == 200
        assert "qaqpa_requests_total" in right.text


async def test_metrics_are_absent_in_production_without_a_token(settings: Settings) -> None:
    # Only the metrics route and the settings: create_app's own production checks (start-up
    # refusals) are not what this test is about.
    production = msgspec.structs.replace(settings, env="production")
    app = Litestar(
        route_handlers=[MetricsController],
        plugins=[problem_details_plugin()],
        state=State({"settings": production}),
    )
    async with AsyncTestClient(app=app) as client:
        answer = await client.get("/metrics")
        assert answer.status_code == 404
        assert answer.json()["code"] == "not_found"
        with_token = await client.get("/metrics", headers={"Authorization": "Bearer anything"})
        assert with_token.status_code == 404
