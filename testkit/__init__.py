"""What development needs and production must not have: test keys, sample data, seeds.

The test PKI and its officers' keys (:mod:`testkit.pki`), a GOST signer with NCA's real test
keys (:mod:`testkit.gost`), SoftHSM2 tokens holding them
(:mod:`testkit.hsm`, :mod:`testkit.keystore`), one sample result document of every kind
(:mod:`testkit.samples`), the state-database seed (:mod:`testkit.seed`) and the developer
commands over them (:mod:`testkit.cli`).  ``make run``, the tests and the benchmarks use it; the
runtime packages (gateway, signing, registry, workers) never import it, and the wheel does not
contain it (``tests/test_wheel_contents.py``).
"""
