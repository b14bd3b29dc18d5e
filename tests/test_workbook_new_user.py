"""From `iorkg new-case demo` to a validated, queryable case, filling only the workbook."""

from __future__ import annotations

from pathlib import Path

from iorkg.cli import main

TEXT = """# Fictional demo notes

Everything here is fictional. Demo Bakery Oy buys occupational health services from Demo Health Ltd.
The two companies run a fictional partnership to improve well-being at work.
"""


def fill(workbook: Path, case: dict[str, object], sheets: dict[str, list[dict[str, str]]]) -> None:
    """Type the case row's cells and append rows to sheets, as a user would in a spreadsheet."""
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    ws = book["case"]
    headers = [c.value for c in ws[1]]
    for key, value in case.items():
        ws.cell(row=3, column=headers.index(key) + 1, value=value)
    for sheet, rows in sheets.items():
        ws = book[sheet]
        headers = [c.value for c in ws[1]]
        for row in rows:
            ws.append([row.get(h) for h in headers])
    book.save(workbook)


def test_new_user_reaches_a_queryable_case(tmp_path: Path, capsys) -> None:
    import iorkg

    assert main(["new-case", "demo", "--parent", str(tmp_path)]) == 0
    folder = tmp_path / "demo"
    workbook = folder / "demo.xlsx"
    (folder / "sources" / "notes.md").write_text(TEXT, encoding="utf-8")
    fill(workbook, dict(label="Demo case (fictional)", fictional=True, focal_relationship="partnership",
                        sources="notes", namespace="https://w3id.org/iorkg/fictional/demo/"), {
        "sources": [{"id": "notes", "type": "SourceDocument", "label": "demo notes (fictional)",
                     "file": "notes.md"}],
        "actors": [
        {"id": "bakery", "type": "Employer", "pseudonym": "Demo Bakery Oy (fictional)"},
        {"id": "provider", "type": "OccupationalHealthServiceProvider", "pseudonym": "Demo Health Ltd (fictional)"}],
        "relationships": [{"id": "partnership", "type": "Partnership",
                                      "label": "demo partnership (fictional)", "participants": "bakery; provider"}],
        "roles": [{"id": "bakery-as-principal", "type": "RolePlaying", "label": "Demo Bakery Oy as principal",
                              "player": "bakery", "role": "principal", "relationship": "partnership"}],
        "evidence": [
        {"node": "case", "quote": "Everything here is fictional."},
        {"node": "notes", "quote": "Fictional demo notes"},
        {"node": "bakery", "quote": "Demo Bakery Oy buys occupational health services"},
        {"node": "provider", "quote": "from Demo Health Ltd."},
        {"node": "partnership", "quote": "The two companies run a fictional partnership"},
        {"node": "bakery-as-principal", "quote": "Demo Bakery Oy buys occupational health services"}]})
    code = main(["import", str(workbook)])
    assert code == 0, capsys.readouterr().err
    rows = iorkg.open(folder / "demo.ttl").query("roles").rows
    assert any("principal" in str(r.values()) and "Demo Bakery" in str(r.values()) for r in rows)
