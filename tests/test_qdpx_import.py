"""REFI-QDA import through a code map: the evidence rows and triples a coded project becomes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from iorkg.errors import InputError
from iorkg.io.qdpx import CodeMapping, describe_project, import_project
from iorkg.namespaces import IORKG, IORKGC, OA, PROV
from iorkg.namespaces import XSD as XSD_NS

DATA = Path(__file__).parent / "data" / "qdpx"
NS = "https://w3id.org/iorkg/fictional/qdpx-test/"
ROUTINE = "c0de0001-0000-4000-8000-000000000001"
MAP = [
    CodeMapping(ROUTINE, "iorkg:OperationalLogic", "holding", target="employer", label="routine delivery"),
    CodeMapping("joint planning", "iorkg:CoCreationLogic", "holding"),
]
# rules the merge satisfies: the new terms (StudyCode, Codebook, codedWith, codedSegment) come
# with the compare branch; coders are Persons, which the shapes still ask for evidence of
PENDING = {"unknown-term", "case-node-evidence"}
NEW_TERMS = {IORKG + t for t in ("StudyCode", "Codebook", "codedWith", "codedSegment")}


@pytest.fixture(scope="module")
def result():
    return import_project(DATA / "qualcoder-bom.qdpx", MAP, NS)


def I(local: str) -> URIRef:
    return URIRef(IORKG + local)


def test_mapped_segments_become_evidence_rows(result):
    assert [(r.quote, r.start, r.end, r.coder, r.concept, r.code, r.status) for r in result.rows] == [
        ("We just order the usual health checks", 95, 132, "Coder A", IORKG + "OperationalLogic",
         "routine delivery", "interpreted"),
        ("we plan new services together", 144, 173, "Coder B", IORKG + "CoCreationLogic",
         "joint planning", "interpreted"),
    ]


def test_segments_of_unmapped_codes_are_counted_and_listed(result):
    assert result.unmapped_codes == {"small talk": 1}
    assert [s.quote for s in result.unmapped] == ["How do you work with the provider?"]
    assert "'small talk': 1 segment(s)" in result.text


def test_evidence_carries_both_selectors_on_the_source(result):
    g = result.graph
    evidence = URIRef(result.rows[0].evidence)
    target = g.value(evidence, URIRef(OA + "hasTarget"))
    assert g.value(target, URIRef(OA + "hasSource")) == URIRef(NS + "source/50000001-0000-4000-8000-000000000001")
    selectors = list(g.objects(target, URIRef(OA + "hasSelector")))
    by_type = {g.value(s, RDF.type): s for s in selectors}
    quote = by_type[URIRef(OA + "TextQuoteSelector")]
    position = by_type[URIRef(OA + "TextPositionSelector")]
    assert g.value(quote, URIRef(OA + "exact")) == Literal("We just order the usual health checks")
    assert g.value(quote, URIRef(OA + "suffix")).startswith(".\nA: Lately")
    assert g.value(position, URIRef(OA + "start")) == Literal(95, datatype=URIRef(XSD_NS + "nonNegativeInteger"))
    assert g.value(position, URIRef(OA + "end")) == Literal(132, datatype=URIRef(XSD_NS + "nonNegativeInteger"))


def test_evidence_is_a_coded_segment_attributed_to_a_pseudonymous_coder(result):
    g = result.graph
    evidence = URIRef(result.rows[0].evidence)
    assert g.value(evidence, I("codedSegment")) == Literal(True)
    coder = g.value(evidence, URIRef(PROV + "wasAttributedTo"))
    assert (coder, RDF.type, I("Person")) in g
    assert g.value(coder, RDFS.label) == Literal("Coder A (fictional)", lang="en")
    assert "Fictional Coder One" not in result.serialize().decode()


def test_status_is_interpreted_with_a_rationale_by_default(result):
    evidence = URIRef(result.rows[0].evidence)
    assert result.graph.value(evidence, I("epistemicStatus")) == URIRef(IORKGC + "interpreted")
    assert "routine delivery" in str(result.graph.value(evidence, I("rationale")))


def test_status_stated_when_the_map_says_so():
    mapping = [CodeMapping(ROUTINE, "iorkg:OperationalLogic", "holding", target="employer", status="stated")]
    result = import_project(DATA / "qualcoder-bom.qdpx", mapping, NS)
    evidence = URIRef(result.rows[0].evidence)
    assert result.graph.value(evidence, I("epistemicStatus")) == URIRef(IORKGC + "stated")
    assert result.graph.value(evidence, I("rationale")) is None


def test_holding_of_the_mapped_logic_is_coded_with_the_study_code(result):
    g = result.graph
    holding = URIRef(result.rows[0].statement)
    assert (holding, RDF.type, I("LogicHolding")) in g
    assert g.value(holding, I("holder")) == URIRef(NS + "employer")
    logic = g.value(holding, I("heldLogic"))
    assert (logic, RDF.type, I("OperationalLogic")) in g
    code = g.value(holding, I("codedWith"))
    assert (code, RDF.type, I("StudyCode")) in g
    assert g.value(code, SKOS.notation) == Literal(ROUTINE)
    assert g.value(code, SKOS.exactMatch) == I("OperationalLogic")


def test_holding_without_a_target_leaves_the_holder_unknown(result):
    holding = URIRef(result.rows[1].statement)
    assert result.graph.value(holding, I("leavesUnknown")) == URIRef(IORKGC + "slot-holder")


def test_two_coders_readings_are_two_statements():
    mapping = [CodeMapping(ROUTINE, "iorkg:OperationalLogic", "holding", target="employer")]
    result = import_project(DATA / "capital-sources.qdpx", mapping, NS)
    assert sorted(r.coder for r in result.rows) == ["Coder A", "Coder B"]
    assert len({r.statement for r in result.rows}) == 2


def test_a_coded_segment_is_kept_whole():
    mapping = [CodeMapping("joint planning", "iorkg:CoCreationLogic", "holding")]
    result = import_project(DATA / "nvivo-astral.qdpx", mapping, NS)
    assert result.rows[0].quote == "We decide together with the provider"


def test_classification_without_a_target_is_skipped_and_reported():
    mapping = [CodeMapping("joint planning", "iorkgc:organizing", "classification")]
    result = import_project(DATA / "qualcoder-bom.qdpx", mapping, NS)
    assert result.rows == [] and "needs a target" in result.skipped[0]


def test_classification_with_a_target_assigns_the_concept():
    mapping = [CodeMapping("joint planning", "iorkgc:organizing", "classification", target="tension")]
    result = import_project(DATA / "qualcoder-bom.qdpx", mapping, NS)
    statement = URIRef(result.rows[0].statement)
    assert result.graph.value(statement, I("assignsConcept")) == URIRef(IORKGC + "organizing")
    assert result.graph.value(statement, I("classifies")) == URIRef(NS + "tension")


def test_plain_evidence_backs_the_target_node():
    mapping = [CodeMapping("joint planning", "iorkg:Partnership", "evidence", target="partnership")]
    result = import_project(DATA / "qualcoder-bom.qdpx", mapping, NS)
    assert result.rows[0].statement == NS + "partnership"
    assert (URIRef(NS + "partnership"), I("hasEvidence"), URIRef(result.rows[0].evidence)) in result.graph


def test_given_pseudonyms_replace_the_letters():
    result = import_project(DATA / "qualcoder-bom.qdpx", MAP, NS,
                            pseudonyms={"Fictional Coder One": "Interviewer X"})
    assert [r.coder for r in result.rows] == ["Interviewer X", "Coder A"]


def test_code_map_row_with_a_bad_value_names_the_sheet():
    with pytest.raises(InputError, match="codes!C3.*becomes"):
        CodeMapping.from_row({"id": "x", "concept": "iorkg:OperationalLogic", "becomes": "pole"},
                             where="codes!C3")


def test_code_map_row_from_the_sheet_columns():
    row = {"id": ROUTINE, "label": "routine delivery", "concept": "iorkg:OperationalLogic",
           "match": "close", "becomes": "holding", "target": "", "status": None}
    assert CodeMapping.from_row(row) == CodeMapping(ROUTINE, "iorkg:OperationalLogic", "holding",
                                                   match="close", label="routine delivery")


def test_describe_lists_sources_codes_segments_and_coders():
    text = describe_project(DATA / "qualcoder-bom.qdpx").text
    assert "sources: 1 text source(s), 1 readable" in text
    assert "codes: 4; coded segments: 3; coders: 2" in text
    assert "coder Coder B (user 'Fictional Coder Two'): 1 segment(s)" in text


def test_source_texts_are_returned_for_the_sources_folder(result, tmp_path):
    [written] = result.write_sources(tmp_path)
    assert written.name == "50000001-0000-4000-8000-000000000001.txt"
    assert written.read_bytes().startswith(b"Interview 1 (fictional;")  # no byte-order mark


def test_import_with_the_case_base_breaks_only_rules_the_merge_satisfies(result):
    validation = result.validate([DATA / "case-base.trig"])
    assert {f.rule for f in validation.violations} <= PENDING
    unknown = {f.value for f in validation.violations if f.rule == "unknown-term"}
    assert {v.replace("iorkg:", IORKG) for v in unknown} <= NEW_TERMS
    coders = {f.focus_node for f in validation.violations if f.rule == "case-node-evidence"}
    assert coders <= {NS + "coder-a", NS + "coder-b"}


def test_code_map_rows_that_name_no_code_are_reported():
    mapping = MAP + [CodeMapping("no such code", "iorkg:OperationalLogic", "holding")]
    result = import_project(DATA / "qualcoder-bom.qdpx", mapping, NS)
    assert [m.code for m in result.unused] == ["no such code"]
    assert "code map row 'no such code' names no code of the project" in result.text


def test_write_puts_the_case_graph_and_the_sources_in_place(result, tmp_path):
    written = result.write(tmp_path / "case.trig", tmp_path / "sources")
    assert [p.name for p in written] == ["case.trig", "50000001-0000-4000-8000-000000000001.txt"]
    assert b"<https://w3id.org/iorkg/graph/qdpx-test>" in (tmp_path / "case.trig").read_bytes()


def test_a_code_map_target_that_cannot_make_an_iri_is_refused_naming_it():
    bad = [CodeMapping(ROUTINE, "iorkg:OperationalLogic", "holding", target="the employer <x>")]
    with pytest.raises(InputError, match=r"target 'the employer <x>'.*not a valid IRI"):
        import_project(DATA / "qualcoder-bom.qdpx", bad, NS)


def _role(relationship: str | None = None) -> list[CodeMapping]:
    return [CodeMapping(ROUTINE, "iorkgc:principal", "role-played", target="employer",
                        label="routine delivery", relationship=relationship)]


def test_a_role_played_code_is_played_in_the_case_focal_relationship_by_default():
    result = import_project(DATA / "qualcoder-bom.qdpx", _role(), NS, focal_relationship=NS + "partnership")
    role = URIRef(result.rows[0].statement)
    assert result.graph.value(role, RDF.type) == I("RolePlaying")
    assert result.graph.value(role, I("player")) == URIRef(NS + "employer")
    assert result.graph.value(role, I("playedRole")) == URIRef(IORKGC + "principal")
    assert result.graph.value(role, I("inRelationship")) == URIRef(NS + "partnership")
    evidence = URIRef(result.rows[0].evidence)
    assert "focal relationship" in str(result.graph.value(evidence, I("rationale")))


def test_a_role_played_code_is_played_in_the_relationship_its_row_names():
    result = import_project(DATA / "qualcoder-bom.qdpx", _role("service-transaction"), NS,
                            focal_relationship=NS + "partnership")
    role = URIRef(result.rows[0].statement)
    assert result.graph.value(role, I("inRelationship")) == URIRef(NS + "service-transaction")
    evidence = URIRef(result.rows[0].evidence)
    assert "focal relationship" not in str(result.graph.value(evidence, I("rationale")))


def test_a_role_played_code_without_any_relationship_is_skipped_and_reported():
    result = import_project(DATA / "qualcoder-bom.qdpx", _role(), NS)
    assert result.rows == []
    assert any("role-played, which needs the relationship" in s for s in result.skipped)


def test_the_codes_sheet_relationship_column_reaches_the_mapping():
    row = {"id": ROUTINE, "concept": "iorkgc:principal", "becomes": "role-played", "target": "employer",
           "relationship": "service-transaction"}
    assert CodeMapping.from_row(row).relationship == "service-transaction"
