"""What S8 hands the engine and the gateway: its catalogue entry, hooks, result documents,
form and example."""

from __future__ import annotations

from typing import Any

from registry.forms.examples import ExampleSpec
from registry.forms.spec import FormSpec
from registry.reexport_permit.documents import permit, refusal
from registry.reexport_permit.example import EXAMPLE
from registry.reexport_permit.forms import ReexportPermitForm, validate_form
from registry.reexport_permit.hooks import HOOKS, SYSTEM_DATA_KEYS
from registry.reexport_permit.service import REEXPORT_PERMIT, SERVICE
from registry.results.builders import ResultBuilder
from registry.workflow.services import Service

SERVICES = (
    Service(
        definition=REEXPORT_PERMIT,
        approved=ResultBuilder("reexport_permit", permit),
        refused=ResultBuilder("motivated_refusal", refusal),
        hooks=HOOKS,
        system_data_keys=SYSTEM_DATA_KEYS,
    ),
)
FORMS: dict[str, FormSpec[Any]] = {SERVICE: FormSpec(ReexportPermitForm, validate_form)}
EXAMPLES: dict[str, ExampleSpec] = {SERVICE: EXAMPLE}
