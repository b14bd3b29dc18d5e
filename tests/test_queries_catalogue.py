"""The catalogue of competency questions: headers, graph discipline, deterministic order."""

from __future__ import annotations

import re

import pytest

from iorkg.query.catalogue import catalogue, parse_header, query_named, resolve
from iorkg.query.run import run_query
from iorkg.errors import InputError

REQUIRED = {
    "who-held-which-logic", "tensions", "roles", "value-definitions", "evidence", "audit",
    "governing-documents", "citations", "logic-shifts", "timeline", "cross-case", "actor-profile",
}
NAMES = sorted(i.name for i in catalogue())


def test_catalogue_holds_every_competency_question():
    assert len(NAMES) >= 12
    assert REQUIRED <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_header_says_title_question_graphs_and_inference(name):
    info = query_named(name)
    assert info.title and info.title != name
    assert info.question.endswith("?") or "question" in info.question or len(info.question) > 30
    assert "GRAPH" in info.graphs
    if "<https://w3id.org/iorkg/ontology>" in info.text:
        assert "ontology" in info.graphs
    assert info.inference.startswith("none"), "queries read asserted triples only"
    for param in info.params:
        assert param.type in ("iri", "string", "integer", "decimal", "boolean")
        assert param.description


@pytest.mark.parametrize("name", NAMES)
def test_projected_variables_are_all_sort_keys(name):
    """Rows compare equal across engines only if the order is total: every column is a sort key."""
    text = query_named(name).text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    select = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\s*WHERE", body, re.S).group(1)
    aliases = re.findall(r"AS\s+\?(\w+)\s*\)", select)
    while re.search(r"\([^()]*\)", select):
        select = re.sub(r"\([^()]*\)", " ", select)
    projected = re.findall(r"\?(\w+)", select) + aliases
    order = body[body.rindex("ORDER BY"):]
    missing = [v for v in projected if not re.search(rf"\?{v}\b", order)]
    assert not missing, f"{name}: not sorted by {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_whether_or_not_the_default_graph_is_the_union(name, shipped_kg):
    """Every pattern sits inside GRAPH, so a union default graph (as some stores have) changes nothing."""
    text = query_named(name).text
    separate = [tuple(s) for s in shipped_kg.store.query(text)]
    union = [tuple(s) for s in shipped_kg.store.query(text, use_default_graph_as_union=True)]
    assert separate == union
    assert separate, f"{name} answers nothing on the shipped graphs"


@pytest.mark.parametrize("name", NAMES)
def test_params_are_variables_of_the_query(name):
    info = query_named(name)
    for param in info.params:
        assert f"?{param.name}" in info.text


def test_header_parsing_reads_params_with_and_without_default(tmp_path):
    text = ("# title: T\n# question: Q?\n# param: node iri - the node\n"
            "# param: n integer 3 how many\n# graphs: g\n# inference: none\nSELECT * WHERE { }\n")
    info = parse_header(text, "t", tmp_path / "t.rq")
    assert [(p.name, p.type, p.default) for p in info.params] == [("node", "iri", None), ("n", "integer", "3")]
    assert info.params[1].description == "how many"


def test_resolve_accepts_a_name_a_file_or_text(tmp_path):
    text, info, specs = resolve("roles")
    assert info.name == "roles" and "RolePlaying" in text and specs == info.params
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?x WHERE { GRAPH ?g { ?x ?p ?o } } LIMIT 1\n")
    text, info, specs = resolve(str(path))
    assert info.name == "mine" and specs is None
    text, info, specs = resolve("ASK { }")
    assert info is None and text == "ASK { }"


def test_unknown_name_lists_the_catalogue():
    with pytest.raises(InputError, match="who-held-which-logic"):
        query_named("who-held-what")


def test_invalid_sparql_is_an_input_error(shipped_kg):
    with pytest.raises(InputError, match="not a valid SPARQL query"):
        run_query(shipped_kg.store, "SELECT ?x WHERE { ?x }")


def test_updates_are_not_run(shipped_kg):
    before = len(shipped_kg)
    with pytest.raises(InputError):
        run_query(shipped_kg.store, "DROP ALL")
    assert len(shipped_kg) == before


def test_docs_describe_every_query_and_parameter(repo):
    text = (repo / "docs" / "queries.md").read_text(encoding="utf-8")
    for info in catalogue():
        assert f"`{info.name}`" in text
        for param in info.params:
            assert f"`{param.name}` ({param.type}" in text
