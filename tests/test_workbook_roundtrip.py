"""Graph -> workbook -> graph gives the same triples, for every shipped case, the same bytes on
every run. (That the shipped Turtle is what the shipped workbooks import to, byte for byte, is
tests/test_case_data_current.py: the workbooks are the source, the Turtle is derived.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from iorkg.io.wbexport import export_workbook, graph_to_rows
from iorkg.io.workbook import build_case

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CASES = [("fictional-example", "fx"), ("koskela-kork-turpeinen", "kkt")]


def skolemized(graph: rdflib.Graph) -> set:
    """The triples with each evidence target and selector named after its evidence node.

    Equal skolemized sets mean isomorphic graphs for graphs whose blank nodes are all evidence
    targets and selectors (as a case graph's are); rdflib's isomorphic() takes a minute on the
    real case's 486 blank nodes, so it runs on the real case only in the slow test.
    """
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    names: dict = {}
    for e, target in graph.subject_objects(oa.hasTarget):
        names[target] = rdflib.URIRef(f"{e}#target")
        for sel in graph.objects(target, oa.hasSelector):
            kind = graph.value(sel, rdflib.RDF.type)
            names[sel] = rdflib.URIRef(f"{e}#{kind.split('#')[-1]}")
    out = set()
    for triple in graph:
        assert all(not isinstance(t, rdflib.BNode) or t in names for t in triple)
        out.add(tuple(names.get(t, t) for t in triple))
    assert len(set(names.values())) == len(names)
    return out


def same(a: rdflib.Graph, b: rdflib.Graph, name: str) -> bool:
    return isomorphic(a, b) if name == "fictional-example" else skolemized(a) == skolemized(b)


def shipped(name: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(DATA / f"{name}.ttl")
    return graph


@pytest.mark.parametrize("name,prefix", CASES)
@pytest.mark.parametrize("suffix", ["", ".xlsx"])
def test_export_then_import_is_isomorphic(tmp_path: Path, name: str, prefix: str, suffix: str) -> None:
    graph = shipped(name)
    out = tmp_path / f"{name}{suffix}"
    exported = export_workbook(graph, out, name, prefix)
    assert exported.unexpressed == []
    assert same(build_case(out).graph, graph, name)


@pytest.mark.slow
def test_real_case_round_trip_is_isomorphic(tmp_path: Path) -> None:
    graph = shipped("koskela-kork-turpeinen")
    export_workbook(graph, tmp_path / "real", "koskela-kork-turpeinen", "kkt")
    assert isomorphic(build_case(tmp_path / "real").graph, graph)


def test_fictional_case_needs_no_statements_sheet() -> None:
    assert graph_to_rows(shipped("fictional-example"), "fictional-example", "fx").statements == 0


def test_unexpressible_triples_are_reported(tmp_path: Path) -> None:
    from iorkg.io.wbexport import CannotExpress

    graph = shipped("fictional-example")
    odd = rdflib.BNode("odd")
    graph.add((rdflib.URIRef("https://w3id.org/iorkg/fictional/example-case/bakery"),
               rdflib.RDFS.seeAlso, odd))
    with pytest.raises(CannotExpress) as info:
        export_workbook(graph, tmp_path / "out.xlsx", "fictional-example", "fx")
    assert "seeAlso" in str(info.value)
    assert not (tmp_path / "out.xlsx").exists()


def test_import_is_the_same_bytes_on_every_run() -> None:
    first = build_case(DATA / "fictional-example").turtle()
    second = build_case(DATA / "fictional-example").turtle()
    assert first == second


def test_node_of_a_foreign_class_round_trips_through_statements(tmp_path: Path) -> None:
    graph = shipped("fictional-example")
    node = rdflib.URIRef("https://w3id.org/iorkg/fictional/example-case/bakery")
    graph.add((node, rdflib.RDF.type, rdflib.URIRef("http://xmlns.com/foaf/0.1/Organization")))
    odd = rdflib.URIRef("https://w3id.org/iorkg/fictional/example-case/thing-of-no-sheet")
    graph.add((odd, rdflib.RDF.type, rdflib.URIRef("http://example.org/fictional#Gadget")))
    graph.add((odd, rdflib.RDFS.label, rdflib.Literal("a fictional gadget", lang="fi")))
    exported = export_workbook(graph, tmp_path / "out", "fictional-example", "fx")
    assert exported.statements == 3
    assert isomorphic(build_case(tmp_path / "out").graph, graph)


def test_export_with_offsets_keeps_them_where_the_source_is_at_hand(tmp_path: Path) -> None:
    import csv

    graph = shipped("fictional-example")  # its source text ships in data/sources/
    export_workbook(graph, tmp_path / "plain", "fictional-example", "fx")
    export_workbook(graph, tmp_path / "kept", "fictional-example", "fx", offsets=True)
    with open(tmp_path / "plain" / "evidence.csv", encoding="utf-8", newline="") as handle:
        assert not any(row["start"] for row in csv.DictReader(handle))
    with open(tmp_path / "kept" / "evidence.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["start"] and row["end"] and row["prefix"] for row in rows)
    assert isomorphic(build_case(tmp_path / "kept").graph, graph)


def test_a_codes_sheet_relationship_round_trips(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "wb"
    shutil.copytree(DATA / "fictional-example", folder)
    (folder / "codes.csv").write_text(
        "id,label,concept,match,becomes,target,relationship,status,note\n"
        "c0de0201-0000-4000-8000-000000000201,buying services,iorkgc:principal,close,role-played,bakery,"
        "service-transaction,interpreted,\n", encoding="utf-8")
    graph = build_case(folder).graph
    relationship = rdflib.URIRef("https://w3id.org/iorkg/fictional/example-case/service-transaction")
    assert relationship in set(graph.objects(None, rdflib.URIRef("https://w3id.org/iorkg/workbook#relationship")))
    exported = export_workbook(graph, tmp_path / "again", "fictional-example", "fx")
    assert exported.unexpressed == []
    assert "bakery,service-transaction,interpreted" in (tmp_path / "again" / "codes.csv").read_text(encoding="utf-8")
    assert isomorphic(build_case(tmp_path / "again").graph, graph)
