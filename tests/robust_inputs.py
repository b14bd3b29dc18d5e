"""Bad and hostile input files for the entry-point tests, built on demand (tests/test_robust_*.py).

Every file is FICTIONAL test data: the few triples use https://w3id.org/iorkg/fictional/hostile/.
A builder takes the folder to write into and returns the path to give the command (which may not
exist, or be a folder, when that is the point).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "data" / "hostile"
QDPX = HERE / "data" / "qdpx"
EX = "https://w3id.org/iorkg/fictional/hostile/"
TRIPLE = f"<{EX}a> <{EX}b> \"fictional é\" .\n"


def _text(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(text.encode(encoding))
        return path
    return build


def _copy(name: str, source: Path) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return Path(shutil.copy(source, folder / name))
    return build


def _garbage(name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        import random

        path = folder / name
        path.write_bytes(bytes(random.Random(17).randrange(256) for _ in range(4096)))
        return path
    return build


def _folder(name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        return path
    return build


def _missing(name: str) -> Callable[[Path], Path]:
    return lambda folder: folder / name


def _long_literal(folder: Path) -> Path:
    path = folder / "long-literal.ttl"
    with path.open("wb") as handle:
        handle.write(f"<{EX}a> <{EX}comment> \"".encode())
        handle.write(b"x" * (16 * 1024 * 1024 + 1))
        handle.write(b"\" .\n")
    return path


def million_blank_nodes(folder: Path, count: int = 1_000_000) -> Path:
    """A Turtle chain of `count` blank nodes (about 27 MB)."""
    path = folder / "million-blank-nodes.ttl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"@prefix h: <{EX}> .\n")
        for i in range(count):
            handle.write(f"_:b{i} h:next _:b{i + 1} .\n")
    return path


# kind -> (builder, words the message holds, line or None)
RDF_INPUTS: dict[str, tuple[Callable[[Path], Path], str, int | None]] = {
    "empty Turtle": (_copy("empty.ttl", HOSTILE / "empty.ttl"), "holds no RDF triples", None),
    "Turtle with prefixes only": (_copy("prefixes-only.ttl", HOSTILE / "prefixes-only.ttl"), "holds no RDF triples", None),
    "binary garbage": (_garbage("garbage.ttl"), "Invalid UTF-8", 1),
    "wrong format for the extension (JSON in .ttl)": (_text("json.ttl", '{"@id": "x", "a": [1, 2]}\n'), "not valid ttl", 1),
    "malformed Turtle": (_text("bad.ttl", f"@prefix h: <{EX}> .\nh:a h:b h:c .\nh:d h:e \"open .\n"), "not valid ttl", 3),
    "malformed TriG": (_text("bad.trig", f"<{EX}g> {{ <{EX}a> <{EX}b> <{EX}c> .\n"), "not valid trig", 2),
    "malformed N-Quads": (_text("bad.nq", f"<{EX}a> <{EX}b> <{EX}c> <{EX}g> .\n<{EX}a> <{EX}b> \"x\" <{EX}g> <x> .\n"),
                          "not valid nq", 2),
    "malformed JSON-LD": (_text("bad.jsonld", f'{{"@id": "{EX}a", "{EX}b": [1, }}\n'), "not valid jsonld", 1),
    "malformed RDF/XML": (_text("bad.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
                                           f'02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about="{EX}a">\n'
                                           '</rdf:RDF>\n'), "not valid xml", None),
    "invalid IRI": (_text("bad-iri.ttl", f"<{EX}a b> <{EX}b> <{EX}c> .\n"), "Invalid IRI", 1),
    "UTF-16 without a byte order mark": (_text("utf16.ttl", TRIPLE, "utf-16-le"), "UTF-16", 1),
    "Latin-1 instead of UTF-8": (_text("latin1.ttl", TRIPLE, "latin-1"), "Invalid UTF-8", 1),
    "missing file": (_missing("missing.ttl"), "no such file", None),
    "folder where a file is expected": (_folder("not-a-file.ttl"), "this is a folder|is a directory", None),
    "RDF/XML external entity (XXE)": (_text("xxe.rdf", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM '
                                                       '"file:///etc/passwd">]>\n<rdf:RDF xmlns:rdf="http://www.w3.'
                                                       'org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about='
                                                       f'"{EX}a"><h:b xmlns:h="{EX}">&x;</h:b></rdf:Description>'
                                                       '</rdf:RDF>\n'), "entity declarations", 2),
    "RDF/XML entity bomb": (_copy("entity-bomb.rdf", HOSTILE / "entity-bomb.rdf"), "entity declarations", 3),
    "JSON-LD 20,001 levels deep": (_copy("deep.jsonld", HOSTILE / "deep.jsonld"), "levels deep", None),
    "a literal longer than 16 MiB": (_long_literal, "longer than 16,777,216 bytes", None),
}


# workbooks (.xlsx and CSV folders) -----------------------------------------------------------------
def plain_xlsx(path: Path) -> Path:
    """A small .xlsx as openpyxl writes it (one sheet `case`)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "case"
    sheet.append(["id", "label"])
    sheet.append(["case", "fictional hostile case"])
    book.save(path)
    return path


def _rewritten_xlsx(name: str, change: Callable[[str, bytes], bytes | None],
                    extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> Callable[[Path], Path]:
    """An .xlsx whose members pass through `change` (None drops one), plus extra members."""
    def build(folder: Path) -> Path:
        plain = plain_xlsx(folder / f".plain-{name}")
        path = folder / name
        with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.namelist():
                data = change(member, source.read(member))
                if data is not None:
                    target.writestr(member, data)
            for info, data in extra:
                target.writestr(info, data)
        plain.unlink()
        return path
    return build


SHEET = "xl/worksheets/sheet1.xml"
BOMB_DTD = ('<!DOCTYPE worksheet [<!ENTITY a0 "lol">'
            + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)) + "]>")


def _in_sheet(prefix: str, value: bytes) -> Callable[[str, bytes], bytes]:
    def change(member: str, data: bytes) -> bytes:
        if member == SHEET:
            return prefix.encode() + data.replace(b"fictional hostile case", value)
        return data
    return change


def _symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o120777 << 16)
    return info


def _many_members(folder: Path) -> Path:
    path = folder / "many-members.xlsx"
    plain = plain_xlsx(folder / ".plain-many.xlsx")
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.namelist():
            target.writestr(member, source.read(member))
        for i in range(2_001):
            target.writestr(f"xl/media/m{i}.bin", b"")
    plain.unlink()
    return path


def _csv_folder(name: str, text: str, encoding: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        (path / "case.csv").write_bytes(text.encode(encoding))
        return path
    return build


CASE_CSV = "id,type,label\ncase,Case,Fictional café case (fictional)\n"

# kind -> (builder, words the message holds, member or cell named, or None)
WORKBOOK_INPUTS: dict[str, tuple[Callable[[Path], Path], str, str | None]] = {
    "empty .xlsx": (_text("empty.xlsx", ""), "empty \\(0 bytes\\)", None),
    "binary garbage .xlsx": (_garbage("garbage.xlsx"), "not a zip archive", None),
    "wrong format for the extension (CSV text in .xlsx)": (_text("csv.xlsx", CASE_CSV), "not a zip archive", None),
    "a Turtle file given as the workbook": (_text("case.ttl", TRIPLE), "not a readable .xlsx workbook", None),
    "one CSV file instead of the folder": (_text("case.csv", CASE_CSV), "give the folder that holds the CSV files", None),
    "Latin-1 CSV": (_csv_folder("latin1-book", CASE_CSV, "latin-1"), "not UTF-8", "line 2"),
    "UTF-16 CSV without a byte order mark": (_csv_folder("utf16-book", CASE_CSV, "utf-16-le"), "UTF-16", None),
    "missing workbook": (_missing("missing.xlsx"), "no such workbook", None),
    "a folder without CSV files": (_folder("no-csv-book"), "holds no CSV files", None),
    "malformed sheet XML": (_rewritten_xlsx("malformed.xlsx", lambda m, d: d[:-40] if m == SHEET else d),
                            "workbook", None),
    "sheet XML with an external entity (XXE)": (
        _rewritten_xlsx("xxe.xlsx", _in_sheet('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM '
                                              '"file:///etc/passwd">]>', b"&x;")), "document type declaration", SHEET),
    "sheet XML with an entity bomb": (_rewritten_xlsx("bomb.xlsx", _in_sheet(f'<?xml version="1.0"?>{BOMB_DTD}', b"&a9;")),
                                      "document type declaration", SHEET),
    "workbook.xml with a DTD": (
        _rewritten_xlsx("dtd.xlsx", lambda m, d: (b'<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x SYSTEM '
                                                  b'"file:///etc/passwd">]>' + d.split(b"?>", 1)[-1])
                        if m == "xl/workbook.xml" else d), "document type declaration", "xl/workbook.xml"),
    "zip member climbing out with ..": (_rewritten_xlsx("traversal.xlsx", lambda m, d: d, [("../outside.txt", b"x")]),
                                        "climbs out", "../outside.txt"),
    "zip member with an absolute name": (_rewritten_xlsx("absolute.xlsx", lambda m, d: d, [("/etc/cron.d/x", b"x")]),
                                         "absolute path", "/etc/cron.d/x"),
    "zip member that is a symbolic link": (_rewritten_xlsx("symlink.xlsx", lambda m, d: d,
                                                           [(_symlink_info("xl/media/link"), b"/etc/passwd")]),
                                           "symbolic link", "xl/media/link"),
    "zip member with a huge uncompressed size (zip bomb)": (
        _rewritten_xlsx("zipbomb.xlsx", lambda m, d: d, [("xl/media/zeros.bin", bytes(64 * 1024 * 1024))]),
        "zip bomb", "xl/media/zeros.bin"),
    "zip with thousands of members": (_many_members, "members", None),
}


# REFI-QDA projects ---------------------------------------------------------------------------------
def _fixtures():
    import importlib.util

    spec = importlib.util.spec_from_file_location("qdpx_make_fixtures", QDPX / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _project_zip(name: str, members: Callable[[object], list]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        fx = _fixtures()
        return fx.write_zip(folder / name, members(fx))
    return build


def _too_many(folder: Path) -> Path:
    fx = _fixtures()
    import iorkg.io.qdpx as qdpx

    return fx.too_many_members(folder / "many.qdpx", qdpx.MAX_MEMBERS)


QDPX_INPUTS: dict[str, tuple[Callable[[Path], Path], str, str | None]] = {
    "empty .qdpx": (_text("empty.qdpx", ""), "zip archive", None),
    "binary garbage .qdpx": (_garbage("garbage.qdpx"), "zip archive", None),
    "wrong format for the extension (a workbook in .qdpx)": (lambda f: plain_xlsx(f / "book.qdpx"), "no .qde", None),
    "missing project": (_missing("missing.qdpx"), "no such file", None),
    "folder where the project is expected": (_folder("not-a-file.qdpx"), "this is a folder", None),
    "malformed project XML": (_project_zip("malformed.qdpx", lambda fx: [("project.qde", b"<Project><Users>")]),
                              "project.qde", None),
    "project XML in UTF-16 without a byte order mark": (
        _project_zip("utf16.qdpx", lambda fx: [("project.qde", fx.MINIMAL.encode("utf-16-le"))]), "project.qde", None),
    "project XML with an external entity (XXE)": (_copy("hostile-xxe.qdpx", QDPX / "hostile-xxe.qdpx"), "entit", None),
    "project XML with an entity bomb": (_copy("hostile-laughs.qdpx", QDPX / "hostile-laughs.qdpx"), "entit", None),
    "zip member climbing out with ..": (_copy("hostile-traversal.qdpx", QDPX / "hostile-traversal.qdpx"),
                                        "parent-folder step", "../outside.txt"),
    "zip member with an absolute name": (_copy("hostile-absolute.qdpx", QDPX / "hostile-absolute.qdpx"),
                                         "absolute path", None),
    "zip member that is a symbolic link": (_copy("hostile-symlink.qdpx", QDPX / "hostile-symlink.qdpx"),
                                           "symbolic link", None),
    "zip member with a huge uncompressed size (zip bomb)": (_copy("hostile-bomb.qdpx", QDPX / "hostile-bomb.qdpx"),
                                                            "zip bomb", None),
    "zip with thousands of members": (_too_many, "members", None),
    "source path leaving the sources folder": (_copy("hostile-source-path.qdpx", QDPX / "hostile-source-path.qdpx"),
                                               "leaves the sources folder", None),
}


def build_all(table: dict, folder: Path) -> dict[str, Path]:
    """Every input of a table built into `folder` (one subfolder per input, so names never clash)."""
    paths = {}
    for number, (kind, (builder, *_rest)) in enumerate(table.items()):
        place = folder / f"in{number:02d}"
        place.mkdir()
        paths[kind] = builder(place)
    return paths


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder` with its bytes (None for a folder)."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}

