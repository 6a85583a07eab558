"""What S1 hands the engine and the gateway: its catalogue entry, hooks, result documents,
form and example."""

from __future__ import annotations

from typing import Any

from registry.customs_release.documents import RELEASE, RELEASE_REFUSAL, refusal, release_decision
from registry.customs_release.example import EXAMPLE
from registry.customs_release.forms import CustomsReleaseForm, validate_form
from registry.customs_release.hooks import HOOKS, SYSTEM_DATA_KEYS, control_and_number
from registry.customs_release.service import CUSTOMS_RELEASE
from registry.forms.examples import ExampleSpec
from registry.forms.spec import FormSpec
from registry.results.builders import ResultBuilder
from registry.workflow.services import Service

SERVICES = (
    Service(
        definition=CUSTOMS_RELEASE,
        approved=ResultBuilder(RELEASE, release_decision),
        refused=ResultBuilder(RELEASE_REFUSAL, refusal),
        hooks=HOOKS,
        registration=control_and_number,
        system_data_keys=SYSTEM_DATA_KEYS,
        office_field="customs_office_code",
    ),
)
FORMS: dict[str, FormSpec[Any]] = {
    CUSTOMS_RELEASE.code: FormSpec(CustomsReleaseForm, validate_form)
}
EXAMPLES: dict[str, ExampleSpec] = {CUSTOMS_RELEASE.code: EXAMPLE}
