"""What S2 hands the engine and the gateway: its catalogue entry, registration check, result
documents, form and example."""

from __future__ import annotations

from typing import Any

from registry.declarant_certificate.certificate import KIND, certificate, refusal
from registry.declarant_certificate.example import EXAMPLE
from registry.declarant_certificate.forms import DeclarantCertificateForm, validate_form
from registry.declarant_certificate.hooks import SYSTEM_DATA_KEYS, refuse_early_retake
from registry.declarant_certificate.service import DECLARANT_CERTIFICATE
from registry.forms.examples import ExampleSpec
from registry.forms.spec import FormSpec
from registry.results.builders import ResultBuilder
from registry.workflow.services import Service

SERVICES = (
    Service(
        definition=DECLARANT_CERTIFICATE,
        approved=ResultBuilder(KIND, certificate),
        refused=ResultBuilder("motivated_refusal", refusal),
        registration=refuse_early_retake,
        system_data_keys=SYSTEM_DATA_KEYS,
    ),
)
FORMS: dict[str, FormSpec[Any]] = {
    DECLARANT_CERTIFICATE.code: FormSpec(DeclarantCertificateForm, validate_form)
}
EXAMPLES: dict[str, ExampleSpec] = {DECLARANT_CERTIFICATE.code: EXAMPLE}
