"""One validation run on prepared data: the SHACL engine, the dataset rules beside it, and the
`ValidationResult` with readable findings."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from ..rdf.terms import to_pyoxigraph, to_rdflib
from .data import ValidationData
from .dataset_rules import GraphProblem, case_graph_problems, unknown_terms_meant
from .engines import ENGINE_NAMES, quiet_rdflib, run_engine, set_conforms
from .evidence import EvidenceCheck, check_evidence
from .findings import Finding, Labeller, count_line, findings_of, render_text
from .shapes import ONE_CASE_PER_GRAPH, UNKNOWN_TERM, load_shapes

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from ..reason.consistency import ConsistencyResult


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
    evidence: "EvidenceCheck | None" = None

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
        if self.evidence is not None:
            owl = (f"; {self.evidence.verified:,} quotes checked against their sources"
                   + (f", {self.evidence.unchecked:,} not checked" if self.evidence.unchecked else "") + owl)
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
        if self.evidence is not None:
            data["evidence"] = {"checked": self.evidence.verified, "unchecked": self.evidence.unchecked,
                                "source_texts": self.evidence.texts, "missing": self.evidence.missing,
                                "text": self.evidence.note()}
        if self.consistency is not None:
            data["owl_consistency"] = {"consistent": self.consistency.consistent,
                                       "reasoner": self.consistency.reasoner,
                                       "text": self.consistency.text}
        return data


def add_results(report: "rdflib.Graph", items: Iterable[tuple]) -> None:
    """Add validation results (focus, shape, message, value, component[, severity[, path]]) to a
    report graph."""
    import rdflib
    from rdflib.namespace import RDF, SH

    reports = list(report.subjects(RDF.type, SH.ValidationReport))
    root = reports[0] if reports else rdflib.BNode()
    if not reports:
        report.add((root, RDF.type, SH.ValidationReport))
    severities = {"violation": SH.Violation, "warning": SH.Warning, "info": SH.Info}
    for focus, shape, message, value, component, *rest in items:
        severity = rest[:1] or ["violation"]
        path = rest[1] if len(rest) > 1 else None
        node = rdflib.BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, to_rdflib(focus)))
        report.add((node, SH.resultSeverity, severities[severity[0]]))
        report.add((node, SH.sourceShape, rdflib.URIRef(shape)))
        report.add((node, SH.sourceConstraintComponent, rdflib.URIRef(str(SH) + component)))
        report.add((node, SH.resultMessage, rdflib.Literal(message, lang="en")))
        if value is not None:
            report.add((node, SH.value, to_rdflib(value)))
        if path is not None:
            report.add((node, SH.resultPath, to_rdflib(path)))


def check(data: ValidationData, engine: str, groups: tuple[str, ...],
          shapes: Sequence[str | Path] | None, started: float,
          extra: list[tuple] | None = None,
          hints: dict[tuple[str, str], str] | None = None,
          beside: "Callable[[], tuple[list[tuple], dict]] | None" = None) -> ValidationResult:
    """Run the SHACL engine and the dataset rules on prepared data; build the result.

    `extra` are results of rules checked outside SHACL; `hints` replace a rule's fix hint for one
    (focus node, shape) where a specific fix is known; `beside` gives more of both, and runs while
    the engine works (the native engine does not hold Python's interpreter lock)."""
    from concurrent.futures import ThreadPoolExecutor

    shapes_graph, rules = load_shapes(groups, shapes)
    added = list(extra or [])
    hints = dict(hints or {})
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="iorkg-shacl") as pool:
        shacl = pool.submit(_quietly, run_engine, engine, data, shapes_graph)
        if beside is not None:
            more, more_hints = beside()
            added.extend(more)
            hints.update(more_hints)
        if ONE_CASE_PER_GRAPH in rules:
            added.extend(_graph_problem_item(p) for p in case_graph_problems(data.quads))
        if UNKNOWN_TERM in rules:
            added.extend(_unknown_term_item(*found) for found in unknown_terms_meant(data.quads))
        _, report = shacl.result()
    add_results(report, added)
    focus = {to_pyoxigraph(n) for n in _focus_nodes(report)}
    with quiet_rdflib():
        findings = findings_of(report, rules, Labeller(data.neighbourhood_store(focus))) if focus else []
    if hints:
        findings = [replace(f, hint=hints[(f.focus_node, f.source_shape)])
                    if (f.focus_node, f.source_shape) in hints else f for f in findings]
    conforms = not any(f.severity == "violation" for f in findings)
    set_conforms(report, conforms)
    return ValidationResult(conforms, report, findings, engine, tuple(groups), len(data.quads),
                            time.perf_counter() - started, notes=list(data.notes))


def _quietly(function: "Callable", *args: object):
    with quiet_rdflib():
        return function(*args)


def _focus_nodes(report: "rdflib.Graph") -> set:
    from rdflib.namespace import SH

    return {report.value(r, SH.focusNode) for r in report.objects(None, SH.result)} - {None}


def _graph_problem_item(problem: GraphProblem) -> tuple[object, str, str, object, str]:
    import pyoxigraph as ox

    return (problem.focus, ONE_CASE_PER_GRAPH, problem.message,
            problem.value if problem.value is not None else ox.NamedNode(problem.graph),
            "SPARQLConstraintComponent")


def _unknown_term_item(node, predicate, term, meant: str | None = None) -> tuple:
    guess = f"; did you mean <{meant}>?" if meant else "."
    return (node, UNKNOWN_TERM, f"<{term.value}> is not a term of the iorkg ontology (used with "
                                f"<{predicate.value}>){guess}", term, "SPARQLConstraintComponent", "violation",
            predicate)


def run_checks(data: ValidationData, engine: str, groups: tuple[str, ...],
               shapes: Sequence[str | Path] | None, started: float, extra: list[tuple] | None = None,
               sources: Sequence[str | Path] = (), require_sources: bool = False) -> ValidationResult:
    """The SHACL run, the dataset rules and (in the evidence group) the evidence check."""
    found: list[EvidenceCheck] = []

    def evidence() -> tuple[list[tuple], dict]:
        outcome = check_evidence(data.quads, data.files, sources, require_sources)
        found.append(outcome)
        return outcome.items, outcome.hints

    wanted = "evidence" in groups and not shapes
    result = check(data, engine, groups, shapes, started, list(extra or []), beside=evidence if wanted else None)
    result.evidence = found[0] if found else None
    return result
