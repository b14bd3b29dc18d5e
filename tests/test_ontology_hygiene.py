"""OWL 2 DL hygiene, annotations, naming and connectedness of ontology/iorkg.ttl.

The rules come from `iorkg.validate.ontology_lint` ; each test asserts that one rule finds nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, SKOS, VANN

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "iorkg.ttl"
IORKG = "https://w3id.org/iorkg/ontology#"
IORKGC = "https://w3id.org/iorkg/concept/"
ONTOLOGY_IRI = URIRef("https://w3id.org/iorkg/ontology")




from iorkg.validate import ontology_lint as report  # noqa: E402


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def findings(graph):
    return report.check_ontology(graph)


def _rule(findings, rule: str) -> list[str]:
    return [f"{f.subject}: {f.message}" for f in findings if f.rule == rule]


def test_ontology_parses_with_rdflib(graph):
    assert len(graph) > 500
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph


# --- OWL 2 DL hygiene -------------------------------------------------------------------------

def test_every_annotation_predicate_is_declared_annotation_property(findings):
    assert _rule(findings, "annotation-property-undeclared") == []


def test_every_term_used_is_declared(findings):
    assert _rule(findings, "undeclared-term") == []


def test_no_iri_is_both_object_and_datatype_property(graph, findings):
    both = set(graph.subjects(RDF.type, OWL.ObjectProperty)) & set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    assert both == set()
    assert _rule(findings, "property-kind-clash") == []


def test_every_property_in_use_has_an_owl_kind(graph):
    kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    typed = {s for k in kinds for s in graph.subjects(RDF.type, k)}
    structural = {RDF.type, RDF.first, RDF.rest, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range}
    used = {p for p in graph.predicates() if p not in structural
            and not (str(p).startswith(str(OWL)) and p != OWL.versionInfo)}
    assert sorted(used - typed) == []


def test_datatypes_outside_the_owl2_map_are_declared(findings):
    assert _rule(findings, "undeclared-datatype") == []


def test_no_owl_imports(graph):
    assert list(graph.objects(None, OWL.imports)) == []


def test_no_datatype_hermit_lacks(graph):
    unsupported = {"duration", "gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay"}
    used = {str(t).rsplit("#", 1)[-1] for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith("http://www.w3.org/2001/XMLSchema#")}
    used |= {str(o.datatype).rsplit("#", 1)[-1] for o in graph.objects() if getattr(o, "datatype", None)}
    assert used & unsupported == set()


def test_text_valued_datatype_properties_have_no_range(graph):
    text = ["rationale", "researchQuestion", "stipulates", "authorString", "citationLabel",
            "citationDiscrepancy"]
    with_range = [t for t in text if (URIRef(IORKG + t), RDFS.range, None) in graph]
    assert with_range == []
    assert list(graph.subjects(RDFS.range, RDF.langString)) == []
    assert list(graph.subjects(RDFS.range, RDF.PlainLiteral)) == []


# --- Labels and definitions (ROBOT report) --------------------------------------------------

def test_every_term_has_an_english_label(findings):
    assert _rule(findings, "missing-label") == []


def test_every_term_has_a_definition(findings):
    assert _rule(findings, "missing-definition") == []


def test_every_term_has_is_defined_by(findings):
    assert _rule(findings, "missing-defined-by") == []


def test_no_two_terms_share_an_english_label(findings):
    assert _rule(findings, "duplicate-label") == []


def test_no_label_or_definition_has_stray_whitespace(findings):
    assert _rule(findings, "whitespace") == []


def test_every_definition_is_english(graph):
    not_english = [str(s) for s, o in graph.subject_objects(SKOS.definition) if o.language != "en"]
    assert not_english == []


def test_concepts_have_pref_label_scheme_and_concept_class(graph):
    problems = []
    for concept in set(graph.subjects(RDF.type, SKOS.Concept)):
        types = set(graph.objects(concept, RDF.type))
        if not any(str(t).startswith(IORKG) for t in types):
            problems.append(f"{concept}: no iorkg concept class")
        if (concept, SKOS.prefLabel, None) not in graph:
            problems.append(f"{concept}: no skos:prefLabel")
        if (concept, SKOS.inScheme, None) not in graph:
            problems.append(f"{concept}: no skos:inScheme")
    assert problems == []


def test_every_scheme_has_top_concepts(graph):
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 13  # 10 of 0.1.0, graph roles (0.2.0), logic types and access levels (issue 14)
    assert [s for s in schemes if (s, SKOS.hasTopConcept, None) not in graph] == []


# --- Naming (OOPS! P22) -----------------------------------------------------------------------

def test_names_follow_the_conventions(findings):
    assert _rule(findings, "naming-convention") == []


def test_concept_iris_are_lowercase_with_hyphens(graph):
    concepts = {str(s) for s in graph.subjects() if str(s).startswith(IORKGC)}
    assert concepts
    bad = [c for c in concepts if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c[len(IORKGC):])]
    assert bad == []


# --- Connectedness and axiom shape (OOPS! P04, P06, P19) --------------------------------------

def test_no_unused_or_unconnected_term(findings):
    assert _rule(findings, "unused-term") == []


def test_no_subclass_cycle(findings):
    assert _rule(findings, "class-cycle") == []


def test_no_property_has_several_domains(findings):
    assert _rule(findings, "multiple-domains") == []


def test_no_property_has_several_ranges(findings):
    assert _rule(findings, "multiple-ranges") == []


def test_alignment_axioms_sit_in_the_alignment_section():
    text = ONTOLOGY.read_text(encoding="utf-8")
    head, _, alignment = text.partition("#    Alignment to external vocabularies")
    assert alignment, "the file has no Alignment section"
    external = r"(gufo|prov|org|foaf|oa|time|cito|fabio|skos):[A-Za-z]"
    scattered = re.findall(rf"rdfs:sub(?:Class|Property)Of\s+{external}", head)
    assert scattered == []


# --- Metadata header --------------------------------------------------------------------------

def test_header_has_licence(findings):
    assert _rule(findings, "missing-license") == []


def test_header_has_all_metadata(findings):
    assert _rule(findings, "missing-metadata") == []


def test_header_values(graph):
    def one(p):
        values = list(graph.objects(ONTOLOGY_IRI, p))
        assert len(values) == 1, p
        return str(values[0])

    assert one(OWL.versionIRI) == "https://w3id.org/iorkg/ontology/0.2.0"
    assert one(OWL.versionInfo) == "0.2.0"
    assert one(DCTERMS.creator) == "iorkg developers"
    assert one(DCTERMS.license) == "https://creativecommons.org/licenses/by/4.0/"
    assert one(DCTERMS.created) == "2026-11-28"
    assert one(DCTERMS.modified) == "2026-12-01"
    assert one(VANN.preferredNamespacePrefix) == "iorkg"
    assert one(VANN.preferredNamespaceUri) == IORKG


def test_description_states_the_role_reading(graph):
    description = " ".join(str(d) for d in graph.objects(ONTOLOGY_IRI, DCTERMS.description))
    for needed in ("SKOS concept", "iorkg:RolePlaying", "iorkg:player", "iorkg:playedRole",
                   "iorkg:inRelationship", "iorkg:during", "iorkg:LogicHolding", "iorkg:Classification",
                   "iorkg:leavesUnknown", "not gUFO phases"):
        assert needed in description, needed
