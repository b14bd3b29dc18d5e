"""Query parameters: typed values parsed into RDF terms, and a VALUES block for remote endpoints.

A parameter never enters a query as raw text. Embedded, it is bound through pyoxigraph's
`substitutions` (SEP-0007); remote, it becomes a VALUES block whose terms are written in their
N-Triples form (an IRI checked against the characters an IRI may not hold, a literal whose quotes
and backslashes are escaped by pyoxigraph), placed at the start of the query's WHERE group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"

#: parameter types a query header may declare, and the XSD datatype of each literal type
PARAM_TYPES: dict[str, str | None] = {
    "iri": None,
    "string": XSD + "string",
    "integer": XSD + "integer",
    "decimal": XSD + "decimal",
    "boolean": XSD + "boolean",
}

#: characters an IRI may not contain (RFC 3987 and the SPARQL IRIREF rule), besides controls
_FORBIDDEN_IN_IRI = set(' <>"{}|^`\\')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class ParamSpec:
    """One parameter a query declares: `# param: name type default description`."""

    name: str
    type: str
    default: str | None
    description: str


def parse_iri(value: str, name: str = "value") -> "pyoxigraph.NamedNode":
    """An absolute IRI, or a prefixed name (`kkt:employer`) expanded with iorkg's prefixes.

    Raises InputError for anything else: relative IRIs, spaces, and the characters
    < > " { } | ^ ` \\ that could end the term inside a query.
    """
    import pyoxigraph as ox

    from ..namespaces import PREFIXES

    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    bad = sorted({c for c in text if c in _FORBIDDEN_IN_IRI or ord(c) < 0x21 or 0x7F <= ord(c) < 0xA0})
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        raise InputError(None, f"parameter {name}: {value!r} is not an IRI: it contains {shown}")
    if not _SCHEME.match(text):
        raise InputError(None, f"parameter {name}: {value!r} is not an absolute IRI or a known prefixed "
                               f"name (prefixes: {', '.join(sorted(PREFIXES))})")
    try:
        return ox.NamedNode(text)
    except ValueError as exc:
        raise InputError(None, f"parameter {name}: {value!r} is not a valid IRI: {exc}") from None


def parse_value(value: object, type_name: str | None, name: str = "value") -> "pyoxigraph.NamedNode | pyoxigraph.Literal":
    """A parameter value as an RDF term of the declared type.

    Without a declared type (ad-hoc SPARQL), a value in angle brackets or a known prefixed name
    is an IRI and anything else a string literal. pyoxigraph terms pass through unchanged.
    """
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        value = "true" if value else "false"
        type_name = type_name or "boolean"
    elif isinstance(value, int):
        type_name = type_name or "integer"
    elif isinstance(value, float):
        type_name = type_name or "decimal"
    text = str(value)
    if type_name is None:
        type_name = "iri" if _looks_like_iri(text) else "string"
    if type_name not in PARAM_TYPES:
        raise InputError(None, f"parameter {name}: unknown type {type_name!r}; "
                               f"expected one of {', '.join(PARAM_TYPES)}")
    if type_name == "iri":
        return parse_iri(text, name)
    if type_name == "integer":
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise InputError(None, f"parameter {name}: {text!r} is not an integer")
        text = str(int(text))
    elif type_name == "decimal":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text.strip()):
            raise InputError(None, f"parameter {name}: {text!r} is not a decimal number")
        text = text.strip()
    elif type_name == "boolean":
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "1", "0"):
            raise InputError(None, f"parameter {name}: {text!r} is not a boolean (true or false)")
        text = "true" if lowered in ("true", "1") else "false"
    return ox.Literal(text, datatype=ox.NamedNode(PARAM_TYPES[type_name]))


def _looks_like_iri(text: str) -> bool:
    from ..namespaces import PREFIXES

    if text.startswith("<") and text.endswith(">"):
        return True
    prefix, colon, _ = text.partition(":")
    return bool(colon) and prefix in PREFIXES


def bind_params(specs: list[ParamSpec] | None, given: Mapping[str, object]) -> dict[str, object]:
    """The terms to bind: given values parsed by their declared type, then declared defaults.

    `specs` None means an ad-hoc query that declares nothing: any valid variable name is
    accepted and typed by `parse_value`'s rules.
    """
    terms: dict[str, object] = {}
    declared = {s.name: s for s in specs or []}
    for name, value in given.items():
        if not _NAME.match(name):
            raise InputError(None, f"parameter name {name!r} is not a SPARQL variable name")
        if specs is not None and name not in declared:
            known = ", ".join(declared) or "none"
            raise InputError(None, f"the query takes no parameter {name!r}; it takes: {known}")
        if value is None:
            continue
        terms[name] = parse_value(value, declared[name].type if name in declared else None, name)
    for spec in specs or []:
        if spec.name not in terms and spec.default is not None:
            terms[spec.name] = parse_value(spec.default, spec.type, spec.name)
    return terms


# ---------------------------------------------------------------------------------------------
# VALUES block for endpoints without SEP-0007 substitution

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.:]*")
_VARIABLE = re.compile(r"[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]*")
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def _tokens(text: str) -> list[tuple[int, str]]:
    """Braces, parentheses and bare words of a query, skipping comments, strings, IRIs and variables."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<":
            m = _IRIREF.match(text, i)
            i = m.end() if m else i + 1
        elif c in "?$":
            i = _VARIABLE.match(text, i).end()
        elif c in "{}()":
            out.append((i, c))
            i += 1
        elif c.isalpha() or c == "_":
            m = _WORD.match(text, i)
            out.append((i, m.group(0).upper()))
            i = m.end()
        else:
            i += 1
    return out


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    long = text.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if long and text.startswith(quote * 3, j):
            return j + 3
        if not long and (text[j] == quote or text[j] == "\n"):
            return j + 1
        j += 1
    return j


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the form of a query (InputError when none is found)."""
    for _, tok in _tokens(text):
        if tok in _FORMS:
            return tok
    raise InputError(None, "the text is not a SPARQL query (no SELECT, CONSTRUCT, DESCRIBE or ASK)")


def _where_group(tokens: list[tuple[int, str]]) -> tuple[int, int] | None:
    """Positions of the opening and closing brace of the outermost WHERE group."""
    braces = parens = 0
    form = None
    top_groups: list[int] = []
    after_where: int | None = None
    for index, (pos, tok) in enumerate(tokens):
        if tok == "{":
            if braces == 0 and parens == 0:
                top_groups.append(index)
                if after_where is not None and after_where < 0:
                    after_where = index
            braces += 1
        elif tok == "}":
            braces -= 1
        elif tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif braces == 0 and parens == 0:
            if form is None and tok in _FORMS:
                form = tok
            elif tok == "WHERE" and after_where is None:
                after_where = -1
    if after_where is not None and after_where >= 0:
        open_index = after_where
    elif form == "CONSTRUCT" and len(top_groups) >= 2:
        open_index = top_groups[1]
    elif form in ("SELECT", "ASK") and top_groups:
        open_index = top_groups[0]
    else:
        return None
    depth = 0
    for index in range(open_index, len(tokens)):
        tok = tokens[index][1]
        depth += tok == "{"
        depth -= tok == "}"
        if depth == 0:
            return open_index, index
    return None


def values_block(terms: Mapping[str, object]) -> str:
    """`VALUES (?a ?b) { (<iri> "literal") }` from the terms' N-Triples forms."""
    names = " ".join(f"?{n}" for n in terms)
    values = " ".join(str(t) for t in terms.values())
    return f"VALUES ({names}) {{ ({values}) }}"


def with_values(text: str, terms: Mapping[str, object]) -> str:
    """The query with its parameters bound by a VALUES block at the start of the WHERE group.

    A group that is a sub-select gets wrapped; a query without a group (DESCRIBE <x>) gets a
    trailing VALUES clause.
    """
    if not terms:
        return text
    block = values_block(terms)
    tokens = _tokens(text)
    group = _where_group(tokens)
    if group is None:
        return f"{text}\n{block}\n"
    open_index, close_index = group
    open_pos, close_pos = tokens[open_index][0], tokens[close_index][0]
    inner_first = tokens[open_index + 1][1] if open_index + 1 < len(tokens) else ""
    if inner_first == "SELECT":
        return (text[:open_pos + 1] + f" {block} {{" + text[open_pos + 1:close_pos]
                + "} " + text[close_pos:])
    return text[:open_pos + 1] + f"\n  {block}\n" + text[open_pos + 1:]
