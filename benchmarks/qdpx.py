"""REFI-QDA import benchmark: a synthetic FICTIONAL project of 50 sources and 10,000 coded segments.

    PYTHONPATH=src python -m benchmarks.qdpx [--sources 50] [--segments 10000] [--repeat 3]

Times each stage of `iorkg.io.qdpx.import_project` (reading and placing the selections, making
the triples) and the SHACL validation of the result (default groups, pyshacl-turbo). For ratios
within the same run it also validates the same triples read back from N-Quads, and a corpus of
the benchmark generator (`benchmarks.generate`, about 222 triples per case) with as many triples:
how much import adds to validation, and whether one large coded case validates like many small
curated ones. Progress on stderr, a table on stdout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

NS = "https://w3id.org/iorkg/fictional/qdpx-bench/"
CODES = 10


def _guid(kind: int, n: int) -> str:
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


def synthetic_project(path: Path, sources: int = 50, segments: int = 10_000) -> Path:
    """Write a project whose every coded segment is one sentence of its (fictional) source."""
    per_source = max(1, segments // sources)
    users = ('  <Users><User guid="%s" name="Synthetic coder 1"/><User guid="%s" name="Synthetic '
             'coder 2"/></Users>\n' % (_guid(1, 1), _guid(1, 2)))
    codes = "".join(f'      <Code guid="{_guid(2, c)}" name="code {c}" isCodable="true"/>\n'
                    for c in range(CODES))
    parts, texts = [], {}
    for s in range(sources):
        sentences, selections, pos = [], [], 0
        for i in range(per_source):
            sentence = (f"Sentence {i} of synthetic fictional interview {s}: the partners talk "
                        f"about service {i % 7}.")
            quote = sentence[:-1]
            start = pos
            selections.append(
                f'      <PlainTextSelection guid="{_guid(3, s * per_source + i)}" name="{quote}" '
                f'startPosition="{start}" endPosition="{start + len(quote)}" '
                f'creatingUser="{_guid(1, 1 + i % 2)}"><Coding guid="{_guid(4, s * per_source + i)}">'
                f'<CodeRef targetGUID="{_guid(2, i % CODES)}"/></Coding></PlainTextSelection>\n')
            sentences.append(sentence)
            pos += len(sentence) + 1
        texts[_guid(5, s)] = "\n".join(sentences) + "\n"
        parts.append(f'    <TextSource guid="{_guid(5, s)}" name="synthetic interview {s}" '
                     f'plainTextPath="internal://{_guid(5, s)}.txt">\n{"".join(selections)}'
                     '    </TextSource>\n')
    xml = ('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
           'name="synthetic benchmark (fictional)" origin="iorkg benchmark">\n'
           f'{users}  <CodeBook><Codes>\n{codes}  </Codes></CodeBook>\n  <Sources>\n{"".join(parts)}'
           '  </Sources>\n</Project>\n')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for guid, text in texts.items():
            archive.writestr(f"sources/{guid}.txt", text)
    return path


# The four terms the REFI-QDA import uses that the compare branch adds to the ontology; until the
# merge they are declared here, so that the benchmark measures the import's validation rather than
# ten thousand unknown-term findings.
PENDING_TERMS = """\
@prefix iorkg: <https://w3id.org/iorkg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
iorkg:StudyCode a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:isDefinedBy <https://w3id.org/iorkg/ontology> .
iorkg:Codebook a owl:Class ; rdfs:subClassOf skos:ConceptScheme ; rdfs:isDefinedBy <https://w3id.org/iorkg/ontology> .
iorkg:codedWith a owl:ObjectProperty ; rdfs:range iorkg:StudyCode ; rdfs:isDefinedBy <https://w3id.org/iorkg/ontology> .
iorkg:codedSegment a owl:DatatypeProperty ; rdfs:isDefinedBy <https://w3id.org/iorkg/ontology> .
"""


def pending_terms(folder: Path) -> list[Path]:
    """A file declaring the terms the ontology does not have yet (none once it has them)."""
    from iorkg.resources import ontology_path

    if "iorkg:codedSegment" in ontology_path().read_text(encoding="utf-8"):
        return []
    path = folder / "pending-terms.ttl"
    path.write_text(PENDING_TERMS, encoding="utf-8")
    return [path]


def mapping():
    from iorkg.io.qdpx import CodeMapping

    logics = ("iorkg:OperationalLogic", "iorkg:CoCreationLogic")
    return [CodeMapping(_guid(2, c), logics[c % 2], "holding", label=f"code {c}") for c in range(CODES)]


def run(sources: int, segments: int, repeat: int) -> dict[str, float]:
    from iorkg.io import qdpx
    from iorkg.validate import validate

    from .generate import write_corpus

    times: dict[str, list[float]] = {k: [] for k in ("read", "triples", "import", "validate",
                                                     "validate-nq", "validate-corpus")}
    with tempfile.TemporaryDirectory(prefix="iorkg-bench-qdpx-") as tmp:
        project_path = synthetic_project(Path(tmp) / "bench.qdpx", sources, segments)
        print(f"project: {project_path.stat().st_size:,} bytes", file=sys.stderr)
        extra = pending_terms(Path(tmp))
        for r in range(repeat):
            t0 = time.perf_counter()
            project = qdpx.read_project(project_path)
            t1 = time.perf_counter()
            result = qdpx.build_import(project, mapping(), NS, case_label="benchmark case (fictional)")
            t2 = time.perf_counter()
            validation = result.validate(extra)
            t3 = time.perf_counter()
            nq = Path(tmp) / "case.nq"
            nq.write_bytes(result.serialize("nquads"))
            t4 = time.perf_counter()
            validate([nq, *extra])
            t5 = time.perf_counter()
            times["read"].append(t1 - t0)
            times["triples"].append(t2 - t1)
            times["import"].append(t2 - t0)
            times["validate"].append(t3 - t2)
            times["validate-nq"].append(t5 - t4)
            corpus = write_corpus(max(1, len(result.triples) // 222), Path(tmp) / "corpus", defect_every=0)
            t6 = time.perf_counter()
            validate([corpus.nquads])
            times["validate-corpus"].append(time.perf_counter() - t6)
            print(f"run {r + 1}/{repeat}: {len(result.rows):,} segments, {len(result.triples):,} triples, "
                  f"import {t2 - t0:.2f} s, validate {t3 - t2:.2f} s ({validation.summary()[:60]}...)",
                  file=sys.stderr)
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.qdpx", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    medians = run(args.sources, args.segments, args.repeat)
    total = medians["import"] + medians["validate"]
    print(f"| {args.sources} sources, {args.segments:,} coded segments | median of {args.repeat} |")
    print("|---|---:|")
    for key, label in (("read", "read and place the selections"), ("triples", "make the triples"),
                       ("import", "import (both)"), ("validate", "validate the import"),
                       ("validate-nq", "validate the same triples from N-Quads"),
                       ("validate-corpus", "validate a generated corpus of as many triples")):
        print(f"| {label} | {medians[key]:.2f} s |")
    print(f"| import + validation | {total:.2f} s (target < 10 s) |")
    print(f"| import + validation / validation alone | {total / medians['validate-nq']:.2f} |")
    print(f"| validation of the import / of the generated corpus | "
          f"{medians['validate'] / medians['validate-corpus']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
