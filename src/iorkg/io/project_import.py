"""`iorkg import PROJECT.qdpx --codes WORKBOOK`: a coded REFI-QDA project joined to the case its
workbook describes, through the workbook's `codes` sheet, validated, and written only when valid."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import InputError

from .workbook import ImportResult

if TYPE_CHECKING:  # pragma: no cover
    from .qdpx import CodeMapping
    from .qdpx import ImportResult as ProjectPart


@dataclass
class ProjectImport(ImportResult):
    """What importing a project did: the workbook's case and verdict (as for a workbook), the
    project's part, and the file written."""

    project: "ProjectPart | None" = None

    def summary(self) -> str:
        verdict = "valid" if self.ok else "INVALID"
        where = f"; wrote {self.written}" if self.written else "; nothing written"
        segments = len(self.project.rows) if self.project is not None else 0
        return (f"{self.case.name}: {segments:,} coded segment(s) imported beside the "
                f"workbook's case; {verdict} ({len(self.validation.violations)} violations, "
                f"{len(self.validation.warnings)} warnings){where}")


def code_mappings(workbook: str | Path) -> list["CodeMapping"]:
    """The rows of a workbook's `codes` sheet as code mappings; InputError naming the cell's row."""
    from .qdpx import CodeMapping
    from .sheets import read_tables

    table = read_tables(workbook).get("codes")
    if table is None or not table.rows:
        raise InputError(workbook, "the workbook has no rows in its codes sheet, so no code of the "
                                   "project can be mapped; fill the codes sheet (docs/workbook.md)")
    mappings = []
    for number, cells in table.rows:
        values = {name: cell.value for name, cell in cells.items()}
        mappings.append(CodeMapping.from_row(values, where=f"{table.file}, sheet codes, row {number}"))
    return mappings


def import_project_with_codes(project: str | Path, codes: str | Path, sources: str | Path | None = None,
                              output: str | Path | None = None, check: bool = False,
                              timings: dict[str, float] | None = None,
                              progress: "Callable[[str], None] | None" = None) -> ProjectImport:
    """Import a REFI-QDA project into the case of a workbook, through its codes sheet.

    The workbook gives the case (its node, actors, relationships ...) and the code map; the
    project's coded segments become evidence with quotes cut from its source texts. The result
    is validated with the shapes and the evidence check, and its Turtle is written beside the
    project (or to `output`) atomically, only when valid, with the project's source texts in
    `sources/` beside it; `check` writes nothing. `timings`, when given, receives the
    seconds each stage took (workbook, read, triples, validate, write); `progress`, when given,
    a line as each stage ends.
    """
    from ..rdf.terms import many_terms

    with many_terms():
        return _import(project, codes, sources, output, check, _Clock(timings, progress))


def _import(project: str | Path, codes: str | Path, sources: str | Path | None,
            output: str | Path | None, check: bool, clock: "_Clock") -> ProjectImport:
    import pyoxigraph as ox
    from rdflib import BNode, URIRef

    from ..namespaces import IORKG, PREFIXES
    from ..rdf.files import atomic_write, serialize_quads
    from ..validate import from_quads, validate
    from .qdpx import build_import, read_project
    from .workbook import build_case

    case = build_case(codes, sources)
    mappings = _with_code_nodes(code_mappings(codes), case.graph)
    described = frozenset(str(s) for s in case.graph.subjects() if not isinstance(s, BNode))
    clock.lap("workbook", f"read the workbook: case {case.name}, {len(mappings)} code(s) in its codes sheet")
    read = read_project(project, sources)
    clock.lap("read", f"read the project: {len(read.sources)} source(s), {len(read.segments):,} coded "
                      "segment(s)")
    focal = next(case.graph.objects(None, URIRef(IORKG + "focalRelationship")), None)
    part = build_import(read, mappings, case.namespace, graph=case.graph_iri, existing=described,
                        focal_relationship=str(focal) if focal is not None else None)
    workbook_quads = case.builder.quads(case.graph_iri)  # the case's own graph, beside the project's part
    quads = workbook_quads + _apart(part.quads(), workbook_quads)
    clock.lap("triples", f"made {len(quads):,} quads; validating")
    with tempfile.TemporaryDirectory(prefix="iorkg-import-") as tmp:
        texts = Path(tmp) / "sources"
        part.write_sources(texts)
        result = validate(from_quads(quads), sources=[texts, *_workbook_sources(codes, sources)])
    clock.lap("validate", f"validated: {'valid' if result.conforms else 'INVALID'}")
    written = None
    if result.conforms and not check:
        target = Path(output) if output else Path(project).with_suffix(".ttl")
        triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        header = (f"# iorkg case graph <{case.graph_iri}>\n# Generated by `iorkg import` from "
                  f"{Path(project).name} and the code map of {Path(codes).name}.\n").encode("utf-8")
        data = serialize_quads((ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ordered),
                               _turtle(), {**PREFIXES, "case": case.namespace})
        written = atomic_write(target, header + data)  # a failure names the file (exit 2, or 3 if full)
        part.write_sources(target.parent / "sources")  # the texts the evidence quotes, beside it
        _copy_workbook_sources(workbook_quads, _workbook_sources(codes, sources), target.parent / "sources")
    clock.lap("write", f"wrote {written}" if written else None)
    return ProjectImport(case, result, written, project=part)


def _copy_workbook_sources(quads: list, folders: list[Path], into: Path) -> list[Path]:
    """Copy the texts the workbook's own evidence quotes (its `iorkg:sourceFile`s, found in its
    source folders) into `into`, so that the written case can be checked where it lies; restricted
    sources are not copied, nor a text already there."""
    import pyoxigraph as ox

    from ..namespaces import IORKG
    from ..rdf.files import atomic_write
    from ..validate.evidence import unsafe
    from .redact import restricted_nodes

    _, restricted = restricted_nodes(quads)  # a restricted case's sources count as restricted
    names = {q.object.value for q in quads if q.predicate.value == IORKG + "sourceFile"
             and isinstance(q.object, ox.Literal) and q.subject.value not in restricted}
    copied = []
    for name in sorted(n for n in names if not unsafe(n)):
        found = next((f / name for f in folders if (f / name).is_file()), None)
        if found is None or (into / name).exists():
            continue
        copied.append(atomic_write(into / name, found.read_bytes()))
    return copied


def _apart(quads: list, other: list) -> list:
    """`quads` with every blank node that `other` also names given a label of its own (the workbook's
    and the project's evidence name their selectors after the evidence node, in different ways)."""
    import pyoxigraph as ox

    def labels(of: list) -> set[str]:
        return {t.value for q in of for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)}

    taken = labels(other)
    if not taken or not taken & labels(quads):
        return quads

    def own(term):
        if isinstance(term, ox.BlankNode) and term.value in taken:
            label = term.value + "-qdpx"
            while label in taken:
                label += "-qdpx"
            return ox.BlankNode(label)
        return term

    return [ox.Quad(own(q.subject), q.predicate, own(q.object), q.graph_name) for q in quads]


def _with_code_nodes(mappings: list["CodeMapping"], graph) -> list["CodeMapping"]:
    """The mappings with the study code nodes the workbook made of the same codes sheet rows
    (found by their skos:notation, the row's id), so that segments are coded with those nodes
    and no second node is made for a code."""
    from dataclasses import replace

    from rdflib import RDF, URIRef
    from rdflib.namespace import SKOS

    from ..namespaces import IORKG

    nodes = {str(graph.value(node, SKOS.notation)): str(node)
             for node in graph.subjects(RDF.type, URIRef(IORKG + "StudyCode"))}
    return [replace(m, node=nodes.get(m.code, m.node)) for m in mappings]


def _workbook_sources(workbook: str | Path, sources: str | Path | None) -> list[Path]:
    """The folders the workbook's own quotes come from (as `build_case` looks for them)."""
    workbook = Path(workbook)
    folders = [Path(sources)] if sources else []
    folders.append(workbook.parent / "sources")
    if workbook.is_dir():
        folders.append(workbook / "sources")
    return [f for f in folders if f.is_dir()]


class _Clock:
    """Seconds per stage into a dict (or nowhere), and a line per stage to `progress` (or nowhere)."""

    def __init__(self, timings: dict[str, float] | None,
                 progress: "Callable[[str], None] | None" = None) -> None:
        import time

        self.timings, self.progress = timings, progress
        self.now, self.last = time.perf_counter, time.perf_counter()

    def lap(self, stage: str, line: str | None = None) -> None:
        now = self.now()
        if self.timings is not None:
            self.timings[stage] = now - self.last
        if self.progress is not None and line:
            self.progress(f"{line} ({now - self.last:.1f} s)")
        self.last = now


def _turtle():
    from ..rdf.formats import format_named

    return format_named("ttl")
