"""The case workbook template: its sheets and columns, README, drop-downs, examples and version."""

from __future__ import annotations

from pathlib import Path

import pytest

from iorkg.cli import main
from iorkg.io.mapping import load_mapping

ISSUE_SHEETS = ["case", "sources", "actors", "relationships", "roles", "logics", "holdings",
                "tensions", "poles", "phases", "aims", "values", "claims", "citations", "evidence", "codes"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    from openpyxl import load_workbook

    parent = tmp_path_factory.mktemp("new")
    assert main(["new-case", "demo", "--parent", str(parent)]) == 0
    return parent, load_workbook(parent / "demo" / "demo.xlsx")


def headers(ws) -> list[str]:
    return [c.value for c in ws[1]]


def test_new_case_makes_workbook_and_sources(book) -> None:
    parent, _ = book
    assert (parent / "demo" / "demo.xlsx").is_file() and (parent / "demo" / "sources").is_dir()


def test_template_has_every_sheet_of_the_issue(book) -> None:
    _, wb = book
    assert set(ISSUE_SHEETS) <= set(wb.sheetnames) and wb.sheetnames[0] == "README"


def test_codes_sheet_has_the_contract_columns(book) -> None:
    _, wb = book
    assert headers(wb["codes"]) == ["id", "label", "concept", "match", "becomes", "target", "relationship",
                                    "status", "note"]


def test_actors_have_a_pseudonym_and_no_name(book) -> None:
    _, wb = book
    cols = headers(wb["actors"])
    assert "pseudonym" in cols and "name" not in cols and "label" not in cols


def test_case_and_sources_carry_access_level_and_note(book) -> None:
    _, wb = book
    for sheet in ("case", "sources"):
        assert {"access_level", "access_note"} <= set(headers(wb[sheet]))


def test_evidence_has_a_coder_column(book) -> None:
    _, wb = book
    assert "coder" in headers(wb["evidence"])


def test_concept_columns_have_drop_downs_from_the_schemes(book) -> None:
    _, wb = book
    ws = wb["roles"]
    col = "ABCDEFGH"[headers(ws).index("role")]
    lists = wb["lists"]
    found = []
    for dv in ws.data_validations.dataValidation:
        if any(str(r).startswith(f"{col}2") for r in dv.sqref.ranges):
            ref = dv.formula1.split("!")[1].replace("$", "")
            first, last = ref.split(":")
            found = [c.value for row in lists[first:last] for c in row]
    assert found == ["principal", "agent", "partner", "client", "service-provider"]


def test_example_rows_are_comments(book) -> None:
    _, wb = book
    for name in ISSUE_SHEETS:
        assert str(wb[name].cell(row=2, column=1).value).startswith("#"), name


def test_readme_states_the_template_version(book) -> None:
    _, wb = book
    assert wb["README"]["B1"].value == f"template version {load_mapping().template_version}"


def test_readme_lists_every_column(book) -> None:
    _, wb = book
    listed = {(r[1].value) for r in wb["README"].iter_rows(min_row=5) if r[1].value}
    assert {c.name for s in load_mapping().sheets for c in s.columns} <= listed


def test_fresh_template_reports_what_to_fill(book, capsys) -> None:
    parent, _ = book
    code = main(["import", str(parent / "demo" / "demo.xlsx"), "--check"])
    err = capsys.readouterr().err
    assert code == 1 and "sheet case, row 3, column C (label)" in err


def test_new_case_refuses_existing_folder(book, capsys) -> None:
    parent, _ = book
    assert main(["new-case", "demo", "--parent", str(parent)]) == 2


def test_mapping_columns_name_their_properties() -> None:
    mapping = load_mapping()
    for sheet in mapping.sheets:
        for column in sheet.columns:
            if column.property:
                assert mapping.expand(column.property), (sheet.name, column.name)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    from iorkg.io.sheets import read_tables
    from iorkg.io.template import write_xlsx

    write_xlsx({"statements": [{"subject": "a", "property": "rdfs:comment", "object": "=SUM(A1)",
                                "kind": "literal"}]}, tmp_path / "t.xlsx", examples=False)
    (_, cells), = read_tables(tmp_path / "t.xlsx")["statements"].rows
    assert cells["object"].value == "=SUM(A1)" and not cells["object"].formula
