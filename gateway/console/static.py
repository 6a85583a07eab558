"""The console's own files (script, stylesheet), served by the gateway: no CDN, ever."""

from __future__ import annotations

from litestar.router import Router
from litestar.static_files import create_static_files_router

from gateway.console.rendering import HERE, STATIC_PATH


def console_static_files() -> Router:
    return create_static_files_router(
        path=STATIC_PATH,
        directories=[HERE / "static"],
        include_in_schema=False,
        # Short: a deployment's new console.js reaches officers within minutes.
        cache_control=None,
        name="console-static",
    )
