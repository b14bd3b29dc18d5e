"""Aligned text tables for the terminal: long cells wrapped, IRIs shortened with known prefixes."""

from __future__ import annotations

import textwrap
from typing import Any, Sequence

MIN_COLUMN = 8
LONGEST_WORD = 24
GAP = "  "


def cell_text(term: Any, compact: bool = True) -> str:
    """What a table shows for one term: prefixed IRIs, lexical forms, nothing for unbound."""
    import pyoxigraph as ox

    from .namespaces import PREFIXES

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        if compact:
            best = max((iri for iri in PREFIXES.values() if term.value.startswith(iri)),
                       key=len, default=None)
            if best is not None:
                prefix = next(p for p, i in PREFIXES.items() if i == best)
                return f"{prefix}:{term.value[len(best):]}"
        return term.value
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
