"""The ``qaqpa demo application`` contract: one JSON object on stdout, exit codes."""

from __future__ import annotations

import json

import msgspec
import pytest
from click.testing import CliRunner

from registry.demo_cli import demo
from registry.domains import FORMS
from registry.forms.envelope import decode_application


@pytest.mark.parametrize("code", list(FORMS))
def test_prints_one_valid_application(code: str) -> None:
    result = CliRunner().invoke(demo, ["application", code])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)  # exactly one JSON value, nothing else
    assert document["service"] == code
    assert decode_application(result.stdout.encode(), FORMS).service == code
    assert result.stderr == ""


def test_iin_sets_the_applicant_number() -> None:
    result = CliRunner().invoke(demo, ["application", "customs-release", "--iin", "760212350620"])
    assert result.exit_code == 0
    applicant = json.loads(result.stdout)["applicant"]
    assert applicant["iin"] == "760212350620"
    assert "bin" not in applicant


def test_bin_sets_the_applicant_number() -> None:
    result = CliRunner().invoke(demo, ["application", "pm-export-act", "--bin", "940140000385"])
    assert result.exit_code == 0
    document = msgspec.json.decode(result.stdout)
    assert document["applicant"]["bin"] == "940140000385"
    assert document["form"]["applicant"]["bin"] == "940140000385"


def test_unknown_service_exits_2_with_message_on_stderr() -> None:
    result = CliRunner().invoke(demo, ["application", "fishing-licence"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown service 'fishing-licence'" in result.stderr
    assert "customs-release" in result.stderr


def test_both_numbers_is_a_usage_error() -> None:
    result = CliRunner().invoke(
        demo,
        ["application", "customs-release", "--iin", "871008401427", "--bin", "940140000385"],
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "not both" in result.stderr


def test_malformed_number_is_a_usage_error() -> None:
    result = CliRunner().invoke(demo, ["application", "customs-release", "--bin", "94014"])
    assert result.exit_code == 2
    assert "12 digits" in result.stderr
