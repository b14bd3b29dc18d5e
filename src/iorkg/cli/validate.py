"""`iorkg validate`: check a case dataset against the SHACL shapes and explain every problem."""

from __future__ import annotations

import click

FORMAT_HELP = ("text: the readable report grouped by node; json: the findings as documented JSON "
               "(docs/validation.md); ttl / jsonld: the standard SHACL validation report graph.")


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--input-format", metavar="FORMAT",
              help="RDF format of FILES (ttl, trig, nt, nq, jsonld, xml); default: from the extension.")
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json", "ttl", "jsonld"]), help=FORMAT_HELP)
@click.option("--engine", default="turbo", show_default=True, type=click.Choice(["turbo", "pyshacl"]),
              help="SHACL engine: pyshacl-turbo (fast) or pyshacl (the reference).")
@click.option("--group", "groups", multiple=True,
              type=click.Choice(["structure", "consistency", "crosscase", "evidence", "all"]),
              help="Rule group to apply (repeatable); default: all four (structure, consistency, crosscase, evidence).")
@click.option("--shapes", "shape_files", multiple=True, type=click.Path(dir_okay=False),
              help="Use these SHACL files instead of the shipped shapes (repeatable).")
@click.option("--reason", is_flag=True,
              help="Also check OWL consistency of ontology and data with HermiT (needs Java).")
@click.option("--sources", "source_dirs", multiple=True, type=click.Path(file_okay=False),
              help="A folder holding the source texts that evidence quotes (repeatable); searched after "
                   "the data files' own folders.")
@click.option("--require-sources", is_flag=True,
              help="A source text that cannot be found is a violation (exit 1), not a warning.")
@click.option("--ontology", "ontology_files", multiple=True, type=click.Path(dir_okay=False),
              help="Lint this extension of the ontology (with the shipped ontology) for labels, "
                   "definitions, declarations and naming, instead of validating case data (repeatable).")
def validate_command(files: tuple[str, ...], input_format: str | None, fmt: str, engine: str,
                     groups: tuple[str, ...], shape_files: tuple[str, ...], reason: bool,
                     source_dirs: tuple[str, ...], require_sources: bool,
                     ontology_files: tuple[str, ...]) -> None:
    """Validate FILES (with the shipped ontology and shared graphs), or the shipped dataset.

    Exit code 0: valid; 1: a rule is broken; 2: the input cannot be read; 3: the machine lacks
    something (Java for --reason).
    """
    import json

    from iorkg.validate import DEFAULT_GROUPS, GROUPS, lint_ontology, validate

    if ontology_files:
        if files:
            raise click.UsageError("--ontology lints ontology files; give no case FILES with it")
        linted = lint_ontology(ontology_files)
        click.echo(json.dumps(linted.as_json(), indent=2) if fmt == "json" else linted.text(), nl=fmt == "json")
        if not linted.ok:
            raise click.exceptions.Exit(1)
        return
    chosen = GROUPS if "all" in groups else (tuple(dict.fromkeys(groups)) or DEFAULT_GROUPS)
    result = validate(list(files) or None, engine=engine, groups=chosen,
                      shapes=list(shape_files) or None, reason=reason, input_format=input_format,
                      sources=source_dirs, require_sources=require_sources)
    if fmt == "text":
        click.echo(result.text, nl=False)
    elif fmt == "json":
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        graph = result.report_graph
        graph.bind("sh", "http://www.w3.org/ns/shacl#")
        graph.bind("iorkgsh", "https://w3id.org/iorkg/shapes/")
        click.echo(graph.serialize(format="turtle" if fmt == "ttl" else "json-ld"))
    if not result.conforms:
        raise click.exceptions.Exit(1)
