"""Cases side by side: the comparison table of `iorkg compare`.

`comparison_table(kg)` asks the competency question `comparison` and pivots its rows into a
table: one column per case, one row per logic type, logic held in a stage, tension type, role or
level of a value definition. A cell is *stated* when some node of the case behind it rests on
stated evidence only, *interpreted* when all of them involve an interpretation, and *unknown*
when the case records nothing for the row. When the case reaches the row through a study code
mapped to iorkg (rather than through iorkg's own classes and concepts), the cell names the SKOS
match and the code, e.g. `interpreted (closeMatch: market thinking)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from ..query.render import TABLE_FORMATS, render_rows

if TYPE_CHECKING:  # pragma: no cover
    from ..store import KnowledgeGraph

ASPECTS = ("logic", "holding", "tension", "role", "value")
ASPECT_NAMES = {"logic": "logic", "holding": "holding by phase", "tension": "tension",
                "role": "role", "value": "value definition"}
FORMATS = TABLE_FORMATS


@dataclass
class Cell:
    """What one case records for one row."""

    status: str = "unknown"
    matches: list[tuple[str, str]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def text(self, show_nodes: bool = False) -> str:
        """The cell as a table shows it."""
        out = self.status
        if self.matches:
            out += " (" + "; ".join(f"{m}: {c}" for m, c in self.matches) + ")"
        if show_nodes and self.examples:
            out += " e.g. " + "; ".join(self.examples)
        return out


@dataclass
class ComparisonTable:
    """Rows (aspect, item), columns the cases, cells by (aspect, item, case IRI)."""

    cases: list[tuple[str, str]]
    rows: list[tuple[str, str]]
    cells: dict[tuple[str, str, str], Cell]

    def cell(self, aspect: str, item: str, case: str) -> Cell:
        """The cell of a row and a case (an unknown cell where the case records nothing)."""
        return self.cells.get((aspect, item, case), Cell())

    def render(self, fmt: str = "text", show_nodes: bool = False, width: int = 120) -> str:
        """The table as text (aligned), csv or md; case columns are headed by short names."""
        names = short_names([c for c, _ in self.cases])
        header = ("aspect", "row") + tuple(names[c] for c, _ in self.cases)
        body = [(ASPECT_NAMES[a], item) + tuple(self.cell(a, item, c).text(show_nodes) for c, _ in self.cases)
                for a, item in self.rows]
        table = render_rows(header, body, fmt, width)
        if fmt == "csv":
            return table
        legend = "\n".join(f"{names[c]}: {label}" for c, label in self.cases)
        return f"{table}\n{legend}\n" if fmt == "text" else f"{table}\n" + "".join(
            f"- `{names[c]}`: {label}\n" for c, label in self.cases)


def short_names(cases: Sequence[str]) -> dict[str, str]:
    """A short column name per case IRI: the path segment before `/case`, else the IRI's end."""
    names = {}
    for iri in cases:
        parts = [p for p in iri.rstrip("/#").replace("#", "/").split("/") if p]
        name = parts[-2] if len(parts) > 1 and parts[-1] == "case" else parts[-1]
        while name in names.values():
            name += "'"
        names[iri] = name
    return names


def case_labels(kg: "KnowledgeGraph") -> dict[str, str]:
    """Every case node of the graph and its English (or plain) label."""
    rows = kg.query("""
        PREFIX iorkg: <https://w3id.org/iorkg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?case (SAMPLE(?l) AS ?label) WHERE {
          GRAPH ?g { ?case a iorkg:Case }
          OPTIONAL { GRAPH ?lg { ?case rdfs:label ?l } FILTER (LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) }
        } GROUP BY ?case ORDER BY ?case""").rows
    return {r["case"]: str(r["label"] or r["case"]) for r in rows}


def comparison_table(kg: "KnowledgeGraph", cases: Sequence[str] | None = None) -> ComparisonTable:
    """The comparison table of the cases in `kg` (or of the cases named, in that order)."""
    from ..errors import InputError
    from ..query.params import parse_value

    labels = case_labels(kg)
    if cases:
        chosen = [parse_value(c, "iri", "case").value for c in cases]
        missing = [c for c in chosen if c not in labels]
        if missing:
            raise InputError(None, f"no case {', '.join(missing)} in the data; the cases are: "
                                   + ", ".join(sorted(labels)))
    else:
        chosen = sorted(labels, key=lambda c: (labels[c], c))
    cells: dict[tuple[str, str, str], Cell] = {}
    rows: set[tuple[str, str]] = set()
    for row in kg.query("comparison").rows:
        if row["case"] not in chosen:
            continue
        key = (row["aspect"], row["item"], row["case"])
        rows.add(key[:2])
        cell = cells.setdefault(key, Cell("interpreted"))
        if row["status"] == "stated":
            cell.status = "stated"
        if row["match"] and (row["match"], row["code"]) not in cell.matches:
            cell.matches.append((row["match"], row["code"]))
            cell.matches.sort()
        if row["example"] not in cell.examples:
            cell.examples.append(row["example"])
            cell.examples.sort()
    ordered = sorted(rows, key=lambda r: (ASPECTS.index(r[0]) if r[0] in ASPECTS else len(ASPECTS), r[1]))
    return ComparisonTable([(c, labels[c]) for c in chosen], ordered, cells)


def compare(kg: "KnowledgeGraph", cases: Sequence[str] | None = None, fmt: str = "text",
            show_nodes: bool = False, coders: bool = False, width: int = 120) -> str:
    """What `iorkg compare` prints: the comparison table, or with `coders` the agreement report."""
    if fmt not in FORMATS:
        from ..errors import InputError

        raise InputError(None, f"unknown table format {fmt!r}; expected one of {', '.join(FORMATS)}")
    table = comparison_table(kg, cases)
    if not coders:
        return table.render(fmt, show_nodes, width)
    from .agreement import coder_agreement, render_agreement

    names = short_names([c for c, _ in table.cases])
    return render_agreement(coder_agreement(kg, [c for c, _ in table.cases]), fmt, names)
