"""Evidence rows without offsets: quotes located in the source, refused with a reason when they do not fit."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import rdflib

from iorkg.io.sheets import WorkbookError
from iorkg.io.workbook import build_case
from iorkg.namespaces import IORKG, OA
from iorkg.textquote import locate

SECOND = Path(__file__).parent / "data" / "workbook" / "second-fictional-case"
NS = "https://w3id.org/iorkg/fictional/second-case/"
TEXT = (SECOND / "sources" / "cleaning-notes.md").read_text(encoding="utf-8")


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(SECOND, folder)
    return folder


def evidence_row(folder: Path, **cells: str) -> None:
    """Replace the evidence sheet's rows by the case's own evidence plus one row."""
    path = folder / "evidence.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    row = {k: "" for k in rows[0]}
    row.update(cells)
    rows.append(row)
    fields = list(rows[0]) + [k for k in cells if k not in rows[0]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def selectors_of(graph: rdflib.Graph, evidence: str) -> dict[str, object]:
    e = rdflib.URIRef(NS + evidence)
    target = graph.value(e, rdflib.URIRef(OA + "hasTarget"))
    found = {}
    for sel in graph.objects(target, rdflib.URIRef(OA + "hasSelector")):
        for key in ("exact", "prefix", "suffix", "start", "end"):
            value = graph.value(sel, rdflib.URIRef(OA + key))
            if value is not None:
                found[key] = value.toPython() if key in ("start", "end") else str(value)
    return found


def test_selectors_are_computed_from_the_source(case: Path) -> None:
    built = build_case(case)
    quote = "Coder C coded these notes for the study."
    expected = locate(TEXT, quote)
    got = selectors_of(built.graph, "coder-c-evidence-1")
    assert got == {"exact": quote, "prefix": expected.prefix, "suffix": expected.suffix,
                   "start": TEXT.index(quote), "end": TEXT.index(quote) + len(quote)}


def test_repeated_quote_without_occurrence_is_refused(case: Path) -> None:
    evidence_row(case, id="x-1", node="cleaning", quote="the cleaners")
    with pytest.raises(WorkbookError) as info:
        build_case(case)
    assert "evidence.csv, row 14, column E (occurrence)" in str(info.value)
    assert "occurs 2 times" in str(info.value)


def test_occurrence_picks_the_repeated_quote(case: Path) -> None:
    evidence_row(case, id="x-1", node="cleaning", quote="the cleaners", occurrence="2")
    got = selectors_of(build_case(case).graph, "x-1")
    first = TEXT.index("the cleaners")
    assert got["start"] == TEXT.index("the cleaners", first + 1)


def test_curated_quote_over_thirty_words_is_refused(case: Path) -> None:
    long_quote = TEXT[TEXT.index("Later the provider"):TEXT.index("did not work.") + len("did not work.")]
    evidence_row(case, id="x-1", node="provider", quote=long_quote)
    with pytest.raises(WorkbookError) as info:
        build_case(case)
    assert "row 14, column D (quote)" in str(info.value) and "at most 30" in str(info.value)


def test_coded_segment_keeps_the_whole_selection(case: Path) -> None:
    long_quote = TEXT[TEXT.index("Later the provider"):TEXT.index("did not work.") + len("did not work.")]
    evidence_row(case, id="x-1", node="provider", quote=long_quote, coded_segment="TRUE")
    graph = build_case(case).graph
    assert selectors_of(graph, "x-1")["exact"] == long_quote
    assert (rdflib.URIRef(NS + "x-1"), rdflib.URIRef(IORKG + "codedSegment"),
            rdflib.Literal("true", datatype=rdflib.XSD.boolean)) in graph


def test_curated_quote_carries_no_coded_segment_flag(case: Path) -> None:
    graph = build_case(case).graph
    assert (rdflib.URIRef(NS + "coder-c-evidence-1"), rdflib.URIRef(IORKG + "codedSegment"), None) not in graph


def test_interpreted_row_needs_rationale(case: Path) -> None:
    evidence_row(case, id="x-1", node="provider", quote="Coder C coded", status="interpreted", coder="coder-c")
    with pytest.raises(WorkbookError) as info:
        build_case(case)
    assert "row 14, column G (rationale): an interpreted row needs a rationale" in str(info.value)


def test_interpreted_row_needs_coder(case: Path) -> None:
    evidence_row(case, id="x-1", node="provider", quote="Coder C coded", status="interpreted",
                 rationale="A reading.")
    with pytest.raises(WorkbookError) as info:
        build_case(case)
    assert "row 14, column H (coder): an interpreted row needs a coder" in str(info.value)


def test_interpreted_row_is_attributed_to_its_coder(case: Path) -> None:
    graph = build_case(case).graph
    from iorkg.namespaces import PROV

    assert graph.value(rdflib.URIRef(NS + "provider-market-evidence-1"),
                       rdflib.URIRef(PROV + "wasAttributedTo")) == rdflib.URIRef(NS + "coder-c")


def test_offset_that_does_not_fit_is_refused(case: Path) -> None:
    evidence_row(case, id="x-1", node="provider", quote="Coder C coded", start="3")
    with pytest.raises(WorkbookError) as info:
        build_case(case)
    assert "column L (start): the quote is not at offset 3" in str(info.value)


def test_missing_source_text_is_refused(case: Path) -> None:
    (case / "sources" / "cleaning-notes.md").unlink()
    with pytest.raises(WorkbookError) as info:
        build_case(case)
    assert "not on this machine" in str(info.value)


def test_evidence_ids_default_to_node_and_number(case: Path) -> None:
    graph = build_case(case).graph
    assert (rdflib.URIRef(NS + "cleaning"), rdflib.URIRef(IORKG + "hasEvidence"),
            rdflib.URIRef(NS + "cleaning-evidence-1")) in graph


def test_redacted_row_keeps_offsets_and_drops_text(case: Path) -> None:
    evidence_row(case, id="x-1", node="provider", redacted="TRUE", start="10", end="40")
    graph = build_case(case).graph
    e = rdflib.URIRef(NS + "x-1")
    assert selectors_of(graph, "x-1") == {"start": 10, "end": 40}
    assert (e, rdflib.URIRef(IORKG + "redacted"), rdflib.Literal("true", datatype=rdflib.XSD.boolean)) in graph


def test_redacted_row_with_a_quote_is_refused(case: Path) -> None:
    evidence_row(case, id="x-1", node="provider", redacted="TRUE", quote="Coder C", start="1", end="3")
    with pytest.raises(WorkbookError) as info:
        build_case(case)
    assert "column D (quote): a redacted row publishes no quote" in str(info.value)


def test_redacted_evidence_round_trips(case: Path, tmp_path: Path) -> None:
    from rdflib.compare import isomorphic

    from iorkg.io.wbexport import export_workbook

    evidence_row(case, id="x-1", node="provider", redacted="TRUE", start="10", end="40")
    graph = build_case(case).graph
    export_workbook(graph, tmp_path / "out", "second-fictional-case", "fx2", sources=case / "sources")
    shutil.copytree(case / "sources", tmp_path / "out" / "sources")
    assert isomorphic(build_case(tmp_path / "out").graph, graph)
