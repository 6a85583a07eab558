"""S3–S7 precious metals (003): five services sharing one flow."""
