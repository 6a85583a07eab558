"""``make chaos``: signed submissions while the worker, the gateway, Redis and PostgreSQL die.

See :mod:`scripts.chaos.__main__` for the run and :mod:`scripts.chaos.checks` for what must
hold afterwards.
"""
