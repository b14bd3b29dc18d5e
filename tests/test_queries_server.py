"""The same rows embedded and on a real SPARQL 1.1 server (the `oxigraph` binary, 127.0.0.1 only)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from iorkg.catalog import shipped_graphs
from iorkg.errors import EnvironmentProblem, InputError
from iorkg.query.catalogue import catalogue
from iorkg.query.remote import run_remote
from iorkg.query.run import run_query

pytestmark = [pytest.mark.server, pytest.mark.slow]

INJECTION = 'x" } ; DROP ALL #'
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _put_graph(base: str, iri: str, data: bytes) -> None:
    url = f"{base}/store?graph={urllib.parse.quote(iri, safe='')}"
    request = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "text/turtle"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status in (200, 201, 204)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """An oxigraph server on 127.0.0.1 holding the shipped graphs (loaded by the Graph Store Protocol)."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    location = tmp_path_factory.mktemp("oxigraph-store")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (location.parent / "oxigraph.log").open("wb")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not start: {(location.parent / 'oxigraph.log').read_text()}")
                time.sleep(0.1)
        for entry in shipped_graphs():
            _put_graph(base, entry.iri, entry.path.read_bytes())
        yield f"{base}/query"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


NAMES = [i.name for i in catalogue()]


@pytest.mark.parametrize("name", NAMES)
def test_every_query_gives_the_same_rows_embedded_and_on_the_server(name, endpoint, shipped_kg):
    embedded = run_query(shipped_kg.store, name)
    remote = run_remote(endpoint, name)
    assert remote.variables == embedded.variables
    assert remote.terms == embedded.terms
    assert remote.rows == embedded.rows
    assert embedded.rows, f"{name} answers nothing"


def _case_nodes(kg) -> list[str]:
    return sorted(r["c"] for r in kg.query(
        "SELECT ?c WHERE { GRAPH ?g { ?c a <https://w3id.org/iorkg/ontology#Case> } }").rows)


@pytest.mark.parametrize("name", [i.name for i in catalogue() if any(p.name == "case" for p in i.params)])
def test_the_case_parameter_binds_the_same_way_on_both_paths(name, endpoint, shipped_kg):
    for case in _case_nodes(shipped_kg):
        embedded = run_query(shipped_kg.store, name, {"case": case})
        remote = run_remote(endpoint, name, {"case": case})
        assert remote.terms == embedded.terms
        assert {r["case"] for r in embedded.rows} <= {case}


@pytest.mark.parametrize("name, params", [
    ("evidence", {"node": "kkt:employer"}),
    ("actor-profile", {"actor": "kkt:provider"}),
    ("roles", {"actor": "fx:bakery"}),
    ("citations", {"reference": "iorkgs:ref-barringer-harrison-2000"}),
    ("audit", {"by": "iorkgs:curators"}),
])
def test_node_parameters_bind_the_same_way_on_both_paths(name, params, endpoint, shipped_kg):
    embedded = run_query(shipped_kg.store, name, params)
    remote = run_remote(endpoint, name, params)
    assert embedded.rows and remote.terms == embedded.terms


def test_injection_is_inert_on_the_server(endpoint, shipped_kg):
    before = run_remote(endpoint, COUNT).rows
    echo = run_remote(endpoint, "SELECT ?v WHERE { }", {"v": INJECTION})
    assert echo.rows == [{"v": INJECTION}]
    labels = run_remote(endpoint, "SELECT ?s WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?v } }",
                        {"v": INJECTION})
    assert labels.rows == []
    with pytest.raises(InputError):
        run_remote(endpoint, "evidence", {"node": INJECTION})
    assert run_remote(endpoint, COUNT).rows == before == run_query(shipped_kg.store, COUNT).rows


def test_ask_and_construct_on_the_server(endpoint, shipped_kg):
    ask = "ASK { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?v } }"
    assert run_remote(endpoint, ask, {"v": INJECTION}).boolean is False
    construct = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { GRAPH ?g { "
                 "?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    remote = run_remote(endpoint, construct, {"s": "kkt:employer"})
    embedded = run_query(shipped_kg.store, construct, {"s": "kkt:employer"})
    assert set(remote.triples) == set(embedded.triples) and len(remote.triples) == 1


def test_a_bad_query_is_refused_by_the_server(endpoint):
    with pytest.raises(InputError):
        run_remote(endpoint, "SELECT ?x WHERE { ?x }")


def test_an_unreachable_endpoint_is_an_environment_problem():
    with pytest.raises(EnvironmentProblem):
        run_remote(f"http://127.0.0.1:{_free_port()}/query", "roles", timeout=5)


def test_cli_runs_on_the_endpoint(endpoint, capsys, shipped_kg):
    from iorkg.cli import main

    assert main(["query", "roles", "--endpoint", endpoint, "--format", "csv"]) == 0
    remote_csv = capsys.readouterr().out
    assert remote_csv == run_query(shipped_kg.store, "roles").to_csv()
