"""SHACL validation of case datasets: `validate()` for a whole dataset, `validate_addition()` for
a new case added to a store, both returning a `ValidationResult` with readable findings.

The data graph is the union of every graph of the input together with the ontology (and the
shared graph), so `sh:targetClass` and `sh:class` follow the ontology's `rdfs:subClassOf` and the
generic rules know which iorkg terms exist; no OWL reasoner runs unless `reason=True`, which adds
a HermiT consistency check of ontology plus data. The shapes live in `shapes/` in three groups:
structure, consistency and hygiene (docs/validation.md lists the rules).

Engines: `turbo` (pyshacl-turbo, the default, measured faster) and `pyshacl` (the reference);
both get the same options, `SHACL_OPTIONS`.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from .errors import InputError
from .shacl_report import SHAPES, Finding, Labeller, Rule, count_line, findings_of, render_text, rules_of
from .terms import to_pyoxigraph, to_rdflib
from .validation_data import GraphProblem, ValidationData

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from .reasoning import ConsistencyResult
    from .store import KnowledgeGraph

GROUPS = ("structure", "consistency", "hygiene")
DEFAULT_GROUPS = ("structure", "consistency")
ENGINES = ("turbo", "pyshacl")
# The options both engines get (the benchmarks mirror them).
SHACL_OPTIONS = {"inference": "none", "advanced": True, "allow_warnings": True}
ENGINE_NAMES = {"turbo": "pyshacl-turbo", "pyshacl": "pyshacl"}
ONE_CASE_PER_GRAPH = SHAPES + "one-case-per-graph"
NODE_IN_ONE_CASE = SHAPES + "node-in-one-case"
LINK_WITHIN_CASE = SHAPES + "link-within-case"
OWL_CONSISTENCY = SHAPES + "owl-consistency"


@dataclass
class ValidationResult:
    """The verdict, the standard SHACL report graph, the findings, and how the run went."""

    conforms: bool
    report_graph: "rdflib.Graph"
    results: list[Finding]
    engine: str
    groups: tuple[str, ...]
    triples: int
    seconds: float
    consistency: "ConsistencyResult | None" = None
    notes: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        """The findings that make the data invalid."""
        return [f for f in self.results if f.severity == "violation"]

    @property
    def warnings(self) -> list[Finding]:
        """Soft advice: findings that do not make the data invalid."""
        return [f for f in self.results if f.severity != "violation"]

    def summary(self) -> str:
        """One line: the verdict, the counts, the rules broken, the engine and the time."""
        verdict = "VALID" if self.conforms else "INVALID"
        broken = sorted({f.rule for f in self.violations})
        rules = f"; rules broken: {', '.join(broken)}" if broken else ""
        owl = f"; OWL: {self.consistency.text}" if self.consistency is not None else ""
        return (f"{verdict}: {count_line(self.results)}{rules} ({ENGINE_NAMES[self.engine]}, "
                f"groups {'+'.join(self.groups)}, {self.triples:,} triples, {self.seconds:.2f} s{owl})")

    @property
    def text(self) -> str:
        """The readable report: findings grouped by node, then the summary line."""
        notes = "".join(f"note: {n}\n" for n in self.notes)
        return notes + render_text(self.results, self.summary())

    def as_json(self) -> dict:
        """The documented JSON form (see docs/validation.md)."""
        data = {"conforms": self.conforms, "summary": self.summary(), "engine": ENGINE_NAMES[self.engine],
                "groups": list(self.groups), "triples": self.triples, "seconds": round(self.seconds, 3),
                "violations": len(self.violations), "warnings": len(self.warnings),
                "results": [f.as_dict() for f in self.results], "notes": self.notes}
        if self.consistency is not None:
            data["owl_consistency"] = {"consistent": self.consistency.consistent,
                                       "reasoner": self.consistency.reasoner,
                                       "text": self.consistency.text}
        return data


# shapes -----------------------------------------------------------------------------------------
def shape_files(groups: Iterable[str] = DEFAULT_GROUPS) -> list[Path]:
    """The shipped shape files of the given groups (structure, consistency, hygiene)."""
    from .resources import resource_dir

    chosen = []
    for group in groups:
        if group not in GROUPS:
            raise InputError(None, f"unknown shape group {group!r}; expected one of {', '.join(GROUPS)}")
        chosen.append(resource_dir("shapes") / f"{group}.ttl")
    return chosen


@lru_cache(maxsize=8)
def _shapes(key: tuple[tuple[str, str, float], ...]) -> tuple["rdflib.Graph", dict[str, Rule]]:
    import rdflib

    graph = rdflib.Graph()
    groups: dict[str, str] = {}
    for path, group, _ in key:
        part = rdflib.Graph()
        try:
            part.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several kinds of syntax errors
            raise InputError(path, f"cannot read the shapes: {exc}") from None
        groups.update({str(s): group for s in set(part.subjects())})
        graph += part
    return graph, rules_of(graph, groups)


def load_shapes(groups: Iterable[str] = DEFAULT_GROUPS,
                shapes: Sequence[str | Path] | None = None) -> tuple["rdflib.Graph", dict[str, Rule]]:
    """The shapes graph of the groups (or of the given files) and its rules by shape IRI."""
    files = [(Path(p), "custom") for p in shapes] if shapes else \
        [(p, p.stem) for p in shape_files(groups)]
    for path, _ in files:
        if not path.is_file():
            raise InputError(path, "no such shapes file")
    return _shapes(tuple((str(p), g, p.stat().st_mtime) for p, g in files))


@lru_cache(maxsize=8)
def _compiled(key: int, graph: "rdflib.Graph"):
    import pyshacl_turbo

    try:
        return pyshacl_turbo.compile_shapes(graph, advanced=SHACL_OPTIONS["advanced"])
    except pyshacl_turbo.ValidationFailure as exc:
        raise InputError(None, f"the SHACL engine rejected the shapes: {exc}") from None


# engines ----------------------------------------------------------------------------------------
@contextmanager
def _quiet_rdflib() -> Iterator[None]:
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
        with _quiet_rdflib():
            graph.parse(data=data.triples_ntriples(), format="nt", bnode_context=_KeepIds())
            conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, **SHACL_OPTIONS)
        if not isinstance(report, rdflib.Graph):
            raise InputError(None, f"the SHACL engine rejected the shapes: {report}")
        return bool(conforms), report
    raise InputError(None, f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}")


def _add_results(report: "rdflib.Graph", items: Iterable[tuple[object, str, str, object, str]]) -> None:
    """Add validation results (focus, shape, message, value, component) to a report graph."""
    import rdflib
    from rdflib.namespace import RDF, SH

    reports = list(report.subjects(RDF.type, SH.ValidationReport))
    root = reports[0] if reports else rdflib.BNode()
    if not reports:
        report.add((root, RDF.type, SH.ValidationReport))
    for focus, shape, message, value, component in items:
        node = rdflib.BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, to_rdflib(focus)))
        report.add((node, SH.resultSeverity, SH.Violation))
        report.add((node, SH.sourceShape, rdflib.URIRef(shape)))
        report.add((node, SH.sourceConstraintComponent, rdflib.URIRef(str(SH) + component)))
        report.add((node, SH.resultMessage, rdflib.Literal(message, lang="en")))
        if value is not None:
            report.add((node, SH.value, to_rdflib(value)))


def _set_conforms(report: "rdflib.Graph", conforms: bool) -> None:
    import rdflib
    from rdflib.namespace import RDF, SH

    for root in report.subjects(RDF.type, SH.ValidationReport):
        report.set((root, SH.conforms, rdflib.Literal(conforms)))


def _check(data: ValidationData, engine: str, groups: tuple[str, ...],
           shapes: Sequence[str | Path] | None, started: float,
           extra: list[tuple[object, str, str, object, str]] | None = None) -> ValidationResult:
    """Run the SHACL engine and the dataset rules on prepared data; build the result."""
    from .validation_data import case_graph_problems

    shapes_graph, rules = load_shapes(groups, shapes)
    with _quiet_rdflib():
        _, report = run_engine(engine, data, shapes_graph)
    added = list(extra or [])
    if ONE_CASE_PER_GRAPH in rules:
        added.extend(_graph_problem_item(p) for p in case_graph_problems(data.quads))
    _add_results(report, added)
    focus = {to_pyoxigraph(n) for n in _focus_nodes(report)}
    with _quiet_rdflib():
        findings = findings_of(report, rules, Labeller(data.neighbourhood_store(focus))) if focus else []
    conforms = not any(f.severity == "violation" for f in findings)
    _set_conforms(report, conforms)
    return ValidationResult(conforms, report, findings, engine, tuple(groups), len(data.quads),
                            time.perf_counter() - started, notes=list(data.notes))


def _focus_nodes(report: "rdflib.Graph") -> set:
    from rdflib.namespace import SH

    return {report.value(r, SH.focusNode) for r in report.objects(None, SH.result)} - {None}


def _graph_problem_item(problem: GraphProblem) -> tuple[object, str, str, object, str]:
    import pyoxigraph as ox

    return (problem.focus, ONE_CASE_PER_GRAPH, problem.message,
            problem.value if problem.value is not None else ox.NamedNode(problem.graph),
            "SPARQLConstraintComponent")


# the public calls -------------------------------------------------------------------------------
def validate(kg_or_paths: "KnowledgeGraph | Sequence[str | Path] | str | Path | None" = None, *,
             engine: str = "turbo", shapes: Sequence[str | Path] | None = None,
             groups: Sequence[str] = DEFAULT_GROUPS, reason: bool = False,
             input_format: str | None = None) -> ValidationResult:
    """Validate a dataset against the SHACL shapes (and, with `reason`, check OWL consistency).

    `kg_or_paths`: None for the shipped dataset (every shipped graph); a KnowledgeGraph (all
    its graphs); or files, validated together with the shipped ontology and shared graphs.
    `groups` picks shape groups; `shapes` gives shape files instead. Raises InputError (exit 2)
    for unreadable input and EnvironmentProblem (exit 3) where `reason` finds no Java.
    """
    from . import validation_data as vd
    from .store import KnowledgeGraph

    started = time.perf_counter()
    if engine not in ENGINES:
        raise InputError(None, f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}")
    groups = tuple(groups)
    if reason:
        _require_java()
    if isinstance(kg_or_paths, KnowledgeGraph):
        data = vd.from_knowledge_graph(kg_or_paths, load_shapes(groups, shapes)[0])
    elif kg_or_paths is None:
        data = vd.from_paths([], background=vd.shipped_entries())
    else:
        paths = [kg_or_paths] if isinstance(kg_or_paths, (str, Path)) else list(kg_or_paths)
        data = vd.from_paths(paths, input_format, background=vd.shipped_entries(["ontology", "shared"]))
    result = _check(data, engine, groups, shapes, started)
    if reason:
        _add_consistency(result, data)
        result.seconds = time.perf_counter() - started
    return result


def _require_java() -> None:
    from .errors import EnvironmentProblem
    from .reasoning import java_executable

    if java_executable() is None:
        raise EnvironmentProblem("the OWL consistency check (--reason) needs Java for HermiT, and "
                                 "`java` is not on PATH (Debian: apt-get install default-jre-headless)")


def _add_consistency(result: ValidationResult, data: ValidationData) -> None:
    """Check ontology + data with HermiT in its own owlready2 World; record a finding if inconsistent."""
    import pyoxigraph as ox

    from .reasoning import check_consistency
    from .store import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.store.extend(data.quads)
    verdict = check_consistency(kg)
    result.consistency = verdict
    if verdict.coherent:
        return
    _, rules = load_shapes(("consistency",))
    ontology = "https://w3id.org/iorkg/ontology"
    message = f"HermiT finds ontology and data {'incoherent' if verdict.consistent else 'inconsistent'}: {verdict.text}"
    _add_results(result.report_graph, [(ox.NamedNode(ontology), OWL_CONSISTENCY, message, None,
                                        "SPARQLConstraintComponent")])
    rule = rules.get(OWL_CONSISTENCY)
    result.results.insert(0, Finding(ontology, "ontology and data", "owl-consistency", "consistency",
                                     message, None, None, "violation", rule.hint if rule else "",
                                     "sh:SPARQLConstraintComponent", OWL_CONSISTENCY))
    result.conforms = False
    _set_conforms(result.report_graph, False)


def validate_addition(base_kg: "KnowledgeGraph",
                      new: "Sequence[str | Path] | Iterable[pyoxigraph.Quad] | KnowledgeGraph", *,
                      engine: str = "turbo", shapes: Sequence[str | Path] | None = None,
                      groups: Sequence[str] = DEFAULT_GROUPS,
                      input_format: str | None = None) -> ValidationResult:
    """Validate only new case graph(s) before adding them to `base_kg`.

    The new graphs are validated with the base's non-case graphs (ontology, shared records)
    plus the cross-case rules against the base: no node of the new case is already in another
    case (node-in-one-case), and no link of the new case points into another case
    (link-within-case). For a base that is itself valid, the verdict equals that of validating
    base and addition together.
    """
    from . import incremental

    return incremental.validate_addition(base_kg, new, engine=engine, shapes=shapes,
                                         groups=tuple(groups), input_format=input_format)
