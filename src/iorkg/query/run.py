"""Running a competency question or SPARQL text on a pyoxigraph store held in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from ..errors import InputError, IorkgError
from .catalogue import resolve
from .params import bind_params, with_values
from .results import QueryResult

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


def refuse_federated(text: str, where=None) -> None:
    """InputError for a query with a federated `SERVICE` clause: the engine would send requests
    to whatever endpoint it names, and iorkg reads only its own graphs."""
    from .minify import has_service

    if has_service(text):
        raise InputError(where, "federated queries (SERVICE) are refused: iorkg asks only the graphs it "
                                "holds and sends no request elsewhere")


def run_query(store: "pyoxigraph.Store", name_or_text: str,
              params: Mapping[str, object] | None = None) -> QueryResult:
    """Run a catalogued query, a `.rq` file or SPARQL text on a pyoxigraph store.

    A pattern outside any `GRAPH` clause sees the union of the named graphs, as on `iorkg serve`.

    Parameters are parsed by their declared types and bound through pyoxigraph's substitutions
    (SEP-0007), or by a VALUES block of N-Triples terms where the engine cannot substitute
    (a variable that a SELECT does not project; ASK, CONSTRUCT and DESCRIBE).
    """
    import pyoxigraph as ox

    text, info, specs = resolve(name_or_text)
    refuse_federated(text, info.path if info is not None else None)
    terms = bind_params(specs, params or {})
    substitutions = {ox.Variable(name): term for name, term in terms.items()}
    try:
        try:
            result = store.query(text, use_default_graph_as_union=True,
                                 substitutions=substitutions or None)
        except RuntimeError:
            if not substitutions:
                raise
            # pyoxigraph substitutes only variables a SELECT projects: bind the others (and
            # those of ASK, CONSTRUCT, DESCRIBE) with the VALUES block the remote path uses
            result = store.query(with_values(text, terms), use_default_graph_as_union=True)
        return QueryResult.from_pyoxigraph(result)
    except SyntaxError as exc:
        where = info.path if info is not None else None
        raise InputError(where, f"not a valid SPARQL query: {exc.msg or exc}") from None
    except (OSError, RuntimeError) as exc:
        raise IorkgError(f"the query failed: {exc}") from None
