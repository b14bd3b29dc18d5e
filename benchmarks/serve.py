"""Measurements of `iorkg serve` and `iorkg publish` on real servers (run on demand, not in CI).

    python -m benchmarks.serve --cases 100 [--parts timeouts,atomicity,serve,publish] [--output FILE]

Parts:
- timeouts: what the engine's `--timeout-s 3` does to an ORDER BY over a cross product and to a
  COUNT over a cross product (seconds to an answer, the status and the end of the body).
- atomicity: whether a Graph Store PUT that replaces a graph is seen half-done by a concurrent
  reader, and what a server killed in the middle of a PUT leaves (Oxigraph, Virtuoso).
- moves: whether one update request of several MOVEs (how `iorkg publish` puts staged graphs in
  place) is seen half-done by a concurrent reader, and how long it takes (Oxigraph, Virtuoso).
- serve: seconds from `iorkg serve` to its first answer, every competency question through the
  server against the same question embedded (ratio), 20 concurrent clients sending requests of
  the catalogue (errors, p50, p99, engine memory before and after).
- publish: `iorkg publish` to each server against `oxigraph load` of the same file.
Servers run on free loopback ports and are stopped at the end of each part.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the server fixtures (tests/servers.py)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _rss_mib(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------------------------
def measure_timeouts(workdir: Path, wait_s: float = 120.0) -> dict:
    """The engine's --timeout-s 3 against two runaway queries over the real case graph."""
    import subprocess

    import httpx

    from iorkg.catalog import shipped_graphs
    from iorkg.serve.backend import free_port, start_process, stop_process, wait_ready
    from iorkg.serve.store import oxigraph_binary

    binary = oxigraph_binary()
    case = next(e for e in shipped_graphs() if e.role == "case" and not e.fictional)
    location = workdir / "timeouts-store"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(case.path), "--graph", case.iri],
                   check=True, capture_output=True)
    port = free_port()
    process = start_process([binary, "serve-read-only", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "3"])
    queries = {
        "order-by-cross-product": "SELECT ?a ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?a",
        "count-cross-product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    }
    out: dict = {"timeout_s": 3, "triples": case.path.stat().st_size}
    try:
        wait_ready(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        for name, query in queries.items():
            started = time.monotonic()
            try:
                answer = httpx.post(f"http://127.0.0.1:{port}/query", data={"query": query},
                                    headers={"accept": "text/csv"}, timeout=wait_s)
                out[name] = {"seconds": round(time.monotonic() - started, 2), "status": answer.status_code,
                             "body_end": answer.text[-80:].strip()}
            except httpx.TimeoutException:
                out[name] = {"seconds": None, "status": None,
                             "body_end": f"no answer within {wait_s:.0f} s"}
                stop_process(process)  # the engine is still busy: start a fresh one
                port = free_port()
                process = start_process([binary, "serve-read-only", "--location", str(location), "--bind",
                                         f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "3"])
                wait_ready(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
            _say(f"timeouts: {name}: {out[name]}")
    finally:
        stop_process(process)
    return out


# ---------------------------------------------------------------------------------------------
def _ntriples(count: int, tag: str) -> bytes:
    return "".join(f'<https://w3id.org/iorkg/fictional/bench/s{i}> <https://w3id.org/iorkg/fictional/bench/p> '
                   f'"{tag} {i}" .\n' for i in range(count)).encode()


def _writable_servers() -> dict:
    """Per server: how to start it in a folder, its Graph Store, query and update paths, its login."""
    import httpx

    from servers import oxigraph_writable, virtuoso

    return {
        "oxigraph": (lambda d: oxigraph_writable(d / "store"), "/store", "/query", "/update", None),
        "virtuoso": (lambda d: virtuoso(d / "db"), "/sparql-graph-crud-auth", "/sparql", "/sparql-auth",
                     httpx.DigestAuth("dba", "dba")),
    }


def measure_atomicity(workdir: Path, triples: int = 200_000, only: str | None = None) -> dict:
    """Per server: the triple counts a reader saw during a replacing PUT, and the count after a
    server killed half-way through a PUT is started again."""
    import httpx

    graph = "https://w3id.org/iorkg/fictional/bench/graph"
    first, second = _ntriples(triples, "first"), _ntriples(triples + 1, "second")
    servers = _writable_servers()
    out: dict = {"triples": triples}
    for name, (start, store_path, query_path, _update_path, auth) in servers.items():
        if only and name not in only.split(","):
            continue
        folder = workdir / f"atomicity-{name}"
        folder.mkdir()
        result: dict = {}
        count_query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"

        def count(base: str) -> int:
            answer = httpx.get(base + query_path, params={"query": count_query},
                               headers={"accept": "application/sparql-results+json"}, timeout=60)
            return int(answer.json()["results"]["bindings"][0]["n"]["value"])

        def put(base: str, body, timeout: float = 600):
            return httpx.put(base + store_path, params={"graph": graph}, content=body, auth=auth,
                             headers={"content-type": "application/n-triples"}, timeout=timeout)

        with start(folder) as (base, _process):
            started = time.monotonic()
            status = put(base, first).status_code
            result["first_put"] = {"status": status, "seconds": round(time.monotonic() - started, 2)}
            seen: set[int] = set()
            done = threading.Event()

            def reader() -> None:
                while not done.is_set():
                    try:
                        seen.add(count(base))
                    except Exception:  # noqa: BLE001 - a busy server; keep polling
                        pass
                    time.sleep(0.01)

            thread = threading.Thread(target=reader)
            thread.start()
            started = time.monotonic()
            status = put(base, second).status_code
            result["replacing_put"] = {"status": status, "seconds": round(time.monotonic() - started, 2)}
            time.sleep(0.2)
            done.set()
            thread.join()
            result["counts_seen_during_put"] = sorted(seen)
            result["partial_state_seen"] = bool(seen - {triples, triples + 1})
        _say(f"atomicity: {name}: {result}")

        # a PUT whose server is killed half-way through the body
        with start(folder) as (base, process):
            before = count(base)

            def slow_body():
                half = len(first) // 2
                yield first[:half]
                time.sleep(30)  # the server is killed meanwhile
                yield first[half:]

            def killer() -> None:
                time.sleep(1.5)
                import os
                import signal

                os.killpg(process.pid, signal.SIGKILL)

            threading.Thread(target=killer).start()
            try:
                put(base, slow_body(), timeout=60)
            except httpx.HTTPError as exc:
                result["killed_put_client_error"] = type(exc).__name__
        with start(folder) as (base, _process):
            after = count(base)
        result["killed_put"] = {"count_before": before, "count_after_restart": after, "unchanged": before == after}
        _say(f"atomicity: {name}: killed PUT: {result['killed_put']}")
        out[name] = result
    return out


# ---------------------------------------------------------------------------------------------
def measure_moves(workdir: Path, triples: int = 100_000, graphs: int = 4, only: str | None = None) -> dict:
    """Per server: the states a reader saw while one update request of `graphs` MOVEs put staged
    graphs in place (all old or all new when the request is one transaction), and its seconds."""
    import httpx

    from iorkg.serve.publish import staging_graph

    names = [f"https://w3id.org/iorkg/fictional/bench/moved-{i}" for i in range(graphs)]
    old, new = _ntriples(triples, "old"), _ntriples(triples + 1, "new")
    servers = _writable_servers()
    values = " ".join(f"<{g}>" for g in names)
    query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    out: dict = {"triples_per_graph": triples, "graphs": graphs}
    for name, (start, store_path, query_path, update_path, auth) in servers.items():
        if only and name not in only.split(","):
            continue
        folder = workdir / f"moves-{name}"
        folder.mkdir()
        with start(folder) as (base, _process), httpx.Client(auth=auth, timeout=900) as client:
            head = {"content-type": "application/n-triples"}
            t0 = time.monotonic()
            for graph in names:
                client.put(base + store_path, params={"graph": graph}, content=old, headers=head)
            put_new_s = time.monotonic() - t0
            for graph in names:
                client.put(base + store_path, params={"graph": staging_graph(graph)}, content=new, headers=head)
            seen: set = set()
            done = threading.Event()

            def reader() -> None:
                with httpx.Client(timeout=60) as session:
                    while not done.is_set():
                        try:
                            answer = session.get(base + query_path, params={"query": query},
                                                 headers={"accept": "application/sparql-results+json"})
                            rows = answer.json()["results"]["bindings"]
                            seen.add(tuple(sorted((r["g"]["value"], int(r["n"]["value"])) for r in rows)))
                        except Exception:  # noqa: BLE001 - a busy server; keep polling
                            pass
                        time.sleep(0.005)

            thread = threading.Thread(target=reader)
            thread.start()
            time.sleep(0.3)
            t0 = time.monotonic()
            moves = " ;\n".join(f"MOVE SILENT <{staging_graph(g)}> TO <{g}>" for g in names)
            answer = client.post(base + update_path, content=moves.encode(),
                                 headers={"content-type": "application/sparql-update"})
            move_s = time.monotonic() - t0
            time.sleep(0.3)
            done.set()
            thread.join()
        mixed = [state for state in seen if len({n for _, n in state}) > 1 or len(state) < graphs]
        out[name] = {"put_into_new_graphs_s": round(put_new_s, 1), "one_update_of_moves_s": round(move_s, 1),
                     "status": answer.status_code, "body_start": " ".join(answer.text.split())[:80],
                     "states_seen": len(seen), "mixed_or_partial_states": len(mixed)}
        _say(f"moves: {name}: {out[name]}")
    return out


# ---------------------------------------------------------------------------------------------
def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure_serve(workdir: Path, cases: int, clients: int = 20, requests: int = 2000,
                  bound_s: float = 600.0, ratio: bool = True,
                  loads: tuple[str, ...] = ("per-case-not-kept", "catalogue", "per-case")) -> dict:
    """iorkg serve on a generated corpus: start-up, per-question ratio (unless `ratio` is False),
    three concurrent loads (questions asked of one case each with answers not kept; the
    catalogue's URLs and the same per-case questions with answers kept)."""
    import subprocess

    import iorkg
    from benchmarks.generate import write_corpus
    from iorkg.query.catalogue import catalogue
    from iorkg.query.remote import run_remote
    from iorkg.query.run import run_query
    from servers import iorkg_serve

    corpus = write_corpus(cases)
    out: dict = {"cases": cases, "triples": corpus.triples}
    kg = iorkg.open(corpus.nquads)
    names = [i.name for i in catalogue()]
    embedded: dict[str, float] = {}
    for name in names if ratio else ():  # the rows a remote endpoint gives too (no `fictional` column)
        run_query(kg.store, name)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            rows = run_query(kg.store, name).rows
            times.append(time.perf_counter() - started)
        embedded[name] = statistics.median(times)
        out.setdefault("rows", {})[name] = len(rows)

    started = time.monotonic()
    # answers not kept (--cache-mib 0): every request reaches the engine
    with iorkg_serve(workdir, str(corpus.nquads), "--cache-mib", "0") as (base, process):
        out["first_start_to_first_answer_s"] = round(time.monotonic() - started, 2)
        served: dict[str, float] = {}
        same = True
        for name in names if ratio else ():
            remote = run_remote(f"{base}/query", name)
            same = same and remote.rows == run_query(kg.store, name).rows  # (no `fictional` column)
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                run_remote(f"{base}/query", name)
                times.append(time.perf_counter() - t0)
            served[name] = statistics.median(times)
        out["same_rows_as_embedded"] = same if ratio else None
        out["per_question_ms"] = {n: {"embedded": round(embedded[n] * 1000, 1), "served": round(served[n] * 1000, 1),
                                      "ratio": round(served[n] / embedded[n], 2)} for n in names if ratio}
        cases_iris = [row["case"] for row in kg.query(
            "SELECT DISTINCT ?case WHERE { GRAPH ?g { ?case a <https://w3id.org/iorkg/ontology#Case> } }").rows]
        with_case = [i.name for i in catalogue() if any(p.name == "case" for p in i.params)]
        catalogue_urls = [f"{base}/questions/{n}.csv" for n in names]
        pick = random.Random(7)
        per_case_urls = [f"{base}/questions/{pick.choice(with_case)}.csv?case={pick.choice(cases_iris)}"
                         for _ in range(requests)]
        out["load"] = {}
        if "per-case-not-kept" in loads:
            out["load"]["per-case-not-kept"] = _load(process.pid, per_case_urls, clients, requests, bound_s)
            _say(f"serve: load {out['load']}")
    with iorkg_serve(workdir, str(corpus.nquads)) as (base, process):  # answers kept (the default)
        for label, urls in (("catalogue", catalogue_urls), ("per-case", per_case_urls)):
            if label not in loads:
                continue
            urls = [url.replace(urls[0].split("/questions/")[0], base) for url in urls]
            out["load"][label] = _load(process.pid, urls, clients, requests, bound_s)
            _say(f"serve: load {label}: {out['load'][label]}")
    started = time.monotonic()
    with iorkg_serve(workdir, str(corpus.nquads)):
        out["reused_store_start_to_first_answer_s"] = round(time.monotonic() - started, 2)
    _ = subprocess  # (imported for symmetry with the other parts)
    _say(f"serve: {json.dumps({k: v for k, v in out.items() if k != 'per_question_ms'})}")
    return out


def _load(front: int, urls: list[str], clients: int, requests: int, bound_s: float) -> dict:
    """`clients` threads sending `requests` GETs of `urls` in turn, within `bound_s` seconds: errors,
    latency percentiles, answers from the kept answers, memory of the front and the engine."""
    import httpx

    from servers import children

    engine = children(front)[0]
    before = {"front": round(_rss_mib(front), 1), "engine": round(_rss_mib(engine), 1)}
    latencies: list[float] = []
    errors: list[str] = []
    hits = [0]
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + bound_s

    def client() -> None:
        with httpx.Client(timeout=120) as session:
            for index in counter:
                if time.monotonic() > deadline:
                    return
                t0 = time.perf_counter()
                try:
                    answer = session.get(urls[index % len(urls)])
                    ok = answer.status_code == 200
                except httpx.HTTPError as exc:
                    ok, answer = False, exc
                elapsed = time.perf_counter() - t0
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(str(getattr(answer, "status_code", answer)))
                    elif answer.headers.get("x-iorkg-cache") == "hit":
                        hits[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    now = children(front)
    return {"clients": clients, "requests_sent": len(latencies), "requests_planned": requests,
            "distinct_urls": len(set(urls[:requests])), "kept_answers_used": hits[0],
            "errors": len(errors), "error_samples": errors[:5], "wall_s": round(wall, 1),
            "requests_per_s": round(len(latencies) / wall, 1) if wall else None,
            "p50_ms": round(_percentile(latencies, 0.5) * 1000, 1),
            "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
            "rss_mib_before": before,
            "rss_mib_after": {"front": round(_rss_mib(front), 1),
                              "engine": round(_rss_mib(now[0]), 1) if now else None},
            "engine_restarted": engine not in now}


# ---------------------------------------------------------------------------------------------
def measure_publish(workdir: Path, cases: int, only: str | None = None) -> dict:
    """`iorkg publish` of a generated corpus to each server against `oxigraph load` of the file."""
    import subprocess

    from benchmarks.generate import write_corpus
    from iorkg.serve.publish import PublishTarget, publish, publish_inputs, target_for
    from iorkg.serve.store import oxigraph_binary
    from servers import oxigraph_writable, virtuoso

    corpus = write_corpus(cases)
    out: dict = {"cases": cases, "triples": corpus.triples}
    started = time.monotonic()
    subprocess.run([oxigraph_binary(), "load", "--location", str(workdir / "direct-load"), "--file",
                    str(corpus.nquads)], check=True, capture_output=True)
    out["oxigraph_load_s"] = round(time.monotonic() - started, 2)
    inputs = publish_inputs([str(corpus.nquads)])
    for name, start in (("oxigraph", lambda: oxigraph_writable(workdir / "publish-oxigraph")),
                        ("virtuoso", lambda: virtuoso(workdir / "publish-virtuoso"))):
        if only and name not in only.split(","):
            continue
        with start() as (base, _process):
            target: PublishTarget = target_for(name, base, user="dba" if name == "virtuoso" else None,
                                               password="dba" if name == "virtuoso" else None)
            started = time.monotonic()
            lines: list[str] = []
            report = publish(target, inputs, compare_questions=False, progress=lines.append)
            seconds = time.monotonic() - started
            out[name] = {"publish_s": round(seconds, 2), "graphs": len(report.graphs),
                         "ratio_to_oxigraph_load": round(seconds / out["oxigraph_load_s"], 1),
                         "moved": next((line for line in lines if "moved into place in one update" in line
                                        or "moving them one at a time" in line), None)}
        _say(f"publish: {name}: {out[name]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--publish-cases", type=int, default=None, help="cases for the publish part (default --cases)")
    parser.add_argument("--parts", default="timeouts,atomicity,serve,publish")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--no-ratio", action="store_true", help="serve part: only start-up and the loads")
    parser.add_argument("--loads", default="per-case-not-kept,catalogue,per-case",
                        help="serve part: which loads, comma-separated")
    parser.add_argument("--atomicity-triples", type=int, default=200_000)
    parser.add_argument("--servers", default=None, help="only these servers in the atomicity and publish parts (oxigraph,virtuoso)")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    results: dict = {"measured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with tempfile.TemporaryDirectory(prefix="iorkg-bench-serve-") as tmp:
        workdir = Path(tmp)
        for part in args.parts.split(","):
            folder = workdir / part
            folder.mkdir()
            if part == "timeouts":
                results[part] = measure_timeouts(folder)
            elif part == "atomicity":
                results[part] = measure_atomicity(folder, args.atomicity_triples, args.servers)
            elif part == "moves":
                results[part] = measure_moves(folder, args.atomicity_triples // 2, only=args.servers)
            elif part == "serve":
                results[part] = measure_serve(folder, args.cases, requests=args.requests, ratio=not args.no_ratio,
                                              loads=tuple(args.loads.split(",")))
            elif part == "publish":
                results[part] = measure_publish(folder, args.publish_cases or args.cases, args.servers)
            else:
                parser.error(f"unknown part {part!r}")
            if args.output:  # after each part, so a later failure loses nothing
                args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text = json.dumps(results, indent=2)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
