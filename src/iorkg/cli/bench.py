"""`iorkg bench`: the benchmark suite of a source checkout (not shipped in the wheel)."""

from __future__ import annotations

import click


@click.command("bench", context_settings={"ignore_unknown_options": True,
                                          "allow_extra_args": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench_command(args: tuple[str, ...]) -> None:
    """Run the benchmarks (a source checkout only; `iorkg bench --help` lists the options).

    Same as `python -m benchmarks ...` from the checkout root: corpora of 1 to 5,000 fictional
    cases, engines side by side, a markdown table and JSON results (docs/benchmarks.md).
    """
    import sys
    from pathlib import Path

    from ..errors import EnvironmentProblem

    root = Path(__file__).resolve().parents[3]
    if not (root / "benchmarks" / "__main__.py").is_file():
        raise EnvironmentProblem("`iorkg bench` needs a source checkout with benchmarks/; the "
                                 "installed package does not ship them")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from benchmarks.__main__ import main

    code = main(list(args))
    if code:
        raise click.exceptions.Exit(code)
