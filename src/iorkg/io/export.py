"""Writing the ontology, one case, or everything in a chosen RDF format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..rdf.files import atomic_write
from ..rdf.formats import format_named
from ..store import KnowledgeGraph

if TYPE_CHECKING:  # pragma: no cover
    from .redact import RedactionReport


def export(kg: KnowledgeGraph, graph: str = "all", fmt: str = "ttl", include_restricted: bool = False) -> bytes:
    """The serialisation of one graph (short name or IRI) or of all graphs (`all`).

    Triple formats (ttl, nt, xml) merge the chosen graphs; quad formats keep them apart. The
    quotes of restricted sources are withheld unless `include_restricted` (see iorkg.io.redact).
    """
    return export_with_report(kg, graph, fmt, include_restricted)[0]


def export_with_report(kg: KnowledgeGraph, graph: str = "all", fmt: str = "ttl",
                       include_restricted: bool = False) -> tuple[bytes, "RedactionReport"]:
    """The export and the report of what it withheld from restricted sources."""
    from ..catalog import graph_named
    from .redact import public_view

    iri = None if graph == "all" else _graph_iri(kg, graph, graph_named)
    view, report = public_view(kg, include_restricted)
    return view.serialize(format_named(fmt), iri), report


def _graph_iri(kg: KnowledgeGraph, graph: str, graph_named) -> str:
    if graph in kg.graphs():
        return graph
    return graph_named(graph).iri


def export_to_file(kg: KnowledgeGraph, output: str | Path, graph: str = "all", fmt: str = "ttl",
                   include_restricted: bool = False) -> Path:
    """Export to a file, written whole or not at all."""
    return atomic_write(output, export(kg, graph, fmt, include_restricted))


def export_workbook_file(paths: list[str | Path], graph: str, output: str | Path | None,
                         offsets: bool = False) -> str:
    """One case as a case workbook (.xlsx, or a folder of CSV files); a one-line summary.
    `offsets` keeps every evidence row's offsets, prefix and suffix."""
    from ..errors import InputError
    from .wbexport import export_case

    if graph == "all" or not output:
        raise InputError(None, "--format workbook writes one case: give --graph CASE and --output OUT.xlsx")
    return export_case(paths, graph, output, offsets=offsets).summary() + f"; wrote {output}"
