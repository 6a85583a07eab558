"""Which form belongs to which service: the one table the envelope decoder consults.

The catalogue (:mod:`registry.catalogue`) points at the same Structs; this table lives with
the forms so that decoding does not depend on the catalogue (the catalogue depends on forms).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec

from registry.forms import (
    customs_release,
    declarant_certificate,
    pm_export_act,
    pm_extraction_feasibility,
    pm_import_act,
    pm_processing_infeasibility,
    pm_special_registration,
    reexport_permit,
)
from registry.forms.common import Problem

F = TypeVar("F", bound=msgspec.Struct)

ServiceForm = (
    customs_release.CustomsReleaseForm
    | declarant_certificate.DeclarantCertificateForm
    | pm_special_registration.PmSpecialRegistrationForm
    | pm_extraction_feasibility.PmExtractionFeasibilityForm
    | pm_processing_infeasibility.PmProcessingInfeasibilityForm
    | pm_export_act.PmExportActForm
    | pm_import_act.PmImportActForm
    | reexport_permit.ReexportPermitForm
)
"""Any service's form, for ``match`` in the layers that handle several services."""


@dataclass(frozen=True, slots=True)
class FormSpec(Generic[F]):
    """A service's form Struct and its consistency checks."""

    struct: type[F]
    validate: Callable[[F], list[Problem]]

    @property
    def schema_name(self) -> str:
        """The OpenAPI component name (msgspec and Litestar name components by class)."""
        return self.struct.__name__


FORMS: dict[str, FormSpec[Any]] = {
    "customs-release": FormSpec(customs_release.CustomsReleaseForm, customs_release.validate_form),
    "declarant-certificate": FormSpec(
        declarant_certificate.DeclarantCertificateForm, declarant_certificate.validate_form
    ),
    "pm-special-registration": FormSpec(
        pm_special_registration.PmSpecialRegistrationForm, pm_special_registration.validate_form
    ),
    "pm-extraction-feasibility": FormSpec(
        pm_extraction_feasibility.PmExtractionFeasibilityForm,
        pm_extraction_feasibility.validate_form,
    ),
    "pm-processing-infeasibility": FormSpec(
        pm_processing_infeasibility.PmProcessingInfeasibilityForm,
        pm_processing_infeasibility.validate_form,
    ),
    "pm-export-act": FormSpec(pm_export_act.PmExportActForm, pm_export_act.validate_form),
    "pm-import-act": FormSpec(pm_import_act.PmImportActForm, pm_import_act.validate_form),
    "reexport-permit": FormSpec(reexport_permit.ReexportPermitForm, reexport_permit.validate_form),
}
"""Service code → form, in catalogue order (S1–S8)."""


def validate_form(form: msgspec.Struct) -> list[Problem]:
    """Run the consistency checks of whichever service ``form`` belongs to."""
    for spec in FORMS.values():
        if type(form) is spec.struct:
            return spec.validate(form)
    raise TypeError(f"{type(form).__name__} is not a service form")
