"""`iorkg compare`: cases side by side, or the agreement between coders."""

from __future__ import annotations

import click


@click.command("compare")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--case", "cases", multiple=True, metavar="IRI",
              help="Compare only this case (the IRI or prefixed name of its iorkg:Case node; repeatable, in column order).")
@click.option("--show-nodes", is_flag=True, help="Name the nodes behind each cell (holders, players, tensions, ...).")
@click.option("--with-examples", is_flag=True, help="Add the shipped fictional example cases as columns.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "md"]), default="text", show_default=True,
              help="Aligned text, CSV or a Markdown table.")
@click.option("--coders", is_flag=True,
              help="Report agreement between coders over shared passages instead (Cohen's kappa, Krippendorff's alpha).")
@click.option("--width", type=int, default=None, help="Text table width in characters (default: the terminal's).")
def compare_command(files: tuple[str, ...], cases: tuple[str, ...], show_nodes: bool, with_examples: bool, fmt: str,
                    coders: bool, width: int | None) -> None:
    """Compare cases: logics, holdings by phase, tensions, roles and value definitions, each cell
    stated, interpreted or unknown (the shipped cases, or FILES beside the ontology)."""
    import shutil

    import iorkg
    from iorkg.analysis.compare import compare

    text = compare(iorkg.open(*files, examples=with_examples), list(cases), fmt, show_nodes, coders,
                   width or shutil.get_terminal_size((160, 24)).columns)
    click.echo(text, nl=not text.endswith("\n"))
