"""`iorkg serve`: the graphs behind a real SPARQL 1.1 Protocol endpoint on loopback.

The store is built (or reused) by `iorkg.serve.store`, read by an `oxigraph serve-read-only`
process on a private port (`iorkg.serve.backend`), and reached through the Starlette application
of `iorkg.serve.app`, served by uvicorn on the port asked for. Ctrl-C or SIGTERM stops both.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import EnvironmentProblem

DEFAULT_PORT = 7878
DEFAULT_DEADLINE_S = 60.0


@dataclass(frozen=True)
class ServeOptions:
    """What `iorkg serve` was asked for."""

    files: tuple[str, ...] = ()
    port: int = DEFAULT_PORT
    bind: str = "127.0.0.1"
    with_examples: bool = False
    with_inferences: bool = False
    deadline_s: float = DEFAULT_DEADLINE_S
    cache_dir: Path | None = None
    include_restricted: bool = False
    answer_cache_mib: float = 128.0


def is_loopback(host: str) -> bool:
    """Whether a bind address is a loopback address (or `localhost`)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (EnvironmentProblem when the port is taken or not allowed)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48):  # EADDRINUSE on Linux, macOS
            raise EnvironmentProblem(f"port {port} on {host} is in use: stop what listens there "
                                     f"or give another --port") from None
        raise EnvironmentProblem(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def serve(options: ServeOptions, say: Callable[[str], None] | None = None) -> None:
    """Build or reuse the store, start the engine and the front application, and serve until
    Ctrl-C or SIGTERM; both processes are stopped on the way out."""
    try:
        import httpx  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as exc:
        raise EnvironmentProblem(f"`iorkg serve` needs the server extra ({exc.name} is missing): "
                                 "pip install 'iorkg[server]'") from None
    from .app import Supervisor, create_app
    from .backend import Backend
    from .store import build_store, default_cache_dir, oxigraph_binary, serve_inputs

    say = say or (lambda message: print(message, file=sys.stderr, flush=True))
    binary = oxigraph_binary()
    sock = listen(options.bind, options.port)  # first: a taken port fails before any work
    try:
        if not is_loopback(options.bind):
            say(f"warning: listening on {options.bind}, not loopback: anyone who can reach this "
                "machine can query the graphs")
        inputs = serve_inputs(options.files, options.with_examples, options.with_inferences,
                              options.include_restricted)
        cache = options.cache_dir or default_cache_dir()
        location = build_store(inputs, cache, progress=say)
        backend = Backend(location, binary, timeout_s=options.deadline_s,
                          log_path=Path(cache) / "oxigraph-serve.log")
        backend.start()
        try:
            supervisor = Supervisor(backend, options.deadline_s, log=say,
                                    cache_bytes=int(options.answer_cache_mib * 2**20))
            app = create_app(supervisor)
            host = f"[{options.bind}]" if ":" in options.bind else options.bind
            port = sock.getsockname()[1]
            print(f"SPARQL endpoint: http://{host}:{port}/query", flush=True)
            print(f"web UI:          http://{host}:{port}/", flush=True)
            print(f"questions:       http://{host}:{port}/questions", flush=True)
            say("Ctrl-C stops the server")
            config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=3, lifespan="on")
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            backend.stop()
    finally:
        sock.close()

