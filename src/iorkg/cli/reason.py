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
@click.option("--all", "keep_all", is_flag=True,
              help="Keep the triples every resource gets (a owl:Thing, a rdfs:Resource, reflexive "
                   "subClassOf, subPropertyOf, equivalentClass, equivalentProperty, sameAs).")
@click.option("--with-examples", is_flag=True, help="Add the shipped fictional example cases.")
def reason_command(files: tuple[str, ...], batch: int, fmt: str, output: str | None,
                   keep_all: bool, with_examples: bool) -> None:
    """Write the triples OWL 2 RL entails and no graph asserts (the graph
    https://w3id.org/iorkg/graph/inferred), reasoned case by case with reasonable, sorted and
    with canonical blank node labels. The holdsLogic shortcut comes only from stated holdings."""
    import iorkg
    from iorkg.rdf.files import atomic_write
    from iorkg.reason.closure import inferred_document

    added, data = inferred_document(iorkg.open(*files, examples=with_examples), fmt, batch=batch, trivial=keep_all)
    if output:
        atomic_write(output, data)
        click.echo(f"wrote {added:,} inferred triples to {output}", err=True)
    else:
        click.get_binary_stream("stdout").write(data)
