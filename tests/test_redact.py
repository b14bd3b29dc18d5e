"""Restricted data: the quotes of a restricted fictional interview appear in no output without --include-restricted."""

from __future__ import annotations

import pytest
import rdflib

from iorkg.cli import main
from iorkg.io.redact import public_view, redact

OA = "http://www.w3.org/ns/oa#"
REDACTED = "https://w3id.org/iorkg/ontology#redacted"


@pytest.fixture(scope="module")
def restricted(test_data):
    return test_data / "crosscase" / "fictional-restricted-case.ttl"


@pytest.fixture(scope="module")
def secrets(restricted) -> list[str]:
    """Every quote, prefix and suffix of the fixture with enough words to be recognisable."""
    graph = rdflib.Graph().parse(restricted, format="turtle")
    words = {str(o).strip() for p in ("exact", "prefix", "suffix")
             for o in graph.objects(None, rdflib.URIRef(OA + p))}
    chosen = sorted(w for w in words if len(w.split()) >= 3)
    assert len(chosen) >= 8
    return chosen


def _leaks(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in text]


def test_redact_drops_every_quote_prefix_and_suffix_of_restricted_evidence(restricted):
    import iorkg

    kept, report = redact(iorkg.open(restricted, shipped=False).quads())
    assert not [q for q in kept if q.predicate.value in (OA + "exact", OA + "prefix", OA + "suffix")]
    assert report.literals == 30 and len(report.evidence) == 10  # 10 evidence nodes in the fixture


def test_redacted_evidence_keeps_offsets_and_source_and_says_so(restricted):
    import iorkg

    kept, _ = redact(iorkg.open(restricted, shipped=False).quads())
    preds = [q.predicate.value for q in kept]
    assert preds.count(OA + "start") == preds.count(OA + "end") == 10
    assert preds.count(OA + "hasSource") == 10
    assert sum(1 for q in kept if q.predicate.value == REDACTED and q.object.value == "true") == 10


def test_public_sources_are_left_alone(test_data):
    import iorkg

    kg = iorkg.open(test_data / "crosscase" / "fictional-harbour-case.ttl")
    view, report = public_view(kg)
    assert view is kg and not report.withheld


def test_the_redacted_graph_passes_the_shapes(restricted):
    import iorkg
    from iorkg.validate import validate

    view, _ = public_view(iorkg.open(restricted))
    assert validate(view).conforms


def test_redaction_is_idempotent(restricted):
    import iorkg

    view, _ = public_view(iorkg.open(restricted))
    again, report = public_view(view)
    assert again is view and not report.withheld


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "nq", "jsonld", "xml"])
def test_export_in_every_format_withholds_the_quotes(restricted, secrets, fmt, capsysbinary):
    assert main(["export", str(restricted), "--format", fmt]) == 0
    captured = capsysbinary.readouterr()
    assert _leaks(captured.out.decode("utf-8"), secrets) == []
    assert b"withheld 30 quote, prefix and suffix string(s) of 10 evidence node(s)" in captured.err


def test_export_to_a_file_withholds_the_quotes(restricted, secrets, tmp_path, capsys):
    out = tmp_path / "out.ttl"
    assert main(["export", str(restricted), "--output", str(out)]) == 0
    assert _leaks(out.read_text(encoding="utf-8"), secrets) == []
    assert "--include-restricted keeps them" in capsys.readouterr().err


def test_export_with_include_restricted_keeps_the_quotes(restricted, secrets, capsysbinary):
    assert main(["export", str(restricted), "--format", "nq", "--include-restricted"]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8")
    assert "The nurse from the clinic only ever counted our sick days on her tablet." in text


@pytest.mark.parametrize("name", ["evidence", "audit", "who-held-which-logic", "coder-disagreements", "actor-profile"])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_results_withhold_the_quotes(restricted, secrets, name, fmt, capsys):
    assert main(["query", name, str(restricted), "--format", fmt, "--param", "all=true"]
                if name == "coder-disagreements" else ["query", name, str(restricted), "--format", fmt]) == 0
    assert _leaks(capsys.readouterr().out, secrets) == []


def test_query_with_include_restricted_shows_the_quotes(restricted, capsys):
    assert main(["query", "evidence", str(restricted), "--format", "csv", "--include-restricted"]) == 0
    assert "only ever counted our sick days" in capsys.readouterr().out


def test_construct_query_withholds_the_quotes(restricted, secrets, capsys):
    assert main(["query", "--sparql", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                 str(restricted)]) == 0
    assert _leaks(capsys.readouterr().out, secrets) == []


@pytest.mark.parametrize("extra", [[], ["--with-examples"], ["--show-nodes"], ["--coders"], ["--format", "md"], ["--format", "csv"]])
def test_compare_withholds_the_quotes(restricted, secrets, extra, capsys):
    assert main(["compare", str(restricted), *extra]) == 0
    assert _leaks(capsys.readouterr().out, secrets) == []


@pytest.mark.parametrize("args", [["info"], ["validate"], ["validate", "--format", "json"], ["validate", "--format", "ttl"]])
def test_info_and_validate_withhold_the_quotes(restricted, secrets, args, capsys):
    main([*args, str(restricted)])
    captured = capsys.readouterr()
    assert _leaks(captured.out + captured.err, secrets) == []
