"""Running a competency question or SPARQL text on a SPARQL 1.1 endpoint (the protocol client)."""

from __future__ import annotations

import re
from typing import Mapping

from ..errors import EnvironmentProblem, InputError, IorkgError
from .catalogue import resolve
from .minify import minify
from .params import bind_params, query_form, with_values
from .results import QueryResult


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
