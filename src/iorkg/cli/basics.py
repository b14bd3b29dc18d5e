"""`iorkg info` and `iorkg export`."""

from __future__ import annotations

import click

GRAPH_HELP = "ontology, shared, a case name (koskela-kork-turpeinen, fictional-example), a graph IRI, or all"


@click.command("info")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def info_command(files: tuple[str, ...], as_json: bool) -> None:
    """Versions, and classes, properties, individuals and triples per graph."""
    import json

    import iorkg
    from iorkg.info import info

    result = info(iorkg.open(*files) if files else None)
    if as_json:
        payload = {"versions": result.versions,
                   "graphs": [vars(g) for g in result.graphs],
                   "total_triples": result.total_triples}
        click.echo(json.dumps(payload, indent=2))
        return
    click.echo("versions: " + ", ".join(f"{k} {v}" for k, v in result.versions.items()))
    header = ("graph", "triples", "classes", "properties", "individuals")
    rows = [(g.name + (" (fictional)" if g.fictional else ""), g.triples, g.classes, g.properties,
             g.individuals) for g in result.graphs]
    rows.append(("total", result.total_triples, "", "", ""))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                             for i, (c, w) in enumerate(zip(row, widths))))


@click.command("export")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--graph", default="all", show_default=True, help=f"Which graph: {GRAPH_HELP}.")
@click.option("--format", "fmt", default="ttl", show_default=True,
              type=click.Choice(["ttl", "trig", "nt", "nq", "jsonld", "xml", "workbook"]),
              help="RDF format (ttl, nt and xml merge the chosen graphs), or workbook: one case as "
                   "a case workbook (--output NAME.xlsx, or a folder name for CSV files).")
@click.option("--output", "-o", type=click.Path(), help="Write here (atomically) instead of stdout.")
def export_command(files: tuple[str, ...], graph: str, fmt: str, output: str | None) -> None:
    """Export the ontology, one case, or everything (of the shipped data, or of FILE ...)."""
    from iorkg.export import export, export_to_file
    from iorkg.store import KnowledgeGraph

    if fmt == "workbook":
        from iorkg.export import export_workbook_file

        click.echo(export_workbook_file(list(files), graph, output), err=True)
        return
    import iorkg

    kg = iorkg.open(*files) if files else KnowledgeGraph.shipped()
    if output:
        path = export_to_file(kg, output, graph, fmt)
        click.echo(f"wrote {path}", err=True)
    else:
        click.get_binary_stream("stdout").write(export(kg, graph, fmt))
