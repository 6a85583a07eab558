"""A GOST signer for tests, with NCA's real test keys (``testkit.gost.signer``).

NCALayer signs with keys from PKCS#12 files that OpenSSL 3 cannot load (GOST private keys);
:mod:`testkit.gost.p12` reads them, :mod:`testkit.gost.signer` makes CMS and XMLDSig
signatures the way NCALayer lays them out, so tests exercise the gateway as an applicant
would.  Test code only: it is not part of the wheel.
"""
