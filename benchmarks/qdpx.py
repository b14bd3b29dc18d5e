"""REFI-QDA import benchmark: a synthetic FICTIONAL project of 50 sources and 10,000 coded segments.

    PYTHONPATH=src python -m benchmarks.qdpx [--sources 50] [--segments 10000] [--repeat 3]

The synthetic study is a valid case: a workbook (CSV folder) with the case, its focal
partnership, five organisations, two groups and two coders, each resting on a sentence of a study
memo, and a codes sheet of 22 codes (a logic held by each actor; talk about each actor or the
partnership); and a project whose segments are sentences of 50 interviews, each coded by one of
the two coders with a code drawn with frequencies falling off as 1/rank. Times each stage of
`iorkg import PROJECT.qdpx --codes WORKBOOK --check` (`import_project_with_codes`) and, in the same
run, `iorkg import WORKBOOK --check` of the same case exported as a workbook (its 10,000 coded
segments as evidence rows): the ratio of the two. Progress on stderr, a table on stdout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

NS = "https://w3id.org/iorkg/fictional/qdpx-bench/"
SEED = 20261201
LOGICS = (("operational", "iorkg:OperationalLogic"), ("co-creation", "iorkg:CoCreationLogic"))
# The fictional organisations and groups of the synthetic study: (id, type, pseudonym, group of, level).
ACTORS = (
    ("employer-1", "Employer", "Synthetic Employer One Oy (fictional employer)", "", ""),
    ("employer-2", "Employer", "Synthetic Employer Two Oy (fictional employer)", "", ""),
    ("employer-3", "Employer", "Synthetic Employer Three Oy (fictional employer)", "", ""),
    ("provider-1", "OccupationalHealthServiceProvider",
     "Synthetic Occupational Health One Ltd (fictional OH service provider)", "", ""),
    ("provider-2", "OccupationalHealthServiceProvider",
     "Synthetic Occupational Health Two Ltd (fictional OH service provider)", "", ""),
    ("employer-1-management", "OrganizationalGroup", "managers of Synthetic Employer One Oy (fictional)",
     "employer-1", "management"),
    ("employer-1-employees", "OrganizationalGroup", "employees of Synthetic Employer One Oy (fictional)",
     "employer-1", "employees"),
)
CODERS = (("coder-a", "Coder A (fictional coder)"), ("coder-b", "Coder B (fictional coder)"))
MEMO = "synthetic-study-memo.txt"


def _guid(kind: int, n: int) -> str:
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


def _memo() -> tuple[str, dict[str, str]]:
    """The study memo (a fictional source of the workbook) and the sentence each workbook node rests on."""
    said = {actor: f"In the synthetic benchmark study, {name.split(' (')[0]} (fictional) took part."
            for actor, _, name, _, _ in ACTORS}
    for logic, concept in LOGICS:
        said[f"{logic}-logic"] = (f"The synthetic interviews were coded for the {logic} logic of "
                                  "occupational health services.")
    said["partnership"] = ("The fictional employers and providers of this synthetic study work together "
                           "in one development partnership.")
    for coder, name in CODERS:
        said[coder] = (f"{name.split(' (')[0]} coded the fifty synthetic interviews of this study, "
                       "a fictional coder.")
    return "".join(f"{line}\n" for line in said.values()), said


def codes() -> list[dict[str, str]]:
    """The codes sheet: a logic held by each actor (a holding with that holder), and talk about each
    actor or the partnership (plain evidence of that node); most frequent first."""
    rows = []
    for actor, kind, name, _, _ in ACTORS:
        short = name.split(" (")[0]
        for logic, concept in LOGICS:
            rows.append({"label": f"{logic} logic held by {short}", "concept": concept, "match": "close",
                         "becomes": "holding", "target": actor})
    for actor, kind, name, _, _ in ACTORS:
        rows.append({"label": f"talk about {name.split(' (')[0]}", "concept": f"iorkg:{kind}",
                     "match": "broad", "becomes": "evidence", "target": actor})
    rows.append({"label": "talk about the partnership", "concept": "iorkg:Partnership", "match": "broad",
                 "becomes": "evidence", "target": "partnership"})
    for number, row in enumerate(rows):  # a holding is a reading; that a passage talks about a node is not
        row.update(id=_guid(2, number), status="interpreted" if row["becomes"] == "holding" else "stated",
                   note="")
    return rows


def synthetic_workbook(folder: Path) -> Path:
    """The case workbook (CSV folder) of the synthetic study: the case, its focal partnership, the
    actors, coders and logics with the memo sentences they rest on, and the codes sheet."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    memo, said = _memo()
    (folder / "sources" / MEMO).write_text(memo, encoding="utf-8")
    fictional = "Invented for the iorkg benchmarks; not a real organization, person or event."
    sheets = {
        "case": [{"id": "case", "type": "Case", "label": "synthetic REFI-QDA benchmark case (fictional)",
                  "comment": fictional, "template_version": "1", "name": "qdpx-bench", "namespace": NS,
                  "prefix": "qb", "language": "en", "fictional": "true", "focal_relationship": "partnership",
                  "sources": "memo", "access_level": "", "access_note": ""}],
        "sources": [{"id": "memo", "type": "SourceDocument", "label": "synthetic study memo (fictional)",
                     "comment": fictional, "file": MEMO, "access_level": "", "access_note": ""}],
        "actors": [{"id": a, "type": k, "pseudonym": n, "comment": fictional, "group_of": g, "level": lv}
                   for a, k, n, g, lv in ACTORS]
                  + [{"id": c, "type": "Person", "pseudonym": n, "comment": fictional, "group_of": "", "level": ""}
                     for c, n in CODERS],
        "relationships": [{"id": "partnership", "type": "Partnership",
                           "label": "development partnership of the synthetic study (fictional)", "comment": "",
                           "participants": "; ".join(a for a, _, _, g, _ in ACTORS if not g), "aims": ""}],
        "logics": [{"id": f"{logic}-logic", "type": concept.split(":")[1], "label": f"{logic} logic (fictional case)",
                    "comment": "", "characteristics": "", "practices": ""} for logic, concept in LOGICS],
        "evidence": [{"id": "", "node": node, "source": "memo", "quote": sentence, "occurrence": "",
                      "status": "stated", "rationale": "", "coder": "", "slot": "", "coded_segment": "",
                      "redacted": "", "motivation": "", "start": "", "end": "", "prefix": "", "suffix": ""}
                     for node, sentence in said.items()],
        "codes": codes(),
    }
    for sheet, rows in sheets.items():
        with open(folder / f"{sheet}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return folder


def synthetic_project(path: Path, sources: int = 50, segments: int = 10_000, seed: int = SEED) -> Path:
    """Write a project whose every coded segment is one sentence of its (fictional) source.

    Each segment is coded by one of the two coders with one code of `codes()`, drawn with
    frequencies falling off as 1/rank (a few codes carry most segments, as in real coding)."""
    import random

    rng = random.Random(seed)
    code_rows = codes()
    weights = [1 / (rank + 1) for rank in range(len(code_rows))]
    per_source = [segments // sources + (1 if s < segments % sources else 0) for s in range(sources)]
    users = ('  <Users><User guid="%s" name="Synthetic coder 1"/><User guid="%s" name="Synthetic '
             'coder 2"/></Users>\n' % (_guid(1, 1), _guid(1, 2)))
    code_xml = "".join(f'      <Code guid="{r["id"]}" name="{r["label"]}" isCodable="true"/>\n'
                       for r in code_rows)
    parts, texts, number = [], {}, 0
    for s in range(sources):
        sentences, selections, pos = [], [], 0
        for i in range(per_source[s]):
            code = rng.choices(code_rows, weights)[0]
            sentence = (f"Sentence {i} of synthetic fictional interview {s}: the partners talk "
                        f"about service {rng.randrange(40)} and meeting {rng.randrange(12)}.")
            quote = sentence[:-1]
            selections.append(
                f'      <PlainTextSelection guid="{_guid(3, number)}" name="{quote}" '
                f'startPosition="{pos}" endPosition="{pos + len(quote)}" '
                f'creatingUser="{_guid(1, 1 + rng.randrange(2))}"><Coding guid="{_guid(4, number)}">'
                f'<CodeRef targetGUID="{code["id"]}"/></Coding></PlainTextSelection>\n')
            sentences.append(sentence)
            pos += len(sentence) + 1
            number += 1
        texts[_guid(5, s)] = "\n".join(sentences) + "\n"
        parts.append(f'    <TextSource guid="{_guid(5, s)}" name="synthetic interview {s}" '
                     f'plainTextPath="internal://{_guid(5, s)}.txt">\n{"".join(selections)}'
                     '    </TextSource>\n')
    xml = ('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
           'name="synthetic benchmark (fictional)" origin="iorkg benchmark">\n'
           f'{users}  <CodeBook><Codes>\n{code_xml}  </Codes></CodeBook>\n  <Sources>\n{"".join(parts)}'
           '  </Sources>\n</Project>\n')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for guid, text in texts.items():
            archive.writestr(f"sources/{guid}.txt", text)
    return path


STAGES = (("workbook", "read the workbook (case and codes sheet)"),
          ("read", "read the project and place the selections"), ("triples", "make the triples"),
          ("validate", "validate (SHACL, dataset rules, quotes)"))


def same_case_as_workbook(project: Path, workbook: Path, folder: Path) -> Path:
    """The case the project import makes, exported as a workbook (CSV folder) with its source texts:
    the workbook import of the same case."""
    import shutil

    import rdflib

    from iorkg.io.project_import import import_project_with_codes
    from iorkg.io.wbexport import export_workbook

    turtle = folder / "imported.ttl"
    imported = import_project_with_codes(project, workbook, output=turtle)
    if not imported.ok:
        raise SystemExit(f"the synthetic case is not valid: {imported.validation.summary()}")
    # rdflib reads "x" as a literal without a datatype, and the exporter expects the file names as
    # the workbook writes them, typed xsd:string
    graph = rdflib.Graph()
    for s, p, o in rdflib.Graph().parse(turtle):
        if p == rdflib.URIRef("https://w3id.org/iorkg/ontology#sourceFile") and o.datatype is None:
            o = rdflib.Literal(str(o), datatype=rdflib.XSD.string)
        graph.add((s, p, o))
    target = folder / "same-case"
    export_workbook(graph, target, "qdpx-bench", "qb", sources=folder / "sources")
    shutil.copytree(folder / "sources", target / "sources", dirs_exist_ok=True)
    shutil.copy(workbook / "sources" / MEMO, target / "sources" / MEMO)
    return target


def run(sources: int, segments: int, repeat: int) -> dict[str, float]:
    """Medians (seconds) of each stage of the project import, of the whole import, and of the
    workbook import of the same case."""
    from iorkg.io.project_import import import_project_with_codes
    from iorkg.io.workbook import import_case

    times: dict[str, list[float]] = {k: [] for k in [s for s, _ in STAGES] + [
        "project", "workbook-import", "project-cpu", "workbook-cpu"]}
    with tempfile.TemporaryDirectory(prefix="iorkg-bench-qdpx-") as tmp:
        folder = Path(tmp)
        workbook = synthetic_workbook(folder / "workbook")
        project = synthetic_project(folder / "bench.qdpx", sources, segments)
        print(f"project: {project.stat().st_size:,} bytes; exporting the same case as a workbook",
              file=sys.stderr)
        same = same_case_as_workbook(project, workbook, folder)
        for r in range(repeat):
            stages: dict[str, float] = {}
            c0, t0 = time.process_time(), time.perf_counter()
            result = import_project_with_codes(project, workbook, check=True, timings=stages)
            c1, t1 = time.process_time(), time.perf_counter()
            by_workbook = import_case(same, check=True)
            c2, t2 = time.process_time(), time.perf_counter()
            times["project-cpu"].append(c1 - c0)
            times["workbook-cpu"].append(c2 - c1)
            if not (result.ok and by_workbook.ok):
                raise SystemExit(f"the synthetic case is not valid: {result.validation.summary()} / "
                                 f"{by_workbook.validation.summary()}")
            for stage, _ in STAGES:
                times[stage].append(stages[stage])
            times["project"].append(t1 - t0)
            times["workbook-import"].append(t2 - t1)
            print(f"run {r + 1}/{repeat}: {len(result.project.rows):,} segments, "
                  f"{result.validation.triples:,} triples validated; project import {t1 - t0:.2f} s "
                  f"(validation {stages['validate']:.2f} s), workbook import {t2 - t1:.2f} s",
                  file=sys.stderr)
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.qdpx", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one-engine-run", action="store_true",
                        help="validate with all the shapes in one pyshacl-turbo run (not two halves on two threads)")
    args = parser.parse_args(argv)
    if args.one_engine_run:
        from iorkg.validate import engines

        engines.SPLIT_FROM_QUADS = sys.maxsize
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    medians = run(args.sources, args.segments, args.repeat)
    print(f"| {args.sources} sources, {args.segments:,} coded segments | median of {args.repeat} |")
    print("|---|---:|")
    for key, label in STAGES:
        print(f"| {label} | {medians[key]:.2f} s |")
    print(f"| import + validation (`iorkg import P.qdpx --codes W --check`) | {medians['project']:.2f} s "
          "(target < 10 s) |")
    print(f"| the same case as a workbook (`iorkg import W --check`) | {medians['workbook-import']:.2f} s |")
    print(f"| project import / workbook import | {medians['project'] / medians['workbook-import']:.2f} |")
    # the CPU time of the process, all its threads together (validation runs the SHACL engine on two
    # threads beside the Python rules): more than the wall-clock time on two idle cores
    print(f"| CPU time: project import; workbook import; ratio | {medians['project-cpu']:.2f} s; "
          f"{medians['workbook-cpu']:.2f} s; {medians['project-cpu'] / medians['workbook-cpu']:.2f} |")
    end = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"| load average (1 min) at the start; at the end | {load:.2f}; {end:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
