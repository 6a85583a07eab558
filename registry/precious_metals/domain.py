"""What S3–S7 hand the engine and the gateway: five catalogue entries sharing one registration
check, their forms and examples.

Their results are the generic documents (the form's fields under the result title, the
motivated refusal); only the result kinds differ.
"""

from __future__ import annotations

from typing import Any

from registry.forms.spec import FormSpec
from registry.precious_metals import example
from registry.precious_metals.forms import (
    export_act,
    extraction_feasibility,
    import_act,
    processing_infeasibility,
    special_registration,
)
from registry.precious_metals.hooks import check_applicant_exists
from registry.precious_metals.service import (
    PM_EXPORT_ACT,
    PM_EXTRACTION_FEASIBILITY,
    PM_IMPORT_ACT,
    PM_PROCESSING_INFEASIBILITY,
    PM_SPECIAL_REGISTRATION,
)
from registry.results.builders import approval_as
from registry.workflow.services import Service

SERVICES = tuple(
    Service(
        definition=definition,
        approved=approval_as(kind),
        registration=check_applicant_exists,
    )
    for definition, kind in (
        (PM_SPECIAL_REGISTRATION, "pm_certificate"),
        (PM_EXTRACTION_FEASIBILITY, "pm_conclusion"),
        (PM_PROCESSING_INFEASIBILITY, "pm_conclusion"),
        (PM_EXPORT_ACT, "pm_act"),
        (PM_IMPORT_ACT, "pm_act"),
    )
)
FORMS: dict[str, FormSpec[Any]] = {
    PM_SPECIAL_REGISTRATION.code: FormSpec(
        special_registration.PmSpecialRegistrationForm, special_registration.validate_form
    ),
    PM_EXTRACTION_FEASIBILITY.code: FormSpec(
        extraction_feasibility.PmExtractionFeasibilityForm,
        extraction_feasibility.validate_form,
    ),
    PM_PROCESSING_INFEASIBILITY.code: FormSpec(
        processing_infeasibility.PmProcessingInfeasibilityForm,
        processing_infeasibility.validate_form,
    ),
    PM_EXPORT_ACT.code: FormSpec(export_act.PmExportActForm, export_act.validate_form),
    PM_IMPORT_ACT.code: FormSpec(import_act.PmImportActForm, import_act.validate_form),
}
EXAMPLES = example.EXAMPLES
