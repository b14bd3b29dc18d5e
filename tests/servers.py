"""Real servers for the tests, each on a free loopback port and always stopped: `iorkg serve`, a
writable `oxigraph serve` and OpenLink Virtuoso."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is `pid` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether a process with this id exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_answering(url: str, process: subprocess.Popen, timeout_s: float = 60, log: Path | None = None) -> None:
    """Return when `url` answers at all (any HTTP status); fail the test if the process dies first."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                text = log.read_text(errors="replace") if log is not None and log.exists() else ""
                pytest.fail(f"{process.args[0]} did not start (code {process.poll()}): {text[-2000:]}")
            time.sleep(0.1)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout_s: float = 15) -> None:
    """Signal the process and reap it (SIGKILL to its group if it lingers)."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def iorkg_command(*args: str) -> list[str]:
    """The command line that runs this worktree's `iorkg` with these arguments."""
    return [sys.executable, "-c", "import sys; from iorkg.cli import main; sys.exit(main(sys.argv[1:]))", *args]


def iorkg_env(cache: Path) -> dict[str, str]:
    """The environment for an `iorkg` child: this worktree's package, a private store cache."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["IORKG_CACHE_DIR"] = str(cache)
    return env


def need_binary(name: str) -> str:
    """The path of a program, or the test skipped."""
    found = shutil.which(name) or (str(Path(sys.executable).parent / name)
                                   if (Path(sys.executable).parent / name).is_file() else None)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@contextlib.contextmanager
def iorkg_serve(workdir: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`iorkg serve` on a free loopback port: (base URL, process); stopped by SIGTERM on exit,
    and the test fails if it leaves its engine behind."""
    need_binary("oxigraph")
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    port = free_port()
    log = workdir / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(iorkg_command("serve", "--port", str(port), *args),
                                   env=iorkg_env(workdir / "cache"), stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    engines: list[int] = []
    try:
        wait_answering(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, log=log)
        engines = children(process.pid)
        yield f"http://127.0.0.1:{port}", process
    finally:
        engines = engines or children(process.pid)
        stop(process)
        deadline = time.monotonic() + 10
        while any(alive(p) for p in engines) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [p for p in engines if alive(p)]
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert not left, f"iorkg serve left processes behind: {left}"


@contextlib.contextmanager
def oxigraph_writable(location: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """A writable `oxigraph serve` on a store directory: (base URL, process)."""
    binary = need_binary("oxigraph")
    port = free_port()
    log = location.parent / f"oxigraph-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_answering(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, log=log)
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxClientConnections = 10
ServerThreads = 10
DirsAllowed = ., {d}
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
MaxQueryMem = 200M

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 5
ServerThreads = 5
KeepAliveTimeout = 10
MaxKeepAlives = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
"""


@contextlib.contextmanager
def virtuoso(directory: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """OpenLink Virtuoso (Debian's virtuoso-t) on free loopback ports: (base URL, process).

    A fresh database in `directory`; the login dba/dba (Digest at /sparql-graph-crud-auth).
    """
    binary = need_binary("virtuoso-t")
    directory.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=directory, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = directory / "virtuoso-stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=directory,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_answering(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", process, timeout_s=120, log=log)
        yield f"http://127.0.0.1:{http_port}", process
    finally:
        stop(process, timeout_s=30)


class Embedded:
    """The shipped graphs with the fictional example, asked the way a server is asked: the rows
    of the question itself, without the `fictional` column `KnowledgeGraph.query` adds."""

    def __init__(self) -> None:
        import iorkg

        self.kg = iorkg.open(examples=True)

    def query(self, name: str, **params: object):
        from iorkg.query.run import run_query

        return run_query(self.kg.store, name, params)

    def answer(self, name: str, **params: object):
        """What the per-question URLs answer: the rows, and the `fictional` column where they name
        a node of the fictional example (as `KnowledgeGraph.query` adds it)."""
        return self.kg.query(name, **params)

    def __len__(self) -> int:
        return len(self.kg)
