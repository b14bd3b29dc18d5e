"""The ontology implements the term list of docs/design.md §4: names, kinds, domains, ranges,
superclasses, disjointness and the concept schemes (it may add terms, never rename these)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import FOAF, PROV, SKOS, TIME, XSD

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "iorkg.ttl"
I = Namespace("https://w3id.org/iorkg/ontology#")
C = Namespace("https://w3id.org/iorkg/concept/")
GUFO = Namespace("http://purl.org/nemo/gufo#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")

SUPERCLASSES = {
    "Actor": [PROV.Agent, FOAF.Agent], "Organization": [I.Actor, ORG.FormalOrganization, GUFO.Object],
    "OrganizationalGroup": [I.Actor, ORG.OrganizationalUnit], "Person": [I.Actor, FOAF.Person, PROV.Person],
    "ResearchTeam": [I.Actor], "Employer": [I.Organization],
    "OccupationalHealthServiceProvider": [I.Organization], "ResearchOrganization": [I.Organization],
    "InterorganizationalRelationship": [GUFO.Relator], "Partnership": [I.InterorganizationalRelationship],
    "ServiceTransaction": [I.InterorganizationalRelationship],
    "DevelopmentProject": [I.InterorganizationalRelationship],
    "GoverningDocument": [PROV.Entity], "ServiceAgreement": [I.GoverningDocument],
    "OccupationalHealthActionPlan": [I.GoverningDocument], "Law": [PROV.Entity], "Discourse": [PROV.Entity],
    "InstitutionalLogic": [], "OperationalLogic": [I.InstitutionalLogic],
    "CoCreationLogic": [I.InstitutionalLogic], "Practice": [],
    "Tension": [GUFO.Situation], "Puzzle": [I.Tension], "TensionPole": [],
    "Process": [GUFO.Event], "ProcessPhase": [GUFO.Event], "Assessment": [GUFO.Event],
    "Aim": [], "ExpectedOutcome": [],
    "QualifiedStatement": [GUFO.Situation, PROV.Entity], "LogicHolding": [I.QualifiedStatement],
    "RolePlaying": [I.QualifiedStatement], "Classification": [I.QualifiedStatement],
    "ValueDefinition": [I.QualifiedStatement], "Citation": [I.QualifiedStatement, CITO.Citation],
    "Evidence": [OA.Annotation], "Case": [PROV.Entity], "Study": [PROV.Activity], "Claim": [PROV.Entity],
    "SourceDocument": [FABIO.Expression], "BibliographicReference": [FABIO.Expression], "Authorship": [],
}
CONCEPTS = {
    "RoleType": ["principal", "agent", "partner", "client", "service-provider"],
    "OrganizationalLevel": ["management", "supervisors", "employees", "oh-professionals"],
    "InstitutionalOrder": ["market", "corporation", "profession", "state", "family", "religion", "community"],
    "TensionType": ["performing", "organizing", "belonging", "learning", "exploration-exploitation"],
    "StageType": ["negotiation", "commitment", "execution"],
    "EpistemicStatus": ["stated", "interpreted"],
    "LogicCharacteristic": ["linear", "reactive", "proactive", "iterative"],
    "StudyDesignFeature": ["longitudinal", "qualitative", "inductive", "case-study"],
    "Theory": ["new-institutional-theory", "process-organization-studies", "institutional-logics-perspective",
               "paradox-theory", "service-dominant-logic", "principal-agent-theory"],
    "StatementSlot": ["slot-holder", "slot-role", "slot-phase", "slot-level", "slot-definer",
                      "slot-stage-type", "slot-citation-intent", "slot-poles"],
    "GraphRole": ["ontology-graph", "shared-graph", "case-graph"],
}
# property: (domain or None, range or None); None means the design gives none
OBJECT_PROPERTIES = {
    "inCase": (None, I.Case), "hasEvidence": (None, I.Evidence), "epistemicStatus": (I.Evidence, I.EpistemicStatus),
    "supportsSlot": (I.Evidence, I.StatementSlot), 
    "hasSource": (I.Case, I.SourceDocument), "focalRelationship": (I.Case, I.InterorganizationalRelationship),
    "affiliatedWith": (I.Person, I.Organization), "groupOf": (I.OrganizationalGroup, I.Organization),
    "teamMember": (I.ResearchTeam, I.Person), "atLevel": (None, I.OrganizationalLevel),
    "hasParticipant": (I.InterorganizationalRelationship, I.Actor),
    "governedBy": (I.InterorganizationalRelationship, I.GoverningDocument),
    "agreedBetween": (I.GoverningDocument, I.Actor), "mandatedBy": (None, I.Law),
    "hasAim": (I.InterorganizationalRelationship, I.Aim), "assumesOutcome": (I.Discourse, I.ExpectedOutcome),
    "discourseAbout": (I.Discourse, I.InterorganizationalRelationship),
    "hasCharacteristic": (I.InstitutionalLogic, I.LogicCharacteristic),
    "requiresPractice": (I.InstitutionalLogic, I.Practice), "holder": (I.LogicHolding, I.Actor),
    "isHolderIn": (I.Actor, I.LogicHolding), "heldLogic": (I.LogicHolding, I.InstitutionalLogic),
    "holdsLogic": (I.Actor, I.InstitutionalLogic), "inRole": (None, I.RoleType),
    "inRelationship": (None, I.InterorganizationalRelationship), "during": (None, I.ProcessPhase),
    "player": (I.RolePlaying, I.Actor), "playedRole": (I.RolePlaying, I.RoleType),
    "classifies": (I.Classification, None), "assignsConcept": (I.Classification, SKOS.Concept),
    "hasPole": (I.Tension, I.TensionPole), "poleLogic": (I.TensionPole, I.InstitutionalLogic),
    "tensionIn": (I.Tension, I.InterorganizationalRelationship), "showsDuring": (I.Tension, I.ProcessPhase),
    "arisesFrom": (I.Tension, I.InstitutionalLogic), "processOf": (I.Process, I.InterorganizationalRelationship),
    "phaseOf": (I.ProcessPhase, I.Process), "hasInterval": (I.ProcessPhase, TIME.ProperInterval),
    "runsThrough": (I.Assessment, I.ProcessPhase), "valueOf": (I.ValueDefinition, I.InterorganizationalRelationship),
    "definedBy": (I.ValueDefinition, I.Actor), "studies": (I.Study, I.Case),
    "hasDesignFeature": (I.Study, I.StudyDesignFeature), "usesTheory": (I.Study, I.Theory),
    "conductedWithin": (I.Study, I.DevelopmentProject), "reportedIn": (I.Study, I.SourceDocument),
    "hasAuthorship": (I.SourceDocument, I.Authorship), "author": (I.Authorship, I.Person),
    "authorAffiliation": (I.Authorship, I.Organization),
}
DATATYPE_PROPERTIES = {
    "rationale": (I.Evidence, None), "researchQuestion": (I.Study, None), "isFictional": (I.Case, XSD.boolean),
    "isTentative": (I.ValueDefinition, XSD.boolean), "authorRank": (I.Authorship, XSD.positiveInteger),
    "sourceFile": (I.SourceDocument, XSD.string), "stipulates": (I.GoverningDocument, None),
    "authorString": (I.BibliographicReference, None), "citationLabel": (I.BibliographicReference, None),
    "citationDiscrepancy": (I.BibliographicReference, None),
    "inReferenceList": (I.BibliographicReference, XSD.boolean),
}
SUBPROPERTIES = {"hasEvidence": PROV.wasDerivedFrom, "affiliatedWith": ORG.memberOf,
                 "groupOf": ORG.subOrganizationOf, "hasParticipant": GUFO.mediates, "hasInterval": TIME.hasTime}
DISJOINT_GROUPS = [
    ["Organization", "OrganizationalGroup", "Person", "ResearchTeam"],
    ["Partnership", "ServiceTransaction", "DevelopmentProject"],
    ["ServiceAgreement", "OccupationalHealthActionPlan"],
    ["OperationalLogic", "CoCreationLogic"],
    ["Aim", "ExpectedOutcome", "ValueDefinition"],
]


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@pytest.mark.parametrize("name", sorted(SUPERCLASSES))
def test_class_exists_with_its_superclasses(graph, name):
    assert (I[name], RDF.type, OWL.Class) in graph
    assert set(SUPERCLASSES[name]) <= set(graph.objects(I[name], RDFS.subClassOf))


@pytest.mark.parametrize("name", sorted(CONCEPTS))
def test_concept_class_has_its_concepts(graph, name):
    assert (I[name], RDFS.subClassOf, SKOS.Concept) in graph
    members = {str(c)[len(str(C)):] for c in graph.subjects(RDF.type, I[name])}
    assert members == set(CONCEPTS[name])
    for concept in CONCEPTS[name]:
        assert (C[concept], RDF.type, SKOS.Concept) in graph


def test_exploration_exploitation_is_narrower_than_learning(graph):
    assert (C["exploration-exploitation"], SKOS.broader, C.learning) in graph


def test_role_scheme_is_named_role_scheme(graph):
    assert (C["role-scheme"], RDF.type, SKOS.ConceptScheme) in graph
    assert (C.principal, SKOS.inScheme, C["role-scheme"]) in graph


@pytest.mark.parametrize("name", sorted(OBJECT_PROPERTIES))
def test_object_property_has_design_domain_and_range(graph, name):
    domain, range_ = OBJECT_PROPERTIES[name]
    assert (I[name], RDF.type, OWL.ObjectProperty) in graph
    assert list(graph.objects(I[name], RDFS.domain)) == ([domain] if domain else [])
    assert list(graph.objects(I[name], RDFS.range)) == ([range_] if range_ else [])


@pytest.mark.parametrize("name", sorted(DATATYPE_PROPERTIES))
def test_datatype_property_has_design_domain_and_range(graph, name):
    domain, range_ = DATATYPE_PROPERTIES[name]
    assert (I[name], RDF.type, OWL.DatatypeProperty) in graph
    assert list(graph.objects(I[name], RDFS.domain)) == [domain]
    assert list(graph.objects(I[name], RDFS.range)) == ([range_] if range_ else [])


@pytest.mark.parametrize("name", sorted(SUBPROPERTIES))
def test_property_is_aligned_as_designed(graph, name):
    assert (I[name], RDFS.subPropertyOf, SUBPROPERTIES[name]) in graph


def test_is_holder_in_is_the_inverse_of_holder(graph):
    assert (I.isHolderIn, OWL.inverseOf, I.holder) in graph


def test_holds_logic_is_the_chain_is_holder_in_then_held_logic(graph):
    chain = next(graph.objects(I.holdsLogic, OWL.propertyChainAxiom))
    assert list(Collection(graph, chain)) == [I.isHolderIn, I.heldLogic]


def _restrictions_on(graph, node, prop):
    return [r for r in graph.objects(node, RDFS.subClassOf) if (r, OWL.onProperty, prop) in graph]


def test_tension_has_at_most_two_poles(graph):
    (r,) = _restrictions_on(graph, I.Tension, I.hasPole)
    assert int(graph.value(r, OWL.maxQualifiedCardinality)) == 2
    assert graph.value(r, OWL.onClass) == I.TensionPole


def test_tension_has_exactly_two_poles_or_leaves_its_poles_unknown(graph):
    unions = [list(Collection(graph, graph.value(c, OWL.unionOf)))
              for c in graph.objects(I.Tension, RDFS.subClassOf) if graph.value(c, OWL.unionOf) is not None]
    assert len(unions) == 1
    two, unknown = sorted(unions[0], key=lambda r: str(graph.value(r, OWL.onProperty)))
    assert graph.value(two, OWL.onProperty) == I.hasPole
    assert int(graph.value(two, OWL.qualifiedCardinality)) == 2 and graph.value(two, OWL.onClass) == I.TensionPole
    assert graph.value(unknown, OWL.onProperty) == I.leavesUnknown
    assert graph.value(unknown, OWL.hasValue) == C["slot-poles"]


def test_leaves_unknown_sits_on_qualified_statements_and_tensions(graph):
    (domain,) = graph.objects(I.leavesUnknown, RDFS.domain)
    assert set(Collection(graph, graph.value(domain, OWL.unionOf))) == {I.QualifiedStatement, I.Tension}
    assert list(graph.objects(I.leavesUnknown, RDFS.range)) == [I.StatementSlot]


@pytest.mark.parametrize("group", DISJOINT_GROUPS, ids=lambda g: "-".join(g))
def test_design_disjointness_is_declared(graph, group):
    wanted = {I[n] for n in group}
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        if wanted <= set(Collection(graph, graph.value(axiom, OWL.members))):
            return
    pytest.fail(f"no owl:AllDisjointClasses covers {group}")


def test_finnish_labels_for_established_oh_terms(graph):
    finnish = {str(s)[len(str(I)):]: str(o) for s, o in graph.subject_objects(RDFS.label)
               if getattr(o, "language", None) == "fi" and str(s).startswith(str(I))}
    assert finnish == {
        "Employer": "työnantaja",
        "OccupationalHealthServiceProvider": "työterveyshuollon palveluntuottaja",
        "OccupationalHealthActionPlan": "työterveyshuollon toimintasuunnitelma",
        "ServiceAgreement": "sopimus työterveyshuollon järjestämisestä",
        "Law": "laki",
    }


def test_process_phase_scope_note_says_event_not_gufo_phase(graph):
    note = " ".join(str(n) for n in graph.objects(I.ProcessPhase, SKOS.scopeNote))
    assert "event" in note and "gufo:Phase" in note and "interpretation" in note


def test_interpretations_are_marked_where_schemes_are_applied(graph):
    for term in (I.InstitutionalLogic, I.Tension, I.ProcessPhase, I.InstitutionalOrder, I.TensionType,
                 I.StageType):
        notes = " ".join(str(n) for n in graph.objects(term, SKOS.scopeNote))
        assert "interpretation" in notes and "iorkg:Classification" in notes, term


def test_assessment_is_not_a_stage_type(graph):
    assert (C.assessment, None, None) not in graph
    assert "not a fourth stage" in str(graph.value(I.Assessment, SKOS.scopeNote))


def test_no_role_is_an_owl_class(graph):
    for role in CONCEPTS["RoleType"]:
        assert (C[role], RDF.type, OWL.Class) not in graph
        assert (None, RDFS.subClassOf, C[role]) not in graph
