"""Rendering console pages: the Jinja2 environment, the words of a page, its security headers.

Every page is served with a Content-Security-Policy that allows only the gateway's own
scripts, styles and frames, plus a WebSocket to NCALayer's configured URL: the console loads
nothing from outside, and an injected inline script would not run. Page data reaches the
scripts through ``data-`` attributes on ``<body>``, never inline JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Request
from litestar.datastructures import State
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig

from gateway.console.i18n import TEXTS, language_of, translate
from gateway.officers.auth import AuthenticatedOfficer
from gateway.problem_titles import LANGUAGES, Language
from registry.calendar import to_local
from registry.catalogue.model import Status, Step
from registry.domains import get_service
from registry.officers.sessions import StoredSession
from registry.settings import Settings

HERE = Path(__file__).parent
STATIC_PATH = "/officer/static"
POLL_SECONDS = 15  # how often the worklist refreshes itself


def _local(moment: datetime | None) -> str:
    return "—" if moment is None else to_local(moment).strftime("%Y-%m-%d %H:%M")


def _service_name(language: str, code: str) -> str:
    definition = get_service(code)
    return code if definition is None else str(getattr(definition.names, language))


def _named(language: str, candidates: Iterable[Step | Status], code: str) -> str:
    """The name of the step or status ``code`` among ``candidates``; the code when unknown."""
    for candidate in candidates:
        if candidate.code == code:
            return str(getattr(candidate.names, language))
    return code


def _step_name(language: str, service: str, step: str) -> str:
    definition = get_service(service)
    return _named(language, () if definition is None else definition.steps, step)


def _status_name(language: str, service: str, status: str) -> str:
    definition = get_service(service)
    return _named(language, () if definition is None else definition.statuses, status)


def _action_name(language: Language, action: str) -> str:
    named = translate(language, f"action_{action}")
    return action if named == f"action_{action}" else named


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["local"] = _local
    return TemplateConfig(engine=JinjaTemplateEngine.from_environment(environment))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def security_headers(settings: Settings) -> dict[str, str]:
    connect = " ".join(filter(None, ["'self'", _origin(settings.ncalayer_url)]))
    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src {connect}; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def page(
    request: Request[Any, Any, State],
    name: str,
    officer: AuthenticatedOfficer | None,
    **context: Any,
) -> Template:
    """The page ``name`` in the request's language, with the words and helpers it needs."""
    language = language_of(request)
    settings: Settings = request.app.state.settings
    stored: StoredSession | None = request.state.get("officer_session")
    base = {
        "lang": language,
        "languages": LANGUAGES,
        "t": partial(translate, language),
        "texts": TEXTS,
        "service_name": partial(_service_name, language),
        "step_name": partial(_step_name, language),
        "status_name": partial(_status_name, language),
        "action_name": partial(_action_name, language),
        "officer": officer,
        "csrf": "" if stored is None else stored.csrf,
        "ncalayer_url": settings.ncalayer_url,
        "static": STATIC_PATH,
        "poll_seconds": POLL_SECONDS,
        "path": request.url.path,
        "query": request.url.query,
    }
    return Template(
        template_name=name, context={**base, **context}, headers=security_headers(settings)
    )
