"""Writing case workbooks: the template `iorkg new-case` makes (README sheet, header rows, drop-down
lists from the ontology's concept schemes, one example row per sheet) and the sheets the exporter
fills, as .xlsx (openpyxl) or as a folder of CSV files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .mapping import Column, Mapping, Sheet, load_mapping

Rows = dict[str, list[dict[str, str]]]
LISTS_SHEET = "lists"
MAX_ROWS = 5000  # drop-down lists reach this far down

# One example row per sheet (fictional, shown as a comment row: its first cell starts with #).
EXAMPLES: dict[str, dict[str, str]] = {
    "case": {"label": "Example: a fictional bakery and its occupational health provider (fictional)",
             "fictional": "TRUE", "focal_relationship": "partnership", "sources": "field-notes",
             "access_level": "public", "access_note": "invented text, CC0"},
    "sources": {"id": "field-notes", "type": "SourceDocument", "label": "field notes (fictional)",
                "file": "field-notes.md", "access_level": "public"},
    "actors": {"id": "bakery", "type": "Employer", "pseudonym": "Bakery A (fictional employer)"},
    "relationships": {"id": "partnership", "type": "Partnership",
                      "label": "partnership of Bakery A and Provider B (fictional)",
                      "participants": "bakery; provider"},
    "roles": {"id": "bakery-as-partner", "type": "RolePlaying", "label": "Bakery A plays partner",
              "player": "bakery", "role": "partner", "relationship": "partnership"},
    "logics": {"id": "operational-logic", "type": "OperationalLogic", "label": "operational logic",
               "characteristics": "linear; reactive"},
    "holdings": {"id": "provider-holds-operational", "type": "LogicHolding",
                 "label": "Provider B holds the operational logic", "holder": "provider",
                 "logic": "operational-logic", "relationship": "partnership", "phase": "phase-1"},
    "tensions": {"id": "routine-vs-development", "type": "Tension",
                 "label": "routine delivery versus joint development", "relationship": "partnership",
                 "poles": "pole-routine; pole-development"},
    "poles": {"id": "pole-routine", "type": "TensionPole", "label": "routine delivery",
              "logic": "operational-logic"},
    "processes": {"id": "process", "type": "Process", "label": "process of the partnership",
                  "process_of": "partnership"},
    "phases": {"id": "phase-1", "type": "ProcessPhase", "label": "phase 1 (negotiation)",
               "process": "process", "interval": "phase-1-interval"},
    "intervals": {"id": "phase-1-interval", "type": "ProperInterval", "label": "interval of phase 1",
                  "meets": "phase-2-interval"},
    "aims": {"id": "aim-well-being", "type": "Aim", "label": "better well-being at work"},
    "values": {"id": "value-management", "type": "ValueDefinition",
               "label": "for management, worth it if sick leave falls", "value_of": "partnership",
               "defined_by": "bakery", "level": "management"},
    "claims": {"id": "claim-1", "type": "Claim", "label": "partnerships take time",
               "attributed_to": "iorkgs:paper-authors"},
    "citations": {"id": "citation-1", "type": "Citation", "label": "claim 1 cites a study",
                  "citing": "claim-1", "cited": "iorkgs:ref-weick-1999", "intent": "cito:citesAsEvidence"},
    "classifications": {"id": "phase-1-negotiation", "type": "Classification",
                        "label": "phase 1 typed as negotiation", "classifies": "phase-1",
                        "concept": "iorkgc:negotiation"},
    "documents": {"id": "agreement", "type": "ServiceAgreement", "label": "the service agreement",
                  "stipulates": "the services bought"},
    "things": {"id": "practice-dialogue", "type": "Practice", "label": "regular dialogue"},
    "evidence": {"node": "bakery", "source": "field-notes",
                 "quote": "Bakery A buys occupational health services from Provider B.",
                 "status": "stated"},
    "codes": {"id": "market thinking", "label": "market thinking", "concept": "iorkg:OperationalLogic",
              "match": "close", "becomes": "holding", "status": "interpreted"},
    "statements": {"subject": "practice-dialogue", "property": "rdfs:comment",
                   "object": "held monthly", "kind": "literal", "language": "en"},
}


@dataclass(frozen=True)
class NewCase:
    """What `iorkg new-case` made."""

    folder: Path
    workbook: Path
    sources: Path


def choices(mapping: Mapping, sheet: Sheet, column: Column) -> list[str]:
    """The drop-down values of a column (empty: free text)."""
    from .vocab import vocabulary

    vocab = vocabulary()
    if column.kind == "type":
        roots = tuple(mapping.expand(c) or c for c in sheet.classes)
        return [_local(c) for c in vocab.classes_under(roots)]
    if column.kind == "concept":
        if column.values:
            return [_local(v) for v in column.values]
        return [_local(c) for c in vocab.concepts(mapping.expand(column.scheme) or "")]
    if column.kind == "boolean":
        return ["TRUE", "FALSE"]
    if column.values:
        return list(column.values)
    return []


def _local(iri: str) -> str:
    import re

    return re.split(r"[/#:]", iri)[-1]


def readme_rows(mapping: Mapping) -> list[list[str]]:
    """The README sheet: how the workbook works, then every sheet and column and what it becomes."""
    rows = [["iorkg case workbook", f"template version {mapping.template_version}"],
            ["How it works", "Each sheet below holds one kind of node; row 1 is the header. A row whose "
             "first cell starts with # is a comment (the filled example rows are such rows: delete the "
             "# to keep one). Ids name rows; other cells refer to rows by id, or to shared terms by a "
             "CURIE (iorkgs:curators, iorkgc:principal). Several values in one cell: separate with ;. "
             "The evidence sheet gives quotes without offsets: iorkg finds them in the text files of "
             "the sources/ folder. Run `iorkg import THIS-FILE` to check and convert it."],
            [],
            ["sheet", "column", "required", "values", "becomes", "checked by shape", "meaning"]]
    for sheet in mapping.sheets:
        rows.append([sheet.name, "", "", "", "", "", sheet.title])
        for column in sheet.columns:
            values = ", ".join(choices(mapping, sheet, column)) if column.kind in (
                "type", "concept", "boolean") or column.values else column.kind
            rows.append(["", column.name, "yes" if column.required else "", values,
                         column.property or "", column.shape, column.help])
    return rows


def write_xlsx(rows: Rows, path: str | Path, examples: bool = True,
               case_row: dict[str, str] | None = None) -> Path:
    """Write a workbook: README, every sheet with its header, drop-downs, rows (and examples)."""
    import tempfile

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    mapping = load_mapping()
    book = Workbook()
    readme = book.active
    readme.title = "README"
    for row in readme_rows(mapping):
        readme.append(row)
    readme["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDEFG", (16, 20, 9, 40, 26, 26, 90)):
        readme.column_dimensions[letter].width = width
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_column = 0
    grey = Font(italic=True, color="808080")
    for sheet in mapping.sheets:
        ws = book.create_sheet(sheet.name)
        headers = [c.name for c in sheet.columns]
        ws.append(headers)
        for index, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=index)
            cell.font = Font(bold=True)
            cell.comment = Comment(column.help + (" (required)" if column.required else ""), "iorkg")
            ws.column_dimensions[get_column_letter(index)].width = 40 if column.name in (
                "quote", "label", "pseudonym", "comment", "rationale", "help") else 18
        ws.freeze_panes = "A2"
        if examples and sheet.name in EXAMPLES:
            example = dict(EXAMPLES[sheet.name])
            if sheet.name == "case" and case_row:
                example = {**case_row, **example}
            first = headers[0]
            example[first] = "#" + example.get(first, "example")
            ws.append([example.get(h, "") for h in headers])
            for index in range(1, len(headers) + 1):
                ws.cell(row=2, column=index).font = grey
        data = ([case_row] if sheet.name == "case" and case_row else []) + rows.get(sheet.name, [])
        for row in data:
            number = ws.max_row + 1
            for index, header in enumerate(headers, start=1):
                value = row.get(header, "")
                if value == "":
                    continue
                cell = ws.cell(row=number, column=index, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
        for index, column in enumerate(sheet.columns, start=1):
            values = choices(mapping, sheet, column)
            if not values:
                continue
            list_column += 1
            letter = get_column_letter(list_column)
            for r, value in enumerate(values, start=1):
                lists.cell(row=r, column=list_column, value=value)
            dv = DataValidation(type="list", formula1=f"{LISTS_SHEET}!${letter}$1:${letter}${len(values)}",
                                allow_blank=True, showErrorMessage=not column.multi)
            dv.error = f"Pick one of the list ({column.name})"
            dv.prompt = column.help
            col = get_column_letter(index)
            dv.add(f"{col}2:{col}{MAX_ROWS}")
            ws.add_data_validation(dv)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    import os

    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def write_csv_folder(rows: Rows, folder: str | Path, all_sheets: bool = False) -> Path:
    """Write the sheets as `<sheet>.csv` files (UTF-8, comma-separated, one header row) in `folder`.

    Sheets without rows are left out unless `all_sheets` (case and evidence are always written);
    stale CSV files of sheets now empty are removed.
    """
    import csv
    import io

    from ..rdf.files import atomic_write

    mapping = load_mapping()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in mapping.sheets:
        target = folder / f"{sheet.name}.csv"
        data = rows.get(sheet.name, [])
        if not data and not all_sheets and sheet.name not in ("case", "evidence"):
            if target.exists():
                target.unlink()
            continue
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        headers = [c.name for c in sheet.columns]
        writer.writerow(headers)
        for row in data:
            writer.writerow([row.get(h, "") for h in headers])
        atomic_write(target, buffer.getvalue().encode("utf-8"))
    return folder


def new_case(name: str, parent: str | Path = ".") -> NewCase:
    """Make `NAME/NAME.xlsx` (the template, with the case row started) and `NAME/sources/`."""
    import re

    if not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
        raise InputError(None, f"case name {name!r}: expected lower-case letters, digits and - "
                               "(it becomes the case's graph name and file names)")
    folder = Path(parent) / name
    workbook = folder / f"{name}.xlsx"
    if workbook.exists():
        raise InputError(workbook, "already exists; choose another name or remove it first")
    sources = folder / "sources"
    try:
        sources.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(folder, f"cannot make the case folder: {exc.strerror or exc}") from None
    mapping = load_mapping()
    case_row = {"id": "case", "type": "Case", "template_version": str(mapping.template_version),
                "name": name, "namespace": f"https://w3id.org/iorkg/case/{name}/", "language": "en"}
    write_xlsx({}, workbook, examples=True, case_row=case_row)
    return NewCase(folder, workbook, sources)
