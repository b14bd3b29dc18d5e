"""OWL 2 RL closure of many cases, reasoned a batch of cases at a time (iorkg.reason.closure)."""

from __future__ import annotations

import pytest
import rdflib

import iorkg
from iorkg.reason.closure import INFERRED_GRAPH, materialize, owl_rl_closure

IORKG = rdflib.Namespace("https://w3id.org/iorkg/ontology#")

pytest.importorskip("reasonable")


def _ground(triples) -> set:
    return {t for t in triples if not any(isinstance(x, rdflib.BNode) for x in t)}


@pytest.fixture(scope="module")
def shipped():
    return iorkg.open(examples=True)


def test_case_by_case_closure_equals_all_cases_at_once(shipped):
    one_at_a_time = owl_rl_closure(shipped, batch=1)
    all_at_once = owl_rl_closure(shipped, batch=1000)
    assert _ground(one_at_a_time) == _ground(all_at_once)


def test_holds_logic_follows_from_every_stated_holding_with_a_holder(shipped):
    # The ontology defines iorkg:holdsLogic as the chain isHolderIn o heldLogic, that is
    # holder^- / heldLogic; reasoning applies it to the holdings none of whose evidence is
    # interpreted (interpreted ones are covered in test_reason_labels.py).
    pairs = {(rdflib.URIRef(r["h"].value), rdflib.URIRef(r["l"].value)) for r in shipped.store.query(
        "SELECT ?h ?l WHERE { GRAPH ?g { ?x <https://w3id.org/iorkg/ontology#holder> ?h ; "
        "<https://w3id.org/iorkg/ontology#heldLogic> ?l . FILTER NOT EXISTS { ?x "
        "<https://w3id.org/iorkg/ontology#hasEvidence>/<https://w3id.org/iorkg/ontology#epistemicStatus> "
        "<https://w3id.org/iorkg/concept/interpreted> } } }")}
    assert pairs, "the shipped graphs hold stated logic holdings with holders"
    closure = owl_rl_closure(shipped)
    assert all((h, IORKG.holdsLogic, l) in closure for h, l in pairs)


def test_subclass_instances_get_their_superclass_types(shipped):
    puzzles = {rdflib.URIRef(r["p"].value) for r in shipped.store.query(
        "SELECT ?p WHERE { GRAPH ?g { ?p a <https://w3id.org/iorkg/ontology#Puzzle> } }")}
    closure = owl_rl_closure(shipped)
    assert len(puzzles) >= 3  # the source text states three puzzles
    assert all((p, rdflib.RDF.type, IORKG.Tension) in closure for p in puzzles)


def test_materialize_puts_only_new_triples_in_the_inferred_graph_and_replaces_it():
    kg = iorkg.open(examples=True)
    before = len(kg)
    added = materialize(kg)
    assert added > 0 and len(kg) == before + added
    assert set(kg.graphs()) >= {INFERRED_GRAPH}
    again = materialize(kg)
    assert again == added and len(kg) == before + added


def test_batch_below_one_is_refused(shipped):
    with pytest.raises(ValueError):
        owl_rl_closure(shipped, batch=0)


def test_reason_command_writes_the_inferred_triples_to_a_file(tmp_path):
    from iorkg.cli import main

    out = tmp_path / "inferred.nt"
    assert main(["reason", "--output", str(out), "--with-examples"]) == 0
    graph = rdflib.Graph().parse(out, format="nt")
    assert any(graph.triples((None, IORKG.holdsLogic, None)))


def test_reason_command_on_an_unreadable_file_exits_2_and_writes_nothing(tmp_path, test_data):
    from iorkg.cli import main

    out = tmp_path / "inferred.nt"
    assert main(["reason", "--output", str(out), str(test_data / "io" / "unterminated-literal.ttl")]) == 2
    assert not out.exists()
