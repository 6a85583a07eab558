"""The service domains, put together in one place: the catalogue, the forms, the examples.

Each domain package (``registry.customs_release``, ``registry.declarant_certificate``,
``registry.precious_metals``, ``registry.reexport_permit``) describes its services in its
``domain`` module; this module lists them, in the order of SERVICES.md, and is the only one
that imports them all. The engine (:mod:`registry.workflow`) imports no domain: a process
hands it the services with :func:`install` at start (the gateway's app, the worker's start-up,
the CLI, the tests). Importing a domain registers nothing.
"""

from __future__ import annotations

from typing import Any

import msgspec

from registry.catalogue.model import PublicService, ServiceDefinition, public_service
from registry.customs_release import domain as customs_release
from registry.declarant_certificate import domain as declarant_certificate
from registry.forms.common import Problem
from registry.forms.examples import ExampleSpec, Json, application_document
from registry.forms.spec import FormSpec
from registry.precious_metals import domain as precious_metals
from registry.reexport_permit import domain as reexport_permit
from registry.workflow import services as engine_services
from registry.workflow.services import Service

SERVICES: tuple[Service, ...] = (
    *customs_release.SERVICES,
    *declarant_certificate.SERVICES,
    *precious_metals.SERVICES,
    *reexport_permit.SERVICES,
)

CATALOGUE: dict[str, ServiceDefinition] = {service.code: service.definition for service in SERVICES}
"""Service code → definition, in the order of SERVICES.md."""

FORMS: dict[str, FormSpec[Any]] = {
    **customs_release.FORMS,
    **declarant_certificate.FORMS,
    **precious_metals.FORMS,
    **reexport_permit.FORMS,
}
"""Service code → form, in the order of SERVICES.md: what the envelope decoder is given."""

EXAMPLES: dict[str, ExampleSpec] = {
    **customs_release.EXAMPLES,
    **declarant_certificate.EXAMPLES,
    **precious_metals.EXAMPLES,
    **reexport_permit.EXAMPLES,
}


def get_service(code: str) -> ServiceDefinition | None:
    """The definition of service ``code``, or None if there is no such service."""
    return CATALOGUE.get(code)


def public_catalogue() -> list[PublicService]:
    """Every service's public view, in catalogue order (``GET /v1/services``)."""
    return [public_service(definition) for definition in CATALOGUE.values()]


def validate_form(form: msgspec.Struct) -> list[Problem]:
    """Run the consistency checks of whichever service ``form`` belongs to."""
    for spec in FORMS.values():
        if type(form) is spec.struct:
            return spec.validate(form)
    raise TypeError(f"{type(form).__name__} is not a service form")


def example_application(code: str, *, iin: str | None = None, bin: str | None = None) -> Json:
    """A valid application document for service ``code`` (JSON-ready dict;
    :mod:`registry.forms.examples`).

    Raises ``KeyError`` for an unknown service and ``ValueError`` when both numbers are given.
    """
    return application_document(code, EXAMPLES[code], iin=iin, bin=bin)


def install() -> None:
    """Hand every service to the workflow engine (once per process, at start)."""
    engine_services.install(SERVICES)
