"""The graphs that ship with iorkg: the ontology, the shared records and the cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .namespaces import GRAPH_BASE, IORKG, SD
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
    """Every graph the package ships, in load order (ontology, shared, then cases)."""
    import pyoxigraph as ox

    root = resource_root()
    catalog = root / CATALOG_FILE
    if not catalog.is_file():
        raise InputError(catalog, "the catalogue of shipped graphs is missing")
    store = ox.Store()
    store.load(path=str(catalog), format=ox.RdfFormat.TURTLE)
    rows = store.query(f"""
        SELECT ?graph ?file ?role ?fictional WHERE {{
          ?ds <{SD}name> ?graph ; <{IORKG}catalogFile> ?file ; <{IORKG}catalogRole> ?role .
          OPTIONAL {{ ?ds <{IORKG}isFictional> ?fictional }}
        }}""")
    order = {"ontology": 0, "shared": 1, "case": 2}
    entries = []
    for row in rows:
        iri = row["graph"].value
        name = "ontology" if row["role"].value == "ontology" else iri.removeprefix(GRAPH_BASE)
        fictional = row["fictional"] is not None and row["fictional"].value == "true"
        entries.append(GraphEntry(name, iri, root / row["file"].value, row["role"].value, fictional))
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
