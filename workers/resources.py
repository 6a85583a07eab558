"""The worker's typed view of arq's ``ctx``: the shared resources its start-up opened."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from registry.resources import Resources

RESOURCES_KEY = "resources"


def resources_of(ctx: Mapping[str, Any]) -> Resources:
    """The :class:`~registry.resources.Resources` ``workers.settings.startup`` put in ``ctx``."""
    resources: Resources = ctx[RESOURCES_KEY]
    return resources
