"""`iorkg query` (run a competency question or SPARQL) and `iorkg queries` (list the catalogue)."""

from __future__ import annotations

import click

FORMATS = ["table", "csv", "tsv", "json", "ttl", "jsonld"]


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
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint (for example http://127.0.0.1:7878/query).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="table (default for SELECT and ASK), csv, tsv, json (SPARQL 1.1 results formats), "
                   "ttl (default for CONSTRUCT and DESCRIBE) or jsonld.")
@click.option("--width", type=int, default=None, help="Table width in characters (default: the terminal's).")
@click.option("--include-restricted", is_flag=True,
              help="Answer over the quotes of restricted sources too (withheld by default; see docs/crosscase.md).")
def query_command(args: tuple[str, ...], sparql: str | None, params: tuple[str, ...], data: tuple[str, ...],
                  endpoint: str | None, fmt: str | None, width: int | None, include_restricted: bool) -> None:
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
        from iorkg.queries import run_remote

        result = run_remote(endpoint, query, bound)
    else:
        import iorkg
        from iorkg.io.redact import public_view
        from iorkg.queries import run_query

        kg, report = public_view(iorkg.open(*files), include_restricted)
        if report.withheld:
            click.echo(f"iorkg query: {report.summary()}", err=True)
        result = run_query(kg, query, bound)
    click.echo(_render(result, fmt, width), nl=False)


def _render(result, fmt: str | None, width: int | None) -> str:
    """The result in the chosen format, ending with a newline."""
    import shutil

    from iorkg.errors import InputError

    if result.kind == "graph":
        fmt = fmt or "ttl"
        if fmt not in ("ttl", "jsonld"):
            raise InputError(None, f"a CONSTRUCT or DESCRIBE gives RDF: use --format ttl or jsonld, not {fmt}")
        text = result.serialize(fmt)
    else:
        fmt = fmt or "table"
        if fmt in ("ttl", "jsonld"):
            raise InputError(None, f"--format {fmt} is for CONSTRUCT and DESCRIBE; a {result.kind.upper()} "
                                   "gives table, csv, tsv or json")
        if fmt == "table":
            text = result.to_table(width or shutil.get_terminal_size((160, 24)).columns)
        else:
            text = {"csv": result.to_csv, "tsv": result.to_tsv, "json": result.to_json}[fmt]()
    return text if text.endswith("\n") else text + "\n"


@click.command("queries")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Also print each question, its graphs and its inference.")
def queries_command(as_json: bool, verbose: bool) -> None:
    """List the competency questions: name, title and parameters."""
    import json

    from iorkg.queries import catalogue

    infos = catalogue()
    if as_json:
        click.echo(json.dumps([{"name": i.name, "title": i.title, "question": i.question,
                                "params": [vars(p) for p in i.params], "graphs": i.graphs,
                                "inference": i.inference, "columns": i.columns} for i in infos], indent=2))
        return
    rows = [(i.name, i.title, ", ".join(f"{p.name} ({p.type})" for p in i.params) or "-") for i in infos]
    header = ("name", "title", "params")
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(3)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
    if verbose:
        for info in infos:
            click.echo(f"\n{info.name}: {info.title}\n  question: {info.question}")
            for p in info.params:
                default = p.default if p.default is not None else "none"
                click.echo(f"  param {p.name} ({p.type}, default {default}): {p.description}")
            click.echo(f"  graphs: {info.graphs}\n  inference: {info.inference}")
