"""OWL 2 RL inference over many cases: the closure of the ontology, the shared graphs and every
case graph, reasoned a batch of cases at a time with `reasonable` (Rust).

Reasoning case by case is sound and complete for case data that passes the shapes: no OWL 2 RL
rule joins two triples of different cases unless they share a node, and cases share only nodes
of the background graphs (ontology terms, concepts, shared records), which every batch reasons
with (`link-within-case` and `node-in-one-case` reject anything else). A batch of about 20 cases
was measured fastest (docs/benchmarks.md); the whole 1,000-case corpus at once needs more than
12 GiB. reasonable 0.4 has no rule for owl:propertyChainAxiom (prp-spo2), so the ontology's
property chains (iorkg:holdsLogic) are applied here, on the asserted triples and on each closure.

Reasoning keeps the label: a chain passes only through *stated* statements. The shortcut
iorkg:holdsLogic = isHolderIn o heldLogic drops the holding it passes through, and with it the
holding's evidence, so a shortcut made from an interpreted holding would read as fact. A chain
x -> n -> y is therefore applied only when each node n it passes through has evidence and none of
the evidence that backs the chain's links on n is interpreted: the evidence of n without
iorkg:supportsSlot, and its evidence whose slot stands for a member property (slot-holder for
iorkg:holder; docs/design.md, "One status per triple"). Evidence that backs another slot (a role,
a phase, a level) is about that slot and does not stop the chain. The other OWL 2 RL rules are
applied as they are: they add types and inverses about the nodes of a statement, which still
leads to the statement and its evidence (interpreted triples live on statement nodes of their
own). So the closure is, for the chains, smaller than a plain OWL 2 RL reasoner's (owlrl's).

`inferred_document` is what `iorkg reason` writes: by default without the triples every resource
gets (`a owl:Thing`, `a rdfs:Resource`, reflexive subClassOf, subPropertyOf, equivalentClass,
equivalentProperty, sameAs), sorted, with blank nodes labelled canonically (`canonical_labels`),
so that every run writes the same bytes.

The queries need none of this (they follow rdfs:subClassOf* themselves); the closure is for
researchers who want every entailed triple, e.g. to publish or to use an engine without paths.
"""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, AbstractSet, Iterable, Mapping

from ..rdf.terms import to_pyoxigraph, to_rdflib

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..store import KnowledgeGraph

INFERRED_GRAPH = "https://w3id.org/iorkg/graph/inferred"
DEFAULT_BATCH = 20

_IORKG = "https://w3id.org/iorkg/ontology#"
_CONCEPT = "https://w3id.org/iorkg/concept/"
_OWL = "http://www.w3.org/2002/07/owl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# the property each statement slot stands for (docs/design.md, "One status per triple")
SLOT_PROPERTY = {
    _CONCEPT + "slot-holder": _IORKG + "holder",
    _CONCEPT + "slot-role": _IORKG + "inRole",
    _CONCEPT + "slot-phase": _IORKG + "during",
    _CONCEPT + "slot-level": _IORKG + "atLevel",
    _CONCEPT + "slot-definer": _IORKG + "definedBy",
    _CONCEPT + "slot-stage-type": _IORKG + "assignsConcept",
    _CONCEPT + "slot-citation-intent": "http://purl.org/spar/cito/hasCitationCharacterization",
    _CONCEPT + "slot-poles": _IORKG + "hasPole",
}
# triples every resource or term gets, left out of `iorkg reason` unless --all
_EVERYTHING = {_OWL + "Thing", _RDFS + "Resource"}
_REFLEXIVE = {_RDFS + "subClassOf", _RDFS + "subPropertyOf", _OWL + "equivalentClass",
              _OWL + "equivalentProperty", _OWL + "sameAs"}


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


def apply_chains(chains: list[tuple], triples: Iterable[tuple],
                 through: "Mapping[object, AbstractSet] | None" = None) -> list[tuple]:
    """The triples the chains derive from `triples` (a member may be read through its inverse).

    `through` maps a chain property to the nodes its chain may pass through (see `stated_links`);
    a chain it does not name, or `through=None`, passes through any node."""
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
        allowed = None if through is None else through.get(prop, frozenset())
        pairs = None
        for member, inv in members:
            step: dict = {}
            for s, o in list(index.get(member, ())) + [(o, s) for s, o in index.get(inv, ())]:
                step.setdefault(s, set()).add(o)
            if pairs is None:
                pairs = {(s, o) for s, objects in step.items() for o in objects}
            else:
                pairs = {(s, o2) for s, o in pairs if allowed is None or o in allowed
                         for o2 in step.get(o, ())}
        derived.extend((s, prop, o) for s, o in pairs or ())
    return list(dict.fromkeys(derived))


def chain_properties(chains: list[tuple]) -> dict:
    """Chain property -> the member properties of its chain, each also as its inverse."""
    return {prop: {str(p) for m, inv in members for p in (m, inv) if p is not None}
            for prop, members in chains}


def stated_links(store: "pyoxigraph.Store", chains: list[tuple]) -> dict:
    """Chain property -> the nodes (rdflib terms) a chain may pass through: those with evidence,
    none of it interpreted among the evidence without a slot and the evidence whose slot stands
    for one of the chain's member properties."""
    evidence: dict = {}
    for row in store.query(f"""
            SELECT DISTINCT ?n ?ev ?status ?slot WHERE {{ GRAPH ?g {{
              ?n <{_IORKG}hasEvidence> ?ev .
              OPTIONAL {{ ?ev <{_IORKG}epistemicStatus> ?status }}
              OPTIONAL {{ ?ev <{_IORKG}supportsSlot> ?slot }} }} }}"""):
        slot = row["slot"].value if row["slot"] is not None else None
        status = row["status"].value if row["status"] is not None else None
        evidence.setdefault(to_rdflib(row["n"]), []).append((slot, status))
    out: dict = {}
    for prop, members in chain_properties(chains).items():
        out[prop] = {node for node, items in evidence.items()
                     if _stated([status for slot, status in items
                                 if slot is None or SLOT_PROPERTY.get(slot) in members])}
    return out


def _stated(statuses: list) -> bool:
    """Whether evidence with these statuses makes a stated statement: some evidence, none of it
    interpreted (as `who-held-which-logic` computes the status; evidence without a status is a
    finding of `iorkg validate`)."""
    return bool(statuses) and all(status != _CONCEPT + "interpreted" for status in statuses)


def case_graphs_of(kg: "KnowledgeGraph") -> tuple[list[str], list[str]]:
    """(background graphs, case graphs) of a knowledge graph, each sorted."""
    cases = set(kg.case_graphs()) - {INFERRED_GRAPH}
    graphs = [g for g in kg.graphs() if g != INFERRED_GRAPH]
    return [g for g in graphs if g not in cases], [g for g in graphs if g in cases]


def owl_rl_closure(kg: "KnowledgeGraph", batch: int = DEFAULT_BATCH) -> set:
    """Every triple entailed under OWL 2 RL by the knowledge graph (asserted ones included), as
    rdflib terms, except the property-chain triples through statements that are not stated
    (`stated_links`); reasoned `batch` case graphs at a time beside all background graphs."""
    import pyoxigraph as ox
    import reasonable

    if batch < 1:
        raise ValueError("batch must be at least 1")
    background, cases = case_graphs_of(kg)
    head_triples = [ox.Triple(q.subject, q.predicate, q.object)
                    for g in background for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
    chains = property_chains((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                             for t in head_triples)
    through = stated_links(kg.store, chains)
    chained = _chain_triples(kg.store, chains, through)
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
                derived = apply_chains(chains, out, through)
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


def is_trivial(triple: tuple) -> bool:
    """Whether an entailment holds of every resource or term: `a owl:Thing`, `a rdfs:Resource`,
    or a reflexive subClassOf, subPropertyOf, equivalentClass, equivalentProperty or sameAs."""
    s, p, o = (str(t) for t in triple)
    return (p == _RDF + "type" and o in _EVERYTHING) or (p in _REFLEXIVE and s == o)


def materialize(kg: "KnowledgeGraph", batch: int = DEFAULT_BATCH, graph: str = INFERRED_GRAPH,
                trivial: bool = False) -> int:
    """Add the OWL 2 RL entailments that no graph asserts to one named graph (replacing what it
    held), without the trivial ones (`is_trivial`) unless `trivial`; the number of triples added."""
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
        if not trivial and is_trivial((s, p, o)):
            continue
        triple = (term(s), term(p), term(o))
        if triple not in asserted and not isinstance(triple[0], ox.Literal):
            new.append(ox.Quad(*triple, target))
    kg.store.extend(new)
    return len(new)


def inferred_document(kg: "KnowledgeGraph", fmt: str = "nt", batch: int = DEFAULT_BATCH,
                      trivial: bool = False) -> tuple[int, bytes]:
    """(number of triples, the graph in `fmt`) of the entailments `materialize` adds, with blank
    nodes labelled canonically and the statements sorted: the same bytes on every run."""
    import pyoxigraph as ox

    from ..namespaces import PREFIXES
    from ..rdf.files import serialize_quads
    from ..rdf.formats import format_named

    added = materialize(kg, batch=batch, trivial=trivial)
    if not added:
        return 0, b""
    target = ox.NamedNode(INFERRED_GRAPH)
    quads = list(kg.store.quads_for_pattern(None, None, None, target))
    labels = canonical_labels(kg.store, {t for q in quads for t in (q.subject, q.object)
                                         if isinstance(t, ox.BlankNode)})

    def relabel(t):
        return labels.get(t, t) if isinstance(t, ox.BlankNode) else t

    renamed = {ox.Quad(relabel(q.subject), q.predicate, relabel(q.object), target) for q in quads}
    ordered = sorted(renamed, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    return len(ordered), serialize_quads(ordered, format_named(fmt), PREFIXES)


def canonical_labels(store: "pyoxigraph.Store", nodes: Iterable) -> dict:
    """Blank node -> a blank node labelled from what it is, the same in every run.

    The label is a hash of the node's own description (its outgoing triples in every graph, a
    blank object by its own description, recursively) and of where it hangs (the smallest of the
    triples that point to it, their blank subjects by where they hang, recursively). That tells
    apart the tree-shaped blank nodes of the data (evidence targets and their selectors, hanging
    from their evidence node) and the ontology's restrictions and lists. Two blank nodes with the
    same description hanging from the same triple get one label: nothing tells them apart."""
    import hashlib

    import pyoxigraph as ox

    inferred = ox.NamedNode(INFERRED_GRAPH)
    below: dict = {}
    above: dict = {}

    def describe(node, seen: frozenset) -> str:
        if not isinstance(node, ox.BlankNode):
            return str(node)
        if node in seen:
            return "_:cycle"
        if node not in below:
            inner = seen | {node}
            lines = sorted(f"{q.predicate} {describe(q.object, inner)}"
                           for q in store.quads_for_pattern(node, None, None, None)
                           if q.graph_name != inferred)
            below[node] = "[" + " ; ".join(lines) + "]"
        return below[node]

    def anchor(node, seen: frozenset) -> str:
        if not isinstance(node, ox.BlankNode):
            return str(node)
        if node in seen:
            return "_:cycle"
        if node not in above:
            inner = seen | {node}
            parents = sorted(f"{anchor(q.subject, inner)} {q.predicate}"
                             for q in store.quads_for_pattern(None, None, node, None)
                             if q.graph_name != inferred)
            above[node] = parents[0] if parents else ""
        return above[node]

    out = {}
    for node in nodes:
        text = anchor(node, frozenset()) + "\n" + describe(node, frozenset())
        out[node] = ox.BlankNode("c" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32])
    return out


def _chain_triples(store: "pyoxigraph.Store", chains: list[tuple], through: dict) -> dict:
    """The chain triples inside each named graph (graph IRI -> triples), one SPARQL pattern per
    chain, passing only through the nodes `through` allows."""
    import pyoxigraph as ox

    out: dict = {}
    for prop, members in chains:
        steps = [f"(<{m}>|^<{inv}>)" if inv is not None else f"<{m}>" for m, inv in members]
        pattern = " . ".join(f"?n{i} {step} ?n{i + 1}" for i, step in enumerate(steps))
        inner = " ".join(f"?n{i}" for i in range(1, len(steps)))
        allowed = through.get(prop, frozenset())
        predicate = ox.NamedNode(str(prop))
        for row in store.query(f"SELECT DISTINCT ?g ?n0 {inner} ?n{len(steps)} "
                               f"WHERE {{ GRAPH ?g {{ {pattern} }} }}"):
            if all(to_rdflib(row[f"n{i}"]) in allowed for i in range(1, len(steps))):
                out.setdefault(row["g"].value, []).append(
                    ox.Triple(row["n0"], predicate, row[f"n{len(steps)}"]))
    return out
