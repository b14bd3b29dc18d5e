"""`iorkg publish` to two real stores: a writable Oxigraph server and OpenLink Virtuoso."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from iorkg.query.catalogue import catalogue


from iorkg.query.remote import run_remote
from iorkg.query.run import run_query
from iorkg.serve.publish import PRESETS, PublishError, publish, publish_inputs, target_for
from servers import free_port, oxigraph_writable, virtuoso

httpx = pytest.importorskip("httpx")

pytestmark = [pytest.mark.server, pytest.mark.slow]

NAMES = [i.name for i in catalogue()]
BIG_GRAPH = "https://w3id.org/iorkg/fictional/publish-test/graph"
# Virtuoso 7.2.5 (Debian) answers every question like the embedded store but two (docs/serving.md, "After the
# upload"): `logic-shifts` (its count of the phases between two phases walks an interval path bound at both ends by
# the enclosing join, and Virtuoso loses that path's matches) and `co-occurrence` (Virtuoso drops the zero-step rows
# of `iorkg:inCase?`; the UNION that avoids it runs past Virtuoso's time limit once a third case is loaded)
VIRTUOSO_DIFFERENT = {"co-occurrence", "logic-shifts"}
VIRTUOSO_SAME = set(NAMES) - VIRTUOSO_DIFFERENT


@pytest.fixture(scope="module")
def kg():
    """What `iorkg publish --with-examples` publishes (every shipped graph)."""
    return publish_inputs([], with_examples=True)


def _quiet(message: str) -> None:
    pass


SMALL_GRAPH = "https://w3id.org/iorkg/fictional/publish-test/a-small-graph"  # sorts, and is sent, first


def _big_kg(triples: int, tag: str, small: int = 0):
    """A knowledge graph of one fictional graph of `triples` triples (and, with `small`, a graph
    of that many triples sent before it)."""
    import pyoxigraph as ox

    from iorkg.store import KnowledgeGraph

    big = KnowledgeGraph()
    predicate = ox.NamedNode("https://w3id.org/iorkg/fictional/publish-test/p")
    for graph, count in ((BIG_GRAPH, triples), (SMALL_GRAPH, small)):
        big.store.bulk_extend(ox.Quad(ox.NamedNode(f"https://w3id.org/iorkg/fictional/publish-test/s{i}"),
                                      predicate, ox.Literal(f"{tag} {i}"), ox.NamedNode(graph))
                              for i in range(count))
    return big


def _staging_graphs(query_url: str) -> list:
    return run_remote(query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                 "FILTER STRSTARTS(STR(?g), 'urn:iorkg:staging:') }").rows


def _count(query_url: str, graph: str) -> int:
    return int(run_remote(query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows[0]["n"])


# --- Oxigraph -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory, kg):
    with oxigraph_writable(tmp_path_factory.mktemp("oxigraph") / "store") as (base, _process):
        report = publish(target_for("oxigraph", base), kg, compare_questions=True, progress=_quiet)
        yield base, report


def test_publish_to_oxigraph_reads_every_count_back(oxigraph_store, kg):
    _base, report = oxigraph_store
    assert report.graphs == {g: (n, n) for g, n in kg.triple_counts().items()}


@pytest.mark.parametrize("name", NAMES)
def test_every_question_on_oxigraph_after_publish_gives_the_embedded_rows(name, oxigraph_store, kg):
    base, report = oxigraph_store
    assert run_remote(f"{base}/query", name).rows == run_query(kg.store, name).rows
    assert name in report.questions_same


def test_publishing_again_replaces_rather_than_adds(oxigraph_store, kg):
    base, _report = oxigraph_store
    again = publish(target_for("oxigraph", base), kg, compare_questions=False, progress=_quiet)
    assert again.graphs == {g: (n, n) for g, n in kg.triple_counts().items()}


def test_progress_is_shown_per_graph(oxigraph_store, kg):
    base, _report = oxigraph_store
    lines: list[str] = []
    publish(target_for("oxigraph", base), kg, compare_questions=False, progress=lines.append)
    assert len(lines) == len(kg.graphs()) + 1
    assert all(f"graph {n}/{len(kg.graphs())} " in line and " triples staged in " in line
               for n, line in enumerate(lines[:-1], start=1))
    assert f"{len(kg.graphs())} graphs moved into place in one update" in lines[-1]


def test_no_staging_graph_is_left_after_a_publish(oxigraph_store, kg):
    base, _report = oxigraph_store
    assert _staging_graphs(f"{base}/query") == []


def test_an_upload_that_fails_at_the_second_graph_leaves_the_first_as_it_was(tmp_path):
    location = tmp_path / "store"
    with oxigraph_writable(location) as (base, _process):
        publish(target_for("oxigraph", base), _big_kg(1000, "old", small=10), compare_questions=False,
                progress=_quiet)
    new = _big_kg(300_000, "new", small=20)
    with oxigraph_writable(location) as (base, process):
        threading.Timer(1.0, lambda: os.killpg(process.pid, signal.SIGKILL)).start()
        with pytest.raises(PublishError):
            publish(target_for("oxigraph", base), new, compare_questions=False, progress=_quiet)
    with oxigraph_writable(location) as (base, _process):
        assert _count(f"{base}/query", SMALL_GRAPH) == 10  # uploaded whole before the kill, yet not live
        assert _count(f"{base}/query", BIG_GRAPH) == 1000
        publish(target_for("oxigraph", base), _big_kg(1000, "old", small=10), compare_questions=False,
                progress=_quiet)
        assert _staging_graphs(f"{base}/query") == []  # the killed run's leftover is gone


def test_an_interrupted_upload_leaves_the_oxigraph_graph_as_it_was(tmp_path):
    location = tmp_path / "store"
    with oxigraph_writable(location) as (base, _process):
        publish(target_for("oxigraph", base), _big_kg(1000, "old"), compare_questions=False, progress=_quiet)
    big = _big_kg(300_000, "new")
    with oxigraph_writable(location) as (base, process):
        threading.Timer(1.0, lambda: os.killpg(process.pid, signal.SIGKILL)).start()
        with pytest.raises(PublishError):
            publish(target_for("oxigraph", base), big, compare_questions=False, progress=_quiet)
    with oxigraph_writable(location) as (base, _process):
        assert _count(f"{base}/query", BIG_GRAPH) == 1000


def test_a_store_refusing_one_update_of_every_move_gets_them_one_at_a_time(oxigraph_store, kg):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    base, _report = oxigraph_store

    class OneMoveAtATime(BaseHTTPRequestHandler):  # like Virtuoso when the single update times out
        def do_POST(self):  # noqa: N802 - the http.server spelling
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            if body.count(b"MOVE") > 1:
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"Error SR171: Transaction timed out")
                return
            answer = httpx.post(f"{base}/update", content=body, headers={"content-type": "application/sparql-update"})
            self.send_response(answer.status_code)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), OneMoveAtATime)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    lines: list[str] = []
    try:
        target = target_for(None, f"{base}/store", query=f"{base}/query",
                            update=f"http://127.0.0.1:{server.server_port}/update")
        report = publish(target, kg, compare_questions=False, progress=lines.append)
    finally:
        server.shutdown()
        thread.join()
    assert report.graphs == {g: (n, n) for g, n in kg.triple_counts().items()}
    assert any("moving them one at a time" in line for line in lines)
    assert sum(" moved into place" in line for line in lines) == len(kg.graphs())
    assert _staging_graphs(f"{base}/query") == []


def test_a_store_that_is_down_is_one_clear_error(kg, capsys):
    from iorkg.cli import main

    assert main(["publish", "--preset", "oxigraph", "--store", f"http://127.0.0.1:{free_port()}"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the store" in err and "Traceback" not in err


def test_garbage_from_the_query_endpoint_is_one_clear_error(oxigraph_store, kg):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Garbage(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server spelling
            self.rfile.read(int(self.headers.get("content-length", 0)))
            self.send_response(200)
            self.send_header("content-type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b"<html>not results</html>")

        def log_message(self, *args):
            pass

    base, _report = oxigraph_store
    server = ThreadingHTTPServer(("127.0.0.1", 0), Garbage)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        target = target_for(None, f"{base}/store", query=f"http://127.0.0.1:{server.server_port}/query",
                            update=f"{base}/update")
        with pytest.raises(PublishError, match="not SPARQL JSON results"):
            publish(target, kg, compare_questions=False, progress=_quiet)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- Virtuoso -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def virtuoso_store(tmp_path_factory, kg):
    with virtuoso(tmp_path_factory.mktemp("virtuoso") / "db") as (base, process):
        yield base, process


def test_publish_to_virtuoso_with_digest_login_from_the_environment(virtuoso_store, capsys, monkeypatch):
    from iorkg.cli import main

    base, _process = virtuoso_store
    monkeypatch.setenv("IORKG_TEST_VIRTUOSO_PASSWORD", "dba")
    code = main(["publish", "--preset", "virtuoso", "--store", base, "--user", "dba",
                 "--password-env", "IORKG_TEST_VIRTUOSO_PASSWORD", "--with-examples"])
    out, err = capsys.readouterr()
    assert err.count(" triples staged in ") == 4 and "4 graphs moved into place in one update" in err
    # Virtuoso 7.2.5 answers some questions differently: the command says which, and exits 2
    assert code == (0 if VIRTUOSO_SAME == set(NAMES) else 2)
    assert f"competency questions with the embedded answer: {len(VIRTUOSO_SAME)} of {len(NAMES)}" in err


def test_virtuoso_holds_every_graph_with_its_triple_count_and_no_staging_graph(virtuoso_store, kg):
    base, _process = virtuoso_store
    publish(target_for("virtuoso", base, user="dba", password="dba"), kg, compare_questions=False, progress=_quiet)
    for graph, count in kg.triple_counts().items():
        assert _count(f"{base}/sparql", graph) == count
    staging = run_remote(f"{base}/sparql", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                           "FILTER STRSTARTS(STR(?g), 'urn:iorkg:staging:') }").rows
    assert staging == []


@pytest.fixture(scope="module")
def virtuoso_published(virtuoso_store, kg):
    base, _process = virtuoso_store
    publish(target_for("virtuoso", base, user="dba", password="dba"), kg, compare_questions=False, progress=_quiet)
    return base


@pytest.mark.parametrize("name", NAMES)
def test_every_question_on_virtuoso_after_publish(name, virtuoso_published, kg):
    try:
        same = run_remote(f"{virtuoso_published}/sparql", name).rows == run_query(kg.store, name).rows
    except Exception:  # noqa: BLE001 - Virtuoso's SPARQL compiler refuses a few
        same = False
    if name in VIRTUOSO_SAME:
        assert same
    else:
        assert not same, f"Virtuoso now answers {name} like the embedded store: add it to VIRTUOSO_SAME"
        pytest.xfail("Virtuoso 7.2.5 answers this question differently or refuses it (docs/serving.md)")


def test_a_wrong_virtuoso_password_is_refused_clearly(virtuoso_store, kg):
    base, _process = virtuoso_store
    with pytest.raises(PublishError, match="refused the login") as caught:
        publish(target_for("virtuoso", base, user="dba", password="not-the-password"), kg,
                compare_questions=False, progress=_quiet)
    assert "not-the-password" not in str(caught.value)


def test_virtuoso_without_login_is_refused_clearly(virtuoso_store, kg):
    base, _process = virtuoso_store
    with pytest.raises(PublishError, match="refused the login"):
        publish(target_for("virtuoso", base), kg, compare_questions=False, progress=_quiet)


def test_an_interrupted_upload_leaves_the_virtuoso_graph_as_it_was(tmp_path):
    folder = tmp_path / "db"
    with virtuoso(folder) as (base, _process):
        publish(target_for("virtuoso", base, user="dba", password="dba"), _big_kg(1000, "old"),
                compare_questions=False, progress=_quiet)
    big = _big_kg(100_000, "new")
    with virtuoso(folder) as (base, process):
        threading.Timer(1.0, lambda: os.killpg(process.pid, signal.SIGKILL)).start()
        started = time.monotonic()
        with pytest.raises(PublishError):
            publish(target_for("virtuoso", base, user="dba", password="dba"), big, compare_questions=False,
                    progress=_quiet)
        assert time.monotonic() - started < 60
    with virtuoso(folder) as (base, _process):
        assert _count(f"{base}/sparql", BIG_GRAPH) == 1000


def test_every_preset_names_its_three_urls():
    for preset in PRESETS.values():
        target = target_for(preset.name, preset.base_example)
        assert target.graph_store.startswith("http://127.0.0.1") and target.query and target.update
