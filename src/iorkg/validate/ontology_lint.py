"""ROBOT- and OOPS!-style hygiene checks of an ontology graph.

`check_ontology(graph)` returns a list of `Finding`s, one per broken rule and term. The rules:

| rule | checks |
|---|---|
| missing-label | an own term (or concept) without an English `rdfs:label` |
| missing-definition | an own term (or concept) without `skos:definition` |
| missing-defined-by | an own term (or concept) without `rdfs:isDefinedBy` |
| duplicate-label | two terms sharing an English label (case-insensitive) |
| whitespace | a label, definition or note with leading, trailing or doubled whitespace |
| annotation-property-undeclared | a predicate used to annotate that is not an `owl:AnnotationProperty` |
| undeclared-term | an IRI used but declared nowhere (nor built in, nor an annotation value) |
| property-kind-clash | an IRI declared as more than one kind of property |
| unused-term | an own class in no axiom, an own property with no domain, range or super-property |
| class-cycle | a cycle of named `rdfs:subClassOf` links |
| multiple-domains / multiple-ranges | more than one `rdfs:domain` / `rdfs:range` triple on a property |
| missing-license / missing-metadata | the ontology header lacks a licence / another required field |
| undeclared-datatype | a datatype outside the OWL 2 datatype map that is not declared `rdfs:Datatype` |
| naming-convention | UpperCamelCase classes, lowerCamelCase properties, lowercase-hyphen concepts |

`lint_ontology(files)` checks the shipped ontology together with files that extend it (the command
`iorkg validate --ontology FILE`). rdflib is imported where a graph is examined.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import InputError
from ..namespaces import DCTERMS, IORKG, IORKGC, OWL, RDF, RDFS, SKOS, VANN, XSD

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


SEVERITY: dict[str, str] = {
    "missing-label": "error", "missing-definition": "error", "missing-defined-by": "error",
    "duplicate-label": "error", "whitespace": "warning", "annotation-property-undeclared": "error",
    "undeclared-term": "error", "property-kind-clash": "error", "unused-term": "warning",
    "class-cycle": "error", "multiple-domains": "warning", "multiple-ranges": "warning",
    "missing-license": "error", "missing-metadata": "error", "naming-convention": "warning",
    "undeclared-datatype": "error",
}

# Header fields other than the licence, by the name a finding uses.
REQUIRED_METADATA: dict[str, str] = {
    "dcterms:title": DCTERMS + "title", "dcterms:description": DCTERMS + "description",
    "dcterms:creator": DCTERMS + "creator", "dcterms:created": DCTERMS + "created",
    "dcterms:modified": DCTERMS + "modified", "owl:versionIRI": OWL + "versionIRI",
    "owl:versionInfo": OWL + "versionInfo",
    "vann:preferredNamespacePrefix": VANN + "preferredNamespacePrefix",
    "vann:preferredNamespaceUri": VANN + "preferredNamespaceUri",
}

_OWL_ANNOTATIONS = {OWL + n for n in ("versionInfo", "deprecated", "priorVersion",
                                      "backwardCompatibleWith", "incompatibleWith")}
_STRUCTURAL = {RDF + "type", RDF + "first", RDF + "rest", RDFS + "subClassOf",
               RDFS + "subPropertyOf", RDFS + "domain", RDFS + "range"}
_DECLARING = {OWL + n for n in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
                                "NamedIndividual", "Ontology")} | {RDFS + "Datatype"}
_TEXT_FIELDS = {RDFS + "label", RDFS + "comment", SKOS + "prefLabel", SKOS + "altLabel",
                SKOS + "definition", SKOS + "scopeNote", SKOS + "example",
                DCTERMS + "title", DCTERMS + "description"}
_CLASS_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_PROPERTY_NAME = re.compile(r"^[a-z][A-Za-z0-9]*$")
_CONCEPT_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_BAD_SPACE = re.compile(r"^\s|\s$|\s{2,}")
# The OWL 2 datatype map (plus rdf:langString); any other datatype must be declared rdfs:Datatype.
_OWL2_DATATYPES = {RDF + n for n in ("PlainLiteral", "XMLLiteral", "langString")} | {
    RDFS + "Literal", OWL + "real", OWL + "rational"} | {XSD + n for n in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int "
        "short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
        "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
        "dateTime dateTimeStamp").split()}


@dataclass(frozen=True)
class Finding:
    """One broken rule on one subject (an IRI, or "" for the whole ontology)."""

    rule: str
    severity: str
    subject: str
    message: str


def _is_builtin(iri: str) -> bool:
    return iri.startswith((RDF, RDFS, OWL, XSD))


def _structural(predicate: str) -> bool:
    return predicate in _STRUCTURAL or (predicate.startswith(OWL) and predicate not in _OWL_ANNOTATIONS)


def check_ontology(graph: "rdflib.Graph", namespace: str = IORKG,
                   concept_namespace: str = IORKGC) -> list[Finding]:
    """Every hygiene problem in `graph`; own terms are the IRIs in `namespace` and `concept_namespace`."""
    from rdflib import Literal, URIRef

    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()

    def add(rule: str, subject: str, message: str) -> None:
        if (rule, subject, message) not in seen:
            seen.add((rule, subject, message))
            findings.append(Finding(rule, SEVERITY[rule], subject, message))

    def of_type(kind: str) -> set[str]:
        return {str(s) for s in graph.subjects(URIRef(RDF + "type"), URIRef(kind)) if isinstance(s, URIRef)}

    classes = of_type(OWL + "Class")
    object_props, data_props = of_type(OWL + "ObjectProperty"), of_type(OWL + "DatatypeProperty")
    annotation_props = of_type(OWL + "AnnotationProperty")
    properties = object_props | data_props | annotation_props
    declared = set().union(*(of_type(kind) for kind in _DECLARING))
    declared |= {str(s) for s, o in graph.subject_objects(URIRef(RDF + "type"))
                 if isinstance(s, URIRef) and str(o) in classes}
    ontologies = sorted(of_type(OWL + "Ontology"))

    own_classes = {c for c in classes if c.startswith(namespace)}
    own_properties = {p for p in properties if p.startswith(namespace)}
    concepts = {str(s) for s in graph.subjects()
                if isinstance(s, URIRef) and str(s).startswith(concept_namespace)}
    own_terms = own_classes | own_properties | concepts

    # Declarations and annotation positions (OWL 2 DL).
    for iri in sorted(properties):
        kinds = [k for k, group in (("object", object_props), ("datatype", data_props),
                                    ("annotation", annotation_props)) if iri in group]
        if len(kinds) > 1:
            add("property-kind-clash", iri, f"declared as {' and '.join(kinds)} property at once")
    annotation_values: set[str] = set()
    entity_like = classes | properties | set(ontologies)
    for s, p, o in graph:
        pred = str(p)
        if pred in annotation_props or pred in (OWL + "versionIRI", OWL + "imports"):
            annotation_values.add(str(o))
        if _structural(pred) or pred in properties:
            continue
        if isinstance(o, Literal) or str(s) in entity_like:
            add("annotation-property-undeclared", pred,
                "used to annotate but not declared owl:AnnotationProperty")
        else:
            add("undeclared-term", pred, "used as a property but declared as no kind of OWL property")
    predicates = set(graph.predicates())  # an undeclared one is reported above
    for term in (set(graph.subjects()) | set(graph.objects())) - predicates:
        iri = str(term)
        if (isinstance(term, URIRef) and not _is_builtin(iri) and iri not in declared
                and iri not in annotation_values):
            add("undeclared-term", iri, "used but not declared (nor typed, built in or an annotation value)")

    # Labels, definitions, provenance of terms, whitespace.
    label, definition = URIRef(RDFS + "label"), URIRef(SKOS + "definition")
    defined_by = URIRef(RDFS + "isDefinedBy")
    by_label: dict[str, list[str]] = defaultdict(list)
    for iri in sorted(own_terms):
        ref = URIRef(iri)
        english = [str(v) for v in graph.objects(ref, label) if isinstance(v, Literal) and v.language == "en"]
        if not english:
            add("missing-label", iri, "no rdfs:label in English (@en)")
        for text in set(english):
            by_label[text.strip().casefold()].append(iri)
        if (ref, definition, None) not in graph:
            add("missing-definition", iri, "no skos:definition")
        if (ref, defined_by, None) not in graph:
            add("missing-defined-by", iri, "no rdfs:isDefinedBy")
    for text, terms in sorted(by_label.items()):
        if len(terms) > 1:
            for iri in terms:
                add("duplicate-label", iri, f"English label {text!r} is shared with "
                    + ", ".join(t for t in terms if t != iri))
    for s, p, o in graph:
        if str(p) in _TEXT_FIELDS and isinstance(o, Literal) and _BAD_SPACE.search(str(o)):
            add("whitespace", str(s),
                f"{p} value has leading, trailing or doubled whitespace: {str(o)[:60]!r}")

    # Connectedness of own terms.
    skip = {URIRef(RDF + "type")} | {URIRef(a) for a in annotation_props}
    for iri in sorted(own_classes):
        ref = URIRef(iri)
        used = any(p not in skip for p, _ in graph.predicate_objects(ref)) or \
            any(p not in skip - {URIRef(RDF + "type")} for _, p in graph.subject_predicates(ref))
        if not used:
            add("unused-term", iri, "class takes part in no axiom and types no individual")
    linking = [URIRef(RDFS + n) for n in ("domain", "range", "subPropertyOf")]
    for iri in sorted(own_properties - annotation_props):
        if not any((URIRef(iri), p, None) in graph for p in linking):
            add("unused-term", iri, "property has no rdfs:domain, rdfs:range or rdfs:subPropertyOf")

    # Axiom shape: subclass cycles, several domains or ranges.
    for cycle in _subclass_cycles(graph):
        add("class-cycle", cycle[0], "subclass cycle: " + " -> ".join(cycle + [cycle[0]]))
    for rule, axis in (("multiple-domains", "domain"), ("multiple-ranges", "range")):
        counts: dict[str, int] = defaultdict(int)
        for s in graph.subjects(URIRef(RDFS + axis), None):
            counts[str(s)] += 1
        for iri, n in sorted(counts.items()):
            if n > 1:
                add(rule, iri, f"{n} rdfs:{axis} triples (intersected); use one, with owl:unionOf if meant")

    # Ontology header.
    if not ontologies:
        add("missing-metadata", "", "no owl:Ontology node")
        add("missing-license", "", "no owl:Ontology node, hence no dcterms:license")
    for onto in ontologies:
        ref = URIRef(onto)
        if (ref, URIRef(DCTERMS + "license"), None) not in graph:
            add("missing-license", onto, "no dcterms:license")
        for name, iri in REQUIRED_METADATA.items():
            if (ref, URIRef(iri), None) not in graph:
                add("missing-metadata", onto, f"no {name}")

    # Datatypes of literals and of datatype-property ranges.
    datatypes = {str(o.datatype) for o in graph.objects() if isinstance(o, Literal) and o.datatype}
    datatypes |= {str(r) for p in data_props for r in graph.objects(URIRef(p), URIRef(RDFS + "range"))
                  if isinstance(r, URIRef)}
    for iri in sorted(datatypes - _OWL2_DATATYPES - of_type(RDFS + "Datatype")):
        add("undeclared-datatype", iri, "outside the OWL 2 datatype map and not declared rdfs:Datatype")

    # Naming.
    for iri in sorted(own_classes):
        if not _CLASS_NAME.match(iri[len(namespace):]):
            add("naming-convention", iri, "class names are UpperCamelCase")
    for iri in sorted(own_properties):
        if not _PROPERTY_NAME.match(iri[len(namespace):]):
            add("naming-convention", iri, "property names are lowerCamelCase")
    for iri in sorted(concepts):
        if not _CONCEPT_NAME.match(iri[len(concept_namespace):]):
            add("naming-convention", iri, "concept names are lowercase words joined by hyphens")
    return findings


def _subclass_cycles(graph: "rdflib.Graph") -> list[list[str]]:
    """Each cycle of named rdfs:subClassOf links once, as a list of class IRIs."""
    from rdflib import URIRef

    edges: dict[str, set[str]] = defaultdict(set)
    for s, o in graph.subject_objects(URIRef(RDFS + "subClassOf")):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            edges[str(s)].add(str(o))
    cycles: list[list[str]] = []
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    cycles.append(list(cycle))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return cycles


def report_text(findings: list[Finding]) -> str:
    """The findings as lines `severity rule subject: message`, errors first."""
    order = sorted(findings, key=lambda f: (f.severity != "error", f.rule, f.subject))
    lines = [f"{f.severity:7} {f.rule:30} {f.subject or '(ontology)'}: {f.message}" for f in order]
    errors = sum(f.severity == "error" for f in findings)
    lines.append(f"{len(findings)} finding(s), {errors} error(s)")
    return "\n".join(lines)


@dataclass(frozen=True)
class LintResult:
    """What linting an ontology found: the findings and the files read."""

    findings: list[Finding]
    files: list[str]

    @property
    def errors(self) -> list[Finding]:
        """The findings that break the ontology's conventions (as opposed to advice)."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def text(self) -> str:
        """The findings, then a verdict line naming the files."""
        verdict = "ONTOLOGY OK" if self.ok else "ONTOLOGY HAS ERRORS"
        return f"{report_text(self.findings)}\n{verdict}: {', '.join(self.files)}\n"

    def as_json(self) -> dict:
        return {"ok": self.ok, "files": self.files,
                "findings": [vars(f) for f in self.findings], "errors": len(self.errors)}


def lint_ontology(files: Sequence[str | Path] = (), with_shipped: bool = True) -> LintResult:
    """The hygiene findings of the shipped ontology together with `files` that extend it.

    Raises InputError for a file that cannot be read.
    """
    import rdflib

    from ..rdf.formats import guess_format
    from ..resources import ontology_path

    paths = ([ontology_path()] if with_shipped else []) + [Path(f) for f in files]
    graph = rdflib.Graph()
    for path in paths:
        if not path.is_file():
            raise InputError(path, "no such file")
        fmt = guess_format(path)
        rdflib_format = {"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld",
                         "trig": "trig", "nq": "nquads"}[fmt.name]
        try:
            graph.parse(path, format=rdflib_format)
        except Exception as exc:  # rdflib raises many kinds of syntax errors
            raise InputError(path, f"cannot read the ontology: {' '.join(str(exc).split())[:300]}") from None
    return LintResult(check_ontology(graph), [str(p) for p in paths])
