"""`iorkg validate` as a user runs it: verdicts and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iorkg.cli import main
from validation_corpus import SHAPES_DATA, VALID, corpus


def test_shipped_dataset_is_valid_and_exits_0(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("VALID")


def test_misspelled_iorkg_class_exits_1_naming_the_unknown_term(test_data, capsys):
    assert main(["validate", str(test_data / "validate" / "misspelled-class.ttl")]) == 1
    out = capsys.readouterr().out
    assert "unknown-term" in out and "iorkg:Organisation" in out


def test_json_report_lists_the_broken_rule(test_data, capsys):
    assert main(["validate", "--format", "json", str(test_data / "validate" / "misspelled-class.ttl")]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["conforms"] is False
    assert "unknown-term" in {r["rule"] for r in payload["results"]}


def test_syntax_error_exits_2_naming_line_and_column(test_data, capsys):
    path = test_data / "io" / "unterminated-literal.ttl"
    assert main(["validate", str(path)]) == 2
    assert f"{path}:5:" in capsys.readouterr().err


# --- the negative corpus through the command line ---------------------------------------------------

def _rule_severities() -> dict[str, str]:
    from iorkg.validate import GROUPS, load_shapes

    _, rules = load_shapes(GROUPS)
    return {rule.name: rule.severity for rule in rules.values()}


CORPUS = corpus()
SEVERITY = _rule_severities()


def _argv(fixture) -> list[str]:
    groups = [arg for group in fixture.groups for arg in ("--group", group)]
    return ["validate", *groups, *(["--reason"] if fixture.reason else []), *map(str, fixture.files)]


@pytest.mark.parametrize("fixture", CORPUS, ids=[f.path.name for f in CORPUS])
def test_negative_fixture_exits_1_naming_its_rule(fixture, capsys):
    from iorkg.reason.consistency import java_executable

    if fixture.reason and java_executable() is None:
        pytest.skip("the fixture needs --reason, and HermiT needs Java")
    code = main(_argv(fixture))
    out = capsys.readouterr().out
    # A warning would leave the data valid (exit 0); every shipped rule is a violation.
    assert code == (1 if SEVERITY[fixture.expect] == "violation" else 0), out
    severity = SEVERITY[fixture.expect].upper()
    assert f"  {severity}  {fixture.expect} [" in out, out


# --- --reason without Java ----------------------------------------------------------------------------

def test_reason_without_java_exits_3_naming_java(tmp_path, monkeypatch, capsys):
    import shutil

    owlready2 = pytest.importorskip("owlready2")
    # A Java that owlready2 remembers from an earlier run must not count: only PATH does.
    monkeypatch.setattr(owlready2, "JAVA_EXE", shutil.which("java") or "/usr/bin/java")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert main(["validate", "--reason", str(VALID)]) == 3
    captured = capsys.readouterr()
    assert "Java" in captured.err
    assert captured.out == "", "no verdict may be printed without the OWL check"


# --- input formats --------------------------------------------------------------------------------------

FORMATS = {"ttl": ".ttl", "trig": ".trig", "nt": ".nt", "nq": ".nq", "jsonld": ".jsonld", "xml": ".rdf"}


def _convert(sources: list[Path], target: Path, name: str) -> Path:
    """The triples of the Turtle sources written in format `name` (default graph) to `target`."""
    import pyoxigraph as ox

    formats = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
    triples = [t for source in sources for t in ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)]
    fmt = formats[name]
    items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples] \
        if fmt.supports_datasets else triples
    target.write_bytes(ox.serialize(items, format=fmt))
    return target


def _json_verdict(path: Path, capsys, *options: str) -> tuple[int, dict]:
    code = main(["validate", "--format", "json", *options, str(path)])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_valid_dataset_in_each_format_is_valid_with_the_same_triples(name, tmp_path, capsys):
    _, turtle = _json_verdict(VALID, capsys)
    path = _convert([VALID], tmp_path / f"case{FORMATS[name]}", name)
    code, payload = _json_verdict(path, capsys)
    assert (code, payload["conforms"], payload["results"]) == (0, True, [])
    assert payload["triples"] == turtle["triples"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_broken_dataset_in_each_format_breaks_the_same_rule(name, tmp_path, capsys):
    broken = SHAPES_DATA / "actor-without-evidence.ttl"
    path = _convert([VALID, broken], tmp_path / f"case{FORMATS[name]}", name)
    code, payload = _json_verdict(path, capsys)
    assert code == 1
    assert [r["rule"] for r in payload["results"]] == ["case-node-evidence"]


def test_unknown_extension_without_input_format_exits_2(tmp_path, capsys):
    path = _convert([VALID], tmp_path / "case.data", "ttl")
    assert main(["validate", str(path)]) == 2
    assert "--input-format" in capsys.readouterr().err


def test_input_format_overrides_an_unknown_extension(tmp_path, capsys):
    path = _convert([VALID], tmp_path / "case.data", "nt")
    code, payload = _json_verdict(path, capsys, "--input-format", "nt")
    assert (code, payload["conforms"]) == (0, True)


# --- the standard SHACL report ----------------------------------------------------------------------------

def test_ttl_format_prints_a_standard_shacl_report_that_does_not_conform(capsys):
    import rdflib
    from rdflib.namespace import RDF, SH

    broken = SHAPES_DATA / "actor-without-evidence.ttl"
    assert main(["validate", "--format", "ttl", str(VALID), str(broken)]) == 1
    graph = rdflib.Graph().parse(data=capsys.readouterr().out, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == rdflib.Literal(False)
    shapes = {graph.value(result, SH.sourceShape) for result in graph.objects(report, SH.result)}
    assert shapes == {rdflib.URIRef("https://w3id.org/iorkg/shapes/case-node-evidence")}
