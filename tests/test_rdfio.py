"""Reading and writing RDF files: formats, located syntax errors, atomic writes."""

from __future__ import annotations

import os
import stat

import pytest

from iorkg.errors import InputError
from iorkg.rdf.files import atomic_write, load_into, parse_quads
from iorkg.rdf.formats import format_named, guess_format


@pytest.mark.parametrize("name, expected", [
    ("case.ttl", "ttl"), ("case.trig", "trig"), ("case.nt", "nt"), ("case.nq", "nq"),
    ("case.jsonld", "jsonld"), ("case.rdf", "xml"), ("CASE.TTL", "ttl"),
])
def test_format_is_guessed_from_the_extension(name, expected):
    assert guess_format(name).name == expected


def test_unknown_extension_is_an_input_error_that_names_the_file():
    with pytest.raises(InputError) as err:
        guess_format("notes.docx")
    assert "notes.docx" in str(err.value) and err.value.exit_code == 2


def test_format_names_accept_common_aliases():
    assert format_named("turtle").name == "ttl"
    assert format_named("JSON-LD").name == "jsonld"


def test_syntax_error_names_file_line_and_column(test_data):
    path = test_data / "io" / "unterminated-literal.ttl"
    with pytest.raises(InputError) as err:
        parse_quads(path)
    assert err.value.path == str(path)
    assert err.value.line == 5
    assert err.value.column is not None
    assert str(err.value).startswith(f"{path}:5:")


def test_triples_of_a_triple_file_land_in_the_given_graph(test_data):
    quads = parse_quads(test_data / "io" / "one-triple.nt", graph="https://w3id.org/iorkg/fictional/test/g")
    assert [q.graph_name.value for q in quads] == ["https://w3id.org/iorkg/fictional/test/g"]


def test_quad_files_keep_their_own_graphs(test_data):
    quads = parse_quads(test_data / "io" / "two-graphs.trig")
    graphs = sorted(q.graph_name.value for q in quads)
    assert graphs == ["https://w3id.org/iorkg/fictional/test/g1"] + ["https://w3id.org/iorkg/fictional/test/g2"] * 2


def test_native_load_of_a_broken_file_names_line_and_adds_nothing(test_data):
    import pyoxigraph as ox

    store = ox.Store()
    path = test_data / "io" / "unterminated-literal.ttl"
    with pytest.raises(InputError) as err:
        load_into(store, path)
    assert (err.value.path, err.value.line) == (str(path), 5)
    assert len(store) == 0


def test_native_load_puts_triples_in_the_given_graph(test_data):
    import pyoxigraph as ox

    store = ox.Store()
    graph = load_into(store, test_data / "io" / "one-triple.nt", graph="https://w3id.org/iorkg/fictional/test/g")
    assert graph == "https://w3id.org/iorkg/fictional/test/g"
    assert [q.graph_name.value for q in store] == [graph]


def test_two_loads_of_one_file_never_share_a_blank_node(tmp_path):
    import pyoxigraph as ox

    path = tmp_path / "blank.ttl"
    path.write_text("_:b1 <https://w3id.org/iorkg/fictional/test/p> 1 .\n", encoding="utf-8")
    store = ox.Store()
    load_into(store, path, graph="https://w3id.org/iorkg/fictional/test/g1")
    load_into(store, path, graph="https://w3id.org/iorkg/fictional/test/g2")
    assert len({q.subject for q in store}) == 2
    assert parse_quads(path)[0].subject != parse_quads(path)[0].subject


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        parse_quads(tmp_path / "absent.ttl")


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    atomic_write(target, "new content")
    assert target.read_text() == "new content"
    assert os.listdir(tmp_path) == ["out.ttl"]


def test_atomic_write_gives_a_new_file_the_permissions_open_would(tmp_path):
    old = os.umask(0o027)  # a umask no default equals, so the file's mode must come from it
    try:
        written = atomic_write(tmp_path / "new.ttl", "data")
        expected = tempfile_mode(tmp_path / "by-open.ttl")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == expected == 0o640


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    target.chmod(0o604)
    atomic_write(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def tempfile_mode(path) -> int:
    with open(path, "w") as handle:
        handle.write("x")
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_failure_leaves_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")

    with pytest.raises(TypeError):
        atomic_write(target, 12345)  # not bytes nor str: fails while writing
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.ttl"]


def test_native_load_of_a_quad_file_keeps_its_graphs_and_moves_default_triples(tmp_path):
    import pyoxigraph as ox

    path = tmp_path / "mixed.nq"
    path.write_text("<https://w3id.org/iorkg/fictional/test/a> <https://w3id.org/iorkg/fictional/test/p> "
                    "<https://w3id.org/iorkg/fictional/test/b> <https://w3id.org/iorkg/fictional/test/g1> .\n"
                    "<https://w3id.org/iorkg/fictional/test/c> <https://w3id.org/iorkg/fictional/test/p> "
                    "<https://w3id.org/iorkg/fictional/test/d> .\n", encoding="utf-8")
    store = ox.Store()
    load_into(store, path, graph="https://w3id.org/iorkg/fictional/test/g0")
    graphs = sorted(q.graph_name.value for q in store)
    assert graphs == ["https://w3id.org/iorkg/fictional/test/g0", "https://w3id.org/iorkg/fictional/test/g1"]
