"""``python -m registry.results.render.draft``: a result document's JSON on stdin, its unsigned PDF
on stdout.

The officers' console previews the PDF a decision will produce (gateway/officers/drafts.py)
by running this renderer -- the same :func:`render_pdf` the signing job uses -- as a
short-lived process: the preview cannot differ from the issued document, and a document that
breaks the renderer breaks only this process.
"""

from __future__ import annotations

import sys

import msgspec

from registry.results.document import ResultDocument
from registry.results.render.pdf import render_pdf


def main() -> int:
    try:
        document = msgspec.json.decode(sys.stdin.buffer.read(), type=ResultDocument)
    except msgspec.ValidationError as exc:
        print(f"not a result document: {exc}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(render_pdf(document))
    return 0


if __name__ == "__main__":
    sys.exit(main())
