"""The risk rule kinds the rules accept are the kinds the table's CHECK constraint allows."""

from __future__ import annotations

from registry.customs_release.risk.repository import RULE_KINDS
from registry.models import customs_control


def test_the_repository_and_the_table_know_the_same_kinds() -> None:
    assert set(RULE_KINDS) == set(customs_control.RULE_KINDS)
    assert len(RULE_KINDS) == len(set(RULE_KINDS)) == 6
