"""`iorkg info` and `iorkg export`."""

from __future__ import annotations

import click

GRAPH_HELP = "ontology, shared, a case name (koskela-kork-turpeinen, fictional-example), a graph IRI, or all"


@click.command("info")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--with-examples", is_flag=True, help="Add the shipped fictional example cases.")
def info_command(files: tuple[str, ...], as_json: bool, with_examples: bool) -> None:
    """Versions, and classes, properties, individuals and triples per graph."""
    import json

    import iorkg
    from iorkg.info import info

    result = info(iorkg.open(*files, examples=with_examples) if files else None, examples=with_examples)
    click.echo(json.dumps(result.as_json(), indent=2) if as_json else result.text(), nl=as_json)


@click.command("export")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--graph", default="all", show_default=True, help=f"Which graph: {GRAPH_HELP}.")
@click.option("--format", "fmt", default="ttl", show_default=True,
              type=click.Choice(["ttl", "trig", "nt", "nq", "jsonld", "xml", "workbook", "qdc", "qdpx"]),
              help="RDF format (ttl, nt and xml merge the chosen graphs), or workbook: one case as "
                   "a case workbook (--output NAME.xlsx, or a folder name for CSV files), or REFI-QDA: qdc "
                   "(a codebook of the concepts) or qdpx (one case's coded selections as a project).")
@click.option("--output", "-o", type=click.Path(), help="Write here (atomically) instead of stdout.")
@click.option("--include-restricted", is_flag=True,
              help="Keep the quotes of restricted sources (withheld by default; see docs/crosscase.md).")
@click.option("--with-examples", is_flag=True, help="Add the shipped fictional example cases.")
@click.option("--include-sources", is_flag=True, help="With --format qdpx: put the (non-restricted) source texts in the project.")
@click.option("--with-offsets", is_flag=True,
              help="--format workbook: keep each evidence row's start, end, prefix and suffix even "
                   "where the source text is at hand (for a case whose text does not travel).")
def export_command(files: tuple[str, ...], graph: str, fmt: str, output: str | None,
                   include_restricted: bool, with_examples: bool, include_sources: bool,
                   with_offsets: bool) -> None:
    """Export the ontology, one case, or everything (the shipped graphs, or FILES beside the ontology)."""
    import iorkg

    if fmt == "workbook":
        from iorkg.io.export import export_workbook_file

        click.echo(export_workbook_file(list(files), graph, output, with_offsets), err=True)
        return
    from iorkg.io.export import export_with_report
    from iorkg.rdf.files import atomic_write

    kg = iorkg.open(*files, examples=with_examples or _names_an_example(graph))
    if fmt in ("qdc", "qdpx"):
        if not output:
            raise click.UsageError(f"--format {fmt} writes a file: give --output NAME.{fmt}")
        from iorkg.io.export import export_qda

        export_qda(kg, graph, fmt, output, include_sources)
        click.echo(f"wrote {output}", err=True)
        return
    data, report = export_with_report(kg, graph, fmt, include_restricted)
    if report.withheld:
        click.echo(f"iorkg export: {report.summary()}", err=True)
    if output:
        click.echo(f"wrote {atomic_write(output, data)}", err=True)
    else:
        click.get_binary_stream("stdout").write(data)


def _names_an_example(graph: str) -> bool:
    """Whether `--graph` names a shipped fictional example, which is then loaded to be exported."""
    from iorkg.catalog import shipped_graphs

    return any(graph in (e.name, e.iri) and e.fictional for e in shipped_graphs())
