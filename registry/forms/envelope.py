"""The application document envelope and its two-step decoder.

An application arrives as one JSON document::

    {"service": "customs-release",
     "applicant": {"bin": "940140000385", "name": "...", "contacts": {"email": "..."}},
     "form": { ...the service's form... },
     "attachments": [{"name": "invoice.pdf", "media_type": "application/pdf",
                      "sha256": "...", "content": "<base64>"}]}

:func:`decode_application` decodes the envelope first, keeping ``form`` as raw bytes, picks the
form Struct by ``service`` in the services' table it is given, then decodes the form. Every
failure leaves as **one** exception type, :class:`FormError` (a domain error), whose ``code``
is ``unknown_service`` or ``validation_error`` and whose ``errors`` are
``{"pointer": ..., "message": ...}`` with RFC 6901 pointers into the whole document (so a form
error points at ``/form/...``). The gateway turns that into a problem details response without
knowing msgspec's path syntax.

msgspec stops at the first type error, so a decoding failure yields one error; the consistency
checks (``validate_form``, the applicant, the attachments) report everything they find.
IIN/BIN checksums are *not* checked here — the gateway does that with signing's number checker.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

import msgspec

from registry.errors import DomainError, Kind
from registry.forms.common import (
    AttachmentName,
    Bin,
    Contacts,
    Iin,
    Problem,
    Sha256Hex,
    ShortText,
)
from registry.forms.spec import FormSpec

TOO_DEEP = "the document is nested too deeply"


class Applicant(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Көрсетілетін қызметті алушы / Услугополучатель: exactly one of IIN and BIN.

    This number is the one compared with the IIN/BIN in the applicant's EDS certificate.
    """

    iin: (
        Annotated[Iin, msgspec.Meta(description="ЖСН / ИИН of an individual applicant.")] | None
    ) = None
    bin: (
        Annotated[Bin, msgspec.Meta(description="БСН / БИН of a legal-entity applicant.")] | None
    ) = None
    name: Annotated[
        ShortText,
        msgspec.Meta(description="Атауы немесе аты-жөні / Наименование или Ф.И.О."),
    ]
    contacts: Annotated[
        Contacts, msgspec.Meta(description="Байланыс / Контакты: at least one of email, phone.")
    ]

    @property
    def number(self) -> str:
        """The applicant's IIN or BIN (after a successful decode exactly one is set)."""
        return self.iin or self.bin or ""


class Attachment(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A file of the application (EDS-certified scans, the guarantee, the contract...)."""

    name: AttachmentName
    media_type: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^[a-z]+/[a-z0-9.+\-]+$",
            description="IANA media type.",
            examples=["application/pdf"],
        ),
    ]
    sha256: Annotated[Sha256Hex, msgspec.Meta(description="SHA-256 of the decoded content.")]
    content: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^[A-Za-z0-9+/]*={0,2}$",
            description="The file, base64 (RFC 4648 §4, with padding).",
        ),
    ]


class ApplicationDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """What a partner portal posts: service code, applicant, form, attachments."""

    service: Annotated[
        str,
        msgspec.Meta(
            pattern=r"^[a-z][a-z0-9-]{0,63}$",
            description="Service code, e.g. customs-release.",
            examples=["customs-release"],
        ),
    ]
    applicant: Applicant
    form: msgspec.Raw
    attachments: list[Attachment] = []


class DecodedApplication(msgspec.Struct, frozen=True, kw_only=True):
    """A decoded, consistent application: the form is the service's Struct."""

    service: str
    applicant: Applicant
    form: msgspec.Struct  # the Struct of the service's FormSpec
    attachments: list[Attachment]


class FormError(DomainError):
    """The application cannot be accepted as submitted; ``errors``: ``[{"pointer", "message"}]``.

    ``errors`` is also the problem document's extension member of the same name.
    """

    def __init__(self, detail: str, errors: list[dict[str, str]]) -> None:
        super().__init__(detail, errors=errors)
        self.errors = errors


class UnknownServiceError(FormError):
    """``service`` names no service this gateway accepts."""

    code = "unknown_service"
    kind = Kind.INVALID

    def __init__(self, errors: list[dict[str, str]]) -> None:
        # The detail is the field's message and where to look, never a repr of the list.
        super().__init__(f"{errors[0]['message']}; GET /v1/services lists the codes", errors)


class FormInvalidError(FormError):
    """The envelope or the form does not decode, or is not consistent."""

    code = "validation_error"
    kind = Kind.MALFORMED

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("the application document is not valid", errors)


def decode_application(data: bytes, forms: Mapping[str, FormSpec[Any]]) -> DecodedApplication:
    """Decode the envelope, then the form by service code (``forms``, the services' table:
    :data:`registry.domains.FORMS`); check consistency.

    Raises :class:`FormError`.
    """
    try:
        document = msgspec.json.decode(data, type=ApplicationDocument)
    except msgspec.ValidationError as exc:
        raise _validation_error([msgspec_problem(str(exc))]) from exc
    except msgspec.DecodeError as exc:
        raise _validation_error([("", str(exc))]) from exc
    except RecursionError as exc:  # msgspec recurses per nesting level: hostile input
        raise _validation_error([("", TOO_DEEP)]) from exc

    spec = forms.get(document.service)
    if spec is None:
        raise UnknownServiceError(
            [{"pointer": "/service", "message": f"unknown service {document.service!r}"}]
        )

    problems = _applicant_problems(document.applicant) + _attachment_problems(document.attachments)
    try:
        form = msgspec.json.decode(document.form, type=spec.struct)
    except msgspec.ValidationError as exc:
        problems.append(_prefixed("/form", msgspec_problem(str(exc))))
    except RecursionError:
        problems.append(("/form", TOO_DEEP))
    else:
        problems += [_prefixed("/form", problem) for problem in spec.validate(form)]
        problems += _reference_problems(form, document.attachments)
    if problems:
        raise _validation_error(problems)
    return DecodedApplication(
        service=document.service,
        applicant=document.applicant,
        form=form,
        attachments=document.attachments,
    )


# --- msgspec paths → JSON pointers ---------------------------------------------------------

_AT = re.compile(r"^(?P<message>.*) - at `(?P<path>\$[^`]*)`$", re.DOTALL)
_FIELD_IN_MESSAGE = re.compile(
    r"^Object (?:missing required|contains unknown) field `(?P<field>[^`]+)`"
)
_SEGMENT = re.compile(r"\.(?P<key>[^.\[]+)|\[(?P<index>\d+)\]|\[\.\.\.\]")


def escape_token(token: str) -> str:
    """RFC 6901 §3: ``~`` → ``~0``, ``/`` → ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


def msgspec_path_to_pointer(path: str) -> str:
    """``$.form.goods[0].hs_code`` → ``/form/goods/0/hs_code``.

    A dict key shows as ``[...]`` in msgspec's path (the key itself is not reported), so the
    pointer stops at the mapping that holds it.
    """
    tokens: list[str] = []
    for match in _SEGMENT.finditer(path.removeprefix("$")):
        if match.group("key") is not None:
            tokens.append(escape_token(match.group("key")))
        elif match.group("index") is not None:
            tokens.append(match.group("index"))
        else:
            break
    return "".join(f"/{token}" for token in tokens)


def msgspec_problem(message: str) -> Problem:
    """Split a msgspec ``ValidationError`` text into (pointer, message).

    A missing or unknown field is reported by msgspec at its parent object; the pointer names
    the field itself, which is where a client shows the error.
    """
    at = _AT.match(message)
    text, pointer = (at["message"], msgspec_path_to_pointer(at["path"])) if at else (message, "")
    field = _FIELD_IN_MESSAGE.match(text)
    if field is not None:
        pointer += "/" + escape_token(field["field"])
    return pointer, text


def _prefixed(prefix: str, problem: Problem) -> Problem:
    return prefix + problem[0], problem[1]


def _validation_error(problems: list[Problem]) -> FormInvalidError:
    return FormInvalidError(
        [{"pointer": pointer, "message": message} for pointer, message in problems]
    )


# --- consistency checks of the envelope ----------------------------------------------------


def _applicant_problems(applicant: Applicant) -> list[Problem]:
    problems: list[Problem] = []
    if applicant.iin is not None and applicant.bin is not None:
        problems.append(("/applicant", "give either iin or bin, not both"))
    elif applicant.iin is None and applicant.bin is None:
        problems.append(("/applicant", "iin or bin is required"))
    if applicant.contacts.email is None and applicant.contacts.phone is None:
        problems.append(("/applicant/contacts", "an email or a phone is required"))
    return problems


def _attachment_problems(attachments: list[Attachment]) -> list[Problem]:
    problems: list[Problem] = []
    names: set[str] = set()
    for index, attachment in enumerate(attachments):
        if attachment.name in names:
            problems.append((f"/attachments/{index}/name", "attachment names must be unique"))
        names.add(attachment.name)
        try:
            content = base64.b64decode(attachment.content, validate=True)
        except binascii.Error:
            problems.append((f"/attachments/{index}/content", "not valid base64"))
            continue
        if hashlib.sha256(content).hexdigest() != attachment.sha256:
            problems.append((f"/attachments/{index}/sha256", "does not match the content"))
    return problems


def _walk(value: Any, pointer: str) -> Iterator[tuple[str, msgspec.Struct]]:
    """Every Struct inside ``value`` with its pointer (relative to the form)."""
    if isinstance(value, msgspec.Struct):
        yield pointer, value
        for name in value.__struct_fields__:
            yield from _walk(getattr(value, name), f"{pointer}/{escape_token(name)}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{pointer}/{index}")


def _reference_problems(form: msgspec.Struct, attachments: list[Attachment]) -> list[Problem]:
    """A form's ``attachment`` fields name real attachments, and ``sha256`` agrees with them.

    Convention shared by every form: a Struct that refers to a file has an ``attachment`` field
    (and optionally ``sha256``); this walk finds them without a per-form list.
    """
    by_name = {attachment.name: attachment for attachment in attachments}
    problems: list[Problem] = []
    for pointer, struct in _walk(form, "/form"):
        name = getattr(struct, "attachment", None)
        if not isinstance(name, str):
            continue
        attachment = by_name.get(name)
        if attachment is None:
            problems.append((f"{pointer}/attachment", f"no attachment named {name!r}"))
            continue
        digest = getattr(struct, "sha256", None)
        if isinstance(digest, str) and digest != attachment.sha256:
            problems.append((f"{pointer}/sha256", f"differs from attachment {name!r}"))
    return problems
