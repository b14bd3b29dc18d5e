"""A runaway query under `iorkg serve`: answered 503 at the deadline, the engine restarted, the
server answering again, the old engine gone."""

from __future__ import annotations

import pytest

from iorkg.query.remote import run_remote
from servers import alive, children, iorkg_serve

httpx = pytest.importorskip("httpx")

pytestmark = [pytest.mark.server, pytest.mark.slow]

# the engine's own timeout does not stop this one (measured: benchmarks/serve.py, docs/serving.md)
RUNAWAY = "SELECT ?a ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?a"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with iorkg_serve(tmp_path_factory.mktemp("deadline"), "--deadline", "2") as (base, process):
        yield base, process


def test_a_runaway_query_is_stopped_at_the_deadline_and_the_engine_restarted(served):
    base, process = served
    before = children(process.pid)
    answer = httpx.post(f"{base}/query", data={"query": RUNAWAY}, timeout=60)
    assert answer.status_code == 503 and "did not finish within 2 s" in answer.text
    after = children(process.pid)
    assert after and set(after).isdisjoint(before)
    assert not any(alive(p) for p in before)


def test_the_server_answers_again_after_a_restart(served):
    base, _process = served
    httpx.post(f"{base}/query", data={"query": RUNAWAY}, timeout=60)
    assert run_remote(f"{base}/query", "SELECT (1 AS ?one) WHERE { }").rows == [{"one": 1}]
