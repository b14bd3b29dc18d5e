"""Short query text for remote endpoints: comments, indentation and unused PREFIX lines dropped.

A GET request carries the query in its URL, and servers refuse long URLs (Oxigraph: 8 KB). The
text is split into SPARQL tokens (strings, IRIs, comments, variables, words, punctuation), so a
`#` or a run of spaces inside a string or an IRI is never touched. Tokens that touched in the
original still touch; tokens that were apart are joined by one space, or by none next to
`{ } ( ) [ ] , ;`, where SPARQL needs no separator. A PREFIX declaration whose prefix no
prefixed name uses is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "minify", "unescape_codepoints", "keywords", "has_service"]

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_VARIABLE = re.compile(r"[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+")
_LANGTAG = re.compile(r"@[A-Za-z]+(-[A-Za-z0-9]+)*")
#: a run of characters that cannot end a word: whitespace, quotes, brackets and operators
_WORD = re.compile(r"""(?:\\\S|[^\s{}()\[\],;"'<>#=!&|*/+^@?$\\])+""")
_SPACE = re.compile(r"\s+")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: punctuation that needs no space on either side
_GLUE = set("{}()[],;")


@dataclass(frozen=True)
class Token:
    """One piece of query text: its kind and its characters, verbatim."""

    kind: str  # space, comment, string, iri, var, lang, word, punct
    text: str


def _string_end(text: str, i: int) -> int:
    """The index just after the string literal starting at i (its end, if unterminated)."""
    quote = text[i]
    long = text.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    n = len(text)
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
        elif long and text.startswith(quote * 3, j):
            return j + 3
        elif not long and c == quote:
            return j + 1
        elif not long and c in "\r\n":
            return j  # an unterminated short string: the parser will say so
        else:
            j += 1
    return n


def tokenize(text: str) -> list[Token]:
    """The tokens of a query or update, in order; joined they give the text back exactly."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            end = _SPACE.match(text, i).end()
            kind = "space"
        elif c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            kind = "comment"
        elif c in "\"'":
            end = _string_end(text, i)
            kind = "string"
        elif c == "<" and (m := _IRIREF.match(text, i)):
            end, kind = m.end(), "iri"
        elif c in "?$" and (m := _VARIABLE.match(text, i)):
            end, kind = m.end(), "var"
        elif c == "@" and (m := _LANGTAG.match(text, i)):
            end, kind = m.end(), "lang"
        elif m := _WORD.match(text, i):
            end, kind = m.end(), "word"
        else:
            end, kind = i + 1, "punct"
        tokens.append(Token(kind, text[i:end]))
        i = end
    return tokens


def unescape_codepoints(text: str) -> str:
    r"""The text with SPARQL's `\uXXXX` and `\UXXXXXXXX` escapes replaced by their characters.

    SPARQL processes these escapes before parsing, anywhere in the text, so a check for a
    keyword must look at the unescaped text.
    """
    def replace(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(replace, text)


def keywords(text: str) -> set[str]:
    """The bare words of a query in upper case (outside strings, IRIs and comments)."""
    return {t.text.upper() for t in tokenize(unescape_codepoints(text)) if t.kind == "word"}


def has_service(text: str) -> bool:
    """Whether the query uses the SERVICE keyword (a federated query), read by tokens."""
    return "SERVICE" in keywords(text)


def _unused_prefix_spans(tokens: list[Token]) -> set[int]:
    """Indices of the tokens of PREFIX declarations whose prefix is never used."""
    significant = [i for i, t in enumerate(tokens) if t.kind not in ("space", "comment")]
    declarations: list[tuple[str, list[int]]] = []
    declared_at: set[int] = set()
    for pos, index in enumerate(significant[:-2]):
        keyword, name, iri = (tokens[significant[pos + k]] for k in range(3))
        if (keyword.kind == "word" and keyword.text.upper() == "PREFIX" and name.kind == "word"
                and name.text.endswith(":") and name.text.count(":") == 1 and iri.kind == "iri"):
            span = list(range(index, significant[pos + 2] + 1))
            declarations.append((name.text[:-1], span))
            declared_at.add(significant[pos + 1])
    used = {t.text.partition(":")[0] for i, t in enumerate(tokens)
            if t.kind == "word" and ":" in t.text and i not in declared_at}
    drop: set[int] = set()
    for prefix, span in declarations:
        if prefix not in used:
            drop.update(span)
    return drop


def minify(text: str) -> str:
    """The same query in fewer characters (see the module's description)."""
    tokens = tokenize(text)
    drop = _unused_prefix_spans(tokens)
    out: list[str] = []
    gap = False  # whitespace or a comment since the last token written
    previous = ""
    for index, token in enumerate(tokens):
        if token.kind in ("space", "comment") or index in drop:
            gap = True
            continue
        if out and gap and previous not in _GLUE and token.text not in _GLUE:
            out.append(" ")
        out.append(token.text)
        previous = token.text
        gap = False
    return "".join(out)
