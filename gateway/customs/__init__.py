"""S1 customs release: the gateway side (risk administration, release flow endpoints)."""

from __future__ import annotations

from litestar.openapi.datastructures import ResponseSpec

from gateway.problem_titles import TITLES
from gateway.problems import ProblemDocument


def problem_responses(by_status: dict[int, tuple[str, ...]]) -> dict[int, ResponseSpec]:
    """The OpenAPI responses of a route's problems: status -> the codes it may answer with."""
    for codes in by_status.values():
        unknown = sorted(set(codes) - set(TITLES))
        if unknown:
            raise ValueError(f"unknown problem codes {unknown}")
    return {
        status: ResponseSpec(
            ProblemDocument,
            description=f"Problem codes: {', '.join(codes)}",
            media_type="application/problem+json",
            generate_examples=False,
        )
        for status, codes in by_status.items()
    }
