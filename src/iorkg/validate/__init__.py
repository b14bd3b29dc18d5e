"""SHACL validation of case datasets: `validate()` for a whole dataset, `validate_addition()` for
a new case added to a store, both returning a `ValidationResult` with readable findings.

The data graph is the union of every graph of the input together with the ontology (and the
shared graph), so `sh:targetClass` and `sh:class` follow the ontology's `rdfs:subClassOf` and the
generic rules know which iorkg terms exist; no OWL reasoner runs unless `reason=True`, which adds
a HermiT consistency check of ontology plus data. The shapes live in `shapes/` in two groups:
structure and consistency (docs/validation.md lists the rules); `lint_ontology` checks the
ontology itself (labels, definitions, declarations, naming), with the files that extend it.

Engines: `turbo` (pyshacl-turbo, the default, measured faster) and `pyshacl` (the reference);
both get the same options, `SHACL_OPTIONS`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..errors import EnvironmentProblem, InputError
from .checking import ValidationResult, add_results, run_checks
from .data import ValidationData, from_knowledge_graph, from_paths, from_quads
from .engines import ENGINE_NAMES, ENGINES, SHACL_OPTIONS, run_engine, set_conforms
from .findings import Finding, Rule
from .incremental import validate_addition
from .ontology_lint import LintResult, lint_ontology
from .shapes import (DEFAULT_GROUPS, GROUPS, LINK_WITHIN_CASE, NODE_IN_ONE_CASE, ONE_CASE_PER_GRAPH,
                     OWL_CONSISTENCY, load_shapes, shape_files)

if TYPE_CHECKING:  # pragma: no cover
    from ..store import KnowledgeGraph

__all__ = ["validate", "validate_addition", "lint_ontology", "LintResult", "ValidationResult", "Finding", "Rule", "load_shapes",
           "shape_files", "run_engine", "GROUPS", "DEFAULT_GROUPS", "ENGINES", "ENGINE_NAMES",
           "SHACL_OPTIONS", "ONE_CASE_PER_GRAPH", "NODE_IN_ONE_CASE", "LINK_WITHIN_CASE",
           "OWL_CONSISTENCY", "ValidationData", "from_quads"]


def validate(kg_or_paths: "KnowledgeGraph | ValidationData | Sequence[str | Path] | str | Path | None" = None, *,
             engine: str = "turbo", shapes: Sequence[str | Path] | None = None,
             groups: Sequence[str] = DEFAULT_GROUPS, reason: bool = False,
             input_format: str | None = None, sources: Sequence[str | Path] = (),
             require_sources: bool = False) -> ValidationResult:
    """Validate a dataset against the SHACL shapes (and, with `reason`, check OWL consistency).

    `kg_or_paths`: None for the shipped dataset (every shipped graph); a KnowledgeGraph (all
    its graphs); files, validated together with the shipped ontology and shared graphs; or
    prepared `ValidationData` (`from_quads` for quads made in memory, with that background).
    `groups` picks shape groups; `shapes` gives shape files instead. The `evidence` group checks
    every quote against its source text, looked up beside the data files, then in `sources`
    (see `iorkg.validate.evidence`); with `require_sources` a text not found is a violation.
    Raises InputError (exit 2)
    for unreadable input and EnvironmentProblem (exit 3) where `reason` finds no Java.
    """
    from ..catalog import shipped_files
    from ..store import KnowledgeGraph

    started = time.perf_counter()
    if engine not in ENGINES:
        raise InputError(None, f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}")
    groups = tuple(groups)
    if reason:
        _require_java()
    if isinstance(kg_or_paths, ValidationData):
        data = kg_or_paths
    elif isinstance(kg_or_paths, KnowledgeGraph):
        data = from_knowledge_graph(kg_or_paths, load_shapes(groups, shapes)[0])
    elif kg_or_paths is None:
        data = from_paths([], background=shipped_files())
    else:
        paths = [kg_or_paths] if isinstance(kg_or_paths, (str, Path)) else list(kg_or_paths)
        data = from_paths(paths, input_format, background=shipped_files(["ontology", "shared"]))
    result = run_checks(data, engine, groups, shapes, started, sources=sources,
                        require_sources=require_sources)
    if reason:
        _add_consistency(result, data)
        result.seconds = time.perf_counter() - started
    return result


def _require_java() -> None:
    from ..reason.consistency import java_executable

    if java_executable() is None:
        raise EnvironmentProblem("the OWL consistency check (--reason) needs Java for HermiT, and "
                                 "`java` is not on PATH (Debian: apt-get install default-jre-headless)")


def _add_consistency(result: ValidationResult, data: ValidationData) -> None:
    """Check ontology + data with HermiT in its own owlready2 World; record a finding if inconsistent."""
    import pyoxigraph as ox

    from ..reason.consistency import check_consistency
    from ..store import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.store.extend(data.quads)
    verdict = check_consistency(kg)
    result.consistency = verdict
    if verdict.coherent:
        return
    _, rules = load_shapes(("consistency",))
    ontology = "https://w3id.org/iorkg/ontology"
    message = f"HermiT finds ontology and data {'incoherent' if verdict.consistent else 'inconsistent'}: {verdict.text}"
    add_results(result.report_graph, [(ox.NamedNode(ontology), OWL_CONSISTENCY, message, None,
                                        "SPARQLConstraintComponent")])
    rule = rules.get(OWL_CONSISTENCY)
    result.results.insert(0, Finding(ontology, "ontology and data", "owl-consistency", "consistency",
                                     message, None, None, "violation", rule.hint if rule else "",
                                     "sh:SPARQLConstraintComponent", OWL_CONSISTENCY))
    result.conforms = False
    set_conforms(result.report_graph, False)
