"""Facts about the loaded knowledge graph: versions and counts per graph."""

from __future__ import annotations

from dataclasses import dataclass, field

from .namespaces import OWL, RDF
from .store import KnowledgeGraph


@dataclass
class GraphInfo:
    """Counts for one named graph."""

    iri: str
    name: str
    triples: int
    classes: int
    properties: int
    individuals: int
    fictional: bool = False


@dataclass
class Info:
    """What `iorkg info` reports."""

    versions: dict[str, str]
    graphs: list[GraphInfo] = field(default_factory=list)

    @property
    def total_triples(self) -> int:
        """All triples over all graphs."""
        return sum(g.triples for g in self.graphs)

    def as_json(self) -> dict:
        """The documented JSON form: versions, one entry per graph, the total."""
        return {"versions": self.versions, "graphs": [vars(g) for g in self.graphs],
                "total_triples": self.total_triples}

    def text(self) -> str:
        """The versions line and an aligned table of counts per graph, for people."""
        lines = ["versions: " + ", ".join(f"{k} {v}" for k, v in self.versions.items())]
        header = ("graph", "triples", "classes", "properties", "individuals")
        rows = [(g.name + (" (fictional)" if g.fictional else ""), g.triples, g.classes, g.properties,
                 g.individuals) for g in self.graphs]
        rows.append(("total", self.total_triples, "", "", ""))
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            lines.append("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                                   for i, (c, w) in enumerate(zip(row, widths))))
        return "\n".join(lines) + "\n"


def versions() -> dict[str, str]:
    """The versions of iorkg, its ontology and the engines it uses."""
    from importlib import metadata

    from . import __version__
    from .resources import ontology_path

    found = {"iorkg": __version__, "ontology": _ontology_version(ontology_path())}
    for package in ("pyoxigraph", "rdflib", "pyshacl", "pyshacl-turbo", "owlready2", "reasonable"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def _ontology_version(path) -> str:
    import re

    match = re.search(r'owl:versionInfo\s+"([^"]+)"', path.read_text(encoding="utf-8"))
    return match.group(1) if match else "unknown"


def graph_info(kg: KnowledgeGraph) -> list[GraphInfo]:
    """Triples, classes, properties and individuals in each named graph of a knowledge graph."""
    from .catalog import shipped_graphs

    names = {e.iri: e for e in shipped_graphs()}
    query = f"""
    SELECT ?g
      (COUNT(DISTINCT ?c) AS ?classes) (COUNT(DISTINCT ?p) AS ?props) (COUNT(DISTINCT ?i) AS ?inds)
    WHERE {{
      GRAPH ?g {{
        {{ ?c a <{OWL}Class> FILTER(isIRI(?c)) }}
        UNION {{ ?p a ?pt VALUES ?pt {{ <{OWL}ObjectProperty> <{OWL}DatatypeProperty> <{OWL}AnnotationProperty> }} }}
        UNION {{ ?i a ?t FILTER(isIRI(?i))
                 FILTER(?t NOT IN (<{OWL}Class>, <{OWL}ObjectProperty>, <{OWL}DatatypeProperty>,
                                   <{OWL}AnnotationProperty>, <{OWL}Ontology>, <{RDF}Property>,
                                   <{OWL}Restriction>, <{OWL}AllDisjointClasses>)) }}
      }}
    }} GROUP BY ?g"""
    counts = {r["g"].value: r for r in kg.store.query(query)}
    result = []
    for iri, triples in kg.triple_counts().items():
        row = counts.get(iri)
        entry = names.get(iri)
        result.append(GraphInfo(
            iri=iri, name=entry.name if entry else iri, triples=triples,
            classes=int(row["classes"].value) if row else 0,
            properties=int(row["props"].value) if row else 0,
            individuals=int(row["inds"].value) if row else 0,
            fictional=bool(entry and entry.fictional)))
    return result


def info(kg: KnowledgeGraph | None = None, examples: bool = False) -> Info:
    """Versions and per-graph counts, for the shipped graphs (with the fictional examples only
    when `examples`) unless a knowledge graph is given."""
    kg = kg or KnowledgeGraph.shipped(examples=examples)
    return Info(versions=versions(), graphs=graph_info(kg))
