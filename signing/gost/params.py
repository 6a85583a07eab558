"""The GOST algorithms NCA RK uses: OIDs, curves and hashes, as confirmed on real samples.

Every fact here was checked by verifying NCA test certificates, CRLs, OCSP responses and
timestamp tokens (``tests/signing/interop/``) and watching them fail after a one-byte change;
``shared/interop/nca-gost/README.md`` has the table.  GOST 2015 with 256-bit keys is the
exception: no sample is at hand, so its curve (tc26-256-paramSetA is the likely one) is
*unconfirmed* and used only when the operator sets ``QAQPA_GOST2015_256_UNCONFIRMED``
(``VerificationPolicy.gost2015_256``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

HashName = Literal["streebog512", "streebog256", "gost94_test"]


@dataclass(frozen=True, slots=True)
class Curve:
    name: str
    p: int
    a: int
    b: int
    q: int
    x: int
    y: int

    @property
    def size(self) -> int:
        """Bytes per coordinate (and per half of a signature)."""
        return (self.p.bit_length() + 7) // 8


# RFC 7836 id-tc26-gost-3410-12-512-paramSetA (p = 2^512 - 569).
TC26_512_A = Curve(
    "tc26-512-paramSetA",
    p=2**512 - 569,
    a=2**512 - 572,
    b=0x00E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760,
    q=0x00FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275,
    x=3,
    y=0x7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4,
)
# RFC 4357 id-GostR3410-2001-CryptoPro-A-ParamSet (p = 2^256 - 617).
CRYPTOPRO_A = Curve(
    "CryptoPro-A",
    p=2**256 - 617,
    a=2**256 - 620,
    b=166,
    q=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893,
    x=1,
    y=0x8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14,
)
# RFC 7836 id-tc26-gost-3410-2012-256-paramSetA (Weierstrass form).  UNCONFIRMED for NCA.
TC26_256_A = Curve(
    "tc26-256-paramSetA",
    p=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97,
    a=0xC2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335,
    b=0x295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513,
    q=0x400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67,
    x=0x91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28,
    y=0x32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C,
)


@dataclass(frozen=True, slots=True)
class KeyAlgorithm:
    """One public-key OID with the key parameters NCA writes for it."""

    key_oid: str
    signature_oid: str
    curve: Curve
    hash_name: HashName
    curve_oids: frozenset[str]
    confirmed: bool


GOST2015_512 = KeyAlgorithm(
    key_oid="1.2.398.3.10.1.1.2.2",
    signature_oid="1.2.398.3.10.1.1.2.3.2",
    curve=TC26_512_A,
    hash_name="streebog512",
    curve_oids=frozenset({"1.2.398.3.10.1.1.2.2.1"}),
    confirmed=True,
)
GOST2004 = KeyAlgorithm(
    key_oid="1.2.398.3.10.1.1.1.1",
    signature_oid="1.2.398.3.10.1.1.1.2",
    curve=CRYPTOPRO_A,
    hash_name="gost94_test",
    curve_oids=frozenset({"1.2.398.3.10.1.1.1.1.1"}),
    confirmed=True,
)
GOST2015_256 = KeyAlgorithm(
    key_oid="1.2.398.3.10.1.1.2.1",
    signature_oid="1.2.398.3.10.1.1.2.3.1",
    curve=TC26_256_A,
    hash_name="streebog256",
    # The parameter OID NCA would write is not known; any is accepted under the flag.
    curve_oids=frozenset(),
    confirmed=False,
)
ALGORITHMS = (GOST2015_512, GOST2004, GOST2015_256)

DIGEST_OIDS: dict[str, HashName] = {
    "1.2.398.3.10.1.3.3": "streebog512",
    "1.2.398.3.10.1.3.2": "streebog256",  # unconfirmed: only under the 256-bit flag
    "1.2.398.3.10.1.3.1": "gost94_test",
}

# XMLDSig algorithm URIs of NCA's tools (signature method -> digest it implies).
XML_SIGNATURE_URIS: dict[str, KeyAlgorithm] = {
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512": (
        GOST2015_512
    ),
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256": (
        GOST2015_256
    ),
    "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311": GOST2004,
}
XML_DIGEST_URIS: dict[str, HashName] = {
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512": "streebog512",
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256": "streebog256",
    "http://www.w3.org/2001/04/xmldsig-more#gost34311": "gost94_test",
}
