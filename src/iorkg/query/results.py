"""Query results as plain Python values, and in the SPARQL 1.1 results formats and RDF formats.

`QueryResult` holds what a query returned (solutions, a boolean or triples) as pyoxigraph terms,
whether the query ran embedded or on a remote endpoint, so that both give equal rows.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from ..errors import EnvironmentProblem, InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyoxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}
RESULT_FORMATS = ("table", "csv", "tsv", "json", "ttl", "jsonld")
FLOAT_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}


def plain_value(term: "pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | None") -> Any:
    """A term as a plain Python value: str for IRIs and strings, int, float or bool by datatype,
    None for unbound, `_:id` for blank nodes; literals of other datatypes give their lexical form."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        text = term.value
        try:
            if datatype in INTEGER_TYPES:
                return int(text)
            if datatype in FLOAT_TYPES:
                return float(text)
        except ValueError:
            return text
        if datatype == XSD + "boolean":
            return text.strip() in ("true", "1")
        return text
    return str(term)


def term_json(term: Any) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


class QueryResult:
    """What one query returned: `kind` is "select", "ask" or "graph" (CONSTRUCT, DESCRIBE).

    For SELECT, `variables` names the columns and `rows` gives one dict per solution with plain
    Python values; iterating, indexing and `len()` go over `rows`. For ASK, `boolean`. For
    CONSTRUCT and DESCRIBE, `triples` (pyoxigraph Triples), serialisable with `to_turtle()` and
    `to_jsonld()`.
    """

    def __init__(self, kind: str, variables: Sequence[str] = (),
                 terms: Sequence[Sequence[Any]] = (), boolean: bool | None = None,
                 triples: Sequence[Any] = ()) -> None:
        self.kind = kind
        self.variables: list[str] = list(variables)
        self.terms: list[tuple[Any, ...]] = [tuple(r) for r in terms]
        self.boolean = boolean
        self.triples: list[Any] = list(triples)
        self._rows: list[dict[str, Any]] | None = None

    # building ------------------------------------------------------------------------------
    @classmethod
    def from_pyoxigraph(cls, result: Any) -> "QueryResult":
        """From what `pyoxigraph.Store.query` or `parse_query_results` returned."""
        import pyoxigraph as ox

        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            terms = [tuple(solution) for solution in result]  # values in the order of `names`
            return cls("select", names, terms)
        if isinstance(result, ox.QueryBoolean):
            return cls("ask", boolean=bool(result))
        return cls("graph", triples=list(result))

    def with_column(self, name: str, values: Sequence[object]) -> "QueryResult":
        """A copy of a SELECT result with one more column at the end (plain values become literals)."""
        import pyoxigraph as ox

        self._need("select", "a new column")
        if name in self.variables:
            raise InputError(None, f"the query already has a column {name!r}")

        def term(value: object):
            if value is None or isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
                return value
            if isinstance(value, bool):
                return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
            return ox.Literal(str(value))
        return QueryResult("select", [*self.variables, name],
                           [(*row, term(v)) for row, v in zip(self.terms, values, strict=True)])

    def marking_fictional(self, fictional: "frozenset | set") -> "QueryResult":
        """This SELECT result with a last column `fictional` saying of each row whether it names
        one of the `fictional` nodes; unchanged when no row does or the column exists already."""
        if self.kind != "select" or not fictional or "fictional" in self.variables:
            return self
        flags = [any(t in fictional for t in row) for row in self.terms]
        return self.with_column("fictional", flags) if any(flags) else self

    # plain values ---------------------------------------------------------------------------
    @property
    def rows(self) -> list[dict[str, Any]]:
        """One dict per solution, variable name -> plain Python value (None when unbound)."""
        if self._rows is None:
            self._rows = [{v: plain_value(t) for v, t in zip(self.variables, row)} for row in self.terms]
        return self._rows

    def tuples(self) -> list[tuple[Any, ...]]:
        """One tuple per solution, in the order of `variables`."""
        return [tuple(plain_value(t) for t in row) for row in self.terms]

    def column(self, name: str) -> list[Any]:
        """The plain values of one variable, row by row."""
        if name not in self.variables:
            raise KeyError(f"no column {name!r}; columns: {', '.join(self.variables)}")
        return [row[name] for row in self.rows]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.terms) if self.kind == "select" else len(self.triples)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def __repr__(self) -> str:
        if self.kind == "ask":
            return f"<QueryResult ask {self.boolean}>"
        if self.kind == "graph":
            return f"<QueryResult graph {len(self.triples)} triples>"
        return f"<QueryResult select {len(self.terms)} rows: {', '.join(self.variables)}>"

    def to_dataframe(self) -> "pandas.DataFrame":
        """The rows as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:
            raise EnvironmentProblem("to_dataframe() needs pandas, which is not installed; "
                                     "install it with `pip install 'iorkg[dataframe]'` (or `pip install pandas`)") from None
        self._need("select", "to_dataframe")
        return pd.DataFrame(self.tuples(), columns=self.variables)

    # SPARQL 1.1 results formats -------------------------------------------------------------
    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)})
        self._need("select", "JSON results")
        bindings = [{v: term_json(t) for v, t in zip(self.variables, row) if t is not None}
                    for row in self.terms]
        return json.dumps({"head": {"vars": self.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False)

    def to_csv(self) -> str:
        """SPARQL 1.1 Query Results CSV (lexical forms; an ASK gives one column `boolean`)."""
        return self._tabular("CSV")

    def to_tsv(self) -> str:
        """SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax)."""
        return self._tabular("TSV")

    def to_xml(self) -> str:
        """SPARQL Query Results XML."""
        import pyoxigraph as ox

        return self._reparse().serialize(format=ox.QueryResultsFormat.XML).decode("utf-8")

    def _tabular(self, name: str) -> str:
        import pyoxigraph as ox

        if self.kind == "ask":
            value = "true" if self.boolean else "false"
            return f"boolean\r\n{value}\r\n" if name == "CSV" else f"?boolean\n{value}\n"
        self._need("select", f"{name} results")
        return self._reparse().serialize(format=getattr(ox.QueryResultsFormat, name)).decode("utf-8")

    def _reparse(self) -> Any:
        import pyoxigraph as ox

        return ox.parse_query_results(self.to_json(), ox.QueryResultsFormat.JSON)

    # RDF for CONSTRUCT and DESCRIBE ---------------------------------------------------------
    def serialize(self, fmt: str = "ttl") -> str:
        """The triples of a CONSTRUCT or DESCRIBE in Turtle (`ttl`), JSON-LD (`jsonld`) or N-Triples (`nt`)."""
        import pyoxigraph as ox

        from ..namespaces import PREFIXES

        self._need("graph", f"{fmt} output")
        formats = {"ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
                   "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD,
                   "nt": ox.RdfFormat.N_TRIPLES}
        if fmt not in formats:
            raise InputError(None, f"unknown RDF format {fmt!r} for a graph result; expected ttl, jsonld or nt")
        kwargs = {"prefixes": PREFIXES} if formats[fmt] in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else {}
        try:
            data = ox.serialize(self.triples, format=formats[fmt], **kwargs)
        except TypeError:  # a format that takes no prefixes
            data = ox.serialize(self.triples, format=formats[fmt])
        return data.decode("utf-8")

    def to_turtle(self) -> str:
        """The triples of a CONSTRUCT or DESCRIBE as Turtle."""
        return self.serialize("ttl")

    def to_jsonld(self) -> str:
        """The triples of a CONSTRUCT or DESCRIBE as JSON-LD."""
        return self.serialize("jsonld")

    def _need(self, kind: str, what: str) -> None:
        if self.kind != kind:
            wanted = {"select": "a SELECT", "graph": "a CONSTRUCT or DESCRIBE", "ask": "an ASK"}[kind]
            raise InputError(None, f"{what} needs {wanted} query; this one is {self.kind.upper()}")

    # display ------------------------------------------------------------------------------
    def to_table(self, width: int = 120, compact: bool = True, columns: Sequence[str] | None = None,
                 evidence: "Callable[..., QueryResult] | None" = None) -> str:
        """An aligned text table that fits in `width` characters: text wraps, IRIs are shortened
        with iorkg's prefixes when `compact` and never wrapped or cut, columns that do not fit
        are named under it (`columns` chooses them). `evidence` (a function answering a
        competency question, such as `KnowledgeGraph.query`) adds under each row the quotes and
        rationales of its node's evidence."""
        from .render import evidence_notes, render_table

        if self.kind == "ask":
            return "true" if self.boolean else "false"
        self._need("select", "a table")
        notes = evidence_notes(self.variables, self.terms, evidence) if evidence is not None else None
        return render_table(self.variables, self.terms, width, compact, columns, notes)

    def project(self, columns: Sequence[str]) -> "QueryResult":
        """The same SELECT result with only these columns, in this order."""
        from .render import _selected

        self._need("select", "choosing columns")
        keep = _selected(self.variables, columns)
        return QueryResult("select", [self.variables[i] for i in keep],
                           [tuple(row[i] for i in keep) for row in self.terms])

    def render(self, fmt: str | None = None, width: int | None = None,
               columns: Sequence[str] | None = None,
               evidence: "Callable[..., QueryResult] | None" = None) -> str:
        """The result as people or programs read it, ending with a newline: `table` (default for
        SELECT and ASK; fits `width`, default the terminal's), `csv`, `tsv`, `json`, or `ttl`
        (default for CONSTRUCT and DESCRIBE) and `jsonld`. `columns` keeps only these columns (of
        a SELECT); `evidence` adds each row's evidence to a table (see `to_table`)."""
        import shutil

        if columns is not None and self.kind == "select" and fmt not in (None, "table"):
            return self.project(columns).render(fmt, width)

        if self.kind == "graph":
            fmt = fmt or "ttl"
            if fmt not in ("ttl", "jsonld"):
                raise InputError(None, f"a CONSTRUCT or DESCRIBE gives RDF: use --format ttl or jsonld, not {fmt}")
            text = self.serialize(fmt)
        else:
            fmt = fmt or "table"
            if fmt in ("ttl", "jsonld"):
                raise InputError(None, f"--format {fmt} is for CONSTRUCT and DESCRIBE; a {self.kind.upper()} "
                                       "gives table, csv, tsv or json")
            if fmt == "table":
                text = self.to_table(width or shutil.get_terminal_size((160, 24)).columns,
                                     columns=columns, evidence=evidence)
            elif fmt in ("csv", "tsv", "json"):
                text = {"csv": self.to_csv, "tsv": self.to_tsv, "json": self.to_json}[fmt]()
            else:
                raise InputError(None, f"unknown result format {fmt!r}; expected one of {', '.join(RESULT_FORMATS)}")
        return text if text.endswith("\n") else text + "\n"
