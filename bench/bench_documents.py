"""Benchmark of PDF rendering (``make bench``).

Renders the same result documents many times in one process, alternating two ways of giving
each PDF its font:

* cached: what ``render_pdf`` does, the vendored fonts parsed once per process and copied into
  each document (:mod:`registry.results.render.fontcache`);
* per document: fpdf2's ``add_font`` for every PDF (how it was done before), the ceiling.

Reports the median wall and CPU (thread) time per document of each and their ratio; the output
of both is byte-for-byte the same (checked here too). The machine is shared: the CPU time and
the ratio, measured alternately in the same run, are what compare across runs.
Run: ``.venv/bin/python -m bench.bench_documents [--renders N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

from fpdf import FPDF

from registry.results.document import ResultDocument
from registry.results.render import fontcache, render_pdf
from testkit.samples import sample_documents

DOCUMENTS = ("reexport_permit", "applicant_not_found")  # two pages with tables; one page

AddFont = Callable[[FPDF, str, str, Path], None]


def add_font_per_document(pdf: FPDF, family: str, style: str, path: Path) -> None:
    pdf.add_font(family, style, str(path))


def render_with(add_font: AddFont, document: ResultDocument) -> tuple[bytes, float, float]:
    with patch.object(fontcache, "add_font", add_font):
        wall, cpu = time.perf_counter(), time.thread_time()
        pdf = render_pdf(document)
        return pdf, time.perf_counter() - wall, time.thread_time() - cpu


def measure(document: ResultDocument, renders: int) -> dict[str, float]:
    ways: dict[str, AddFont] = {"cached": fontcache.add_font, "per_document": add_font_per_document}
    wall: dict[str, list[float]] = {name: [] for name in ways}
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    outputs = {name: render_with(add_font, document)[0] for name, add_font in ways.items()}
    if outputs["cached"] != outputs["per_document"]:
        raise SystemExit(f"{document.kind}: the two ways render different PDFs")
    for _ in range(renders):
        for name, add_font in ways.items():
            _, seconds, cpu_seconds = render_with(add_font, document)
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)

    def ms(values: list[float]) -> float:
        return round(statistics.median(values) * 1000, 1)

    return {
        "cached_ms_median": ms(wall["cached"]),
        "per_document_ms_median": ms(wall["per_document"]),
        "cached_cpu_ms_median": ms(cpu["cached"]),
        "per_document_cpu_ms_median": ms(cpu["per_document"]),
        "ratio_wall": round(
            statistics.median(wall["cached"]) / statistics.median(wall["per_document"]), 3
        ),
        "ratio_cpu": round(
            statistics.median(cpu["cached"]) / statistics.median(cpu["per_document"]), 3
        ),
        "pdf_bytes": len(outputs["cached"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--renders", type=int, default=30, help="renders of each way, each document"
    )
    args = parser.parse_args()
    samples = sample_documents()
    start = time.perf_counter()
    render_pdf(samples[DOCUMENTS[0]])  # the first render in the process parses the fonts
    first_ms = round((time.perf_counter() - start) * 1000, 1)
    summary: dict[str, object] = {"first_render_ms": first_ms, "renders": args.renders}
    for name in DOCUMENTS:
        figures = measure(samples[name], args.renders)
        summary[name] = figures
        print(
            f"{name:22} per document {figures['per_document_ms_median']:7.1f} ms"
            f" (cpu {figures['per_document_cpu_ms_median']:6.1f}),"
            f" cached {figures['cached_ms_median']:7.1f} ms"
            f" (cpu {figures['cached_cpu_ms_median']:6.1f}),"
            f" ratio {figures['ratio_wall']:.3f} (cpu {figures['ratio_cpu']:.3f})"
        )
    summary["load_average_1m"] = round(os.getloadavg()[0], 2)
    summary["cpus"] = os.cpu_count()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
