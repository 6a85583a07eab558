"""The gateway's use of ``signing``: verify a submission against the applicant it names.

``signing`` answers with a verdict; this module turns a failed verdict into a problem
response (its code is the signing code) and adds the checks that need the application:
the applicant's IIN/BIN checksums, and that the certificate's holder is the kind of
applicant the document names (an IIN for an individual's certificate, a BIN for a legal
entity's).
"""

from __future__ import annotations

import msgspec
from lxml import etree

from gateway.applications.submission import SignedSubmission
from gateway.problems import Problem
from registry.forms.envelope import Applicant
from signing import cms as signing_cms
from signing import xmldsig
from signing.numbers import NumberCheck, check_bin, check_iin
from signing.result import Code, Identity, VerificationResult
from signing.verify import Verifier

APPLICATION_NS = "urn:qaqpa:application:1"
_DS = "http://www.w3.org/2000/09/xmldsig#"


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
                content = signing_cms.signed_content(submission.signed_data)
            except Exception as exc:  # any unreadable CMS is the applicant's malformed input
                raise _problem(Code.MALFORMED, f"unreadable CMS: {type(exc).__name__}") from exc
            if not content:
                raise _problem(Code.MALFORMED, "the CMS carries no content (detached?)")
            return content
        return _xml_document(submission.signed_data)

    async def verify(self, submission: SignedSubmission, applicant: Applicant) -> ApplicantCheck:
        """Verify the signature for the applicant named in the (already extracted) document."""
        test_pki = self.verifier.policy.test_pki
        if applicant.iin is not None and (
            check_iin(applicant.iin, test_pki=test_pki) != NumberCheck.OK
        ):
            raise _problem(Code.INVALID_IIN, "/applicant/iin is not a valid IIN")
        if applicant.bin is not None and (
            check_bin(applicant.bin, test_pki=test_pki) != NumberCheck.OK
        ):
            raise _problem(Code.INVALID_BIN, "/applicant/bin is not a valid BIN")
        iin, bin_ = applicant.iin, applicant.bin
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
            result = await self.verifier.verify_xml(
                submission.signed_data, expect_iin=iin, expect_bin=bin_
            )
        if not result.valid or result.identity is None:
            raise _problem(result.code, result.message or str(result.code), result)
        identity = result.identity
        if applicant.bin is not None and identity.subject_kind != "legal_entity":
            raise _problem("applicant_mismatch", "a BIN applicant signs with a legal entity's key")
        if applicant.iin is not None and identity.subject_kind == "legal_entity":
            raise _problem(
                "applicant_mismatch", "an IIN applicant signs with an individual's own key"
            )
        return ApplicantCheck(identity, result)


def _xml_document(xml: bytes) -> bytes:
    """The application JSON of a signed XML submission.

    Only a document whose single ds:Reference covers the whole document (``URI=""``) is read,
    so the text taken is exactly what the signature covers (no wrapping tricks).
    """
    try:
        root = etree.fromstring(xml, parser=xmldsig.safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _problem(Code.MALFORMED, f"not well-formed XML: {exc}") from exc
    references = root.findall(f".//{{{_DS}}}SignedInfo/{{{_DS}}}Reference")
    if len(references) != 1 or references[0].get("URI") != "":
        raise _problem(Code.MALFORMED, 'the signature must cover the whole document (URI="")')
    if root.tag != f"{{{APPLICATION_NS}}}application":
        raise _problem(Code.MALFORMED, f"the root element must be {{{APPLICATION_NS}}}application")
    document = root.find(f"{{{APPLICATION_NS}}}document")
    if document is None or not (document.text or "").strip():
        raise _problem(Code.MALFORMED, "the <document> element with the application is missing")
    return (document.text or "").strip().encode()
