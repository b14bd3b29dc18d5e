"""`iorkg new-case`: a folder with an empty case workbook and a sources/ folder."""

from __future__ import annotations

import click


@click.command("new-case")
@click.argument("name")
@click.option("--parent", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Where to make the NAME/ folder.")
def new_case_command(name: str, parent: str) -> None:
    """Make NAME/NAME.xlsx (the case workbook template) and NAME/sources/."""
    from iorkg.io.template import new_case

    made = new_case(name, parent)
    click.echo(f"made {made.workbook} and {made.sources}/; fill the workbook, put the source texts "
               f"in {made.sources}/, then run: iorkg import {made.workbook}", err=True)
