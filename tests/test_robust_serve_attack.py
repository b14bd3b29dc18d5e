"""`iorkg serve` under attack (issue 17, item 4): 20 concurrent clients send 2,000 requests to the
shipped case, good per-question URLs and /query requests mixed with malformed, over-long,
unknown, injecting, writing, federated and wrong-method ones. Every good one gets the embedded
answer, every bad one a clean 4xx, and the memory of the front process and its engine does not
grow beyond MEMORY_GROWTH_MB. The figures are printed (run with -s) and quoted in
docs/robustness.md."""

from __future__ import annotations

import itertools
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from iorkg.query.catalogue import catalogue
from servers import Embedded, children, iorkg_serve

httpx = pytest.importorskip("httpx")

pytestmark = [pytest.mark.server, pytest.mark.slow]

CLIENTS = 20
REQUESTS = 2_000
MEMORY_GROWTH_MB = 40
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
FORM = {"content-type": "application/x-www-form-urlencoded"}

# (label, method, path, keyword arguments, the statuses allowed)
BAD = [
    ("bad SPARQL", "GET", "/query", {"params": {"query": "SELEC * WHERE { ?s ?p ?o }"}}, {400}),
    ("bad SPARQL posted", "POST", "/query", {"content": b"SELECT * WHERE { ?s ?p",
                                             "headers": {"content-type": "application/sparql-query"}}, {400}),
    ("request line of 1 MB", "RAW", "/query?query=ASK%7B%7D%23" + "x" * 1_000_000, {}, {400, 414, 431}),
    ("unknown question", "GET", "/questions/no-such-question.csv", {}, {404}),
    ("unknown format", "GET", "/questions/roles.xls", {}, {404}),
    ("parameter injecting query text", "GET", "/questions/roles.csv",
     {"params": {"actor": 'x" } ; DROP ALL #'}}, {400}),
    ("parameter with a newline and UNION", "GET", "/questions/actor-profile.csv",
     {"params": {"actor": "urn:a>\n} UNION { ?s ?p ?o"}}, {400}),
    ("undeclared parameter", "GET", "/questions/roles.csv", {"params": {"colour": "blue"}}, {400}),
    ("UPDATE posted to /query", "POST", "/query", {"content": b"DROP ALL",
                                                   "headers": {"content-type": "application/sparql-update"}}, {403}),
    ("UPDATE as a form", "POST", "/query", {"content": b"update=DELETE+WHERE+%7B%3Fs+%3Fp+%3Fo%7D", "headers": FORM},
     {403}),
    ("UPDATE in query=", "GET", "/query", {"params": {"query": "DELETE WHERE { ?s ?p ?o }"}}, {403}),
    ("UPDATE at /update", "POST", "/update", {"content": b"update=DROP+ALL", "headers": FORM}, {403}),
    ("LOAD of a remote URL", "GET", "/query", {"params": {"query": "LOAD <http://127.0.0.1:9/x.ttl>"}}, {403}),
    ("federated SERVICE", "GET", "/query",
     {"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}}, {403}),
    ("SERVICE hidden by a \\u escape", "GET", "/query",
     {"params": {"query": "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}},
     range(400, 500)),
    ("Graph Store PUT", "PUT", "/store", {"params": {"default": ""}, "content": b"<urn:a> <urn:b> <urn:c> .",
                                          "headers": {"content-type": "application/n-triples"}}, {403}),
    ("Graph Store DELETE", "DELETE", "/store", {"params": {"graph": "https://w3id.org/iorkg/graph/ontology"}}, {403}),
    ("DELETE /query", "DELETE", "/query", {}, {405}),
    ("POST to a question URL", "POST", "/questions/roles.csv", {}, {405}),
    ("query of another media type", "POST", "/query", {"content": b"{}", "headers": {"content-type": "application/json"}},
     {415}),
    ("no query", "GET", "/query", {}, {400}),
]


def rss_mb(pid: int) -> float:
    """The resident memory of a process (VmRSS from /proc), in MB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def memory(pid: int) -> float:
    """The front process and its engine(s) together, in MB."""
    return rss_mb(pid) + sum(rss_mb(child) for child in children(pid))


@pytest.fixture(scope="module")
def expected():
    """What the good requests must get: each question's CSV as the embedded store answers it,
    and the triple count of the union of the graphs."""
    embedded = Embedded()
    csvs = {i.name: embedded.answer(i.name).to_csv() for i in catalogue()}
    return csvs, len(embedded)


def good_requests(csvs: dict[str, str], count: int):
    for name, text in csvs.items():
        yield (f"question {name}", "GET", f"/questions/{name}.csv", {}, ("csv", text))
    yield ("COUNT at /query", "GET", "/query", {"params": {"query": COUNT}, "headers": {"accept": "text/csv"}},
           ("count", count))
    for size in (9_000, 20_000):  # over 8 KB, the engine's own bound: the front posts the query on
        yield (f"ASK in a URL of {size // 1000} KB", "GET", "/query",
               {"params": {"query": "ASK {} #" + "x" * size}, "headers": {"accept": "text/csv"}}, ("text", "true"))
    yield ("ASK posted as a form", "POST", "/query", {"content": b"query=ASK%7B%7D",
                                                      "headers": {**FORM, "accept": "text/csv"}}, ("text", "true"))


def mixed(csvs, count, total: int):
    """`total` requests alternating good and bad ones, cycling through each kind."""
    good = itertools.cycle(list(good_requests(csvs, count)))
    bad = itertools.cycle([(*b, "bad") for b in BAD])
    for i in range(total):
        yield next(good) if i % 2 == 0 else next(bad)


def raw_status(base: str, target: str) -> int | None:
    """The status a GET of this request target gets, sent as it is on a socket."""
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(base)
    with socket.create_connection((where.hostname, where.port), timeout=30) as sock:
        try:
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {where.netloc}\r\nConnection: close\r\n\r\n".encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before the whole line has arrived
        data = b""
        try:
            while len(data) < 64:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
        except ConnectionResetError:
            pass
    parts = data.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def send(client, base: str, request) -> tuple[str, bool, str | None]:
    """(label, ok, what went wrong) for one request."""
    label, method, path, kwargs, want = request[:5]
    if method == "RAW":  # beyond what httpx sends: written on a socket
        status = raw_status(base, path)
        return label, status in want, None if status in want else f"status {status}"
    try:
        answer = client.request(method, base + path, **kwargs)
    except httpx.HTTPError as exc:
        return label, False, f"{type(exc).__name__}: {exc}"
    if len(request) == 6:  # a bad request: a clean 4xx
        if answer.status_code in want:
            return label, True, None
        return label, False, f"status {answer.status_code}: {answer.text[:200]}"
    if answer.status_code != 200:
        return label, False, f"status {answer.status_code}: {answer.text[:200]}"
    kind, value = want
    body = answer.text
    if kind == "csv" and body != value:
        return label, False, "rows differ from the embedded answer"
    if kind == "count" and int(body.split()[-1]) != value:
        return label, False, f"count {body.split()[-1]} instead of {value}"
    if kind == "text" and value not in body:
        return label, False, f"answer {body[:100]!r}"
    return label, True, None


def test_serve_under_attack_answers_the_good_refuses_the_bad_and_keeps_its_memory(tmp_path, expected):
    csvs, count = expected
    with iorkg_serve(tmp_path, "--with-examples") as (base, process):
        limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
        with httpx.Client(limits=limits, timeout=60) as client:
            # one warm-up pass of every kind, so that caches and connection pools are full
            warm = list(good_requests(csvs, count)) + [(*b, "bad") for b in BAD]
            problems = [r for r in (send(client, base, q) for q in warm) if not r[1]]
            assert problems == [], problems
            before = memory(process.pid)
            started = time.monotonic()
            requests = list(mixed(csvs, count, REQUESTS))
            with ThreadPoolExecutor(CLIENTS) as pool:
                results = list(pool.map(lambda q: send(client, base, q), requests[:REQUESTS // 2]))
                middle = memory(process.pid)
                results += list(pool.map(lambda q: send(client, base, q), requests[REQUESTS // 2:]))
            seconds = time.monotonic() - started
            after = memory(process.pid)
            still = send(client, base, next(good_requests(csvs, count)))
    failures = [r for r in results if not r[1]]
    good = sum(1 for i in range(REQUESTS) if i % 2 == 0)
    print(f"\nserve under attack: {REQUESTS} requests ({good} good, {REQUESTS - good} bad) from {CLIENTS} clients "
          f"in {seconds:.1f} s; failures {len(failures)}; memory front+engine {before:.0f} MB before, "
          f"{middle:.0f} MB after {REQUESTS // 2}, {after:.0f} MB after {REQUESTS} ({after - before:+.0f} MB)")
    assert failures == [], failures[:10]
    assert still[1], still
    assert after - before < MEMORY_GROWTH_MB
