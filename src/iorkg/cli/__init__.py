"""The `iorkg` command: a thin layer over the library, one command per library call.

Each command lives in a small module of this package that imports only click at load time,
so that `iorkg --help` stays fast; the library is imported inside the command that needs it.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__

# command name -> (module in this package, function name)
COMMANDS: dict[str, tuple[str, str]] = {
    "info": ("basics", "info_command"),
    "export": ("basics", "export_command"),
    "validate": ("validate", "validate_command"),
    "reason": ("reason", "reason_command"),
    "query": ("query", "query_command"),
    "queries": ("query", "queries_command"),
    "compare": ("compare", "compare_command"),
    "import": ("importer", "import_command"),
    "new-case": ("newcase", "new_case_command"),
    "network": ("network", "network_command"),
    "plot": ("plot", "plot_command"),
    "report": ("report", "report_command"),
    "serve": ("serve", "serve_command"),
    "publish": ("publish", "publish_command"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when used (and listed without running them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[name]
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iorkg")
@click.option("--debug", is_flag=True, help="Show the Python traceback of an error instead of one line.")
def cli(debug: bool) -> None:
    """iorkg: the interorganizational-relationship knowledge graph of an occupational health case."""


class Terminated(BaseException):
    """SIGTERM arrived: raised where the command is, so that its clean-up (temporary files and
    folders, child processes) runs before the process ends."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; IorkgError becomes a message on stderr and its exit code. SIGTERM,
    like Ctrl-C, stops the command with its temporaries removed (exit 143)."""
    import signal
    import threading

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _main(argv)
    except Terminated:
        click.echo("iorkg: stopped by SIGTERM; nothing half-written was left", err=True)
        return 143
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    from ..errors import IorkgError

    args = list(sys.argv[1:] if argv is None else argv)
    if "--debug" in args[:1]:  # the traceback is wanted: let every error through
        return cli.main(args=args, prog_name="iorkg", standalone_mode=False) or 0
    import warnings

    from ..errors import InputError

    warnings.filterwarnings("ignore", module="rdflib")  # the library's own warnings are not the user's
    try:
        code = cli.main(args=args, prog_name="iorkg", standalone_mode=False)
        if isinstance(code, int):  # click returns Exit codes instead of raising when not standalone
            return code
    except InputError as exc:  # unreadable input: one line, whatever the parser's message held
        import re

        click.echo("iorkg: " + re.sub(r"\s*\n\s*", " ", str(exc)), err=True)
        return exc.exit_code
    except IorkgError as exc:
        click.echo(f"iorkg: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2 if isinstance(exc, click.UsageError) else exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except BrokenPipeError:
        return 0
    except MemoryError:
        click.echo("iorkg: the machine ran out of memory for this input (exit 3); try a smaller input", err=True)
        return 3
    except (OSError, UnicodeError) as exc:  # a file the library did not name itself
        where = getattr(exc, "filename", None)
        click.echo(f"iorkg: {where + ': ' if where else ''}{getattr(exc, 'strerror', None) or exc}", err=True)
        return 2
    return 0


def entry() -> None:  # pragma: no cover - console script
    sys.exit(main())
