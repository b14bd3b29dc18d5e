"""Writing the ontology, one case, or everything in a chosen RDF format."""

from __future__ import annotations

from pathlib import Path

from ..rdf.files import atomic_write
from ..rdf.formats import format_named
from ..store import KnowledgeGraph


def export(kg: KnowledgeGraph, graph: str = "all", fmt: str = "ttl") -> bytes:
    """The serialisation of one graph (short name or IRI) or of all graphs (`all`).

    Triple formats (ttl, nt, xml) merge the chosen graphs; quad formats keep them apart.
    """
    from ..catalog import graph_named

    iri = None if graph == "all" else _graph_iri(kg, graph, graph_named)
    return kg.serialize(format_named(fmt), iri)


def _graph_iri(kg: KnowledgeGraph, graph: str, graph_named) -> str:
    if graph in kg.graphs():
        return graph
    return graph_named(graph).iri


def export_to_file(kg: KnowledgeGraph, output: str | Path, graph: str = "all", fmt: str = "ttl") -> Path:
    """Export to a file, written whole or not at all."""
    return atomic_write(output, export(kg, graph, fmt))
