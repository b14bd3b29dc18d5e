"""Fast ways to hand iorkg data to rdflib-based tools, chosen by the benchmarks (docs/benchmarks.md).

* `rdflib_dataset(kg)` wraps a KnowledgeGraph's pyoxigraph store as an rdflib Dataset through
  oxrdflib without copying: rdflib's API (and SPARQL, which oxrdflib hands to pyoxigraph) on the
  same quads. `rdflib_dataset(*paths)` parses files with pyoxigraph into a new oxrdflib store
  (N-Quads: about 14x faster than rdflib's own parser at 100 cases).
* `nquads_text(...)` is the union of files or of a KnowledgeGraph's source files as N-Quads text,
  parsed by `pyoxigraph.parse` and never stored, for engines that read text natively
  (pyshacl-turbo's `Input`).

Beware: a pyoxigraph Store (0.5.x) normalises typed literals on insertion (oxigraph issue #526):
``"5"^^xsd:nonNegativeInteger`` comes back as ``"5"^^xsd:integer`` and ``"1.50"^^xsd:decimal`` as
``"1.5"``. Anything read through a store, including the Dataset of `rdflib_dataset`, shows the
normalised literals; SHACL ``sh:datatype`` checks must get their data from `nquads_text` (or
``iorkg.validation``, which re-reads files for the same reason).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from .store import KnowledgeGraph


def rdflib_dataset(source: "KnowledgeGraph | str | Path | None" = None, *more: str | Path,
                   default_union: bool = True) -> "rdflib.Dataset":
    """An rdflib Dataset on an oxrdflib store: a view of a KnowledgeGraph, or files parsed anew.

    With a KnowledgeGraph the Dataset shares its store (changes show on both sides). With paths,
    each file is parsed by pyoxigraph; triples of triple formats go to the file's own graph IRI,
    as `KnowledgeGraph.load` does. `default_union` makes SPARQL and `triples()` see all graphs.
    """
    import rdflib

    try:
        from oxrdflib import OxigraphStore
    except ImportError:
        from .errors import EnvironmentProblem

        raise EnvironmentProblem("an rdflib Dataset on pyoxigraph needs oxrdflib: "
                                 "pip install 'iorkg[bench]' (or pip install oxrdflib)") from None

    from .store import KnowledgeGraph

    if isinstance(source, KnowledgeGraph):
        if more:
            raise TypeError("give either one KnowledgeGraph or file paths")
        return rdflib.Dataset(store=OxigraphStore(store=source.store), default_union=default_union)
    kg = KnowledgeGraph()
    kg.load_all([p for p in (source, *more) if p is not None])
    return rdflib.Dataset(store=OxigraphStore(store=kg.store), default_union=default_union)


def nquads_text(source: "KnowledgeGraph | Iterable[tuple[str | Path, str | None]]", *,
                rename_blank_nodes: bool = True) -> str:
    """The quads of files as written (no Store, so no literal normalisation), as N-Quads text.

    `source` is a KnowledgeGraph (its `sources`: graph IRI -> file) or (file, graph IRI) pairs;
    a triple file's triples go to the graph IRI given (default: the file's own IRI). Blank nodes
    are renamed so that files never share one; with `rename_blank_nodes=False` N-Quads files are
    passed through byte for byte (at 1,000 cases 0.1 s instead of 1.4 s), which is right only
    when no two files use the same blank-node label.
    """
    import pyoxigraph as ox

    from .rdfio import file_graph_iri, guess_format, ox_format
    from .store import KnowledgeGraph

    pairs = ([(path, graph) for graph, path in source.sources.items()]
             if isinstance(source, KnowledgeGraph) else list(source))
    parts: list[bytes] = []
    for path, graph in pairs:
        path = Path(path)
        fmt = guess_format(path)
        if fmt.name == "nq" and not rename_blank_nodes:
            data = path.read_bytes()
            parts.append(data if data.endswith(b"\n") or not data else data + b"\n")
            continue
        name = ox.NamedNode(graph or file_graph_iri(path))
        quads = (q if not isinstance(q.graph_name, ox.DefaultGraph)
                 else ox.Quad(q.subject, q.predicate, q.object, name)
                 for q in ox.parse(path=str(path), format=ox_format(fmt),
                                   base_iri=path.resolve().as_uri(), rename_blank_nodes=True))
        parts.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return b"".join(parts).decode("utf-8")
