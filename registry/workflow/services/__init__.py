"""Service-specific parts of the workflow: registration hooks, document builders, actions.

Importing this package registers them all (see :func:`registry.workflow.services.load`).
"""


def load() -> None:
    """Import every service module so that its hooks and builders are registered."""
    from registry.workflow.services import (
        customs_release,  # noqa: F401
        declarant_certificate,  # noqa: F401
        precious_metals,  # noqa: F401
        reexport_permit,  # noqa: F401
    )
