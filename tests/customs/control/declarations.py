"""The example declaration (registry.forms.examples) as a form, and ways to spoil it."""

from __future__ import annotations

import copy
from typing import Any

import msgspec

from registry.customs_release.forms import CustomsReleaseForm
from registry.domains import example_application

Json = dict[str, Any]


def example() -> tuple[Json, list[str]]:
    """The example form as JSON (a fresh copy to edit) and its attachment names."""
    application = example_application("customs-release")
    return copy.deepcopy(application["form"]), [item["name"] for item in application["attachments"]]


def form_of(data: Json) -> CustomsReleaseForm:
    """Decode like intake does (shapes and patterns; not the form's cross-field checks)."""
    return msgspec.convert(data, CustomsReleaseForm)
