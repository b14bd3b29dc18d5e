"""Importing a large case workbook beside loading the same case as Turtle.

    PYTHONPATH=src python -m benchmarks.workbook [--actors 200] [--evidence 5000] [--repeat 3]

Generates a fictional case (one source text, `--actors` employers in one partnership, `--evidence`
evidence rows spread over them), writes it as a CSV workbook and as .xlsx, then measures:
`iorkg import --check` of each (read, locate every quote, build, validate with the shapes), and,
for the same case as Turtle, loading it (`iorkg.open`) and validating it. Prints a markdown table
with the ratios; the target is an import under 10 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path


def generate(folder: Path, actors: int, evidence: int) -> Path:
    """A fictional case workbook (CSV folder) with its source text; returns the folder."""
    from iorkg.io.template import write_csv_folder

    sentences = [f"Fictional organisation {a} kept fictional record {e} of the joint work."
                 for e in range(evidence) for a in [e % actors]]
    text = "# Generated fictional text for the workbook benchmark\n\n" + "\n".join(
        [f"Fictional organisation {a} took part in the fictional partnership." for a in range(actors)]
        + ["The fictional partnership was formed for the benchmark."] + sentences) + "\n"
    case = folder / "bench-case"
    (case / "sources").mkdir(parents=True)
    (case / "sources" / "bench.md").write_text(text, encoding="utf-8")
    ids = [f"org-{a}" for a in range(actors)]
    rows = {
        "case": [{"id": "case", "type": "Case", "label": "benchmark case (fictional)",
                  "template_version": "1", "name": "bench-case",
                  "namespace": "https://w3id.org/iorkg/fictional/bench-case/", "language": "en",
                  "fictional": "TRUE", "focal_relationship": "partnership", "sources": "source"}],
        "sources": [{"id": "source", "type": "SourceDocument", "label": "benchmark text (fictional)",
                     "file": "bench.md"}],
        "actors": [{"id": i, "type": "Employer", "pseudonym": f"Fictional organisation {a}"}
                   for a, i in enumerate(ids)],
        "relationships": [{"id": "partnership", "type": "Partnership",
                           "label": "the fictional partnership", "participants": "; ".join(ids)}],
        "evidence": (
            [{"node": "case", "quote": "The fictional partnership was formed for the benchmark."},
             {"node": "source", "quote": "Generated fictional text for the workbook benchmark"},
             {"node": "partnership", "quote": "The fictional partnership was formed for the benchmark."}]
            + [{"node": f"org-{e % actors}", "quote": f"kept fictional record {e} of the joint work."}
               for e in range(evidence - 3)]),
    }
    write_csv_folder(rows, case)
    return case


def timed(call, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.workbook")
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--evidence", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    import iorkg
    from iorkg.io.sheets import read_tables
    from iorkg.io.template import write_xlsx
    from iorkg.io.workbook import build_case, import_case
    from iorkg.validate import validate

    with tempfile.TemporaryDirectory(prefix="iorkg-bench-wb-") as tmp:
        print(f"generating {args.evidence} evidence rows over {args.actors} actors ...", file=sys.stderr)
        case = generate(Path(tmp), args.actors, args.evidence)
        tables = read_tables(case)
        xlsx = Path(tmp) / "xlsx" / "bench-case.xlsx"
        write_xlsx({n: [{h: str(c.value) for h, c in cells.items()} for _, cells in t.rows]
                    for n, t in tables.items()}, xlsx, examples=False)
        (xlsx.parent / "sources").symlink_to(case / "sources")
        ttl = Path(tmp) / "bench-case.ttl"
        ttl.write_bytes(build_case(case).turtle())
        results = {}
        for label, call in [
            ("build from CSV (read, locate quotes, triples)", lambda: build_case(case)),
            ("import --check, CSV (build + validate)", lambda: import_case(case, check=True)),
            ("import --check, xlsx (build + validate)", lambda: import_case(xlsx, check=True)),
            ("Turtle: iorkg.open", lambda: iorkg.open(ttl)),
            ("Turtle: validate", lambda: validate([ttl])),
        ]:
            print(f"  {label} ...", file=sys.stderr)
            results[label], value = timed(call, args.repeat)
            if label.startswith("import"):
                assert value.ok, value.validation.summary()
        triples = len(build_case(case).graph)
    turtle = results["Turtle: iorkg.open"] + results["Turtle: validate"]
    print(f"\n{args.evidence} evidence rows, {args.actors} actors, {triples:,} triples "
          f"(median of {args.repeat})\n")
    print("| step | seconds | ratio to Turtle load + validate |")
    print("|---|---:|---:|")
    for label, seconds in results.items():
        print(f"| {label} | {seconds:.2f} | {seconds / turtle:.2f} |")
    print(f"| Turtle: load + validate | {turtle:.2f} | 1.00 |")
    worst = max(results["import --check, CSV (build + validate)"], results["import --check, xlsx (build + validate)"])
    print(f"\ntarget: import under 10 s -> {'met' if worst < 10 else 'MISSED'} ({worst:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
