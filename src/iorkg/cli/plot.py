"""`iorkg plot timeline|network|tensions`: one figure of one case, as PNG or SVG."""

from __future__ import annotations

import click


@click.command("plot")
@click.argument("kind", type=click.Choice(["timeline", "network", "tensions"]))
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--case", metavar="IRI", help="The case to draw (default: the first real case).")
@click.option("--network", "network_kind", default="actors-roles", show_default=True,
              type=click.Choice(["actors-roles", "actors-logics", "logics-tensions", "co-occurrence"]),
              help="Which network `plot network` draws.")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="FILE.png or FILE.svg (written atomically).")
@click.option("--with-examples", is_flag=True, help="Add the shipped fictional example cases.")
def plot_command(kind: str, files: tuple[str, ...], case: str | None, network_kind: str, output: str, with_examples: bool) -> None:
    """Draw the timeline, a network or the tensions of a case with matplotlib.

    FILES are RDF files to use beside the ontology and shared records (default: every shipped graph).
    """
    import iorkg
    from iorkg.analysis.plots import plot

    figure = plot(iorkg.open(*files, examples=with_examples), kind, output, case=case, network_kind=network_kind)
    click.echo(f"wrote {figure.path}: {figure.caption}", err=True)
