"""The SHACL shapes: every rule rejects its broken fixture and nothing else; valid data passes."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import RDFS, SH

from iorkg.validate import GROUPS, load_shapes, validate
from validation_corpus import VALID, corpus

CORPUS = corpus()
SHACL_ONLY = [f for f in CORPUS if not f.reason]


def _rules_broken(result) -> set[str]:
    return {f.rule for f in result.results}


def test_valid_minimal_fixture_passes():
    result = validate([VALID])
    assert result.conforms, result.text
    assert result.results == []


@pytest.mark.parametrize("fixture", SHACL_ONLY, ids=[f.path.name for f in SHACL_ONLY])
def test_negative_fixture_is_rejected_by_its_rule_and_no_unrelated_rule(fixture):
    result = validate(fixture.files, groups=fixture.groups)
    broken = _rules_broken(result)
    assert fixture.expect in broken, result.text
    assert broken <= fixture.allowed, result.text
    expected = next(f for f in result.results if f.rule == fixture.expect)
    if expected.severity == "violation":
        assert not result.conforms
    else:
        assert result.conforms, "a warning must not make the data invalid"


def test_every_rule_has_a_negative_fixture():
    _, rules = load_shapes(GROUPS)
    names = {r.name for r in rules.values()}
    covered = {f.expect for f in CORPUS}
    assert names - covered == set()


def test_every_fixture_header_says_what_it_breaks():
    assert all(f.breaks for f in CORPUS)


def test_every_rule_shape_has_name_label_message_hint_and_severity():
    graph, rules = load_shapes(GROUPS)
    for iri, rule in rules.items():
        assert rule.title and rule.checks and rule.message and rule.hint, iri
        assert graph.value(rdflib.URIRef(iri), SH.severity) in (SH.Violation, SH.Warning), iri


def test_grouping_shapes_carry_only_targets_and_member_rules():
    graph, rules = load_shapes(GROUPS)
    for shape in set(graph.subjects(SH.property, None)):
        assert str(shape) not in rules
        assert graph.value(shape, RDFS.comment) is not None
        for member in graph.objects(shape, SH.property):
            assert str(member) in rules, member


def test_shipped_dataset_passes(repo):
    if not (repo / "data" / "catalog.ttl").is_file():
        pytest.skip("the shipped dataset does not exist yet")
    result = validate()
    assert result.conforms, result.text


def test_shipped_ontology_passes_the_ontology_lint():
    from iorkg.validate import lint_ontology

    result = lint_ontology()
    assert result.ok, result.text()


@pytest.mark.slow
def test_owl_inconsistency_is_reported_as_owl_consistency():
    from iorkg.reason.consistency import java_executable

    if java_executable() is None:
        pytest.skip("no Java for HermiT")
    fixture = next(f for f in CORPUS if f.reason)
    result = validate(fixture.files, reason=True)
    assert not result.conforms
    assert _rules_broken(result) == {fixture.expect}
    assert result.consistency is not None and not result.consistency.consistent
