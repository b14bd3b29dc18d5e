"""Turning a SHACL validation report into findings people can act on, and printing them.

A `Finding` is one validation result with the offending node's label, the rule's name, group,
message and fix hint (from the shape's `sh:name`, `sh:message` and `sh:description`).
`render_text` groups findings by node; `findings_json` gives the documented JSON form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Iterable

from ..namespaces import RDF, RDFS, SKOS, compact, compact_text

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

SH = "http://www.w3.org/ns/shacl#"
SEVERITY_NAMES = {SH + "Violation": "violation", SH + "Warning": "warning", SH + "Info": "info"}
SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Rule:
    """A shape's annotations: rule name, group and the words shown to people."""

    iri: str
    name: str
    group: str
    title: str = ""
    checks: str = ""
    message: str = ""
    hint: str = ""
    severity: str = "violation"


@dataclass(frozen=True)
class Finding:
    """One problem: where (node, label, path, value), which rule, what is wrong, how to fix it."""

    focus_node: str
    label: str
    rule: str
    group: str
    message: str
    path: str | None
    value: str | None
    severity: str
    hint: str
    constraint_component: str
    source_shape: str

    def as_dict(self) -> dict:
        """The finding as plain JSON-ready data."""
        return asdict(self)


def rules_of(shapes_graph: "rdflib.Graph", groups: dict[str, str]) -> dict[str, Rule]:
    """Shape IRI -> Rule, for every shape with an sh:name; `groups` maps shape IRI to group."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS as R, SH as S

    def text(node, prop) -> str:
        values = list(shapes_graph.objects(node, prop))
        english = [v for v in values if getattr(v, "language", None) in ("en", None)]
        return " ".join(str(english[0] if english else values[0]).split()) if values else ""

    rules = {}
    for shape, name in shapes_graph.subject_objects(S.name):
        if not isinstance(shape, URIRef):
            continue
        severity = shapes_graph.value(shape, S.severity)
        rules[str(shape)] = Rule(
            str(shape), str(name), groups.get(str(shape), "custom"), text(shape, R.label),
            text(shape, R.comment), text(shape, S.message), text(shape, S.description),
            SEVERITY_NAMES.get(str(severity), "violation"))
    return rules


class Labeller:
    """Readable names for nodes of the validated data (labels, or a path from a named node)."""

    def __init__(self, store: "pyoxigraph.Store") -> None:
        self.store = store
        self._cache: dict[str, str] = {}

    def label(self, node: "rdflib.term.Node") -> str:
        """The node's English label, else any label, else a description of where it sits."""
        key = node.n3()
        if key not in self._cache:
            self._cache[key] = self._label(node)
        return self._cache[key]

    def _ox(self, node):
        import pyoxigraph as ox
        from rdflib import BNode, URIRef

        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return ox.BlankNode(str(node))
        return None

    def _name(self, ox_node) -> str | None:
        import pyoxigraph as ox

        for prop in (RDFS + "label", SKOS + "prefLabel"):
            values = [q.object for q in self.store.quads_for_pattern(ox_node, ox.NamedNode(prop), None, None)]
            if values:
                english = [v for v in values if getattr(v, "language", None) in ("en", None)]
                return (english or values)[0].value
        return None

    def _label(self, node) -> str:
        import pyoxigraph as ox

        ox_node = self._ox(node)
        if ox_node is None:
            return str(node)
        name = self._name(ox_node)
        if name:
            return name
        if isinstance(ox_node, ox.NamedNode):
            return compact(ox_node.value)
        kinds = [compact(q.object.value) for q in
                 self.store.quads_for_pattern(ox_node, ox.NamedNode(RDF + "type"), None, None)]
        kind = f"a {kinds[0]}" if kinds else "a blank node"
        steps, current = [], ox_node
        for _ in range(4):
            parents = list(self.store.quads_for_pattern(None, None, current, None))
            if not parents:
                break
            steps.insert(0, compact(parents[0].predicate.value))
            current = parents[0].subject
            if isinstance(current, ox.NamedNode):
                owner = self._name(current) or compact(current.value)
                return f"{kind} reached from {owner} by {'/'.join(steps)}"
        return kind


def node_id(term) -> str:
    """A node as a string: the IRI itself, `_:id` for a blank node, N3 for a literal."""
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3() if term is not None else ""


def _term_text(term) -> str | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return term.n3()
    return str(term)


def _path_text(report: "rdflib.Graph", path) -> str | None:
    from rdflib import BNode
    from rdflib.collection import Collection
    from rdflib.namespace import RDF as R, SH as S

    if path is None:
        return None
    if isinstance(path, BNode):
        if report.value(path, R.first) is not None:
            return "/".join(_path_text(report, p) or "?" for p in Collection(report, path))
        inverse = report.value(path, S.inversePath)
        if inverse is not None:
            return "^" + (_path_text(report, inverse) or "?")
        alternatives = report.value(path, S.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(_path_text(report, p) or "?" for p in Collection(report, alternatives)) + ")"
        for operator, mark in ((S.zeroOrMorePath, "*"), (S.oneOrMorePath, "+"), (S.zeroOrOnePath, "?")):
            inner = report.value(path, operator)
            if inner is not None:
                return (_path_text(report, inner) or "?") + mark
    return _term_text(path)


def findings_of(report: "rdflib.Graph", rules: dict[str, Rule], labeller: Labeller) -> list[Finding]:
    """The results of a SHACL report graph as findings, worst and then alphabetically first."""
    from rdflib.namespace import SH as S

    findings = []
    for result in report.objects(None, S.result):
        focus = report.value(result, S.focusNode)
        shape = report.value(result, S.sourceShape)
        rule = rules.get(str(shape)) if shape is not None else None
        messages = list(report.objects(result, S.resultMessage))
        english = [m for m in messages if getattr(m, "language", None) in ("en", None)]
        message = str((english or messages)[0]) if messages else (rule.message if rule else "")
        severity = SEVERITY_NAMES.get(str(report.value(result, S.resultSeverity)), "violation")
        component = report.value(result, S.sourceConstraintComponent)
        findings.append(Finding(
            focus_node=node_id(focus),
            label=labeller.label(focus) if focus is not None else "",
            rule=rule.name if rule else (_term_text(shape) or "?"),
            group=rule.group if rule else "custom",
            message=compact_text(" ".join(message.split())),
            path=_path_text(report, report.value(result, S.resultPath)),
            value=_term_text(report.value(result, S.value)),
            severity=severity,
            hint=rule.hint if rule else "",
            constraint_component=compact(str(component)).replace("<", "").replace(">", "")
            if component is not None else "",
            source_shape=str(shape) if shape is not None else ""))
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.label.lower(), f.focus_node,
                                 f.rule, f.path or "", f.value or ""))
    return findings


def count_line(findings: Iterable[Finding]) -> str:
    """`2 violations and 1 warning in 2 nodes`, or `no problems`."""
    findings = list(findings)
    if not findings:
        return "no problems"
    parts = []
    for severity in ("violation", "warning", "info"):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            parts.append(f"{n} {severity}{'s' if n != 1 else ''}")
    nodes = len({f.focus_node for f in findings})
    return f"{' and '.join(parts)} in {nodes} node{'s' if nodes != 1 else ''}"


def render_text(findings: list[Finding], summary: str) -> str:
    """The readable report: findings grouped by node, then the one-line summary."""
    lines: list[str] = []
    by_node: dict[str, list[Finding]] = {}
    for finding in findings:
        by_node.setdefault(finding.focus_node, []).append(finding)
    for node, items in by_node.items():
        label = items[0].label
        shown = compact(node) if node.startswith("http") else node
        lines.append(label if label == shown else f"{label}  ({shown})")
        for f in items:
            lines.append(f"  {f.severity.upper()}  {f.rule} [{f.group}]: {f.message}")
            if f.path:
                lines.append(f"      path:  {f.path}")
            if f.value:
                lines.append(f"      value: {f.value}")
            if f.hint:
                lines.append(f"      fix:   {f.hint}")
        lines.append("")
    lines.append(summary)
    return "\n".join(lines) + "\n"
