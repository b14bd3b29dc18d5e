"""Every evidence quote in the shipped data is verbatim from its source text.

The real source is looked up in $IORKG_SOURCE_DIR (several folders allowed, separated by the path
separator), then `<repo>/../shared/case-source/`; the fictional source in `data/sources/`.
A test is skipped, with the reason printed, only where a source text is on none of those paths.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

REPO = Path(__file__).resolve().parents[1]
DATA_FILES = ["data/shared.ttl", "data/koskela-kork-turpeinen.ttl", "data/fictional-example.ttl"]
IORKG = Namespace("https://w3id.org/iorkg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
MAX_WORDS = 30


def source_dirs() -> list[Path]:
    dirs = [Path(p) for p in os.environ.get("IORKG_SOURCE_DIR", "").split(os.pathsep) if p]
    return dirs + [REPO.parent / "shared" / "case-source", REPO / "data" / "sources"]


@lru_cache(maxsize=None)
def source_text(file_name: str) -> str | None:
    for folder in source_dirs():
        path = folder / file_name
        if path.is_file():
            with open(path, encoding="utf-8", newline="") as fh:
                return fh.read()
    return None


@lru_cache(maxsize=1)
def data() -> Graph:
    g = Graph()
    for rel in DATA_FILES:
        g.parse(REPO / rel, format="turtle")
    return g


def quotes() -> list[dict]:
    """One record per evidence node: its source file, the quote selector and the position selector."""
    g = data()
    rows = []
    for ev in sorted(set(g.objects(None, IORKG.hasEvidence))):
        target = g.value(ev, OA.hasTarget)
        source = g.value(target, OA.hasSource)
        row = {"evidence": ev, "file": str(g.value(source, IORKG.sourceFile) or "")}
        for sel in g.objects(target, OA.hasSelector):
            if g.value(sel, OA.exact) is not None:
                row["exact"] = str(g.value(sel, OA.exact))
                row["prefix"] = str(g.value(sel, OA.prefix) or "")
                row["suffix"] = str(g.value(sel, OA.suffix) or "")
            if g.value(sel, OA.start) is not None:
                row["start"] = int(g.value(sel, OA.start))
                row["end"] = int(g.value(sel, OA.end))
        rows.append(row)
    return rows


SOURCE_FILES = ["koskela-kork-turpeinen-ior-oh.md", "fictional-example-case.md"]


def with_source(file_name: str) -> list[tuple[dict, str]]:
    """The quotes taken from one source file, with its text; skips if the file is not here."""
    text = source_text(file_name)
    if text is None:
        reason = f"source text {file_name} not found in {', '.join(map(str, source_dirs()))}"
        print(reason)
        pytest.skip(reason)
    rows = [(row, text) for row in quotes() if row["file"] == file_name]
    assert rows, f"no evidence quotes {file_name}"
    return rows


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_evidence_has_a_source_file_and_both_selectors():
    rows = quotes()
    assert len(rows) > 100
    assert {r["file"] for r in rows} == set(SOURCE_FILES)
    bad = [str(r["evidence"]) for r in rows
           if not r["file"] or not {"exact", "prefix", "suffix", "start", "end"} <= set(r)]
    assert not bad, bad


@pytest.mark.parametrize("file_name", SOURCE_FILES)
def test_every_exact_occurs_in_its_source_after_folding_whitespace(file_name):
    bad = [str(row["evidence"]) for row, text in with_source(file_name)
           if fold(row["exact"]) not in fold(text)]
    assert not bad, bad


@pytest.mark.parametrize("file_name", SOURCE_FILES)
def test_every_position_selector_slices_out_the_exact_quote(file_name):
    bad = [(str(row["evidence"]), row["start"], row["end"]) for row, text in with_source(file_name)
           if text[row["start"]:row["end"]] != row["exact"]]
    assert not bad, bad


@pytest.mark.parametrize("file_name", SOURCE_FILES)
def test_prefix_and_suffix_are_the_text_around_the_quote(file_name):
    bad = []
    for row, text in with_source(file_name):
        start, end = row["start"], row["end"]
        if not text[:start].endswith(row["prefix"]) or not text[end:].startswith(row["suffix"]):
            bad.append(str(row["evidence"]))
        elif len(row["prefix"]) > 40 or len(row["suffix"]) > 40:
            bad.append(str(row["evidence"]))
    assert not bad, bad


def test_every_quote_has_at_most_thirty_words():
    long = [(str(r["evidence"]), len(r["exact"].split())) for r in quotes()
            if len(r["exact"].split()) > MAX_WORDS]
    assert not long, long


def test_every_quote_is_non_empty():
    assert all(r["exact"].strip() for r in quotes())


def test_evidence_in_a_case_graph_quotes_a_source_registered_on_that_case():
    for rel in DATA_FILES[1:]:
        g = Graph().parse(REPO / rel, format="turtle")
        registered = set(g.objects(None, IORKG.hasSource))
        used = {g.value(g.value(ev, OA.hasTarget), OA.hasSource)
                for ev in g.objects(None, IORKG.hasEvidence)}
        assert registered and used <= registered, (rel, used - registered)
