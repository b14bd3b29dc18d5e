"""The data a validation run sees: every graph of the input as one union, with literals as written.

A pyoxigraph `Store` keeps typed literals in canonical form: `"5"^^xsd:nonNegativeInteger` comes
back as `"5"^^xsd:integer` and `"1"^^xsd:boolean` as `"true"`. Datatype rules must see the
literals as the files wrote them, so validation reads files itself (`from_paths`), re-reads the
files a `KnowledgeGraph` was loaded from (`from_knowledge_graph`), and only where the store holds
more than its files does it fall back to the store's quads, giving integer values back the
derived integer type their shape expects when they fit it (`restore_integer_types`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..namespaces import XSD
from ..rdf.files import parse_quads
from ..rdf.formats import format_named

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..store import KnowledgeGraph


# Derived integer types and the bounds of their value space (None: unbounded).
INTEGER_TYPES: dict[str, tuple[int | None, int | None]] = {
    XSD + "nonNegativeInteger": (0, None), XSD + "positiveInteger": (1, None),
    XSD + "nonPositiveInteger": (None, 0), XSD + "negativeInteger": (None, -1),
    XSD + "long": (-2**63, 2**63 - 1), XSD + "int": (-2**31, 2**31 - 1),
    XSD + "short": (-2**15, 2**15 - 1), XSD + "byte": (-128, 127),
    XSD + "unsignedLong": (0, 2**64 - 1), XSD + "unsignedInt": (0, 2**32 - 1),
    XSD + "unsignedShort": (0, 2**16 - 1), XSD + "unsignedByte": (0, 255),
}


@dataclass
class ValidationData:
    """The quads of one validation run, whether they are as written, and where they came from."""

    quads: list["pyoxigraph.Quad"]
    lossless: bool = True
    notes: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def nquads(self) -> str:
        """All quads as N-Quads text (a SHACL engine that reads it sees the union of the graphs)."""
        import pyoxigraph as ox

        return ox.serialize(self.quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")

    def triples_ntriples(self) -> str:
        """The union of all graphs as N-Triples text (duplicates across graphs kept once)."""
        import pyoxigraph as ox

        seen = {ox.Triple(q.subject, q.predicate, q.object) for q in self.quads}
        return ox.serialize(seen, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    def neighbourhood_store(self, nodes: Iterable, depth: int = 4) -> "pyoxigraph.Store":
        """A small store with what is said about `nodes` and who points at them, followed up
        from blank nodes to the named nodes above them (for labels, not for datatypes)."""
        import pyoxigraph as ox

        store = ox.Store()
        wanted = set(nodes)
        done: set = set()
        for _ in range(depth + 1):
            wanted -= done
            if not wanted:
                break
            found = [q for q in self.quads if q.subject in wanted or q.object in wanted]
            store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in found)
            done |= wanted
            wanted = {q.subject for q in found if q.object in wanted and q.subject not in done}
        return store


def from_paths(paths: Sequence[str | Path], input_format: str | None = None,
               background: Iterable[tuple[Path, str]] = ()) -> ValidationData:
    """The background graphs (file, graph IRI) and the user's files, as written."""
    quads: list = []
    files: list[Path] = []
    for path, iri in background:
        quads.extend(parse_quads(path, graph=iri))
        files.append(Path(path))
    fmt = format_named(input_format) if input_format else None
    for path in paths:
        quads.extend(parse_quads(path, fmt))
        files.append(Path(path))
    return ValidationData(quads, files=files)


def from_quads(quads: Iterable["pyoxigraph.Quad"], paths: Sequence[str | Path] = (),
               input_format: str | None = None,
               background: Iterable[tuple[Path, str]] | None = None) -> ValidationData:
    """Quads made in memory (literals as made), with files beside them, over the background
    graphs (default: the shipped ontology and shared graphs); no file is written or re-read."""
    if background is None:
        from ..catalog import shipped_files

        background = shipped_files(["ontology", "shared"])
    data = from_paths(paths, input_format, background)
    data.quads.extend(quads)
    return data


def from_knowledge_graph(kg: "KnowledgeGraph", shapes_graph=None,
                         graphs: Sequence[str] | None = None) -> ValidationData:
    """The graphs of a KnowledgeGraph (all, or those named), re-read from its files where it can.

    When the files it was loaded from no longer account for what the store holds, the store's
    quads are used with their integer types restored from the shapes (see module docstring).
    """
    import pyoxigraph as ox

    wanted = set(graphs) if graphs is not None else None
    reread = _reread_sources(kg, wanted)
    files = [Path(p) for g, p in kg.sources.items() if wanted is None or g in wanted]
    if reread is not None:
        return ValidationData(reread, files=files)
    if wanted is None:
        quads = list(kg.store.quads_for_pattern(None, None, None, None))
    else:
        quads = [q for g in sorted(wanted)
                 for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
    restored = restore_integer_types(quads, expected_integer_types(shapes_graph))
    note = ("validated the store's quads, not files: a pyoxigraph Store keeps numbers in canonical "
            "form, so an xsd:integer that fits the derived integer type a shape expects was accepted")
    return ValidationData(restored, lossless=False, notes=[note], files=files)


def _reread_sources(kg: "KnowledgeGraph", wanted: set[str] | None) -> list | None:
    """The quads of the files behind `kg`, if they hold exactly what its store holds."""
    import pyoxigraph as ox

    sources = {g: p for g, p in kg.sources.items() if wanted is None or g in wanted}
    if not sources or not all(Path(p).is_file() for p in sources.values()):
        return None
    quads: list = []
    for graph, path in sources.items():
        file_quads = parse_quads(path, graph=graph)
        if wanted is not None:
            file_quads = [q for q in file_quads if q.graph_name.value in wanted]
        quads.extend(file_quads)
    if wanted is None:
        expected = len(kg.store)
    else:
        expected = sum(1 for g in wanted
                       for _ in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
    distinct = {(q.subject, q.predicate, q.object, q.graph_name) for q in quads}
    return quads if len(distinct) == expected else None


def expected_integer_types(shapes_graph) -> dict[str, str]:
    """Predicate IRI -> the derived integer datatype a shape requires of its values."""
    if shapes_graph is None:
        return {}
    from rdflib import URIRef
    from rdflib.namespace import SH

    expected: dict[str, str] = {}
    for shape, datatype in shapes_graph.subject_objects(SH.datatype):
        path = shapes_graph.value(shape, SH.path)
        if isinstance(path, URIRef) and str(datatype) in INTEGER_TYPES:
            expected[str(path)] = str(datatype)
    return expected


def restore_integer_types(quads: list, expected: dict[str, str]) -> list:
    """Quads where canonical xsd:integer values get back the derived type expected of them."""
    import pyoxigraph as ox

    if not expected:
        return quads
    integer = XSD + "integer"
    out = []
    for q in quads:
        obj = q.object
        wanted = expected.get(q.predicate.value)
        if wanted and isinstance(obj, ox.Literal) and obj.datatype.value == integer:
            low, high = INTEGER_TYPES[wanted]
            try:
                number = int(obj.value)
            except ValueError:
                number = None
            if number is not None and (low is None or number >= low) and (high is None or number <= high):
                q = ox.Quad(q.subject, q.predicate, ox.Literal(obj.value, datatype=ox.NamedNode(wanted)),
                            q.graph_name)
        out.append(q)
    return out
