"""`iorkg query` (run a competency question or SPARQL) and `iorkg queries` (list the catalogue)."""

from __future__ import annotations

import click

FORMATS = ["table", "csv", "tsv", "json", "ttl", "jsonld"]  # iorkg.query.render.RESULT_FORMATS


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise click.UsageError(f"--param takes NAME=VALUE, not {pair!r}")
        params[name.strip()] = value
    return params


@click.command("query")
@click.argument("args", nargs=-1, metavar="NAME|FILE.rq [FILES...]")
@click.option("--sparql", metavar="TEXT", help="Run this SPARQL text; then every argument is a data file.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter of the query (repeatable); IRIs may be prefixed names such as kkt:employer.")
@click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False),
              help="Query this RDF file beside the ontology and shared records instead of the shipped cases (repeatable).")
@click.option("--with-examples", is_flag=True,
              help="Add the shipped fictional example cases (their rows say so in a column `fictional`).")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint (for example http://127.0.0.1:7878/query).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="table (default for SELECT and ASK), csv, tsv, json (SPARQL 1.1 results formats), "
                   "ttl (default for CONSTRUCT and DESCRIBE) or jsonld.")
@click.option("--width", type=click.IntRange(min=20), default=None,
              help="Table width in characters (default: the terminal's); columns that do not fit are named under the table.")
@click.option("--columns", metavar="A,B,...", help="Show these columns, in this order (comma-separated names).")
@click.option("--with-evidence", is_flag=True,
              help="Under each row of a table, the quotes and rationales of the evidence of the row's node.")
@click.option("--include-restricted", is_flag=True,
              help="Answer over the quotes of restricted sources too (withheld by default; see docs/crosscase.md).")
def query_command(args: tuple[str, ...], sparql: str | None, params: tuple[str, ...], data: tuple[str, ...],
                  endpoint: str | None, fmt: str | None, width: int | None, columns: str | None,
                  with_evidence: bool, include_restricted: bool, with_examples: bool) -> None:
    """Answer a competency question (see `iorkg queries`) or run SPARQL.

    NAME is a catalogued query, FILE.rq a query file; FILES are RDF files to query with the
    ontology and the shared records (default: every shipped graph).
    """
    if sparql is None and not args:
        raise click.UsageError("give a query NAME, a FILE.rq or --sparql TEXT (see `iorkg queries`)")
    query = sparql if sparql is not None else args[0]
    files = list(args if sparql is not None else args[1:]) + list(data)
    bound = _parse_params(params)
    if endpoint:
        if files:
            raise click.UsageError("--endpoint queries the endpoint's data; give no data files with it")
        if with_examples:
            raise click.UsageError("--with-examples is for the embedded graphs; an endpoint holds what it was given")
        from iorkg.query.remote import run_remote

        result = run_remote(endpoint, query, bound)

        def ask(name: str, **given: str):
            return run_remote(endpoint, name, given)
    else:
        import iorkg
        from iorkg.io.redact import public_view

        kg, report = public_view(iorkg.open(*files, examples=with_examples), include_restricted)
        if report.withheld:
            click.echo(f"iorkg query: {report.summary()}", err=True)
        result = kg.query(query, **bound)
        ask = kg.query
    chosen = [c.strip() for c in columns.split(",") if c.strip()] if columns is not None else None
    click.echo(result.render(fmt, width, columns=chosen, evidence=ask if with_evidence else None), nl=False)


@click.command("queries")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Also print each question, its graphs and its inference.")
def queries_command(as_json: bool, verbose: bool) -> None:
    """List the competency questions: name, title and parameters."""
    from iorkg.query.render import catalogue_json, catalogue_text

    click.echo(catalogue_json() if as_json else catalogue_text(verbose), nl=False)
