"""pyshacl-turbo with its shapes in two halves on two threads (how large data is validated) gives
the findings of one run with all the shapes.

The split is used from `SPLIT_FROM_QUADS` quads on; here the bound is lowered so that every file
of the negative corpus (small files) is validated both ways, and the findings compared as a
multiset of (rule, constraint component, focus node, path).
"""

from __future__ import annotations

from collections import Counter

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from iorkg.validate import DEFAULT_GROUPS, validate
from iorkg.validate import engines
from iorkg.validate.shapes import load_shapes
from validation_corpus import VALID, corpus

CASES = [(VALID.name, [VALID], DEFAULT_GROUPS)] + [(f.path.name, f.files, f.groups) for f in corpus()]


def _findings(result) -> Counter:
    return Counter((f.rule, f.constraint_component,
                    f.label if f.focus_node.startswith("_:") else f.focus_node, f.path, f.message)
                   for f in result.results)


def _split_always(monkeypatch) -> None:
    monkeypatch.setattr(engines, "SPLIT_FROM_QUADS", 0)
    monkeypatch.setattr(engines.os, "cpu_count", lambda: 2)


@pytest.fixture
def always_split(monkeypatch):
    _split_always(monkeypatch)


@pytest.mark.parametrize("name, files, groups", CASES, ids=[c[0] for c in CASES])
def test_split_shapes_give_the_findings_of_one_run(name, files, groups, monkeypatch):
    whole = validate(files, groups=groups)
    _split_always(monkeypatch)
    split = validate(files, groups=groups)
    assert split.conforms == whole.conforms
    assert _findings(split) == _findings(whole), (split.text, whole.text)


def test_split_report_has_one_report_node_with_the_joint_verdict(always_split):
    broken = next(f for f in corpus() if f.files and f.groups == DEFAULT_GROUPS)
    result = validate(broken.files, groups=broken.groups)
    roots = list(result.report_graph.subjects(RDF.type, SH.ValidationReport))
    assert len(roots) == 1
    assert result.report_graph.value(roots[0], SH.conforms) == rdflib.Literal(False)
    assert len(set(result.report_graph.objects(roots[0], SH.result))) == len(result.results)


def test_the_shipped_shapes_can_be_split():
    graph, _ = load_shapes(DEFAULT_GROUPS)
    halves = engines._halves(id(graph), graph)
    assert halves is not None
    first, second = halves
    assert first and second and not set(first) & set(second)


def test_shapes_referred_to_by_another_shape_are_not_split():
    graph = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/fictional/> .
        ex:a a sh:NodeShape ; sh:targetClass ex:A ; sh:node ex:b .
        ex:b a sh:NodeShape ; sh:targetClass ex:B .
    """, format="turtle")
    assert engines._halves(id(graph), graph) is None


def test_joined_report_keeps_the_data_blank_nodes_and_renames_its_own():
    data_node = rdflib.BNode("data-selector")

    def report(message: str) -> rdflib.Graph:
        g = rdflib.Graph()
        root, result = rdflib.BNode("report"), rdflib.BNode("result")  # the same labels in both
        g.add((root, RDF.type, SH.ValidationReport))
        g.add((root, SH.result, result))
        g.add((result, RDF.type, SH.ValidationResult))
        g.add((result, SH.focusNode, data_node))
        g.add((result, SH.resultMessage, rdflib.Literal(message)))
        return g

    into = report("first")
    engines.join_reports(into, report("second"))
    results = set(into.objects(None, SH.result))
    assert len(results) == 2
    assert {str(into.value(r, SH.resultMessage)) for r in results} == {"first", "second"}
    assert {into.value(r, SH.focusNode) for r in results} == {data_node}
    assert len(list(into.subjects(RDF.type, SH.ValidationReport))) == 1
