"""The knowledge graph in memory: a pyoxigraph store holding the shipped graphs and user files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, TypeVar

from .errors import InputError
from .rdf.files import serialize_quads
from .rdf.formats import Format, format_named, guess_format

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from .catalog import GraphEntry
    from .query.results import QueryResult

T = TypeVar("T")


class KnowledgeGraph:
    """A dataset of named graphs (ontology, shared records, cases) that can be queried and exported."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.store: "pyoxigraph.Store" = ox.Store()
        self.sources: dict[str, Path] = {}
        self._derived: dict[str, tuple[object, object]] = {}

    # loading ---------------------------------------------------------------------------------
    @classmethod
    def shipped(cls, names: Iterable[str] | None = None, examples: bool = False) -> "KnowledgeGraph":
        """The shipped graphs: those named, or all but the fictional examples (with `examples`, all)."""
        kg = cls()
        kg.add_shipped(names, examples=examples)
        return kg

    def add_shipped(self, names: Iterable[str] | None = None, examples: bool = False) -> list[str]:
        """Load shipped graphs by short name; where None, every graph but the fictional example
        cases, which `examples` adds. Returns their IRIs."""
        from .catalog import graph_named, shipped_graphs

        entries: list[GraphEntry] = (
            [e for e in shipped_graphs() if examples or not e.fictional] if names is None
            else [graph_named(n) for n in names])
        return [self.load(e.path, graph=e.iri) for e in entries]

    def add_examples(self) -> list[str]:
        """Load the shipped fictional example cases; returns their IRIs."""
        from .catalog import shipped_graphs

        return [self.load(e.path, graph=e.iri) for e in shipped_graphs() if e.fictional]

    def fictional_graphs(self) -> list[str]:
        """The case graphs whose case node is marked fictional (iorkg:isFictional true), sorted."""
        from .namespaces import IORKG

        def compute() -> list[str]:
            rows = self.store.query(f"""
                SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?case a <{IORKG}Case> ; <{IORKG}isFictional> true }} }}""")
            return sorted(row["g"].value for row in rows)
        return self.derived("fictional-graphs", compute, by_graphs=True)

    def fictional_nodes(self) -> frozenset:
        """The subjects of the fictional case graphs (pyoxigraph terms)."""
        import pyoxigraph as ox

        def compute() -> frozenset:
            return frozenset(q.subject for g in self.fictional_graphs()
                             for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
        return self.derived("fictional-nodes", compute, by_graphs=True)

    def load(self, path: str | Path, graph: str | None = None,
             input_format: str | Format | None = None) -> str:
        """Add one RDF file; its triples go to `graph` (default: the file's IRI).

        Quad formats keep the graphs they name. Returns the graph IRI used for triples.
        """
        from .rdf.files import load_into

        fmt = (format_named(input_format) if isinstance(input_format, str)
               else input_format or guess_format(path))
        target = load_into(self.store, path, fmt, graph)
        self.sources[target] = Path(path)
        return target

    def load_all(self, paths: Sequence[str | Path], input_format: str | None = None) -> list[str]:
        """Add several files (see `load`)."""
        return [self.load(p, input_format=input_format) for p in paths]

    # looking -----------------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        """IRIs of the named graphs held, sorted."""
        return sorted(g.value for g in self.store.named_graphs())

    def triple_counts(self) -> dict[str, int]:
        """Number of triples in each named graph."""
        rows = self.store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        counts = {r["g"].value: int(r["n"].value) for r in rows}
        return {g: counts.get(g, 0) for g in self.graphs()}

    def __len__(self) -> int:
        return len(self.store)

    def quads(self, graph: str | None = None) -> list["pyoxigraph.Quad"]:
        """The quads of one named graph, or of all graphs."""
        import pyoxigraph as ox

        if graph is None:
            return list(self.store.quads_for_pattern(None, None, None, None))
        if graph not in self.graphs():
            raise InputError(None, f"the dataset holds no graph {graph}")
        return list(self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def serialize(self, fmt: str | Format = "trig", graph: str | None = None) -> bytes:
        """One graph or the whole dataset in an RDF format."""
        from .namespaces import PREFIXES

        fmt = format_named(fmt) if isinstance(fmt, str) else fmt
        if graph is not None and fmt.name == "jsonld":
            fmt = Format(fmt.name, fmt.extensions, fmt.media_type, quads=False)  # one graph: plain JSON-LD
        return serialize_quads(self.quads(graph), fmt, PREFIXES)

    def derived(self, key: str, compute: "Callable[[], T]", by_graphs: bool = False) -> "T":
        """A value computed from this graph's contents, kept until the store changes size (or,
        with `by_graphs`, until the set of named graphs changes: much cheaper to check)."""
        stamp: object = frozenset(self.store.named_graphs()) if by_graphs else len(self.store)
        held = self._derived.get(key)
        if held is None or held[0] != stamp:
            held = self._derived[key] = (stamp, compute())
        return held[1]  # type: ignore[return-value]

    def case_graphs(self) -> list[str]:
        """The named graphs that hold a case or case nodes, sorted."""
        from .namespaces import IORKG

        rows = self.store.query(f"""
            SELECT DISTINCT ?g WHERE {{
              {{ GRAPH ?g {{ ?s <{IORKG}inCase> ?c }} }} UNION {{ GRAPH ?g {{ ?c a <{IORKG}Case> }} }}
            }}""")
        return sorted(row["g"].value for row in rows)

    def background_graphs(self) -> list[str]:
        """The named graphs that are not case graphs (ontology, shared records, inferences), sorted."""
        cases = set(self.case_graphs())
        return [g for g in self.graphs() if g not in cases]

    def query(self, name_or_text: str, **params: object) -> "QueryResult":
        """Run a competency question (by catalogue name or .rq path) or SPARQL text.

        Patterns outside a `GRAPH` clause see the union of the named graphs. When some rows name
        a node of a fictional example case, a last column `fictional` says of each row whether it
        does (unless the question has such a column of its own).
        """
        from .query.run import run_query

        result = run_query(self.store, name_or_text, params)
        if result.kind == "select" and self.fictional_graphs():
            result = result.marking_fictional(self.fictional_nodes())
        return result
