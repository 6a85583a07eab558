"""What every service's application form shares: the envelope and the common field types.

Each service's form Struct lives in its domain package (``registry.<domain>.forms``); here are
the shared field types and checks (``common``), the shape of a service's form (``spec``), the
application envelope and its two-step decoder (``envelope``, given the services' forms table
:data:`registry.domains.FORMS`), and what the domains' example documents share (``examples``).

msgspec checks types, patterns and bounds while decoding; each form module's ``validate_form``
checks what couples several fields and returns ``(json_pointer, message)`` problems.
"""
