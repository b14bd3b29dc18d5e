"""`iorkg serve`: a read-only SPARQL endpoint on loopback, every competency question one URL away."""

from __future__ import annotations

import click


@click.command("serve")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--port", type=int, default=7878, show_default=True, help="The port to listen on.")
@click.option("--bind", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but loopback lets other machines query the graphs.")
@click.option("--with-examples", is_flag=True, help="Also serve the fictional example case.")
@click.option("--with-inferences", is_flag=True, help="Also serve the OWL 2 RL closure (graph .../graph/inferred).")
@click.option("--deadline", "deadline_s", type=float, default=60.0, show_default=True,
              help="Seconds a query may run; a query past it is answered 503 and the engine restarted.")
@click.option("--include-restricted", is_flag=True,
              help="Serve the quotes of restricted sources too (withheld by default; see docs/crosscase.md).")
@click.option("--cache-mib", "cache_mib", type=click.FloatRange(min=0), default=128.0, show_default=True,
              help="Megabytes of answers kept for repeated requests (the store cannot change while served); 0 keeps none.")
def serve_command(files: tuple[str, ...], port: int, bind: str, with_examples: bool,
                  with_inferences: bool, deadline_s: float, include_restricted: bool, cache_mib: float) -> None:
    """Serve the ontology, the shared graph and the cases (or FILES) at http://127.0.0.1:PORT/query,
    with the web UI at / and each competency question at /questions/NAME.csv|tsv|json|rq."""
    from iorkg.serve.server import ServeOptions, serve

    serve(ServeOptions(files, port, bind, with_examples, with_inferences, deadline_s,
                       include_restricted=include_restricted, answer_cache_mib=cache_mib))
