"""A real HTTP listener on 127.0.0.1 that counts what reaches it, and a self-made signer whose
certificate names URLs on it (caIssuers, CRL distribution point, OCSP): what a stranger
uploads to make the gateway call an address of his choosing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

from asn1crypto import keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID


@dataclass
class Listener:
    base_url: str
    body: bytes
    paths: list[str] = field(default_factory=list)

    @property
    def host(self) -> str:
        return self.base_url.removeprefix("http://")


@contextmanager
def listening(body: bytes = b"not a certificate") -> Iterator[Listener]:
    """Answers every GET and POST with ``body`` and records the path."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    listener = Listener(f"http://127.0.0.1:{server.server_address[1]}", body)

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            listener.paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(listener.body)))
            self.end_headers()
            self.wfile.write(listener.body)

        do_GET = _answer  # noqa: N815
        do_POST = _answer  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class SelfMade:
    cert_pem: bytes
    key: rsa.RSAPrivateKey

    @property
    def asn1_cert(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(
            x509.load_pem_x509_certificate(self.cert_pem).public_bytes(serialization.Encoding.DER)
        )

    @property
    def asn1_key(self) -> keys.PrivateKeyInfo:
        return keys.PrivateKeyInfo.load(
            self.key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


def self_made_signer(base_url: str) -> SelfMade:
    """A certificate issued by a CA nobody has, naming four caIssuers URLs, a CRL and OCSP."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    issuers = [
        x509.AccessDescription(
            AuthorityInformationAccessOID.CA_ISSUERS,
            x509.UniformResourceIdentifier(f"{base_url}/aia/{n}.cer"),
        )
        for n in range(4)
    ]
    ocsp = x509.AccessDescription(
        AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(f"{base_url}/ocsp")
    )
    crl = x509.DistributionPoint(
        [x509.UniformResourceIdentifier(f"{base_url}/crl/ca.crl")], None, None, None
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Stranger")]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Stranger CA")]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.AuthorityInformationAccess([*issuers, ocsp]), critical=False)
        .add_extension(x509.CRLDistributionPoints([crl]), critical=False)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return SelfMade(cert.public_bytes(serialization.Encoding.PEM), key)


async def sign_pdf(signer: SelfMade, pdf: bytes) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    simple = signers.SimpleSigner(
        signing_cert=signer.asn1_cert,
        signing_key=signer.asn1_key,
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )
    out = await signers.async_sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf)),
        signers.PdfSignatureMetadata(field_name="Signature1"),
        signer=simple,
    )
    signed: bytes = out.getvalue()
    return signed
