"""iorkg: an ontology-backed knowledge graph of interorganizational relationships in occupational health.

`iorkg.open()` gives the shipped case (or the files named) as a `KnowledgeGraph` to query.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .store import KnowledgeGraph

__all__ = ["__version__", "open"]


def open(*paths: str | Path, shipped: bool | None = None, input_format: str | None = None,
         examples: bool = False) -> "KnowledgeGraph":  # noqa: A001 - the public name
    """The shipped graphs, or the given files beside the ontology and the shared records.

    The shipped fictional example cases are left out unless `examples` is True; then every
    query row says in a column `fictional` whether it comes from one. `shipped=True` adds every
    shipped real case to the files; `shipped=False` loads the files alone.
    """
    from .store import KnowledgeGraph

    kg = KnowledgeGraph()
    if shipped or (shipped is None and not paths):
        kg.add_shipped(examples=examples)
    else:
        if shipped is None:
            kg.add_shipped(["ontology", "shared"])
        if examples:
            kg.add_examples()
    kg.load_all(paths, input_format=input_format)
    return kg
