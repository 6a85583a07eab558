"""The worker's typed view of arq's ``ctx``: what its start-up opened, one accessor each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from registry.resources import Resources
from registry.statedb.interface import StateDatabase

if TYPE_CHECKING:  # the signing job imports this module
    from workers.jobs.signing import Issuer

RESOURCES_KEY = "resources"
STATEDB_KEY = "statedb"
ISSUER_KEY = "issuer"


def resources_of(ctx: Mapping[str, Any]) -> Resources:
    """The :class:`~registry.resources.Resources` ``workers.settings.startup`` put in ``ctx``."""
    resources: Resources = ctx[RESOURCES_KEY]
    return resources


def statedb_of(ctx: Mapping[str, Any]) -> StateDatabase:
    """The state database (its own connection pool) ``workers.settings.startup`` opened."""
    statedb: StateDatabase = ctx[STATEDB_KEY]
    return statedb


def issuer_of(ctx: Mapping[str, Any]) -> Issuer | None:
    """The signing keys ``workers.settings.startup`` opened; None without a key store (or
    when start-up stopped before opening them)."""
    issuer: Issuer | None = ctx.get(ISSUER_KEY)
    return issuer
