"""The dataset rules checked beside SHACL: `one-case-per-graph` needs the named graphs that the
union hides; `node-in-one-case` / `link-within-case` for a new case are checked against a
store of validated cases rather than by validating the store again; `unknown-term` looks at every
triple, which one pass over the quads does far faster than a SPARQL target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..namespaces import IORKG, IORKGC, RDF, RDFS
from .shapes import LINK_WITHIN_CASE, NODE_IN_ONE_CASE

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..store import KnowledgeGraph

CASE = IORKG + "Case"
IN_CASE = IORKG + "inCase"
TYPE = RDF + "type"
ONTOLOGY = "https://w3id.org/iorkg/ontology"
TERM_NAMESPACES = (IORKG, IORKGC)
PHASE_LINKS = {IORKG + "inCase", IORKG + "during", IORKG + "showsDuring", IORKG + "runsThrough"}


@dataclass(frozen=True)
class GraphProblem:
    """A breach of `one-case-per-graph`: the node, the graph and what is wrong."""

    focus: "pyoxigraph.NamedNode | pyoxigraph.BlankNode"
    graph: str
    message: str
    value: object = None


def case_graph_problems(quads: Iterable["pyoxigraph.Quad"]) -> list[GraphProblem]:
    """Named graphs that hold case nodes but not exactly one iorkg:Case, or nodes of another case.

    Graphs named after a file (triples of Turtle, N-Triples or RDF/XML files) and the default
    graph are not case graphs: cases merged there are told apart by iorkg:inCase alone.
    """
    import pyoxigraph as ox

    type_node, case_node, in_case = ox.NamedNode(TYPE), ox.NamedNode(CASE), ox.NamedNode(IN_CASE)
    cases: dict[str, set] = {}
    members: dict[str, list[tuple[object, object]]] = {}
    for q in quads:
        predicate = q.predicate
        if predicate == in_case:
            key = members
        elif predicate == type_node and q.object == case_node:
            key = cases
        else:
            continue
        graph = q.graph_name
        if isinstance(graph, ox.DefaultGraph) or graph.value.startswith("file:"):
            continue
        if key is cases:
            cases.setdefault(graph.value, set()).add(q.subject)
        else:
            members.setdefault(graph.value, []).append((q.subject, q.object))
    problems: list[GraphProblem] = []
    for graph in sorted(set(cases) | set(members)):
        held = cases.get(graph, set())
        if len(held) > 1:
            names = ", ".join(sorted(str(c) for c in held))
            problems.extend(GraphProblem(c, graph, f"The graph <{graph}> holds {len(held)} cases "
                                                   f"({names}); a case graph holds exactly one.")
                            for c in sorted(held, key=str))
        elif not held:
            first = sorted(members[graph], key=lambda m: str(m[0]))[0][0]
            problems.append(GraphProblem(first, graph, f"The graph <{graph}> holds case nodes but no "
                                                       "iorkg:Case node."))
        else:
            (case,) = held
            for node, other in sorted(set(members.get(graph, [])), key=lambda m: (str(m[0]), str(m[1]))):
                if other != case:
                    problems.append(GraphProblem(node, graph, f"This node lies in the graph of case "
                                                              f"{case} but is in case {other}.", other))
    return problems


def cross_case_items(kg: "KnowledgeGraph", quads: Iterable["pyoxigraph.Quad"], nodes: bool = True,
                     links: bool = True) -> list[tuple[object, str, str, object, str]]:
    """Results of node-in-one-case and link-within-case for new quads against the store."""
    import pyoxigraph as ox

    quads = list(quads)
    in_case = ox.NamedNode(IN_CASE)
    new_case: dict = {}
    for q in quads:
        if q.predicate == in_case:
            new_case.setdefault(q.subject, set()).add(q.object)
        elif q.predicate.value.endswith("-syntax-ns#type") and q.object == ox.NamedNode(IORKG + "Case"):
            new_case.setdefault(q.subject, set()).add(q.subject)

    def base_cases(node) -> set:
        return {q.object for q in kg.store.quads_for_pattern(node, in_case, None, None)}

    items: list[tuple[object, str, str, object, str]] = []
    if nodes:
        for node, cases in sorted(new_case.items(), key=lambda i: str(i[0])):
            for other in sorted(base_cases(node) - cases, key=str):
                items.append((node, NODE_IN_ONE_CASE, f"This node belongs to more than one case: the "
                              f"store already has it in case {other.value}.", other,
                              "MaxCountConstraintComponent"))
    if links:
        seen = set()
        for q in quads:
            if (not q.predicate.value.startswith(IORKG) or q.predicate.value in PHASE_LINKS
                    or isinstance(q.object, ox.Literal) or q.object in new_case
                    or q.subject not in new_case):
                continue
            for other in base_cases(q.object) - new_case[q.subject]:
                key = (q.subject, q.predicate, q.object)
                if key not in seen:
                    seen.add(key)
                    items.append((q.subject, LINK_WITHIN_CASE,
                                  f"{q.predicate.value} links to {q.object.value}, which belongs to "
                                  f"another case ({other.value}).", q.object, "SPARQLConstraintComponent"))
    return items


def declared_terms(quads: Iterable["pyoxigraph.Quad"]) -> set:
    """The IRIs some graph gives rdfs:isDefinedBy <https://w3id.org/iorkg/ontology>."""
    import pyoxigraph as ox

    defined_by, ontology = ox.NamedNode(RDFS + "isDefinedBy"), ox.NamedNode(ONTOLOGY)
    return {q.subject for q in quads if q.predicate == defined_by and q.object == ontology}


def term_meant(term: str, declared: Iterable[str]) -> str | None:
    """The declared IRI of the same namespace closest in spelling to an unknown one (None when no
    term is close: a suggestion must be likely, not merely possible)."""
    import difflib

    namespace = next((ns for ns in TERM_NAMESPACES if term.startswith(ns)), None)
    if namespace is None:
        return None
    names = {iri[len(namespace):]: iri for iri in declared if iri.startswith(namespace)}
    close = difflib.get_close_matches(term[len(namespace):], list(names), n=1, cutoff=0.8)
    return names[close[0]] if close else None


def unknown_terms(quads: Iterable["pyoxigraph.Quad"], declared: set | None = None) -> list[tuple[object, object, object]]:
    """(node, predicate, term) for each iorkg: or iorkgc: IRI the ontology does not declare
    (`declared`: the declared IRIs, when already known).

    A term is declared when some graph gives it rdfs:isDefinedBy <https://w3id.org/iorkg/ontology>.
    The term is the predicate of a triple of the node, or an IRI object of one (a class, a
    concept, a property named as a value); each (node, predicate, term) once, as the rule's
    SPARQL form (SELECT DISTINCT $this ?path ?value) gave them.
    """
    import pyoxigraph as ox

    quads = list(quads)
    declared = declared_terms(quads) if declared is None else declared
    found: dict[tuple[object, object, object], None] = {}
    for q in quads:
        predicate, obj = q.predicate, q.object
        if predicate not in declared and predicate.value.startswith(TERM_NAMESPACES):
            found[(q.subject, predicate, predicate)] = None
        if isinstance(obj, ox.NamedNode) and obj not in declared and obj.value.startswith(TERM_NAMESPACES):
            found[(q.subject, predicate, obj)] = None
    return list(found)


def unknown_terms_meant(quads: Iterable["pyoxigraph.Quad"]) -> list[tuple[object, object, object, str | None]]:
    """The findings of `unknown_terms`, each with the declared IRI it most likely means (or None)."""
    quads = list(quads)
    declared = declared_terms(quads)
    found = unknown_terms(quads, declared)
    names = [iri.value for iri in declared] if found else []
    return [(node, predicate, term, term_meant(term.value, names)) for node, predicate, term in found]
