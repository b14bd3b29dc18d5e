"""`iorkg import`: a case workbook (or CSV folder) to the case's validated Turtle."""

from __future__ import annotations

import click


@click.command("import")
@click.argument("path", type=click.Path())
@click.option("--sources", type=click.Path(file_okay=False),
              help="Folder of the source texts (default: sources/ beside the workbook).")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write the Turtle here (default: <case name>.ttl beside the workbook).")
@click.option("--check", is_flag=True, help="Check and validate only; write nothing.")
def import_command(path: str, sources: str | None, output: str | None, check: bool) -> None:
    """Turn a case workbook into RDF, validate it, and write it only when valid."""
    from iorkg.io.workbook import import_case

    result = import_case(path, sources=sources, output=output, check=check)
    for note in result.case.notes:
        click.echo(f"note: {note}", err=True)
    if not result.ok:
        click.echo(result.validation.text, err=True)
    click.echo(result.summary(), err=True)
    if not result.ok:
        raise click.exceptions.Exit(1)
