"""The workflow engine: each service's state machine (registry.catalogue.flows) carried out.

:mod:`registry.workflow.engine` moves an application along an allowed transition in the
caller's transaction: it closes the open step, starts the next one with its due time computed
by the calendar and stored, writes the hash-chained event and any outbox rows. Everything else
(results, pauses, journals, tasks, deadlines) builds on it.
"""
