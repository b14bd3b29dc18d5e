"""A project imported into a workbook's case: the codes sheet's study codes are the ones the
segments are coded with, the workbook's own quotes are checked too, and each stage is timed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from iorkg.io.project_import import import_project_with_codes
from iorkg.namespaces import FX, IORKG

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "data" / "qdpx" / "fictional-example.qdpx"
# the codes sheet of the fictional project: its code GUID and its code name, one row each
CODES = (HERE / "data" / "qdpx" / "fictional-example-codes.csv").read_text(encoding="utf-8")
# the workbook names a code's node after its id (docs/workbook.md, Codes)
SHEET_NODES = {URIRef(FX + "code/c0de0101-0000-4000-8000-000000000101"), URIRef(FX + "code/bigger-ambitions")}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    repo = HERE.parent
    folder = tmp_path_factory.mktemp("join") / "wb"
    shutil.copytree(repo / "data" / "fictional-example", folder)
    shutil.copytree(repo / "data" / "sources", folder / "sources")
    (folder / "codes.csv").write_text(CODES, encoding="utf-8")
    timings: dict[str, float] = {}
    return import_project_with_codes(PROJECT, folder, check=True, timings=timings), timings


def test_segments_are_coded_with_the_codes_sheet_nodes(imported):
    result, _ = imported
    coded = {o for _, o in result.project.graph.subject_objects(URIRef(IORKG + "codedWith"))}
    assert coded == SHEET_NODES


def test_the_project_part_describes_no_second_node_for_a_code(imported):
    result, _ = imported
    assert set(result.project.graph.subjects(RDF.type, URIRef(IORKG + "StudyCode"))) == set()


def test_the_workbook_quotes_are_checked_against_their_source_too(imported):
    result, _ = imported
    assert result.validation.conforms
    assert result.validation.evidence.unchecked == 0


def test_each_stage_of_the_import_is_timed(imported):
    _, timings = imported
    assert set(timings) == {"workbook", "read", "triples", "validate", "write"}
    assert all(seconds >= 0 for seconds in timings.values())


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    repo = HERE.parent
    base = tmp_path_factory.mktemp("join-write")
    folder = base / "wb"
    shutil.copytree(repo / "data" / "fictional-example", folder)
    shutil.copytree(repo / "data" / "sources", folder / "sources")
    (folder / "codes.csv").write_text(CODES, encoding="utf-8")
    target = base / "out" / "case.ttl"
    result = import_project_with_codes(PROJECT, folder, output=target)
    return result, target, folder


def test_the_written_case_is_checked_where_it_lies_with_every_quote(written):
    from iorkg.validate import validate

    result, target, _ = written
    assert result.written == target
    again = validate([target])  # no --sources: the texts must be beside it
    assert again.conforms
    assert again.evidence.unchecked == 0
    assert again.evidence.verified == result.validation.evidence.verified


def test_the_workbook_texts_are_copied_beside_the_written_case(written):
    _, target, folder = written
    # the fictional example's sources sheet names one text, fictional-example-case.md
    copied = target.parent / "sources" / "fictional-example-case.md"
    assert copied.read_bytes() == (folder / "sources" / "fictional-example-case.md").read_bytes()


def test_a_role_played_code_gives_a_valid_role_playing_in_the_focal_relationship(tmp_path):
    repo = HERE.parent
    folder = tmp_path / "wb"
    shutil.copytree(repo / "data" / "fictional-example", folder)
    shutil.copytree(repo / "data" / "sources", folder / "sources")
    # the fictional example's focal relationship is its partnership, in which the bakery takes part
    rows = CODES.splitlines()
    header = rows[0].replace("target,", "target,relationship,")
    role = "c0de0101-0000-4000-8000-000000000101,routine talk,iorkgc:partner,close,role-played,bakery,,interpreted,"
    rest = [r.replace("bakery-management,", "bakery-management,,") for r in rows[2:]]
    (folder / "codes.csv").write_text("\n".join([header, role, *rest]) + "\n", encoding="utf-8")
    result = import_project_with_codes(PROJECT, folder, check=True)
    assert result.validation.conforms, result.validation.text
    roles = set(result.project.graph.subjects(RDF.type, URIRef(IORKG + "RolePlaying")))
    assert roles
    assert {result.project.graph.value(r, URIRef(IORKG + "inRelationship")) for r in roles} == {URIRef(FX + "partnership")}


def test_each_stage_of_the_import_reports_a_line_to_progress(tmp_path):
    repo = HERE.parent
    folder = tmp_path / "wb"
    shutil.copytree(repo / "data" / "fictional-example", folder)
    shutil.copytree(repo / "data" / "sources", folder / "sources")
    (folder / "codes.csv").write_text(CODES, encoding="utf-8")
    lines: list[str] = []
    import_project_with_codes(PROJECT, folder, check=True, progress=lines.append)
    # the fictional project: 2 sources (its sources/ folder) and a codes sheet of 2 rows
    assert len(lines) == 4  # --check: nothing written, so no line for the write
    assert lines[0].startswith("read the workbook: case fictional-example, 2 code(s)")
    assert lines[1].startswith("read the project: 2 source(s)")
    assert lines[2].startswith("made ") and " quads; validating (" in lines[2]
    assert lines[3].startswith("validated: valid (")
