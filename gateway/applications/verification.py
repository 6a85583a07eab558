"""The gateway's use of ``signing``: verify a submission against the applicant it names.

``signing`` answers with a verdict; this module turns a failed verdict into a problem
response (its code is the signing code) and adds the checks that need the application:
the applicant's IIN/BIN checksums, that the certificate's holder is the kind of applicant
the document names (an IIN for an individual's certificate, a BIN for a legal entity's),
and that a legal entity's signer holds an NCA role the service accepts (first head, a person
with the right to sign, the financial signer where the catalogue allows it).

A signed XML submission is read twice with the same safe parser (:func:`~signing.parse_root`):
once to find the application before verifying (the applicant's numbers are expected in the
certificate), and by the verifier, whose signed XML -- rebuilt from the canonical bytes it
digested -- must hold the very same ``<document>`` text. ``<document>`` holds text only: a
comment, processing instruction or element in it is refused, since canonical XML drops comments
and a comment could otherwise split what is read from what is signed.
"""

from __future__ import annotations

from collections.abc import Collection

import msgspec
from lxml import etree

from gateway.applications.submission import SignedSubmission
from gateway.problems import Problem
from registry.forms.envelope import Applicant
from signing import (
    HOLDER_ROLES,
    ROLE_OIDS,
    Code,
    Identity,
    NumberCheck,
    VerificationResult,
    Verifier,
    XmlError,
    check_bin,
    check_iin,
    parse_root,
    signed_content,
)

APPLICATION_NS = "urn:qaqpa:application:1"
_DS = "http://www.w3.org/2000/09/xmldsig#"
_DOCUMENT = f"{{{APPLICATION_NS}}}document"


class ApplicantCheck(msgspec.Struct, frozen=True):
    """A verified submission: who signed it."""

    identity: Identity
    result: VerificationResult


def _problem(code: str, message: str, result: VerificationResult | None = None) -> Problem:
    status = 400 if code == Code.MALFORMED else 422
    extra = {"verification": msgspec.to_builtins(result)} if result is not None else None
    return Problem(status, code, message, extra=extra)


class SubmissionVerifier:
    """Verifies submissions with one shared :class:`signing.verify.Verifier`."""

    def __init__(self, verifier: Verifier) -> None:
        self.verifier = verifier

    async def signed_content(self, submission: SignedSubmission) -> bytes:
        """The application bytes inside an attached CMS or a signed XML document."""
        if submission.format == "cms-attached":
            try:
                content = signed_content(submission.signed_data)
            except Exception as exc:  # any unreadable CMS is the applicant's malformed input
                raise _problem(Code.MALFORMED, f"unreadable CMS: {type(exc).__name__}") from exc
            if not content:
                raise _problem(Code.MALFORMED, "the CMS carries no content (detached?)")
            return content
        return _xml_document(submission.signed_data)

    async def verify_signature(
        self, submission: SignedSubmission, iin: str | None, bin_: str | None
    ) -> tuple[VerificationResult, etree._Element | None]:
        """The signature and certificate, for the applicant numbers the document claims.

        Runs before the document is decoded (:func:`claimed_applicant` reads only the
        numbers), so a tampered document is refused for its signature, whatever else is wrong
        in it. Returns the verdict and, for XMLDSig, the signed XML the verifier rebuilt.
        """
        signed: etree._Element | None = None
        if submission.format == "cms-detached":
            assert submission.signature is not None and submission.document is not None
            result = await self.verifier.verify_cms_detached(
                submission.document, submission.signature, expect_iin=iin, expect_bin=bin_
            )
        elif submission.format == "cms-attached":
            result = await self.verifier.verify_cms_attached(
                submission.signed_data, expect_iin=iin, expect_bin=bin_
            )
        else:
            result, signed = await self.verifier.verify_xml_signed(
                submission.signed_data, expect_iin=iin, expect_bin=bin_
            )
        if not result.valid or result.identity is None:
            raise _problem(result.code, result.message or str(result.code), result)
        return result, signed

    def check_applicant(
        self,
        submission: SignedSubmission,
        verified: tuple[VerificationResult, etree._Element | None],
        content: bytes,
        applicant: Applicant,
        signing_roles: Collection[str],
    ) -> ApplicantCheck:
        """The decoded applicant against the verified signer.

        ``content`` is the application as extracted by :meth:`signed_content` (or the detached
        document); ``signing_roles`` are the NCA roles the service accepts for a legal entity.
        """
        result, signed = verified
        test_pki = self.verifier.policy.test_pki
        if applicant.iin is not None and (
            check_iin(applicant.iin, test_pki=test_pki) != NumberCheck.OK
        ):
            raise _problem(Code.INVALID_IIN, "/applicant/iin is not a valid IIN")
        if applicant.bin is not None and (
            check_bin(applicant.bin, test_pki=test_pki) != NumberCheck.OK
        ):
            raise _problem(Code.INVALID_BIN, "/applicant/bin is not a valid BIN")
        if submission.format == "xmldsig" and _verified_document(signed) != content:
            raise _problem(Code.MALFORMED, "the <document> read is not the content signed")
        identity = result.identity
        assert identity is not None, "verify_signature refuses a verdict without identity"
        if applicant.bin is not None and identity.subject_kind != "legal_entity":
            raise _problem("applicant_mismatch", "a BIN applicant signs with a legal entity's key")
        if applicant.iin is not None and identity.subject_kind == "legal_entity":
            raise _problem(
                "applicant_mismatch", "an IIN applicant signs with an individual's own key"
            )
        if applicant.bin is not None:
            _check_signing_authority(identity, signing_roles)
        return ApplicantCheck(identity, result)


class _ClaimedApplicant(msgspec.Struct):
    iin: str | None = None
    bin: str | None = None


class _Claim(msgspec.Struct):
    applicant: _ClaimedApplicant = msgspec.field(default_factory=_ClaimedApplicant)


def claimed_applicant(content: bytes) -> _ClaimedApplicant:
    """The IIN/BIN a document names, read leniently and trusted for nothing but the
    signature's expectations; a document that does not even hold them expects none (the
    signature is still verified, then the decoder says what is wrong)."""
    try:
        claim = msgspec.json.decode(content, type=_Claim)
    except (msgspec.DecodeError, RecursionError):
        return _ClaimedApplicant()
    return claim.applicant


def _role_list(roles: Collection[str]) -> str:
    return ", ".join(f"{role} ({ROLE_OIDS.get(role, '?')})" for role in roles)


def _check_signing_authority(identity: Identity, signing_roles: Collection[str]) -> None:
    """A legal entity's application is signed by a holder of a role the service accepts.

    NCA puts the holder's role in the certificate's extended key usage; an employee's, HR's or
    an information system's key is the organisation's too, but not one that may commit it.
    """
    held = [role for role in identity.roles if role not in HOLDER_ROLES]
    if any(role in signing_roles for role in held):
        return
    has = (
        f"the certificate's NCA role is {_role_list(held)}"
        if held
        else "the certificate names no NCA role (extended key usage 1.2.398.3.3.4.1.2.x)"
    )
    raise Problem(
        422,
        "no_signing_authority",
        f"{has}; this service accepts {_role_list(signing_roles)}",
        extra={"certificate_roles": held, "signing_roles": list(signing_roles)},
    )


def _xml_document(xml: bytes) -> bytes:
    """The application JSON of a signed XML submission, before verification.

    Only a document whose single ds:Reference covers the whole document (``URI=""``) is read,
    so the text taken is what the signature covers (no wrapping tricks); the verifier's signed
    XML must then hold the same text (:meth:`SubmissionVerifier.verify`).
    """
    try:
        root = parse_root(xml)
    except XmlError as exc:
        raise _problem(exc.code, exc.message) from exc
    references = root.findall(f".//{{{_DS}}}SignedInfo/{{{_DS}}}Reference")
    if len(references) != 1 or references[0].get("URI") != "":
        raise _problem(Code.MALFORMED, 'the signature must cover the whole document (URI="")')
    if root.tag != f"{{{APPLICATION_NS}}}application":
        raise _problem(Code.MALFORMED, f"the root element must be {{{APPLICATION_NS}}}application")
    return _document_text(root)


def _document_text(root: etree._Element) -> bytes:
    """The text of the root's one ``<document>``, which holds nothing but text."""
    documents = root.findall(_DOCUMENT)
    if len(documents) > 1:
        raise _problem(Code.MALFORMED, "the application has more than one <document> element")
    # lxml lists comments and processing instructions among an element's children.
    inside = {_node_kind(node) for node in documents[0]} if documents else set()
    if inside:
        raise Problem(
            400,
            "xml_mixed_content",
            f"<document> holds {', '.join(sorted(inside))}; it may hold only the application's "
            "JSON text (canonical XML drops comments, so they could hide what is signed)",
        )
    text = (documents[0].text or "").strip() if documents else ""
    if not text:
        raise _problem(Code.MALFORMED, "the <document> element with the application is missing")
    return text.encode()


def _node_kind(node: etree._Element) -> str:
    if isinstance(node, etree._Comment):
        return "a comment"
    if isinstance(node, etree._ProcessingInstruction):
        return "a processing instruction"
    return "an element"


def _verified_document(signed: etree._Element | None) -> bytes | None:
    """The ``<document>`` text of the XML the verifier says the signature covers."""
    if signed is None or signed.tag != f"{{{APPLICATION_NS}}}application":
        return None
    return _document_text(signed)
