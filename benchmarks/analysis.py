"""Benchmarks of the analysis and the report: `python -m benchmarks.analysis [--size 1000]`.

Measured, each against its target (issue 16) and, where there is one, the alternative in the
same run:

* ``report-shipped``: `iorkg report` on the shipped real case, a fresh process (target < 10 s);
* ``network-per-case``: every network kind for every case of the corpus, the questions asked
  once and the rows split by case (target < 30 s), beside asking each question once per case
  (measured on the first `--per-case-sample` cases and scaled, said so);
* ``betweenness-joined``: betweenness over the joined corpus network, exact beside networkx's
  sampled estimate (the one `iorkg network` uses above 400 nodes);
* ``report-corpus``: `write_report` of the corpus with per-case pages, the corpus figure and
  per-case figures for three cases only (target < 60 s), and the time its index page takes to
  open in headless Chromium (target < 2 s; skipped without Chromium and Selenium).

Numbers go to stdout as a markdown table and, with `--output`, to a JSON file. Times are wall
times on a shared machine: the load of other processes during the run is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _say(message: str) -> None:
    print(f"benchmarks.analysis: {message}", file=sys.stderr, flush=True)


def _load() -> float:
    return os.getloadavg()[0]


def report_shipped() -> dict:
    """`iorkg report --output DIR` on the shipped case, in a fresh process (imports included)."""
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sys; from iorkg.cli import main; sys.exit(main(sys.argv[1:]))",
                        "report", "--output", str(Path(folder) / "site")],
                       check=True, env=env, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
    return {"item": "report-shipped", "seconds": round(seconds, 2), "target": 10.0, "load": _load()}


def _corpus_kg(size: int):
    from benchmarks.generate import write_corpus
    from iorkg.store import KnowledgeGraph

    corpus = write_corpus(size)
    kg = KnowledgeGraph.shipped(["ontology", "shared"])
    started = time.perf_counter()
    kg.load(corpus.nquads)
    return kg, time.perf_counter() - started


def network_per_case(kg, per_case_sample: int) -> list[dict]:
    """Every kind, every case: one set of questions split by case, and the per-case alternative."""
    from iorkg.analysis.network import KINDS, Answers, build_network, cases, measure, split_by_case

    records = []
    started = time.perf_counter()
    cpu = time.process_time()
    known = cases(kg)
    plain, kg = kg, Answers(kg)
    counts = {}
    for kind in KINDS:
        graph = build_network(kg, kind, known_cases=known)
        parts = split_by_case(graph)
        measure(graph, {c.iri: c.title for c in known}, kg)   # betweenness per case, exact (small graphs)
        counts[kind] = (graph.number_of_nodes(), graph.number_of_edges(), len(parts))
    split_seconds = time.perf_counter() - started
    records.append({"item": "network-per-case (questions once, rows split by case)", "seconds": round(split_seconds, 2),
                    "cpu": round(time.process_time() - cpu, 2),
                    "target": 30.0, "cases": len(known), "load": _load(),
                    "detail": {k: {"nodes": n, "edges": e, "cases": c} for k, (n, e, c) in counts.items()}})
    sample = known[:per_case_sample]
    started = time.perf_counter()
    cpu = time.process_time()
    for info in sample:
        answers = Answers(plain)
        for kind in KINDS:
            measure(build_network(answers, kind, info.iri, known), {info.iri: info.title}, answers)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    scaled = seconds * len(known) / max(1, len(sample))
    records.append({"item": f"network-per-case (questions asked per case; {len(sample)} cases measured, scaled "
                            f"to {len(known)})", "seconds": round(scaled, 2), "target": 30.0,
                    "cpu": round(cpu * len(known) / max(1, len(sample)), 2),
                    "ratio_vs_split": round(cpu * len(known) / max(1, len(sample)) / max(records[0]["cpu"], 1e-9), 1),
                    "load": _load()})
    return records


def betweenness_joined(kg) -> list[dict]:
    """Betweenness over the joined corpus co-occurrence network: iorkg's part-by-part exact
    computation, networkx's sampled estimate (k=200), and networkx's exact run over the whole graph,
    which costs one pass over all nodes per source: extrapolated from the sampled run's per-source
    time (the same work per source), not run."""
    import networkx as nx

    from iorkg.analysis.network import BETWEENNESS_SAMPLE, BETWEENNESS_SEED, betweenness, build_network

    graph = build_network(kg, "co-occurrence")
    n = graph.number_of_nodes()
    size = {"nodes": n, "edges": graph.number_of_edges(), "parts": nx.number_connected_components(graph)}
    started, cpu = time.perf_counter(), time.process_time()
    betweenness(graph)
    parts_wall, parts_cpu = time.perf_counter() - started, time.process_time() - cpu
    k = min(BETWEENNESS_SAMPLE, n)
    started, cpu = time.perf_counter(), time.process_time()
    nx.betweenness_centrality(graph, k=k, seed=BETWEENNESS_SEED)
    sampled_wall, sampled_cpu = time.perf_counter() - started, time.process_time() - cpu
    label = f"betweenness, joined co-occurrence network ({n:,} nodes, {size['parts']:,} parts)"
    return [{"item": f"{label}: iorkg, exact part by part", "seconds": round(parts_wall, 2),
             "cpu": round(parts_cpu, 2), "detail": size, "load": _load()},
            {"item": f"{label}: networkx sampled k={k}", "seconds": round(sampled_wall, 2),
             "cpu": round(sampled_cpu, 2), "detail": size, "load": _load()},
            {"item": f"{label}: networkx exact over the whole graph (extrapolated x{n / k:.0f} from the sampled run)",
             "seconds": round(sampled_wall * n / k, 1), "cpu": round(sampled_cpu * n / k, 1),
             "ratio_vs_parts": round(sampled_cpu * n / k / max(parts_cpu, 1e-9), 1), "detail": size,
             "load": _load()}]


def report_corpus(kg, size: int) -> list[dict]:
    """The corpus report (per-case pages, corpus figure, figures for three cases) and its index in a browser."""
    from iorkg.analysis.network import cases
    from iorkg.report.site import write_report

    known = cases(kg)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        started = time.perf_counter()
        cpu = time.process_time()
        result = write_report(kg, site, figures_for=[c.iri for c in known[:3]], progress=_say)
        seconds = time.perf_counter() - started
        records = [{"item": f"report-corpus ({size} cases, figures for 3)", "seconds": round(seconds, 2),
                    "cpu": round(time.process_time() - cpu, 2),
                    "target": 60.0, "detail": {"pages": result.pages, "figures": result.figures,
                                               "index_bytes": (site / "index.html").stat().st_size},
                    "load": _load()}]
        opened = _open_in_browser(site / "index.html")
        if opened is not None:
            records.append({"item": "report-corpus index opened in headless Chromium", "seconds": round(opened, 2),
                            "target": 2.0, "load": _load()})
    return records


def _open_in_browser(page: Path) -> float | None:
    if not (Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()):
        _say("no Debian chromium/chromedriver: the index is not opened in a browser")
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _say("no selenium: the index is not opened in a browser")
        return None
    os.environ["SE_OFFLINE"] = "true"
    with tempfile.TemporaryDirectory() as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.get("about:blank")
            started = time.perf_counter()
            driver.get(page.as_uri())
            driver.execute_script("return document.readyState")
            return time.perf_counter() - started
        finally:
            driver.quit()


def markdown(records: list[dict]) -> str:
    """The records as a markdown table: item, seconds, target, ratio, one-minute load average."""
    lines = ["| measured | wall (s) | CPU (s) | target (s) | ratio (CPU) | load |", "|---|---:|---:|---:|---|---:|"]
    for r in records:
        ratio = (f"{r['ratio_vs_split']}x the split run" if "ratio_vs_split" in r else
                 f"{r['ratio_vs_parts']}x part by part" if "ratio_vs_parts" in r else "")
        target = f"{r['target']:g}" if "target" in r else ""
        cpu = f"{r['cpu']:.2f}" if "cpu" in r else ""
        lines.append(f"| {r['item']} | {r['seconds']:.2f} | {cpu} | {target} | {ratio} | {r['load']:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.analysis", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="cases in the synthetic corpus (default 1000)")
    parser.add_argument("--per-case-sample", type=int, default=50,
                        help="cases on which the ask-per-case alternative is measured (then scaled)")
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out: shipped,network,betweenness,report")
    parser.add_argument("--output", type=Path, help="also write the records as JSON here")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    sys.path.insert(0, str(REPO / "src"))
    records: list[dict] = []
    if "shipped" not in skip:
        _say("report on the shipped case (fresh process)")
        records.append(report_shipped())
    if skip >= {"network", "betweenness", "report"}:
        print(markdown(records))
        return 0
    _say(f"loading the {args.size}-case corpus")
    kg, load_seconds = _corpus_kg(args.size)
    records.append({"item": f"load corpus ({args.size} cases, {len(kg):,} quads with ontology and shared)",
                    "seconds": round(load_seconds, 2), "load": _load()})
    if "network" not in skip:
        _say("network per case")
        records += network_per_case(kg, args.per_case_sample)
    if "betweenness" not in skip:
        _say("betweenness over the joined corpus")
        records += betweenness_joined(kg)
    if "report" not in skip:
        _say("report of the corpus")
        records += report_corpus(kg, args.size)
    print(markdown(records))
    if args.output:
        args.output.write_text(json.dumps(records, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
