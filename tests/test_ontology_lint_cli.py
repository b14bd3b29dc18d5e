"""`iorkg validate --ontology FILE`: an extension of the ontology linted with the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

from iorkg.cli import main

LINT = Path(__file__).resolve().parent / "data" / "ontology" / "lint"


def _expected(path: Path) -> str:
    return next(line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("# expect:"))


@pytest.mark.parametrize("fixture", sorted(LINT.glob("*.ttl")), ids=lambda p: p.stem)
def test_extension_breaking_a_lint_rule_exits_1_naming_the_rule(fixture, capsys):
    assert main(["validate", "--ontology", str(fixture)]) == 1
    out = capsys.readouterr().out
    assert f"error   {_expected(fixture)} " in out
    assert "ONTOLOGY HAS ERRORS" in out


def test_each_lint_fixture_breaks_exactly_its_own_rule():
    from iorkg.validate import lint_ontology

    for fixture in sorted(LINT.glob("*.ttl")):
        assert {f.rule for f in lint_ontology([fixture]).errors} == {_expected(fixture)}, fixture.name


def test_shipped_ontology_alone_lints_clean(capsys, repo):
    assert main(["validate", "--ontology", str(repo / "ontology" / "iorkg.ttl")]) == 0
    assert "ONTOLOGY OK" in capsys.readouterr().out


def test_ontology_lint_and_case_files_together_is_a_usage_error(capsys):
    assert main(["validate", "--ontology", str(sorted(LINT.glob("*.ttl"))[0]), "case.ttl"]) == 2


def test_missing_ontology_file_exits_2_naming_it(capsys, tmp_path):
    missing = tmp_path / "nowhere.ttl"
    assert main(["validate", "--ontology", str(missing)]) == 2
    assert "nowhere.ttl: no such file" in capsys.readouterr().err
