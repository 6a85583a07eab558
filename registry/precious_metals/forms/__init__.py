"""The S3–S7 application forms, one module per service; what they share in ``common``."""
