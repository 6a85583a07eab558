"""The workflow engine: each service's state machine (its catalogue entry) carried out.

It imports no service domain: the domains hand it their services
(:mod:`registry.workflow.services`), installed at start by :mod:`registry.domains`.

:mod:`registry.workflow.engine` moves an application along an allowed transition in the
caller's transaction: it closes the open step, starts the next one with its due time computed
by the calendar and stored, writes the hash-chained event and any outbox rows. Everything else
(results, pauses, journals, tasks, deadlines) builds on it.
"""
