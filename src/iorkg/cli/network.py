"""`iorkg network KIND`: a network built from competency-question answers, its measures and its export."""

from __future__ import annotations

import click

KINDS = ["actors-roles", "logics-tensions", "actors-logics", "co-occurrence"]


@click.command("network")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--case", metavar="IRI", help="Only this case (an IRI or a prefixed name such as kkt:case).")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default=None,
              help="Export format (default: from the --output extension, else graphml; Cytoscape reads GraphML, not GEXF).")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write the network here (atomically); the measures go to stdout.")
@click.option("--with-examples", is_flag=True, help="Add the shipped fictional example cases.")
def network_command(kind: str, files: tuple[str, ...], case: str | None, fmt: str | None,
                    output: str | None, with_examples: bool) -> None:
    """Build a network (actors-roles, logics-tensions, actors-logics, co-occurrence), print its measures.

    FILES are RDF files to use beside the ontology and shared records (default: every shipped graph).
    Without --output the export is not written; the measures are printed either way.
    """
    import iorkg
    from iorkg.analysis.network import network

    run = network(iorkg.open(*files, examples=with_examples), kind, case=case, fmt=fmt, output=output)
    click.echo(run.text, nl=False)
    if run.written:
        click.echo(f"wrote {run.written}", err=True)
