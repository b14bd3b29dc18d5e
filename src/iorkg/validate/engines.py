"""The two SHACL engines, pyshacl-turbo (default, measured faster) and pyshacl (the reference),
given the same options."""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..errors import InputError
from .data import ValidationData

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

ENGINES = ("turbo", "pyshacl")
# The options both engines get (the benchmarks mirror them).
SHACL_OPTIONS = {"inference": "none", "advanced": True, "allow_warnings": True}
ENGINE_NAMES = {"turbo": "pyshacl-turbo", "pyshacl": "pyshacl"}


@lru_cache(maxsize=8)
def _compiled(key: int, graph: "rdflib.Graph"):
    import pyshacl_turbo

    try:
        return pyshacl_turbo.compile_shapes(graph, advanced=SHACL_OPTIONS["advanced"])
    except pyshacl_turbo.ValidationFailure as exc:
        raise InputError(None, f"the SHACL engine rejected the shapes: {exc}") from None


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's tracebacks about ill-typed literals (the shapes report them)."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


class _KeepIds(dict):
    """A blank-node context for rdflib's N-Triples parser that keeps the labels it reads."""

    def get(self, key, default=None):  # noqa: D401 - dict protocol
        from rdflib import BNode

        return self.setdefault(key, BNode(key))


# From this many quads on, pyshacl-turbo runs its shapes in two halves on two threads: each half
# reads the data again (about a third of a run's time), so smaller data gains nothing.
SPLIT_FROM_QUADS = 50_000


def _run_turbo(data: ValidationData, shapes_graph: "rdflib.Graph") -> tuple[bool, "rdflib.Graph"]:
    """pyshacl-turbo on the quads as N-Quads text; on large data with two cores, its targeted shapes
    in two halves at once (it releases the interpreter lock), the reports joined."""
    from concurrent.futures import ThreadPoolExecutor

    from pyshacl_turbo import Input

    program = _compiled(id(shapes_graph), shapes_graph)
    text = data.nquads()

    def run(use_shapes: list[str] | None):
        conforms, report, _ = program.validate(Input(text, "nquads", None, {}, {}, True),
                                               allow_warnings=SHACL_OPTIONS["allow_warnings"],
                                               use_shapes=use_shapes)
        return bool(conforms), report

    halves = _halves(id(shapes_graph), shapes_graph)
    if len(data.quads) < SPLIT_FROM_QUADS or (os.cpu_count() or 1) < 2 or halves is None:
        return run(None)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="iorkg-shacl-half") as pool:
        (first_ok, first), (second_ok, second) = pool.map(run, halves)
    join_reports(first, second)
    conforms = first_ok and second_ok
    set_conforms(first, conforms)
    return conforms, first


def set_conforms(report: "rdflib.Graph", conforms: bool) -> None:
    """Set the sh:conforms of a SHACL validation report."""
    import rdflib
    from rdflib.namespace import RDF, SH

    for root in report.subjects(RDF.type, SH.ValidationReport):
        report.set((root, SH.conforms, rdflib.Literal(conforms)))


# the ways a SHACL shape names its focus nodes (SHACL 1.0 section 2.1.3, and SHACL-AF's sh:target)
_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


@lru_cache(maxsize=8)
def _halves(key: int, graph: "rdflib.Graph") -> tuple[list[str], list[str]] | None:
    """The shapes that have targets, in two halves of alternating names; None where a shape with
    targets is a blank node or another shape refers to it (it could not be named alone), or a
    shape is also a class (an implicit target)."""
    import rdflib
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDF, RDFS, SH

    targeted = {s for name in _TARGETS for s in graph.subjects(SH[name], None)}
    implicit = set(graph.subjects(RDF.type, RDFS.Class)) | set(graph.subjects(RDF.type, OWL.Class))
    shape_types = (SH.NodeShape, SH.PropertyShape)
    implicit &= {s for t in shape_types for s in graph.subjects(RDF.type, t)}
    referred = {o for p in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape) for o in graph.objects(None, p)}
    listed = {item for p in (SH["and"], SH["or"], SH.xone) for head in graph.objects(None, p)
              for item in Collection(graph, head)}
    if implicit or len(targeted) < 2 or any(not isinstance(s, rdflib.URIRef) for s in targeted) \
            or targeted & (referred | listed):
        return None
    names = sorted(str(s) for s in targeted)
    return names[0::2], names[1::2]


def join_reports(into: "rdflib.Graph", other: "rdflib.Graph") -> None:
    """Add the results of `other` (a SHACL validation report) to the report `into`.

    The results of `other` (and the results nested in them by sh:detail) get new blank nodes;
    the nodes they point at (focus nodes and values of the data, which a report may also
    describe, and paths of the shapes) stay as they are."""
    import rdflib
    from rdflib.namespace import RDF, SH

    root = next(into.subjects(RDF.type, SH.ValidationReport))
    reports = set(other.subjects(RDF.type, SH.ValidationReport))
    results = [r for report in reports for r in other.objects(report, SH.result)]
    own: set = set()
    while results:
        node = results.pop()
        if isinstance(node, rdflib.BNode) and node not in own:
            own.add(node)
            results.extend(other.objects(node, SH.detail))
    fresh = {node: rdflib.BNode() for node in own}
    for report in reports:
        for result in other.objects(report, SH.result):
            into.add((root, SH.result, fresh.get(result, result)))
    for s, p, o in other:
        if s not in reports:
            into.add((fresh.get(s, s), p, fresh.get(o, o)))


def run_engine(engine: str, data: ValidationData, shapes_graph: "rdflib.Graph") -> tuple[bool, "rdflib.Graph"]:
    """SHACL-validate the union of the data's graphs with one engine; the verdict and the report.

    pyshacl-turbo reads the quads as N-Quads text (it validates their union); pyshacl gets an
    rdflib Graph of the union. Both see literals as written and blank nodes under their labels.
    """
    if engine == "turbo":
        return _run_turbo(data, shapes_graph)
    if engine == "pyshacl":
        import pyshacl
        import rdflib

        graph = rdflib.Graph()
        with quiet_rdflib():
            graph.parse(data=data.triples_ntriples(), format="nt", bnode_context=_KeepIds())
            conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, **SHACL_OPTIONS)
        if not isinstance(report, rdflib.Graph):
            raise InputError(None, f"the SHACL engine rejected the shapes: {report}")
        return bool(conforms), report
    raise InputError(None, f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}")
