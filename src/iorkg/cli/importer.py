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
@click.option("--codes", type=click.Path(),
              help="For a REFI-QDA project (.qdpx): the case workbook whose codes sheet maps the "
                   "project's codes to iorkg; without it the project is only described.")
def import_command(path: str, sources: str | None, output: str | None, check: bool,
                   codes: str | None) -> None:
    """Turn a case workbook (or a coded REFI-QDA project) into RDF, validate it, and write it only
    when valid."""
    import sys

    # a line per stage for a person at a terminal; a script reads only the outcome
    progress = (lambda line: click.echo(line, err=True)) if sys.stderr.isatty() else None
    if path.lower().endswith(".qdpx"):
        from pathlib import Path

        if Path(path).is_dir():
            from iorkg.errors import InputError

            raise InputError(path, "this is a folder; expected a REFI-QDA project (.qdpx file)")
        if codes is None:
            from iorkg.io.qdpx import describe_project

            text = describe_project(path, sources).text
            click.echo(text, nl=not text.endswith("\n"))
            return
        from iorkg.io.project_import import import_project_with_codes

        result = import_project_with_codes(path, codes, sources=sources, output=output, check=check,
                                           progress=progress)
        click.echo(result.project.text, err=True)
    else:
        if codes is not None:
            raise click.UsageError("--codes goes with a REFI-QDA project (.qdpx)")
        from iorkg.io.workbook import import_case

        result = import_case(path, sources=sources, output=output, check=check, progress=progress)
    for note in result.case.notes:
        click.echo(f"note: {note}", err=True)
    if not result.ok:
        click.echo(result.validation.text, err=True)
    click.echo(result.summary(), err=True)
    if not result.ok:
        raise click.exceptions.Exit(1)
