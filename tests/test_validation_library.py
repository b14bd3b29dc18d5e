"""iorkg.validate as a library: what the data graph holds, how results read, incremental runs."""

from __future__ import annotations

import json

import pytest
import rdflib
from rdflib.namespace import SH

import iorkg
from iorkg.errors import InputError
from iorkg.validate import load_shapes, run_engine, validate, validate_addition
from iorkg.catalog import shipped_files as shipped_entries
from iorkg.validate.data import ValidationData, from_paths
from validation_corpus import SHAPES_DATA, VALID

PREFIXES = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix iorkg: <https://w3id.org/iorkg/ontology#> .
@prefix test: <https://w3id.org/iorkg/fictional/test/> .
"""
SECOND = SHAPES_DATA.parent / "validation" / "second-case.trig"
CLAIMS = SHAPES_DATA.parent / "validation" / "second-case-claims-first-case-node.trig"


def _write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


def test_subclass_instance_is_checked_by_the_superclass_shape(tmp_path):
    # A Puzzle is a Tension only by rdfs:subClassOf in the ontology; tension-two-poles targets Tension.
    path = _write(tmp_path, "puzzle.ttl", """test:puzzle-x a iorkg:Puzzle ;
        rdfs:label "Fictional one-sided puzzle"@en ; iorkg:inCase test:case ;
        iorkg:hasEvidence test:ev-tension ; iorkg:hasPole test:pole-routine .""")
    result = validate([VALID, path])
    assert [(f.rule, f.focus_node) for f in result.results] == \
        [("tension-two-poles", "https://w3id.org/iorkg/fictional/test/puzzle-x")]


def test_subclass_targets_come_from_the_ontology_in_the_data_graph(tmp_path):
    path = _write(tmp_path, "puzzle.ttl", """test:puzzle-x a iorkg:Puzzle ; iorkg:hasPole test:pole .""")
    shapes, _ = load_shapes(("consistency",))
    with_ontology = from_paths([path], background=shipped_entries(["ontology"]))
    without = from_paths([path])
    assert not run_engine("turbo", with_ontology, shapes)[0]
    assert run_engine("turbo", without, shapes)[0]


def test_terms_the_ontology_declares_are_known_and_others_are_not(tmp_path):
    known = validate([VALID])
    assert "unknown-term" not in {f.rule for f in known.results}
    path = _write(tmp_path, "typo.ttl", "test:employer iorkg:inCaes test:case .")
    unknown = validate([VALID, path])
    # Values in a namespace iorkg knows are shown as prefixed names.
    assert [(f.rule, f.path, f.value) for f in unknown.results] == [("unknown-term", "iorkg:inCaes", "iorkg:inCaes")]


def test_all_named_graphs_are_validated_as_one_union(tmp_path):
    # The new actor's evidence sits in another file (another graph): together they conform.
    actor = _write(tmp_path, "actor.ttl", """test:extra a iorkg:Employer ;
        rdfs:label "Fictional extra employer"@en ; iorkg:inCase test:case .""")
    evidence = _write(tmp_path, "evidence.ttl", "test:extra iorkg:hasEvidence test:ev-parties .")
    assert not validate([VALID, actor]).conforms
    assert validate([VALID, actor, evidence]).conforms


def test_knowledge_graph_input_is_reread_from_its_files():
    result = validate(iorkg.open(VALID))
    assert result.conforms, result.text
    assert result.notes == []


def test_store_only_input_keeps_derived_integer_types_it_can_restore():
    # A pyoxigraph Store turns "5"^^xsd:nonNegativeInteger into "5"^^xsd:integer. One triple
    # more than the file holds makes validation read the store instead of re-reading the file.
    import pyoxigraph as ox

    kg = iorkg.open(VALID)
    kg.store.add(ox.Quad(ox.NamedNode("https://w3id.org/iorkg/fictional/test/case"),
                         ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                         ox.Literal("Added to the store only.", language="en")))
    result = validate(kg)
    assert result.conforms, result.text
    assert result.notes and "canonical" in result.notes[0]


def test_ill_typed_literal_is_a_violation_of_its_datatype_rule():
    result = validate([VALID, SHAPES_DATA / "author-rank-zero.ttl"])
    assert [(f.rule, f.constraint_component) for f in result.results] == \
        [("author-rank", "sh:DatatypeConstraintComponent")]


def test_finding_has_label_rule_message_path_value_severity_hint_and_shape():
    result = validate([VALID, SHAPES_DATA / "role-not-a-role.ttl"])
    (finding,) = result.results
    assert finding.rule == "value-in-range" and finding.group == "structure"
    # No label, and test: is not a namespace iorkg knows: the node is named by its IRI.
    assert finding.label == "<https://w3id.org/iorkg/fictional/test/employer-as-market>"
    assert finding.path == "iorkg:playedRole" and finding.value == "iorkgc:market"
    # The shape's message "{?path} points to {?value}, which is not a {?range}." with prefixed names.
    assert finding.message == "iorkg:playedRole points to iorkgc:market, which is not a iorkg:RoleType."
    assert finding.severity == "violation"
    assert finding.hint == ("Give the value the right rdf:type, or use the property meant for this kind of "
                            "value (see the property's range in docs/ontology.md).")
    assert finding.constraint_component == "sh:SPARQLConstraintComponent"
    assert finding.source_shape == "https://w3id.org/iorkg/shapes/value-in-range"


def test_blank_node_is_named_by_the_path_from_its_named_node():
    result = validate([VALID, SHAPES_DATA / "position-start-after-end.ttl"])
    (finding,) = result.results
    assert finding.focus_node.startswith("_:")
    assert finding.label == ("a oa:TextPositionSelector reached from <https://w3id.org/iorkg/fictional/test/ev-x> "
                             "by oa:hasTarget/oa:hasSelector")


def test_report_graph_is_a_standard_shacl_report_including_dataset_rules():
    result = validate([VALID, SHAPES_DATA / "two-cases-in-graph.trig"])
    graph = result.report_graph
    (report,) = graph.subjects(rdflib.RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == rdflib.Literal(False)
    shapes = {str(graph.value(r, SH.sourceShape)) for r in graph.objects(report, SH.result)}
    assert shapes == {"https://w3id.org/iorkg/shapes/one-case-per-graph"}


def test_summary_is_one_line_with_verdict_counts_and_rules():
    result = validate([VALID, SHAPES_DATA / "actor-without-evidence.ttl"])
    summary = result.summary()
    assert "\n" not in summary
    assert summary.startswith("INVALID: 1 violation in 1 node; rules broken: case-node-evidence")


def test_text_report_groups_findings_by_node():
    # interval-1 is before interval-2, which meets interval-1: both intervals lie on the cycle.
    result = validate([VALID, SHAPES_DATA / "phase-cycle.ttl"])
    *blocks, summary = result.text.rstrip("\n").split("\n\n")
    headers = [block.splitlines()[0] for block in blocks]
    assert headers == ["<https://w3id.org/iorkg/fictional/test/interval-1>",
                       "<https://w3id.org/iorkg/fictional/test/interval-2>"]
    for block, finding in zip(blocks, result.results):
        assert [line for line in block.splitlines() if line.startswith("  VIOLATION")] == \
            [f"  VIOLATION  phase-order-acyclic [consistency]: {finding.message}"]
    assert summary == result.summary()


def test_json_form_is_serialisable_and_lists_every_field():
    result = validate([VALID, SHAPES_DATA / "unknown-class.ttl"])
    payload = json.loads(json.dumps(result.as_json()))
    assert payload["conforms"] is False and payload["violations"] == 1
    assert set(payload["results"][0]) == {"focus_node", "label", "rule", "group", "message", "path", "value",
                                          "severity", "hint", "constraint_component", "source_shape"}


def test_unknown_engine_is_an_input_error():
    with pytest.raises(InputError):
        validate([VALID], engine="jena")


def test_unknown_group_is_an_input_error():
    with pytest.raises(InputError):
        validate([VALID], groups=("style",))


def test_custom_shapes_replace_the_shipped_ones(tmp_path):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:needs-comment> a sh:PropertyShape ; sh:name "needs-comment" ; sh:message "no comment" ;
          sh:targetClass <https://w3id.org/iorkg/ontology#Case> ;
          sh:path <http://www.w3.org/2000/01/rdf-schema#comment> ; sh:minCount 1 .""", encoding="utf-8")
    result = validate([VALID], shapes=[shapes])
    assert [(f.rule, f.group) for f in result.results] == [("needs-comment", "custom")]


def test_addition_of_a_valid_case_is_valid_as_in_a_full_run():
    incremental = validate_addition(iorkg.open(VALID), [SECOND])
    full = validate([VALID, SECOND])
    assert incremental.conforms and full.conforms


def test_addition_that_claims_a_node_of_another_case_fails_as_in_a_full_run():
    incremental = validate_addition(iorkg.open(VALID), [CLAIMS])
    full = validate([VALID, CLAIMS])
    assert not incremental.conforms and not full.conforms
    assert "node-in-one-case" in {f.rule for f in incremental.results}
    assert "node-in-one-case" in {f.rule for f in full.results}


def test_addition_accepts_parsed_quads():
    import pyoxigraph as ox

    quads = list(ox.parse(path=str(SECOND), format=ox.RdfFormat.TRIG))
    assert validate_addition(iorkg.open(VALID), quads).conforms


def test_addition_validates_only_the_new_graphs_with_the_background():
    kg = iorkg.open(VALID)
    result = validate_addition(kg, [SECOND])
    full = validate([VALID, SECOND])
    assert result.triples < full.triples


def test_validation_data_keeps_typed_literals_as_written():
    data = from_paths([VALID])
    ranks = [q.object for q in data.quads if q.predicate.value.endswith("#authorRank")]
    assert [(r.value, r.datatype.value) for r in ranks] == [("1", "http://www.w3.org/2001/XMLSchema#positiveInteger")]
    assert isinstance(data, ValidationData) and data.lossless
