"""tools/case_doc.py refuses curation records that do not fit the graph, and tools/catalog_counts.py
puts a stale count right. Each test changes one record of a copy of the real case's folder."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "data" / "koskela-kork-turpeinen"


def tool(name: str):
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))  # the tools import their neighbour doc_output
    spec = importlib.util.spec_from_file_location(f"tool_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def case_doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    module = tool("case_doc")
    copy = tmp_path / "koskela-kork-turpeinen"
    shutil.copytree(FOLDER, copy)
    monkeypatch.setattr(module, "FOLDER", copy)
    return module


def edit(folder: Path, name: str, row: int, column: str, value: str) -> None:
    path = folder / f"{name}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row][column] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_the_shipped_records_render(case_doc) -> None:
    outputs = case_doc.render()
    assert "**withdrawn**" in outputs[case_doc.DOC]


def test_a_decision_of_an_unknown_kind_is_refused(case_doc) -> None:
    edit(case_doc.FOLDER, "decisions", 0, "decision", "dropped")
    with pytest.raises(case_doc.RecordError, match="expected one of kept, rebased, withdrawn"):
        case_doc.decisions_block(case_doc.load(case_doc.CASE))


def test_a_node_after_a_decision_must_be_in_the_graph(case_doc) -> None:
    edit(case_doc.FOLDER, "decisions", 1, "after", "kkt:no-such-claim")
    with pytest.raises(case_doc.RecordError, match="kkt:no-such-claim is not a node"):
        case_doc.decisions_block(case_doc.load(case_doc.CASE))


def test_a_withdrawn_node_must_be_gone_from_the_graph(case_doc) -> None:
    edit(case_doc.FOLDER, "decisions", 0, "before", "kkt:partnership")
    with pytest.raises(case_doc.RecordError, match="withdrawn but is still"):
        case_doc.decisions_block(case_doc.load(case_doc.CASE))


def test_a_sentence_with_quotes_gives_no_reason(case_doc) -> None:
    edit(case_doc.FOLDER, "coverage", 0, "not_modelled_because", "Background.")
    with pytest.raises(case_doc.RecordError, match="yet not_modelled_because gives a reason"):
        case_doc.coverage_block(case_doc.load(case_doc.CASE), None)


def test_a_sentence_without_quotes_needs_a_reason(case_doc) -> None:
    with open(case_doc.FOLDER / "coverage.csv", encoding="utf-8", newline="") as handle:
        row = next(i for i, r in enumerate(csv.DictReader(handle)) if r["not_modelled_because"])
    edit(case_doc.FOLDER, "coverage", row, "not_modelled_because", "")
    with pytest.raises(case_doc.RecordError, match="say in not_modelled_because why"):
        case_doc.coverage_block(case_doc.load(case_doc.CASE), None)


def test_segments_that_do_not_hold_the_opening_are_refused(case_doc) -> None:
    text = case_doc.source_text()
    if text is None:
        pytest.skip(f"{case_doc.SOURCE_FILE} is not on this machine")
    edit(case_doc.FOLDER, "coverage", 0, "segments", "453-577")
    with pytest.raises(case_doc.RecordError, match="does not open with"):
        case_doc.coverage_block(case_doc.load(case_doc.CASE), text)


def test_a_stale_catalogue_count_is_put_right() -> None:
    counts = tool("catalog_counts")
    text = counts.CATALOG.read_text(encoding="utf-8")
    found = counts.counts()
    shared = found["https://w3id.org/iorkg/catalog/shared"][1]
    stale = text.replace(f"void:triples {shared} ;", "void:triples 1 ;", 1)
    assert stale != text
    assert counts.updated(stale, found) == text
