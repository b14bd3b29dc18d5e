"""Rules whose form was changed for speed give the findings their definitions promise.

`unknown-term` is checked beside the SHACL run (one pass over the quads); `status-per-slot`
targets every node with both stated and interpreted evidence and leaves the pairs to its
constraint. Each test states the data in a small addition to the valid minimal case and the
findings the rule's definition (docs/validation.md) gives for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from iorkg.validate import validate
from validation_corpus import VALID

T = "https://w3id.org/iorkg/fictional/test/"
PREFIXES = """\
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix iorkg:  <https://w3id.org/iorkg/ontology#> .
@prefix iorkgc: <https://w3id.org/iorkg/concept/> .
@prefix test:   <https://w3id.org/iorkg/fictional/test/> .
"""


def _with(tmp_path: Path, turtle: str, name: str = "addition.ttl") -> list[Path]:
    path = tmp_path / name
    path.write_text(PREFIXES + turtle, encoding="utf-8")
    return [VALID, path]


def _found(result, rule: str) -> set[tuple]:
    return {(f.focus_node, f.path, f.value) for f in result.results if f.rule == rule}


UNKNOWN = """
test:partnership iorkg:hasParticpant test:employer , iorkg:Employerr .
test:employer iorkg:atLevel iorkgc:no-such-level .
[] rdfs:seeAlso iorkg:Nope .
"""


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_unknown_terms_are_reported_per_node_predicate_and_term(tmp_path, engine):
    result = validate(_with(tmp_path, UNKNOWN), engine=engine)
    found = _found(result, "unknown-term")
    assert {f for f in found if not f[0].startswith("_:")} == {
        (T + "partnership", "iorkg:hasParticpant", "iorkg:hasParticpant"),
        (T + "partnership", "iorkg:hasParticpant", "iorkg:Employerr"),
        (T + "employer", "iorkg:atLevel", "iorkgc:no-such-level"),
    }
    assert {(p, v) for n, p, v in found if n.startswith("_:")} == {("rdfs:seeAlso", "iorkg:Nope")}
    assert not result.conforms


def test_an_unknown_term_finding_names_the_term_and_the_predicate(tmp_path):
    result = validate(_with(tmp_path, "test:employer iorkg:atLevel iorkgc:no-such-level ."))
    (finding,) = [f for f in result.results if f.rule == "unknown-term"]
    assert finding.message == ("iorkgc:no-such-level is not a term of the iorkg ontology "
                               "(used with iorkg:atLevel).")
    assert (finding.constraint_component, finding.group, finding.severity, finding.label) == (
        "sh:SPARQLConstraintComponent", "structure", "violation", "Fictional Birch Bakery")


def test_a_term_declared_by_a_file_beside_the_data_is_known(tmp_path):
    declared = tmp_path / "terms.ttl"
    declared.write_text(PREFIXES + "iorkg:atLevelToo rdfs:isDefinedBy <https://w3id.org/iorkg/ontology> .\n",
                        encoding="utf-8")
    result = validate(_with(tmp_path, "test:employer iorkg:atLevelToo test:employer .") + [declared])
    assert _found(result, "unknown-term") == set()


def test_custom_shapes_leave_unknown_terms_unchecked(tmp_path):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "<urn:x:none> a sh:NodeShape ; sh:targetNode <urn:x:nothing> .\n", encoding="utf-8")
    result = validate(_with(tmp_path, UNKNOWN), shapes=[shapes])
    assert result.results == []


def test_two_unslotted_readings_of_a_stated_node_are_two_findings(tmp_path):
    result = validate(_with(tmp_path, "test:partnership iorkg:hasEvidence test:ev-logics , test:ev-value ."))
    assert _found(result, "status-per-slot") == {
        (T + "partnership", "iorkg:hasEvidence", f"<{T}ev-logics>"),
        (T + "partnership", "iorkg:hasEvidence", f"<{T}ev-value>"),
    }


def test_a_reading_of_another_slot_than_the_stated_one_is_no_finding(tmp_path):
    result = validate(_with(tmp_path, """
        test:partnership iorkg:hasEvidence test:ev-logics .
        test:ev-partners iorkg:supportsSlot iorkgc:slot-phase .
        test:ev-logics iorkg:supportsSlot iorkgc:slot-role ."""))
    assert _found(result, "status-per-slot") == set()


def test_a_reading_of_the_stated_slot_is_a_finding(tmp_path):
    result = validate(_with(tmp_path, """
        test:partnership iorkg:hasEvidence test:ev-logics .
        test:ev-partners iorkg:supportsSlot iorkgc:slot-phase .
        test:ev-logics iorkg:supportsSlot iorkgc:slot-phase ."""))
    assert _found(result, "status-per-slot") == {(T + "partnership", "iorkg:hasEvidence", f"<{T}ev-logics>")}


def test_a_term_spelled_far_from_any_declared_one_gets_no_suggestion():
    from iorkg.validate.dataset_rules import term_meant

    declared = ["https://w3id.org/iorkg/ontology#hasParticipant", "https://w3id.org/iorkg/ontology#holder"]
    assert term_meant("https://w3id.org/iorkg/ontology#hasParticpant", declared) == declared[0]
    assert term_meant("https://w3id.org/iorkg/ontology#zzzzzz", declared) is None
    assert term_meant("https://example.org/hasParticpant", declared) is None
