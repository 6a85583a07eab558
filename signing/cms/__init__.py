"""CMS SignedData (PKCS#7) signatures over requests: parsing and the signature check.

Parsing is DER-only on the common path (:mod:`signing.cms.fast`, which touches only the parts
it needs) and asn1crypto's otherwise (:mod:`signing.cms.thorough`: BER, signers named by
subject key identifier, names encoded differently); :func:`signing.cms.parse.parse_cms` picks.
Both give one :class:`signing.cms.parsed.ParsedCms`.  Checks, per RFC 5652 / RFC 5035:

* exactly one SignerInfo; its certificate must be in the SignedData (located by issuer+serial
  or subject key identifier);
* with signed attributes (:mod:`signing.cms.attributes`): content-type equals eContentType,
  message-digest equals the digest of the content (detached: of the bytes the caller says were
  signed), at most one of each; signing-time read (a claim, not a proof);
  signing-certificate(-v2), when present, must name exactly this certificate (that binding is
  what stops certificate substitution); the signature covers the DER of the attributes
  re-tagged as SET OF;
* without signed attributes: only for id-data, the signature covers the content itself.

The checks are :mod:`signing.cms.check`.  Errors come back as ``(Code, message)`` pairs so that
the verifier can order them.
"""
