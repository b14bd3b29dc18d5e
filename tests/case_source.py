"""The real case's source text for the tests: from $IORKG_SOURCE_DIR (several folders allowed)
or `../shared/case-source/` beside the checkout; a test that needs it is skipped where it is absent."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCE_FILE = "koskela-kork-turpeinen-ior-oh.md"


@lru_cache(maxsize=1)
def _find() -> Path | None:
    dirs = [Path(p) for p in os.environ.get("IORKG_SOURCE_DIR", "").split(os.pathsep) if p]
    dirs.append(REPO.parent / "shared" / "case-source")
    return next((d / SOURCE_FILE for d in dirs if (d / SOURCE_FILE).is_file()), None)


def source() -> str:
    """The source text, or skip the test that asked for it."""
    found = _find()
    if found is None:
        reason = f"{SOURCE_FILE} not found in $IORKG_SOURCE_DIR or {REPO.parent / 'shared' / 'case-source'}"
        print(reason)
        pytest.skip(reason)
    return found.read_text(encoding="utf-8")
