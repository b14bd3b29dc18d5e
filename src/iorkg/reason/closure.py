"""OWL 2 RL inference over many cases: the closure of the ontology, the shared graphs and every
case graph, reasoned a batch of cases at a time with `reasonable` (Rust).

Reasoning case by case is sound and complete for case data that passes the shapes: no OWL 2 RL
rule joins two triples of different cases unless they share a node, and cases share only nodes
of the background graphs (ontology terms, concepts, shared records), which every batch reasons
with (`link-within-case` and `node-in-one-case` reject anything else). A batch of about 20 cases
was measured fastest (docs/benchmarks.md); the whole 1,000-case corpus at once needs more than
12 GiB. reasonable 0.4 has no rule for owl:propertyChainAxiom (prp-spo2), so the ontology's
property chains (iorkg:holdsLogic) are applied here, on the asserted triples and on each closure.

The queries need none of this (they follow rdfs:subClassOf* themselves); the closure is for
researchers who want every entailed triple, e.g. to publish or to use an engine without paths.
"""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..rdf.terms import to_pyoxigraph, to_rdflib

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..store import KnowledgeGraph

INFERRED_GRAPH = "https://w3id.org/iorkg/graph/inferred"
DEFAULT_BATCH = 20


def property_chains(triples: Iterable[tuple]) -> list[tuple]:
    """(chain property, [(member property, its inverse or None), ...]) per owl:propertyChainAxiom."""
    import rdflib
    from rdflib.collection import Collection

    graph = rdflib.Graph()
    for t in triples:
        graph.add(t)
    inverse = {}
    for a, b in graph.subject_objects(rdflib.OWL.inverseOf):
        inverse[a] = b
        inverse[b] = a
    return [(prop, [(member, inverse.get(member)) for member in Collection(graph, head)])
            for prop, head in graph.subject_objects(rdflib.OWL.propertyChainAxiom)]


def apply_chains(chains: list[tuple], triples: Iterable[tuple]) -> list[tuple]:
    """The triples the chains derive from `triples` (a member may be read through its inverse)."""
    if not chains:
        return []
    wanted = {p for _, members in chains for p, _ in members} | \
        {inv for _, members in chains for _, inv in members if inv is not None}
    index: dict = {}
    for s, p, o in triples:
        if p in wanted:
            index.setdefault(p, []).append((s, o))
    derived = []
    for prop, members in chains:
        pairs = None
        for member, inv in members:
            step: dict = {}
            for s, o in list(index.get(member, ())) + [(o, s) for s, o in index.get(inv, ())]:
                step.setdefault(s, set()).add(o)
            if pairs is None:
                pairs = {(s, o) for s, objects in step.items() for o in objects}
            else:
                pairs = {(s, o2) for s, o in pairs for o2 in step.get(o, ())}
        derived.extend((s, prop, o) for s, o in pairs or ())
    return list(dict.fromkeys(derived))


def case_graphs_of(kg: "KnowledgeGraph") -> tuple[list[str], list[str]]:
    """(background graphs, case graphs) of a knowledge graph, each sorted."""
    cases = set(kg.case_graphs()) - {INFERRED_GRAPH}
    graphs = [g for g in kg.graphs() if g != INFERRED_GRAPH]
    return [g for g in graphs if g not in cases], [g for g in graphs if g in cases]


def owl_rl_closure(kg: "KnowledgeGraph", batch: int = DEFAULT_BATCH) -> set:
    """Every triple entailed under OWL 2 RL by the knowledge graph (asserted ones included), as
    rdflib terms; reasoned `batch` case graphs at a time beside all background graphs."""
    import pyoxigraph as ox
    import reasonable

    if batch < 1:
        raise ValueError("batch must be at least 1")
    background, cases = case_graphs_of(kg)
    head_triples = [ox.Triple(q.subject, q.predicate, q.object)
                    for g in background for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
    chains = property_chains((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                             for t in head_triples)
    chained = _chain_triples(kg.store, chains)
    head = ox.serialize(head_triples, format=ox.RdfFormat.N_TRIPLES)
    closure: set = set()
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived rdflib terms: the cyclic collector would cost about 30 %
    try:
        with tempfile.TemporaryDirectory(prefix="iorkg-reason-") as folder:
            chunk = Path(folder) / "chunk.ttl"  # N-Triples is Turtle; reasonable reads .ttl and .n3
            groups = [cases[i:i + batch] for i in range(0, len(cases), batch)] or [[]]
            for names in groups:
                triples = [ox.Triple(q.subject, q.predicate, q.object) for g in names
                           for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
                triples += [t for g in names for t in chained.get(g, ())]
                chunk.write_bytes(head + ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
                reasoner = reasonable.PyReasoner()
                reasoner.load_file(str(chunk))
                out = reasoner.reason()
                derived = apply_chains(chains, out)
                if derived:
                    known = set(out)
                    missing = [t for t in derived if t not in known]
                    if missing:
                        reasoner.from_graph(missing)
                        out = reasoner.reason()
                closure.update(out)
    finally:
        if collecting:
            gc.enable()
    return closure


def materialize(kg: "KnowledgeGraph", batch: int = DEFAULT_BATCH, graph: str = INFERRED_GRAPH) -> int:
    """Add the OWL 2 RL entailments that no graph asserts to one named graph (replacing what it
    held); the number of triples added."""
    import pyoxigraph as ox

    target = ox.NamedNode(graph)
    if target in set(kg.store.named_graphs()):
        kg.store.remove_graph(target)
    asserted = {(q.subject, q.predicate, q.object) for q in kg.store.quads_for_pattern(None, None, None, None)}
    terms: dict = {}

    def term(t):
        found = terms.get(t)
        if found is None:
            found = terms[t] = to_pyoxigraph(t)
        return found

    new = []
    for s, p, o in owl_rl_closure(kg, batch):
        triple = (term(s), term(p), term(o))
        if triple not in asserted and not isinstance(triple[0], ox.Literal):
            new.append(ox.Quad(*triple, target))
    kg.store.extend(new)
    return len(new)


def _chain_triples(store: "pyoxigraph.Store", chains: list[tuple]) -> dict:
    """The chain triples inside each named graph (graph IRI -> triples), one SPARQL path per chain."""
    import pyoxigraph as ox

    out: dict = {}
    for prop, members in chains:
        path = "/".join(f"(<{m}>|^<{inv}>)" if inv is not None else f"<{m}>" for m, inv in members)
        predicate = ox.NamedNode(str(prop))
        for row in store.query(f"SELECT DISTINCT ?g ?x ?y WHERE {{ GRAPH ?g {{ ?x {path} ?y }} }}"):
            out.setdefault(row["g"].value, []).append(ox.Triple(row["x"], predicate, row["y"]))
    return out
