"""`iorkg serve`: a real endpoint on loopback answering like the embedded store, refusing writes and
federated queries, every question at its own URL, stopped cleanly."""

from __future__ import annotations

import csv
import io
import json
import signal

import pytest

from iorkg.query.catalogue import catalogue


from iorkg.query.remote import run_remote
from servers import Embedded, alive, children, free_port, iorkg_serve, need_binary

httpx = pytest.importorskip("httpx")

pytestmark = [pytest.mark.server, pytest.mark.slow]

NAMES = [i.name for i in catalogue()]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`iorkg serve --with-examples` (every shipped graph, like `iorkg.open()`): its base URL."""
    with iorkg_serve(tmp_path_factory.mktemp("serve"), "--with-examples") as (base, _process):
        yield base


@pytest.fixture(scope="module")
def embedded():
    return Embedded()


def _count(base: str) -> int:
    """The quads the server holds, asked anew each time (a text of its own: never a kept answer)."""
    import uuid

    fresh = COUNT.replace("?n)", f'?n) (SAMPLE("{uuid.uuid4()}") AS ?ask)')
    return int(run_remote(f"{base}/query", fresh).rows[0]["n"])


@pytest.mark.parametrize("name", NAMES)
def test_every_question_through_serve_gives_the_embedded_rows(name, served, embedded):
    remote = run_remote(f"{served}/query", name)
    local = embedded.query(name)
    assert remote.variables == local.variables
    assert remote.rows == local.rows and local.rows


@pytest.mark.parametrize("name", NAMES)
def test_every_question_url_gives_the_embedded_csv(name, served, embedded):
    answer = httpx.get(f"{served}/questions/{name}.csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.text == embedded.answer(name).to_csv()


@pytest.mark.parametrize("ext", ["tsv", "json"])
def test_a_question_url_serves_tsv_and_sparql_json(ext, served, embedded):
    answer = httpx.get(f"{served}/questions/roles.{ext}")
    assert answer.status_code == 200
    local = embedded.answer("roles")
    assert answer.text == (local.to_tsv() if ext == "tsv" else local.to_json())
    if ext == "json":
        assert json.loads(answer.text)["head"]["vars"] == local.variables


def test_a_question_url_serves_its_text(served):
    answer = httpx.get(f"{served}/questions/roles.rq")
    assert answer.status_code == 200
    assert answer.text == next(i.text for i in catalogue() if i.name == "roles")


def test_parameters_in_the_url_are_typed_like_the_embedded_ones(served, embedded):
    answer = httpx.get(f"{served}/questions/roles.csv", params={"actor": "kkt:provider"})
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    local = embedded.answer("roles", actor="kkt:provider")
    assert answer.text == local.to_csv()
    assert rows and {r["actor"] for r in rows} == {"https://w3id.org/iorkg/case/koskela-kork-turpeinen/provider"}


def test_a_parameter_that_is_not_an_iri_is_a_bad_request(served):
    answer = httpx.get(f"{served}/questions/roles.csv", params={"actor": 'x" } ; DROP ALL #'})
    assert answer.status_code == 400 and "not an IRI" in answer.text


def test_an_undeclared_parameter_is_a_bad_request(served):
    answer = httpx.get(f"{served}/questions/roles.csv", params={"colour": "blue"})
    assert answer.status_code == 400 and "takes no parameter 'colour'" in answer.text


def test_an_unknown_question_is_not_found(served):
    assert httpx.get(f"{served}/questions/no-such-question.csv").status_code == 404


def test_the_question_list_gives_every_url(served):
    listed = httpx.get(f"{served}/questions").json()
    assert [q["name"] for q in listed] == NAMES
    assert listed[0]["urls"]["csv"] == f"{served}/questions/{NAMES[0]}.csv"


def test_a_long_question_fits_a_get_request(served, embedded):
    text = next(i.text for i in catalogue() if i.name == "actor-profile")
    from iorkg.query.minify import minify

    answer = httpx.get(f"{served}/query", params={"query": minify(text)},
                       headers={"accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert len(answer.json()["results"]["bindings"]) == len(embedded.query("actor-profile").rows)


def test_a_query_without_graph_sees_the_union_of_the_graphs(served, embedded):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(run_remote(f"{served}/query", query).rows[0]["n"]) == len(embedded)


@pytest.mark.parametrize("how", ["update-endpoint", "sparql-form", "query-body", "query-get"])
def test_an_update_is_refused_and_changes_nothing(how, served):
    before = _count(served)
    update = "DROP ALL"
    if how == "update-endpoint":
        answer = httpx.post(f"{served}/update", content=update, headers={"content-type": "application/sparql-update"})
    elif how == "sparql-form":
        answer = httpx.post(f"{served}/sparql", data={"update": update})
    elif how == "query-body":
        answer = httpx.post(f"{served}/query", content=update, headers={"content-type": "application/sparql-query"})
    else:
        answer = httpx.get(f"{served}/query", params={"query": "CLEAR ALL"})
    assert answer.status_code == 403
    assert _count(served) == before


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_a_graph_store_write_is_refused_and_changes_nothing(method, served):
    before = _count(served)
    answer = httpx.request(method, f"{served}/store", params={"graph": "https://w3id.org/iorkg/ontology"},
                           content=b"<http://a/s> <http://a/p> <http://a/o> .",
                           headers={"content-type": "application/n-triples"})
    assert answer.status_code == 403
    assert _count(served) == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?s ?q ?r } } } LIMIT 1",
])
def test_a_federated_query_is_refused(query, served):
    answer = httpx.post(f"{served}/query", data={"query": query})
    assert answer.status_code == 403 and "SERVICE" in answer.text


def test_the_word_service_inside_a_string_is_a_plain_query(served):
    query = 'SELECT ?x WHERE { BIND ("SERVICE <http://127.0.0.1:1/> { }" AS ?x) }'
    assert run_remote(f"{served}/query", query).rows == [{"x": "SERVICE <http://127.0.0.1:1/> { }"}]


def test_the_web_ui_is_served_with_its_assets_and_talks_only_to_this_server(served):
    page = httpx.get(f"{served}/")
    assert page.status_code == 200 and "Yasgui" in page.text
    assert "connect-src 'self'" in page.headers["content-security-policy"]
    assert httpx.get(f"{served}/yasgui.min.js").status_code == 200


def test_the_ui_endpoint_answers_queries(served):
    answer = httpx.post(f"{served}/sparql", data={"query": "ASK { ?s ?p ?o }"},
                        headers={"accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True


def test_the_fictional_example_is_served_only_when_asked(tmp_path):
    with iorkg_serve(tmp_path) as (base, _process):
        graphs = run_remote(f"{base}/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").column("g")
    assert "https://w3id.org/iorkg/graph/koskela-kork-turpeinen" in graphs
    assert "https://w3id.org/iorkg/graph/fictional-example" not in graphs


def test_sigint_stops_the_server_and_its_engine(tmp_path):
    with iorkg_serve(tmp_path, "--with-examples") as (base, process):
        engines = children(process.pid)
        assert engines
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) is not None
    assert not any(alive(p) for p in engines)


def test_a_port_in_use_is_an_environment_problem(tmp_path, capsys, monkeypatch):
    import socket

    from iorkg.cli import main

    need_binary("oxigraph")
    monkeypatch.setenv("IORKG_CACHE_DIR", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 3
    message = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is in use" in message and "Traceback" not in message


def test_a_missing_server_binary_is_an_environment_problem(tmp_path, capsys, monkeypatch):
    import shutil
    import sys

    from iorkg.cli import main

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    assert main(["serve", "--port", str(free_port())]) == 3
    assert "pip install" in capsys.readouterr().err


def test_a_question_url_marks_the_rows_of_the_fictional_example(served):
    answer = httpx.get(f"{served}/questions/who-held-which-logic.csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert {r["fictional"] for r in rows if "/fictional/" in r["case"]} == {"true"}
    assert {r["fictional"] for r in rows if "/fictional/" not in r["case"]} == {"false"}


def test_a_repeated_question_is_answered_from_the_kept_answer(served):
    url = f"{served}/questions/roles.csv"
    first, second = httpx.get(url), httpx.get(url)
    assert second.headers["x-iorkg-cache"] == "hit"
    assert second.content == first.content


def test_a_refused_request_is_not_kept(served):
    first = httpx.get(f"{served}/questions/roles.csv", params={"case": "not an iri"})
    second = httpx.get(f"{served}/questions/roles.csv", params={"case": "not an iri"})
    assert first.status_code == second.status_code == 400
    assert "x-iorkg-cache" not in second.headers


def test_a_request_body_over_the_limit_is_refused_unread(served):
    from iorkg.serve.app import MAX_BODY_BYTES

    big = b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * MAX_BODY_BYTES
    answer = httpx.post(f"{served}/query", content=big, headers={"content-type": "application/sparql-query"})
    assert answer.status_code == 413


def test_a_form_over_the_limit_is_refused(served):
    from iorkg.serve.app import MAX_BODY_BYTES

    answer = httpx.post(f"{served}/sparql", data={"query": "ASK {} #" + "x" * MAX_BODY_BYTES})
    assert answer.status_code == 413
