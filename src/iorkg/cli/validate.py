"""`iorkg validate`: check a dataset against the SHACL shapes (and optionally OWL consistency)."""

from __future__ import annotations

import click


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--input-format", help="RDF format of the files (ttl, trig, nt, nq, jsonld, xml); default: by extension.")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json", "ttl"]),
              help="text: the readable report; json: findings as JSON; ttl: the standard SHACL report.")
@click.option("--engine", default="turbo", show_default=True, type=click.Choice(["turbo", "pyshacl"]),
              help="SHACL engine: pyshacl-turbo (measured faster) or the pyshacl reference.")
@click.option("--reason", is_flag=True, help="Also check OWL consistency of ontology plus data with HermiT (needs Java).")
def validate_command(files: tuple[str, ...], input_format: str | None, fmt: str, engine: str, reason: bool) -> None:
    """Validate FILES (default: the shipped dataset); exit 0 valid, 1 invalid, 2 unreadable, 3 missing tool."""
    import json

    from iorkg.validation import validate

    result = validate(list(files) or None, engine=engine, reason=reason, input_format=input_format)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    elif fmt == "ttl":
        click.echo(result.report_graph.serialize(format="turtle"))
    else:
        click.echo(result.text)
    consistent = result.consistency is None or result.consistency.coherent
    if not (result.conforms and consistent):
        raise click.exceptions.Exit(1)
