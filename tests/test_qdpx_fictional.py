"""The fictional example case as a coded REFI-QDA project, imported end to end and compared with the
case's Turtle version (data/fictional-example.ttl), whose two coders read one passage differently."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from iorkg.io.qdpx import CodeMapping, import_project
from iorkg.namespaces import FX, IORKG, sparql_prefixes

DATA = Path(__file__).parent / "data" / "qdpx"
SHIPPED = Path(__file__).parents[1] / "data" / "fictional-example.ttl"
MAP = [
    CodeMapping("c0de0101-0000-4000-8000-000000000101", "iorkg:OperationalLogic", "holding",
                target="bakery-management", label="routine talk"),
    CodeMapping("bigger ambitions", "iorkg:CoCreationLogic", "holding", target="bakery-management"),
]
REPORT = "50000101-0000-4000-8000-000000000101.txt"


@pytest.fixture(scope="module")
def result():
    return import_project(DATA / "fictional-example.qdpx", MAP, FX)


def shipped_coded_readings() -> set[tuple]:
    graph = rdflib.Graph().parse(SHIPPED)
    rows = graph.query(sparql_prefixes() + """
        SELECT ?exact ?start ?end ?coder ?logic WHERE {
          ?holding a iorkg:LogicHolding ; iorkg:heldLogic ?node ; iorkg:hasEvidence ?e .
          ?node a ?logic .
          ?e prov:wasAttributedTo ?who . ?who a iorkg:Person ; rdfs:label ?coder .
          ?e oa:hasTarget ?t . ?t oa:hasSelector ?q , ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
        }""")
    return {(str(r.exact), int(r.start), int(r.end), str(r.coder).split(" (")[0], str(r.logic))
            for r in rows}


def test_the_snapshot_of_the_fictional_report_is_the_shipped_source():
    shipped = Path(__file__).parents[1] / "data" / "sources" / "fictional-example-case.md"
    assert (DATA / "fictional-example-case.txt").read_bytes() == shipped.read_bytes()


def test_coded_readings_match_the_turtle_version(result):
    imported = {(r.quote, r.start, r.end, r.coder, r.concept) for r in result.rows
                if r.source_file == REPORT}
    assert imported == shipped_coded_readings()


def test_competing_readings_are_two_holdings_of_one_holder(result):
    holdings = {r.statement for r in result.rows if r.source_file == REPORT}
    assert len(holdings) == 2
    holders = {result.graph.value(rdflib.URIRef(h), rdflib.URIRef(IORKG + "holder")) for h in holdings}
    assert holders == {rdflib.URIRef(FX + "bakery-management")}


def test_span_after_a_character_outside_the_bmp_in_a_crlf_source(result):
    [row] = [r for r in result.rows if r.source_file != REPORT]
    assert (row.quote, row.start, row.end, row.coder) == ("the checks were enough", 61, 83, "Coder A")
    assert "\r\n" in result.source_texts[row.source_file]
