"""Every handler names its dependencies explicitly (Litestar 3 drops inferred ones)."""

from __future__ import annotations

import warnings

from gateway.app import create_app
from registry.settings import Settings


def test_no_handler_infers_a_dependency() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        create_app(Settings())
    inferred = [str(w.message) for w in caught if "Inferred dependency" in str(w.message)]
    assert inferred == []
