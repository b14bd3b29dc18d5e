"""RDF terms between pyoxigraph and rdflib (the SHACL engines and reasonable speak rdflib)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph NamedNode, BlankNode or Literal as the rdflib term with the same meaning."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    return rdflib.URIRef(str(term))


def to_pyoxigraph(term: Any) -> Any:
    """An rdflib URIRef, BNode or Literal as the pyoxigraph term with the same meaning."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or rdflib.XSD.string)))


@contextmanager
def many_terms() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many terms, quads and tuples are made.

    They hold no cycles, but each few hundred of them makes the collector scan all that are alive,
    so building a large case took a third longer; it runs again (and catches up) afterwards."""
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
