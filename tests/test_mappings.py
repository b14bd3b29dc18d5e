"""Concept mappings: the ontology's cross-case terms, the logic-type scheme tied to the logic
classes without punning, and the cross-case shapes over the fixtures."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

IORKG = "https://w3id.org/iorkg/ontology#"
IORKGC = "https://w3id.org/iorkg/concept/"


@pytest.fixture(scope="module")
def onto(repo):
    return rdflib.Graph().parse(repo / "ontology" / "iorkg.ttl", format="turtle")


def _shapes(repo):
    return [repo / "shapes" / n for n in ("structure.ttl", "consistency.ttl", "crosscase.ttl")]


@pytest.mark.parametrize("name, superclass", [("StudyCode", SKOS.Concept), ("Codebook", SKOS.ConceptScheme),
                                              ("LogicType", SKOS.Concept), ("AccessLevel", SKOS.Concept)])
def test_cross_case_classes_sit_below_skos(onto, name, superclass):
    assert (URIRef(IORKG + name), RDFS.subClassOf, superclass) in onto


@pytest.mark.parametrize("name, kind", [("codedWith", OWL.ObjectProperty), ("accessLevel", OWL.ObjectProperty),
                                        ("codedSegment", OWL.DatatypeProperty), ("redacted", OWL.DatatypeProperty),
                                        ("accessNote", OWL.DatatypeProperty),
                                        ("correspondsToClass", OWL.AnnotationProperty)])
def test_cross_case_properties_have_their_kind(onto, name, kind):
    assert (URIRef(IORKG + name), RDF.type, kind) in onto


def test_skos_mappings_are_annotation_properties(onto):
    # so a code may map to a class (iorkg:OperationalLogic) without punning it into an individual
    for match in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch"):
        assert (SKOS[match], RDF.type, OWL.AnnotationProperty) in onto
        assert (SKOS[match], RDF.type, OWL.ObjectProperty) not in onto


def test_each_logic_type_corresponds_to_its_logic_class(onto):
    pairs = {(str(s)[len(IORKGC):], str(o)[len(IORKG):])
             for s, o in onto.subject_objects(URIRef(IORKG + "correspondsToClass"))}
    assert pairs == {("operational-logic", "OperationalLogic"), ("co-creation-logic", "CoCreationLogic")}


def test_no_logic_class_is_also_an_individual(onto):
    for cls in ("OperationalLogic", "CoCreationLogic"):
        assert (URIRef(IORKG + cls), RDF.type, OWL.NamedIndividual) not in onto


def test_access_levels_are_public_and_restricted(onto):
    scheme = URIRef(IORKGC + "access-level-scheme")
    assert set(onto.objects(scheme, SKOS.hasTopConcept)) == {URIRef(IORKGC + "public"), URIRef(IORKGC + "restricted")}


@pytest.mark.parametrize("fixture", ["fictional-harbour-case.ttl", "fictional-restricted-case.ttl"])
def test_fixtures_pass_the_cross_case_shapes(repo, test_data, fixture):
    from iorkg.validate import validate

    result = validate([test_data / "crosscase" / fixture], shapes=_shapes(repo))
    assert result.conforms, result.text


def test_the_redacted_restricted_case_passes_the_cross_case_shapes(repo, test_data):
    import iorkg
    from iorkg.io.redact import public_view
    from iorkg.validate import validate

    view, _ = public_view(iorkg.open(test_data / "crosscase" / "fictional-restricted-case.ttl"))
    assert validate(view, shapes=_shapes(repo)).conforms


def test_a_code_mapped_twice_or_to_a_foreign_term_is_a_violation(repo, test_data, tmp_path):
    from iorkg.validate import validate

    text = (test_data / "crosscase" / "fictional-harbour-case.ttl").read_text(encoding="utf-8")
    text = text.replace("skos:closeMatch iorkgc:principal",
                        "skos:closeMatch iorkgc:principal ;\n    skos:broadMatch <http://example.org/buyer>")
    broken = tmp_path / "twice.ttl"
    broken.write_text(text, encoding="utf-8")
    result = validate([broken], shapes=_shapes(repo))
    assert {f.rule for f in result.violations} == {"study-code-mapping"}


def test_a_restricted_node_without_an_access_note_is_a_violation(repo, test_data, tmp_path):
    from iorkg.validate import validate

    lines = (test_data / "crosscase" / "fictional-restricted-case.ttl").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "no-note.ttl"
    broken.write_text("\n".join(l for l in lines if "iorkg:accessNote" not in l) + "\n", encoding="utf-8")
    result = validate([broken], shapes=_shapes(repo))
    assert {f.rule for f in result.violations} == {"restricted-access-note"}


def test_the_harbour_codebook_follows_the_contract(test_data):
    graph = rdflib.Graph().parse(test_data / "crosscase" / "fictional-harbour-case.ttl", format="turtle")
    code = URIRef("https://w3id.org/iorkg/fictional/harbour-case/code/market-thinking")
    assert (code, RDF.type, URIRef(IORKG + "StudyCode")) in graph
    assert str(graph.value(code, SKOS.prefLabel)) == "market thinking"
    assert str(graph.value(code, SKOS.notation)) == "market thinking"
    assert graph.value(code, SKOS.closeMatch) == URIRef(IORKG + "OperationalLogic")
    assert (graph.value(code, SKOS.inScheme), RDF.type, URIRef(IORKG + "Codebook")) in graph


def test_the_fixtures_are_current_with_their_generator(test_data):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(test_data / "crosscase" / "build_fixtures.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
