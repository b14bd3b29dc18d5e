"""The benchmark report: ratios, growth exponents and the targets of issue 6 read from records."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

report = pytest.importorskip("benchmarks.report")
steps = pytest.importorskip("benchmarks.steps")


def _query(item: str, seconds: float, size: int = 1000) -> dict:
    return {"size": size, "step": "query", "engine": "iorkg", "item": item, "status": "ok",
            "seconds": seconds, "result": {"rows": 1}}


def _target(records: list[dict], name: str) -> dict:
    result = {"records": records}
    return next(t for t in report.targets(result) if t["target"].startswith(name))


def test_a_parameterised_question_counts_in_its_one_node_form():
    records = [_query("evidence", 0.5), _query("evidence (one node)", 0.01), _query("roles", 0.05)]
    target = _target(records, "each competency question")
    assert target["met"] is True
    assert "roles" in target["measured"]
    assert "evidence" in target["detail"]


def test_a_slow_question_misses_the_query_target():
    records = [_query("roles", 0.05), _query("tensions", 0.15)]
    target = _target(records, "each competency question")
    assert target["met"] is False and "tensions" in target["measured"]


def test_growth_exponent_of_a_linear_series_is_one():
    assert report.exponent([(100, 1.0), (1000, 10.0), (5000, 50.0)]) == pytest.approx(1.0)


def test_growth_exponent_of_a_quadratic_series_is_two():
    assert report.exponent([(100, 1.0), (1000, 100.0)]) == pytest.approx(2.0)


def test_one_node_items_name_their_catalogue_question():
    assert steps.catalogue_name("evidence (one node)") == "evidence"
    assert steps.catalogue_name("roles") == "roles"


def test_a_reference_timeout_gives_a_lower_bound_on_the_validation_speed_up():
    same = {"conforms": False, "results": 2, "per_component": {"X": 2}, "pairs_sha": "a"}
    records = [
        {"size": 1000, "step": "validate", "engine": "pyshacl", "item": None, "status": "timeout", "timeout": 300.0},
        {"size": 1000, "step": "cli", "engine": "iorkg validate", "item": None, "status": "ok",
         "seconds": 5.0, "result": {"exit": 1}},
        {"size": 100, "step": "validate", "engine": "pyshacl", "item": None, "status": "ok",
         "seconds": 200.0, "total_seconds": 200.0, "result": same},
        {"size": 100, "step": "validate", "engine": "iorkg", "item": None, "status": "ok",
         "seconds": 0.5, "total_seconds": 0.5, "result": same},
    ]
    target = _target(records, "… ≥ 15×")
    assert target["measured"].startswith("> 60×") and target["met"] is True
    assert "100 cases: True" in target["detail"]


def test_a_rerun_replaces_every_earlier_record_of_its_step_and_engine():
    runner = pytest.importorskip("benchmarks.runner")
    old = {"records": [{"size": 5, "step": "incremental", "engine": "iorkg", "item": None, "status": "timeout"},
                       {"size": 5, "step": "load", "engine": "iorkg", "item": None, "status": "ok"}]}
    new = {"records": [{"size": 5, "step": "incremental", "engine": "iorkg", "item": "add one case", "status": "ok"}]}
    merged = runner.merge([old, new])["records"]
    assert sorted((r["step"], r["item"]) for r in merged) == [("incremental", "add one case"), ("load", None)]
