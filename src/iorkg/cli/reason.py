"""`iorkg reason`: the OWL 2 RL entailments of the shipped graphs or of given files."""

from __future__ import annotations

import click


@click.command("reason")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--batch", default=20, show_default=True, type=click.IntRange(min=1),
              help="Case graphs reasoned together (each batch with the ontology and shared graphs).")
@click.option("--format", "fmt", default="nt", show_default=True,
              type=click.Choice(["ttl", "nt", "trig", "nq"]), help="RDF format of the inferred triples.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write the inferred graph here (atomically) instead of stdout.")
def reason_command(files: tuple[str, ...], batch: int, fmt: str, output: str | None) -> None:
    """Write the triples OWL 2 RL entails and no graph asserts (the graph
    https://w3id.org/iorkg/graph/inferred), reasoned case by case with reasonable."""
    import iorkg
    from iorkg.reason.closure import INFERRED_GRAPH, materialize
    from iorkg.rdf.files import atomic_write

    kg = iorkg.open(*files)
    added = materialize(kg, batch=batch)
    data = kg.serialize(fmt, INFERRED_GRAPH) if added else b""
    if output:
        atomic_write(output, data)
        click.echo(f"wrote {added:,} inferred triples to {output}", err=True)
    else:
        click.get_binary_stream("stdout").write(data)
