"""Case nodes and quoted evidence as triples: the evidence pattern of the shipped cases, with the
quote and position selectors computed by `iorkg.textquote`.

Used by the workbook importer; any other importer (REFI-QDA) can build a case the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..namespaces import IORKG, IORKGC, OA, PREFIXES, PROV, RDF, XSD
from ..textquote import MAX_WORDS, QuoteProblem, Selectors, locate, word_count

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

CLASSIFYING = OA + "classifying"
STATUSES = ("stated", "interpreted")


@dataclass(frozen=True)
class EvidenceSpec:
    """One evidence node: which node it backs, where its quote is, and how it supports the node."""

    iri: str
    body: str
    source: str
    selectors: Selectors
    status: str = "stated"
    rationale: str | None = None
    agent: str | None = None
    slot: str | None = None
    coded_segment: bool = False
    motivation: str = CLASSIFYING


def quote_selectors(text: str, quote: str, occurrence: int | None = None,
                    coded_segment: bool = False) -> Selectors:
    """The selectors of a quote in its source text, refusing curated quotes over the word cap.

    Raises `textquote.QuoteProblem` (with the nearest passage where the quote is absent).
    """
    if not coded_segment and word_count(quote) > MAX_WORDS:
        raise QuoteProblem(f"the quote has {word_count(quote)} words; a curated quote has at most "
                           f"{MAX_WORDS} (shorten it to the passage that supports the node, or mark "
                           "the row as a coded segment)")
    return locate(text, quote, occurrence)


class CaseBuilder:
    """Collects the triples of one case graph: nodes with `iorkg:inCase`, and their evidence."""

    def __init__(self, namespace: str, case_iri: str, language: str = "en",
                 prefix: str | None = None) -> None:
        import rdflib

        self.namespace = namespace
        self.case_iri = case_iri
        self.language = language
        self.graph = rdflib.Graph()
        for name, iri in PREFIXES.items():
            if iri != namespace:
                self.graph.bind(name, iri, override=True, replace=True)
        if prefix:
            self.graph.bind(prefix, namespace, override=True, replace=True)

    # terms --------------------------------------------------------------------------------------
    @staticmethod
    def iri(value: str) -> "rdflib.URIRef":
        import rdflib

        return rdflib.URIRef(value)

    def text(self, value: str, lang: bool = True, datatype: str | None = None) -> "rdflib.Literal":
        """A literal: language-tagged in the case's language, typed, or plain."""
        import rdflib

        if lang:
            return rdflib.Literal(value, lang=self.language)
        return rdflib.Literal(value, datatype=rdflib.URIRef(datatype) if datatype else None)

    def typed(self, value: object, datatype: str) -> "rdflib.Literal":
        """A typed literal written in its lexical form (as the shapes want to read it)."""
        import rdflib

        lexical = value if isinstance(value, str) else \
            (str(value).lower() if isinstance(value, bool) else str(value))
        return rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))

    # triples ------------------------------------------------------------------------------------
    def add(self, subject: str, predicate: str, obj: "rdflib.term.Node | str") -> None:
        """Add a triple; a `str` object is an IRI."""
        import rdflib

        o = obj if isinstance(obj, rdflib.term.Node) else rdflib.URIRef(obj)
        self.graph.add((rdflib.URIRef(subject), rdflib.URIRef(predicate), o))

    def node(self, iri: str, types: list[str]) -> None:
        """A case node: its types and `iorkg:inCase` (the case node itself gets no inCase)."""
        for t in types:
            self.add(iri, RDF + "type", t)
        if iri != self.case_iri:
            self.add(iri, IORKG + "inCase", self.case_iri)

    def evidence(self, spec: EvidenceSpec) -> None:
        """An evidence node in the pattern of the shipped cases (see /work/CONTRACTS.md)."""
        import rdflib

        if spec.status not in STATUSES:
            raise ValueError(f"unknown epistemic status {spec.status!r}")
        e = spec.iri
        self.add(spec.body, IORKG + "hasEvidence", e)
        self.add(e, RDF + "type", IORKG + "Evidence")
        self.add(e, IORKG + "inCase", self.case_iri)
        self.add(e, OA + "motivatedBy", spec.motivation)
        self.add(e, OA + "hasBody", spec.body)
        self.add(e, IORKG + "epistemicStatus", IORKGC + spec.status)
        if spec.rationale:
            self.add(e, IORKG + "rationale", self.text(spec.rationale))
        if spec.agent:
            self.add(e, PROV + "wasAttributedTo", spec.agent)
        if spec.slot:
            self.add(e, IORKG + "supportsSlot", spec.slot)
        if spec.coded_segment:
            self.add(e, IORKG + "codedSegment", self.typed(True, XSD + "boolean"))
        # blank nodes named after the evidence node, so that the Turtle is the same on every run
        local = e[len(self.namespace):] if e.startswith(self.namespace) else e.rsplit("/", 1)[-1]
        target, quote, position = (rdflib.BNode(f"{local}-target"), rdflib.BNode(f"{local}-quote"),
                                   rdflib.BNode(f"{local}-position"))
        g, s = self.graph, spec.selectors
        g.add((rdflib.URIRef(e), rdflib.URIRef(OA + "hasTarget"), target))
        g.add((target, RDF_TYPE(), rdflib.URIRef(OA + "SpecificResource")))
        g.add((target, rdflib.URIRef(OA + "hasSource"), rdflib.URIRef(spec.source)))
        g.add((target, rdflib.URIRef(OA + "hasSelector"), quote))
        g.add((target, rdflib.URIRef(OA + "hasSelector"), position))
        g.add((quote, RDF_TYPE(), rdflib.URIRef(OA + "TextQuoteSelector")))
        g.add((quote, rdflib.URIRef(OA + "exact"), rdflib.Literal(s.exact)))
        g.add((quote, rdflib.URIRef(OA + "prefix"), rdflib.Literal(s.prefix)))
        g.add((quote, rdflib.URIRef(OA + "suffix"), rdflib.Literal(s.suffix)))
        g.add((position, RDF_TYPE(), rdflib.URIRef(OA + "TextPositionSelector")))
        g.add((position, rdflib.URIRef(OA + "start"), self.typed(s.start, XSD + "nonNegativeInteger")))
        g.add((position, rdflib.URIRef(OA + "end"), self.typed(s.end, XSD + "nonNegativeInteger")))

    def turtle(self, header: str = "") -> bytes:
        """The graph as Turtle (the same bytes for the same triples), after an optional comment."""
        body = self.graph.serialize(format="turtle")
        return (header + ("\n" if header else "") + body).encode("utf-8")


def RDF_TYPE() -> "rdflib.URIRef":  # noqa: N802 - reads like the constant it is
    import rdflib

    return rdflib.URIRef(RDF + "type")
