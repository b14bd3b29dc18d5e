"""Case nodes and quoted evidence as triples: the evidence pattern of the shipped cases, with the
quote and position selectors computed by `iorkg.textquote`.

Used by the workbook importer; any other importer (REFI-QDA) can build a case the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..namespaces import IORKG, IORKGC, OA, PREFIXES, PROV, RDF, XSD
from ..textquote import MAX_WORDS, QuoteProblem, Selectors, locate, word_count

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
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
    redacted: bool = False  # keeps the offsets and the (empty) quote selector, drops the text


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


@dataclass(frozen=True)
class Lit:
    """A literal as the builder keeps it: the lexical form, and a datatype IRI or a language."""

    value: str
    datatype: str | None = None
    language: str | None = None


_NOT_IN_LABEL = re.compile(r"[^\w-]")


def blank_label(text: str) -> str:
    """A blank node label made of a name: letters, digits, `-` and `_` (others become `_`)."""
    return _NOT_IN_LABEL.sub("_", text)


@dataclass(frozen=True)
class Blank:
    """A blank node with a fixed label (so that output is the same on every run)."""

    label: str


class CaseBuilder:
    """Collects the triples of one case graph: nodes with `iorkg:inCase`, and their evidence.

    Triples are kept as plain Python values (IRIs as `str`, `Lit`, `Blank`), which is several
    times faster than building an rdflib Graph; `graph`, `ntriples()` and `turtle()` convert.
    """

    def __init__(self, namespace: str, case_iri: str, language: str = "en",
                 prefix: str | None = None) -> None:
        self.namespace = namespace
        self.case_iri = case_iri
        self.language = language
        self.prefix = prefix
        self.triples: set[tuple] = set()
        self._graph: "rdflib.Graph | None" = None

    # terms --------------------------------------------------------------------------------------
    def text(self, value: str, lang: bool = True, datatype: str | None = None) -> Lit:
        """A literal: language-tagged in the case's language, typed, or plain."""
        if lang:
            return Lit(value, None, self.language)
        return Lit(value, datatype or None)

    @staticmethod
    def typed(value: object, datatype: str) -> Lit:
        """A typed literal written in its lexical form (as the shapes want to read it)."""
        lexical = value if isinstance(value, str) else \
            (str(value).lower() if isinstance(value, bool) else str(value))
        return Lit(lexical, datatype)

    @staticmethod
    def literal(value: str, datatype: str | None = None, language: str | None = None) -> Lit:
        """Any literal."""
        return Lit(value, None if language else datatype, language or None)

    # triples ------------------------------------------------------------------------------------
    def add(self, subject: str, predicate: str, obj: "str | Lit | Blank") -> None:
        """Add a triple; a `str` object is an IRI."""
        self.triples.add((subject, predicate, obj))

    def node(self, iri: str, types: list[str]) -> None:
        """A case node: its types and `iorkg:inCase` (the case node itself gets no inCase)."""
        for t in types:
            self.add(iri, RDF + "type", t)
        if iri != self.case_iri:
            self.add(iri, IORKG + "inCase", self.case_iri)

    def evidence(self, spec: EvidenceSpec) -> None:
        """An evidence node in the pattern of the shipped cases (see /work/CONTRACTS.md)."""
        if spec.status not in STATUSES:
            raise ValueError(f"unknown epistemic status {spec.status!r}")
        e, add, a = spec.iri, self.triples.add, RDF + "type"
        add((spec.body, IORKG + "hasEvidence", e))
        add((e, a, IORKG + "Evidence"))
        add((e, IORKG + "inCase", self.case_iri))
        add((e, OA + "motivatedBy", spec.motivation))
        add((e, OA + "hasBody", spec.body))
        add((e, IORKG + "epistemicStatus", IORKGC + spec.status))
        if spec.rationale:
            add((e, IORKG + "rationale", self.text(spec.rationale)))
        if spec.agent:
            add((e, PROV + "wasAttributedTo", spec.agent))
        if spec.slot:
            add((e, IORKG + "supportsSlot", spec.slot))
        if spec.coded_segment:
            add((e, IORKG + "codedSegment", Lit("true", XSD + "boolean")))
        if spec.redacted:
            add((e, IORKG + "redacted", Lit("true", XSD + "boolean")))
        # blank nodes named after the evidence node, so that the output is the same on every run
        local = e[len(self.namespace):] if e.startswith(self.namespace) else e.rsplit("/", 1)[-1]
        local = blank_label(local)
        target, quote, position = Blank(f"{local}-target"), Blank(f"{local}-quote"), Blank(f"{local}-position")
        s, nni = spec.selectors, XSD + "nonNegativeInteger"
        add((e, OA + "hasTarget", target))
        add((target, a, OA + "SpecificResource"))
        add((target, OA + "hasSource", spec.source))
        add((target, OA + "hasSelector", quote))
        add((target, OA + "hasSelector", position))
        add((quote, a, OA + "TextQuoteSelector"))
        if not spec.redacted:
            add((quote, OA + "exact", Lit(s.exact)))
            add((quote, OA + "prefix", Lit(s.prefix)))
            add((quote, OA + "suffix", Lit(s.suffix)))
        add((position, a, OA + "TextPositionSelector"))
        add((position, OA + "start", Lit(str(s.start), nni)))
        add((position, OA + "end", Lit(str(s.end), nni)))

    # output -------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.triples)

    @property
    def graph(self) -> "rdflib.Graph":
        """The triples as an rdflib Graph with the case's prefixes bound."""
        import rdflib

        if self._graph is None or len(self._graph) != len(self.triples):
            def term(t):
                if isinstance(t, Lit):
                    return rdflib.Literal(t.value, lang=t.language,
                                          datatype=rdflib.URIRef(t.datatype) if t.datatype else None)
                if isinstance(t, Blank):
                    return rdflib.BNode(t.label)
                return rdflib.URIRef(t)

            graph = rdflib.Graph()
            for name, iri in PREFIXES.items():
                if iri != self.namespace:
                    graph.bind(name, iri, override=True, replace=True)
            if self.prefix:
                graph.bind(self.prefix, self.namespace, override=True, replace=True)
            for triple in self.triples:
                graph.add(tuple(term(t) for t in triple))
            self._graph = graph
        return self._graph

    def quads(self, graph: str | None = None) -> list["pyoxigraph.Quad"]:
        """The triples as pyoxigraph quads in `graph` (default: the default graph), literals as written."""
        import pyoxigraph as ox

        cache: dict = {}

        def term(t):
            found = cache.get(t)
            if found is None:
                if isinstance(t, Lit):
                    found = ox.Literal(t.value, language=t.language) if t.language else \
                        ox.Literal(t.value, datatype=ox.NamedNode(t.datatype)) if t.datatype else ox.Literal(t.value)
                elif isinstance(t, Blank):
                    found = ox.BlankNode(t.label)
                else:
                    found = ox.NamedNode(t)
                cache[t] = found
            return found

        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        return [ox.Quad(term(s), term(p), term(o), target) for s, p, o in self.triples]

    def ntriples(self) -> bytes:
        """The triples as N-Triples, quickly (literals as written)."""
        import pyoxigraph as ox

        return ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in self.quads()),
                            format=ox.RdfFormat.N_TRIPLES)

    def turtle(self, header: str = "") -> bytes:
        """The graph as Turtle (the same bytes for the same triples), after an optional comment."""
        body = self.graph.serialize(format="turtle")
        return (header + ("\n" if header else "") + body).encode("utf-8")
