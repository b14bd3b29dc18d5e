"""Quotes located in source texts: Web Annotation quote and position selectors, computed and checked.

Offsets are Unicode code points from 0 into the text as stored, end exclusive, as in
`oa:TextPositionSelector`. Plumbing only: no RDF and no iorkg vocabulary.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 32
"""Characters of text kept before and after a quote as its `oa:prefix` and `oa:suffix`."""

MAX_WORDS = 30
"""The longest curated quote, in words (coded segments imported from QDA tools are exempt)."""


@dataclass(frozen=True)
class Selectors:
    """A quote's place in one text: what the quote and position selectors of an annotation hold."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


class QuoteProblem(ValueError):
    """A quote that cannot be placed in its text, with the closest passage as a hint."""

    def __init__(self, message: str, nearest: "Nearest | None" = None,
                 starts: tuple[int, ...] = ()) -> None:
        self.nearest = nearest
        self.starts = starts
        hint = ""
        if nearest is not None:
            hint = f"; the nearest passage is at {nearest.start}-{nearest.end}: {nearest.text!r}"
        super().__init__(message + hint)


@dataclass(frozen=True)
class Nearest:
    """The passage of a text most like a quote, and how alike they are (0 to 1)."""

    start: int
    end: int
    text: str
    ratio: float


def word_count(quote: str) -> int:
    """Words in a quote, counted as runs of non-space characters."""
    return len(quote.split())


def occurrences(text: str, quote: str) -> list[int]:
    """Every start offset at which `quote` occurs in `text` (overlapping ones included)."""
    if not quote:
        return []
    starts, pos = [], text.find(quote)
    while pos != -1:
        starts.append(pos)
        pos = text.find(quote, pos + 1)
    return starts


def selectors(text: str, start: int, end: int, context: int = CONTEXT) -> Selectors:
    """The selectors of the span `start`..`end` of `text`."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}-{end} lies outside a text of {len(text)} characters")
    return Selectors(text[start:end], text[max(0, start - context):start],
                     text[end:end + context], start, end)


def locate(text: str, quote: str, occurrence: int | None = None) -> Selectors:
    """The selectors of `quote` in `text`; `occurrence` (1-based) picks one of several.

    Raises QuoteProblem when the quote is absent, occurs more than once and no occurrence is
    given, or has fewer occurrences than the one asked for.
    """
    if not quote.strip():
        raise QuoteProblem("the quote is empty")
    starts = occurrences(text, quote)
    if not starts:
        raise QuoteProblem(f"the quote {quote!r} is not in the source text", nearest(text, quote))
    if occurrence is None:
        if len(starts) > 1:
            where = ", ".join(str(s) for s in starts)
            raise QuoteProblem(
                f"the quote {quote!r} occurs {len(starts)} times (at {where}); say which "
                f"occurrence (1 to {len(starts)})", starts=tuple(starts))
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise QuoteProblem(f"the quote {quote!r} occurs {len(starts)} time(s), so there is no "
                           f"occurrence {occurrence}", starts=tuple(starts))
    start = starts[occurrence - 1]
    return selectors(text, start, start + len(quote))


def nearest(text: str, quote: str) -> Nearest | None:
    """The passage of `text` of the quote's length that is most like the quote, if any is alike."""
    if not text or not quote:
        return None
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(quote))
    if block.size == 0:
        return None
    start = max(0, block.a - block.b)
    end = min(len(text), start + len(quote))
    passage = text[start:end]
    ratio = difflib.SequenceMatcher(None, passage, quote, autojunk=False).ratio()
    return Nearest(start, end, passage, round(ratio, 3))


@dataclass(frozen=True)
class SelectorCheck:
    """What checking one annotation's selectors against its text found (empty lists: all fits)."""

    problems: list[str]
    exact_starts: list[int]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(text: str, exact: str | None, prefix: str | None = None, suffix: str | None = None,
          start: int | None = None, end: int | None = None) -> SelectorCheck:
    """Whether the quote is in the text, at the offsets, with its prefix and suffix around it."""
    problems: list[str] = []
    starts = occurrences(text, exact) if exact else []
    if exact is not None and not starts:
        problems.append("quote-not-in-source")
    if start is not None and end is not None:
        if not 0 <= start <= end <= len(text):
            problems.append("offsets-outside-source")
        elif exact is not None and text[start:end] != exact:
            problems.append("offsets-cut-other-text")
    anchor = start if start is not None and exact is not None and text[start:end or start] == exact \
        else (starts[0] if len(starts) == 1 else None)
    if anchor is not None and exact is not None:
        if prefix is not None and not text[:anchor].endswith(prefix):
            problems.append("prefix-mismatch")
        if suffix is not None and not text[anchor + len(exact):].startswith(suffix):
            problems.append("suffix-mismatch")
    return SelectorCheck(problems, starts)
