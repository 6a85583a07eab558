"""Shared by the form tests: build an example, break it, decode it, read the errors."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from registry.domains import FORMS, example_application
from registry.forms.envelope import FormError, decode_application


def errors_of(document: dict[str, Any] | bytes) -> tuple[str, list[dict[str, str]]]:
    """Decode ``document`` expecting a FormError; return its code and errors."""
    data = document if isinstance(document, bytes) else msgspec.json.encode(document)
    with pytest.raises(FormError) as caught:
        decode_application(data, FORMS)
    return caught.value.code, caught.value.errors


def pointers_of(document: dict[str, Any] | bytes) -> list[str]:
    code, errors = errors_of(document)
    assert code == "validation_error"
    return [error["pointer"] for error in errors]


def example(code: str, **numbers: str) -> dict[str, Any]:
    return example_application(code, **numbers)
