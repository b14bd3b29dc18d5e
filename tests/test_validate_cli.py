"""`iorkg validate` as a user runs it: verdicts and exit codes."""

from __future__ import annotations

import json

from iorkg.cli import main


def test_shipped_dataset_is_valid_and_exits_0(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("VALID")


def test_misspelled_iorkg_class_exits_1_naming_the_unknown_term(test_data, capsys):
    assert main(["validate", str(test_data / "validate" / "misspelled-class.ttl")]) == 1
    out = capsys.readouterr().out
    assert "unknown-term" in out and "iorkg:Organisation" in out


def test_json_report_lists_the_broken_rule(test_data, capsys):
    assert main(["validate", "--format", "json", str(test_data / "validate" / "misspelled-class.ttl")]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["conforms"] is False
    assert "unknown-term" in {r["rule"] for r in payload["results"]}


def test_syntax_error_exits_2_naming_line_and_column(test_data, capsys):
    path = test_data / "io" / "unterminated-literal.ttl"
    assert main(["validate", str(path)]) == 2
    assert f"{path}:5:" in capsys.readouterr().err
