"""What the workbook needs to know of the ontology: the concepts of each concept scheme and the
classes under each class (for drop-down lists and for checking cells)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..namespaces import OWL, RDFS, SKOS


@dataclass(frozen=True)
class Vocabulary:
    """Concept schemes (scheme IRI -> concept IRIs, in the ontology's order) and the class tree."""

    schemes: dict[str, tuple[str, ...]]
    subclasses: dict[str, tuple[str, ...]]
    classes: frozenset[str]

    def concepts(self, scheme: str) -> tuple[str, ...]:
        """The concepts of a scheme (empty when the ontology lacks it)."""
        return self.schemes.get(scheme, ())

    def classes_under(self, roots: tuple[str, ...]) -> tuple[str, ...]:
        """Each root and every class below it, roots first, without repeats."""
        seen: list[str] = []
        todo = list(roots)
        while todo:
            c = todo.pop(0)
            if c not in seen:
                seen.append(c)
                todo.extend(self.subclasses.get(c, ()))
        return tuple(seen)


def vocabulary() -> Vocabulary:
    """The vocabulary of the shipped ontology."""
    from ..resources import ontology_path

    path = ontology_path()
    return _vocabulary(str(path), path.stat().st_mtime)


@lru_cache(maxsize=2)
def _vocabulary(path: str, _mtime: float) -> Vocabulary:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.TURTLE)
    schemes: dict[str, list[str]] = {}
    for row in store.query(f"SELECT ?c ?s WHERE {{ ?c <{SKOS}inScheme> ?s }} ORDER BY ?s ?c"):
        schemes.setdefault(row["s"].value, []).append(row["c"].value)
    # keep the order of skos:hasTopConcept lists where the ontology gives one
    for scheme in schemes:
        top = [r["c"].value for r in store.query(
            f"SELECT ?c WHERE {{ <{scheme}> <{SKOS}hasTopConcept> ?c }}")]
        if set(top) == set(schemes[scheme]):
            order = {c: i for i, c in enumerate(_turtle_order(path, top))}
            schemes[scheme].sort(key=lambda c: order.get(c, 0))
    subclasses: dict[str, list[str]] = {}
    for row in store.query(f"SELECT ?c ?p WHERE {{ ?c <{RDFS}subClassOf> ?p . FILTER(isIRI(?p)) }} ORDER BY ?c"):
        subclasses.setdefault(row["p"].value, []).append(row["c"].value)
    classes = {r["c"].value for r in store.query(
        f"SELECT ?c WHERE {{ {{ ?c a <{OWL}Class> }} UNION {{ ?c a <{RDFS}Class> }} FILTER(isIRI(?c)) }}")}
    return Vocabulary({k: tuple(v) for k, v in schemes.items()},
                      {k: tuple(v) for k, v in subclasses.items()}, frozenset(classes))


def _turtle_order(path: str, iris: list[str]) -> list[str]:
    """The IRIs in the order their local names first appear in the ontology file."""
    text = open(path, encoding="utf-8").read()
    def position(iri: str) -> int:
        local = iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        found = text.find(f":{local} a ")
        return found if found >= 0 else len(text)
    return sorted(iris, key=position)

