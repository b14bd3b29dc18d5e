"""The table a person reads: it fits the width, IRIs stay whole, hidden columns are named, columns
can be chosen, and a row can show the evidence behind it (issue 11, item 9)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from iorkg.cli import main
from iorkg.namespaces import compact
from iorkg.query.catalogue import catalogue

REPO = Path(__file__).resolve().parents[1]
CLI = "import sys; from iorkg.cli import main; sys.exit(main(sys.argv[1:]))"
FICTIONAL_SOURCE = REPO / "data" / "sources" / "fictional-example-case.md"
NAMES = [info.name for info in catalogue()]
HEADLINE = "who-held-which-logic"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _hidden(table: str) -> set[str]:
    """The column names the note under a table lists as not shown."""
    lines = table.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("not shown: ")]
    if not starts:
        return set()
    note = _flat(" ".join(lines[starts[0]:-1]))[len("not shown: "):].split("; show them")[0]
    return {re.sub(r" \(.*", "", part).strip() for part in re.split(r",\s+(?![^()]*\))", note)}


def _header(table: str) -> list[str]:
    """The column names of a table, read from the header lines above the rule of dashes."""
    lines = table.splitlines()
    rule = next(i for i, line in enumerate(lines) if line and set(line) <= {"-", " "})
    spans = [m.span() for m in re.finditer(r"-+", lines[rule])]
    return ["".join(line[a:b].strip() for line in lines[:rule]) for a, b in spans]


def _blocks(out: str) -> list[str]:
    """The rows of a table whose rows are set apart by blank lines (header and notes dropped)."""
    body = out.split("\n", 2)[2] if out.count("\n") > 2 else ""
    return [b for b in body.split("\n\n") if b.strip()]


def _query(capsys, *args: str) -> tuple[int, str]:
    code = main(["query", *args])
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def answers(shipped_kg):
    return {name: shipped_kg.query(name) for name in NAMES}


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("name", NAMES)
def test_no_line_is_wider_than_the_table(answers, name, width):
    text = answers[name].render("table", width)
    assert max(len(line) for line in text.splitlines()) <= width, text


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("name", NAMES)
def test_iris_appear_whole_or_their_column_is_named_as_not_shown(answers, name, width):
    result = answers[name]
    text = result.render("table", width)
    lines = text.splitlines()
    hidden = _hidden(text)
    assert set(_header(text)) | hidden == set(result.variables)
    for column in result.variables:
        for value in result.column(column):
            if isinstance(value, str) and value.startswith(("https://", "http://")) and column not in hidden:
                short = compact(value, brackets=False)
                assert any(short in line for line in lines), (column, short)


def test_headline_at_80_names_every_column_it_leaves_out(answers):
    result = answers[HEADLINE]
    text = result.render("table", 80)
    shown, hidden = set(_header(text)), _hidden(text)
    assert hidden and shown and shown | hidden == set(result.variables) and not shown & hidden
    assert "--columns" in text and text.splitlines()[-1] == f"({len(result)} rows)"


def test_a_column_that_says_the_same_on_every_row_gives_way(answers):
    # no holding of either case names a role: the note says so instead of a column of "unknown"
    text = answers[HEADLINE].render("table", 80)
    assert "role" not in _header(text) and "role (unknown in every row)" in _flat(text)


def test_headline_at_80_keeps_the_status_of_each_reading(answers):
    # the rows' epistemic status is never what gets left out
    header = _header(answers[HEADLINE].render("table", 80))
    assert "status" in header and header[0] == "case"


def test_a_table_that_fits_names_no_hidden_column(answers):
    assert "not shown" not in answers[HEADLINE].render("table", 400)


def test_columns_chooses_the_columns_and_their_order(capsys):
    code, out = _query(capsys, HEADLINE, "--width", "80", "--columns", "holder,logic,status,holding",
                       "--with-examples")
    assert code == 0
    assert _header(out) == ["holder", "logic", "status", "holding"]
    assert "not shown" not in out and "fx:holding-provider-operational-phase-1" in out


def test_columns_also_chooses_csv_columns(capsys):
    code, out = _query(capsys, HEADLINE, "--format", "csv", "--columns", "holder,status")
    assert code == 0 and out.splitlines()[0] == "holder,status"


def test_an_unknown_column_is_refused_with_the_columns_there_are(capsys):
    assert main(["query", HEADLINE, "--columns", "holder,colour"]) == 2
    err = capsys.readouterr().err
    assert "colour" in err and "interpreted_by" in err and "Traceback" not in err


def test_an_80_column_terminal_gets_an_80_column_table():
    env = dict(os.environ, COLUMNS="80", PYTHONPATH=str(REPO / "src"))
    done = subprocess.run([sys.executable, "-c", CLI, "query", HEADLINE],
                          check=False, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 80


@pytest.mark.parametrize("width", ["80", "60"])
def test_with_evidence_fits_the_width(capsys, width):
    code, out = _query(capsys, HEADLINE, "--width", width, "--with-evidence")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= int(width)


def test_with_evidence_shows_the_quote_under_its_holding(capsys):
    # The field report: the provider's negotiation-phase holding rests on this passage.
    quote = "a linear and reactive process that waited for the bakery to report problems"
    assert quote in FICTIONAL_SOURCE.read_text(encoding="utf-8")
    code, out = _query(capsys, HEADLINE, "--width", "80", "--with-evidence",
                       "--columns", "holding,status", "--with-examples")
    assert code == 0
    (block,) = [b for b in _blocks(out) if b.startswith("fx:holding-provider-operational-phase-1")]
    assert quote in _flat(block)
    others = [b for b in _blocks(out) if not b.startswith("fx:holding-provider-operational-phase-1")]
    assert others and not any(quote in _flat(b) for b in others)


def test_with_evidence_shows_who_interpreted_and_why(capsys):
    # The coding note: the two coders disagreed about the managers' request in the commitment phase.
    quote = 'the bakery\'s managers asked the provider to "just run the usual checks"'
    assert quote in FICTIONAL_SOURCE.read_text(encoding="utf-8")
    _, out = _query(capsys, HEADLINE, "--width", "80", "--with-evidence", "--columns", "holding,status",
                    "--with-examples")
    (block,) = [b for b in _blocks(out) if b.startswith("fx:holding-management-operational-phase-2-coder-a")]
    flat = _flat(block)
    assert quote in flat and "interpreted by Coder A" in flat and "rationale: " in flat


def test_with_evidence_shows_the_real_case_quote(capsys):
    from iorkg.resources import find_source

    source = find_source("koskela-kork-turpeinen-ior-oh.md")
    if source is None:
        pytest.skip("the real case's source text is not here")
    quote = "The multiplicity of logics creates tensions for managing the partnership"
    assert quote in source.read_text(encoding="utf-8")
    _, out = _query(capsys, HEADLINE, "--width", "60", "--with-evidence", "--columns", "holding,status")
    (block,) = [b for b in _blocks(out) if b.startswith("kkt:holding-operational-logic-in-partnership")]
    assert quote in _flat(block)


def test_with_evidence_needs_a_column_of_nodes(capsys):
    assert main(["query", "--sparql", "SELECT ?x WHERE { VALUES ?x { 1 2 } }", "--with-evidence"]) == 2
    assert "--with-evidence" in capsys.readouterr().err


def test_text_wraps_but_iris_do_not(answers):
    phase = "phase 1 of the fictional partnership (negotiation)"  # the fictional report's first phase
    text = answers[HEADLINE].to_table(width=20, columns=["phase"])
    assert phase not in text and phase in _flat(text)
    narrow = answers[HEADLINE].to_table(width=20, columns=["holding"])
    assert "fx:holding-provider-operational-phase-1" in narrow.splitlines()


def test_with_evidence_reads_the_node_column_where_there_is_one(shipped_kg):
    from iorkg.query.render import node_column

    audit = shipped_kg.query("audit")  # ends with node, evidence, by: the node is the row's subject
    assert audit.variables[node_column(audit.variables, audit.terms)] == "node"
