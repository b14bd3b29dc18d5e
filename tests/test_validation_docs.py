"""docs/validation.md lists every rule with a fixture and is the current output of its generator."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from iorkg.validate import GROUPS, load_shapes
from validation_corpus import corpus

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "validation.md"


def _table_rows() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    return {m.group(1): m.group(0) for m in re.finditer(r"^\| `([\w-]+)` \| (?:structure|consistency|crosscase|evidence) \|.*$",
                                                        text, re.M)}


def test_validation_doc_has_a_row_for_every_rule():
    _, rules = load_shapes(GROUPS)
    assert sorted({r.name for r in rules.values()} - set(_table_rows())) == []


def test_validation_doc_names_the_fixtures_of_every_rule():
    rows = _table_rows()
    missing = [f.path.name for f in corpus()
               if f"[{f.path.name}](../tests/data/shapes/{f.path.name})" not in rows.get(f.expect, "")]
    assert missing == []


def test_validation_doc_is_up_to_date_with_the_generator():
    result = subprocess.run([sys.executable, str(REPO / "tools" / "validation_doc.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
