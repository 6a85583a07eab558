"""The eight service codes in the order of the spec, written out by hand.

Tests compare the catalogue, the forms and the samples against this list rather than against
each other, so a service dropped from one of them fails a test.
"""

from __future__ import annotations

SERVICE_CODES = [
    "customs-release",
    "declarant-certificate",
    "pm-special-registration",
    "pm-extraction-feasibility",
    "pm-processing-infeasibility",
    "pm-export-act",
    "pm-import-act",
    "reexport-permit",
]
