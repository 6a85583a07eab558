"""GOST as NCA RK issues it: GOST R 34.10-2015 (512-bit, Streebog-512) and GOST 34.310-2004
(CryptoPro-A curve, GOST R 34.11-94 with the test S-box); GOST 2015 with 256-bit keys only
behind ``QAQPA_GOST2015_256_UNCONFIRMED`` until a real sample verifies.

One more algorithm family behind the interfaces RSA and ECDSA use (:mod:`signing.gost.plugin`
explains the choice of certvalidator's signature hook over own path checks):

* :mod:`signing.gost.params` -- OIDs, curves, XML URIs;
* :mod:`signing.gost.native` -- the fast path (libcrypto EC via ctypes, Streebog from the gost
  provider) and why it was chosen over a wheel or a C extension;
* :mod:`signing.gost.hashes`, :mod:`signing.gost.gost94`, :mod:`signing.gost.curve` -- the
  digests and the signature arithmetic, each with a pure-Python fallback;
* :mod:`signing.gost.keys` -- public keys read with our DER walker (asn1crypto cannot);
* :mod:`signing.gost.xml` -- XMLDSig with NCA's GOST URIs;
* :mod:`signing.gost.asn1compat` -- the one asn1crypto accommodation NCA needs.

Unknown parameters stay ``unsupported_algorithm``: a key whose OIDs or curve we do not know
is not claimed by the plug-in, and the registry reports it as before.
"""

from signing.gost import asn1compat

asn1compat.install()
