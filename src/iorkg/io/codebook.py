"""iorkg's concepts as a REFI-QDA codebook (.qdc): code the next interview with the ontology's terms.

`write_codebook(source)` writes the logic classes (a class nested in the class it specialises)
and the concept schemes (tension types, roles, levels, stage types by default; a scheme is a
folder code that cannot itself be coded, its concepts nested by `skos:broader`), and the study
codes of any case codebooks in the graph, as a `CodeBook` of the codebook schema of the REFI-QDA
standard (section 5.2). Each code's GUID is derived from its IRI (`iorkg.io.qdpx.guid_for`, a
version-5 UUID), so the same concept gets the same GUID in every export; a study code imported
from a project keeps the project's GUID (its `skos:notation`). Descriptions come from
`skos:definition` (else `rdfs:comment`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import InputError
from ..namespaces import IORKG, IORKGC

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from ..store import KnowledgeGraph

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
LOGIC_ROOT = IORKG + "InstitutionalLogic"
DEFAULT_SCHEMES = (
    IORKGC + "tension-type-scheme",
    IORKGC + "role-scheme",
    IORKGC + "level-scheme",
    IORKGC + "stage-type-scheme",
)
"""The concept schemes exported by default (besides the logic classes and case codebooks)."""


@dataclass
class CodeNode:
    """A code of the exported codebook: the IRI it stands for, its GUID and its nested codes."""

    iri: str
    guid: str
    name: str
    description: str | None
    codable: bool
    children: list["CodeNode"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _graph_of(source: "KnowledgeGraph | rdflib.Graph | str | Path | None") -> "rdflib.Graph":
    import rdflib

    from ..resources import ontology_path
    from ..store import KnowledgeGraph

    if source is None:
        source = ontology_path()
    if isinstance(source, rdflib.Graph):
        return source
    graph = rdflib.Graph()
    if isinstance(source, KnowledgeGraph):  # the union of its graphs
        dataset = rdflib.Dataset()
        dataset.parse(data=source.serialize("nq"), format="nquads")
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    path = Path(source)
    if not path.is_file():
        raise InputError(path, "no such file")
    try:
        graph.parse(path, format=rdflib.util.guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib raises several kinds of syntax errors
        raise InputError(path, f"cannot read the RDF: {exc}") from None
    return graph


def _text(graph: "rdflib.Graph", node, *predicates) -> str | None:
    """The English (or untagged) value of the first predicate that has one."""
    for predicate in predicates:
        values = list(graph.objects(node, predicate))
        if not values:
            continue
        for value in values:
            if getattr(value, "language", None) == "en":
                return str(value)
        untagged = [v for v in values if getattr(v, "language", None) is None]
        return str((untagged or values)[0])
    return None


def _guid(iri: str, notation: str | None = None) -> str:
    import re

    from .qdpx import guid_for

    if notation and re.fullmatch(r"\{?[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}?", notation):
        return notation.strip("{}").lower()
    return guid_for(iri)


def _sorted(nodes: list[CodeNode]) -> list[CodeNode]:
    return sorted(nodes, key=lambda n: (n.name.casefold(), n.iri))


def codebook_tree(source: "KnowledgeGraph | rdflib.Graph | str | Path | None" = None,
                  schemes: Sequence[str] = DEFAULT_SCHEMES,
                  case_codes: bool = True) -> list[CodeNode]:
    """The top-level codes of the export: the logic classes, the schemes, the case codebooks."""
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    graph = _graph_of(source)
    label = lambda n: _text(graph, n, SKOS.prefLabel, RDFS.label) or str(n).rsplit("#", 1)[-1].rsplit("/", 1)[-1]  # noqa: E731
    describe = lambda n: _text(graph, n, SKOS.definition, RDFS.comment)  # noqa: E731
    top: list[CodeNode] = []

    def classes(iri) -> CodeNode:
        children = [classes(c) for c in set(graph.subjects(RDFS.subClassOf, iri))
                    if isinstance(c, URIRef) and (c, RDF.type, OWL.Class) in graph]
        return CodeNode(str(iri), _guid(str(iri)), label(iri), describe(iri), True, _sorted(children))

    root = URIRef(LOGIC_ROOT)
    if (root, RDF.type, OWL.Class) in graph:
        top.append(classes(root))
    for scheme_iri in schemes:
        scheme = URIRef(scheme_iri)
        if (scheme, RDF.type, SKOS.ConceptScheme) not in graph:
            raise InputError(None, f"the graph has no concept scheme {scheme_iri}")
        top.append(_scheme(graph, scheme, label, describe, codable_scheme=False))
    if case_codes:
        for book in sorted(graph.subjects(RDF.type, URIRef(IORKG + "Codebook")), key=str):
            top.append(_scheme(graph, book, label, describe, codable_scheme=False))
    return top


def _scheme(graph, scheme, label, describe, codable_scheme: bool) -> CodeNode:
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    members = set(graph.subjects(SKOS.inScheme, scheme)) | set(graph.objects(scheme, SKOS.hasTopConcept))
    members = {m for m in members if isinstance(m, URIRef)}
    nodes = {m: CodeNode(str(m), _guid(str(m), _text(graph, m, SKOS.notation)), label(m),
                         describe(m) or _mapping_note(graph, m), True) for m in members}
    roots = []
    for member, node in nodes.items():
        parents = [p for p in graph.objects(member, SKOS.broader) if p in nodes and p != member]
        (nodes[parents[0]].children if parents else roots).append(node)
    for node in nodes.values():
        node.children = _sorted(node.children)
    return CodeNode(str(scheme), _guid(str(scheme)), label(scheme), describe(scheme), codable_scheme,
                    _sorted(roots))


def _mapping_note(graph, code) -> str | None:
    from rdflib.namespace import SKOS

    from ..namespaces import PREFIXES

    for kind in ("exact", "close", "broad", "narrow"):
        target = graph.value(code, SKOS[kind + "Match"])
        if target is not None:
            iri = str(target)
            curie = next((f"{p}:{iri[len(ns):]}" for p, ns in PREFIXES.items() if iri.startswith(ns)), iri)
            return f"Study code; {kind} match of {curie}."
    return None


def codebook_xml(codes: Sequence[CodeNode], origin: str | None = None) -> bytes:
    """The codebook as REFI-QDA XML (UTF-8, no byte-order mark)."""
    import xml.etree.ElementTree as ET

    from .. import __version__

    ET.register_namespace("", CODEBOOK_NS)
    q = lambda name: f"{{{CODEBOOK_NS}}}{name}"  # noqa: E731
    root = ET.Element(q("CodeBook"), {"origin": origin or f"iorkg {__version__}"})
    codes_element = ET.SubElement(root, q("Codes"))

    def add(parent, node: CodeNode) -> None:
        element = ET.SubElement(parent, q("Code"), {"guid": node.guid, "name": node.name,
                                                    "isCodable": "true" if node.codable else "false"})
        if node.description:
            ET.SubElement(element, q("Description")).text = node.description
        for child in node.children:
            add(element, child)

    for node in codes:
        add(codes_element, node)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                      xml_declaration=False) + b"\n"


def write_codebook(source: "KnowledgeGraph | rdflib.Graph | str | Path | None" = None,
                   output: str | Path | None = None, *, schemes: Sequence[str] = DEFAULT_SCHEMES,
                   case_codes: bool = True, origin: str | None = None) -> bytes:
    """The ontology's concepts (and any case codebooks) as a REFI-QDA codebook (.qdc).

    `source`: None for the shipped ontology, an RDF file, an rdflib Graph or a KnowledgeGraph.
    With `output` the file is written atomically. Returns the XML bytes.
    """
    data = codebook_xml(codebook_tree(source, schemes, case_codes), origin)
    if output is not None:
        from ..rdf.files import atomic_write

        atomic_write(output, data)
    return data
