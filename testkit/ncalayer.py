"""An NCALayer stand-in for tests (TEST KEYS ONLY): a WebSocket server on loopback.

NCALayer is the NCA's desktop app that e-government pages ask, over a local WebSocket, to sign
with the user's key. This speaks the part of its protocol the console uses (the ``basics``
module, as the npm package ``ncalayer-js-client`` documents it):

* on connect it greets with ``{"result": {"version": ...}}``;
* ``{"module": "kz.gov.pki.knca.basics", "method": "sign", "args": {"format": "cms",
  "data": base64, "signingParams": {"decode": true, "encapsulate": true, ...},
  "signerParams": {...}, ...}}`` answers ``{"status": true, "body": {"result": base64 CMS}}``;
* the same with ``"encapsulate": false`` answers a detached CMS over ``data`` (a PDF's
  byte ranges, hashed here with the key's own digest), and with ``"digested": true`` treats
  ``data`` as a precomputed digest of the key's algorithm (SHA-256 for RSA, Streebog-512 for
  GOST 2015) and answers a detached CMS over it;
* ``"format": "xml"`` (the client library's ``basicsSignXML``, the basics module's
  ``signXml``) answers the XML string with an enveloped XMLDSig in it;
* anything else answers ``{"status": false, "code": "500", ...}``, and :meth:`cancel` makes the
  next sign answer as a user who closed the dialog (``{"status": true, "body": {}}``);
* ``signerParams.extKeyUsageOids`` filters the keys offered, as NCALayer does: a key whose
  certificate lacks one of those extended key usages is not offered, so the user can only close
  the dialog (the same empty answer as a cancel).  NCA's GOST 2015 single keys have no
  clientAuth usage, so a page that asks for it hides them.

The key "the user picks" is the test PKI certificate named by :attr:`NcaLayerStandIn.label`,
which a test sets before it clicks; the signature is a real CMS made with that key
(:func:`testkit.pki.sign.sign_cms`), so the gateway verifies it as it would a real one.  Or,
when a test sets :attr:`NcaLayerStandIn.gost` (an NCA GOST key from its PKCS#12 file, read by
:mod:`testkit.gost`), that key signs everything -- login, PDF and XML -- as NCALayer would with
a GOST 2015 single key (one key for authentication and signing).
"""

from __future__ import annotations

import base64
import json
import threading
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509
from websockets.sync.server import Server, ServerConnection, serve

from testkit.gost.signer import GostSigner
from testkit.pki.config import LEAF_KEYS
from testkit.pki.keys import load_private_key
from testkit.pki.sign import sign_cms, sign_cms_digest, sign_xml

VERSION = "1.4-qaqpa-test"
BASICS = "kz.gov.pki.knca.basics"


def _certificate(pki_dir: Path, label: str) -> x509.Certificate:
    _, _, der = pem.unarmor((pki_dir / "certs" / f"{label}.pem").read_bytes())
    return x509.Certificate.load(der)


def _key_label(label: str) -> str:
    # Certificates that share a key (the legal entity's staff) name it in LEAF_KEYS.
    return LEAF_KEYS.get(label, label)


def sign_login_nonce(pki_dir: Path, label: str, data: bytes) -> bytes:
    """An attached CMS (DER) over ``data`` with the ``label`` certificate's key."""
    cert = _certificate(pki_dir, label)
    return sign_cms(data, cert, load_private_key(pki_dir, _key_label(label)), detached=False)


def sign_digest(pki_dir: Path, label: str, digest: bytes) -> bytes:
    """A detached CMS (DER) over a precomputed SHA-256 ``digest``, as NCALayer makes it."""
    cert = _certificate(pki_dir, label)
    key = load_private_key(pki_dir, _key_label(label))
    return sign_cms_digest(digest, cert, key)


def sign_xml_document(pki_dir: Path, label: str, document: str) -> str:
    """``document`` with an enveloped XMLDSig by the ``label`` certificate's key."""
    key = load_private_key(pki_dir, _key_label(label))
    cert_pem = (pki_dir / "certs" / f"{label}.pem").read_bytes()
    return sign_xml(document.encode("utf-8"), cert_pem, key).decode("utf-8")


class NcaLayerStandIn:
    """Serves on ``ws://127.0.0.1:<port>`` in a thread; ``with`` starts and stops it.

    ``qaqpa pki ncalayer`` runs one for the local stack (``make run``), on NCALayer's port.
    """

    def __init__(
        self, pki_dir: Path, label: str = "provider-executor-auth", *, port: int = 0
    ) -> None:
        self.pki_dir = pki_dir
        self.port = port  # 0: any free port
        self.label = label  # the certificate the next sign uses (and its key label)
        self.gost: GostSigner | None = None  # when set, this NCA GOST key signs instead
        self.gost_chain: list[x509.Certificate] = []  # its CA, put into the CMS
        self.requests: list[dict[str, Any]] = []
        self._cancel_next = False
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the stand-in is not running")
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}"

    def cancel(self) -> None:
        """The next sign request answers as if the user closed NCALayer's dialog."""
        self._cancel_next = True

    def start(self) -> NcaLayerStandIn:
        self._server = serve(self._handle, "127.0.0.1", self.port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> NcaLayerStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _handle(self, connection: ServerConnection) -> None:
        connection.send(json.dumps({"result": {"version": VERSION}}))
        for message in connection:
            request = json.loads(message)
            self.requests.append(request)
            connection.send(json.dumps(self._answer(request)))

    def _answer(self, request: dict[str, Any]) -> dict[str, Any]:
        args = request.get("args") or {}
        if request.get("module") != BASICS or request.get("method") != "sign":
            return {"status": False, "code": "500", "message": "unsupported", "details": ""}
        if self._cancel_next:
            self._cancel_next = False
            return {"status": True, "body": {}}
        if not self._offers_key(args.get("signerParams") or {}):
            return {"status": True, "body": {}}
        params = args.get("signingParams") or {}
        raw = str(args.get("data", ""))
        if args.get("format") == "xml":
            return {"status": True, "body": {"result": self._sign_xml(raw)}}
        if args.get("format") != "cms":
            return {"status": False, "code": "500", "message": "unknown format", "details": ""}
        if params.get("digested") and params.get("encapsulate"):
            # NCALayer cannot encapsulate content it never saw: a digest gives a detached CMS.
            return {"status": False, "code": "500", "message": "detached only", "details": ""}
        data = (
            base64.b64decode(raw)
            if params.get("decode") or params.get("digested")
            else raw.encode()
        )
        cms = self._sign_cms(
            data, digested=bool(params.get("digested")), attached=bool(params.get("encapsulate"))
        )
        return {"status": True, "body": {"result": base64.b64encode(cms).decode()}}

    def _offers_key(self, signer_params: dict[str, Any]) -> bool:
        """Whether the key in use passes the page's extended-key-usage filter."""
        wanted = set(signer_params.get("extKeyUsageOids") or [])
        if not wanted:
            return True
        gost = self.gost
        cert = gost.certificate if gost is not None else _certificate(self.pki_dir, self.label)
        usages = cert.extended_key_usage_value
        return usages is not None and wanted <= {usage.dotted for usage in usages}

    def _sign_cms(self, data: bytes, *, digested: bool, attached: bool) -> bytes:
        if self.gost is not None:
            if digested:
                return self.gost.sign_cms_digest(data, extra_certs=self.gost_chain)
            return self.gost.sign_cms(data, detached=not attached, extra_certs=self.gost_chain)
        if digested:
            return sign_digest(self.pki_dir, self.label, data)
        if attached:
            return sign_login_nonce(self.pki_dir, self.label, data)
        cert = _certificate(self.pki_dir, self.label)
        return sign_cms(data, cert, load_private_key(self.pki_dir, _key_label(self.label)))

    def _sign_xml(self, document: str) -> str:
        if self.gost is not None:
            return self.gost.sign_xml(document.encode("utf-8")).decode("utf-8")
        return sign_xml_document(self.pki_dir, self.label, document)
