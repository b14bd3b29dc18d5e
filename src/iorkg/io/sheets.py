"""Reading the sheets of a case workbook, an .xlsx file or a folder of CSV files, as rows of cells
that know where they are (file, sheet, row, column), and the errors that name those places."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, IorkgError
from .archive import is_symlink, unsafe_member_name

FORMULA_IN_CSV = re.compile(r"^=\s*[A-Za-z][A-Za-z0-9_.]*\s*\(|^=\s*\$?[A-Z]{1,3}\$?[0-9]+")
MAX_LISTED = 40


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Where:
    """A place in a workbook: file, sheet, row (1-based, as the spreadsheet shows) and column."""

    file: str
    sheet: str
    row: int | None = None
    column: int | None = None
    header: str | None = None
    csv: bool = False

    def __str__(self) -> str:
        parts = [self.file if self.csv else f"{self.file}, sheet {self.sheet}"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            name = f" ({self.header})" if self.header else ""
            parts.append(f"column {column_letter(self.column)}{name}")
        elif self.header:
            parts.append(f"column {self.header}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Cell:
    """One cell's value as read (str, bool, int, float, date/time or None) and whether it is a formula."""

    value: object
    where: Where
    formula: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Table:
    """One sheet: its header and its data rows (comment rows, whose first cell starts with #, left out)."""

    name: str
    file: str
    headers: list[str]
    rows: list[tuple[int, dict[str, Cell]]]
    csv: bool = False

    def where(self, row: int | None = None, header: str | None = None) -> Where:
        column = self.headers.index(header) if header in self.headers else None
        return Where(self.file, self.name, row, column, header, self.csv)


@dataclass
class Problems:
    """The rule-breaking cells found while importing, each with its place."""

    items: list[tuple[Where | str, str]] = field(default_factory=list)

    def add(self, where: Where | str, message: str) -> None:
        self.items.append((where, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise WorkbookError(self.items)


class WorkbookError(IorkgError):
    """Cells that break a rule of the case workbook (exit 1), every one named with its place."""

    exit_code = 1

    def __init__(self, items: list[tuple[Where | str, str]]) -> None:
        self.items = items
        lines = [f"{where}: {message}" for where, message in items[:MAX_LISTED]]
        if len(items) > MAX_LISTED:
            lines.append(f"... and {len(items) - MAX_LISTED} more")
        count = f"{len(items)} problem{'s' if len(items) != 1 else ''} in the workbook"
        super().__init__(count + ":\n  " + "\n  ".join(lines))


# reading ------------------------------------------------------------------------------------------
def read_tables(path: str | Path) -> dict[str, Table]:
    """The sheets of an .xlsx workbook or of a folder of CSV files (one `<sheet>.csv` each).

    Raises InputError (exit 2) for a file that cannot be read: not there, empty, corrupt, not
    UTF-8, or with rows that have more cells than the header.
    """
    path = Path(path)
    if path.is_dir():
        return _read_csv_folder(path)
    if not path.is_file():
        raise InputError(path, "no such workbook (expected an .xlsx file or a folder of CSV files)")
    if path.suffix.lower() == ".csv":
        raise InputError(path, "give the folder that holds the CSV files (one per sheet), not one CSV file")
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> dict[str, Table]:
    import zipfile
    import zlib

    if path.stat().st_size == 0:
        raise InputError(path, "the workbook is empty (0 bytes); expected an .xlsx file")
    try:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - openpyxl is a core dependency
        from ..errors import EnvironmentProblem
        raise EnvironmentProblem("reading .xlsx workbooks needs openpyxl (pip install openpyxl)") from None
    _check_xlsx_archive(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError, EOFError,
            NotImplementedError, RuntimeError, zlib.error) as exc:
        raise InputError(path, f"not a readable .xlsx workbook ({type(exc).__name__}: {_first_line(exc)}); "
                               "save it from Excel or LibreOffice as .xlsx") from None
    tables: dict[str, Table] = {}
    try:
        for ws in book.worksheets:
            tables[ws.title] = _xlsx_table(path.name, ws)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, EOFError, NotImplementedError,
            RuntimeError, zlib.error) as exc:
        raise InputError(path, f"the workbook is damaged ({type(exc).__name__}: {_first_line(exc)})") from None
    finally:
        book.close()
    return tables


XLSX_MAX_MEMBERS = 2_000
"""The most members an .xlsx archive may have (a workbook of a case has a few dozen)."""
XLSX_MAX_BYTES = 256 * 1024 * 1024
"""The most bytes the members of an .xlsx archive may unpack to, all together."""
XLSX_MAX_RATIO = 200
"""The highest compression ratio accepted for a member larger than 1 MiB (a zip bomb is far higher)."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _check_xlsx_archive(path: Path) -> None:
    """Refuse, before openpyxl reads it, an .xlsx archive that a spreadsheet program never writes:
    too many members, names that climb out or are absolute, symbolic links, members that unpack
    far beyond their size (a zip bomb), or XML with a document type declaration (entities can read
    other files or expand without bound)."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(path, f"not a readable .xlsx workbook (not a zip archive: {exc}); "
                               "save it from Excel or LibreOffice as .xlsx") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > XLSX_MAX_MEMBERS:
            raise InputError(path, f"refused: the archive has {len(infos):,} members; a workbook "
                                   f"has at most {XLSX_MAX_MEMBERS:,}")
        total = 0
        for info in infos:
            name = info.filename
            where = f"{path}!{name}"
            problem = unsafe_member_name(name)
            if problem:
                raise InputError(where, f"refused: the member name is {problem}")
            if is_symlink(info):
                raise InputError(where, "refused: the member is a symbolic link")
            total += info.file_size
            if total > XLSX_MAX_BYTES:
                raise InputError(path, f"refused: the members unpack to more than {XLSX_MAX_BYTES:,} bytes")
            if info.file_size > (1 << 20) and info.file_size > XLSX_MAX_RATIO * max(info.compress_size, 1):
                raise InputError(where, f"refused: the member is compressed "
                                        f"{info.file_size / max(info.compress_size, 1):,.0f} to 1: a zip bomb")
            if name.lower().endswith((".xml", ".rels", ".vml")):
                _refuse_doctype(archive, info, where)


def _refuse_doctype(archive, info, where: str) -> None:
    """An XML member with <!DOCTYPE or <!ENTITY is refused (read in chunks, never all at once)."""
    import zipfile
    import zlib

    tail = b""
    try:
        with archive.open(info) as handle:
            read = 0
            while True:
                chunk = handle.read(1 << 16)
                if not chunk:
                    break
                read += len(chunk)
                if read > info.file_size:
                    raise InputError(where, "refused: the member unpacks to more than its header says")
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise InputError(where, "refused: XML with a document type declaration "
                                            "(<!DOCTYPE or <!ENTITY): entities can read other files "
                                            "or expand without bound; save the workbook again from "
                                            "Excel or LibreOffice")
                tail = window[-16:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError) as exc:
        raise InputError(where, f"the member cannot be unpacked ({exc})") from None


def _xlsx_table(file: str, ws) -> Table:
    headers: list[str] = []
    rows: list[tuple[int, dict[str, Cell]]] = []
    for number, row in enumerate(ws.iter_rows(), start=1):
        values = [(c.value, getattr(c, "data_type", None)) for c in row]
        if not headers:
            if not any(v not in (None, "") for v, _ in values):
                continue  # blank rows above the header
            headers = [str(v).strip() if v is not None else "" for v, _ in values]
            while headers and not headers[-1]:
                headers.pop()
            continue
        if not any(v is not None and str(v).strip() for v, _ in values):
            continue
        first = values[0][0] if values else None
        if isinstance(first, str) and first.lstrip().startswith("#"):
            continue
        cells: dict[str, Cell] = {}
        for index, (value, kind) in enumerate(values):
            if index >= len(headers):
                if value not in (None, ""):
                    cells[f"#{index}"] = Cell(value, Where(file, ws.title, number, index))
                continue
            formula = kind == "f"
            cells[headers[index]] = Cell(value, Where(file, ws.title, number, index, headers[index]), formula)
        rows.append((number, cells))
    return Table(ws.title, file, headers, rows)


def _read_csv_folder(folder: Path) -> dict[str, Table]:
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise InputError(folder, "the folder holds no CSV files (expected one <sheet>.csv per sheet, "
                                 "e.g. case.csv and evidence.csv)")
    return {f.stem: _csv_table(folder, f) for f in files}


def _csv_table(folder: Path, path: Path) -> Table:
    import csv
    import io

    name = f"{folder.name}/{path.name}"
    raw = path.read_bytes()
    from ..rdf.files import wide_encoding

    wide = wide_encoding(raw[:4096])
    if wide:
        raise InputError(path, f"the file is {wide}, not UTF-8; save it as \"CSV UTF-8\"", 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(path, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); "
                               "save it as \"CSV UTF-8\"", line) from None
    sheet = path.stem
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    headers: list[str] = []
    rows: list[tuple[int, dict[str, Cell]]] = []
    try:
        records = list(reader)
    except csv.Error as exc:
        raise InputError(path, f"not a readable CSV file: {exc}", reader.line_num) from None
    for number, record in enumerate(records, start=1):
        if not headers:
            if not any(v.strip() for v in record):
                continue
            headers = [h.strip() for h in record]
            while headers and not headers[-1]:
                headers.pop()
            if len(headers) == 1 and (";" in headers[0] or "\t" in headers[0]):
                sep = ";" if ";" in headers[0] else "tab"
                raise InputError(path, f"the header is one cell {headers[0]!r}: the file seems "
                                       f"separated by {sep}; iorkg reads comma-separated CSV", number)
            continue
        if not any(v.strip() for v in record):
            continue
        if record[0].lstrip().startswith("#"):
            continue
        extra = [v for v in record[len(headers):] if v.strip()]
        if extra:
            raise InputError(path, f"row {number} has {len(record)} cells but the header has "
                                   f"{len(headers)}: a stray comma? (put cells that contain commas "
                                   "in double quotes)", number)
        cells = {}
        for index, header in enumerate(headers):
            value = record[index] if index < len(record) else ""
            formula = bool(FORMULA_IN_CSV.match(value))
            cells[header] = Cell(value, Where(name, sheet, number, index, header, csv=True), formula)
        rows.append((number, cells))
    return Table(path.stem, name, headers, rows, csv=True)


# cell values ----------------------------------------------------------------------------------
def cell_text(cell: Cell, problems: Problems, keep_space: bool = False) -> str | None:
    """The text of a cell (None when empty); formulas and dates are problems."""
    if cell.empty:
        return None
    if cell.formula:
        problems.add(cell.where, f"a formula ({cell.value}) where a value belongs; type the value itself")
        return None
    value = cell.value
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        problems.add(cell.where, f"a date ({value}) in a text column; format the cell as text "
                                 "(the spreadsheet turned what was typed into a date)")
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if keep_space else text.strip()
