"""Path parameters the officer routes share.

A task id is a PostgreSQL ``bigint``: a larger number in the path (schemathesis sent 2**63)
made asyncpg raise ``OverflowError`` and the gateway answer 500. Bounded here, it is a 400
``validation_error`` before any query runs, and the OpenAPI document states the range.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from litestar.params import PathParameter

BIGINT_MAX = 2**63 - 1

TaskId: TypeAlias = Annotated[
    int,
    PathParameter(
        ge=1,
        le=BIGINT_MAX,
        description="The task's id (a positive 64-bit integer)",
        # Litestar writes ``le`` as a float (9.223372036854776e+18, i.e. 2**63), so the document
        # allowed ids past the bound; the exact integer, stated again (issue 17, `make fuzz`).
        schema_extra={"maximum": BIGINT_MAX},
    ),
]
