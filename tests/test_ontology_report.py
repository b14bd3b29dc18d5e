"""Each rule of `iorkg.validate.ontology_lint` fires on a small graph that breaks it, and only there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "iorkg.ttl"

from iorkg.validate import ontology_lint as report  # noqa: E402

PREFIXES = """
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:   <http://www.w3.org/2002/07/owl#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix vann:  <http://purl.org/vocab/vann/> .
@prefix iorkg: <https://w3id.org/iorkg/ontology#> .
@prefix iorkgc: <https://w3id.org/iorkg/concept/> .
xsd:date a rdfs:Datatype .
rdfs:label a owl:AnnotationProperty . skos:definition a owl:AnnotationProperty .
rdfs:isDefinedBy a owl:AnnotationProperty . dcterms:title a owl:AnnotationProperty .
dcterms:description a owl:AnnotationProperty . dcterms:creator a owl:AnnotationProperty .
dcterms:license a owl:AnnotationProperty . dcterms:created a owl:AnnotationProperty .
dcterms:modified a owl:AnnotationProperty . owl:versionInfo a owl:AnnotationProperty .
vann:preferredNamespacePrefix a owl:AnnotationProperty . vann:preferredNamespaceUri a owl:AnnotationProperty .
<https://w3id.org/iorkg/ontology> a owl:Ontology ; owl:versionIRI <https://w3id.org/iorkg/ontology/9> ;
  owl:versionInfo "9" ; dcterms:title "t"@en ; dcterms:description "d"@en ; dcterms:creator "c" ;
  dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
  dcterms:created "2026-11-28"^^xsd:date ; dcterms:modified "2026-11-28"^^xsd:date ;
  vann:preferredNamespacePrefix "iorkg" ; vann:preferredNamespaceUri "https://w3id.org/iorkg/ontology#" .
"""


def _term(name: str, label: str, extra: str = "") -> str:
    return (f'iorkg:{name} rdfs:label "{label}"@en ; skos:definition "A {label}."@en ; '
            f"rdfs:isDefinedBy <https://w3id.org/iorkg/ontology> {extra} .\n")


CLEAN = (
    "iorkg:Thing a owl:Class .\n" + _term("Thing", "thing", "; rdfs:subClassOf iorkg:Other")
    + "iorkg:Other a owl:Class .\n" + _term("Other", "other", "; owl:disjointWith iorkg:Thing")
    + "iorkg:link a owl:ObjectProperty .\n" + _term("link", "link", "; rdfs:domain iorkg:Thing")
)

BROKEN = {
    "missing-label": CLEAN + "iorkg:Bare a owl:Class ; rdfs:subClassOf iorkg:Thing ; "
                             "skos:definition \"x\"@en ; rdfs:isDefinedBy iorkg: .",
    "missing-definition": CLEAN + "iorkg:Half a owl:Class ; rdfs:subClassOf iorkg:Thing .\n" + _term(
        "Half", "half").replace('skos:definition "A half."@en ; ', ""),
    "missing-defined-by": CLEAN + "iorkg:Loose a owl:Class ; rdfs:subClassOf iorkg:Thing ; "
                                  "rdfs:label \"loose\"@en ; skos:definition \"x\"@en .",
    "duplicate-label": CLEAN + "iorkg:Twin a owl:Class .\n" + _term("Twin", "Thing", "; rdfs:subClassOf iorkg:Thing"),
    "whitespace": CLEAN + "iorkg:Spacy a owl:Class .\n" + _term("Spacy", "spacy  thing", "; rdfs:subClassOf iorkg:Thing"),
    "annotation-property-undeclared": CLEAN + 'iorkg:Thing skos:scopeNote "undeclared annotation"@en .',
    "undeclared-term": CLEAN + "iorkg:Other rdfs:subClassOf iorkg:Typo .",
    "property-kind-clash": CLEAN + "iorkg:link a owl:DatatypeProperty .",
    "unused-term": CLEAN + "iorkg:Orphan a owl:Class .\n" + _term("Orphan", "orphan"),
    "class-cycle": CLEAN + "iorkg:Other rdfs:subClassOf iorkg:Thing .",
    "multiple-domains": CLEAN + "iorkg:link rdfs:domain iorkg:Other .",
    "multiple-ranges": CLEAN + "iorkg:link rdfs:range iorkg:Thing , iorkg:Other .",
    "missing-metadata": CLEAN,  # _graph() drops dcterms:creator from the header
    "missing-license": CLEAN,  # _graph() drops dcterms:license from the header
    "undeclared-datatype": CLEAN + 'iorkg:Thing skos:definition "1"^^xsd:gYear .',
    "naming-convention": CLEAN + "iorkg:bad_Class a owl:Class .\n" + _term("bad_Class", "bad class",
                                                                          "; rdfs:subClassOf iorkg:Thing"),
}


def _graph(body: str, rule: str = "") -> rdflib.Graph:
    header = PREFIXES
    if rule == "missing-license":
        header = header.replace("  dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;\n", "")
    if rule == "missing-metadata":
        header = header.replace(' dcterms:creator "c" ;', "")
    return rdflib.Graph().parse(data=header + body, format="turtle")


def test_clean_graph_has_no_findings():
    assert report.check_ontology(_graph(CLEAN)) == []


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_rule_fires_on_graph_that_breaks_it(rule):
    findings = report.check_ontology(_graph(BROKEN[rule], rule))
    assert rule in {f.rule for f in findings}, [f.rule for f in findings]


def test_every_rule_has_a_broken_example():
    assert set(BROKEN) == set(report.SEVERITY)


def test_findings_carry_a_known_severity():
    findings = report.check_ontology(_graph(BROKEN["undeclared-term"]))
    assert findings and all(f.severity in ("error", "warning") for f in findings)


def test_report_text_ends_with_a_count():
    findings = report.check_ontology(_graph(BROKEN["class-cycle"]))
    assert report.report_text(findings).splitlines()[-1].startswith(f"{len(findings)} finding(s)")


def test_module_imports_no_rdf_library_at_import_time():
    code = "import sys, iorkg.validate.ontology_lint; print('rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
