"""S2 (001): the customs declarant's qualification certificate and the exams it rests on.

The catalogue entry and state machine (:mod:`registry.declarant_certificate.service`) say
which step an application is in; the form, example, hooks and documents are here too, and so
is what the exam adds to the flow: the published sessions with
their seats, the applicant's seat, the software's score against the session's answer key
(pass mark 60 %), the protocol of each session, the certificate and badge numbers and the
journal of issued certificates (001 annex 1), and the one-month rule for a retake.
"""
