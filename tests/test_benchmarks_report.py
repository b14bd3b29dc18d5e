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
