"""The store `iorkg serve` reads: built by `oxigraph load` into a new directory, reused when current."""

from __future__ import annotations

import pytest

from iorkg.serve.store import COMPLETE_MARK, build_store, serve_inputs
from servers import need_binary

pytestmark = [pytest.mark.server, pytest.mark.slow]

CASE = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/iorkg/fictional/store-test/node> rdfs:label "{label}" .
"""


@pytest.fixture(autouse=True)
def _binary():
    need_binary("oxigraph")


def test_the_fictional_example_is_left_out_unless_asked():
    names = serve_inputs().names
    assert "fictional-example" not in names and "koskela-kork-turpeinen" in names
    assert "fictional-example" in serve_inputs(with_examples=True).names


def test_given_files_replace_the_shipped_cases(tmp_path):
    case = tmp_path / "mine.ttl"
    case.write_text(CASE.format(label="a"), encoding="utf-8")
    assert serve_inputs([case]).names == ("ontology", "shared", "mine.ttl")


def test_a_current_store_is_reused(tmp_path):
    case = tmp_path / "mine.ttl"
    case.write_text(CASE.format(label="a"), encoding="utf-8")
    messages: list[str] = []
    first = build_store(serve_inputs([case]), tmp_path / "cache", messages.append)
    second = build_store(serve_inputs([case]), tmp_path / "cache", messages.append)
    assert first == second and (first / COMPLETE_MARK).is_file()
    assert messages[-1].endswith("is current: reused")


def test_changed_input_gives_a_new_store_and_leaves_the_old_one(tmp_path):
    case = tmp_path / "mine.ttl"
    case.write_text(CASE.format(label="a"), encoding="utf-8")
    first = build_store(serve_inputs([case]), tmp_path / "cache")
    case.write_text(CASE.format(label="b"), encoding="utf-8")
    second = build_store(serve_inputs([case]), tmp_path / "cache")
    assert second != first and (first / COMPLETE_MARK).is_file() and (second / COMPLETE_MARK).is_file()
    assert not [p for p in (tmp_path / "cache" / "stores").iterdir() if p.name.startswith(".")]


def test_a_bad_file_is_named_and_no_store_is_left(tmp_path):
    from iorkg.errors import InputError

    case = tmp_path / "broken.ttl"
    case.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        build_store(serve_inputs([case]), tmp_path / "cache")
    assert list((tmp_path / "cache" / "stores").iterdir()) == []


def test_inferences_go_to_their_own_graph(tmp_path):
    import pyoxigraph as ox

    from iorkg.reason.closure import INFERRED_GRAPH

    location = build_store(serve_inputs(with_inferences=True), tmp_path / "cache")
    store = ox.Store.read_only(str(location))
    assert ox.NamedNode(INFERRED_GRAPH) in set(store.named_graphs())
