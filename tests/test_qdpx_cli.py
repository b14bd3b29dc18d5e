"""`iorkg import PROJECT.qdpx [--codes WORKBOOK]`: a coded project described, or imported into the
case its workbook describes, validated and written only when valid."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from iorkg.cli import main

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "data" / "qdpx" / "fictional-example.qdpx"
# the codes sheet of the fictional project: its code GUID and its code name, one row each
CODES = (HERE / "data" / "qdpx" / "fictional-example-codes.csv").read_text(encoding="utf-8")


def _workbook(repo: Path, tmp_path: Path, codes: str = CODES) -> Path:
    folder = tmp_path / "wb"
    shutil.copytree(repo / "data" / "fictional-example", folder)
    shutil.copytree(repo / "data" / "sources", folder / "sources")
    (folder / "codes.csv").write_text(codes, encoding="utf-8")
    return folder


def test_without_codes_the_project_is_described_and_nothing_written(tmp_path, capsys):
    copy = tmp_path / "p.qdpx"
    shutil.copy(PROJECT, copy)
    assert main(["import", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "coded segments: 4; coders: 2" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qdpx"]


def test_with_codes_the_coded_segments_join_the_workbook_case(repo, tmp_path, capsys):
    output = tmp_path / "case.ttl"
    assert main(["import", str(PROJECT), "--codes", str(_workbook(repo, tmp_path)), "--output", str(output)]) == 0
    assert "valid (0 violations" in capsys.readouterr().err
    assert main(["query", "who-held-which-logic", str(output), "--format", "csv",
                 "--columns", "holder,logic,status,interpreted_by"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    readings = {(r["logic"], r["interpreted_by"]) for r in rows if r["status"] == "interpreted"}
    # the project's two coders read the managers' request as the two logics
    assert ("operational logic (fictional case)", "Coder A (fictional coder)") in readings
    assert ("co-creation logic (fictional case)", "Coder B (fictional coder)") in readings
    assert (tmp_path / "sources" / "50000101-0000-4000-8000-000000000101.txt").is_file()


def test_check_validates_and_writes_nothing(repo, tmp_path, capsys):
    output = tmp_path / "case.ttl"
    assert main(["import", str(PROJECT), "--codes", str(_workbook(repo, tmp_path)), "--output", str(output),
                 "--check"]) == 0
    assert not output.exists()


def test_a_code_map_row_with_an_unknown_becomes_exits_1_naming_the_cell(repo, tmp_path, capsys):
    bad = CODES.replace("close,holding,bakery", "close,hold,bakery", 1)
    assert main(["import", str(PROJECT), "--codes", str(_workbook(repo, tmp_path, bad))]) == 1
    assert "codes.csv, row 2, column E (becomes): 'hold'" in capsys.readouterr().err


def test_codes_with_a_workbook_import_is_a_usage_error(repo, tmp_path):
    assert main(["import", str(repo / "data" / "fictional-example"), "--codes", "x"]) == 2


def test_export_qdc_writes_a_codebook_of_the_ontology(tmp_path):
    out = tmp_path / "iorkg.qdc"
    assert main(["export", "--graph", "ontology", "--format", "qdc", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "CodeBook" in text and "perational logic" in text


def test_a_case_exported_as_qdpx_imports_back_with_its_coded_segments(repo, tmp_path, capsys):
    case = tmp_path / "case.ttl"
    assert main(["import", str(PROJECT), "--codes", str(_workbook(repo, tmp_path)), "--output", str(case)]) == 0
    project = tmp_path / "again.qdpx"
    assert main(["export", str(case), "--graph", case.resolve().as_uri(), "--format", "qdpx",
                 "--output", str(project), "--include-sources"]) == 0
    capsys.readouterr()
    assert main(["import", str(project)]) == 0
    assert "codes: 2; coded segments: 4; coders: 2" in capsys.readouterr().out
