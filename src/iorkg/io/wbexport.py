"""A case graph out as a case workbook (the inverse of `iorkg.io.workbook`): importing what this
writes gives back the same triples. Triples no column holds go to the statements sheet; what not
even that sheet can hold (blank nodes outside the evidence pattern) is reported, never dropped."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, IorkgError
from ..namespaces import IORKG, IORKGC, OA, PROV, SKOS, XSD
from .mapping import Column, Mapping, Sheet, load_mapping

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from .vocab import Vocabulary

Rows = dict[str, list[dict[str, str]]]


@dataclass
class ExportedWorkbook:
    """The rows of each sheet, and what could only go on the statements sheet or nowhere."""

    name: str
    rows: Rows
    statements: int = 0
    unexpressed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{len(r)} {s}" for s, r in self.rows.items() if r)
        return (f"{self.name}: {counts}; {self.statements} triples on the statements sheet"
                + (f"; {len(self.unexpressed)} triples the workbook cannot hold" if self.unexpressed else ""))


class CannotExpress(IorkgError):
    """Triples of a case that no sheet of the workbook can hold (exit 1)."""


def _natural(value: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", value)]


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


class _Exporter:
    def __init__(self, graph: "rdflib.Graph", name: str, mapping: Mapping, vocab: "Vocabulary",
                 prefix: str | None, sources_dir: Path | None, offsets: bool = False) -> None:
        import rdflib

        self.g = graph
        self.offsets = offsets
        self.name = name
        self.mapping = mapping
        self.vocab = vocab
        self.prefix = prefix
        self.sources_dir = sources_dir
        cases = list(graph.subjects(rdflib.RDF.type, rdflib.URIRef(IORKG + "Case")))
        if len(cases) != 1:
            raise InputError(None, f"expected one iorkg:Case in the graph, found {len(cases)}")
        self.case = cases[0]
        local = _local(str(self.case))
        self.namespace = str(self.case)[:-len(local)]
        self.case_id = local
        self.consumed: set = set()
        langs = Counter(o.language for o in graph.objects() if isinstance(o, rdflib.Literal) and o.language)
        self.language = langs.most_common(1)[0][0] if langs else "en"
        self.ids: set[str] = set()
        self.codes: dict[str, str] = {}
        self._texts: dict = {}

    # values ---------------------------------------------------------------------------------
    def ref(self, term) -> str:
        iri = str(term)
        if iri.startswith(self.namespace) and iri[len(self.namespace):] in self.ids:
            return iri[len(self.namespace):]
        if self.prefix and iri.startswith(self.namespace):
            return f"{self.prefix}:{iri[len(self.namespace):]}"
        short = self.mapping.shorten(iri)
        return short if short != iri else f"<{iri}>"

    def fits(self, column: Column, term) -> bool:
        import rdflib

        kind = column.kind
        if kind == "text":
            if not isinstance(term, rdflib.Literal):
                return False
            if column.lang:
                return term.language == self.language and term.datatype is None
            want = self.mapping.expand(column.datatype) if column.datatype else None
            return term.language is None and (str(term.datatype) if term.datatype else None) == want
        if kind == "boolean":
            return isinstance(term, rdflib.Literal) and str(term.datatype) == XSD + "boolean" \
                and str(term) in ("true", "false")
        if kind == "decimal":
            return isinstance(term, rdflib.Literal) and str(term.datatype) == XSD + "decimal"
        if kind == "node":
            return isinstance(term, rdflib.URIRef)
        if kind == "concept":
            return isinstance(term, rdflib.URIRef) and str(term) in self.allowed(column)
        if kind == "code":
            return isinstance(term, rdflib.URIRef) and str(term) in self.codes
        return False

    def allowed(self, column: Column) -> tuple[str, ...]:
        if column.values:
            return tuple(self.mapping.expand(v) or v for v in column.values)
        return self.vocab.concepts(self.mapping.expand(column.scheme) or "")

    def cell(self, column: Column, term) -> str:
        if column.kind in ("text", "boolean", "decimal"):
            return str(term)
        if column.kind == "concept":
            allowed = self.allowed(column)
            local = _local(str(term))
            return local if sum(_local(c) == local for c in allowed) == 1 else self.mapping.shorten(str(term))
        if column.kind == "code":
            return self.codes[str(term)]
        return self.ref(term)

    def take(self, s, p, o) -> None:
        self.consumed.add((s, p, o))

    # sheets ---------------------------------------------------------------------------------
    def sheet_of(self, types: list[str]) -> Sheet:
        fallback = None
        for sheet in self.mapping.sheets:
            if not sheet.is_node_sheet:
                continue
            allowed = self.vocab.classes_under(tuple(self.mapping.expand(c) or c for c in sheet.classes))
            if any(t in allowed for t in types):
                return sheet
            if sheet.any_class:
                fallback = sheet
        return fallback

    def accepted(self, sheet: Sheet, types: list[str]) -> list[str]:
        """The types the importer accepts on this sheet (the others go on the statements sheet)."""
        allowed = self.vocab.classes_under(tuple(self.mapping.expand(c) or c for c in sheet.classes))
        return [t for t in types if t in allowed or (sheet.any_class and t in self.vocab.classes)]

    def export(self) -> ExportedWorkbook:
        import rdflib

        g = self.g
        evidence = sorted(g.subjects(rdflib.RDF.type, rdflib.URIRef(IORKG + "Evidence")), key=lambda t: _natural(str(t)))
        codes = sorted(g.subjects(rdflib.RDF.type, rdflib.URIRef(IORKG + "StudyCode")), key=lambda t: _natural(str(t)))
        for code in codes:
            notation = g.value(code, rdflib.URIRef(SKOS + "notation"))
            if notation is not None:
                self.codes[str(code)] = str(notation)
        nodes = []
        skip = set(evidence) | set(codes) | {rdflib.URIRef(self.namespace + "codebook")} if codes else set(evidence)
        for s in sorted({s for s in g.subjects() if isinstance(s, rdflib.URIRef)}, key=lambda t: _natural(str(t))):
            if s in skip:
                continue
            types = [str(t) for t in g.objects(s, rdflib.RDF.type)]
            if not types or not str(s).startswith(self.namespace):
                continue
            local = str(s)[len(self.namespace):]
            sheet = self.mapping.sheet("case") if s == self.case else self.sheet_of(types)
            if not re.match(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", local) or not self.accepted(sheet, types):
                continue  # no sheet takes it: its triples go on the statements sheet
            nodes.append((s, types))
            self.ids.add(local)
        for e in evidence:
            self.ids.add(str(e)[len(self.namespace):])
        rows: Rows = {sheet.name: [] for sheet in self.mapping.sheets}
        for s, types in nodes:
            sheet = self.mapping.sheet("case") if s == self.case else self.sheet_of(types)
            rows[sheet.name].append(self.node_row(sheet, s, types))
        rows["codes"] = [self.code_row(c) for c in codes if str(c) in self.codes]
        rows["evidence"] = []
        for e in evidence:
            row = self.evidence_row(e)
            if row:
                rows["evidence"].append(row)
            else:  # its triples go to the statements sheet or the report
                self.ids.discard(str(e)[len(self.namespace):])
        statements, unexpressed = self.leftovers()
        rows["statements"] = statements
        return ExportedWorkbook(self.name, rows, len(statements), unexpressed)

    def node_row(self, sheet: Sheet, s, types: list[str]) -> dict[str, str]:
        import rdflib

        g = self.g
        row: dict[str, str] = {"id": str(s)[len(self.namespace):]}
        roots = tuple(self.mapping.expand(c) or c for c in sheet.classes)
        allowed = self.vocab.classes_under(roots)
        names = []
        for t in sorted(self.accepted(sheet, types)):
            local = _local(t)
            names.append(local if t in allowed and sum(_local(c) == local for c in allowed) == 1
                         else self.mapping.shorten(t))
            self.take(s, rdflib.RDF.type, rdflib.URIRef(t))
        row["type"] = "; ".join(names)
        if s != self.case:
            self.take(s, rdflib.URIRef(IORKG + "inCase"), self.case)
        for column in sheet.columns:
            if column.property is None or column.kind in ("id", "type", "special"):
                continue
            p = rdflib.URIRef(self.mapping.expand(column.property))
            values = sorted((o for o in g.objects(s, p) if self.fits(column, o) and (s, p, o) not in self.consumed),
                            key=lambda o: _natural(self.cell(column, o)))
            if not values:
                continue
            chosen = values if column.multi else values[:1]
            for o in chosen:
                self.take(s, p, o)
            row[column.name] = (self.mapping.separator + " ").join(self.cell(column, o) for o in chosen)
        if sheet.name == "case":
            row.update({"template_version": str(self.mapping.template_version), "name": self.name,
                        "namespace": self.namespace, "prefix": self.prefix or "",
                        "language": self.language})
        return row

    def code_row(self, code) -> dict[str, str]:
        import rdflib

        g = self.g
        row = {"id": self.codes[str(code)]}
        book = rdflib.URIRef(self.namespace + "codebook")
        self.take(code, rdflib.RDF.type, rdflib.URIRef(IORKG + "StudyCode"))
        self.take(code, rdflib.URIRef(IORKG + "inCase"), self.case)
        self.take(code, rdflib.URIRef(SKOS + "notation"), rdflib.Literal(row["id"]))
        self.take(code, rdflib.URIRef(SKOS + "inScheme"), book)
        self.take(book, rdflib.RDF.type, rdflib.URIRef(IORKG + "Codebook"))
        self.take(book, rdflib.URIRef(IORKG + "inCase"), self.case)
        label = next((o for o in g.objects(code, rdflib.URIRef(SKOS + "prefLabel"))
                      if getattr(o, "language", None) == self.language), None)
        if label is not None:
            row["label"] = str(label)
            self.take(code, rdflib.URIRef(SKOS + "prefLabel"), label)
        for word, local in (("exact", "exactMatch"), ("close", "closeMatch"), ("broad", "broadMatch"),
                            ("narrow", "narrowMatch")):
            target = g.value(code, rdflib.URIRef(SKOS + local))
            if target is not None and "concept" not in row:
                row["concept"], row["match"] = self.mapping.shorten(str(target)), word
                self.take(code, rdflib.URIRef(SKOS + local), target)
        ns = self.mapping.workbook_namespace
        for column, prop in (("becomes", ns + "becomes"), ("target", ns + "target"),
                             ("relationship", ns + "relationship"), ("status", ns + "status"),
                             ("note", SKOS + "note")):
            value = g.value(code, rdflib.URIRef(prop))
            if value is None:
                continue
            if column == "note" and getattr(value, "language", None) != self.language:
                continue
            row[column] = self.ref(value) if column in ("target", "relationship") else \
                (_local(str(value)) if column == "status" else str(value))
            self.take(code, rdflib.URIRef(prop), value)
        return row

    def evidence_row(self, e) -> dict[str, str] | None:
        import rdflib

        g = self.g
        U = rdflib.URIRef
        targets = list(g.objects(e, U(OA + "hasTarget")))
        bodies = list(g.objects(e, U(OA + "hasBody")))
        statuses = list(g.objects(e, U(IORKG + "epistemicStatus")))
        if len(targets) != 1 or len(bodies) != 1 or len(statuses) != 1:
            return None
        target, body = targets[0], bodies[0]
        source = g.value(target, U(OA + "hasSource"))
        quote = position = None
        for sel in g.objects(target, U(OA + "hasSelector")):
            kinds = set(g.objects(sel, rdflib.RDF.type))
            if U(OA + "TextQuoteSelector") in kinds:
                quote = sel
            elif U(OA + "TextPositionSelector") in kinds:
                position = sel
        if source is None or quote is None or position is None:
            return None
        exact, prefix, suffix = (g.value(quote, U(OA + k)) for k in ("exact", "prefix", "suffix"))
        start, end = (g.value(position, U(OA + k)) for k in ("start", "end"))
        true = rdflib.Literal("true", datatype=rdflib.XSD.boolean)
        redacted = (e, U(IORKG + "redacted"), true) in g and (exact, prefix, suffix) == (None, None, None)
        if redacted:
            exact = prefix = suffix = rdflib.Literal("")
        if None in (exact, prefix, suffix, start, end):
            return None
        expected = {(target, rdflib.RDF.type, U(OA + "SpecificResource")), (target, U(OA + "hasSource"), source),
                    (target, U(OA + "hasSelector"), quote), (target, U(OA + "hasSelector"), position),
                    (quote, rdflib.RDF.type, U(OA + "TextQuoteSelector")),
                    (position, rdflib.RDF.type, U(OA + "TextPositionSelector")),
                    (position, U(OA + "start"), start), (position, U(OA + "end"), end)}
        if not redacted:
            expected |= {(quote, U(OA + "exact"), exact), (quote, U(OA + "prefix"), prefix),
                         (quote, U(OA + "suffix"), suffix)}
        actual = set(g.triples((target, None, None))) | set(g.triples((quote, None, None))) | \
            set(g.triples((position, None, None)))
        nni = XSD + "nonNegativeInteger"
        if actual != expected or any(t.datatype is not None or t.language for t in (exact, prefix, suffix)) \
                or str(start.datatype) != nni or str(end.datatype) != nni \
                or str(g.value(e, U(IORKG + "inCase"))) != str(self.case):
            return None
        taken = set(expected)
        row = {"id": str(e)[len(self.namespace):], "node": self.ref(body), "source": self.ref(source),
               "quote": str(exact), "status": _local(str(statuses[0]))}
        if redacted:
            taken.add((e, U(IORKG + "redacted"), true))
            row.update({"redacted": "TRUE", "start": str(start), "end": str(end)})
        if (body, U(IORKG + "hasEvidence"), e) not in g:
            return None  # the importer always writes hasEvidence: leave this node to the report
        taken.add((body, U(IORKG + "hasEvidence"), e))
        for p, o in ((rdflib.RDF.type, U(IORKG + "Evidence")), (U(IORKG + "inCase"), self.case),
                     (U(OA + "hasBody"), body), (U(OA + "hasTarget"), target),
                     (U(IORKG + "epistemicStatus"), statuses[0])):
            taken.add((e, p, o))
        if str(statuses[0]) not in (IORKGC + "stated", IORKGC + "interpreted"):
            return None
        single = {"rationale": IORKG + "rationale", "coder": PROV + "wasAttributedTo",
                  "slot": IORKG + "supportsSlot", "coded_segment": IORKG + "codedSegment",
                  "motivation": OA + "motivatedBy"}
        sheet = self.mapping.sheet("evidence")
        for name, prop in single.items():
            column = sheet.column(name)
            fitting = [v for v in g.objects(e, U(prop)) if self.fits(column, v)]
            if name == "coded_segment":
                fitting = [v for v in fitting if str(v) == "true"]
            if len(fitting) != 1:
                continue
            value = fitting[0]
            taken.add((e, U(prop), value))
            if name == "motivation" and str(value) == OA + "classifying":
                continue
            row[name] = "TRUE" if name == "coded_segment" else self.cell(column, value)
        if not any(t[1] == U(OA + "motivatedBy") for t in taken):
            return None  # the importer would add oa:classifying
        self.consumed |= taken
        if not redacted:
            self.place(row, str(exact), str(prefix), str(suffix), int(start), int(end), source)
        return row

    def place(self, row: dict[str, str], exact: str, prefix: str, suffix: str, start: int,
              end: int, source) -> None:
        """Occurrence when the source is here and recomputes the same selectors; else the offsets."""
        from ..textquote import occurrences, selectors

        text = None if self.offsets else self.source_text(source)
        if text is not None and text[start:end] == exact and end == start + len(exact):
            starts = occurrences(text, exact)
            recomputed = selectors(text, start, end)
            if recomputed.prefix == prefix and recomputed.suffix == suffix:
                if len(starts) > 1:
                    row["occurrence"] = str(starts.index(start) + 1)
                return
        row.update({"start": str(start), "end": str(end), "prefix": prefix, "suffix": suffix})

    def source_text(self, source) -> str | None:
        if source not in self._texts:
            self._texts[source] = self._source_text(source)
        return self._texts[source]

    def _source_text(self, source) -> str | None:
        import rdflib

        from ..resources import find_source
        from .workbook import _read_text, _shared_source_file

        file = self.g.value(source, rdflib.URIRef(IORKG + "sourceFile"))
        file = str(file) if file is not None else _shared_source_file(str(source))
        if file is None:
            return None
        if self.sources_dir and (self.sources_dir / file).is_file():
            return _read_text(self.sources_dir / file)
        found = find_source(file)
        return _read_text(found) if found else None

    def leftovers(self) -> tuple[list[dict[str, str]], list[str]]:
        import rdflib

        rows, unexpressed = [], []
        for s, p, o in sorted(set(self.g) - self.consumed, key=lambda t: tuple(_natural(str(x)) for x in t)):
            if isinstance(s, rdflib.BNode) or isinstance(o, rdflib.BNode):
                unexpressed.append(f"{s.n3()} {p.n3()} {o.n3()} .")
                continue
            row = {"subject": self.ref(s), "property": self.mapping.shorten(str(p))}
            if row["property"] == str(p):
                row["property"] = f"<{p}>"
            if isinstance(o, rdflib.Literal):
                row.update({"object": str(o), "kind": "literal",
                            "datatype": self.mapping.shorten(str(o.datatype)) if o.datatype else "",
                            "language": o.language or ""})
            else:
                row.update({"object": self.ref(o), "kind": "node"})
            rows.append(row)
        return rows, unexpressed


def graph_to_rows(graph: "rdflib.Graph", name: str, prefix: str | None = None,
                  sources: str | Path | None = None, offsets: bool = False) -> ExportedWorkbook:
    """The rows of a case workbook that say what `graph` (one case) says.

    With `offsets`, every evidence row keeps its start, end, prefix and suffix even where the
    source text is at hand (for a case whose text does not travel with it).
    """
    from .vocab import vocabulary

    return _Exporter(graph, name, load_mapping(), vocabulary(), prefix,
                     Path(sources) if sources else None, offsets).export()


def export_workbook(graph: "rdflib.Graph", output: str | Path, name: str, prefix: str | None = None,
                    sources: str | Path | None = None, strict: bool = True,
                    offsets: bool = False) -> ExportedWorkbook:
    """Write a case graph as a workbook: `.xlsx`, or a folder of CSV files when `output` has no suffix.

    With `strict`, triples no sheet can hold raise CannotExpress (naming them) and nothing is written.
    """
    from .template import write_csv_folder, write_xlsx

    exported = graph_to_rows(graph, name, prefix, sources, offsets)
    if exported.unexpressed and strict:
        listed = "\n  ".join(exported.unexpressed[:20])
        raise CannotExpress(f"{len(exported.unexpressed)} triples of {name} fit no sheet of the "
                            f"workbook (nothing written):\n  {listed}")
    output = Path(output)
    if output.suffix.lower() == ".xlsx":
        write_xlsx(exported.rows, output, examples=False)
    else:
        write_csv_folder(exported.rows, output)
    return exported


def export_case(paths: list[str | Path], graph: str, output: str | Path,
                sources: str | Path | None = None, offsets: bool = False) -> ExportedWorkbook:
    """`iorkg export [FILE] --graph CASE --format workbook`: one case, of the shipped data or of a file.

    The case is read from its file as written (a store would canonicalise typed literals).
    """
    import rdflib

    from ..catalog import graph_named
    from ..namespaces import GRAPH_BASE, PREFIXES

    if paths:
        if len(paths) != 1:
            raise InputError(None, "--format workbook takes one case file")
        path = Path(paths[0])
        name = graph if graph != "all" else path.stem
        name = name.removeprefix(GRAPH_BASE)
    else:
        entry = graph_named(graph)
        if entry.role != "case":
            raise InputError(None, f"{graph!r} is not a case; --format workbook writes one case")
        path, name = entry.path, entry.name
    g = rdflib.Graph()
    try:
        g.parse(path)
    except Exception as exc:  # rdflib raises several kinds of syntax errors
        raise InputError(path, f"cannot read the case: {exc}") from None
    return export_workbook(g, output, name, _case_prefix(g, PREFIXES), sources, offsets=offsets)


def _ttl():
    from ..rdf.formats import format_named

    return format_named("ttl")


def _case_prefix(g: "rdflib.Graph", known: dict[str, str]) -> str | None:
    import rdflib

    for case in g.subjects(rdflib.RDF.type, rdflib.URIRef(IORKG + "Case")):
        ns = str(case)[:-len(_local(str(case)))]
        for prefix, iri in known.items():
            if iri == ns:
                return prefix
    return None


__all__ = ["ExportedWorkbook", "CannotExpress", "graph_to_rows", "export_workbook", "export_case"]
