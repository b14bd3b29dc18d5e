"""docs/ontology.md lists every term of the ontology and is the current output of its generator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rdflib
from rdflib import OWL, RDF

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "iorkg.ttl"
DOC = REPO / "docs" / "ontology.md"
IORKG = "https://w3id.org/iorkg/ontology#"


def test_ontology_doc_lists_every_class_and_property():
    graph = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {str(t)[len(IORKG):] for k in kinds for t in graph.subjects(RDF.type, k) if str(t).startswith(IORKG)}
    text = DOC.read_text(encoding="utf-8")
    assert sorted(t for t in terms if f"- `iorkg:{t}`" not in text) == []


def test_ontology_doc_has_the_alignment_table():
    assert "## Alignment" in DOC.read_text(encoding="utf-8")


def test_ontology_doc_is_up_to_date_with_the_generator():
    result = subprocess.run([sys.executable, str(REPO / "tools" / "ontology_doc.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
