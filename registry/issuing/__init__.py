"""Issuing a result: from ``awaiting_signature`` to ``signed``, with its failures and retries.

A decision creates a result ``awaiting_signature`` (:mod:`registry.workflow.effects`,
:mod:`registry.complaints.decisions`). From there:

* :mod:`.approval` -- a signer approves it for signature (four eyes) or, with no signer step,
  the system does; either writes the ``sign_result`` outbox job. A signer may also send it
  back (``cancelled``).
* :mod:`.issue` -- the worker claims it, signs outside any transaction
  (workers/jobs/signing.py: rendering and the PAdES/XAdES signers) and records the signed
  documents: ``signed``, ``result_signed`` with their hashes, the application moves on.
* :mod:`.failures` -- a failure retrying the job will not fix is recorded once as
  ``signing_failed``; the result stays ``awaiting_signature``.
* :mod:`.retry` -- an operator requests the signature again (``signing_retried``, a new job);
  :mod:`.cli` is ``qaqpa results retry-signing``.

:mod:`.lifecycle` holds the stored status (:class:`~.lifecycle.ResultStatus`) and the table of
which step each status allows; every module above asks it before changing a result.

Transactions: a function taking a ``session`` takes the application's lock (:mod:`.locks`)
and leaves the commit to its caller, because it is one part of a larger change (a workflow
move, a complaint's approval, the CLI's all-or-none retry); a function taking ``sessions``
is a whole step of the worker's and commits itself, then forgets the status cache entry.

This package imports nothing at import time, so that the workflow engine can use
:mod:`.lifecycle` and :mod:`.approval` while :mod:`.issue` moves applications with the engine.
"""
