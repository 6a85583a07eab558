"""The dependencies controllers ask for: the process's shared ``resources``, and who calls.

A handler parameter ``resources: SharedResources`` receives what the lifespan opened; a
controller with ``dependencies = PARTNER_DEPENDENCY`` (or ``OFFICER_DEPENDENCY``) gives its
handlers ``partner: Partner`` (``officer: Officer``), the caller its guards authenticated.
"""

from __future__ import annotations

from litestar.datastructures import State
from litestar.di import NamedDependency, Provide

from gateway.auth import AuthenticatedPartner, current_partner
from gateway.officers.auth import AuthenticatedOfficer, current_officer
from registry.resources import Resources

SharedResources = NamedDependency[Resources]
Partner = NamedDependency[AuthenticatedPartner]
Officer = NamedDependency[AuthenticatedOfficer]


def resources_of(state: State) -> Resources:
    """The shared resources the lifespan put on ``app.state`` (gateway/resources.py)."""
    resources: Resources = state.resources
    return resources


RESOURCES_DEPENDENCY = {"resources": Provide(resources_of, sync_to_thread=False)}
PARTNER_DEPENDENCY = {"partner": Provide(current_partner, sync_to_thread=False)}
OFFICER_DEPENDENCY = {"officer": Provide(current_officer, sync_to_thread=False)}
