"""Revocation for a closed network: CRL files an operator preloads, URL rewriting to a mirror.

A government deployment often cannot reach NCA's CRL and OCSP hosts on the internet; it
mirrors them.  Two settings serve that:

* ``crl_files`` (``QAQPA_CRL_FILES``): CRL files given to every verification as if the
  applicant had supplied them.  They are re-read when a file changes (checked at most every
  :data:`RECHECK_SECONDS`), so the operator's copy job needs no restart.  Their signature,
  issuer, scope and freshness are judged like any other CRL's; a stale file is
  ``revocation_unknown`` in hard mode, never silently "good".
* ``url_rewrite`` (``QAQPA_REVOCATION_URL_REWRITE``): ``prefix=replacement`` pairs applied to
  every CRL, OCSP and caIssuers URL just before it is fetched (by intake and by the worker's
  CRL refresh alike).  Cache keys and allow-list checks keep the original URL, so the gateway
  and the worker share cached answers and a certificate cannot name the mirror to widen what
  we fetch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from signing.revocation.crl import parse_crl
from signing.revocation.fetch import parse_rewrites, rewrite_url
from signing.trust import TrustConfigError, load_der_files

log = logging.getLogger(__name__)

RECHECK_SECONDS = 60.0


class PreloadedCrls:
    """The operator's CRL files, parsed, re-read when they change."""

    def __init__(self, paths: Sequence[str]) -> None:
        self._paths = [Path(p) for p in paths]
        self._stamp: tuple[float, ...] = ()
        self._checked = 0.0
        self.ders: list[bytes] = []
        self.next_update: datetime | None = None
        if self._paths:
            self._load(self._mtimes())  # a missing or broken file fails at start-up

    def _mtimes(self) -> tuple[float, ...]:
        try:
            return tuple(p.stat().st_mtime for p in self._paths)
        except OSError as exc:
            raise TrustConfigError(f"CRL file missing: {exc}") from exc

    def _load(self, stamp: tuple[float, ...]) -> None:
        ders = load_der_files(self._paths)
        updates: list[datetime] = []
        for der in ders:
            try:
                next_update = parse_crl(der)["tbs_cert_list"]["next_update"].native
            except ValueError as exc:
                raise TrustConfigError(f"not a CRL among {self._paths}: {exc}") from exc
            if next_update is not None:
                updates.append(next_update)
        self.ders = ders
        self.next_update = min(updates) if updates else None
        self._stamp = stamp

    def current(self) -> list[bytes]:
        if not self._paths:
            return []
        now = time.monotonic()
        if now - self._checked >= RECHECK_SECONDS:
            self._checked = now
            try:
                stamp = self._mtimes()
                if stamp != self._stamp:
                    self._load(stamp)
                    log.info("preloaded CRL files re-read: %d CRLs", len(self.ders))
            except TrustConfigError as exc:
                # Keep the last good set: a copy job half-way through must not blank it.
                log.warning("preloaded CRL files unreadable, keeping the previous: %s", exc)
        return self.ders


@lru_cache(maxsize=8)
def _shared(paths: tuple[str, ...]) -> PreloadedCrls:
    return PreloadedCrls(paths)


def preloaded_crls(paths: Sequence[str]) -> PreloadedCrls:
    """One :class:`PreloadedCrls` per set of files in the process: public verification makes
    verifiers per document, and NCA's CRLs run to tens of MB -- read and parsed once, then
    re-read only when a file changes.  (Races between threads at most read a file twice.)"""
    return _shared(tuple(paths))


__all__ = ["PreloadedCrls", "parse_rewrites", "preloaded_crls", "rewrite_url"]
