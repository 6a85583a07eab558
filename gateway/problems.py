"""RFC 9457 problem details with a stable machine-readable ``code``, titled in kk/ru/en.

Every error leaves the gateway through here. Handlers raise :class:`Problem` with a code from
:data:`TITLES`, or let a domain error (registry.errors.DomainError) through: its ``code`` is the
problem's, its kind gives the status (:data:`KIND_STATUSES`). Litestar's own HTTP exceptions
(404 on an unknown route, 405, validation errors, body too large) and unexpected exceptions are
converted by :func:`problem_details_plugin`, so a client never sees a bare 500 or an HTML page.
PostgreSQL or Redis being away (registry/outages.py says which exceptions mean that) is 503
``dependency_unavailable`` with ``Retry-After``, never 500 ``internal_error``.
The title, the ``detail`` and each ``errors[].message`` follow the request's ``Accept-Language``
(kk, ru, en; English by default) and the response says which one it chose in
``Content-Language``: titles and details per code are data in :mod:`gateway.problem_titles`,
per-field messages in :mod:`gateway.problem_fields`. In English a raise site's own detail (more
specific than the code's sentence) is kept.
"""

from __future__ import annotations

import re
import traceback
from typing import Any

import msgspec
import structlog
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.plugins.problem_details import (
    ProblemDetailsConfig,
    ProblemDetailsException,
    ProblemDetailsPlugin,
)
from sqlalchemy.exc import DBAPIError

from gateway.problem_fields import UNSIGNED_APPLICATION, localized_errors
from gateway.problem_titles import DETAILS, LANGUAGES, TITLES, Language
from registry.errors import DomainError, Kind
from registry.outages import RETRY_AFTER_SECONDS, is_outage

DEFAULT_LANGUAGE: Language = "en"
PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:qaqpa:problem:"

logger = structlog.get_logger(__name__)


# The HTTP status of each kind of domain refusal. Every domain error's status follows from its
# kind, so there is no per-code override; add one here (never in registry) if a code ever needs
# a status its kind does not give.
KIND_STATUSES: dict[Kind, int] = {
    Kind.MALFORMED: 400,
    Kind.FORBIDDEN: 403,
    Kind.NOT_FOUND: 404,
    Kind.CONFLICT: 409,
    Kind.INVALID: 422,
}

STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


class ProblemDocument(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The body of every error response (for the OpenAPI document; handlers raise Problem)."""

    type: str
    title: str
    status: int
    code: str
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[dict[str, Any]] | None = None


class Problem(ProblemDetailsException):
    """An error with a stable ``code``; ``extra`` adds members to the problem document."""

    def __init__(
        self,
        status_code: int,
        code: str,
        detail: str = "",
        *,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        if code not in TITLES:
            raise ValueError(f"unknown problem code {code!r}: add its titles to TITLES")
        super().__init__(detail=detail, status_code=status_code, headers=headers, extra=extra)
        self.code = code

    def to_response(self, request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
        language = negotiate_language(request.headers.get("accept-language"))
        body: dict[str, Any] = {
            "type": TYPE_PREFIX + self.code,
            "title": TITLES[self.code][language],
            "status": self.status_code,
            "code": self.code,
            "instance": request.url.path,
            "detail": self.localized_detail(language, request),
        }
        request_id = request.scope.get("state", {}).get("request_id")
        if request_id:
            body["request_id"] = request_id
        if isinstance(self.extra, dict):
            # Extension members never replace the standard ones (RFC 9457 section 3.2).
            body.update({key: value for key, value in self.extra.items() if key not in body})
        if isinstance(body.get("errors"), list):
            body["errors"] = localized_errors(body["errors"], language)
        return Response(
            body,
            status_code=self.status_code,
            media_type=PROBLEM_MEDIA_TYPE,
            headers={**(self.headers or {}), "Content-Language": language},
        )

    def localized_detail(self, language: Language, request: Request[Any, Any, Any]) -> str:
        """The raise site's detail in English, else the code's sentence in ``language``."""
        del request  # used by the subclasses that state a bound of the route
        if language == "en" and self.detail:
            return self.detail
        return DETAILS[self.code][language]


class LocalizedProblem(Problem):
    """A :class:`Problem` whose ``detail`` is written in kk, ru and en.

    The response carries the detail in the language negotiated for the title, so a bound or a
    rule stated to a person reads in the person's language (``en`` is also the log's detail).
    """

    def __init__(
        self,
        status_code: int,
        code: str,
        details: dict[Language, str],
        *,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, code, details["en"], extra=extra, headers=headers)
        self.details = details

    def localized_detail(self, language: Language, request: Request[Any, Any, Any]) -> str:
        del request
        return self.details[language]


class BodyTooLarge(Problem):
    """413 that states the route's limit, in bytes, in the detail and as ``limit_bytes``."""

    TEXT: dict[Language, str] = {
        "en": "The request body is larger than the limit of {limit} bytes; send a smaller one.",
        "ru": "Тело запроса больше предела в {limit} байт; отправьте меньший объём.",
        "kk": "Сұрау денесі {limit} байт шегінен үлкен; кішірек көлем жіберіңіз.",
    }

    def __init__(self, limit: int | None = None) -> None:
        super().__init__(413, "payload_too_large")
        self.limit = limit

    def _limit(self, request: Request[Any, Any, Any]) -> int | None:
        if self.limit is not None:
            return self.limit
        handler = request.scope.get("route_handler")
        resolve = getattr(handler, "resolve_request_max_body_size", None)
        return resolve() if resolve is not None else None

    def localized_detail(self, language: Language, request: Request[Any, Any, Any]) -> str:
        limit = self._limit(request)
        if limit is None:
            return DETAILS[self.code][language]
        return self.TEXT[language].format(limit=limit)

    def to_response(self, request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
        response = super().to_response(request)
        limit = self._limit(request)
        if limit is not None:
            response.content["limit_bytes"] = limit
        return response


# msgspec's messages for a body that is not JSON: where it broke, as a byte offset.
_JSON_MALFORMED = re.compile(r"^JSON is malformed: (?P<what>.+) \(byte (?P<byte>\d+)\)$")
_JSON_TRUNCATED = "Input data was truncated"
_INVALID_JSON: dict[Language, str] = {
    "en": "The body is not valid JSON: {what} at byte {byte}.",
    "ru": "Тело запроса — некорректный JSON: ошибка в байте {byte} ({what}).",
    "kk": "Сұрау денесі дұрыс JSON емес: {byte}-байттағы қате ({what}).",
}
_TRUNCATED_JSON: dict[Language, str] = {
    "en": "The body is not valid JSON: it ends before the JSON value does (truncated).",
    "ru": "Тело запроса — некорректный JSON: оно обрывается до конца значения.",
    "kk": "Сұрау денесі дұрыс JSON емес: мән аяқталмай тұрып үзіледі.",
}


def _invalid_json(detail: str) -> LocalizedProblem | None:
    """A problem that says where a body stopped being JSON, or None for other 400s."""
    if detail == _JSON_TRUNCATED:
        truncated = {"pointer": "", "code": "json_truncated", "message": detail}
        return LocalizedProblem(400, "bad_request", _TRUNCATED_JSON, extra={"errors": [truncated]})
    match = _JSON_MALFORMED.match(detail)
    if match is None:
        return None
    position = int(match["byte"])
    error: dict[str, Any] = {
        "pointer": "",
        "code": "json_malformed",
        "byte": position,
        "message": detail,
    }
    details = {
        language: text.format(what=match["what"], byte=position)
        for language, text in _INVALID_JSON.items()
    }
    return LocalizedProblem(400, "bad_request", details, extra={"errors": [error]})


# The fields of an application document: a body holding them at the top is the application
# itself, posted before it was signed.
_APPLICATION_FIELDS = ("service", "applicant", "form")


def _unsigned_application(errors: list[Any]) -> LocalizedProblem | None:
    unknown = {f"Object contains unknown field `{field}`" for field in _APPLICATION_FIELDS}
    if not any(isinstance(error, dict) and error.get("message") in unknown for error in errors):
        return None
    error = {"pointer": "", "code": "unsigned_application", "message": UNSIGNED_APPLICATION["en"]}
    return LocalizedProblem(
        400, "validation_error", UNSIGNED_APPLICATION, extra={"errors": [error]}
    )


def negotiate_language(accept_language: str | None) -> Language:
    """The best of kk/ru/en for an ``Accept-Language`` header (q-values honoured)."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, Language]] = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def _from_http_exception(exc: HTTPException) -> Problem:
    if isinstance(exc, Problem):
        return exc
    status = exc.status_code
    code = STATUS_CODES.get(status, "bad_request" if status < 500 else "internal_error")
    extra: dict[str, Any] = {}
    if status == 413:
        return BodyTooLarge()
    if isinstance(exc, ValidationException):
        code = "validation_error"
        if isinstance(exc.extra, list):
            extra["errors"] = exc.extra
            if (unsigned := _unsigned_application(exc.extra)) is not None:
                return unsigned
    elif status == 400 and (invalid := _invalid_json(exc.detail)) is not None:
        return invalid
    detail = exc.detail if status < 500 else ""
    return Problem(status, code, detail, extra=extra, headers=exc.headers)


def _from_domain_error(error: DomainError) -> Problem:
    """A domain refusal: its ``code`` is the problem's, its extras the extension members."""
    extra = {key: value for key, value in error.extra.items() if value is not None}
    return Problem(KIND_STATUSES[error.kind], error.code, error.detail, extra=extra or None)


def _from_outage(exc: BaseException) -> Problem:
    """PostgreSQL or Redis away or the pool exhausted (registry/outages.py): 503, retry later.

    Logged without the traceback (an outage yields thousands of identical ones) or the message
    (a driver's message may quote a value); the client gets a stable code and Retry-After.
    """
    logger.warning("dependency_unavailable", exc_type=type(exc).__name__)
    return Problem(503, "dependency_unavailable", headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def _from_unexpected(exc: Exception) -> Problem:
    if is_outage(exc):  # socket, pool timeout and Redis errors are no DBAPIError
        return _from_outage(exc)
    # The traceback goes to the log, never to the client.
    logger.exception("unhandled_exception", exc_type=type(exc).__name__)
    return Problem(500, "internal_error")


# PostgreSQL's "this text cannot be stored": character_not_in_repertoire (a NUL in a text
# value) and untranslatable_character (``\u0000`` in a JSON value). Input the field types did not
# catch (an untyped ``data`` object, say), never our fault; the failed statement stored nothing.
UNSTORABLE_TEXT_SQLSTATES = frozenset({"22021", "22P05"})


def _from_recursion(exc: RecursionError) -> Problem:
    """Nesting deeper than the decoders recurse (JSON bodies, signed documents): bad input.

    Litestar decodes every JSON body with msgspec, which raises RecursionError past the
    interpreter's limit; mapping it here covers every route. Logged without the traceback (as
    deep as the input) but with the place, should it ever come from our own code.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    logger.warning("request_nested_too_deeply", where=where)
    error = {"code": "nested_too_deeply", "message": "the request is nested too deeply"}
    return Problem(400, "validation_error", error["message"], extra={"errors": [error]})


def _from_database_error(exc: DBAPIError) -> Problem:
    if is_outage(exc):
        return _from_outage(exc)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate not in UNSTORABLE_TEXT_SQLSTATES:
        # The engine hides the parameters, but PostgreSQL's and asyncpg's own messages may quote
        # a value ("invalid input syntax for type ...: <value>"): log the statement, the
        # SQLSTATE and the stack, never the messages.
        logger.error(
            "database_error",
            exc_type=type(exc.orig).__name__,
            sqlstate=sqlstate,
            statement=exc.statement,
            stack="".join(traceback.format_tb(exc.__traceback__)),
        )
        return Problem(500, "internal_error")
    logger.warning("unstorable_text_refused", sqlstate=sqlstate)
    error = {
        "code": "control_character",
        "message": "the request contains a NUL or another character that cannot be stored",
    }
    return Problem(400, "validation_error", error["message"], extra={"errors": [error]})


# Which exceptions become which problem; Litestar picks the entry along the exception's MRO.
PROBLEM_MAPPERS: dict[type[Exception], Any] = {
    HTTPException: _from_http_exception,
    DomainError: _from_domain_error,
    RecursionError: _from_recursion,
    DBAPIError: _from_database_error,
    Exception: _from_unexpected,
}


def as_problem(exc: Exception) -> Problem:
    """The problem an exception becomes, as the plugin would make it (for a route that
    renders problems itself, the verification page's HTML one)."""
    for cls in type(exc).__mro__:
        if cls in PROBLEM_MAPPERS:
            problem: Problem = PROBLEM_MAPPERS[cls](exc)
            return problem
    return _from_unexpected(exc)


def problem_details_plugin() -> ProblemDetailsPlugin:
    """The plugin that turns every exception into a :class:`Problem` response."""
    return ProblemDetailsPlugin(
        ProblemDetailsConfig(exception_to_problem_detail_map=dict(PROBLEM_MAPPERS))
    )
