"""The Oxigraph server process behind `iorkg serve`: started read-only on a private loopback port,
stopped with its whole process group, restarted when a query runs past its deadline.

The process runs in a session of its own (a terminal's Ctrl-C reaches only iorkg, which then
stops it) and, on Linux, is told to receive SIGTERM when the thread that started it ends, so not
even a killed `iorkg serve` leaves it behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..errors import EnvironmentProblem

READY_TIMEOUT_S = 30.0


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on at the moment (the OS's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_process(args: list[str], log_path: Path | None = None) -> subprocess.Popen:
    """A child process in its own session and process group, ending when its parent ends."""
    log = open(log_path, "ab") if log_path is not None else subprocess.DEVNULL
    try:
        return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, preexec_fn=_die_with_parent)
    finally:
        if log_path is not None:
            log.close()


def stop_process(process: subprocess.Popen, grace_s: float = 5.0) -> None:
    """SIGTERM to the process group, SIGKILL after `grace_s`; returns when the process is reaped."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def wait_ready(url: str, process: subprocess.Popen, timeout_s: float = READY_TIMEOUT_S) -> None:
    """Return once `url` answers; EnvironmentProblem if the process ends or time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None:
                raise EnvironmentProblem(f"the server {process.args[0]} exited with code {process.returncode} "
                                         "before answering") from None
            if time.monotonic() > deadline:
                raise EnvironmentProblem(f"the server did not answer {url} within {timeout_s:.0f} s") from None
            time.sleep(0.05)


class Backend:
    """One `oxigraph serve-read-only --union-default-graph` on a store directory."""

    def __init__(self, location: Path, binary: str, timeout_s: float | None = None,
                 log_path: Path | None = None) -> None:
        self.location = Path(location)
        self.binary = binary
        self.timeout_s = timeout_s
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self.restarts = 0

    @property
    def url(self) -> str:
        """The base URL (no trailing slash) of the running process."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        """The process id, while one runs."""
        return self.process.pid if self.process is not None and self.process.poll() is None else None

    @property
    def engine_timeout_s(self) -> int | None:
        """The whole seconds given to the engine's own `--timeout-s` (None: no timeout)."""
        return max(1, int(self.timeout_s)) if self.timeout_s else None

    def spawn(self) -> subprocess.Popen:
        """Start the process on a new free port (without waiting for it to answer)."""
        self.port = free_port()
        args = [self.binary, "serve-read-only", "--location", str(self.location),
                "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"]
        if self.engine_timeout_s:
            args += ["--timeout-s", str(self.engine_timeout_s)]
        self.process = start_process(args, self.log_path)
        return self.process

    def start(self) -> None:
        """Start the process and wait until it answers (a few tries if its port was taken meanwhile)."""
        for attempt in range(3):
            process = self.spawn()
            try:
                wait_ready(f"{self.url}/query?query=ASK%7B%7D", process)
                return
            except EnvironmentProblem:
                stop_process(process)
                if attempt == 2:
                    raise

    def stop(self) -> None:
        """Stop the process (and its group) if it runs."""
        if self.process is not None:
            stop_process(self.process)
            self.process = None
