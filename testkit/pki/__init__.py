"""NCA-shaped test PKI for tests and ``make run`` (TEST KEYS ONLY, never trust them anywhere).

The PKI is described by one certomancer configuration (:mod:`testkit.pki.config`) whose
dates are computed relative to "now" every time it is served, so that "expired", "not yet
valid", "revoked yesterday" and "revoked an hour ago" stay true no matter when the directory was
created.  Keys are generated once into ``DIR/keys`` (:mod:`testkit.pki.keys`); certificates
are exported to ``DIR/certs`` and the trust anchor to ``DIR/trust`` each time the PKI is built.
:mod:`testkit.pki.server` serves CRLs, OCSP, certificates and RFC 3161 timestamps over real
loopback HTTP with certomancer's Animator in a background thread.
"""
