"""Bad workbooks: each refused with a message naming the cell, the right exit code, nothing written."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from iorkg.cli import main

SECOND = Path(__file__).parent / "data" / "workbook" / "second-fictional-case"


def plain_copy(tmp_path: Path) -> Path:
    """The second fictional case without its codes (whose terms the ontology may not have yet)."""
    folder = tmp_path / "case"
    shutil.copytree(SECOND, folder)
    (folder / "codes.csv").unlink()
    for name in ("roles.csv", "holdings.csv"):
        path = folder / name
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        for row in rows:
            row["coded_with"] = ""
        write_rows(path, rows)
    path = folder / "evidence.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        row["coded_segment"] = ""
    write_rows(path, rows)
    return folder


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit(folder: Path, sheet: str, row: int, column: str, value: str) -> None:
    """Set one cell (row counts data rows from 0)."""
    path = folder / f"{sheet}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[row][column] = value
    write_rows(path, rows)


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["import", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def written(folder: Path) -> list[Path]:
    return sorted(folder.parent.glob("*.ttl"))


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return plain_copy(tmp_path)


@pytest.fixture
def xlsx(tmp_path: Path, case: Path) -> Path:
    from iorkg.io.sheets import read_tables
    from iorkg.io.template import write_xlsx

    rows = {name: [{h: str(c.value) for h, c in cells.items()} for _, cells in table.rows]
            for name, table in read_tables(case).items()}
    path = tmp_path / "book" / "case.xlsx"
    write_xlsx(rows, path, examples=True)
    shutil.copytree(case / "sources", path.parent / "sources")
    return path


def set_xlsx_cell(path: Path, sheet: str, header: str, row: int, value) -> str:
    """Set a cell of an .xlsx (row as the spreadsheet counts it); returns the cell's letter."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    cell = ws.cell(row=row, column=headers.index(header) + 1)
    cell.value = value
    book.save(path)
    return cell.column_letter


def test_valid_plain_case_imports(case: Path, capsys) -> None:
    code, err = run(capsys, str(case))
    assert code == 0, err
    assert written(case) == [case.parent / "second-fictional-case.ttl"]


def test_empty_xlsx_is_unreadable(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    code, err = run(capsys, str(path))
    assert code == 2 and "empty.xlsx" in err and "empty" in err
    assert not list(tmp_path.glob("*.ttl"))


def test_corrupt_xlsx_is_unreadable(tmp_path: Path, capsys) -> None:
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    code, err = run(capsys, str(path))
    assert code == 2 and "corrupt.xlsx" in err and "not a readable .xlsx" in err
    assert not list(tmp_path.glob("*.ttl"))


def test_csv_in_latin1_is_unreadable(case: Path, capsys) -> None:
    path = case / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Oy", "Öy").encode("latin-1"))
    code, err = run(capsys, str(case))
    assert code == 2 and "actors.csv" in err and "not UTF-8" in err
    assert written(case) == []


def test_stray_delimiter_names_the_row(case: Path, capsys) -> None:
    path = case / "relationships.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1] + ",stray"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run(capsys, str(case))
    assert code == 2 and "relationships.csv" in err and "row 2" in err and "stray comma" in err
    assert written(case) == []


def test_missing_sheet_is_named(case: Path, capsys) -> None:
    (case / "evidence.csv").unlink()
    code, err = run(capsys, str(case))
    assert code == 2 and "evidence.csv" in err
    assert written(case) == []


def test_missing_required_column_is_named(case: Path, capsys) -> None:
    path = case / "roles.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        del row["player"]
    write_rows(path, rows)
    code, err = run(capsys, str(case))
    assert code == 2 and "roles.csv" in err and "'player'" in err
    assert written(case) == []


def test_formula_where_a_value_belongs(xlsx: Path, capsys) -> None:
    letter = set_xlsx_cell(xlsx, "actors", "pseudonym", 3, '=CONCAT("Fictional ","Cleaning")')
    code, err = run(capsys, str(xlsx))
    assert code == 1
    assert f"case.xlsx, sheet actors, row 3, column {letter} (pseudonym): a formula" in err
    assert not list(xlsx.parent.glob("*.ttl"))


def test_date_in_a_text_column(xlsx: Path, capsys) -> None:
    import datetime

    letter = set_xlsx_cell(xlsx, "relationships", "label", 3, datetime.datetime(2024, 5, 1))
    code, err = run(capsys, str(xlsx))
    assert code == 1
    assert f"sheet relationships, row 3, column {letter} (label): a date" in err
    assert not list(xlsx.parent.glob("*.ttl"))


def test_unknown_concept_lists_the_choices(case: Path, capsys) -> None:
    edit(case, "roles", 0, "role", "boss")
    code, err = run(capsys, str(case))
    assert code == 1
    assert "roles.csv, row 2, column F (role): unknown concept 'boss'" in err and "principal" in err
    assert written(case) == []


def test_duplicate_id_names_both_rows(case: Path, capsys) -> None:
    edit(case, "relationships", 1, "id", "cleaning")
    code, err = run(capsys, str(case))
    assert code == 1
    assert "relationships.csv, row 3, column A (id): duplicate id 'cleaning'" in err
    assert "actors.csv, row 2" in err
    assert written(case) == []


def test_quote_absent_from_source_gives_nearest(case: Path, capsys) -> None:
    edit(case, "evidence", 5, "quote", "The two companies also agreed to develop ergonomics at the cleaning sites together.")
    code, err = run(capsys, str(case))
    assert code == 1
    assert "evidence.csv, row 7, column D (quote)" in err and "not in the source text" in err
    assert "nearest passage" in err and "on the cleaning sites" in err
    assert written(case) == []


def test_unknown_reference_is_named(case: Path, capsys) -> None:
    edit(case, "roles", 0, "player", "cleaner-company")
    code, err = run(capsys, str(case))
    assert code == 1 and "roles.csv, row 2, column E (player): no row defines the id 'cleaner-company'" in err


def test_unknown_sheet_is_refused(case: Path, capsys) -> None:
    shutil.copy(case / "actors.csv", case / "actor.csv")
    code, err = run(capsys, str(case))
    assert code == 2 and "'actor' is not a sheet" in err


def test_older_template_version_says_what_to_change(case: Path, capsys) -> None:
    edit(case, "case", 0, "template_version", "0")
    code, err = run(capsys, str(case))
    assert code == 2 and "template version '0'" in err and "iorkg new-case" in err


def test_shape_violation_writes_nothing(case: Path, capsys) -> None:
    edit(case, "case", 0, "focal_relationship", "cleaning")  # an actor is no relationship
    code, err = run(capsys, str(case))
    assert code == 1 and "INVALID" in err
    assert written(case) == []


def test_semicolon_separated_csv_is_named(case: Path, capsys) -> None:
    path = case / "aims.csv"
    path.write_text("id;type;label\naim-1;Aim;an aim\n", encoding="utf-8")
    code, err = run(capsys, str(case))
    assert code == 2 and "aims.csv" in err and "separated by ;" in err


def test_repeated_header_is_named(case: Path, capsys) -> None:
    path = case / "aims.csv"
    path.write_text("id,type,label,label\naim-1,Aim,an aim,again\n", encoding="utf-8")
    code, err = run(capsys, str(case))
    assert code == 2 and "aims.csv" in err and "'label' appears twice" in err


def test_unwritable_output_is_reported(case: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    code, err = run(capsys, str(case), "--output", str(blocker / "case.ttl"))
    assert code == 2 and "cannot write" in err


def test_a_prefix_turtle_cannot_take_is_refused_naming_the_cell(case: Path, capsys) -> None:
    edit(case, "case", 0, "prefix", "0 0")  # found by the property test: the Turtle writer crashed
    code, err = run(capsys, str(case))
    assert code == 1
    assert "case.csv, row 2, column H (prefix): prefix '0 0': expected a letter" in err
    assert written(case) == []
