"""Networks built from competency-question answers: content, measures, export and the command."""

from __future__ import annotations

import json

import pytest

from iorkg.analysis.network import KINDS, build_network, measure, network, network_bytes, render_text

KKT_CASE = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/case"
FX_CASE = "https://w3id.org/iorkg/fictional/example-case/case"


def _labelled(graph, label):
    return next(n for n, a in graph.nodes(data=True) if a["label"] == label)


@pytest.mark.parametrize("kind", KINDS)
def test_graphml_read_back_by_networkx_has_the_same_nodes_and_edges(kind, shipped_kg, tmp_path):
    import networkx as nx

    graph = build_network(shipped_kg, kind)
    path = tmp_path / f"{kind}.graphml"
    path.write_bytes(network_bytes(graph, "graphml"))
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    assert all(back.nodes[n]["label"] == graph.nodes[n]["label"] for n in graph.nodes)


@pytest.mark.parametrize("kind", KINDS)
def test_every_node_has_label_type_and_status(kind, shipped_kg):
    graph = build_network(shipped_kg, kind)
    for _, attrs in graph.nodes(data=True):
        assert attrs["label"] and attrs["type"]
        assert attrs["status"] in ("stated", "interpreted")


def test_gexf_and_json_exports_hold_every_node(shipped_kg):
    graph = build_network(shipped_kg, "actors-roles")
    assert network_bytes(graph, "gexf").count(b"<node ") == graph.number_of_nodes()
    data = json.loads(network_bytes(graph, "json"))
    assert len(data["nodes"]) == graph.number_of_nodes()


def test_principal_role_of_the_employer_is_interpreted(shipped_kg):
    # README: the principal/agent mapping of the real case is an interpretation
    graph = build_network(shipped_kg, "actors-roles", case="kkt:case")
    employer = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/employer"
    principal = f"{KKT_CASE} role principal"
    assert graph.edges[employer, principal]["status"] == "interpreted"
    assert graph.nodes[principal]["status"] == "interpreted"


def test_roles_of_one_actor_are_flattened_into_one_string(shipped_kg):
    graph = build_network(shipped_kg, "actors-roles", case="kkt:case")
    employer = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/employer"
    partnership = _labelled(graph, "the partnership between the employer and the OH service provider")
    assert sorted(graph.edges[employer, partnership]["roles"].split("; ")) == ["client", "partner"]


def test_real_case_has_no_actor_spanning_both_logics(shipped_kg):
    # the source attributes neither logic to a party
    result = measure(build_network(shipped_kg, "actors-logics", case="kkt:case"), kg=shipped_kg)
    spanning = next(t for t in result.tables if "spanning" in t.title)
    assert spanning.rows == []


def test_holdings_without_a_holder_do_not_become_an_unknown_actor(shipped_kg):
    graph = build_network(shipped_kg, "actors-logics", case="kkt:case")
    assert "unknown" not in {a["label"] for a in graph.nodes.values()}
    assert graph.nodes[_labelled(graph, "co-creation logic")]["holdings_without_holder"] == 1


def test_fictional_provider_spans_both_logics_and_shifts(shipped_kg):
    result = measure(build_network(shipped_kg, "actors-logics", case="fx:case"), kg=shipped_kg)
    spanning = next(t for t in result.tables if "spanning" in t.title)
    assert "Fictional Occupational Health Ltd (fictional OH service provider)" in [r[0] for r in spanning.rows]
    shifts = next(t for t in result.tables if "shifts" in t.title)
    assert sorted((r[3], r[4]) for r in shifts.rows) == [
        ("adopted", "co-creation logic (fictional case)"), ("dropped", "operational logic (fictional case)")]


def test_fictional_case_is_labelled_fictional_in_the_measures(shipped_kg):
    text = render_text(measure(build_network(shipped_kg, "actors-roles"), kg=shipped_kg))
    for line in text.splitlines():
        if line.startswith("Fictional example case"):
            assert "(fictional)" in line


def test_puzzle_three_sets_the_two_logics_against_each_other(shipped_kg):
    graph = build_network(shipped_kg, "logics-tensions", case="kkt:case")
    puzzle = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/puzzle-3-operationalizing-collaboration"
    logics = {graph.nodes[m]["label"] for pole in graph.neighbors(puzzle) for m in graph.neighbors(pole)
              if graph.nodes[m]["type"] == "logic"}
    assert logics == {"operational logic", "co-creation logic"}


def test_co_occurrence_weights_count_distinct_shared_passages(test_data):
    import iorkg

    kg = iorkg.open(test_data / "analysis" / "co-occurrence.ttl")
    graph = build_network(kg, "co-occurrence")
    base = "https://w3id.org/iorkg/fictional/test-cooc/"
    assert graph.edges[base + "a", base + "b"]["weight"] == 2
    assert graph.edges[base + "a", base + "c"]["weight"] == 1
    assert not graph.has_edge(base + "b", base + "c")
    assert graph.edges[base + "a", base + "c"]["status"] == "interpreted"


def test_network_writes_the_file_atomically_and_reports_measures(shipped_kg, tmp_path):
    target = tmp_path / "out" / "roles.gexf"
    run = network(shipped_kg, "actors-roles", case="kkt:case", output=target)
    assert run.written == target and target.read_bytes().startswith(b"<?xml")
    assert [p.name for p in target.parent.iterdir()] == ["roles.gexf"]
    assert "degree and betweenness" in run.text


def test_large_networks_say_betweenness_was_sampled():
    import networkx as nx

    graph = nx.path_graph(500)
    nx.set_node_attributes(graph, {n: {"label": str(n), "type": "actor", "status": "stated", "case": "c"}
                                   for n in graph})
    graph.graph["kind"] = "actors-roles"
    assert any("sampled" in note for note in measure(graph).notes)


def test_betweenness_part_by_part_equals_networkx_exact():
    import networkx as nx

    from iorkg.analysis.network import betweenness

    graph = nx.disjoint_union(nx.path_graph(5), nx.star_graph(4))
    values, note = betweenness(graph)
    expected = nx.betweenness_centrality(graph)
    assert note == "" and all(abs(values[n] - expected[n]) < 1e-12 for n in graph)


def test_unknown_kind_is_refused(shipped_kg):
    from iorkg.errors import InputError

    with pytest.raises(InputError, match="no network kind"):
        build_network(shipped_kg, "actors")


def test_network_command_prints_measures_and_writes_graphml(tmp_path):
    from iorkg.cli import main

    target = tmp_path / "n.graphml"
    assert main(["network", "logics-tensions", "--case", "kkt:case", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<?xml")
