"""The ontology is consistent under HermiT, and HermiT rejects data that break its axioms.

Each check runs in its own owlready2 World. owlready2 does not read Turtle, so the ontology (plus
a fixture from tests/data/ontology/) is converted to N-Triples with rdflib first.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import rdflib

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "iorkg.ttl"
FIXTURES = Path(__file__).resolve().parent / "data" / "ontology"
BROKEN = sorted(FIXTURES.glob("broken-*.ttl"))
IORKG = "https://w3id.org/iorkg/ontology#"
TEST_NS = "https://w3id.org/iorkg/fictional/ontology-test/"


@pytest.fixture(scope="module")
def owlready2():
    """owlready2 set up to run HermiT, or a skip that says why it cannot."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("HermiT needs Java and `java` is not on PATH; install a JRE to run this check")
    import owlready2 as module

    module.JAVA_EXE = java
    return module


def _world_with(owlready2, tmp_path: Path, *extra: Path):
    """A fresh World holding the ontology and the extra Turtle files, and its ontology object."""
    graph = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    for path in extra:
        graph.parse(path, format="turtle")
    nt = tmp_path / "input.nt"
    nt.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    world = owlready2.World()
    ontology = world.get_ontology(nt.as_uri()).load(fileobj=nt.open("rb"), format="ntriples")
    return world, ontology


def test_ontology_is_consistent_under_hermit(owlready2, tmp_path):
    world, ontology = _world_with(owlready2, tmp_path)
    owlready2.sync_reasoner_hermit(ontology, debug=0)  # raises if inconsistent
    world.close()


def test_ontology_has_no_unsatisfiable_class(owlready2, tmp_path):
    world, ontology = _world_with(owlready2, tmp_path)
    owlready2.sync_reasoner_hermit(ontology, debug=0)
    unsatisfiable = [c.iri for c in world.inconsistent_classes() if c.iri.startswith(IORKG)]
    world.close()
    assert unsatisfiable == []


def test_hermit_loads_and_checks_the_ontology_in_a_few_seconds(owlready2, tmp_path):
    started = time.perf_counter()
    world, ontology = _world_with(owlready2, tmp_path)
    owlready2.sync_reasoner_hermit(ontology, debug=0)
    elapsed = time.perf_counter() - started
    world.close()
    print(f"parse, convert, load and HermiT: {elapsed:.2f} s")
    assert elapsed < 10.0


def test_valid_fixture_is_consistent_with_the_ontology(owlready2, tmp_path):
    world, ontology = _world_with(owlready2, tmp_path, FIXTURES / "valid-small-case.ttl")
    owlready2.sync_reasoner_hermit(ontology, debug=0)
    world.close()


def test_holds_logic_is_derived_from_a_logic_holding_by_the_property_chain(owlready2, tmp_path):
    world, ontology = _world_with(owlready2, tmp_path, FIXTURES / "valid-small-case.ttl")
    seller = world[TEST_NS + "seller"]
    assert not list(getattr(seller, "holdsLogic", []))  # the data never assert the shortcut
    owlready2.sync_reasoner_hermit(ontology, infer_property_values=True, debug=0)
    held = sorted(logic.iri for logic in world[IORKG + "holdsLogic"][seller])
    world.close()
    assert held == [TEST_NS + "operational"]


def test_there_are_broken_fixtures_to_check():
    assert len(BROKEN) >= 5


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_says_what_it_breaks(fixture):
    first_line = fixture.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# Breaks:")


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_hermit_rejects_broken_fixture(owlready2, tmp_path, fixture):
    world, ontology = _world_with(owlready2, tmp_path, fixture)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        owlready2.sync_reasoner_hermit(ontology, debug=0)
    world.close()
