"""Writing the ontology, one case, or everything in a chosen RDF format."""

from __future__ import annotations

from pathlib import Path

from .rdfio import atomic_write, format_named
from .store import KnowledgeGraph


def export(kg: KnowledgeGraph, graph: str = "all", fmt: str = "ttl") -> bytes:
    """The serialisation of one graph (short name or IRI) or of all graphs (`all`).

    Triple formats (ttl, nt, xml) merge the chosen graphs; quad formats keep them apart.
    """
    from .catalog import graph_named

    iri = None if graph == "all" else _graph_iri(kg, graph, graph_named)
    return kg.serialize(format_named(fmt), iri)


def _graph_iri(kg: KnowledgeGraph, graph: str, graph_named) -> str:
    if graph in kg.graphs():
        return graph
    return graph_named(graph).iri


def export_to_file(kg: KnowledgeGraph, output: str | Path, graph: str = "all", fmt: str = "ttl") -> Path:
    """Export to a file, written whole or not at all."""
    return atomic_write(output, export(kg, graph, fmt))


def export_workbook_file(paths: list[str | Path], graph: str, output: str | Path | None) -> str:
    """One case as a case workbook (.xlsx, or a folder of CSV files); a one-line summary."""
    from .errors import InputError
    from .io.wbexport import export_case

    if graph == "all" or not output:
        raise InputError(None, "--format workbook writes one case: give --graph CASE and --output OUT.xlsx")
    return export_case(paths, graph, output).summary() + f"; wrote {output}"
