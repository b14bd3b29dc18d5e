"""Withholding the words of restricted sources: `redact(quads) -> (quads, report)`.

A case or a source document with `iorkg:accessLevel iorkgc:restricted` (interview answers under a
consent that covers analysis only, say) may be analysed but not quoted in public outputs. For
every evidence node whose source is restricted, or which belongs to a restricted case, `redact`
drops `oa:exact`, `oa:prefix` and `oa:suffix` from its selectors and marks the node
`iorkg:redacted true`; the selectors, the offsets, the source and everything else stay, so the
redacted graph still passes the shapes and still says where each quote lies. Labels and
rationales are the curators' and coders' own words and are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..namespaces import IORKG, IORKGC, OA, RDF

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..store import KnowledgeGraph

ACCESS_LEVEL = IORKG + "accessLevel"
RESTRICTED = IORKGC + "restricted"
REDACTED = IORKG + "redacted"
WORDS = (OA + "exact", OA + "prefix", OA + "suffix")


@dataclass
class RedactionReport:
    """What `redact` withheld: restricted cases and sources, evidence nodes and literals."""

    restricted_cases: list[str] = field(default_factory=list)
    restricted_sources: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    literals: int = 0

    @property
    def withheld(self) -> bool:
        """True when anything was left out."""
        return self.literals > 0 or bool(self.evidence)

    def summary(self) -> str:
        """One line for people: what was left out and how to keep it."""
        if not self.withheld:
            if self.restricted_sources or self.restricted_cases:
                return "restricted data: nothing to withhold (its quotes are already redacted)"
            return "restricted data: none"
        where = len(self.restricted_sources)
        cases = f" in {len(self.restricted_cases)} restricted case(s)" if self.restricted_cases else ""
        return (f"withheld {self.literals} quote, prefix and suffix string(s) of {len(self.evidence)} "
                f"evidence node(s) quoting {where} restricted source(s){cases}; offsets and sources "
                "are kept and the nodes are marked iorkg:redacted; --include-restricted keeps them")


def restricted_nodes(quads: Iterable["pyoxigraph.Quad"]) -> tuple[set[str], set[str]]:
    """The IRIs of restricted cases and of restricted sources (a restricted case's sources too)."""
    quads = list(quads)
    restricted = {q.subject.value for q in quads
                  if q.predicate.value == ACCESS_LEVEL and q.object.value == RESTRICTED}
    types: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value == RDF + "type":
            types.setdefault(q.subject.value, set()).add(q.object.value)
    cases = {s for s in restricted if IORKG + "Case" in types.get(s, ())}
    sources = restricted - cases
    sources |= {q.object.value for q in quads
                if q.predicate.value == IORKG + "hasSource" and q.subject.value in cases}
    return cases, sources


def redact(quads: Iterable["pyoxigraph.Quad"]) -> tuple[list["pyoxigraph.Quad"], RedactionReport]:
    """The quads with the words of restricted evidence withheld, and a report of what went."""
    import pyoxigraph as ox

    quads = list(quads)
    cases, sources = restricted_nodes(quads)
    report = RedactionReport(sorted(cases), sorted(sources))
    if not cases and not sources:
        return quads, report

    def key(term) -> tuple[str, str]:
        return (type(term).__name__, term.value)

    targets: dict[tuple, list] = {}     # evidence -> its targets
    source_of: dict[tuple, str] = {}    # target -> its source IRI
    selectors: dict[tuple, list] = {}   # target -> its selectors
    case_of: dict[tuple, str] = {}      # node -> its case IRI
    evidence_graph: dict[tuple, object] = {}
    already: set[tuple] = set()
    for q in quads:
        p = q.predicate.value
        if p == OA + "hasTarget":
            targets.setdefault(key(q.subject), []).append(key(q.object))
        elif p == OA + "hasSource":
            source_of[key(q.subject)] = q.object.value
        elif p == OA + "hasSelector":
            selectors.setdefault(key(q.subject), []).append(key(q.object))
        elif p == IORKG + "inCase":
            case_of[key(q.subject)] = q.object.value
        elif p == RDF + "type" and q.object.value == IORKG + "Evidence":
            evidence_graph[key(q.subject)] = q.graph_name
        elif p == REDACTED:
            already.add(key(q.subject))
    withheld_selectors: set[tuple] = set()
    chosen: list[tuple] = []
    for evidence, its_targets in targets.items():
        hidden = case_of.get(evidence) in cases or any(source_of.get(t) in sources for t in its_targets)
        if hidden:
            chosen.append(evidence)
            for t in its_targets:
                withheld_selectors.update(selectors.get(t, ()))
    kept = []
    for q in quads:
        if q.predicate.value in WORDS and key(q.subject) in withheld_selectors:
            report.literals += 1
            continue
        kept.append(q)
    subjects = {key(q.subject): q.subject for q in quads}
    for evidence in chosen:
        if evidence in already:
            continue
        graph = evidence_graph.get(evidence, ox.DefaultGraph())
        kept.append(ox.Quad(subjects[evidence], ox.NamedNode(REDACTED),
                            ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
                            graph))
    report.evidence = sorted(e[1] for e in chosen)
    if not report.literals:
        report.evidence = [e for e in report.evidence if ("NamedNode", e) not in already
                           and ("BlankNode", e) not in already]
    return kept, report


def public_view(kg: "KnowledgeGraph", include_restricted: bool = False) -> tuple["KnowledgeGraph", RedactionReport]:
    """The knowledge graph as public outputs may show it, and what was withheld.

    With `include_restricted`, or when nothing is restricted, the same graph comes back unchanged.
    """
    from ..store import KnowledgeGraph

    import pyoxigraph as ox

    pattern = kg.store.quads_for_pattern(None, ox.NamedNode(ACCESS_LEVEL), ox.NamedNode(RESTRICTED), None)
    if next(iter(pattern), None) is None:  # nothing restricted: no need to look at every quad
        return kg, RedactionReport()
    quads = kg.quads()
    if include_restricted:
        cases, sources = restricted_nodes(quads)
        return kg, RedactionReport(sorted(cases), sorted(sources))
    kept, report = redact(quads)
    if not report.withheld:
        return kg, report
    view = KnowledgeGraph()
    view.store.extend(kept)
    view.sources = dict(kg.sources)
    return view, report
