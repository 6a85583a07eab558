"""/docs and /docs/swagger load only the gateway's own assets, and the document says who may
call each route (security schemes read from the guards)."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import AsyncTestClient

URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


async def test_the_docs_pages_load_nothing_from_outside(client: AsyncTestClient[Litestar]) -> None:
    for page in ("/docs", "/docs/swagger"):
        response = await client.get(page)
        assert response.status_code == 200
        urls = URL.findall(response.text)
        assert urls, page
        for url in urls:
            assert url.startswith("/"), f"{page} loads {url}"
            assert (await client.get(url)).status_code == 200, url
    scalar = (await client.get("/docs")).text
    assert '"withDefaultFonts":false' in scalar and '"agent":{"disabled":true}' in scalar


async def test_the_document_declares_the_schemes_and_each_route_names_its_own(
    client: AsyncTestClient[Litestar],
) -> None:
    document = (await client.get("/docs/openapi.json")).json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["partnerApiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "qk_…",
        "description": schemes["partnerApiKey"]["description"],
    }
    assert schemes["officerSession"]["in"] == "cookie"
    assert schemes["officerSession"]["name"] == "qaqpa_session"
    paths = document["paths"]
    assert paths["/v1/applications"]["post"]["security"] == [{"partnerApiKey": []}]
    assert paths["/v1/officer/tasks"]["get"]["security"] == [
        {"officerToken": []},
        {"officerSession": []},
    ]
    assert "security" not in paths["/v1/services"]["get"]
    assert "security" not in paths["/v1/officer/auth/challenge"]["get"]
    assert not any(path.startswith("/officer/") for path in paths)  # console pages: no API
