"""A service's form: its msgspec Struct and its consistency checks.

Each domain package names its services' forms; :data:`registry.domains.FORMS` is the
service → form table the envelope decoder (:mod:`registry.forms.envelope`) is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import msgspec

from registry.forms.common import Problem

F = TypeVar("F", bound=msgspec.Struct)


@dataclass(frozen=True, slots=True)
class FormSpec(Generic[F]):
    """A service's form Struct and its consistency checks."""

    struct: type[F]
    validate: Callable[[F], list[Problem]]

    @property
    def schema_name(self) -> str:
        """The OpenAPI component name (msgspec and Litestar name components by class)."""
        return self.struct.__name__
