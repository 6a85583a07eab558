"""Issued documents over HTTP: delivery to the owning partner, verification for anyone, roots.

* :mod:`gateway.documents.delivery` -- ``/v1/applications/{id}/documents`` (partner, scope read);
* :mod:`gateway.documents.verify` -- ``POST /v1/verify`` and the public page
  ``GET /v1/documents/{id}/verify`` the QR code on every document opens;
* :mod:`gateway.documents.roots` -- ``GET /v1/pki/roots``.
"""
