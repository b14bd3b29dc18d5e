"""Parameters are parsed by type and bound as RDF terms, never spliced into the query text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from iorkg.errors import InputError
from iorkg.namespaces import KKT
from iorkg.query.params import (ParamSpec, bind_params, parse_iri, parse_value, query_form,
                                values_block, with_values)
from iorkg.query.run import run_query

INJECTION = 'x" } ; DROP ALL #'
ECHO = "SELECT ?v WHERE { }"


def test_prefixed_names_expand_with_iorkg_prefixes():
    assert parse_iri("kkt:employer") == ox.NamedNode(KKT + "employer")
    assert parse_iri("<https://example.org/a>") == ox.NamedNode("https://example.org/a")
    assert parse_iri("urn:isbn:123") == ox.NamedNode("urn:isbn:123")


@pytest.mark.parametrize("bad", [
    INJECTION, "kkt:x> } ; DROP ALL #", "https://example.org/a b", "https://example.org/<a>",
    'https://example.org/"', "https://example.org/{x}", "https://example.org/a|b",
    "https://example.org/a^b", "https://example.org/a`b", "https://example.org/a\\b",
    "relative/path", "", "https://example.org/\nx",
])
def test_values_that_are_not_absolute_iris_are_refused(bad):
    with pytest.raises(InputError):
        parse_iri(bad, "node")


def test_literals_escape_quotes_in_their_ntriples_form():
    term = parse_value(INJECTION, "string")
    assert isinstance(term, ox.Literal) and term.value == INJECTION
    assert str(term) == '"x\\" } ; DROP ALL #"'


@pytest.mark.parametrize("type_name, text, expected", [
    ("integer", "42", ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("decimal", "2.5", ox.Literal("2.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ("boolean", "TRUE", ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
])
def test_typed_literals(type_name, text, expected):
    assert parse_value(text, type_name) == expected


@pytest.mark.parametrize("type_name, text", [("integer", "4 2"), ("integer", "1; DROP"), ("decimal", "1e"),
                                             ("boolean", "maybe"), ("colour", "red")])
def test_malformed_typed_values_are_refused(type_name, text):
    with pytest.raises(InputError):
        parse_value(text, type_name)


def test_untyped_values_are_iris_only_when_written_as_iris():
    assert isinstance(parse_value("kkt:employer", None), ox.NamedNode)
    assert isinstance(parse_value("<urn:x>", None), ox.NamedNode)
    assert isinstance(parse_value("urn:x", None), ox.Literal)
    assert isinstance(parse_value(INJECTION, None), ox.Literal)


def test_declared_params_only_and_defaults_apply():
    specs = [ParamSpec("node", "iri", None, "d"), ParamSpec("n", "integer", "3", "d")]
    terms = bind_params(specs, {"node": "kkt:employer"})
    assert terms == {"node": ox.NamedNode(KKT + "employer"),
                     "n": ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))}
    with pytest.raises(InputError, match="takes no parameter"):
        bind_params(specs, {"nod": "kkt:employer"})
    with pytest.raises(InputError, match="variable name"):
        bind_params(None, {"a b": "x"})


def test_injection_is_inert_embedded(shipped_kg):
    before = len(shipped_kg)
    result = run_query(shipped_kg.store, ECHO, {"v": INJECTION})
    assert result.rows == [{"v": INJECTION}]
    result = run_query(shipped_kg.store, "SELECT ?s WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?v } }",
                       {"v": INJECTION})
    assert result.rows == []
    assert len(shipped_kg) == before


def test_injection_into_an_iri_parameter_is_an_input_error(shipped_kg):
    with pytest.raises(InputError):
        shipped_kg.query("evidence", node=INJECTION)
    with pytest.raises(InputError):
        shipped_kg.query("evidence", node="kkt:x> } ; DROP ALL #")


def test_values_block_uses_ntriples_terms():
    block = values_block({"a": ox.NamedNode("urn:a"), "b": ox.Literal(INJECTION)})
    assert block == 'VALUES (?a ?b) { (<urn:a> "x\\" } ; DROP ALL #") }'


LABEL = ox.Literal("the employer (a global wholesale trader)", language="en")
RDFS = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.mark.parametrize("text", [
    "SELECT ?s ?v WHERE { GRAPH ?g { ?s rdfs:label ?v } }",
    "SELECT ?s ?v { GRAPH ?g { ?s rdfs:label ?v } }",
    "SELECT ?s ?v # a comment with WHERE { braces }\nWHERE { GRAPH ?g { ?s rdfs:label ?v } FILTER (STR(?v) != \"} WHERE {\") }",
    "SELECT ?s ?v WHERE { { SELECT ?s ?v WHERE { GRAPH ?g { ?s rdfs:label ?v } } } }",
    "SELECT ?s ?v WHERE { SELECT ?s ?v WHERE { GRAPH ?g { ?s rdfs:label ?v } } }",
    "SELECT (COUNT(*) AS ?n) ?v WHERE { GRAPH ?g { ?s rdfs:label ?v } } GROUP BY ?v",
])
def test_values_rewriting_matches_substitution(shipped_kg, text):
    text = RDFS + text
    terms = {"v": LABEL}
    substituted = list(shipped_kg.store.query(text, substitutions={ox.Variable("v"): LABEL}))
    rewritten = list(shipped_kg.store.query(with_values(text, terms)))
    assert [tuple(r) for r in substituted] == [tuple(r) for r in rewritten]
    assert len(substituted) == 1


def test_a_parameter_the_engine_cannot_substitute_is_bound_by_values(shipped_kg):
    """pyoxigraph substitutes only projected variables; ASK and unprojected ones use VALUES."""
    ask = RDFS + "ASK { GRAPH ?g { ?s rdfs:label ?v } }"
    assert run_query(shipped_kg.store, ask, {"v": LABEL}).boolean is True
    assert run_query(shipped_kg.store, ask, {"v": INJECTION}).boolean is False
    hidden = RDFS + "SELECT ?s WHERE { GRAPH ?g { ?s rdfs:label ?v } }"
    assert run_query(shipped_kg.store, hidden, {"v": LABEL}).rows == [{"s": KKT + "employer"}]


def test_values_go_into_the_where_group_of_a_construct():
    text = "CONSTRUCT { ?s ?p ?v } WHERE { GRAPH ?g { ?s ?p ?v } }"
    bound = with_values(text, {"v": ox.Literal("a")})
    assert bound.index("VALUES") > bound.index("WHERE")
    short = with_values("CONSTRUCT WHERE { ?s ?p ?v }", {"v": ox.Literal("a")})
    assert short.index("VALUES") > short.index("WHERE")
    braces = with_values("CONSTRUCT { ?s ?p ?v } { ?s ?p ?v }", {"v": ox.Literal("a")})
    assert braces.index("VALUES") > braces.index("} {")


def test_describe_without_where_gets_a_trailing_values_clause():
    bound = with_values("DESCRIBE ?v", {"v": ox.NamedNode("urn:a")})
    assert bound.rstrip().endswith("VALUES (?v) { (<urn:a>) }")


def test_query_form():
    assert query_form("PREFIX a: <urn:select#>\n# ASK\nSELECT * {}") == "SELECT"
    assert query_form("construct where { ?s ?p ?o }") == "CONSTRUCT"
    with pytest.raises(InputError):
        query_form("DROP ALL")
