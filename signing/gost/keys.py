"""GOST public keys from SubjectPublicKeyInfo DER, read with our own DER walker.

asn1crypto raises KeyError on NCA's key OIDs when asked for anything key-specific, so the
key is read here: AlgorithmIdentifier {key OID, SEQUENCE {curve OID, digest OID}} and a BIT
STRING that wraps an OCTET STRING of X‖Y (little-endian halves).  Anything unexpected --
another curve OID, a wrong length, a point off the curve (checked at verification) -- is
:class:`UnsupportedKeyError` or ``None``, never an exception from deep inside.
"""

from __future__ import annotations

from dataclasses import dataclass

from signing import der
from signing.gost.params import ALGORITHMS, KeyAlgorithm


class UnsupportedKeyError(ValueError):
    """A GOST key whose parameters we do not know (=> unsupported_algorithm)."""


@dataclass(frozen=True, slots=True)
class GostKey:
    algorithm: KeyAlgorithm
    point: tuple[int, int]


def algorithm_for_key(oid: str, unconfirmed: bool = False) -> KeyAlgorithm | None:
    for algorithm in ALGORITHMS:
        if algorithm.key_oid == oid and (algorithm.confirmed or unconfirmed):
            return algorithm
    return None


def algorithm_for_signature(oid: str, unconfirmed: bool = False) -> KeyAlgorithm | None:
    for algorithm in ALGORITHMS:
        if algorithm.signature_oid == oid and (algorithm.confirmed or unconfirmed):
            return algorithm
    return None


_KEYS: dict[tuple[bytes, bool], GostKey] = {}


def parse_spki(spki: bytes, unconfirmed: bool = False) -> GostKey:
    """The GOST key in ``spki``; raises :class:`UnsupportedKeyError` for anything else
    (the 256-bit GOST 2015 curve too unless ``unconfirmed``)."""
    found = _KEYS.get((spki, unconfirmed))
    if found is not None:
        return found
    try:
        _, s, e = der.tlv(spki, 0, len(spki))
        algorithm_id, bit_string = der.children(spki, s, e)
        parts = der.children(spki, algorithm_id[2], algorithm_id[3])
        key_oid = der.oid_dotted(spki[parts[0][2] : parts[0][3]])
        params = [
            der.oid_dotted(spki[c[2] : c[3]])
            for c in (der.children(spki, parts[1][2], parts[1][3]) if len(parts) > 1 else [])
            if c[0] == 0x06
        ]
        if bit_string[0] != 0x03 or spki[bit_string[2]] != 0:
            raise UnsupportedKeyError("public key is not a whole-byte BIT STRING")
        tag, os_s, os_e = der.tlv(spki, bit_string[2] + 1, bit_string[3])
    except (der.DerError, IndexError, ValueError) as exc:
        raise UnsupportedKeyError(f"unreadable GOST public key: {exc}") from exc
    algorithm = algorithm_for_key(key_oid, unconfirmed)
    if algorithm is None:
        raise UnsupportedKeyError(f"public key algorithm {key_oid} is not supported")
    if algorithm.curve_oids and (not params or params[0] not in algorithm.curve_oids):
        raise UnsupportedKeyError(f"GOST key parameters {params} are not supported")
    raw = spki[os_s:os_e]
    size = algorithm.curve.size
    if tag != 0x04 or len(raw) != 2 * size:
        raise UnsupportedKeyError(f"GOST public key of {len(raw)} bytes, expected {2 * size}")
    key = GostKey(
        algorithm, (int.from_bytes(raw[:size], "little"), int.from_bytes(raw[size:], "little"))
    )
    if len(_KEYS) < 1024:
        _KEYS[(spki, unconfirmed)] = key
    return key
