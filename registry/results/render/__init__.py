"""Rendering result documents: the same decision as an A4 PDF and as an XML document.

The worker calls :func:`render_pdf` and :func:`render_xml` on a
:class:`registry.results.document.ResultDocument` and hands the unsigned bytes to the PAdES and
XAdES signers; :func:`parse_xml` reads the XML back (the verifier and the tests use it).
"""

from registry.results.render.pdf import (
    MissingGlyphsError,
    RenderedPdf,
    SignatureBox,
    render_pdf,
    render_pdf_layout,
)
from registry.results.render.xmldoc import DocumentXmlError, parse_xml, render_xml

__all__ = [
    "DocumentXmlError",
    "MissingGlyphsError",
    "RenderedPdf",
    "SignatureBox",
    "parse_xml",
    "render_pdf",
    "render_pdf_layout",
    "render_xml",
]
