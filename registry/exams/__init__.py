"""S2 qualification exams: sessions, admission, scoring, protocols and the certificate journal.

The workflow (:mod:`registry.catalogue.flows.declarant_certificate`) says which step an
application is in; this package holds what the exam adds to it: the published sessions with
their seats, the applicant's seat, the software's score against the session's answer key
(pass mark 60 %), the protocol of each session, the certificate and badge numbers and the
journal of issued certificates (001 annex 1), and the one-month rule for a retake.
"""
