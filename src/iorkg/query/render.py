"""Aligned text tables for the terminal: long cells wrapped, IRIs shortened with known prefixes."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from typing import Any, Callable, Sequence

MIN_COLUMN = 8
LONGEST_WORD = 16
GAP = "  "
INDENT = "    "


class Cell:
    """What a table shows for one term: its text, and whether it must stay whole (an IRI or a
    blank node: never wrapped, never cut)."""

    __slots__ = ("text", "whole")

    def __init__(self, text: str, whole: bool = False) -> None:
        self.text = text
        self.whole = whole


def cell_text(term: Any, compact: bool = True) -> str:
    """What a table shows for one term: prefixed IRIs, lexical forms, nothing for unbound."""
    return make_cell(term, compact).text


def make_cell(term: Any, compact: bool = True) -> Cell:
    """The cell of one term: IRIs shortened with the project's prefixes and kept whole."""
    import pyoxigraph as ox

    from ..namespaces import compact as shorten

    if term is None:
        return Cell("")
    if isinstance(term, ox.NamedNode):
        return Cell(shorten(term.value, brackets=False) if compact else term.value, whole=True)
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}", whole=True)
    if isinstance(term, ox.Literal):
        return Cell(term.value)
    if isinstance(term, Cell):
        return term
    return Cell(str(term))


def _widths(natural: list[int], minimal: list[int], width: int) -> list[int]:
    """Column widths that fit `width` (with gaps) where they can, taking room from the widest
    columns first and never going below a column's minimum."""
    widths = list(natural)
    budget = width - len(GAP) * (len(widths) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > minimal[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _header_parts(header: str) -> list[str]:
    """A header cut after each underscore (`phase_order` -> `phase_`, `order`)."""
    return re.findall(r"[^_]*_|[^_]+", header) or [""]


def _header_lines(header: str, width: int) -> list[str]:
    """A header in lines of at most `width` characters, cut only after underscores."""
    lines: list[str] = []
    for part in _header_parts(header):
        if lines and len(lines[-1]) + len(part) <= width:
            lines[-1] += part
        else:
            lines.append(part)
    return lines


def _minimum(header: str, cells: list[Cell]) -> int:
    """The narrowest a column may get: the longest part of its header (cut after underscores),
    its longest whole cell, and its longest word up to LONGEST_WORD characters (longer words of
    text are broken)."""
    whole = max((len(c.text) for c in cells if c.whole), default=0)
    longest = max((len(w) for c in cells if not c.whole for w in c.text.split()), default=0)
    head = max(len(part) for part in _header_parts(header))
    return max(head, whole, min(longest, LONGEST_WORD))


def _natural(header: str, cells: list[Cell]) -> int:
    return max([len(header)] + [max((len(x) for x in c.text.split("\n")), default=0) for c in cells])


def _wrap(cell: Cell, width: int) -> list[str]:
    if cell.whole:
        return [cell.text]
    lines: list[str] = []
    for part in cell.text.split("\n") or [""]:
        lines.extend(textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False) or [""])
    return lines


def choose_columns(variables: Sequence[str], minimal: Sequence[int], width: int,
                   same: Sequence[int] = ()) -> list[int]:
    """The columns (indexes, in their order) a table of `width` characters shows by default.

    All of them when they fit at their minimum widths. Otherwise the columns in `same` (those
    that say the same on every row; the note under the table gives their value) are left out,
    the first column and every status column (`status`, `..._status`) come first, so that a
    reading is never shown without its label, then each other column in turn while its minimum
    still fits."""
    if sum(minimal) + len(GAP) * (len(minimal) - 1) <= width:
        return list(range(len(variables)))
    kept = [i for i, v in enumerate(variables) if i == 0 or v == "status" or v.endswith("_status")]
    order = kept + [i for i in range(len(variables)) if i not in kept and i not in set(same)]
    chosen: list[int] = []
    used = 0
    for i in order:
        need = minimal[i] + (len(GAP) if chosen else 0)
        if not chosen or used + need <= width:
            chosen.append(i)
            used += need
    return sorted(chosen)


def _selected(variables: Sequence[str], columns: Sequence[str]) -> list[int]:
    from ..errors import InputError

    unknown = [c for c in columns if c not in variables]
    if unknown:
        raise InputError(None, f"no column {', '.join(unknown)} in this result; its columns are "
                               f"{', '.join(variables)}")
    return [list(variables).index(c) for c in columns]


def _note(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 20), break_long_words=False, break_on_hyphens=False,
                         subsequent_indent="  ")


def _same(cell: Cell) -> str:
    if not cell.text:
        return "empty"
    return cell.text if len(cell.text) <= 24 and "\n" not in cell.text else "the same"


def node_column(variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> int | None:
    """The column that names each row's node: `node` when it holds an IRI in every row, else the
    last column that does."""
    import pyoxigraph as ox

    iris = [i for i in range(len(variables))
            if rows and all(isinstance(row[i], ox.NamedNode) for row in rows)]
    named = [i for i in iris if variables[i] == "node"]
    return (named or iris or [None])[-1]


def evidence_notes(variables: Sequence[str], rows: Sequence[Sequence[Any]],
                   ask: "Callable[..., Any]") -> list[list[str]]:
    """Per row, the evidence of the row's node (`node_column`): one line per quote, with its
    status, who interpreted it, the slot it backs and where it is, then its rationale. `ask`
    answers a competency question, as `KnowledgeGraph.query` does."""
    from ..errors import InputError

    column = node_column(variables, rows)
    if column is None:
        raise InputError(None, "--with-evidence needs a column that names each row's node (an IRI in every "
                               "row); this result has none")
    found: dict[str, list[str]] = {}
    out = []
    for row in rows:
        iri = row[column].value
        if iri not in found:
            found[iri] = _evidence_lines(ask("evidence", node=iri))
        out.append(found[iri])
    return out


def _evidence_lines(result: Any) -> list[str]:
    lines = []
    for r in result.rows:
        who = f" by {r['attributed_to']}" if r.get("attributed_to") else ""
        slot = f", {r['slot']}" if r.get("slot") else ""
        place = ", ".join(str(x) for x in (r.get("source"), _span(r.get("start"), r.get("end"))) if x)
        quote = f'"{r["quote"]}"' if r.get("quote") is not None else "(no quote)"
        lines.append(f"{r.get('status') or 'unknown'}{who}{slot}: {quote}" + (f" ({place})" if place else ""))
        if r.get("rationale"):
            lines.append(f"rationale: {r['rationale']}")
    return lines or ["no evidence"]


def _span(start: Any, end: Any) -> str:
    return f"{start}-{end}" if start is not None and end is not None else ""


def render_table(variables: Sequence[str], rows: Sequence[Sequence[Any]], width: int = 120,
                 compact: bool = True, columns: Sequence[str] | None = None,
                 notes: Sequence[Sequence[str]] | None = None) -> str:
    """Header, a rule, then one block of lines per row; rows are separated by a blank line
    only when some cell had to wrap or a row has notes. Ends with the row count.

    IRIs are shortened with the project's prefixes and never wrapped or cut; text wraps. The
    columns are `columns` (names) or, by default, as many as fit in `width` (`choose_columns`):
    those left out are named under the table. `notes` gives each row lines shown under it,
    indented and wrapped to `width`."""
    if not variables:
        return f"({len(rows)} rows)"
    cells = [[make_cell(t, compact) for t in row] for row in rows]
    columns_of = [[row[i] for row in cells] for i in range(len(variables))]
    natural = [_natural(v, col) for v, col in zip(variables, columns_of)]
    minimal = [min(n, _minimum(v, col)) for v, col, n in zip(variables, columns_of, natural)]
    constant = [i for i, col in enumerate(columns_of)
                if len(rows) > 1 and len({c.text for c in col}) == 1]
    shown = (_selected(variables, columns) if columns is not None
             else choose_columns(variables, minimal, width, constant))
    widths = _widths([natural[i] for i in shown], [minimal[i] for i in shown], width)
    blocks = [[_wrap(row[i], w) for i, w in zip(shown, widths)] for row in cells]
    noted = [list(n) for n in notes] if notes is not None else [[] for _ in rows]
    spaced = any(len(col) > 1 for block in blocks for col in block) or any(noted)
    heads = [_header_lines(variables[i], w) for i, w in zip(shown, widths)]
    out = [GAP.join((head[line] if line < len(head) else "").ljust(w)
                    for head, w in zip(heads, widths)).rstrip()
           for line in range(max(len(head) for head in heads))]
    out.append(GAP.join("-" * w for w in widths))
    for block, extra in zip(blocks, noted):
        height = max(len(col) for col in block)
        for line in range(height):
            out.append(GAP.join((col[line] if line < len(col) else "").ljust(w)
                                for col, w in zip(block, widths)).rstrip())
        for text in extra:
            out.extend(textwrap.wrap(text, max(width, 24), initial_indent=INDENT,
                                     subsequent_indent=INDENT + "  ", break_on_hyphens=False)
                       or [""])
        if spaced:
            out.append("")
    if spaced and out[-1] == "":
        out.pop()
    hidden = [i for i in range(len(variables)) if i not in shown]
    if hidden and columns is None:
        names = [f"{variables[i]} ({_same(columns_of[i][0])} in every row)"
                 if i in constant else variables[i] for i in hidden]
        out.extend(_note(f"not shown: {', '.join(names)}; show them with --columns "
                         f"{variables[shown[0]]},{variables[hidden[0]]},...", width))
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def catalogue_text(verbose: bool = False) -> str:
    """The competency questions as an aligned list (name, title, parameters); `verbose` adds
    each question, its parameters, graphs and inference."""
    from .catalogue import catalogue

    infos = catalogue()
    rows = [(i.name, i.title, ", ".join(f"{p.name} ({p.type})" for p in i.params) or "-") for i in infos]
    header = ("name", "title", "params")
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(3)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip()
             for row in [header, tuple("-" * w for w in widths), *rows]]
    if verbose:
        for info in infos:
            lines.append(f"\n{info.name}: {info.title}\n  question: {info.question}")
            for p in info.params:
                default = p.default if p.default is not None else "none"
                lines.append(f"  param {p.name} ({p.type}, default {default}): {p.description}")
            lines.append(f"  graphs: {info.graphs}\n  inference: {info.inference}")
    return "\n".join(lines) + "\n"


def catalogue_json() -> str:
    """The competency questions as JSON: name, title, question, parameters, graphs, inference, columns."""
    import json

    from .catalogue import catalogue

    return json.dumps([{"name": i.name, "title": i.title, "question": i.question,
                        "params": [vars(p) for p in i.params], "graphs": i.graphs,
                        "inference": i.inference, "columns": i.columns} for i in catalogue()],
                      indent=2) + "\n"


TABLE_FORMATS = ("text", "csv", "md")


def render_rows(header: Sequence[str], rows: Sequence[Sequence[object]], fmt: str = "text",
                width: int = 120) -> str:
    """Rows of plain values as an aligned text table (`text`), CSV (`csv`) or Markdown (`md`)."""
    from ..errors import InputError

    if fmt == "text":
        return render_table(list(header), [[str(v) for v in r] for r in rows], width=width)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "md":
        def esc(v: object) -> str:
            return str(v).replace("|", "\\|").replace("\n", " ")
        lines = ["| " + " | ".join(esc(h) for h in header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(esc(v) for v in r) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    raise InputError(None, f"unknown table format {fmt!r}; expected one of {', '.join(TABLE_FORMATS)}")
