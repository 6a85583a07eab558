"""The services the engine runs, as their domains describe them, installed at start.

The engine imports no domain. Each domain package describes each of its services as a
:class:`Service` (its catalogue entry, its hooks, its result-document builders and the decision
data only the software sets); :func:`registry.domains.install` hands them all to the engine
once, when a process starts (the gateway's app, the worker's start-up, the CLI, the tests).
The engine then looks a service up by the code an application row carries: ``move`` is called
from code that is not handed the catalogue (jobs, complaints, the domains themselves), so the
table is process-wide, like the working calendar (:mod:`registry.calendar.current`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import msgspec

from registry.catalogue.model import ServiceDefinition
from registry.results.builders import (
    MOTIVATED_REFUSAL_BUILDER,
    Outcome,
    ResultBuilder,
)
from registry.workflow.actors import Decision
from registry.workflow.hooks import Hooks, RegistrationHook

# Decision-data keys only the software sets, whatever the service: the result kind.
_ALWAYS_SYSTEM_KEYS = frozenset({"kind"})


@dataclass(frozen=True, kw_only=True)
class Service:
    """What the engine needs of one service beyond its state machine."""

    definition: ServiceDefinition
    approved: ResultBuilder  # the result document of an approval, and its kind
    refused: ResultBuilder = MOTIVATED_REFUSAL_BUILDER
    hooks: Hooks = field(default_factory=Hooks)
    registration: RegistrationHook | None = None  # None: every application is registered
    # Decision-data keys an officer may not set (computed facts: corridors, permit validity,
    # exam scores); an officer's decision loses them (registry.workflow.actors).
    system_data_keys: frozenset[str] = frozenset()
    # The form field naming the customs office, for a service whose officers are scoped by
    # office as well (registry.officers.scope); None: offices do not narrow it.
    office_field: str | None = None

    @property
    def code(self) -> str:
        return self.definition.code

    def builder(self, outcome: Outcome) -> ResultBuilder:
        return self.approved if outcome == "approved" else self.refused


class ServicesNotInstalledError(LookupError):
    """The process did not call registry.domains.install() before using the engine."""


_INSTALLED: dict[str, Service] = {}


def install(services: Iterable[Service]) -> None:
    """Make ``services`` the ones the engine runs (replacing any installed before)."""
    table = {service.code: service for service in services}
    _INSTALLED.clear()
    _INSTALLED.update(table)


def installed() -> Mapping[str, Service]:
    """Service code → service, in the order installed."""
    if not _INSTALLED:
        raise ServicesNotInstalledError("no services installed: call registry.domains.install()")
    return _INSTALLED


def service_of(code: str) -> Service:
    """The installed service ``code``; LookupError if there is none."""
    service = installed().get(code)
    if service is None:  # the catalogue lost a service that has applications
        raise LookupError(f"unknown service {code!r}")
    return service


def system_data_keys() -> frozenset[str]:
    """The decision-data keys only the software sets, over every installed service."""
    keys = set(_ALWAYS_SYSTEM_KEYS)
    for service in installed().values():
        keys |= service.system_data_keys
    return frozenset(keys)


def officer_decision(decision: Decision) -> Decision:
    """An officer's ``decision`` without the keys only the software sets (dropped, not refused:
    the hooks then fill them in)."""
    keys = system_data_keys()
    data = {key: value for key, value in decision.data.items() if key not in keys}
    return (
        decision
        if len(data) == len(decision.data)
        else msgspec.structs.replace(decision, data=data)
    )
