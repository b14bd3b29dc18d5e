"""Nothing lost when a command is killed part-way (issue 17, item 3): after SIGKILL during `import`,
`report` or `serve`'s store build the previous output is intact and the next run removes what the
killed one left; after SIGTERM or Ctrl-C (SIGINT) no temporary file is left at all."""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from robust_inputs import snapshot
from servers import alive, children, free_port, iorkg_command, iorkg_env, iorkg_serve, stop, wait_answering

REPO = Path(__file__).resolve().parents[1]
OLD = time.time() - 3600  # older than iorkg.rdf.files.STALE_AFTER_S: what a killed run left long ago
PREVIOUS = "# the previous output, which must survive\n"

# a child that stops for 30 s between writing its temporary file and renaming it into place
STOP_BEFORE_RENAME = ("import sys, time, os\n"
                      "real = os.replace\n"
                      "os.replace = lambda *a, **k: (time.sleep(30), real(*a, **k))\n"
                      "from iorkg.cli import main; sys.exit(main(sys.argv[1:]))")


def big_workbook(folder: Path, extra_actors: int = 1500) -> Path:
    """The fictional example workbook with `extra_actors` more fictional employers, each with
    evidence: an import of a few seconds."""
    book = folder / "big-book"
    shutil.copytree(REPO / "data" / "fictional-example", book)
    shutil.copytree(REPO / "data" / "sources", book / "sources")

    def add(sheet: str, rows: list[dict[str, str]]) -> None:
        path = book / f"{sheet}.csv"
        header = next(csv.reader(path.open(encoding="utf-8", newline="")))
        with path.open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerows(rows)

    add("actors", [{"id": f"extra-{i}", "type": "Employer", "pseudonym": f"Fictional extra employer {i} (fictional)"}
                   for i in range(extra_actors)])
    add("evidence", [{"id": f"extra-{i}-evidence-1", "node": f"extra-{i}", "source": "source",
                      "quote": "The bakery's employees said", "status": "stated"} for i in range(extra_actors)])
    return book


STARTED: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def stop_what_was_started():
    """Every process a test starts is stopped (its whole process group) when the test ends."""
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def start(args: list[str], tmp_path: Path, code: str | None = None) -> subprocess.Popen:
    command = iorkg_command(*args)
    if code is not None:
        command[2] = code
    logs = tmp_path / ".logs"  # a file, not a pipe: a chatty child never blocks on it
    logs.mkdir(exist_ok=True)
    with (logs / f"{len(STARTED)}.err").open("wb") as log:
        process = subprocess.Popen(command, env=iorkg_env(tmp_path / "cache"), cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    process.log = logs / f"{len(STARTED)}.err"
    STARTED.append(process)
    return process


def wait_for(condition, process: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the process ended first (code {process.returncode}): "
                        f"{process.log.read_text(errors='replace')[-1000:]}")
        if time.monotonic() > deadline:
            pytest.fail("the awaited moment did not come")
        time.sleep(0.02)


def kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> int:
    """Send a signal to the process group and reap the process; its exit code."""
    try:
        os.killpg(process.pid, sig) if sig == signal.SIGKILL else process.send_signal(sig)
        return process.wait(timeout=30)
    finally:
        stop(process)


def age(paths) -> None:
    for path in paths:
        os.utime(path, (OLD, OLD))
        for inner in (path.rglob("*") if path.is_dir() else []):
            os.utime(inner, (OLD, OLD), follow_symlinks=False)


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(iorkg_command(*args), env=iorkg_env(tmp_path / "cache"), cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)


# import -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return big_workbook(tmp_path_factory.mktemp("book"))


@pytest.mark.slow
def test_import_killed_between_write_and_rename_keeps_the_previous_case_and_the_next_run_cleans_up(book, tmp_path):
    target = tmp_path / "case.ttl"
    target.write_text(PREVIOUS, encoding="utf-8")
    process = start(["import", str(book), "--output", str(target)], tmp_path, STOP_BEFORE_RENAME)
    wait_for(lambda: list(tmp_path.glob(".case.ttl.*.tmp")), process, timeout_s=120)
    assert kill(process) == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == PREVIOUS
    leftovers = list(tmp_path.glob(".case.ttl.*.tmp"))
    assert leftovers, "a killed write leaves its temporary (named .case.ttl.*.tmp)"
    age(leftovers)
    done = run(["import", str(book), "--output", str(target)], tmp_path)
    assert done.returncode == 0, done.stderr[-1000:]
    assert target.read_text(encoding="utf-8").startswith("# iorkg case graph")
    assert not any(p.exists() for p in leftovers)


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8])
def test_import_killed_part_way_leaves_the_previous_case_whole(fraction, book, tmp_path):
    target = tmp_path / "case.ttl"
    target.write_text(PREVIOUS, encoding="utf-8")
    started = time.monotonic()
    assert run(["import", str(book), "--output", str(tmp_path / "measure.ttl"), "--check"], tmp_path).returncode == 0
    duration = time.monotonic() - started
    process = start(["import", str(book), "--output", str(target)], tmp_path)
    time.sleep(duration * fraction)
    kill(process)
    assert target.read_text(encoding="utf-8") == PREVIOUS or target.read_text(encoding="utf-8").startswith("# iorkg case graph")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) in (["case.ttl"], ["cache", "case.ttl"])


# report -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def earlier_report(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("report")
    done = run(["report", "--output", str(folder / "site")], folder)
    assert done.returncode == 0, done.stderr[-1000:]
    return folder / "site", snapshot(folder / "site")


def _report_case(tmp_path: Path, earlier_report) -> Path:
    site = tmp_path / "site"
    shutil.copytree(earlier_report[0], site)
    return site


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.3, 0.7])
def test_report_killed_part_way_keeps_the_previous_site_and_the_next_run_cleans_up(fraction, earlier_report, tmp_path):
    site = _report_case(tmp_path, earlier_report)
    started = time.monotonic()
    assert run(["report", "--output", str(tmp_path / "measure")], tmp_path).returncode == 0
    duration = time.monotonic() - started
    shutil.rmtree(tmp_path / "measure")
    process = start(["report", "--output", str(site)], tmp_path)
    time.sleep(duration * fraction)
    kill(process)
    assert snapshot(site) == earlier_report[1] or (site / "index.html").is_file()
    leftovers = list(tmp_path.glob(".site.*"))
    age(leftovers)
    done = run(["report", "--output", str(site)], tmp_path)
    assert done.returncode == 0, done.stderr[-1000:]
    assert (site / "index.html").is_file()
    assert list(tmp_path.glob(".site.*")) == []


@pytest.mark.slow
def test_a_report_killed_between_its_two_renames_is_put_back_by_the_next_run(earlier_report, tmp_path):
    site = _report_case(tmp_path, earlier_report)
    site.rename(tmp_path / f".site.old-{time.time_ns()}")  # the state SIGKILL between the renames leaves
    done = run(["report", "--output", str(site)], tmp_path)
    assert done.returncode == 0, done.stderr[-1000:]
    assert (site / "index.html").is_file() and list(tmp_path.glob(".site.*")) == []


# serve's store build ----------------------------------------------------------------------------------
def many_triples(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(f"<https://w3id.org/iorkg/fictional/kill/s{i}> <https://w3id.org/iorkg/fictional/kill/p> "
                         f"\"fictional value {i}\" .\n")
    return path


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def loading(pid: int) -> bool:
    for child in descendants(pid):
        try:
            if b"load" in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0"):
                return True
        except OSError:
            pass
    return False


@pytest.mark.slow
@pytest.mark.server
def test_a_store_build_killed_during_oxigraph_load_leaves_the_served_store_alone_and_is_not_reused(tmp_path):
    import httpx

    from iorkg.serve.store import COMPLETE_MARK, serve_inputs

    big = many_triples(tmp_path / "big.nt", 300_000)
    stores = tmp_path / "cache" / "stores"
    with iorkg_serve(tmp_path) as (base, _server):
        count_query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}
        served = httpx.get(f"{base}/query", params=count_query, headers={"Accept": "text/csv"}, timeout=30).text
        current = [p for p in stores.iterdir() if (p / COMPLETE_MARK).is_file()]
        assert len(current) == 1
        before = snapshot(current[0])
        process = start(["serve", "--port", str(free_port()), str(big)], tmp_path)
        wait_for(lambda: loading(process.pid), process, timeout_s=180)
        group = descendants(process.pid)
        kill(process)
        deadline = time.monotonic() + 10
        while any(alive(p) for p in group) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(p) for p in group), "the killed build left a process behind"
        # the running server still answers, from the same store, unchanged
        again = httpx.get(f"{base}/query", params=count_query, headers={"Accept": "text/csv"}, timeout=30).text
        assert again == served
        assert snapshot(current[0]) == before
    digest = serve_inputs([big]).digest()
    assert not (stores / digest).exists(), "a half-built store must never get its final name"
    leftovers = list(stores.glob(f".{digest}.*"))
    assert leftovers, "the killed build leaves its work folder (named .DIGEST.*)"
    age(leftovers)
    process = start(["serve", "--port", str(port := free_port()), str(big)], tmp_path)
    try:
        wait_answering(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, timeout_s=240)
        answer = httpx.get(f"http://127.0.0.1:{port}/query", params=count_query, headers={"Accept": "text/csv"},
                           timeout=30).text
        assert int(answer.split()[-1]) >= 300_000
        assert (stores / digest / COMPLETE_MARK).is_file()
        assert not any(p.exists() for p in leftovers)
    finally:
        engines = descendants(process.pid)
        stop(process)
        for pid in engines:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


# SIGTERM and Ctrl-C: no temporary left ----------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_export_stopped_by_a_signal_before_the_rename_leaves_no_temporary(sig, tmp_path):
    target = tmp_path / "all.nq"
    target.write_text(PREVIOUS, encoding="utf-8")
    process = start(["export", "--format", "nq", "--output", str(target)], tmp_path, STOP_BEFORE_RENAME)
    wait_for(lambda: list(tmp_path.glob(".all.nq.*.tmp")), process)
    code = kill(process, sig)
    assert code != 0
    assert target.read_text(encoding="utf-8") == PREVIOUS
    assert list(tmp_path.glob(".all.nq.*.tmp")) == []


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_import_stopped_by_a_signal_before_the_rename_leaves_no_temporary(sig, book, tmp_path):
    target = tmp_path / "case.ttl"
    target.write_text(PREVIOUS, encoding="utf-8")
    process = start(["import", str(book), "--output", str(target)], tmp_path, STOP_BEFORE_RENAME)
    wait_for(lambda: list(tmp_path.glob(".case.ttl.*.tmp")), process, timeout_s=120)
    assert kill(process, sig) != 0
    assert target.read_text(encoding="utf-8") == PREVIOUS
    assert list(tmp_path.glob(".case.ttl.*.tmp")) == []


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_report_stopped_by_a_signal_part_way_leaves_no_temporary(sig, earlier_report, tmp_path):
    site = _report_case(tmp_path, earlier_report)
    process = start(["report", "--output", str(site)], tmp_path)
    wait_for(lambda: list(tmp_path.glob(".site.*")), process)
    time.sleep(0.5)
    assert kill(process, sig) != 0
    assert snapshot(site) == earlier_report[1]
    assert list(tmp_path.glob(".site.*")) == []


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_stopped_by_a_signal_during_its_store_build_leaves_no_work_folder_and_no_process(sig, tmp_path):
    big = many_triples(tmp_path / "big.nt", 300_000)
    stores = tmp_path / "cache" / "stores"
    process = start(["serve", "--port", str(free_port()), str(big)], tmp_path)
    wait_for(lambda: loading(process.pid), process, timeout_s=180)
    group = descendants(process.pid)
    assert kill(process, sig) != 0
    deadline = time.monotonic() + 10
    while any(alive(p) for p in group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in group), "the stopped build left its oxigraph load running"
    assert [p.name for p in stores.iterdir()] == []
