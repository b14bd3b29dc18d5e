"""Validating a new case against a store of validated cases without re-validating the store.

The SHACL run sees the new graphs with the store's non-case graphs (ontology, shared records);
the two rules that reach across cases are checked against the store directly:
node-in-one-case (a node of the new case already in another case) and link-within-case
(a link of the new case into another case).
"""

from __future__ import annotations

import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .namespaces import IORKG

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from .store import KnowledgeGraph
    from .validation import ValidationResult
    from .validation_data import ValidationData

IN_CASE = IORKG + "inCase"
PHASE_LINKS = {IORKG + "inCase", IORKG + "during", IORKG + "showsDuring", IORKG + "runsThrough"}
_BACKGROUND: dict[tuple[int, int], tuple[weakref.ref, "ValidationData"]] = {}


def validate_addition(base_kg: "KnowledgeGraph", new, *, engine: str = "turbo",
                      shapes: Sequence[str | Path] | None = None,
                      groups: tuple[str, ...] = ("structure", "consistency"),
                      input_format: str | None = None) -> "ValidationResult":
    """See `iorkg.validation.validate_addition`."""
    from .validation import LINK_WITHIN_CASE, NODE_IN_ONE_CASE, _check, load_shapes
    from .validation_data import ValidationData

    started = time.perf_counter()
    shapes_graph, rules = load_shapes(groups, shapes)
    new_quads = _new_quads(new, input_format, shapes_graph)
    background = _background(base_kg, shapes_graph)
    data = ValidationData(background.quads + new_quads, background.lossless, list(background.notes))
    extra = []
    if NODE_IN_ONE_CASE in rules or LINK_WITHIN_CASE in rules:
        extra = cross_case_items(base_kg, new_quads, NODE_IN_ONE_CASE in rules, LINK_WITHIN_CASE in rules)
    return _check(data, engine, groups, shapes, started, extra)


def _new_quads(new, input_format: str | None, shapes_graph) -> list["pyoxigraph.Quad"]:
    from .rdfio import format_named
    from .store import KnowledgeGraph
    from .rdfio import parse_quads
    from .validation_data import from_knowledge_graph

    if isinstance(new, KnowledgeGraph):
        return from_knowledge_graph(new, shapes_graph).quads
    if isinstance(new, (str, Path)):
        new = [new]
    items = list(new)
    if items and all(isinstance(i, (str, Path)) for i in items):
        fmt = format_named(input_format) if input_format else None
        return [q for path in items for q in parse_quads(path, fmt)]
    return items


def case_graphs(kg: "KnowledgeGraph") -> set[str]:
    """Named graphs of a store that hold case nodes or a case."""
    rows = kg.store.query(f"""
        SELECT DISTINCT ?g WHERE {{
          {{ GRAPH ?g {{ ?s <{IN_CASE}> ?c }} }} UNION {{ GRAPH ?g {{ ?c a <{IORKG}Case> }} }}
        }}""")
    return {row["g"].value for row in rows}


def _background(kg: "KnowledgeGraph", shapes_graph) -> "ValidationData":
    """The store's non-case graphs as validation data (kept while the store does not change)."""
    from .validation_data import from_knowledge_graph

    key = (id(kg), len(kg.store))
    cached = _BACKGROUND.get(key)
    if cached is not None and cached[0]() is kg:
        return cached[1]
    cases = case_graphs(kg)
    graphs = [g for g in kg.graphs() if g not in cases]
    data = from_knowledge_graph(kg, shapes_graph, graphs)
    if len(_BACKGROUND) > 8:
        _BACKGROUND.clear()
    _BACKGROUND[key] = (weakref.ref(kg), data)
    return data


def cross_case_items(kg: "KnowledgeGraph", quads: Iterable["pyoxigraph.Quad"], nodes: bool = True,
                     links: bool = True) -> list[tuple[object, str, str, object, str]]:
    """Results of node-in-one-case and link-within-case for new quads against the store."""
    import pyoxigraph as ox

    from .validation import LINK_WITHIN_CASE, NODE_IN_ONE_CASE

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
