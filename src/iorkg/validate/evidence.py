"""Evidence checked against its source texts: each quote and position selector of an annotation
is compared with the text of the source document it targets.

A source document names its text by `iorkg:sourceFile`, a plain file name (or a relative path
below the data file's folder). The text is looked up next to the data files, then in the
`sources/` folder beside them, then in the folders given (`--sources`), then in
`IORKG_SOURCE_DIR`, `../shared/case-source/` and the shipped `data/sources/`. A `sourceFile` that
is absolute or climbs out with `..` is a finding and is never opened. A text that cannot be found
leaves its evidence unchecked: that is a warning, or a violation when sources are required.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Iterable, Sequence

from ..namespaces import IORKG, OA, RDF, SHAPES

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

QUOTE_IN_SOURCE = SHAPES + "quote-in-source"
QUOTE_AT_OFFSETS = SHAPES + "quote-at-offsets"
QUOTE_CONTEXT = SHAPES + "quote-context"
SOURCE_FILE_SAFE = SHAPES + "source-file-safe"
SOURCE_TEXT_FOUND = SHAPES + "source-text-found"


@dataclass(frozen=True)
class Selection:
    """What one evidence annotation says about its place in a source text."""

    evidence: "pyoxigraph.NamedNode | pyoxigraph.BlankNode"
    source: "pyoxigraph.NamedNode | pyoxigraph.BlankNode"
    exact: str | None
    prefix: str | None
    suffix: str | None
    start: int | None
    end: int | None


@dataclass
class EvidenceCheck:
    """The outcome of checking every selection: results to report and the counts."""

    items: list[tuple] = field(default_factory=list)
    hints: dict[tuple[str, str], str] = field(default_factory=dict)
    verified: int = 0
    unchecked: int = 0
    texts: int = 0
    missing: list[str] = field(default_factory=list)

    def note(self) -> str:
        """One sentence for the report: how many quotes were verified and how many could not be."""
        text = (f"evidence: {self.verified:,} quote(s) checked against {self.texts} source text(s)")
        if self.unchecked:
            text += (f"; {self.unchecked:,} quote(s) NOT checked, their source text was not found "
                     f"({', '.join(self.missing)}): give --sources DIR")
        return text


def selections(quads: Iterable["pyoxigraph.Quad"]) -> tuple[list[Selection], dict]:
    """Every evidence annotation's selection, and each source document's `iorkg:sourceFile`."""
    import pyoxigraph as ox

    read = {RDF + "type", OA + "hasTarget", OA + "hasSource", OA + "hasSelector", OA + "exact",
            OA + "prefix", OA + "suffix", OA + "start", OA + "end", IORKG + "sourceFile"}
    wanted = {ox.NamedNode(iri) for iri in read}
    by_subject: dict = {}
    for q in quads:
        predicate = q.predicate
        if predicate in wanted:
            by_subject.setdefault(q.subject, []).append((predicate.value, q.object))
    evidence_type = ox.NamedNode(IORKG + "Evidence")

    def values(node, predicate: str) -> list:
        return [o for p, o in by_subject.get(node, ()) if p == predicate]

    def literal(node, predicate: str) -> str | None:
        found = [o for o in values(node, predicate) if isinstance(o, ox.Literal)]
        return found[0].value if found else None

    def number(node, predicate: str) -> int | None:
        text = literal(node, predicate)
        try:
            return int(text) if text is not None else None
        except ValueError:
            return None  # an ill-typed offset is the datatype shapes' finding

    found: list[Selection] = []
    source_files: dict = {}
    for node, pairs in by_subject.items():
        if (RDF + "type", evidence_type) not in pairs:
            continue
        for target in values(node, OA + "hasTarget"):
            for source in values(target, OA + "hasSource"):
                quote = position = None
                for selector in values(target, OA + "hasSelector"):
                    kinds = {o.value for o in values(selector, RDF + "type") if isinstance(o, ox.NamedNode)}
                    if OA + "TextQuoteSelector" in kinds:
                        quote = selector
                    if OA + "TextPositionSelector" in kinds:
                        position = selector
                if quote is None and position is None:
                    continue
                found.append(Selection(
                    node, source,
                    literal(quote, OA + "exact") if quote is not None else None,
                    literal(quote, OA + "prefix") if quote is not None else None,
                    literal(quote, OA + "suffix") if quote is not None else None,
                    number(position, OA + "start") if position is not None else None,
                    number(position, OA + "end") if position is not None else None))
                if source not in source_files:
                    source_files[source] = literal(source, IORKG + "sourceFile")
    return found, source_files


def unsafe(file_name: str) -> bool:
    """Whether a `sourceFile` value could reach outside the folders searched."""
    if not file_name.strip():
        return True
    for pure in (PurePosixPath(file_name), PureWindowsPath(file_name)):
        if pure.is_absolute() or pure.drive or ".." in pure.parts:
            return True
    return False


def search_dirs(data_files: Sequence[Path], sources: Sequence[str | Path] = ()) -> list[Path]:
    """The folders searched for source texts, in order (see the module docstring)."""
    from ..resources import source_dirs

    dirs: list[Path] = []
    for path in data_files:
        folder = Path(path).resolve().parent
        dirs.extend((folder, folder / "sources"))
    dirs.extend(Path(s) for s in sources)
    dirs.extend(source_dirs())
    unique = list(dict.fromkeys(d for d in dirs if d.is_dir()))
    return unique


def check_evidence(quads: Sequence["pyoxigraph.Quad"], data_files: Sequence[Path] = (),
                   sources: Sequence[str | Path] = (), require_sources: bool = False) -> EvidenceCheck:
    """Check every quote and position selector against its source text (see the module docstring)."""
    from ..textquote import check, word_count  # noqa: F401 - word_count documents the 30-word rule

    picked, files = selections(quads)
    outcome = EvidenceCheck()
    dirs = search_dirs(data_files, sources)
    texts: dict = {}
    for source, name in sorted(files.items(), key=lambda item: str(item[0])):
        if name is None:
            continue
        if unsafe(name):
            outcome.items.append((source, SOURCE_FILE_SAFE,
                                  f"The source file name {name!r} is absolute or climbs out of its folder "
                                  "with '..'; iorkg does not open it.", None, "SPARQLConstraintComponent"))
            texts[source] = None
            continue
        path = next((d / name for d in dirs if (d / name).is_file()), None)
        if path is None:
            texts[source] = None
            outcome.missing.append(name)
            continue
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                texts[source] = handle.read()
            outcome.texts += 1
        except (OSError, UnicodeDecodeError) as exc:
            texts[source] = None
            outcome.items.append((source, SOURCE_TEXT_FOUND, f"The source text {path} cannot be read as "
                                  f"UTF-8 text: {exc}.", None, "SPARQLConstraintComponent"))
    unchecked_by_source: dict = {}
    for sel in picked:
        text = texts.get(sel.source)
        if text is None:
            if files.get(sel.source) is not None and not unsafe(files[sel.source]):
                outcome.unchecked += 1
                unchecked_by_source[sel.source] = unchecked_by_source.get(sel.source, 0) + 1
            continue
        start, end = sel.start, sel.end
        if start is None or end is None or start < 0 or end < start:
            start = end = None  # missing or disordered offsets are the structure shapes' findings
        result = check(text, sel.exact, sel.prefix, sel.suffix, start, end)
        outcome.verified += 1
        _report(outcome, sel, result, text)
    severity = "violation" if require_sources else "warning"
    for source, count in unchecked_by_source.items():
        name = files[source]
        outcome.items.append((source, SOURCE_TEXT_FOUND,
                              f"The source text {name!r} was not found, so {count} quote(s) from it were not "
                              f"checked (searched: {', '.join(str(d) for d in dirs) or 'no folder'}).",
                              None, "SPARQLConstraintComponent", severity))
    return outcome


def _report(outcome: EvidenceCheck, sel: Selection, result, text: str) -> None:
    """Turn one selection's problems into report items, with a fix hint where one is known."""
    from ..textquote import nearest

    focus = sel.evidence
    shown = _short(sel.exact)
    elsewhere = ", ".join(f"{s}-{s + len(sel.exact or '')}" for s in result.exact_starts)
    problems = set(result.problems)
    if "quote-not-in-source" in problems:
        near = nearest(text, sel.exact or "")
        outcome.items.append((focus, QUOTE_IN_SOURCE, f"The quote {shown} is not in the source text.",
                              None, "SPARQLConstraintComponent"))
        if near is not None:
            outcome.hints[(_key(focus), QUOTE_IN_SOURCE)] = (
                f"Copy the quote verbatim from the source; the nearest passage is at {near.start}-"
                f"{near.end}: {_short(near.text)}.")
        return
    if problems & {"offsets-cut-other-text", "offsets-outside-source"}:
        cut = text[sel.start:sel.end] if sel.start is not None and sel.end is not None else ""
        what = ("lie outside the source text" if "offsets-outside-source" in problems
                else f"cut out {_short(cut)}, not the quote {shown}")
        outcome.items.append((focus, QUOTE_AT_OFFSETS, f"The position selector's offsets {sel.start}-{sel.end} "
                              f"{what}.", None, "SPARQLConstraintComponent"))
        if elsewhere:
            outcome.hints[(_key(focus), QUOTE_AT_OFFSETS)] = (
                f"The quote occurs at {elsewhere} (code points, end exclusive): set oa:start and oa:end to that.")
    if problems & {"prefix-mismatch", "suffix-mismatch"}:
        sides = " and ".join(side for side, key in (("prefix", "prefix-mismatch"), ("suffix", "suffix-mismatch"))
                             if key in problems)
        outcome.items.append((focus, QUOTE_CONTEXT, f"The quote {shown} is in the source, but its {sides} "
                              "does not match the text around it.", None, "SPARQLConstraintComponent"))


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def _key(node) -> str:
    """A node as the findings name it: the IRI, or `_:id` for a blank node."""
    import pyoxigraph as ox

    return f"_:{node.value}" if isinstance(node, ox.BlankNode) else node.value
