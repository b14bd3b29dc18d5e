"""The shipped SHACL shapes: their groups (structure, consistency, crosscase, evidence), files and rules, read once and
cached. The ontology's own hygiene is linted by `ontology_lint`, not by shapes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..errors import InputError
from ..namespaces import SHAPES
from .findings import Rule, rules_of

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

GROUPS = ("structure", "consistency", "crosscase", "evidence")
DEFAULT_GROUPS = GROUPS
ONE_CASE_PER_GRAPH = SHAPES + "one-case-per-graph"
NODE_IN_ONE_CASE = SHAPES + "node-in-one-case"
LINK_WITHIN_CASE = SHAPES + "link-within-case"
OWL_CONSISTENCY = SHAPES + "owl-consistency"
UNKNOWN_TERM = SHAPES + "unknown-term"


def shape_files(groups: Iterable[str] = DEFAULT_GROUPS) -> list[Path]:
    """The shipped shape files of the given groups (structure, consistency, hygiene)."""
    from ..resources import resource_dir

    chosen = []
    for group in groups:
        if group not in GROUPS:
            raise InputError(None, f"unknown shape group {group!r}; expected one of {', '.join(GROUPS)}")
        chosen.append(resource_dir("shapes") / f"{group}.ttl")
    return chosen


@lru_cache(maxsize=8)
def _shapes(key: tuple[tuple[str, str, float], ...]) -> tuple["rdflib.Graph", dict[str, Rule]]:
    import rdflib

    graph = rdflib.Graph()
    groups: dict[str, str] = {}
    for path, group, _ in key:
        part = rdflib.Graph()
        try:
            part.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several kinds of syntax errors
            raise InputError(path, f"cannot read the shapes: {exc}") from None
        groups.update({str(s): group for s in set(part.subjects())})
        graph += part
    return graph, rules_of(graph, groups)


def load_shapes(groups: Iterable[str] = DEFAULT_GROUPS,
                shapes: Sequence[str | Path] | None = None) -> tuple["rdflib.Graph", dict[str, Rule]]:
    """The shapes graph of the groups (or of the given files) and its rules by shape IRI."""
    files = [(Path(p), "custom") for p in shapes] if shapes else \
        [(p, p.stem) for p in shape_files(groups)]
    for path, _ in files:
        if not path.is_file():
            raise InputError(path, "no such shapes file")
    return _shapes(tuple((str(p), g, p.stat().st_mtime) for p, g in files))
