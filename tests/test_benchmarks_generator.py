"""The benchmark corpus generator: deterministic, the requested number of cases, case structure."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

generate = pytest.importorskip("benchmarks.generate")

IORKG = "https://w3id.org/iorkg/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CASE = ox.NamedNode(IORKG + "Case")
IN_CASE = ox.NamedNode(IORKG + "inCase")


def _store(corpus) -> ox.Store:
    store = ox.Store()
    store.load(path=str(corpus.nquads), format=ox.RdfFormat.N_QUADS)
    return store


def test_same_seed_same_bytes(tmp_path):
    a = generate.write_corpus(12, tmp_path / "a", seed=7)
    b = generate.write_corpus(12, tmp_path / "b", seed=7)
    assert a.nquads.read_bytes() == b.nquads.read_bytes()
    assert a.manifest["sha256"] == b.manifest["sha256"]
    for source in a.sources.iterdir():
        assert source.read_bytes() == (b.sources / source.name).read_bytes()


def test_trig_is_deterministic_and_holds_the_same_quads(tmp_path):
    a = generate.write_corpus(3, tmp_path / "a", trig=True)
    b = generate.write_corpus(3, tmp_path / "b", trig=True)
    assert (a.folder / "cases.trig").read_bytes() == (b.folder / "cases.trig").read_bytes()
    from_trig = ox.Store()
    from_trig.load(path=str(a.folder / "cases.trig"), format=ox.RdfFormat.TRIG)
    assert len(from_trig) == len(_store(a))


def test_other_seed_other_bytes_smaller_corpus_is_a_prefix(tmp_path):
    a = generate.write_corpus(5, tmp_path / "a", seed=1)
    b = generate.write_corpus(5, tmp_path / "b", seed=2)
    assert a.nquads.read_bytes() != b.nquads.read_bytes()
    small = generate.write_corpus(3, tmp_path / "small", seed=1)
    assert a.nquads.read_bytes().startswith(small.nquads.read_bytes())


@pytest.mark.parametrize("size", [1, 7, 40])
def test_requested_number_of_case_graphs_each_with_one_case(tmp_path, size):
    corpus = generate.write_corpus(size, tmp_path / f"c{size}")
    store = _store(corpus)
    graphs = list(store.named_graphs())
    assert len(graphs) == size
    assert corpus.manifest["cases"] == size
    assert corpus.manifest["triples"] == len(store)
    for graph in graphs:
        assert graph.value.startswith("https://w3id.org/iorkg/fictional/bench/")
        cases = [q.subject for q in store.quads_for_pattern(None, RDF_TYPE, CASE, graph)]
        assert len(cases) == 1


def test_every_case_node_says_its_case(tmp_path):
    corpus = generate.write_corpus(4, tmp_path / "c")
    store = _store(corpus)
    for graph in store.named_graphs():
        (case,) = [q.subject for q in store.quads_for_pattern(None, RDF_TYPE, CASE, graph)]
        named = {q.subject for q in store.quads_for_pattern(None, None, None, graph)
                 if isinstance(q.subject, ox.NamedNode)}
        assert case in named
        for node in named - {case}:
            assert node.value.startswith("https://w3id.org/iorkg/fictional/bench/")
            in_case = [q.object for q in store.quads_for_pattern(node, IN_CASE, None, graph)]
            assert in_case == [case], node


def test_fictional_flag_and_roughly_two_hundred_triples_per_case(tmp_path):
    corpus = generate.write_corpus(10, tmp_path / "c")
    store = _store(corpus)
    flags = {str(q.object.value) for q in store.quads_for_pattern(
        None, ox.NamedNode(IORKG + "isFictional"), None, None)}
    assert flags == {"true"}
    assert 150 <= corpus.triples / 10 <= 300


def test_quotes_are_the_text_at_their_offsets(tmp_path):
    corpus = generate.write_corpus(3, tmp_path / "c")
    store = _store(corpus)
    rows = store.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX iorkg: <https://w3id.org/iorkg/ontology#>
        SELECT ?file ?exact ?start ?end WHERE { GRAPH ?g {
          ?t oa:hasSource ?src ; oa:hasSelector ?q , ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
          ?src iorkg:sourceFile ?file } }""")
    checked = 0
    for row in rows:
        text = (corpus.sources / row["file"].value).read_text(encoding="utf-8")
        assert text[int(row["start"].value):int(row["end"].value)] == row["exact"].value
        checked += 1
    assert checked >= 3 * 4


def test_defects_only_where_asked(tmp_path):
    clean = generate.write_corpus(60, tmp_path / "clean", defect_every=0)
    assert clean.manifest["defects"] == {}
    dirty = generate.write_corpus(60, tmp_path / "dirty", defect_every=50)
    assert sum(dirty.manifest["defects"].values()) == 1
