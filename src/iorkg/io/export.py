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


def export_qda(kg: KnowledgeGraph, graph: str, fmt: str, output: str | Path | None,
               include_sources: bool = False) -> bytes:
    """A REFI-QDA file: `qdc`, the ontology's concept schemes (with `--graph CASE`, also the codes
    that case uses) as a codebook; `qdpx`, one case's coded selections as a project (its source
    texts only with `include_sources`, never restricted ones). Written atomically to `output`."""
    import rdflib

    from ..catalog import graph_named
    from ..errors import InputError

    if fmt == "qdc":
        from .codebook import write_codebook

        if graph in ("ontology", "all"):
            return write_codebook(None, output)
        source = rdflib.Graph()
        source.parse(data=kg.serialize("nt", _graph_iri(kg, "ontology", graph_named)), format="nt")
        source.parse(data=kg.serialize("nt", _graph_iri(kg, graph, graph_named)), format="nt")
        return write_codebook(source, output)
    if fmt == "qdpx":
        from .qdpx import write_project

        if graph in ("ontology", "shared", "all"):
            raise InputError(None, "--format qdpx writes one case: give --graph CASE")
        case = rdflib.Graph()
        case.parse(data=kg.serialize("nt", _graph_iri(kg, graph, graph_named)), format="nt")
        shared = kg.serialize("nt", _graph_iri(kg, "shared", graph_named)) if "shared" != graph else b""
        if shared:
            case.parse(data=shared, format="nt")
        texts: dict[str, str] = {}
        if include_sources:
            from ..namespaces import IORKG
            from ..validate.evidence import search_dirs, unsafe

            dirs = search_dirs(list(kg.sources.values()))
            for name in {str(o) for o in case.objects(None, rdflib.URIRef(IORKG + "sourceFile"))}:
                found = next((d / name for d in dirs if not unsafe(name) and (d / name).is_file()), None)
                if found is not None:
                    texts[name] = found.read_text(encoding="utf-8")
        return write_project(case, output=output, include_sources=include_sources, source_texts=texts)
    raise InputError(None, f"unknown REFI-QDA format {fmt!r}; expected qdc or qdpx")
