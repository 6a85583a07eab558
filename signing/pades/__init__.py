"""PAdES: sign PDFs with key-store keys (B-B ... B-LTA) and report on any signed PDF.

``PadesSigner(key, tsa_url=...)`` -- build once per key, ``await signer.sign(pdf, level=...)``.
``prepare_external`` / ``finish_external`` -- the same with the officer's own key (NCALayer).
``await verify_pdf(data, trust=[root])`` -> :class:`signing.report.DocumentReport`.
"""

from signing.pades.external import (
    PreparedPdf,
    finish_external,
    prepare_external,
    signer_chain,
)
from signing.pades.sign import DEFAULT_LEVEL, PadesError, PadesSigner
from signing.pades.verify import DocumentFormatError, signer_report, verify_pdf

__all__ = [
    "DEFAULT_LEVEL",
    "DocumentFormatError",
    "PadesError",
    "PadesSigner",
    "PreparedPdf",
    "finish_external",
    "prepare_external",
    "signer_chain",
    "signer_report",
    "verify_pdf",
]
