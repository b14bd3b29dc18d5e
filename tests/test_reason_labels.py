"""Reasoning keeps the label: no shortcut from interpreted holdings, a stable and lean output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

import iorkg
from iorkg.reason.closure import owl_rl_closure

pytest.importorskip("reasonable")

IORKG = rdflib.Namespace("https://w3id.org/iorkg/ontology#")
FX = rdflib.Namespace("https://w3id.org/iorkg/fictional/example-case/")
KKT = rdflib.Namespace("https://w3id.org/iorkg/case/koskela-kork-turpeinen/")
OWL, RDFS = rdflib.OWL, rdflib.RDFS
SRC = Path(__file__).resolve().parents[1] / "src"
CLI = "import sys; from iorkg.cli import main; sys.exit(main(sys.argv[1:]))"
FIXTURE = Path(__file__).resolve().parent / "data" / "reason" / "real-case-interpreted-holding.trig"


def _holds(closure: set, actor) -> set:
    return {o for s, p, o in closure if s == actor and p == IORKG.holdsLogic}


@pytest.fixture(scope="module")
def shipped_closure():
    return owl_rl_closure(iorkg.open(examples=True))


@pytest.fixture(scope="module")
def reason_outputs(tmp_path_factory):
    """`iorkg reason` run three times in fresh processes: twice by default, once with --all."""
    folder = tmp_path_factory.mktemp("reason")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    outputs = {}
    for name, extra in (("first", ["--with-examples"]), ("second", ["--with-examples"]), ("all", ["--all", "--with-examples"])):
        out = folder / f"{name}.nt"
        subprocess.run([sys.executable, "-c", CLI, "reason", "--output", str(out), *extra],
                       check=True, env=env, capture_output=True)
        outputs[name] = out.read_bytes()
    return outputs


def test_stated_fictional_holdings_yield_the_shortcut(shipped_closure):
    # The field report says the provider treated the collaboration as routine delivery (negotiation)
    # and planned the services jointly (execution): stated holdings of both logics.
    assert _holds(shipped_closure, FX.provider) == {FX["operational-logic"], FX["co-creation-logic"]}


def test_interpreted_fictional_holdings_yield_no_shortcut(shipped_closure):
    # What the managers' request shows is the two coders' disagreement: interpreted holdings only.
    assert _holds(shipped_closure, FX["bakery-management"]) == set()


def test_the_real_case_attributes_no_logic_to_a_party(shipped_closure):
    # The source text attributes no logic to a party, so nothing in the real case holds one.
    assert not any(p == IORKG.holdsLogic and str(s).startswith(str(KKT)) for s, p, o in shipped_closure)


def test_an_interpreted_holding_in_the_real_case_yields_no_shortcut():
    closure = owl_rl_closure(iorkg.open(FIXTURE, shipped=True))
    assert (KKT["test-holding-provider-operational"], IORKG.holder, KKT.provider) in closure
    assert _holds(closure, KKT.provider) == set()


def test_the_same_holding_stated_yields_the_shortcut(tmp_path):
    stated = tmp_path / "stated.trig"
    stated.write_text(FIXTURE.read_text(encoding="utf-8").replace(
        "iorkgc:interpreted", "iorkgc:stated"), encoding="utf-8")
    closure = owl_rl_closure(iorkg.open(stated, shipped=True))
    assert _holds(closure, KKT.provider) == {KKT["operational-logic"]}


def test_evidence_of_another_slot_does_not_stop_the_shortcut(tmp_path):
    # Interpreted evidence that backs only the role is about the role: the holding stays stated.
    text = FIXTURE.read_text(encoding="utf-8").replace("iorkgc:interpreted", "iorkgc:stated")
    text = text.replace("      iorkg:inCase kkt:case .\n}", """      iorkg:inCase kkt:case .
  kkt:test-holding-provider-operational iorkg:hasEvidence kkt:test-role-evidence .
  kkt:test-role-evidence a iorkg:Evidence ; iorkg:epistemicStatus iorkgc:interpreted ;
      iorkg:supportsSlot iorkgc:slot-role ; iorkg:inCase kkt:case .
}""")
    role = tmp_path / "role.trig"
    role.write_text(text, encoding="utf-8")
    closure = owl_rl_closure(iorkg.open(role, shipped=True))
    assert _holds(closure, KKT.provider) == {KKT["operational-logic"]}


def test_interpreted_evidence_of_the_holder_slot_stops_the_shortcut(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("iorkgc:interpreted", "iorkgc:stated")
    text = text.replace("      iorkg:inCase kkt:case .\n}", """      iorkg:inCase kkt:case .
  kkt:test-holding-provider-operational iorkg:hasEvidence kkt:test-holder-evidence .
  kkt:test-holder-evidence a iorkg:Evidence ; iorkg:epistemicStatus iorkgc:interpreted ;
      iorkg:supportsSlot iorkgc:slot-holder ; iorkg:inCase kkt:case .
}""")
    holder = tmp_path / "holder.trig"
    holder.write_text(text, encoding="utf-8")
    closure = owl_rl_closure(iorkg.open(holder, shipped=True))
    assert _holds(closure, KKT.provider) == set()


def test_two_runs_in_separate_processes_write_the_same_bytes(reason_outputs):
    assert reason_outputs["first"] and reason_outputs["first"] == reason_outputs["second"]


def test_the_output_is_sorted(reason_outputs):
    lines = reason_outputs["first"].decode("utf-8").splitlines()
    assert lines == sorted(lines)


def _trivial(data: bytes) -> list:
    graph = rdflib.Graph().parse(data=data, format="nt")
    return [(s, p, o) for s, p, o in graph
            if (p == rdflib.RDF.type and o in (OWL.Thing, RDFS.Resource))
            or (p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass,
                      OWL.equivalentProperty, OWL.sameAs) and s == o)]


def test_the_default_output_leaves_out_what_every_resource_gets(reason_outputs):
    assert _trivial(reason_outputs["first"]) == []


def test_all_keeps_what_every_resource_gets(reason_outputs):
    # reasonable 0.4 entails `a owl:Thing` and reflexive sameAs (no reflexive subClassOf, no
    # rdfs:Resource): both kinds come back with --all
    kept = _trivial(reason_outputs["all"])
    assert any(p == rdflib.RDF.type and o == OWL.Thing for _, p, o in kept)
    assert any(p == OWL.sameAs for _, p, _ in kept)


def test_blank_nodes_get_labels_from_what_they_are(reason_outputs):
    import re

    text = reason_outputs["first"].decode("utf-8")
    labels = set(re.findall(r"_:(\S+)", text))
    assert labels and all(re.fullmatch(r"c[0-9a-f]{32}", label) for label in labels)


def test_a_holding_without_evidence_yields_no_shortcut(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "      iorkg:hasEvidence kkt:test-holding-provider-operational-evidence .",
        "      iorkg:heldLogic kkt:operational-logic .")
    bare = tmp_path / "bare.trig"
    bare.write_text(text, encoding="utf-8")
    closure = owl_rl_closure(iorkg.open(bare, shipped=True))
    assert (KKT["test-holding-provider-operational"], IORKG.holder, KKT.provider) in closure
    assert _holds(closure, KKT.provider) == set()
