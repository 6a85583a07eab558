"""The dependency every controller may ask for: the process's shared ``resources``."""

from __future__ import annotations

from litestar.datastructures import State
from litestar.di import NamedDependency, Provide

from registry.resources import Resources

# A handler parameter ``resources: SharedResources`` receives what the lifespan opened.
SharedResources = NamedDependency[Resources]


def resources_of(state: State) -> Resources:
    """The shared resources the lifespan put on ``app.state`` (gateway/resources.py)."""
    resources: Resources = state.resources
    return resources


RESOURCES_DEPENDENCY = {"resources": Provide(resources_of, sync_to_thread=False)}
