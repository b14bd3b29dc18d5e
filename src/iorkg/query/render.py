"""Aligned text tables for the terminal: long cells wrapped, IRIs shortened with known prefixes."""

from __future__ import annotations

import csv
import io
import textwrap
from typing import Any, Sequence

MIN_COLUMN = 8
LONGEST_WORD = 24
GAP = "  "


def cell_text(term: Any, compact: bool = True) -> str:
    """What a table shows for one term: prefixed IRIs, lexical forms, nothing for unbound."""
    import pyoxigraph as ox

    from ..namespaces import compact as shorten

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, brackets=False) if compact else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _widths(natural: list[int], minimal: list[int], width: int) -> list[int]:
    """Column widths that fit `width` (with gaps) where they can, taking room from the widest
    columns first and never going below a column's minimum (its header or longest word)."""
    widths = list(natural)
    budget = width - len(GAP) * (len(widths) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > minimal[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _minimum(header: str, texts: list[str]) -> int:
    longest = max((len(w) for t in texts for w in t.split()), default=0)
    return max(len(header), MIN_COLUMN if longest > MIN_COLUMN else longest, min(longest, LONGEST_WORD))


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n") or [""]:
        lines.extend(textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False) or [""])
    return lines


def render_table(variables: Sequence[str], rows: Sequence[Sequence[Any]], width: int = 120,
                 compact: bool = True) -> str:
    """Header, a rule, then one block of lines per row; rows are separated by a blank line
    only when some cell had to wrap. Ends with the row count."""
    if not variables:
        return f"({len(rows)} rows)"
    cells = [[cell_text(t, compact) for t in row] for row in rows]
    natural = [max([len(v)] + [max((len(x) for x in c[i].split("\n")), default=0) for c in cells])
               for i, v in enumerate(variables)]
    minimal = [min(n, _minimum(v, [c[i] for c in cells])) for i, (v, n) in enumerate(zip(variables, natural))]
    widths = _widths(natural, minimal, width)
    blocks = [[_wrap(text, w) for text, w in zip(row, widths)] for row in cells]
    wrapped = any(len(col) > 1 for block in blocks for col in block)
    out = [GAP.join(v.ljust(w) for v, w in zip(variables, widths)).rstrip(),
           GAP.join("-" * w for w in widths)]
    for block in blocks:
        height = max(len(col) for col in block)
        for line in range(height):
            out.append(GAP.join((col[line] if line < len(col) else "").ljust(w)
                                for col, w in zip(block, widths)).rstrip())
        if wrapped:
            out.append("")
    if wrapped and out[-1] == "":
        out.pop()
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
