"""Service-specific parts of the workflow: registration hooks, document builders, actions.

Importing this package registers them all (see :func:`registry.workflow.services.load`).
"""


def load() -> None:
    """Import every service module so that its hooks and builders are registered."""
    from registry.workflow.services import precious_metals  # noqa: F401
