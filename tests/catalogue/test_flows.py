"""Every service's state machine is consistent: known statuses, reachable, no dead ends."""

from __future__ import annotations

import pytest

from registry.catalogue.model import ServiceDefinition
from registry.domains import CATALOGUE

SERVICES = [definition for definition in CATALOGUE.values() if definition.transitions]


def test_every_service_has_a_state_machine() -> None:
    assert {definition.code for definition in SERVICES} == set(CATALOGUE)


@pytest.mark.parametrize("definition", SERVICES, ids=lambda d: d.code)
def test_transitions_join_known_statuses_and_every_status_is_reachable(
    definition: ServiceDefinition,
) -> None:
    statuses = {status.code: status for status in definition.statuses}
    assert len(statuses) == len(definition.statuses), "status codes are unique"
    for transition in definition.transitions:
        assert transition.source in statuses, transition
        assert transition.target in statuses, transition
        assert not statuses[transition.source].final, f"{transition.source} is final"
    reached = {"received"}
    frontier = ["received"]
    while frontier:
        source = frontier.pop()
        for transition in definition.transitions:
            if transition.source == source and transition.target not in reached:
                reached.add(transition.target)
                frontier.append(transition.target)
    assert reached == set(statuses), f"unreachable: {set(statuses) - reached}"
    for code, status in statuses.items():
        leaves = [t for t in definition.transitions if t.source == code]
        assert status.final or leaves, f"{code} is a dead end"


@pytest.mark.parametrize("definition", SERVICES, ids=lambda d: d.code)
def test_a_step_status_is_acted_on_by_the_steps_role(definition: ServiceDefinition) -> None:
    steps = {step.code: step for step in definition.steps}
    for transition in definition.transitions:
        step = steps.get(transition.source)
        if step is not None and transition.roles != ("system",):
            assert step.role in transition.roles, transition


@pytest.mark.parametrize("definition", SERVICES, ids=lambda d: d.code)
def test_refusals_cite_grounds_the_service_has(definition: ServiceDefinition) -> None:
    refusing = [t for t in definition.transitions if t.effect == "result_refused"]
    assert refusing, "every service can refuse"
    assert definition.refusal_grounds
