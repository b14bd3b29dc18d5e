"""Every entry point against every kind of bad or hostile input (issue 17; the table in
docs/robustness.md names these tests): exit 2 (1 for a broken rule), one message line naming the
file (and the line, the member or the cell where known), no traceback, nothing written or
changed in the output folder or beside the input."""

from __future__ import annotations

import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iorkg.cli import main
from iorkg.errors import InputError
from robust_inputs import QDPX_INPUTS, RDF_INPUTS, WORKBOOK_INPUTS, build_all, million_blank_nodes, snapshot
from servers import free_port, iorkg_command, iorkg_env

REPO = Path(__file__).resolve().parents[1]
SHAPES = Path(__file__).resolve().parent / "data" / "shapes"
PREVIOUS = b"# the previous export, which must survive\n"


@pytest.fixture(scope="module")
def rdf_inputs(tmp_path_factory):
    return build_all(RDF_INPUTS, tmp_path_factory.mktemp("rdf-inputs"))


@pytest.fixture(scope="module")
def workbook_inputs(tmp_path_factory):
    return build_all(WORKBOOK_INPUTS, tmp_path_factory.mktemp("workbook-inputs"))


@pytest.fixture(scope="module")
def qdpx_inputs(tmp_path_factory):
    return build_all(QDPX_INPUTS, tmp_path_factory.mktemp("qdpx-inputs"))


@pytest.fixture(scope="module")
def codes_workbook(tmp_path_factory):
    """A valid workbook with a codes sheet, for `import PROJECT.qdpx --codes`."""
    folder = tmp_path_factory.mktemp("codes") / "wb"
    shutil.copytree(REPO / "data" / "fictional-example", folder)
    shutil.copytree(REPO / "data" / "sources", folder / "sources")
    (folder / "codes.csv").write_text("id,label,concept,match,becomes,target,status,note\n"
                                      "bigger ambitions,bigger ambitions,iorkg:CoCreationLogic,close,holding,"
                                      "bakery-management,interpreted,\n", encoding="utf-8")
    return folder


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """The current folder of the command, with an output folder holding one earlier file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IORKG_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "export.nt").write_bytes(PREVIOUS)
    return out


def message_line(err: str) -> str:
    """The one line that says what went wrong (progress lines may come before it)."""
    lines = [line for line in err.splitlines() if line.startswith(("iorkg: ", "Error: "))]
    assert len(lines) == 1, err[-2000:]
    return lines[0]


def check_refusal(code, err: str, path: Path, words: str, line: int | None, exit_code: int = 2) -> str:
    assert "Traceback" not in err, err[-2000:]
    assert code == exit_code, (code, err[-1000:])
    message = message_line(err)
    assert path.name in message, message
    assert re.search(words, message), message
    if line is not None:
        assert f"{path.name}:{line}" in message, message
    return message


def run_cli(capsys, args: list[str]) -> tuple[int, str, str]:
    """The real command line, in this process, with a guard against a command that never returns."""
    def hung(signum, frame):
        raise TimeoutError("the command did not return within 120 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        code = main(args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    captured = capsys.readouterr()
    return code, captured.err, captured.out


# RDF files: validate, query, export, report, serve, publish and the Python API ----------------------
RDF_COMMANDS = {
    "validate": lambda f: ["validate", f],
    "query": lambda f: ["query", "roles", f],
    "export": lambda f: ["export", "--format", "nt", "--output", "out/export.nt", f],
    "report": lambda f: ["report", "--output", "out/site", f],
    "serve": lambda f: ["serve", "--port", str(free_port()), f],
    "publish": lambda f: ["publish", "--preset", "oxigraph", "--store", f"http://127.0.0.1:{free_port()}",
                          "--no-compare", f],
}


@pytest.mark.parametrize("command", sorted(RDF_COMMANDS))
@pytest.mark.parametrize("kind", list(RDF_INPUTS))
def test_a_bad_rdf_file_is_refused_by_every_command(kind, command, rdf_inputs, workdir, capsys):
    path = rdf_inputs[kind]
    _builder, words, line = RDF_INPUTS[kind]
    before, beside = snapshot(workdir), snapshot(path.parent)
    code, err, out = run_cli(capsys, RDF_COMMANDS[command](str(path)))
    check_refusal(code, err, path, words, line)
    assert snapshot(workdir) == before and snapshot(path.parent) == beside
    leftovers = [p for p in (workdir.parent / "cache").rglob("*") if p.name.startswith(".")]
    assert leftovers == []


@pytest.mark.parametrize("api", ["iorkg.open", "KnowledgeGraph.load"])
@pytest.mark.parametrize("kind", list(RDF_INPUTS))
def test_a_bad_rdf_file_is_an_input_error_in_the_python_api(kind, api, rdf_inputs):
    import iorkg
    from iorkg.store import KnowledgeGraph

    path = rdf_inputs[kind]
    _builder, words, line = RDF_INPUTS[kind]
    with pytest.raises(InputError) as caught:
        iorkg.open(path) if api == "iorkg.open" else KnowledgeGraph().load(path)
    assert caught.value.path and Path(caught.value.path).name == path.name
    assert re.search(words, caught.value.message)
    if line is not None:
        assert caught.value.line == line


# workbooks: import and iorkg.io.workbook.import_case -----------------------------------------------
@pytest.mark.parametrize("kind", list(WORKBOOK_INPUTS))
def test_a_bad_workbook_is_refused_by_import(kind, workbook_inputs, workdir, capsys):
    path = workbook_inputs[kind]
    _builder, words, member = WORKBOOK_INPUTS[kind]
    before, beside = snapshot(workdir), snapshot(path.parent)
    code, err, out = run_cli(capsys, ["import", str(path), "--output", "out/case.ttl"])
    message = check_refusal(code, err, path, words, None)
    if member:
        assert member in message
    assert snapshot(workdir) == before and snapshot(path.parent) == beside


@pytest.mark.parametrize("kind", list(WORKBOOK_INPUTS))
def test_a_bad_workbook_is_an_input_error_in_the_python_api(kind, workbook_inputs, workdir):
    from iorkg.io.workbook import import_case

    path = workbook_inputs[kind]
    _builder, words, _member = WORKBOOK_INPUTS[kind]
    with pytest.raises(InputError, match=words):
        import_case(path, output=workdir / "case.ttl")
    assert not (workdir / "case.ttl").exists()


# REFI-QDA projects: import (described), import --codes, and iorkg.io.qdpx.read_project ---------------
@pytest.mark.parametrize("with_codes", [False, True], ids=["described", "with-codes"])
@pytest.mark.parametrize("kind", list(QDPX_INPUTS))
def test_a_bad_project_is_refused_by_import(kind, with_codes, qdpx_inputs, codes_workbook, workdir, capsys):
    path = qdpx_inputs[kind]
    _builder, words, member = QDPX_INPUTS[kind]
    args = ["import", str(path)] + (["--codes", str(codes_workbook), "--output", "out/case.ttl"] if with_codes else [])
    before, beside, book = snapshot(workdir), snapshot(path.parent), snapshot(codes_workbook)
    code, err, out = run_cli(capsys, args)
    message = check_refusal(code, err, path, words, None)
    if member:
        assert member in message
    assert snapshot(workdir) == before and snapshot(path.parent) == beside and snapshot(codes_workbook) == book


@pytest.mark.parametrize("kind", list(QDPX_INPUTS))
def test_a_bad_project_is_an_input_error_in_the_python_api(kind, qdpx_inputs, request):
    from iorkg.io.qdpx import read_project

    path = qdpx_inputs[kind]
    _builder, words, _member = QDPX_INPUTS[kind]
    with pytest.raises(InputError, match=words):
        read_project(path)


# queries: SPARQL files, text and parameters --------------------------------------------------------
@pytest.mark.parametrize("text, words", [
    ("SELECT * WHERE { ?s ?p \n", r"bad\.rq: not a valid SPARQL query: error at 2:1"),
    ("", r"bad\.rq: not a valid SPARQL query: error at 1:1"),
    ("\x00\xff garbage", r"bad\.rq"),
], ids=["malformed", "empty", "garbage"])
def test_a_bad_query_file_is_refused_with_its_line_and_column(text, words, workdir, capsys):
    (workdir.parent / "bad.rq").write_text(text, encoding="utf-8", errors="surrogateescape")
    code, err, out = run_cli(capsys, ["query", str(workdir.parent / "bad.rq")])
    assert code == 2 and "Traceback" not in err
    assert re.search(words, message_line(err))


@pytest.mark.parametrize("sparql", ["DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                    "LOAD <http://127.0.0.1:9/x.ttl>", "DROP ALL"],
                         ids=["delete", "insert", "load", "drop"])
def test_an_update_given_as_a_query_is_refused(sparql, workdir, capsys):
    code, err, out = run_cli(capsys, ["query", "--sparql", sparql])
    assert code == 2 and "Traceback" not in err
    assert "not a valid SPARQL query" in message_line(err)


def test_a_federated_service_query_is_refused_without_reaching_out(workdir, capsys):
    code, err, out = run_cli(capsys, ["query", "--sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }"])
    assert code == 2 and "SERVICE" in message_line(err)


@pytest.mark.parametrize("value", ["kkt:x> } } ; SELECT * WHERE { ?s ?p ?o } #", "<urn:a> ?s ?p ?o",
                                   "urn:a>\n} UNION { ?s ?p ?o", "x\" . ?s ?p ?o . \""],
                         ids=["closing-brace", "triple-pattern", "newline-union", "quote"])
def test_a_parameter_that_tries_to_inject_query_text_is_refused(value, workdir, capsys):
    code, err, out = run_cli(capsys, ["query", "actor-profile", "--param", f"actor={value}"])
    assert code == 2 and "Traceback" not in err
    assert "parameter actor" in message_line(err) and "is not an IRI" in message_line(err)


# output folders of report ---------------------------------------------------------------------------
def test_report_onto_a_file_is_refused_and_the_file_kept(workdir, capsys):
    code, err, out = run_cli(capsys, ["report", "--output", "out/export.nt"])
    assert code == 2 and "is a file" in message_line(err)
    assert (workdir / "export.nt").read_bytes() == PREVIOUS


def test_report_into_a_folder_that_is_not_a_report_is_refused_and_nothing_changed(workdir, capsys):
    before = snapshot(workdir)
    code, err, out = run_cli(capsys, ["report", "--output", "out"])
    assert code == 2 and "is not an iorkg report" in message_line(err)
    assert snapshot(workdir) == before


# input that reads but breaks a rule: exit 1 -----------------------------------------------------------
def _with_minimal(tmp_path: Path, name: str, text: str) -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(SHAPES / "valid-minimal.ttl"), str(tmp_path / name)]


ILL_TYPED = ("@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix time: <http://www.w3.org/2006/time#> .\n"
             "@prefix test: <https://w3id.org/iorkg/fictional/test/> .\n"
             "test:study time:hasDuration test:duration .\n"
             "test:duration a time:Duration ; time:numericDuration \"two\"^^xsd:decimal ; time:unitType time:unitYear .\n")


def test_validate_gives_exit_1_for_a_literal_that_does_not_fit_its_datatype(tmp_path, workdir, capsys):
    code, err, out = run_cli(capsys, ["validate", *_with_minimal(tmp_path, "ill-typed.ttl", ILL_TYPED)])
    assert code == 1 and "Traceback" not in err
    assert "duration-number" in out and '"two"' in out


def test_validate_gives_exit_1_for_an_unknown_iorkg_term(workdir, capsys):
    code, err, out = run_cli(capsys, ["validate", str(SHAPES / "valid-minimal.ttl"), str(SHAPES / "unknown-predicate.ttl")])
    assert code == 1
    assert "iorkg:hasParticpant is not a term of the iorkg ontology" in out


def test_validate_suggests_the_term_meant_for_an_unknown_iorkg_term(workdir, capsys):
    _code, _err, out = run_cli(capsys, ["validate", str(SHAPES / "valid-minimal.ttl"), str(SHAPES / "unknown-predicate.ttl")])
    assert "did you mean iorkg:hasParticipant" in out


def _workbook_with(tmp_path: Path, sheet: str, old: str, new: str) -> Path:
    folder = tmp_path / "wb"
    shutil.copytree(REPO / "data" / "fictional-example", folder)
    shutil.copytree(REPO / "data" / "sources", folder / "sources")
    path = folder / f"{sheet}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_import_refuses_a_mistyped_type_with_did_you_mean_naming_the_cell(tmp_path, workdir, capsys):
    book = _workbook_with(tmp_path, "actors", ",Employer,", ",Employr,")
    before = snapshot(book)
    code, err, out = run_cli(capsys, ["import", str(book), "--output", "out/case.ttl"])
    assert code == 1 and "Traceback" not in err
    assert re.search(r"wb/actors\.csv, row \d+, column B \(type\): type 'Employr' does not belong on the "
                     r"actors sheet \(did you mean Employer\?\)", err), err
    assert not (workdir / "case.ttl").exists() and snapshot(book) == before


def test_import_refuses_a_cell_that_does_not_fit_its_datatype_naming_the_cell(tmp_path, workdir, capsys):
    book = tmp_path / "wb"
    shutil.copytree(REPO / "data" / "fictional-example", book)
    shutil.copytree(REPO / "data" / "sources", book / "sources")
    import csv

    path = book / "evidence.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[1]["occurrence"] = "two"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    code, err, out = run_cli(capsys, ["import", str(book), "--output", "out/case.ttl"])
    assert code == 1 and "Traceback" not in err
    assert re.search(r"wb/evidence\.csv, row 3, column [A-Z]+ \(occurrence\): 'two': expected a whole number", err)
    assert not (workdir / "case.ttl").exists()


def test_publish_refuses_what_validate_refuses_with_the_same_message(tmp_path, workdir, capsys):
    files = _with_minimal(tmp_path, "ill-typed.ttl", ILL_TYPED)
    _code, _err, validated = run_cli(capsys, ["validate", *files])
    finding = next(line for line in validated.splitlines() if "duration-number" in line)
    code, err, out = run_cli(capsys, ["publish", "--preset", "oxigraph", "--store", f"http://127.0.0.1:{free_port()}",
                                 *files])
    assert code == 1 and finding in err and "not published" in err


# a Turtle file with a million blank nodes: read within stated bounds ---------------------------------
MILLION_BOUND_S = 180
MILLION_BOUND_MB = 2_500


@pytest.mark.slow
def test_a_million_blank_nodes_are_read_within_the_stated_bounds(tmp_path):
    path = million_blank_nodes(tmp_path)
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(iorkg_command("info", str(path)), capture_output=True, text=True,
                          timeout=MILLION_BOUND_S, env=iorkg_env(tmp_path / "cache"), cwd=tmp_path)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 0, done.stderr[-1000:]
    assert "1,000,000" in done.stdout or "1000000" in done.stdout.replace(",", "")
    assert time.monotonic() - started < MILLION_BOUND_S
    assert before / 1024 < MILLION_BOUND_MB and peak_mb < MILLION_BOUND_MB, peak_mb
    print(f"\nmillion blank nodes: info {time.monotonic() - started:.1f} s, peak {peak_mb:,.0f} MB")

