"""Networks of a case built from competency-question answers, their measures, and their export.

Every graph is built from `KnowledgeGraph.query` results (never from the triples directly):

* ``actors-roles``: actors, the roles they play and the relationships they take part in (`roles`);
* ``logics-tensions``: tensions, their poles and the logic behind each pole (`tensions`, with the
  logic nodes of `cross-case`);
* ``actors-logics``: actors and the logics they hold, the phases on each edge
  (`who-held-which-logic`, `logic-shifts`);
* ``co-occurrence``: case nodes whose evidence spans overlap, weighted by the number of shared
  passages (`co-occurrence`).

Nodes carry ``label``, ``type``, ``status`` (stated or interpreted), ``case`` and ``fictional``;
list values are joined with "; " so that the GraphML and GEXF writers accept them. A node's
status is "stated" when at least one answer row that puts it into the network is stated, else
"interpreted" (nodes with their own evidence, such as tensions and co-occurring nodes, take the
queries' rule: interpreted when any of that evidence is).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ..store import KnowledgeGraph

KINDS = ("actors-roles", "logics-tensions", "actors-logics", "co-occurrence")
FORMATS = ("graphml", "gexf", "json")
FICTIONAL_BASE = "https://w3id.org/iorkg/fictional/"
# Above this many nodes, betweenness is estimated from a sample of source nodes.
EXACT_BETWEENNESS_LIMIT = 400
BETWEENNESS_SAMPLE = 200
BETWEENNESS_SEED = 16
TOP = 10


@dataclass(frozen=True)
class CaseInfo:
    """One case of the dataset: its IRI, label and whether it is fictional."""

    iri: str
    label: str
    fictional: bool

    @property
    def title(self) -> str:
        """The label, marked "(fictional)" when the case is and the label does not say so."""
        if self.fictional and "fictional" not in self.label.lower():
            return f"{self.label} (fictional)"
        return self.label


_CASES = """
PREFIX iorkg: <https://w3id.org/iorkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?case ?label ?fictional WHERE {
  GRAPH ?g { ?case a iorkg:Case }
  OPTIONAL { GRAPH ?lg { ?case rdfs:label ?l } FILTER (LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) }
  OPTIONAL { GRAPH ?fg { ?case iorkg:isFictional ?f } }
  BIND (COALESCE(STR(?l), STR(?case)) AS ?label)
  BIND (COALESCE(STR(?f) IN ("true", "1"), false) AS ?fictional)
} ORDER BY ?case ?label ?fictional
"""


def cases(kg: "KnowledgeGraph") -> list[CaseInfo]:
    """The cases of the dataset (its iorkg:Case nodes), real cases first, each with its label and
    whether it is fictional (flagged so, or with an IRI under the fictional namespace)."""
    found: dict[str, CaseInfo] = {}
    for row in kg.query(_CASES).rows:
        fictional = bool(row["fictional"]) or row["case"].startswith(FICTIONAL_BASE)
        found.setdefault(row["case"], CaseInfo(row["case"], row["label"], fictional))
    return sorted(found.values(), key=lambda c: (c.fictional, c.label, c.iri))


class Answers:
    """A knowledge graph seen through its answers: each question is run once per set of
    parameters, however many networks, measures or pages ask it (for a graph that does not change
    meanwhile). Pass it wherever a KnowledgeGraph is asked only for `query`."""

    def __init__(self, kg: "KnowledgeGraph") -> None:
        self.kg = kg
        self._seen: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}

    def query(self, name_or_text: str, **params: object) -> Any:
        """The answer of `kg.query(name_or_text, **params)`, computed once."""
        key = (name_or_text, tuple(sorted((k, str(v)) for k, v in params.items())))
        if key not in self._seen:
            self._seen[key] = self.kg.query(name_or_text, **params)
        return self._seen[key]


def _params(case: str | None) -> dict[str, str]:
    return {"case": case} if case else {}


def _join(values: Iterable[Any]) -> str:
    """Distinct values in first-seen order, joined with "; " (GraphML and GEXF take no lists)."""
    seen: list[str] = []
    for value in values:
        text = "" if value is None else str(value)
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen)


class _Builder:
    """Collects nodes and edges with list-valued attributes, then flattens them into a graph."""

    def __init__(self, kind: str, fictional_cases: set[str]) -> None:
        self.kind = kind
        self.fictional_cases = fictional_cases
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str], dict[str, Any]] = {}

    def node(self, node_id: str, label: str, node_type: str, case: str, status: str | None,
             **extra: Any) -> str:
        entry = self.nodes.setdefault(node_id, {"label": label, "type": node_type, "case": case,
                                                "fictional": case in self.fictional_cases,
                                                "_statuses": [], **{k: [] for k in extra}})
        if status:
            entry["_statuses"].append(status)
        for key, value in extra.items():
            entry.setdefault(key, [])
            entry[key].append(value)
        return node_id

    def edge(self, a: str, b: str, relation: str, status: str | None, weight: int = 1,
             **extra: Any) -> None:
        key = (a, b) if a <= b else (b, a)
        entry = self.edges.setdefault(key, {"relation": [], "_statuses": [], "weight": 0})
        entry["relation"].append(relation)
        if status:
            entry["_statuses"].append(status)
        entry["weight"] += weight
        for name, value in extra.items():
            entry.setdefault(name, []).append(value)

    def graph(self, **graph_attrs: Any) -> "nx.Graph":
        import networkx as nx

        graph = nx.Graph(kind=self.kind, **{k: v for k, v in graph_attrs.items() if v is not None})
        for node_id, attrs in self.nodes.items():
            graph.add_node(node_id, **_flat(attrs))
        for (a, b), attrs in self.edges.items():
            graph.add_edge(a, b, **_flat(attrs))
        return graph


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if key == "_statuses":
            if value:
                out["status"] = "stated" if "stated" in value else "interpreted"
            else:
                out["status"] = "unknown"
        elif isinstance(value, list):
            out[key] = _join(value)
        elif value is not None:
            out[key] = value
    return out


def _evidence_status(kg: "KnowledgeGraph", case: str | None) -> dict[str, str]:
    """node IRI -> "interpreted" when any of its evidence is, else "stated" (the queries' rule)."""
    status: dict[str, str] = {}
    for row in kg.query("evidence", **_params(case)).rows:
        if row["status"] == "interpreted" or row["node"] not in status:
            status[row["node"]] = row["status"]
    return status


def _logic_nodes(kg: "KnowledgeGraph", case: str | None) -> dict[tuple[str, str], tuple[str, str]]:
    """(case, logic label) -> (logic IRI, logic kind), from `cross-case`."""
    return {(r["case"], r["item"]): (r["node"], r["category"])
            for r in kg.query("cross-case", **_params(case)).rows if r["kind"] == "logic"}


def _actors_roles(kg: "KnowledgeGraph", case: str | None, b: _Builder) -> None:
    for row in kg.query("roles", **_params(case)).rows:
        c = row["case"]
        actor = b.node(row["actor"], row["actor_label"], "actor", c, row["status"],
                       mixed_roles=str(bool(row["mixed_roles"])).lower())
        relationship = b.node(f"{c} relationship {row['relationship']}", row["relationship"],
                              "relationship", c, row["status"],
                              relationship_type=row["relationship_type"])
        role = b.node(f"{c} role {row['role']}", row["role"], "role", c, row["status"])
        b.edge(actor, relationship, "participates in", row["status"], roles=row["role"],
               phases=row["phase"], role_playing=row["role_playing"])
        b.edge(actor, role, "plays", row["status"], relationships=row["relationship"],
               phases=row["phase"], role_playing=row["role_playing"])


def _logics_tensions(kg: "KnowledgeGraph", case: str | None, b: _Builder) -> None:
    logics = _logic_nodes(kg, case)
    evidence = _evidence_status(kg, case)
    for (c, label), (iri, category) in logics.items():
        b.node(iri, label, "logic", c, evidence.get(iri), category=category)
    for row in kg.query("tensions", **_params(case)).rows:
        c = row["case"]
        status = evidence.get(row["node"])
        tension = b.node(row["node"], row["tension"], "puzzle" if row["puzzle"] else "tension", c,
                         status, tension_type=row["tension_type"], broader_type=row["broader_type"] or "",
                         type_status=row["type_status"] or "", phase=row["phase"])
        for pole_key in ("pole_1", "pole_2"):
            pole_label = row[pole_key]
            pole = b.node(f"{row['node']} pole {pole_label}", pole_label, "pole", c, status)
            b.edge(tension, pole, "has pole", status)
            logic_label = row[f"{pole_key}_logic"]
            if logic_label:
                iri, category = logics.get((c, logic_label), (f"{c} logic {logic_label}", "unknown"))
                logic = b.node(iri, logic_label, "logic", c, evidence.get(iri), category=category)
                b.edge(pole, logic, "pole to logic", status)


def _actors_logics(kg: "KnowledgeGraph", case: str | None, b: _Builder) -> None:
    logics = _logic_nodes(kg, case)
    actor_iris = {(r["case"], r["actor_label"]): r["actor"] for r in kg.query("roles", **_params(case)).rows}
    unheld: dict[str, int] = defaultdict(int)
    for row in kg.query("who-held-which-logic", **_params(case)).rows:
        c = row["case"]
        iri, category = logics.get((c, row["logic"]), (f"{c} logic {row['logic']}", row["logic_type"]))
        logic = b.node(iri, row["logic"], "logic", c, row["status"], category=category)
        if row["holder"] == "unknown":
            unheld[logic] += 1
            continue
        holder = actor_iris.get((c, row["holder"]), f"{c} actor {row['holder']}")
        actor = b.node(holder, row["holder"], "actor", c, row["status"])
        phase = row["phase"] if row["phase_order"] is None else f"{row['phase_order']}: {row['phase']}"
        b.edge(actor, logic, "holds", row["status"], phases=phase,
               interpreted_by=row["interpreted_by"] or None, holdings=row["holding"])
    for logic, count in unheld.items():
        b.nodes[logic]["holdings_without_holder"] = count


# Citation nodes repeat their claim's passage once per cited work: each claim's citations would
# form a clique that says nothing about the case, so the co-occurrence network leaves them out.
CO_OCCURRENCE_LEFT_OUT = ("Citation",)


def _co_occurrence(kg: "KnowledgeGraph", case: str | None, b: _Builder) -> None:
    evidence = _evidence_status(kg, case)
    for row in kg.query("co-occurrence", **_params(case)).rows:
        c = row["case"]
        if row["type_1"] in CO_OCCURRENCE_LEFT_OUT or row["type_2"] in CO_OCCURRENCE_LEFT_OUT:
            continue
        a = b.node(row["node_1"], row["label_1"], row["type_1"], c, evidence.get(row["node_1"]))
        z = b.node(row["node_2"], row["label_2"], row["type_2"], c, evidence.get(row["node_2"]))
        b.edge(a, z, "co-occurs with", row["status"], weight=int(row["shared_passages"]))


_BUILDERS = {"actors-roles": _actors_roles, "logics-tensions": _logics_tensions,
             "actors-logics": _actors_logics, "co-occurrence": _co_occurrence}


def check_kind(kind: str) -> str:
    """The kind, or an InputError naming the kinds there are."""
    if kind not in KINDS:
        raise InputError(None, f"no network kind {kind!r}; expected one of: {', '.join(KINDS)}")
    return kind


def build_network(kg: "KnowledgeGraph", kind: str, case: str | None = None,
                  known_cases: list[CaseInfo] | None = None) -> "nx.Graph":
    """The network of one kind, for one case (an IRI or prefixed name) or every case together.

    The graph attribute ``cases`` names the cases in it; ``fictional_cases`` those that are fictional.
    """
    check_kind(kind)
    known = known_cases if known_cases is not None else cases(kg)
    fictional = {c.iri for c in known if c.fictional}
    builder = _Builder(kind, fictional)
    _BUILDERS[kind](kg, case, builder)
    graph = builder.graph()
    in_graph = sorted({attrs["case"] for _, attrs in graph.nodes(data=True)})
    graph.graph["cases"] = "; ".join(in_graph)
    graph.graph["fictional_cases"] = "; ".join(c for c in in_graph if c in fictional)
    return graph


def split_by_case(graph: "nx.Graph") -> dict[str, "nx.Graph"]:
    """The per-case subgraphs of a network that holds several cases (cases share no node)."""
    members: dict[str, list[str]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        members[attrs["case"]].append(node)
    return {case: graph.subgraph(nodes).copy() for case, nodes in sorted(members.items())}


# measures ---------------------------------------------------------------------------------------

@dataclass
class Table:
    """One block of measures: a title, column names, rows of plain values and an optional note."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""
    case: str = ""


@dataclass
class Measures:
    """The measures of one network, per case, ready to be rendered as text or HTML."""

    kind: str
    nodes: int
    edges: int
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def betweenness(graph: "nx.Graph") -> tuple[dict[str, float], str]:
    """Normalised betweenness of every node, and a note when part of it is an estimate.

    Computed connected part by connected part (no shortest path crosses parts, so this is exact
    and avoids networkx's cost of one pass over the whole graph per source node); a part of more
    than EXACT_BETWEENNESS_LIMIT nodes is estimated from BETWEENNESS_SAMPLE sampled sources.
    """
    import networkx as nx

    n = graph.number_of_nodes()
    if n <= EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(graph), ""
    values: dict[str, float] = {}
    sampled: list[int] = []
    for part in nx.connected_components(graph):
        sub = graph.subgraph(part)
        if len(part) > EXACT_BETWEENNESS_LIMIT:
            k = min(BETWEENNESS_SAMPLE, len(part))
            values.update(nx.betweenness_centrality(sub, k=k, normalized=False, seed=BETWEENNESS_SEED))
            sampled.append(len(part))
        else:
            values.update(nx.betweenness_centrality(sub, normalized=False))
    # networkx's unnormalised undirected values are halved; normalise over the whole graph
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    values = {node: value * scale for node, value in values.items()}
    note = ""
    if sampled:
        note = (f"betweenness estimated from {BETWEENNESS_SAMPLE} sampled source nodes (networkx k, seed "
                f"{BETWEENNESS_SEED}) in {len(sampled)} connected part(s) of more than {EXACT_BETWEENNESS_LIMIT} "
                f"nodes ({', '.join(map(str, sampled))}): exact betweenness is too slow there")
    return values, note


def _case_title(case: str, graph: "nx.Graph", titles: dict[str, str] | None) -> str:
    fictional = case in graph.graph.get("fictional_cases", "").split("; ")
    title = (titles or {}).get(case, case)
    if fictional and "fictional" not in title.lower():
        title += " (fictional)"
    return title


def measure(graph: "nx.Graph", case_titles: dict[str, str] | None = None,
            kg: "KnowledgeGraph | None" = None, top: int = TOP) -> Measures:
    """The measures that mean something for this kind of network, case by case.

    Degree and betweenness of actors and logics; actors spanning two or more logics; the logic
    shifts between phases (from `logic-shifts`, which needs `kg`); the most co-occurring pairs.
    """
    kind = graph.graph.get("kind", "")
    result = Measures(kind, graph.number_of_nodes(), graph.number_of_edges())
    if graph.number_of_nodes() == 0:
        result.notes.append("the network is empty: the questions it is built from gave no rows")
        return result
    shifts = _shifts_by_case(kg, graph) if kind == "actors-logics" and kg is not None else {}
    for case, sub in split_by_case(graph).items():
        first_table = len(result.tables)
        title = _case_title(case, graph, case_titles)
        between, note = betweenness(sub)
        if note:
            result.notes.append(f"{title}: {note}")
        focus = {"actors-roles": ("actor", "role", "relationship"), "logics-tensions": ("logic", "tension", "puzzle"),
                 "actors-logics": ("actor", "logic"), "co-occurrence": None}[kind]
        ranked = [(n, a) for n, a in sub.nodes(data=True) if focus is None or a["type"] in focus]
        ranked.sort(key=lambda na: (-sub.degree(na[0], weight="weight" if kind == "co-occurrence" else None),
                                    -between[na[0]], na[1]["label"]))
        degree_name = "weighted degree" if kind == "co-occurrence" else "degree"
        result.tables.append(Table(
            f"{title}: {degree_name} and betweenness",
            ["node", "type", "status", degree_name, "betweenness"],
            [[a["label"], a["type"], a["status"],
              sub.degree(n, weight="weight" if kind == "co-occurrence" else None), round(between[n], 3)]
             for n, a in ranked[:top]],
            f"{sub.number_of_nodes()} nodes, {sub.number_of_edges()} edges"
            + (f"; the {top} highest of {len(ranked)} shown" if len(ranked) > top else "")))
        if kind == "actors-logics":
            result.tables.extend(_logic_tables(sub, title, shifts.get(case, []) if kg is not None else None))
        if kind == "logics-tensions":
            result.tables.append(_shared_logics(sub, title))
        if kind == "co-occurrence":
            pairs = sorted(sub.edges(data=True), key=lambda e: (-e[2]["weight"], sub.nodes[e[0]]["label"],
                                                                 sub.nodes[e[1]]["label"]))
            result.tables.append(Table(
                f"{title}: most co-occurring pairs", ["node 1", "node 2", "shared passages", "status"],
                [[sub.nodes[a]["label"], sub.nodes[z]["label"], d["weight"], d["status"]]
                 for a, z, d in pairs[:top]]))
        for table in result.tables[first_table:]:
            table.case = case
    return result


def _shifts_by_case(kg: "KnowledgeGraph", graph: "nx.Graph") -> dict[str, list[dict[str, Any]]]:
    """The `logic-shifts` rows of the cases in the graph, asked once (for one case, with its IRI)."""
    in_graph = [c for c in graph.graph.get("cases", "").split("; ") if c]
    rows = kg.query("logic-shifts", **({"case": in_graph[0]} if len(in_graph) == 1 else {})).rows
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["case"]].append(row)
    return grouped


def _logic_tables(sub: "nx.Graph", title: str, shifts: list[dict[str, Any]] | None) -> list[Table]:
    spanning = []
    for node, attrs in sub.nodes(data=True):
        if attrs["type"] != "actor":
            continue
        held = sorted(sub.nodes[m]["label"] for m in sub.neighbors(node) if sub.nodes[m]["type"] == "logic")
        if len(held) >= 2:
            statuses = {sub.edges[node, m]["status"] for m in sub.neighbors(node)}
            spanning.append([attrs["label"], "; ".join(held), "interpreted" if statuses == {"interpreted"}
                             else "stated" if statuses == {"stated"} else "stated and interpreted"])
    unheld = [[a["label"], a["holdings_without_holder"]] for _, a in sub.nodes(data=True)
              if a.get("holdings_without_holder")]
    tables = [Table(f"{title}: actors spanning two or more logics", ["actor", "logics", "status"],
                    sorted(spanning), "" if spanning else "no actor holds more than one logic in the graph")]
    if unheld:
        tables.append(Table(f"{title}: holdings that name no holder", ["logic", "holdings"], sorted(unheld),
                            "the source leaves the holder open; these holdings are not given to any actor"))
    if shifts is not None:
        tables.append(Table(
            f"{title}: logic shifts between phases", ["actor", "from phase", "to phase", "change", "logic"],
            [[r["holder"], f"{r['from_order']}: {r['from_phase']}", f"{r['to_order']}: {r['to_phase']}",
              r["change"], r["logic"]] for r in shifts],
            "" if shifts else "none: the graph orders no phases in which one actor holds different logics"))
    return tables


def _shared_logics(sub: "nx.Graph", title: str) -> Table:
    rows = []
    for node, attrs in sub.nodes(data=True):
        if attrs["type"] != "logic":
            continue
        tensions = sorted({sub.nodes[t]["label"] for pole in sub.neighbors(node)
                           for t in sub.neighbors(pole) if sub.nodes[t]["type"] in ("tension", "puzzle")})
        rows.append([attrs["label"], len(tensions), "; ".join(tensions)])
    rows.sort(key=lambda r: (-r[1], r[0]))
    return Table(f"{title}: tensions that set each logic against another", ["logic", "tensions", "which"], rows,
                 "a logic with no tension: no pole of a recorded tension is tied to it")


def render_text(measures: Measures, width: int = 120) -> str:
    """The measures as plain text: one aligned table per block (the library's table renderer),
    each with its note."""
    from ..query.render import render_table

    lines = [f"{measures.kind} network: {measures.nodes} nodes, {measures.edges} edges"]
    lines += [f"note: {n}" for n in measures.notes]
    for table in measures.tables:
        lines += ["", table.title]
        if table.rows:
            lines.append(render_table(table.columns, [[_cell(v) for v in row] for row in table.rows], width))
        else:
            lines.append("(none)")
        if table.note:
            lines.append(table.note)
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


# export -------------------------------------------------------------------------------------------

def network_bytes(graph: "nx.Graph", fmt: str = "graphml") -> bytes:
    """The network as GraphML (primary: Gephi and Cytoscape read it), GEXF or node-link JSON."""
    import io
    import json

    import networkx as nx

    if fmt in ("graphml", "gexf"):
        buffer = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buffer)
        return buffer.getvalue()
    if fmt == "json":
        return (json.dumps(nx.node_link_data(graph, edges="links"), indent=1, ensure_ascii=False)
                + "\n").encode("utf-8")
    raise InputError(None, f"no network format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def format_for(path: str | Path | None, fmt: str | None) -> str:
    """The export format: the one given, else by the file's extension, else GraphML."""
    if fmt:
        if fmt not in FORMATS:
            raise InputError(None, f"no network format {fmt!r}; expected one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "graphml"


@dataclass
class NetworkRun:
    """What `network()` did: the graph, its measures as text, and where it was written."""

    graph: "nx.Graph"
    measures: Measures
    text: str
    written: Path | None
    data: bytes | None


def network(kg: "KnowledgeGraph", kind: str, case: str | None = None, fmt: str | None = None,
            output: str | Path | None = None) -> NetworkRun:
    """Build one network, measure it, and write it (atomically) to `output` or return its bytes."""
    from ..rdf.files import atomic_write

    check_kind(kind)
    fmt = format_for(output, fmt)
    kg = Answers(kg)  # type: ignore[assignment]  (each question asked once)
    known = cases(kg)
    graph = build_network(kg, kind, case, known)
    result = measure(graph, {c.iri: c.title for c in known}, kg)
    data = network_bytes(graph, fmt)
    written = atomic_write(output, data) if output else None
    return NetworkRun(graph, result, render_text(result), written, None if output else data)
