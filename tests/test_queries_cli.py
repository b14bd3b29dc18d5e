"""`iorkg query` and `iorkg queries` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from iorkg.cli import main

INJECTION = 'x" } ; DROP ALL #'


def test_queries_lists_name_title_and_params(capsys):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["name", "title", "params"]
    assert "who-held-which-logic" in out and "evidence" in out and "node (iri)" in out


def test_queries_json_and_verbose(capsys):
    assert main(["queries", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {q["name"] for q in payload} >= {"roles", "timeline"}
    assert all(q["inference"].startswith("none") for q in payload)
    assert main(["queries", "-v"]) == 0
    assert "question:" in capsys.readouterr().out


def test_headline_query_prints_a_table(capsys):
    # 240, not 200: IRIs are no longer wrapped (issue 11, item 9), so the 49-character holding
    # IRIs take more room and "operational logic" wrapped at 200
    assert main(["query", "who-held-which-logic", "--width", "240"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split()
    assert header[:4] == ["case", "phase_order", "phase", "holder"]
    assert "operational logic" in out and "unknown" in out and out.rstrip().endswith("rows)")


def test_console_script_answers_the_headline_query():
    done = subprocess.run(["iorkg", "query", "who-held-which-logic", "--format", "csv"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and {"holder", "logic", "phase"} <= set(rows[0])


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_results_formats(fmt, capsys):
    assert main(["query", "roles", "--format", fmt, "-p", "actor=kkt:employer"]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        data = json.loads(out)
        roles = {b["role"]["value"] for b in data["results"]["bindings"]}
    elif fmt == "csv":
        roles = {r["role"] for r in csv.DictReader(io.StringIO(out))}
    else:
        lines = out.rstrip("\n").split("\n")
        index = lines[0].split("\t").index("?role")
        roles = {line.split("\t")[index].strip('"') for line in lines[1:]}
    assert roles == {"principal", "partner", "client"}


def test_sparql_text_and_construct_formats(capsys):
    construct = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { GRAPH ?g "
                 "{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    assert main(["query", "--sparql", construct, "-p", "s=kkt:employer"]) == 0
    assert "kkt:employer" in capsys.readouterr().out
    assert main(["query", "--sparql", construct, "-p", "s=kkt:employer", "--format", "jsonld"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["query", "--sparql", construct, "--format", "csv"]) == 2
    assert "CONSTRUCT" in capsys.readouterr().err
    assert main(["query", "roles", "--format", "ttl"]) == 2


def test_query_file_and_user_data(tmp_path, capsys, repo):
    query = tmp_path / "labels.rq"
    query.write_text("# title: labels\nSELECT ?l WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
                     "FILTER (?s = <https://example.org/x>) }\n")
    data = tmp_path / "mine.ttl"
    data.write_text('<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "mine" .\n')
    assert main(["query", str(query), str(data), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["l", "mine"]
    assert main(["query", str(query), "--data", str(data), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["l", "mine"]
    # user data without the shipped cases: the fictional case is absent
    assert main(["query", "roles", "--data", str(data), "--format", "csv"]) == 0
    assert "fictional" not in capsys.readouterr().out


def test_parameter_errors_exit_2(capsys):
    assert main(["query", "evidence", "-p", f"node={INJECTION}"]) == 2
    assert "not an IRI" in capsys.readouterr().err
    assert main(["query", "evidence", "-p", "nod=kkt:employer"]) == 2
    assert "takes no parameter" in capsys.readouterr().err
    assert main(["query", "evidence", "-p", "node"]) == 2
    assert main(["query"]) == 2
    assert main(["query", "no-such-question"]) == 2
    assert "who-held-which-logic" in capsys.readouterr().err


def test_injected_string_stays_data(capsys):
    assert main(["query", "--sparql", "SELECT ?v WHERE { }", "-p", f"v={INJECTION}", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert list(csv.reader(io.StringIO(out))) == [["v"], [INJECTION]]


def test_endpoint_with_data_files_is_a_usage_error(tmp_path, capsys):
    assert main(["query", "roles", "x.ttl", "--endpoint", "http://127.0.0.1:1/query"]) == 2


def test_python_api_gives_rows_of_plain_values():
    import iorkg

    kg = iorkg.open()
    rows = kg.query("roles", actor="kkt:provider")
    assert {r["role"] for r in rows} == {"agent", "partner", "service provider"}
    assert all(isinstance(r["mixed_roles"], bool) for r in rows)
