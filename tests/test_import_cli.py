"""`iorkg import`: where it writes, --check, --output, and a case filled only through the workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from iorkg.cli import main

HERE = Path(__file__).parent / "data" / "workbook"
EXTRA = HERE / "contract-terms.ttl"


def extra_terms() -> list[Path]:
    """The contract's terms, where the ontology of this checkout does not declare them yet."""
    from iorkg.resources import ontology_path

    return [] if "iorkg:StudyCode a" in ontology_path().read_text(encoding="utf-8") else [EXTRA]


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    from test_import_bad_input import plain_copy

    return plain_copy(tmp_path)


def test_check_writes_nothing(plain: Path, capsys) -> None:
    assert main(["import", str(plain), "--check"]) == 0
    assert "nothing written" in capsys.readouterr().err
    assert not list(plain.parent.glob("*.ttl"))


def test_output_goes_where_asked(plain: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "x.ttl"
    out.parent.mkdir()
    assert main(["import", str(plain), "--output", str(out)]) == 0
    assert out.is_file() and not list(plain.parent.glob("*.ttl"))


def test_sources_option_finds_texts_elsewhere(plain: Path, tmp_path: Path) -> None:
    moved = tmp_path / "texts"
    (plain / "sources").rename(moved)
    assert main(["import", str(plain), "--check", "--sources", str(moved)]) == 0


def test_written_case_is_taken_by_file_commands(plain: Path, capsys) -> None:
    assert main(["import", str(plain)]) == 0
    ttl = plain.parent / "second-fictional-case.ttl"
    assert main(["validate", str(ttl)]) == 0


def test_second_fictional_case_answers_who_held_which_logic(tmp_path: Path) -> None:
    import iorkg
    from iorkg.io.workbook import import_case

    out = tmp_path / "second-fictional-case.ttl"
    result = import_case(HERE / "second-fictional-case", output=out, extra_ontology=extra_terms())
    assert result.ok, result.validation.text
    rows = iorkg.open(out).query("who-held-which-logic").rows
    got = sorted((r["logic_type"], r["holder"], r["interpreted_by"]) for r in rows)
    assert got == [("Co-creation logic", "Fictional Health Services Ltd (fictional provider)", "Coder C (fictional coder)"),
                   ("Operational logic", "Fictional Health Services Ltd (fictional provider)", "Coder C (fictional coder)")]


def test_second_case_codes_map_to_the_ontology(tmp_path: Path) -> None:
    import rdflib

    from iorkg.io.workbook import build_case

    graph = build_case(HERE / "second-fictional-case").graph
    code = rdflib.URIRef("https://w3id.org/iorkg/fictional/second-case/code/market-thinking")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    iorkg_ns = rdflib.Namespace("https://w3id.org/iorkg/ontology#")
    assert graph.value(code, skos.closeMatch) == iorkg_ns.OperationalLogic
    assert str(graph.value(code, skos.notation)) == "market thinking"
    assert graph.value(code, skos.inScheme) == rdflib.URIRef("https://w3id.org/iorkg/fictional/second-case/codebook")
    holding = rdflib.URIRef("https://w3id.org/iorkg/fictional/second-case/provider-market")
    assert graph.value(holding, iorkg_ns.codedWith) == code


def test_export_cli_writes_a_workbook(tmp_path: Path, capsys) -> None:
    out = tmp_path / "fx.xlsx"
    assert main(["export", "--graph", "fictional-example", "--format", "workbook", "--output", str(out)]) == 0
    assert out.is_file()
    assert main(["import", str(out), "--check", "--sources", str(Path(__file__).parents[1] / "data" / "sources")]) == 0


def test_import_reports_a_line_per_stage_to_progress(tmp_path):
    import shutil

    from iorkg.io.workbook import import_case

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path / "wb"
    shutil.copytree(root / "data" / "fictional-example", folder)
    lines: list[str] = []
    result = import_case(folder, sources=root / "data" / "sources", check=True, progress=lines.append)
    assert result.ok
    assert [line.split(":")[0] for line in lines] == ["read the workbook", "validated"]
    assert lines[0].startswith("read the workbook: case fictional-example, ")
    assert lines[1].startswith("validated: valid (")
