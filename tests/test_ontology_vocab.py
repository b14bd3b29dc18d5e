"""Every external term the ontology uses exists in its vocabulary, spelled as that vocabulary has it.

gUFO, Web Annotation, W3C ORG, PROV-O, CiTO and FaBiO are checked against the reference copies in
IORKG_VOCAB_DIR (default: <repo>/../shared/vocab/); OWL-Time, SKOS, Dublin Core terms, FOAF, VANN
and RDF/RDFS/OWL against rdflib's closed namespaces; XSD datatypes against the list below.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS, TIME, VANN

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "iorkg.ttl"
OWN = ("https://w3id.org/iorkg/ontology#", "https://w3id.org/iorkg/concept/")

REFERENCE_FILES = {
    "http://purl.org/nemo/gufo#": "gufo.ttl",
    "http://www.w3.org/ns/oa#": "oa.ttl",
    "http://www.w3.org/ns/org#": "org.ttl",
    "http://www.w3.org/ns/prov#": "prov-o.ttl",
    "http://purl.org/spar/cito/": "cito.ttl",
    "http://purl.org/spar/fabio/": "fabio.ttl",
}
CLOSED_NAMESPACES = [TIME, SKOS, DCTERMS, FOAF, VANN, RDF, RDFS, OWL]
XSD = "http://www.w3.org/2001/XMLSchema#"
# XSD has no reference copy here: the datatypes the ontology may name, all in the OWL 2 datatype map.
XSD_ALLOWED = {"boolean", "string", "positiveInteger", "nonNegativeInteger", "integer", "decimal",
               "date", "dateTime", "anyURI"}


def _vocab_dir() -> Path:
    return Path(os.environ.get("IORKG_VOCAB_DIR") or REPO.parent / "shared" / "vocab")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def annotation_values(graph) -> set[URIRef]:
    """IRIs that only stand as values of annotations (licence, project page, version IRI)."""
    props = set(graph.subjects(RDF.type, OWL.AnnotationProperty)) | {OWL.versionIRI}
    return {o for s, p, o in graph if p in props and isinstance(o, URIRef)}


def _used(graph, annotation_values, namespace: str) -> set[URIRef]:
    return {t for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(namespace) and t not in annotation_values}


def test_every_used_namespace_is_known(graph, annotation_values):
    known = tuple(REFERENCE_FILES) + tuple(str(ns) for ns in CLOSED_NAMESPACES) + (XSD,) + OWN
    unknown = sorted(str(t) for triple in graph for t in triple
                     if isinstance(t, URIRef) and t not in annotation_values and not str(t).startswith(known)
                     and str(t) != "https://w3id.org/iorkg/ontology")
    assert unknown == []


@pytest.mark.parametrize("namespace", sorted(REFERENCE_FILES), ids=lambda ns: REFERENCE_FILES[ns])
def test_terms_exist_in_reference_copy(graph, annotation_values, namespace):
    path = _vocab_dir() / REFERENCE_FILES[namespace]
    if not path.is_file():
        pytest.skip(f"no reference copy at {path} (set IORKG_VOCAB_DIR to the folder holding "
                    f"{REFERENCE_FILES[namespace]})")
    reference = rdflib.Graph().parse(path, format="turtle")
    defined = set(reference.subjects())
    missing = sorted(str(t) for t in _used(graph, annotation_values, namespace) if t not in defined)
    assert missing == []


@pytest.mark.parametrize("namespace", CLOSED_NAMESPACES, ids=lambda ns: str(ns))
def test_terms_exist_in_rdflib_closed_namespace(graph, annotation_values, namespace):
    missing = sorted(str(t) for t in _used(graph, annotation_values, str(namespace)) if t not in namespace)
    assert missing == []


def test_xsd_datatypes_are_in_the_allowed_list(graph):
    used = {str(t)[len(XSD):] for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(XSD)}
    used |= {str(o.datatype)[len(XSD):] for o in graph.objects()
             if getattr(o, "datatype", None) and str(o.datatype).startswith(XSD)}
    assert used - XSD_ALLOWED == set()


def test_external_terms_are_used_as_their_vocabulary_declares(graph):
    """A term we declare as a class is a class there, and a property a property (no re-kinding)."""
    problems = []
    vocab = _vocab_dir()
    for namespace, name in REFERENCE_FILES.items():
        path = vocab / name
        if not path.is_file():
            continue
        reference = rdflib.Graph().parse(path, format="turtle")
        for kind, theirs in ((OWL.Class, {OWL.Class, RDFS.Class}),
                             (OWL.ObjectProperty, {OWL.ObjectProperty, RDF.Property}),
                             (OWL.DatatypeProperty, {OWL.DatatypeProperty, RDF.Property})):
            for term in graph.subjects(RDF.type, kind):
                if str(term).startswith(namespace) and not set(reference.objects(term, RDF.type)) & theirs:
                    problems.append(f"{term} is not a {kind.split('#')[-1]} in {name}")
    assert problems == []
