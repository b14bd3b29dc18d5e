"""The graphs that ship with iorkg: the ontology, the shared records and the cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .namespaces import DCAT, DCTERMS, GRAPH_BASE, IORKG, IORKGC, SD, VOID
from .resources import resource_root

CATALOG_FILE = "data/catalog.ttl"


@dataclass(frozen=True)
class GraphEntry:
    """One shipped named graph: its short name, IRI, file and role (ontology, shared or case)."""

    name: str
    iri: str
    path: Path
    role: str
    fictional: bool = False


def shipped_graphs() -> list[GraphEntry]:
    """Every graph the package ships, in load order (ontology, shared, then cases).

    The catalogue names each graph's file with a dcat:Distribution (dcat:downloadURL, relative to
    the catalogue) and its role with dcterms:type (an iorkgc:graph-role-scheme concept); whether a
    case is fictional is read from its case node (void:rootResource) in the case graph itself.
    """
    from urllib.parse import unquote, urlparse

    import pyoxigraph as ox

    root = resource_root()
    catalog = root / CATALOG_FILE
    if not catalog.is_file():
        raise InputError(catalog, "the catalogue of shipped graphs is missing")
    store = ox.Store()
    store.load(path=str(catalog), format=ox.RdfFormat.TURTLE, base_iri=catalog.resolve().as_uri())

    def local_file(url: str) -> Path:
        return Path(unquote(urlparse(url).path))

    # each case node's iorkg:isFictional from its case graph (read until found, into that graph)
    is_fictional = ox.NamedNode(f"{IORKG}isFictional")
    for root_of in store.quads_for_pattern(None, ox.NamedNode(f"{VOID}rootResource"), None):
        graph = next(store.quads_for_pattern(root_of.subject, ox.NamedNode(f"{SD}name"), None), None)
        for dist in store.quads_for_pattern(root_of.subject, ox.NamedNode(f"{DCAT}distribution"), None):
            for url in store.quads_for_pattern(dist.object, ox.NamedNode(f"{DCAT}downloadURL"), None):
                path = local_file(url.object.value)
                if graph is None or not path.is_file():
                    continue
                for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE,
                                     base_iri=path.resolve().as_uri()):
                    if quad.subject == root_of.object and quad.predicate == is_fictional:
                        store.add(ox.Quad(quad.subject, quad.predicate, quad.object, graph.object))
                        break
    rows = store.query(f"""
        SELECT ?graph ?file ?role ?fictional WHERE {{
          ?ds <{SD}name> ?graph ; <{DCTERMS}type> ?roleConcept ;
              <{DCAT}distribution>/<{DCAT}downloadURL> ?file .
          FILTER(STRSTARTS(STR(?roleConcept), "{IORKGC}"))
          BIND(REPLACE(STRAFTER(STR(?roleConcept), "{IORKGC}"), "-graph$", "") AS ?role)
          OPTIONAL {{ ?ds <{VOID}rootResource> ?case .
                      GRAPH ?graph {{ ?case <{IORKG}isFictional> ?fictional }} }}
        }}""")
    order = {"ontology": 0, "shared": 1, "case": 2}
    entries = []
    for row in rows:
        iri = row["graph"].value
        role = row["role"].value
        name = "ontology" if role == "ontology" else iri.removeprefix(GRAPH_BASE)
        fictional = row["fictional"] is not None and row["fictional"].value == "true"
        entries.append(GraphEntry(name, iri, local_file(row["file"].value), role, fictional))
    entries.sort(key=lambda e: (order.get(e.role, 9), e.name))
    return entries


def graph_named(name_or_iri: str) -> GraphEntry:
    """The shipped graph with this short name or IRI."""
    for entry in shipped_graphs():
        if name_or_iri in (entry.name, entry.iri):
            return entry
    names = ", ".join(e.name for e in shipped_graphs())
    raise InputError(None, f"no shipped graph is called {name_or_iri!r}; expected one of: {names}, all")


def shipped_files(names: Iterable[str] | None = None) -> list[tuple[Path, str]]:
    """(file, graph IRI) of the shipped graphs: all of them, or those named."""
    from .namespaces import ONTOLOGY_IRI
    from .resources import ontology_path

    if names is not None and not (resource_root() / CATALOG_FILE).is_file():
        # Without a catalogue the ontology and shared graph are still where resources says.
        known = {"ontology": (ontology_path(), ONTOLOGY_IRI),
                 "shared": (resource_root() / "data" / "shared.ttl", GRAPH_BASE + "shared")}
        return [known[n] for n in names if n in known and known[n][0].is_file()]
    entries = shipped_graphs() if names is None else [graph_named(n) for n in names]
    return [(e.path, e.iri) for e in entries]
