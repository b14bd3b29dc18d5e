"""The two SHACL engines, pyshacl-turbo (default, measured faster) and pyshacl (the reference),
given the same options."""

from __future__ import annotations

import logging
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


def run_engine(engine: str, data: ValidationData, shapes_graph: "rdflib.Graph") -> tuple[bool, "rdflib.Graph"]:
    """SHACL-validate the union of the data's graphs with one engine; the verdict and the report.

    pyshacl-turbo reads the quads as N-Quads text (it validates their union); pyshacl gets an
    rdflib Graph of the union. Both see literals as written and blank nodes under their labels.
    """
    if engine == "turbo":
        from pyshacl_turbo import Input

        program = _compiled(id(shapes_graph), shapes_graph)
        conforms, report, _ = program.validate(
            Input(data.nquads(), "nquads", None, {}, {}, True),
            allow_warnings=SHACL_OPTIONS["allow_warnings"])
        return bool(conforms), report
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
