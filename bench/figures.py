"""Where a benchmark keeps its figures: one JSON file of its own under ``bench/results/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def save_figures(figures: dict[str, Any], path: Path) -> None:
    """Write ``figures`` to ``path`` (its folder made if missing), indented for reading diffs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
