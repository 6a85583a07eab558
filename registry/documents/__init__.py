"""Signed result documents in the system of record: storing them, listing and reading them.

:mod:`registry.documents.repository` is the only code that touches the ``documents`` table.
"""

from registry.documents.repository import (
    DocumentView,
    SignedFile,
    application_documents,
    documents_to_verify,
    partner_document,
    store_documents,
)

__all__ = [
    "DocumentView",
    "SignedFile",
    "application_documents",
    "documents_to_verify",
    "partner_document",
    "store_documents",
]
