"""One narrow asn1crypto accommodation for NCA: the empty OCSP no-check extension.

NCA's OCSP responder certificates carry id-pkix-ocsp-nocheck with an *empty* extnValue
OCTET STRING (RFC 6960 wants it to wrap a NULL).  asn1crypto parses every known extension
the first time any extension accessor is used, so that one empty value makes
``key_usage_value``, ``extended_key_usage_value``... raise ValueError, and
pyhanko-certvalidator then cannot judge the responder at all.  We replace
``Certificate._set_extensions`` with the same loop that reads an *empty* no-check value as
the NULL it was meant to be.  asn1crypto also parses a nested spec as soon as anything --
even ``dump()`` inside certvalidator -- touches the extension; it does so only when the spec
is truthy (``if spec_override:`` in ``Sequence._parse_children``), so no-check's spec becomes
:class:`LenientNull`, a NULL whose class is falsy: built and constructed exactly like
``core.Null``, parsed only when asked.  A non-empty no-check value still parses as NULL
(malformed ones still raise) and every other extension parses exactly as before, so nothing
is loosened for RSA/ECDSA certificates.

The GOST key and signature OIDs need no registration: asn1crypto carries unknown OIDs as
dotted strings, our registry decides about them by OID, and the only accessors that raise
KeyError on them (``PublicKeyInfo.bit_size``/``curve``/``unwrap`` and PKCS#8 parsing) are
never reached for GOST: :mod:`signing.gost.keys` reads those keys with our own DER walker.
"""

from __future__ import annotations

from typing import Any

from asn1crypto import core, x509

_NO_CHECK = "ocsp_no_check"


class _Falsy(type):
    def __bool__(cls) -> bool:
        return False


class LenientNull(core.Null, metaclass=_Falsy):  # type: ignore[misc]
    """``core.Null`` that asn1crypto does not parse eagerly as an extension value."""


def _set_extensions(self: Any) -> None:
    self._critical_extensions = set()
    for extension in self["tbs_certificate"]["extensions"]:
        name = extension["extn_id"].native
        attribute_name = f"_{name}_value"
        if hasattr(self, attribute_name):
            if name == _NO_CHECK:
                value = extension["extn_value"]
                empty = bytes(value.contents) == b""
                setattr(self, attribute_name, core.Null() if empty else value.parse(core.Null))
            else:
                setattr(self, attribute_name, extension["extn_value"].parsed)
        if extension["critical"].native:
            self._critical_extensions.add(name)
    self._processed_extensions = True


def install() -> None:
    """Idempotent; called when :mod:`signing.gost` is imported."""
    x509.Extension._oid_specs[_NO_CHECK] = LenientNull
    x509.Certificate._set_extensions = _set_extensions
