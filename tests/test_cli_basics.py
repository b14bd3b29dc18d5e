"""`iorkg --help`, `iorkg info` and `iorkg export` as a user runs them."""

from __future__ import annotations

import json
import subprocess

import pytest
import rdflib

from iorkg.cli import COMMANDS, main

ONTOLOGY = "https://w3id.org/iorkg/ontology"
CASE_GRAPH = "https://w3id.org/iorkg/graph/koskela-kork-turpeinen"


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_console_script_runs_help():
    done = subprocess.run(["iorkg", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "export" in done.stdout


def test_info_leaves_the_fictional_example_out_by_default(capsys):
    assert main(["info", "--json"]) == 0
    names = {g["name"] for g in json.loads(capsys.readouterr().out)["graphs"]}
    assert {"ontology", "shared", "koskela-kork-turpeinen"} <= names
    assert "fictional-example" not in names


def test_info_names_every_shipped_graph_with_counts(capsys):
    assert main(["info", "--json", "--with-examples"]) == 0
    payload = json.loads(capsys.readouterr().out)
    by_name = {g["name"]: g for g in payload["graphs"]}
    assert {"ontology", "shared", "koskela-kork-turpeinen", "fictional-example"} <= set(by_name)
    assert by_name["ontology"]["classes"] > 20 and by_name["ontology"]["properties"] > 20
    assert by_name["koskela-kork-turpeinen"]["individuals"] > 0
    assert by_name["fictional-example"]["fictional"] is True
    assert payload["total_triples"] == sum(g["triples"] for g in payload["graphs"])
    assert payload["versions"]["ontology"] == "0.2.0"


def test_info_table_has_a_total_line(capsys):
    assert main(["info"]) == 0
    assert any(line.startswith("total") for line in capsys.readouterr().out.splitlines())


@pytest.mark.parametrize("fmt, rdflib_format", [
    ("ttl", "turtle"), ("nt", "nt"), ("xml", "xml"), ("jsonld", "json-ld"),
])
def test_export_of_the_ontology_parses_back_with_the_same_triples(capsysbinary, fmt, rdflib_format, repo):
    assert main(["export", "--graph", "ontology", "--format", fmt]) == 0
    exported = rdflib.Graph().parse(data=capsysbinary.readouterr().out, format=rdflib_format)
    original = rdflib.Graph().parse(repo / "ontology" / "iorkg.ttl")
    assert len(exported) == len(original)
    assert (rdflib.URIRef(ONTOLOGY), rdflib.RDF.type, rdflib.OWL.Ontology) in exported


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nq", "nquads")])
def test_export_all_as_quads_keeps_the_graphs_apart(capsysbinary, fmt, rdflib_format):
    assert main(["export", "--format", fmt]) == 0
    ds = rdflib.Dataset()
    ds.parse(data=capsysbinary.readouterr().out, format=rdflib_format)
    names = {str(g.identifier) for g in ds.graphs()}
    assert {ONTOLOGY, CASE_GRAPH} <= names


def test_export_of_one_case_holds_only_that_case(capsysbinary):
    assert main(["export", "--graph", "koskela-kork-turpeinen", "--format", "nq"]) == 0
    ds = rdflib.Dataset()
    ds.parse(data=capsysbinary.readouterr().out, format="nquads")
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {CASE_GRAPH}


def test_export_to_a_file_writes_it(tmp_path):
    target = tmp_path / "case.ttl"
    assert main(["export", "--graph", "koskela-kork-turpeinen", "--output", str(target)]) == 0
    assert len(rdflib.Graph().parse(target)) > 100


def test_export_of_an_unknown_graph_exits_2_and_writes_nothing(tmp_path, capsys):
    target = tmp_path / "x.ttl"
    assert main(["export", "--graph", "no-such-case", "--output", str(target)]) == 2
    assert "no-such-case" in capsys.readouterr().err
    assert not target.exists()


def test_query_without_examples_has_no_fictional_rows(capsys):
    assert main(["query", "who-held-which-logic", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "fictional" not in out and "example-case" not in out


def test_query_with_examples_marks_each_row_in_a_fictional_column(capsys):
    import csv
    import io

    assert main(["query", "who-held-which-logic", "--format", "csv", "--with-examples"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_case = {(r["case"], r["fictional"]) for r in rows}
    assert ("https://w3id.org/iorkg/case/koskela-kork-turpeinen/case", "false") in by_case
    assert ("https://w3id.org/iorkg/fictional/example-case/case", "true") in by_case
    assert {r["fictional"] for r in rows if "/fictional/" in r["case"]} == {"true"}


def test_python_api_leaves_examples_out_unless_asked():
    import iorkg

    assert "https://w3id.org/iorkg/graph/fictional-example" not in iorkg.open().graphs()
    assert "https://w3id.org/iorkg/graph/fictional-example" in iorkg.open(examples=True).graphs()


def test_export_names_the_example_graph_and_gets_it(capsys):
    assert main(["export", "--graph", "fictional-example", "--format", "nt"]) == 0
    assert "https://w3id.org/iorkg/fictional/example-case/" in capsys.readouterr().out


def test_jsonld_export_carries_a_context_with_the_project_prefixes(capsys):
    assert main(["export", "--graph", "koskela-kork-turpeinen", "--format", "jsonld"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["@context"]["iorkg"] == "https://w3id.org/iorkg/ontology#"
    assert document["@context"]["kkt"] == "https://w3id.org/iorkg/case/koskela-kork-turpeinen/"
    assert any(node.get("@id") == "kkt:case" for node in document["@graph"])


def test_an_error_is_one_line_without_a_traceback(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    err = capsys.readouterr().err
    assert "missing.ttl: no such file" in err and "Traceback" not in err


def test_debug_lets_the_error_through_with_its_traceback(tmp_path):
    from iorkg.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        main(["--debug", "validate", str(tmp_path / "missing.ttl")])
