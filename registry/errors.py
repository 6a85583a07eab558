"""The one base of every refusal the domain raises: a stable ``code`` and an HTTP-neutral kind.

A domain module says *what* went wrong (``code``, a contract: add new ones, never rename) and
*what sort* of refusal it is (:class:`Kind`); it never says how a transport reports it. The
gateway turns a :class:`DomainError` into a problem response in one place
(``gateway.problems``), where each kind has its HTTP status and each code its kk/ru/en title;
the command-line tools print the detail and pick their exit code.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class Kind(StrEnum):
    """What sort of refusal an error is, whatever the transport."""

    NOT_FOUND = "not_found"  # no such thing, or not one the caller may see
    CONFLICT = "conflict"  # the thing's current state does not allow the action
    INVALID = "invalid"  # the input was read but its content is refused
    MALFORMED = "malformed"  # the input cannot be read at all
    FORBIDDEN = "forbidden"  # the actor may not take the action


class DomainError(Exception):
    """Base of the domain's errors: ``code`` and ``kind`` per class, ``detail`` per raise.

    Keyword arguments are ``extra``: facts a client can act on (the current ``status`` and the
    ``allowed`` actions of a refused transition, say); the gateway adds each that is not None
    to the problem document as an extension member, under the same name.
    """

    code: ClassVar[str]
    kind: ClassVar[Kind]

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra
