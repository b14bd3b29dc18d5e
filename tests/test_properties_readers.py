"""Property-based tests (hypothesis) of the readers and importers (issue 17, item 5): any bytes in
an RDF file, a CSV sheet, an .xlsx workbook or a .qdpx project are read or refused with an
InputError, never another exception; any cell text in a small workbook gives a case or a refusal
naming the cell; any generated REFI-QDA project gives segments whose quotes are cut from their
source, or refuses the segment.

The example budgets are small for CI; `IORKG_FUZZ_EXAMPLES=20000` raises every one of them (the
longer fuzz run of docs/robustness.md)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from iorkg.errors import InputError, IorkgError
from robust_inputs import plain_xlsx

REPO = Path(__file__).resolve().parents[1]
QDPX = Path(__file__).resolve().parent / "data" / "qdpx"


def budget(examples: int) -> settings:
    """`examples` examples, or IORKG_FUZZ_EXAMPLES when set (the long fuzz run)."""
    wanted = int(os.environ.get("IORKG_FUZZ_EXAMPLES", "0")) or examples
    return settings(max_examples=wanted, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# RDF files ---------------------------------------------------------------------------------------------
TOKENS = {
    "ttl": ["@prefix h: <https://w3id.org/iorkg/fictional/fuzz/> .", "@base <http://a/> .", "PREFIX x: <urn:x:>",
            "h:a", "h:b", "<urn:a>", "<rel>", "<>", "_:b", "[", "]", "(", ")", ";", ",", ".", '"x"', "'y'",
            '"""long\nliteral"""', "^^", "@en", "@fi-FI", "1", "-2.5e3", "true", "a", "<<", ">>", "{|", "|}",
            "\\u00e9", "\\U0001F600", "#comment\n", "\n", " ", "😀", "\x00", "\ufeff", "\r"],
    "jsonld": ["{", "}", "[", "]", ":", ",", '"@id"', '"@type"', '"@context"', '"@graph"', '"@value"', '"@list"',
               '"@language"', '"@reverse"', '"http://a/p"', '"_:b"', '"x"', "1", "null", "true", '"@vocab"',
               '"@base"', '"https://w3id.org/iorkg/fictional/fuzz/"', "\\u0000", " ", "\n"],
    "rdf": ['<?xml version="1.0"?>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
            ' xmlns:h="https://w3id.org/iorkg/fictional/fuzz/">', "</rdf:RDF>", "<rdf:Description", ' rdf:about="a"',
            ' rdf:nodeID="n"', ' rdf:parseType="Literal"', ' rdf:parseType="Collection"', ' rdf:resource="#r"',
            ">", "/>", "</rdf:Description>", "<h:p>", "</h:p>", "<h:p", "x", "&amp;", "&#0;", "<![CDATA[x]]>",
            "<!-- c -->", ' xml:lang="fi"', ' rdf:datatype="http://www.w3.org/2001/XMLSchema#int"', " ", "\n"],
}
TOKENS["trig"] = TOKENS["ttl"] + ["GRAPH", "{", "}", "h:g {"]
TOKENS["nt"] = ["<urn:a>", "<urn:b>", "_:b", '"x"', '"x"@en', '"1"^^<urn:t>', " ", ".", "\n", "<bad iri>", "\\u0041"]
TOKENS["nq"] = TOKENS["nt"] + ["<urn:g>"]
FORMATS = sorted(TOKENS)


def soup(fmt: str) -> st.SearchStrategy[bytes]:
    """Bytes that look like the format: its tokens in any order, or any bytes at all."""
    tokens = st.lists(st.sampled_from(TOKENS[fmt]), max_size=40).map(" ".join).map(lambda t: t.encode("utf-8"))
    return st.one_of(tokens, st.binary(max_size=300))


@pytest.mark.parametrize("fmt", FORMATS)
def test_any_bytes_in_an_rdf_file_are_read_or_refused_as_an_input_error(fmt, folder):
    import pyoxigraph as ox

    from iorkg.rdf.files import load_into, parse_quads

    path = folder / f"fuzz.{fmt}"

    @budget(150)
    @given(soup(fmt))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        for read in (lambda: parse_quads(path), lambda: load_into(ox.Store(), path)):
            try:
                read()
                event("read")
            except InputError as exc:
                assert exc.path == str(path) and exc.message
                event("refused")
    check()


# CSV sheets and .xlsx workbooks -----------------------------------------------------------------------
@budget(200)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                 st.text(max_size=100).map(lambda t: t.encode("utf-16-le"))))
def test_any_bytes_in_a_csv_sheet_are_read_or_refused_as_an_input_error(data):
    import tempfile

    from iorkg.io.sheets import read_tables

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "case.csv").write_bytes(data)
        try:
            read_tables(tmp)
        except InputError as exc:
            assert exc.path and exc.message


@pytest.fixture(scope="module")
def xlsx_bytes(folder) -> bytes:
    return plain_xlsx(folder / "plain.xlsx").read_bytes()


def mutations(original: bytes) -> st.SearchStrategy[bytes]:
    """The bytes with a few of them changed, cut short or with bytes inserted."""
    def apply(edits) -> bytes:
        data = bytearray(original)
        for kind, where, value in edits:
            at = where % max(len(data), 1)
            if kind == "set" and data:
                data[at] = value
            elif kind == "cut":
                del data[at:]
            else:
                data[at:at] = bytes([value]) * (value % 7 + 1)
        return bytes(data)
    edit = st.tuples(st.sampled_from(["set", "set", "set", "cut", "insert"]), st.integers(0, 1 << 20), st.integers(0, 255))
    return st.lists(edit, min_size=1, max_size=6).map(apply)


def _read_or_refused(read, original: bytes, path: Path) -> None:
    """`read` of any damaged copy of `original` (written to `path`) returns or raises an InputError."""
    @budget(150)
    @given(mutations(original))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        try:
            read(path)
        except InputError as exc:
            assert exc.path and exc.message
    check()


def test_any_damage_to_an_xlsx_workbook_is_read_or_refused_as_an_input_error(xlsx_bytes, folder):
    from iorkg.io.sheets import read_tables

    _read_or_refused(read_tables, xlsx_bytes, folder / "damaged.xlsx")


def test_any_damage_to_a_qdpx_project_is_read_or_refused_as_an_input_error(folder):
    from iorkg.io.qdpx import read_project

    _read_or_refused(read_project, (QDPX / "qualcoder-bom.qdpx").read_bytes(), folder / "damaged.qdpx")


# the workbook importer: any cell text ------------------------------------------------------------------
CELL_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "=SUM(A1:A2)", "=A1", "#comment", "a,b", 'say "x"', "line\nbreak", "\r\n", "😀",
                     "iorkg:Employer", "kkt:case", "fx:nothing", "http://example.org/x", "0", "-1", "1.5", "TRUE",
                     "2024-05-01", "Employer", "principal", "stated", "interpreted", ";", "a; b", "\x00"]))


@pytest.fixture(scope="module")
def book(folder) -> Path:
    target = folder / "book"
    shutil.copytree(REPO / "data" / "fictional-example", target)
    shutil.copytree(REPO / "data" / "sources", target / "sources")
    return target


def test_any_cell_text_gives_a_case_or_a_refusal_naming_the_cell(book):
    from iorkg.io.sheets import Where
    from iorkg.io.workbook import build_case

    sheets = sorted(p.stem for p in book.glob("*.csv"))
    originals = {name: (book / f"{name}.csv").read_text(encoding="utf-8") for name in sheets}
    tables = {name: list(csv.reader(io.StringIO(text))) for name, text in originals.items()}

    @budget(60)
    @given(st.sampled_from(sheets), st.integers(1, 60), st.integers(0, 20), CELL_TEXT)
    def check(sheet: str, row: int, column: int, value: str) -> None:
        rows = [list(r) for r in tables[sheet]]
        row = 1 + row % max(len(rows) - 1, 1)
        column %= len(rows[0])
        while len(rows) <= row:
            rows.append([""] * len(rows[0]))
        rows[row][column] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        (book / f"{sheet}.csv").write_text(out.getvalue(), encoding="utf-8")
        try:
            case = build_case(book)
            case.turtle()
            event("case built")
        except InputError as exc:
            event("unreadable")
            assert exc.path and exc.message
        except IorkgError as exc:
            event("cells refused")
            assert exc.exit_code == 1
            items = getattr(exc, "items", [])
            assert items, str(exc)
            for where, message in items:
                assert message
                if isinstance(where, Where):
                    assert where.file and where.sheet
        finally:
            (book / f"{sheet}.csv").write_text(originals[sheet], encoding="utf-8")
    check()


# the .qdpx importer: generated projects ----------------------------------------------------------------
def _fixtures():
    import importlib.util

    spec = importlib.util.spec_from_file_location("qdpx_make_fixtures_props", QDPX / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PIECES = st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12),
                   st.sampled_from(["\r\n", "\n", "\r", "😀", "𝔸", "é", " ", "\ufeff", "\t"]))
ORIGINS = ["QualCoder 3.5", "ATLAS.ti 9.1.0", "NVivo 14", "MAXQDA 2022", "FictionalQDA 0.1", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252"]


@st.composite
def projects(draw):
    """(origin, text, encoding, selections): a source text and selections with offsets anywhere
    (often right, in one of the tools' ways of counting, sometimes wrong) and shown text or not."""
    text = "".join(draw(st.lists(PIECES, min_size=1, max_size=25)))
    selections = []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(-2, len(text) + 3))
        end = draw(st.integers(-2, len(text) + 6))
        shown = draw(st.one_of(st.none(), st.just("cut"), st.text(max_size=10)))
        if shown == "cut":
            shown = text[max(start, 0):max(end, 0)]
        selections.append((start, end, shown))
    return draw(st.sampled_from(ORIGINS)), text, draw(st.sampled_from(ENCODINGS)), selections


def _project_archive(fx, path: Path, origin: str, text: str, encoding: str, selections) -> Path:
    guid = "50000077-0000-4000-8000-000000000077"
    body = []
    for number, (start, end, shown) in enumerate(selections):
        name = f" name={quoteattr(shown)}" if shown is not None else ""
        body.append(f'      <PlainTextSelection guid="5e770000-0000-4000-8000-0000000000{number:02d}"{name} '
                    f'startPosition="{start}" endPosition="{end}" creatingUser="{fx.CODER_1}">\n'
                    f'{fx.coding(f"c0d77000-0000-4000-8000-0000000000{number:02d}", fx.ROUTINE, fx.CODER_1)}'
                    "      </PlainTextSelection>\n")
    sources = (f'    <TextSource guid="{guid}" name="generated (fictional)" plainTextPath="internal://{guid}.txt">\n'
               + "".join(body) + "    </TextSource>\n")
    xml = fx.project(f"{origin} (fictional fixture)" if origin else "", sources)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    return fx.write_zip(path, [("project.qde", fx.utf8(xml)), (f"sources/{guid}.txt", data)])


def test_every_quote_a_generated_project_gives_is_cut_from_its_source(folder):
    from iorkg.io.qdpx import read_project

    fx = _fixtures()
    path = folder / "generated.qdpx"

    @budget(200)
    @given(projects())
    def check(generated) -> None:
        origin, text, encoding, selections = generated
        _project_archive(fx, path, origin, text, encoding, selections)
        try:
            project = read_project(path)
        except InputError as exc:
            assert exc.path and exc.message
            event("project refused")
            return
        event(f"segments imported: {len(project.segments)}, refused: {len(project.rejected)}")
        for segment in project.segments:
            source = project.sources[segment.source].text
            assert source is not None
            assert 0 <= segment.start < segment.end <= len(source)
            assert segment.quote == source[segment.start:segment.end]
            assert segment.quote in source
        source = project.sources["50000077-0000-4000-8000-000000000077"]
        if source.text is not None:  # every selection is imported or its refusal said, none lost
            placed = {s.selection for s in project.segments} | {r.selection for r in project.rejected}
            assert len(placed) == len(selections), (placed, project.dropped)
    check()
