"""Writing a generated document, or checking that the one on disk is current (`--check`)."""

from __future__ import annotations

import sys
from pathlib import Path

from iorkg.rdf.files import atomic_write


def write_or_check(output: Path, text: str, script: str, argv: list[str], repo: Path) -> int:
    """With `--check` in argv: 0 if `output` already holds `text`, else 1 with a message.
    Otherwise write `text` to `output` whole (temporary file and rename) and return 0."""
    shown = output.relative_to(repo)
    if "--check" in argv:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{shown} is out of date: run python tools/{script}", file=sys.stderr)
            return 1
        return 0
    atomic_write(output, text)
    print(f"wrote {shown}")
    return 0
