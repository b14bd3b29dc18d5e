"""The ontology's documentation for the report: every class, property and concept with its
label, definition, place in the hierarchy, domain and range, read from the ontology graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..store import KnowledgeGraph

ONTOLOGY_GRAPH = "https://w3id.org/iorkg/ontology"

_TERMS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?kind ?label ?definition ?note WHERE {
  GRAPH <https://w3id.org/iorkg/ontology> {
    VALUES (?type ?kind) { (owl:Class "class") (owl:ObjectProperty "object property")
                           (owl:DatatypeProperty "datatype property") (owl:AnnotationProperty "annotation property")
                           (skos:Concept "concept") (skos:ConceptScheme "concept scheme") }
    ?term a ?type .
    FILTER (isIRI(?term) && (STRSTARTS(STR(?term), "https://w3id.org/iorkg/ontology#")
                             || STRSTARTS(STR(?term), "https://w3id.org/iorkg/concept/")))
    OPTIONAL { ?term rdfs:label ?l FILTER (LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) }
    OPTIONAL { ?term skos:prefLabel ?pl FILTER (LANG(?pl) = "" || LANGMATCHES(LANG(?pl), "en")) }
    OPTIONAL { ?term skos:definition ?d FILTER (LANG(?d) = "" || LANGMATCHES(LANG(?d), "en")) }
    OPTIONAL { ?term skos:scopeNote ?n FILTER (LANG(?n) = "" || LANGMATCHES(LANG(?n), "en")) }
  }
  BIND (COALESCE(STR(?l), STR(?pl), "") AS ?label)
  BIND (COALESCE(STR(?d), "") AS ?definition)
  BIND (COALESCE(STR(?n), "") AS ?note)
} ORDER BY ?kind ?label ?term ?definition ?note
"""

_LINKS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?relation ?other WHERE {
  GRAPH <https://w3id.org/iorkg/ontology> {
    VALUES (?p ?relation) { (rdfs:subClassOf "parent") (rdfs:subPropertyOf "parent") (skos:broader "parent")
                            (rdfs:domain "domain") (rdfs:range "range") (skos:inScheme "scheme") }
    ?term ?p ?other .
    FILTER (isIRI(?term) && isIRI(?other))
  }
} ORDER BY ?term ?relation ?other
"""


@dataclass
class Term:
    """One documented term: IRI, kind, label, definition and its links to other terms."""

    iri: str
    kind: str
    label: str
    definition: str
    note: str = ""
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    scheme: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The fragment id of the term on the ontology page."""
        local = self.iri.rsplit("#", 1)[-1] if "#" in self.iri else self.iri.rstrip("/").rsplit("/", 1)[-1]
        prefix = "c-" if "/concept/" in self.iri else "t-"
        return prefix + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in local)


def ontology_terms(kg: "KnowledgeGraph") -> list[Term]:
    """Every iorkg class, property and concept (and concept scheme), with its hierarchy, domain and range."""
    terms: dict[str, Term] = {}
    for row in kg.query(_TERMS).rows:
        terms.setdefault(row["term"], Term(row["term"], row["kind"], row["label"], row["definition"], row["note"]))
    for row in kg.query(_LINKS).rows:
        term = terms.get(row["term"])
        if term is None:
            continue
        {"parent": term.parents, "domain": term.domain, "range": term.range,
         "scheme": term.scheme}[row["relation"]].append(row["other"])
        if row["relation"] == "parent" and row["other"] in terms:
            terms[row["other"]].children.append(term.iri)
    order = ["class", "object property", "datatype property", "annotation property", "concept scheme", "concept"]
    return sorted(terms.values(), key=lambda t: (order.index(t.kind), t.label.lower(), t.iri))
