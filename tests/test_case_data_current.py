"""The shipped data is current with what it is made from.

- Each case's Turtle (data/<case>.ttl) is, byte for byte, what `iorkg import data/<case>` writes
  from the case's workbook folder. Bytes, not isomorphism: the Turtle is meant to be the
  importer's output and nothing else, so a hand edit that keeps the triples (a comment, a changed
  header) is caught too, the check is instant where an isomorphism test of the real case's 486
  blank nodes takes most of a minute, and a `git diff` of the Turtle then always shows a change
  made in the workbook. (A new rdflib that serialises differently fails it too: rerun the import.)
- The import writes the same bytes in separate processes (string hashing differs per process).
- docs/case.md and README's counts table are what tools/case_doc.py renders; data/catalog.ttl's
  triple counts are what tools/catalog_counts.py counts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from iorkg.io.workbook import build_case, import_case

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CASES = ["fictional-example", "koskela-kork-turpeinen"]
RERUN = "run `iorkg import data/{0}` (with the source text at hand) and commit data/{0}.ttl"


@pytest.mark.parametrize("name", CASES)
def test_shipped_turtle_is_the_bytes_iorkg_import_writes_from_the_workbook(tmp_path: Path, name: str) -> None:
    result = import_case(DATA / name, output=tmp_path / f"{name}.ttl")
    assert result.ok, result.validation.text
    assert (tmp_path / f"{name}.ttl").read_bytes() == (DATA / f"{name}.ttl").read_bytes(), RERUN.format(name)


def test_import_writes_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    script = ("import sys; from iorkg.io.workbook import build_case; "
              "sys.stdout.buffer.write(build_case(sys.argv[1]).turtle())")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        run = subprocess.run([sys.executable, "-c", script, str(DATA / "fictional-example")],
                             capture_output=True, env=env, check=True)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] == (DATA / "fictional-example.ttl").read_bytes()


def test_curation_records_in_the_workbook_folder_become_no_triples() -> None:
    built = build_case(DATA / "koskela-kork-turpeinen")
    assert {"decisions", "coverage"} <= {p.stem for p in (DATA / "koskela-kork-turpeinen").glob("*.csv")}
    assert "decisions" not in built.rows and "coverage" not in built.rows


def run_tool(script: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, str(ROOT / "tools" / script), "--check"],
                          capture_output=True, text=True, env=env, check=False)


def test_case_doc_and_readme_counts_are_current() -> None:
    run = run_tool("case_doc.py")
    assert run.returncode == 0, run.stderr


def test_catalogue_triple_counts_are_current() -> None:
    run = run_tool("catalog_counts.py")
    assert run.returncode == 0, run.stderr
