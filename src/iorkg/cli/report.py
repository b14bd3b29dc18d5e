"""`iorkg report`: the offline HTML site of the case(s)."""

from __future__ import annotations

import click


@click.command("report")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="The folder to write (replaced whole, atomically; it must be new, empty or an earlier report).")
@click.option("--with-examples", is_flag=True, help="Add the shipped fictional example case (labelled fictional throughout).")
@click.option("--include-restricted", is_flag=True, help="Keep the quotes of restricted cases and sources (left out by default).")
@click.option("--include-sources", is_flag=True,
              help="Copy each source text into the site with its quoted passages highlighted (default: short quotations only).")
@click.option("--figures-for", "figures_for", multiple=True, metavar="IRI",
              help="Draw per-case figures for this case (repeatable; default: every case when there are at most 10).")
def report_command(files: tuple[str, ...], output: str, with_examples: bool, include_restricted: bool,
                   include_sources: bool, figures_for: tuple[str, ...]) -> None:
    """Write a static HTML report that opens from disk: cases, validation, figures, answers, evidence, ontology.

    FILES are case files to report on beside the ontology and shared records (default: the shipped real case).
    Progress goes to stderr.
    """
    from iorkg.report import report

    report(files, output, with_examples=with_examples, include_restricted=include_restricted,
           include_sources=include_sources, figures_for=figures_for or None)
