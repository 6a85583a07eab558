"""Background execution with arq: the outbox relay, pipelines, crons (see workers.settings)."""
