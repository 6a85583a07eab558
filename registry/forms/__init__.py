"""The application forms of the eight services, as msgspec Structs.

One module per service (``customs_release``, ``declarant_certificate``, ``pm_*``,
``reexport_permit``), shared pieces in ``common`` and ``precious_metals``, the service → form
table in ``services``, the application envelope and its two-step decoder in ``envelope``, and
valid example documents in ``examples``.

msgspec checks types, patterns and bounds while decoding; each module's ``validate_form``
checks what couples several fields and returns ``(json_pointer, message)`` problems.
"""
