"""Settings come from QAQPA_* variables, with defaults that run the local stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.settings import Settings, SettingsError, load_settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_defaults_point_at_the_local_stack() -> None:
    settings = load_settings({})
    assert settings == Settings()
    assert settings.port == 8000
    assert settings.database_url.startswith("postgresql+asyncpg://")
    assert "127.0.0.1" in settings.redis_url


def test_variables_override_and_are_typed() -> None:
    settings = load_settings(
        {"QAQPA_PORT": "9001", "QAQPA_LOG_JSON": "false", "QAQPA_ENV": "test", "OTHER": "x"}
    )
    assert settings.port == 9001
    assert settings.log_json is False
    assert settings.env == "test"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("QAQPA_PORT", "eighty"), ("QAQPA_ENV", "staging"), ("QAQPA_LOG_LEVEL", "LOUD")],
)
def test_bad_value_names_the_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        load_settings({variable: value})


def test_every_variable_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [
        f"QAQPA_{name.upper()}"
        for name in Settings.__struct_fields__
        if f"`QAQPA_{name.upper()}`" not in readme
    ]
    assert missing == []
