"""The offline HTML report: a static site that works from disk, with no server and no network.

Pages: ``index.html`` (the cases, the validation status, corpus figures), one page per case
(figures, network measures, every competency question's answer, the evidence with its context),
``questions.html`` (the catalogue and its SPARQL), ``ontology.html`` (every class, property and
concept) and, with ``include_sources``, each source text with its quoted passages highlighted.
Assets are local files (one stylesheet, PNG figures); the site holds no script.

The site is written into a temporary folder beside the target and renamed into place, so a
failed run leaves the previous report as it was.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from ..store import KnowledgeGraph

MARKER = ".iorkg-report"
# Per-case figures are drawn for every case of a dataset this small, and only for the cases asked
# for above it (a figure costs about 0.1 to 0.2 s).
FIGURES_FOR_ALL_UP_TO = 10
VALIDATION_ROWS = 50
QUOTE_COLUMNS = ("quote", "prefix", "suffix")
WITHHELD = "[withheld: restricted]"

_CONTEXT = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?evidence ?prefix ?suffix WHERE {
  GRAPH ?g { ?evidence oa:hasTarget ?target . ?target oa:hasSelector ?selector .
             ?selector a oa:TextQuoteSelector .
             OPTIONAL { ?selector oa:prefix ?p } OPTIONAL { ?selector oa:suffix ?s } }
  BIND (COALESCE(STR(?p), "") AS ?prefix)
  BIND (COALESCE(STR(?s), "") AS ?suffix)
} ORDER BY ?evidence ?prefix ?suffix
"""

# A case or source whose access level is "restricted" (issue 14's design: `...accessLevel` with a
# value ending in "restricted"); its quotes stay out of the site unless include_restricted.
_RESTRICTED = """
PREFIX iorkg: <https://w3id.org/iorkg/ontology#>
SELECT DISTINCT ?node ?file WHERE {
  GRAPH ?g { ?node ?p ?level }
  FILTER (STRENDS(STR(?p), "accessLevel") && STRENDS(LCASE(STR(?level)), "restricted"))
  OPTIONAL { GRAPH ?fg { ?node iorkg:sourceFile ?f } }
  BIND (COALESCE(STR(?f), "") AS ?file)
} ORDER BY ?node ?file
"""


@dataclass
class Cell:
    """One table cell: its HTML (escaped already) and whether it is a number."""

    html: Any
    num: bool = False


@dataclass
class HtmlTable:
    """A table for a page: title, columns, rows of cells, and what it answers."""

    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    name: str = ""
    question: str = ""

    def to_html(self, table_id: str | None = None) -> Any:
        """The table as HTML (cells are escaped already), or a note when it has no rows."""
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in self.columns)
        body = "\n".join("<tr>" + "".join(f'<td class="num">{c.html}</td>' if c.num else f"<td>{c.html}</td>"
                                          for c in row) + "</tr>" for row in self.rows)
        ident = f' id="{html.escape(table_id, quote=True)}"' if table_id else ""
        out = f'<table{ident} class="answer">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'
        if not self.rows:
            out += '\n<p class="note">No rows: the graph holds nothing this question asks for.</p>'
        return _markup(out)


@dataclass
class ReportResult:
    """What `write_report` wrote: the folder, its pages and figures, and how long it took."""

    output: Path
    pages: int
    figures: int
    cases: int
    seconds: float
    conforms: bool
    notes: list[str] = field(default_factory=list)


def _stderr(message: str) -> None:
    print(f"iorkg report: {message}", file=sys.stderr, flush=True)


def slug(text: str) -> str:
    """A file-name-safe form of an IRI or label."""
    text = re.sub(r"^https?://(w3id\.org/iorkg/)?", "", text)
    text = re.sub(r"/case$", "", text)
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:80] or "case"


def dataset(paths: Sequence[str | Path] = (), with_examples: bool = False) -> "KnowledgeGraph":
    """The knowledge graph a report is made of: the files given (else the shipped real cases)
    beside the ontology and the shared records; the fictional example only with `with_examples`."""
    from .. import open as open_graphs

    return open_graphs(*paths, examples=with_examples)


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


_NUMERIC = ("#integer", "#nonNegativeInteger", "#decimal", "#double", "#int", "#positiveInteger")


def _cell(value: Any, seen: dict[Any, Cell]) -> Cell:
    """The cell of one term (the library's `cell_text`, escaped), computed once per distinct term."""
    if value is None:
        return Cell("")
    cell = seen.get(value)
    if cell is None:
        import pyoxigraph as ox

        from ..query.render import cell_text

        numeric = isinstance(value, ox.Literal) and value.datatype.value.endswith(_NUMERIC)
        cell = seen[value] = Cell(html.escape(cell_text(value)), numeric)
    return cell


def _answer_tables(kg: "KnowledgeGraph", restricted_cases: set[str],
                   progress: Callable[[str], None]) -> tuple[list[Any], dict[str, list[HtmlTable]]]:
    """Every question run once over the whole dataset, its rows split by case."""
    from ..query.catalogue import catalogue

    infos = catalogue()
    seen: dict[Any, Cell] = {}
    withheld = Cell(WITHHELD)
    per_case: dict[str, list[HtmlTable]] = defaultdict(list)
    for info in infos:
        started = time.perf_counter()
        result = kg.query(info.name)
        case_index = result.variables.index("case") if "case" in result.variables else None
        grouped: dict[str, list[list[Cell]]] = defaultdict(list)
        for terms in result.terms:
            case = terms[case_index].value if case_index is not None and terms[case_index] is not None else ""
            row = []
            for variable, term in zip(result.variables, terms):
                if variable in QUOTE_COLUMNS and case in restricted_cases and term is not None:
                    row.append(withheld)
                else:
                    row.append(_cell(term, seen))
            grouped[case].append(row)
        for case, rows in grouped.items():
            per_case[case].append(HtmlTable(info.title, list(result.variables), rows, name=info.name,
                                            question=info.question))
        progress(f"question {info.name}: {len(result.terms)} rows ({time.perf_counter() - started:.2f} s)")
    # every case page lists every question, answered or not
    for case, tables in per_case.items():
        answered = {t.name for t in tables}
        tables.extend(HtmlTable(i.title, [c.strip() for c in _column_names(i)], [], name=i.name,
                                question=i.question) for i in infos if i.name not in answered)
        tables.sort(key=lambda t: [i.name for i in infos].index(t.name))
    return infos, per_case


def _column_names(info: Any) -> list[str]:
    """The column names a question's header lists (its explanations in parentheses left out)."""
    plain = re.sub(r"\([^()]*\)", "", info.columns or "")
    return [c.strip() for c in plain.split(",") if c.strip()]


def _restricted(kg: "KnowledgeGraph") -> tuple[set[str], set[str]]:
    rows = kg.query(_RESTRICTED).rows
    return {r["node"] for r in rows}, {r["file"] for r in rows if r["file"]}


def _evidence_tables(kg: "KnowledgeGraph", restricted_cases: set[str], restricted_files: set[str],
                     include_restricted: bool, source_pages: dict[str, str]) -> tuple[dict[str, HtmlTable], dict[str, list[dict]], int]:
    """The evidence table of each case: quote in its context, status, rationale, who read it."""
    context = {r["evidence"]: (r["prefix"], r["suffix"]) for r in kg.query(_CONTEXT).rows}
    rows_by_case: dict[str, list[dict]] = defaultdict(list)
    for row in kg.query("evidence").rows:
        rows_by_case[row["case"]].append(row)
    tables: dict[str, HtmlTable] = {}
    withheld = 0
    for case, rows in rows_by_case.items():
        cells = []
        for row in rows:
            prefix, suffix = context.get(row["evidence"], ("", ""))
            hidden = not include_restricted and (case in restricted_cases or row["source"] in restricted_files)
            if hidden:
                withheld += 1
                quote = _markup(WITHHELD)
            else:
                mark = f'<mark id="q-{_anchor(row["evidence"])}">{html.escape(row["quote"] or "")}</mark>'
                page = source_pages.get(row["source"] or "")
                if page and row["start"] is not None:
                    mark = f'<a href="{page}#s-{_anchor(row["evidence"])}">{mark}</a>'
                quote = _markup(f'<span class="ctx">…{html.escape(prefix)}</span>{mark}'
                                f'<span class="ctx">{html.escape(suffix)}…</span>')
            status = row["status"]
            cells.append([Cell(html.escape(row["node_label"])), Cell(quote),
                          Cell(f'<span class="{html.escape(status)}">{html.escape(status)}</span>'),
                          Cell(html.escape(row["rationale"] or "")),
                          Cell(html.escape(row["attributed_to"] or "")),
                          Cell(html.escape(row["slot"] or "")),
                          Cell(f'{row["start"] if row["start"] is not None else ""}–'
                                       f'{row["end"] if row["end"] is not None else ""}', True),
                          Cell(html.escape(row["source"] or ""))])
        tables[case] = HtmlTable("Evidence", ["statement", "quote (in context)", "status", "rationale",
                                              "interpreted by", "slot", "offsets", "source"], cells)
    return tables, rows_by_case, withheld


def _anchor(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", iri.split("://", 1)[-1])[-90:]


def _source_page(text: str, spans: list[dict], evidence_page: dict[str, str]) -> str:
    """The source text as HTML with every quoted span highlighted; nested or overlapping spans are
    cut at their boundaries, and each piece links to the evidence row of the span it starts with."""
    cuts = sorted({0, len(text)} | {s["start"] for s in spans} | {s["end"] for s in spans})
    firsts = {}
    for s in spans:
        firsts.setdefault(s["start"], []).append(s)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        if not covering:
            out.append(piece)
            continue
        ids = "".join(f'<span id="s-{_anchor(s["evidence"])}"></span>' for s in firsts.get(a, []))
        first = covering[0]
        title = html.escape("; ".join(sorted({s["node_label"] for s in covering})), quote=True)
        target = f'{evidence_page[first["case"]]}#q-{_anchor(first["evidence"])}'
        out.append(f'{ids}<a href="{target}" title="{title}"><mark>{piece}</mark></a>')
    return "".join(out)


def _measure_tables(graphs: dict[str, Any], titles: dict[str, str], kg: "KnowledgeGraph") -> tuple[dict[str, list[HtmlTable]], dict[str, list[str]]]:
    from ..analysis.network import measure

    per_case: dict[str, list[HtmlTable]] = defaultdict(list)
    notes: dict[str, list[str]] = defaultdict(list)
    for kind, graph in graphs.items():
        result = measure(graph, titles, kg)
        for table in result.tables:
            rows = [[Cell(html.escape(_plain(v)), isinstance(v, (int, float))) for v in row]
                    for row in table.rows]
            per_case[table.case].append(HtmlTable(f"{kind}: {table.title.split(': ')[-1]}", table.columns,
                                                  rows, table.note))
        for note in result.notes:
            notes[""].append(f"{kind}: {note}")
    return per_case, notes


def _plain(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def write_report(kg: "KnowledgeGraph", output: str | Path, *, include_restricted: bool = False,
                 include_sources: bool = False, figures_for: Iterable[str] | None = None,
                 progress: Callable[[str], None] | None = _stderr) -> ReportResult:
    """Write the report of a knowledge graph into the folder `output` (replaced whole, atomically).

    `figures_for`: the cases (IRIs or prefixed names) that get per-case figures; by default every
    case of a dataset of up to FIGURES_FOR_ALL_UP_TO cases, and none above (corpus figures only).
    """
    started = time.perf_counter()
    say = progress or (lambda message: None)
    output = Path(output)
    _recover(output)
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise InputError(output, "exists and is not an iorkg report; give a new or empty folder for --output")
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        result = _build(kg, work, include_restricted, include_sources, figures_for, say)
        (work / MARKER).write_text("written by iorkg report\n", encoding="utf-8")
        _swap(work, output)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    result.output = output
    result.seconds = time.perf_counter() - started
    say(f"wrote {output}/index.html: {result.pages} pages, {result.figures} figures, {result.cases} cases "
        f"in {result.seconds:.1f} s")
    return result


def _recover(output: Path) -> None:
    """Undo what a killed run left beside `output`: an earlier site moved aside but not replaced
    (SIGKILL between the two renames of `_swap`) is put back; temporary folders older than
    STALE_AFTER_S are removed (a younger one may be another run's, still writing)."""
    from ..rdf.files import is_stale

    if not output.parent.is_dir():
        return
    moved = sorted(output.parent.glob(f".{output.name}.old-*"))
    if moved and not output.exists() and (moved[-1] / MARKER).exists():
        moved[-1].rename(output)
        moved = moved[:-1]
    now = time.time()
    for leftover in output.parent.glob(f".{output.name}.*"):
        try:
            if leftover.is_dir() and is_stale(leftover, now):
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass


def _swap(work: Path, output: Path) -> None:
    """Put the new site in place of the old in two renames; the old one is removed afterwards."""
    if output.exists():
        old = output.with_name(f".{output.name}.old-{time.time_ns()}")
        output.rename(old)
        work.rename(output)
        shutil.rmtree(old, ignore_errors=True)
    else:
        work.rename(output)
    output.chmod(0o755)


def _build(kg: "KnowledgeGraph", work: Path, include_restricted: bool, include_sources: bool,
           figures_for: Iterable[str] | None, say: Callable[[str], None]) -> ReportResult:
    import jinja2

    from .. import __version__
    from ..analysis.network import KINDS, Answers, build_network, cases as list_cases
    from ..query.params import parse_iri
    from ..resources import find_source
    from ..validate import validate
    from .ontology import ONTOLOGY_GRAPH, ontology_terms

    graph_kg, kg = kg, Answers(kg)  # type: ignore[assignment]  (each question asked once)
    env = jinja2.Environment(loader=jinja2.PackageLoader("iorkg.report", "templates"),
                             autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    shutil.copytree(Path(__file__).parent / "static", work / "static")
    (work / "figures").mkdir()
    (work / "cases").mkdir()
    notes: list[str] = []

    cases = list_cases(kg)
    say(f"{len(cases)} case(s): " + ", ".join(c.title for c in cases[:5]) + (" ..." if len(cases) > 5 else ""))
    pages = {c.iri: f"cases/{slug(c.iri)}.html" for c in cases}
    restricted_cases, restricted_files = _restricted(kg)
    if include_restricted:
        restricted_cases, hidden_files = set(), set()
    else:
        hidden_files = restricted_files

    # SHACL validation runs beside the rest (pyshacl-turbo spends most of its time outside the GIL)
    say("validating (SHACL, pyshacl-turbo) while the pages are made")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="iorkg-validate")
    pending = pool.submit(validate, graph_kg)
    pool.shutdown(wait=False)

    # figures
    if figures_for is None:
        wanted = {c.iri for c in cases} if len(cases) <= FIGURES_FOR_ALL_UP_TO else set()
    else:
        wanted = {parse_iri(c, "case").value for c in figures_for}
        unknown = wanted - {c.iri for c in cases}
        if unknown:
            raise InputError(None, f"no case {', '.join(sorted(unknown))} in the dataset for --figures-for")
    figures: dict[str, list[dict[str, str]]] = defaultdict(list)
    figure_count = 0
    from ..analysis import plots

    for info in cases:
        if info.iri not in wanted:
            continue
        for kind, draw in (("timeline", plots.timeline_figure), ("network", plots.network_figure),
                           ("tensions", plots.tensions_figure)):
            name = f"figures/{slug(info.iri)}-{kind}.png"
            fig, caption = draw(kg, info.iri, info)
            plots.save(fig, work / name)
            figures[info.iri].append({"id": f"figure-{kind}", "src": "../" + name, "caption": caption})
            figure_count += 1
        say(f"figures of {info.title}")
    corpus_figures = []
    if len(cases) > 1:
        fig, caption = plots.corpus_figure(kg, cases)
        plots.save(fig, work / "figures" / "corpus.png")
        corpus_figures.append({"id": "figure-corpus", "src": "figures/corpus.png", "caption": caption})
        figure_count += 1

    # sources (only when asked for)
    source_pages: dict[str, str] = {}
    evidence_rows_all = kg.query("evidence").rows
    if include_sources:
        for name in sorted({r["source"] for r in evidence_rows_all if r["source"]}):
            if name in hidden_files:
                notes.append(f"source {name} is restricted: not copied (use --include-restricted)")
                continue
            if find_source(name) is None:
                notes.append(f"source {name} is not on this machine (IORKG_SOURCE_DIR): not copied")
                continue
            source_pages[name] = f"../sources/{slug(name)}.html"

    infos, answers = _answer_tables(kg, restricted_cases, say)
    evidence, evidence_rows, withheld = _evidence_tables(kg, restricted_cases, hidden_files, include_restricted,
                                                         source_pages)
    if withheld:
        notes.append(f"{withheld} quotes of restricted cases or sources are withheld (use --include-restricted)")

    titles = {c.iri: c.title for c in cases}
    graphs = {kind: build_network(kg, kind, known_cases=cases) for kind in KINDS}
    measures, measure_notes = _measure_tables(graphs, titles, kg)
    say("network measures")

    base = {"version": __version__}
    for n, info in enumerate(cases, 1):
        page = env.get_template("case.html").render(
            base, root="../", title=info.title, case=info, figures=figures.get(info.iri, []),
            measures=measures.get(info.iri, []), measure_notes=measure_notes.get("", []),
            answers=answers.get(info.iri, []), evidence=evidence.get(info.iri, HtmlTable("Evidence", [], [])),
            sources_linked=bool(source_pages))
        (work / pages[info.iri]).write_text(page, encoding="utf-8")
        if n % 100 == 0 or n == len(cases):
            say(f"case pages {n}/{len(cases)}")

    if source_pages:
        (work / "sources").mkdir()
        evidence_page = {c: "../" + p for c, p in pages.items()}
        for name, page in source_pages.items():
            spans = [r for r in evidence_rows_all if r["source"] == name and r["start"] is not None
                     and (include_restricted or r["case"] not in restricted_cases)]
            text = find_source(name).read_text(encoding="utf-8")
            body = _markup(_source_page(text, spans, evidence_page))
            (work / "sources" / f"{slug(name)}.html").write_text(
                env.get_template("source.html").render(base, root="../", title=name, name=name, body=body),
                encoding="utf-8")
        say(f"{len(source_pages)} source text(s) copied and highlighted")

    validation = pending.result()
    say(validation.summary())
    counts = defaultdict(lambda: [0, 0])
    for row in evidence_rows_all:
        counts[row["case"]][0 if row["status"] == "stated" else 1] += 1
    case_table = HtmlTable("Cases", ["case", "fictional", "evidence (stated)", "evidence (interpreted)", "figures"], [
        [Cell(f'<a href="{pages[c.iri]}">{html.escape(c.label)}</a>'
                      + (' <span class="fictional">fictional example</span>' if c.fictional else "")),
         Cell("yes" if c.fictional else "no"),
         Cell(str(counts[c.iri][0]), True), Cell(str(counts[c.iri][1]), True),
         Cell("yes" if figures.get(c.iri) else "no")] for c in cases])
    findings = validation.results
    validation_view = {
        "conforms": validation.conforms, "summary": validation.summary(),
        "findings": HtmlTable("Findings", ["severity", "rule", "node", "message"], [
            [Cell(html.escape(f.severity)), Cell(html.escape(f.rule)),
             Cell(html.escape(f.label or f.focus_node)), Cell(html.escape(f.message))]
            for f in findings[:VALIDATION_ROWS]]),
        "more": max(0, len(findings) - VALIDATION_ROWS)}
    index = env.get_template("index.html").render(
        base, root="", title="iorkg report", cases=cases, fictional_count=sum(c.fictional for c in cases),
        validation=validation_view, case_table=case_table, corpus_figures=corpus_figures,
        pages_left_out="", withheld=notes)
    (work / "index.html").write_text(index, encoding="utf-8")

    listed = cases if len(cases) <= 30 else cases[:30]
    questions = env.get_template("questions.html").render(
        base, root="", title="Competency questions", questions=infos,
        cases=[{"label": c.label, "fictional": c.fictional, "page": pages[c.iri]} for c in listed],
        cases_left_out=(f"and {len(cases) - len(listed)} more cases (see the overview)" if len(cases) > len(listed) else ""))
    (work / "questions.html").write_text(questions, encoding="utf-8")

    terms = ontology_terms(kg)
    by_iri = {t.iri: t for t in terms}
    from ..namespaces import PREFIXES

    def short(iri: str) -> str:
        best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
        if best is None:
            return iri
        return next(p for p, ns in PREFIXES.items() if ns == best) + ":" + iri[len(best):]

    def link(iri: str) -> Any:
        term = by_iri.get(iri)
        if term is None:
            return _markup(f"<code>{html.escape(short(iri))}</code>")
        return _markup(f'<a href="#{term.anchor}">{html.escape(term.label or short(iri))}</a>')

    views = []
    for t in terms:
        views.append({"anchor": t.anchor, "label": t.label, "short": short(t.iri), "definition": t.definition,
                      "note": t.note, "kind": t.kind,
                      "links": [("broader / superclass" if t.kind in ("class", "concept") else "parent", [link(i) for i in t.parents]),
                                ("narrower / subclasses", [link(i) for i in sorted(t.children, key=lambda i: by_iri[i].label)]),
                                ("domain", [link(i) for i in t.domain]), ("range", [link(i) for i in t.range]),
                                ("in scheme", [link(i) for i in t.scheme])]})
    kinds = []
    for view in views:
        if view["kind"] not in kinds:
            kinds.append(view["kind"])
    groups = [(k, [v for v in views if v["kind"] == k]) for k in kinds]
    ontology = env.get_template("ontology.html").render(
        base, root="", title="Ontology", terms=views, graph=ONTOLOGY_GRAPH,
        counts=[(k, len(g)) for k, g in groups], groups=groups)
    (work / "ontology.html").write_text(ontology, encoding="utf-8")
    say(f"ontology: {len(terms)} terms")

    return ReportResult(work, len(cases) + 3 + len(source_pages), figure_count, len(cases), 0.0,
                        validation.conforms, notes)
