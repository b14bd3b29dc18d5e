"""Validating a new case against a store of validated cases without re-validating the store.

The SHACL run sees the new graphs with the store's non-case graphs (ontology, shared records);
the two rules that reach across cases are checked against the store directly:
node-in-one-case (a node of the new case already in another case) and link-within-case
(a link of the new case into another case).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .checking import ValidationResult, run_checks
from .data import ValidationData, from_knowledge_graph
from .dataset_rules import cross_case_items
from .shapes import DEFAULT_GROUPS, LINK_WITHIN_CASE, NODE_IN_ONE_CASE, load_shapes

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..store import KnowledgeGraph


def validate_addition(base_kg: "KnowledgeGraph", new, *, engine: str = "turbo",
                      shapes: Sequence[str | Path] | None = None,
                      groups: Sequence[str] = DEFAULT_GROUPS,
                      input_format: str | None = None, sources: Sequence[str | Path] = (),
                      require_sources: bool = False) -> ValidationResult:
    """Validate only new case graph(s) before adding them to `base_kg`.

    `new` is files, quads or a KnowledgeGraph. The new graphs are validated with the base's
    non-case graphs (ontology, shared records) plus the cross-case rules against the base: no
    node of the new case is already in another case (node-in-one-case), and no link of the new
    case points into another case (link-within-case). For a base that is itself valid, the
    verdict equals that of validating base and addition together.
    """
    started = time.perf_counter()
    groups = tuple(groups)
    shapes_graph, rules = load_shapes(groups, shapes)
    new_quads = _new_quads(new, input_format, shapes_graph)
    background = base_kg.derived("validation-background",
                                 lambda: from_knowledge_graph(base_kg, shapes_graph,
                                                              base_kg.background_graphs()))
    new_files = [Path(p) for p in ([new] if isinstance(new, (str, Path)) else
                                   new if isinstance(new, (list, tuple)) else []) if isinstance(p, (str, Path))]
    data = ValidationData(background.quads + new_quads, background.lossless, list(background.notes),
                          background.files + new_files)
    extra = []
    if NODE_IN_ONE_CASE in rules or LINK_WITHIN_CASE in rules:
        extra = cross_case_items(base_kg, new_quads, NODE_IN_ONE_CASE in rules, LINK_WITHIN_CASE in rules)
    return run_checks(data, engine, groups, shapes, started, extra, sources, require_sources)


def _new_quads(new, input_format: str | None, shapes_graph) -> list["pyoxigraph.Quad"]:
    from ..rdf.files import parse_quads
    from ..rdf.formats import format_named
    from ..store import KnowledgeGraph

    if isinstance(new, KnowledgeGraph):
        return from_knowledge_graph(new, shapes_graph).quads
    if isinstance(new, (str, Path)):
        new = [new]
    items = list(new)
    if items and all(isinstance(i, (str, Path)) for i in items):
        fmt = format_named(input_format) if input_format else None
        return [q for path in items for q in parse_quads(path, fmt)]
    return items
