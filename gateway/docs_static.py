"""The vendored assets of the API docs pages (gateway/docs_assets/), served at /static/docs."""

from __future__ import annotations

from pathlib import Path

from litestar.router import Router
from litestar.static_files import create_static_files_router

ASSETS_DIR = Path(__file__).parent / "docs_assets"
ASSETS_PATH = "/static/docs"
FAVICON = f"<link rel='icon' type='image/png' href='{ASSETS_PATH}/swagger-ui/favicon-32x32.png'>"


def docs_static_files() -> Router:
    return create_static_files_router(
        path=ASSETS_PATH, directories=[ASSETS_DIR], include_in_schema=False, name="docs-static"
    )
