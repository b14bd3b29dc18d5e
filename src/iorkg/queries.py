"""The competency questions: a catalogue of `.rq` files, run embedded or on any SPARQL endpoint.

Each file in `queries/` starts with `#` header lines (`title`, `question`, `param`, `graphs`,
`inference`, `columns`). `run_query` runs one on a `KnowledgeGraph` (pyoxigraph, parameters bound by
SEP-0007 substitution); `run_remote` runs it on a SPARQL 1.1 endpoint through SPARQLWrapper
(parameters bound by a VALUES block). Both return a `QueryResult` with the same rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from .errors import EnvironmentProblem, InputError, IorkgError
from .query_params import ParamSpec, bind_params, query_form, with_values
from .results import QueryResult

if TYPE_CHECKING:  # pragma: no cover
    from .store import KnowledgeGraph

_HEADER = re.compile(r"#\s*([A-Za-z_-]+)\s*:\s?(.*)")


@dataclass(frozen=True)
class QueryInfo:
    """One catalogued query: its name (the file stem), path and header fields."""

    name: str
    path: Path
    title: str
    question: str
    params: list[ParamSpec] = field(default_factory=list)
    graphs: str = ""
    inference: str = ""
    columns: str = ""

    @property
    def text(self) -> str:
        """The SPARQL text."""
        return self.path.read_text(encoding="utf-8")


def parse_header(text: str, name: str, path: Path) -> QueryInfo:
    """The header fields of a query file (its leading `#` lines)."""
    fields: dict[str, str] = {}
    params: list[ParamSpec] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "param":
            parts = value.split(None, 3)
            if len(parts) < 3:
                raise InputError(path, "a param line needs: name type default description", number)
            pname, ptype, default = parts[:3]
            params.append(ParamSpec(pname, ptype.lower(), None if default in ("-", "none") else default,
                                    parts[3] if len(parts) > 3 else ""))
        else:
            fields[key] = (fields[key] + " " + value) if key in fields else value
    return QueryInfo(name, path, fields.get("title", name), fields.get("question", ""), params,
                     fields.get("graphs", ""), fields.get("inference", ""), fields.get("columns", ""))


def catalogue() -> list[QueryInfo]:
    """Every shipped competency question, sorted by name."""
    from .resources import resource_dir

    folder = resource_dir("queries")
    return [parse_header(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))]


def query_named(name: str) -> QueryInfo:
    """The catalogued query with this name (InputError listing the names otherwise)."""
    for info in catalogue():
        if info.name == name:
            return info
    names = ", ".join(i.name for i in catalogue())
    raise InputError(None, f"no query is called {name!r}; the catalogue has: {names}")


def resolve(name_or_text: str) -> tuple[str, QueryInfo | None, list[ParamSpec] | None]:
    """SPARQL text, header and declared parameters for a catalogue name, a path to a `.rq` file,
    or SPARQL text.

    The parameters are None (any name accepted, typed by its value) for SPARQL text and for a
    file that declares none; a catalogued query accepts only the parameters it declares.
    """
    candidate = name_or_text.strip()
    if re.fullmatch(r"[A-Za-z0-9_.-]+", candidate) and not candidate.endswith((".rq", ".sparql")):
        info = query_named(candidate)
        return info.text, info, info.params
    if "\n" not in candidate and candidate.endswith((".rq", ".sparql")):
        path = Path(candidate)
        if not path.is_file():
            raise InputError(path, "no such query file")
        text = path.read_text(encoding="utf-8")
        info = parse_header(text, path.stem, path)
        return text, info, info.params or None
    return name_or_text, None, None


def run_query(kg: "KnowledgeGraph", name_or_text: str,
              params: Mapping[str, object] | None = None) -> QueryResult:
    """Run a catalogued query, a `.rq` file or SPARQL text on the knowledge graph in memory.

    Parameters are parsed by their declared types and bound through pyoxigraph's substitutions
    (SEP-0007), or by a VALUES block of N-Triples terms where the engine cannot substitute
    (a variable that a SELECT does not project; ASK, CONSTRUCT and DESCRIBE).
    """
    import pyoxigraph as ox

    text, info, specs = resolve(name_or_text)
    terms = bind_params(specs, params or {})
    substitutions = {ox.Variable(name): term for name, term in terms.items()}
    try:
        try:
            result = kg.store.query(text, substitutions=substitutions or None)
        except RuntimeError:
            if not substitutions:
                raise
            # pyoxigraph substitutes only variables a SELECT projects: bind the others (and
            # those of ASK, CONSTRUCT, DESCRIBE) with the VALUES block the remote path uses
            result = kg.store.query(with_values(text, terms))
        return QueryResult.from_pyoxigraph(result)
    except SyntaxError as exc:
        where = info.path if info is not None else None
        raise InputError(where, f"not a valid SPARQL query: {exc.msg or exc}") from None
    except (OSError, RuntimeError) as exc:
        raise IorkgError(f"the query failed: {exc}") from None


def run_remote(endpoint_url: str, name_or_text: str, params: Mapping[str, object] | None = None,
               timeout: float = 60.0) -> QueryResult:
    """Run a catalogued query, a `.rq` file or SPARQL text on a SPARQL 1.1 endpoint (SPARQLWrapper).

    Parameters become a VALUES block of N-Triples terms at the start of the WHERE group. The
    endpoint must hold the ontology in the graph <https://w3id.org/iorkg/ontology> and the cases
    in named graphs, as `iorkg` ships them.
    """
    import pyoxigraph as ox

    if not re.match(r"https?://[^\s]+\Z", endpoint_url):
        raise InputError(None, f"endpoint {endpoint_url!r} is not an http(s) URL")
    text, info, specs = resolve(name_or_text)
    terms = bind_params(specs, params or {})
    from .query.minify import minify

    bound = minify(with_values(text, terms))  # short enough for a GET URL (docs/serving.md)
    form = query_form(bound)
    raw = _post(endpoint_url, bound, form, timeout)
    try:
        if form in ("SELECT", "ASK"):
            return QueryResult.from_pyoxigraph(ox.parse_query_results(raw, ox.QueryResultsFormat.JSON))
        return QueryResult("graph", triples=[q.triple for q in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)])
    except (SyntaxError, ValueError) as exc:
        raise IorkgError(f"the endpoint {endpoint_url} answered something unreadable: {exc}") from None


def _post(endpoint_url: str, query: str, form: str, timeout: float) -> bytes:
    """The raw answer of the endpoint: SPARQL JSON for SELECT and ASK, N-Triples otherwise."""
    import urllib.error

    try:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
    except ImportError:
        raise EnvironmentProblem("querying an endpoint needs SPARQLWrapper: pip install SPARQLWrapper") from None
    client = SPARQLWrapper(endpoint_url)
    client.setMethod(POST)
    client.setTimeout(int(timeout))
    client.setQuery(query)
    client.queryType = form  # SPARQLWrapper guesses the form by regex, and takes "dropped" for DROP
    if form in ("SELECT", "ASK"):
        client.setReturnFormat(JSON)
    else:
        client.addCustomHttpHeader("Accept", "application/n-triples")
    try:
        return client.query().response.read()
    except SPARQLWrapperException as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        if type(exc).__name__ == "QueryBadFormed":
            raise InputError(None, f"the endpoint rejects the query: {message}") from None
        raise IorkgError(f"the endpoint {endpoint_url} failed: {message}") from None
    except urllib.error.HTTPError as exc:
        raise IorkgError(f"the endpoint {endpoint_url} answered HTTP {exc.code}: {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EnvironmentProblem(f"cannot reach the endpoint {endpoint_url}: {reason}") from None
