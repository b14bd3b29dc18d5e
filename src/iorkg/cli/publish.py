"""`iorkg publish`: the graphs uploaded to a shared triple store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

import click

PRESET_NAMES = ["oxigraph", "virtuoso", "fuseki", "graphdb", "qlever"]


@click.command("publish")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--store", required=True, metavar="URL",
              help="With --preset, the store's base URL; without, its Graph Store endpoint.")
@click.option("--preset", type=click.Choice(PRESET_NAMES), default=None,
              help="The store's kind: its Graph Store, query and update URLs follow from --store.")
@click.option("--query", "query_url", metavar="URL", help="The query endpoint (default: the preset's).")
@click.option("--update", "update_url", metavar="URL", help="The update endpoint (default: the preset's).")
@click.option("--user", metavar="NAME", help="Log in as this user.")
@click.option("--password-env", metavar="VAR", help="The environment variable holding the password (never printed).")
@click.option("--auth", type=click.Choice(["basic", "digest", "bearer"]), default=None,
              help="How to log in (default: the preset's; Virtuoso uses digest).")
@click.option("--with-examples", is_flag=True, help="Also publish the fictional example case.")
@click.option("--include-restricted", is_flag=True,
              help="Publish the quotes of restricted sources too (withheld by default; see docs/crosscase.md).")
@click.option("--no-compare", is_flag=True, help="Do not ask the store the competency questions afterwards.")
@click.option("--no-validate", is_flag=True,
              help="Upload without validating first (by default graphs that break the rules are not sent).")
def publish_command(files: tuple[str, ...], store: str, preset: str | None, query_url: str | None,
                    update_url: str | None, user: str | None, password_env: str | None, auth: str | None,
                    with_examples: bool, include_restricted: bool, no_compare: bool, no_validate: bool) -> None:
    """Validate the ontology, the shared graph and each case (or FILES), upload them as one named
    graph each, replace the live graphs only once all are uploaded, read the triple counts back and
    compare every competency question with the embedded answer."""
    from iorkg.serve.publish import publish_main

    click.echo(publish_main(files, store, preset, query_url, update_url, user, password_env, auth,
                            with_examples, not no_compare, include_restricted, not no_validate), nl=False)
