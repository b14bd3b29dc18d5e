"""REFI-QDA projects (.qdpx) read safely, their coded text selections placed on the source texts,
and turned into iorkg evidence through a study's code map.

Three layers, each usable alone:

- `read_project(path, sources_dir=None) -> Project`: the archive opened without extracting it
  (member names checked, member count and sizes bounded before anything is read), the project
  XML parsed with defusedxml (entity declarations refused), the plain-text sources read, and every
  coded plain-text selection placed on its source text (`Segment`), with the repairs made and the
  selections that could not be placed.
- `describe_project(path) -> ProjectSummary`: what a project holds (sources, codes, coded
  segments, coders), for a command run without a code map.
- `import_project(path, mapping, case_ns) -> ImportResult`: the case triples of the coded segments
  whose code the map names (`CodeMapping`, one per row of the workbook's `codes` sheet), following
  /work/CONTRACTS.md: study codes, coders, source documents, evidence and the statements the map
  says segments become; segments of unmapped codes are counted and listed.

Offsets (section 10.2 of the standard): a selection names its first and last character in Unicode
code points from 0; the tools write an exclusive end (QualCoder slices `text[start:end]`, and the
standard's own ATLAS.ti example does the same), NVivo counts characters outside the Basic
Multilingual Plane as two UTF-16 units, ATLAS.ti counts a Windows line break as one character.
Every selection is placed in code points, end exclusive, on the source text as stored (decoded
from UTF-8 with any byte-order mark removed, line breaks kept as in the file), by trying the
counting conventions in the order the exporting tool (`origin`) suggests and keeping the first
that cuts out the text the tool shows for the selection (its `name`). Where none does, the shown
text is looked up in the source: found once, the selection is moved there and the repair is
reported; found several times or not at all, see `Segment.verified` and `Project.rejected`.
A segment's quote is always cut from the source text, so no imported quote is absent from it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from ..errors import InputError
from .archive import is_symlink, unsafe_member_name

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from ..validate import ValidationResult

# bounds checked on the archive's directory before any member is read ---------------------------
MAX_MEMBERS = 5_000
"""The most members (files and folders) a .qdpx may hold."""
MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""The largest uncompressed size of one member that iorkg reads (project XML or text source)."""
MAX_TOTAL_BYTES = 512 * 1024 * 1024
"""The largest total uncompressed size of all members together."""
MAX_RATIO = 100
"""The highest compression ratio accepted for a member of more than `RATIO_FLOOR` bytes."""
RATIO_FLOOR = 1024 * 1024
"""Members smaller than this (uncompressed) are not checked for their compression ratio."""

PROJECT_NS = "urn:QDA-XML:project:1.0"
TEXT_SUFFIXES = (".txt",)
ELLIPSES = ("\u2026", "...")


# the data model ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class User:
    """A user of the project (a coder): GUID and the name the tool holds."""

    guid: str
    name: str


@dataclass(frozen=True)
class Code:
    """A code of the project's codebook; `parent` is the GUID of the code it is nested in."""

    guid: str
    name: str
    parent: str | None = None
    description: str | None = None
    codable: bool = True


@dataclass(frozen=True)
class Selection:
    """A plain-text selection as the project writes it (offsets untouched)."""

    guid: str
    source: str
    start: int
    end: int
    name: str | None
    codes: tuple[str, ...]
    coder: str | None
    description: str | None = None


@dataclass
class Source:
    """A text source: GUID, name, where its plain text is (`path`), and the text as stored.

    `text` is None when the plain text could not be read (an external path without a sources
    folder, a rich-text or PDF source without a plain-text version).
    """

    guid: str
    name: str
    path: str | None
    text: str | None
    file_name: str
    had_bom: bool = False
    selections: list[Selection] = field(default_factory=list)
    problem: str | None = None


@dataclass(frozen=True)
class Repair:
    """A selection whose offsets did not cut out the text the tool shows, moved onto that text."""

    selection: str
    source: str
    written: tuple[int, int]
    placed: tuple[int, int]
    reason: str

    def describe(self) -> str:
        return (f"selection {self.selection} in source {self.source}: offsets {self.written[0]}-"
                f"{self.written[1]} moved to {self.placed[0]}-{self.placed[1]} ({self.reason})")


@dataclass(frozen=True)
class Rejected:
    """A selection that was not imported, and why."""

    selection: str
    source: str
    reason: str

    def describe(self) -> str:
        return f"selection {self.selection} in source {self.source}: {self.reason}"


@dataclass(frozen=True)
class Segment:
    """A coded selection placed on its source text: code points, end exclusive.

    `quote` is `source.text[start:end]`. `convention` says how the tool counted ("code points",
    "CRLF as one", "UTF-16 units", "byte-order mark counted", each optionally "+ inclusive end").
    `verified`: the tool showed text for the selection and the quote is that text.
    """

    selection: str
    source: str
    start: int
    end: int
    quote: str
    code: str
    coder: str | None
    convention: str
    verified: bool
    written: tuple[int, int]


@dataclass
class Project:
    """What a REFI-QDA project holds, with its coded selections placed on the source texts."""

    archive: str
    name: str
    origin: str
    project_member: str
    users: dict[str, User]
    codes: dict[str, Code]
    sources: dict[str, Source]
    segments: list[Segment]
    repairs: list[Repair]
    rejected: list[Rejected]
    dropped: list[str]
    creating_user: str | None = None

    def code_path(self, guid: str) -> str:
        """The code's name with its parents', as "parent / child"."""
        names, seen = [], set()
        current: str | None = guid
        while current and current in self.codes and current not in seen:
            seen.add(current)
            names.append(self.codes[current].name)
            current = self.codes[current].parent
        return " / ".join(reversed(names))


# names and GUIDs ---------------------------------------------------------------------------------
def normalise_guid(value: str | None) -> str | None:
    """A GUID as iorkg compares them: lowercase, without braces."""
    if value is None:
        return None
    value = value.strip()
    return value.strip("{}").lower() if value else None


def guid_for(iri: str) -> str:
    """The stable GUID iorkg gives an IRI (a name-based UUID, version 5, in the URL namespace)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


def slug(text: str) -> str:
    """A lowercase IRI segment: letters and digits joined by hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    out = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return out or "x"


# the archive -------------------------------------------------------------------------------------
class _Archive:
    """A .qdpx opened read-only: its directory checked, its members read within the bounds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise InputError(path, "this is a folder; expected a REFI-QDA project (.qdpx file)")
        if not path.is_file():
            raise InputError(path, "no such file")
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(path, f"not a REFI-QDA project: cannot open it as a zip archive ({exc})") from None
        try:
            self.infos = self._checked_directory()
        except BaseException:
            self.zip.close()
            raise

    def __enter__(self) -> "_Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def _refuse(self, member: str | None, message: str) -> InputError:
        where = f"{self.path}!{member}" if member else self.path
        return InputError(where, f"refused: {message}")

    def _checked_directory(self) -> dict[str, zipfile.ZipInfo]:
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self._refuse(None, f"the archive has {len(infos):,} members; iorkg reads at most "
                                     f"{MAX_MEMBERS:,}")
        total = 0
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            problem = unsafe_member_name(name)
            if problem:
                raise self._refuse(name, f"the member name is {problem}; a project's members lie "
                                         "inside the archive")
            if is_symlink(info):
                raise self._refuse(name, "the member is a symbolic link")
            if info.flag_bits & 0x1:
                raise self._refuse(name, "the member is encrypted")
            if info.file_size > MAX_MEMBER_BYTES:
                raise self._refuse(name, f"the member unpacks to {info.file_size:,} bytes; iorkg "
                                         f"reads at most {MAX_MEMBER_BYTES:,} per member")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size / max(info.compress_size, 1)
                raise self._refuse(name, f"the member is compressed {ratio:,.0f} to 1 (at most "
                                         f"{MAX_RATIO} to 1 is accepted): a zip bomb")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise self._refuse(None, f"the members unpack to more than {MAX_TOTAL_BYTES:,} bytes")
            if name in by_name:
                raise self._refuse(name, "two members have this name")
            by_name[name] = info
        return by_name

    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, name: str) -> bytes:
        info = self.infos[name]
        import zlib

        try:
            with self.zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError,
                NotImplementedError) as exc:
            raise self._refuse(name, f"the member cannot be unpacked ({exc})") from None
        if len(data) > info.file_size:
            raise self._refuse(name, "the member unpacks to more than its header says")
        return data

    def project_member(self) -> str:
        candidates = [n for n in self.infos if "/" not in n.replace("\\", "/")
                      and n.lower().endswith(".qde")]
        if not candidates:
            raise InputError(self.path, "not a REFI-QDA project: no .qde project file at the top of "
                                        "the archive")
        if len(candidates) > 1:
            raise InputError(self.path, "ambiguous REFI-QDA project: several .qde files at the top "
                                        f"of the archive ({', '.join(sorted(candidates))})")
        return candidates[0]

    def source_member(self, file_name: str) -> str | None:
        for folder in ("sources/", "Sources/"):
            if folder + file_name in self.infos:
                return folder + file_name
        lowered = {n.lower(): n for n in self.infos}
        return lowered.get("sources/" + file_name.lower())


# XML ---------------------------------------------------------------------------------------------
def parse_xml(data: bytes, where: str) -> "object":
    """The root element of XML bytes, parsed without entities or external references."""
    import defusedxml
    from defusedxml import ElementTree as SafeET

    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        raise InputError(where, f"refused: the XML declares an entity ({exc.name!r}); iorkg reads no "
                                "entity declarations (they can expand without bound or read files)") from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as exc:
        raise InputError(where, f"refused: the XML refers to an external resource ({exc})") from None
    except SafeET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        raise InputError(where, f"not well-formed XML: {exc}", line, column) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str) -> list:
    return [c for c in element if _local(c.tag) == name]


def _child(element, name: str):
    for c in element:
        if _local(c.tag) == name:
            return c
    return None


def _text_of(element, name: str) -> str | None:
    child = _child(element, name)
    return child.text if child is not None and child.text is not None else None


def _int(value: str | None, where: str, what: str) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(where, f"the selection's {what} is {value!r}, not a whole number") from None


def decode_text(data: bytes, where: str) -> tuple[str, bool]:
    """A plain-text source decoded (UTF-8, or UTF-16 with its byte-order mark); the mark removed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), True
        except UnicodeDecodeError as exc:
            raise InputError(where, f"the text source is not valid UTF-16: {exc}") from None
    had_bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"the text source is not UTF-8 (the standard requires UTF-8): "
                                f"byte {exc.start}") from None
    return text, had_bom


# offsets -----------------------------------------------------------------------------------------
class _Counting:
    """A source text's ways of counting, each mapping a written offset to a code-point offset."""

    def __init__(self, text: str, had_bom: bool) -> None:
        self.text = text
        self.had_bom = had_bom
        crlf = [m.start() for m in re.finditer("\r\n", text)]
        self.crlf_collapsed = [p - k for k, p in enumerate(crlf)]
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self.astral_units = [a + k for k, a in enumerate(astral)]

    def systems(self) -> dict[str, bool]:
        """Which counting conventions differ from plain code points on this text."""
        return {"CRLF as one": bool(self.crlf_collapsed), "UTF-16 units": bool(self.astral_units),
                "byte-order mark counted": self.had_bom}

    def to_code_points(self, system: str, offset: int) -> int | None:
        if system == "code points":
            return offset
        if system == "CRLF as one":
            return offset + bisect.bisect_left(self.crlf_collapsed, offset)
        if system == "UTF-16 units":
            n = bisect.bisect_left(self.astral_units, offset)
            if n and offset == self.astral_units[n - 1] + 1:
                return None  # between the two halves of a surrogate pair
            return offset - n
        if system == "byte-order mark counted":
            return offset - 1
        raise ValueError(system)


def _preferred_systems(origin: str) -> list[str]:
    """The counting conventions to try, most likely first for the tool that wrote the project."""
    tool = origin.lower()
    if "nvivo" in tool:
        order = ["UTF-16 units", "code points", "CRLF as one"]
    elif "atlas" in tool:
        order = ["CRLF as one", "code points", "UTF-16 units"]
    else:  # QualCoder, MAXQDA, the standard itself
        order = ["code points", "CRLF as one", "UTF-16 units"]
    return order + ["byte-order mark counted"]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _shown(name: str | None) -> tuple[str, bool] | None:
    """The text a tool shows for a selection, and whether it is cut short (ends with an ellipsis)."""
    if name is None or not name.strip():
        return None
    for mark in ELLIPSES:
        if name.endswith(mark) and len(name) > len(mark):
            return name[: -len(mark)], True
    return name, False


def _matches(cut: str, shown: tuple[str, bool]) -> bool:
    text, truncated = shown
    if truncated:
        return cut.startswith(text) or _squash(cut).startswith(_squash(text))
    return cut == text or _squash(cut) == _squash(text)


@dataclass
class _Placement:
    start: int
    end: int
    convention: str
    verified: bool
    repair: str | None = None


def _candidates(counting: _Counting, origin: str, start: int, end: int) -> list[tuple[str, int, int]]:
    differs = counting.systems()
    out: list[tuple[str, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for inclusive in (False, True):
        for system in _preferred_systems(origin):
            if system != "code points" and not differs[system]:
                continue
            s = counting.to_code_points(system, start)
            e = counting.to_code_points(system, end + 1 if inclusive else end)
            if s is None or e is None or not 0 <= s < e <= len(counting.text) or (s, e) in seen:
                continue
            seen.add((s, e))
            out.append((system + (" + inclusive end" if inclusive else ""), s, e))
    return out


def place(counting: _Counting, origin: str, start: int, end: int, name: str | None,
          fallback: str | None = None) -> _Placement | str:
    """Where a selection lies in code points, end exclusive; or why it cannot be placed.

    `fallback` is the convention to use when the tool shows no text for the selection (the one
    found for the project's other selections).
    """
    text = counting.text
    shown = _shown(name)
    candidates = _candidates(counting, origin, start, end)
    if shown is not None:
        for convention, s, e in candidates:
            if _matches(text[s:e], shown):
                return _Placement(s, e, convention, True)
        quote, truncated = shown
        if not truncated:
            starts = _occurrences(text, quote)
            if len(starts) == 1:
                s = starts[0]
                return _Placement(s, s + len(quote), "repaired by the quote", True,
                                  "the offsets cut out other text; the text the tool shows occurs "
                                  "once in the source")
            if len(starts) > 1:
                return (f"the offsets {start}-{end} do not cut out the text the tool shows "
                        f"({_short(quote)!r}), which occurs {len(starts)} times in the source")
        else:
            starts = _occurrences(text, quote)
            length = end - start
            if len(starts) == 1 and starts[0] + length <= len(text) and length > 0:
                s = starts[0]
                return _Placement(s, s + length, "repaired by the quote", True,
                                  "the offsets cut out other text; the beginning the tool shows "
                                  "occurs once in the source (length kept)")
            if len(starts) > 1:
                return (f"the offsets {start}-{end} do not cut out the text the tool shows "
                        f"({_short(quote)!r}…), whose beginning occurs {len(starts)} times")
        if _squash(quote) and _squash(quote) in _squash(text):
            return (f"the offsets {start}-{end} do not cut out the text the tool shows "
                    f"({_short(quote)!r}), which is in the source only with different spacing")
        # the name is not text of the source (a label, not a quote): nothing to verify against
    if not candidates:
        return (f"the offsets {start}-{end} lie outside the source text "
                f"({len(text)} characters) in every way of counting")
    if fallback is not None:
        for convention, s, e in candidates:
            if convention == fallback:
                return _Placement(s, e, convention, False)
    convention, s, e = candidates[0]
    return _Placement(s, e, convention, False)


def _occurrences(text: str, quote: str) -> list[int]:
    from ..textquote import occurrences

    return occurrences(text, quote)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


# reading a project -------------------------------------------------------------------------------
def _read_codes(parent_element, parent: str | None, codes: dict[str, Code], where: str) -> None:
    for element in _children(parent_element, "Code"):
        guid = normalise_guid(element.get("guid"))
        if not guid:
            raise InputError(where, f"a code ({element.get('name')!r}) has no guid")
        codable = (element.get("isCodable") or "true").strip().lower() in ("true", "1")
        codes[guid] = Code(guid, element.get("name") or guid, parent,
                           _text_of(element, "Description"), codable)
        _read_codes(element, guid, codes, where)


def _resolve_path(path: str, archive: _Archive, sources_dir: Path | None,
                  where: str) -> tuple[bytes | None, str, str | None]:
    """The bytes of a plain-text path, the file name to keep, and why it could not be read."""
    scheme, _, rest = path.partition("://")
    scheme = scheme.lower()
    if scheme == "internal":
        file_name = rest
        if "/" in file_name.replace("\\", "/") or unsafe_member_name(file_name) or not file_name:
            raise InputError(where, f"refused: the internal source path {path!r} leaves the "
                                    "sources folder")
        member = archive.source_member(file_name)
        if member is None:
            return None, file_name, f"the archive has no sources/{file_name}"
        return archive.read(member), file_name, None
    if scheme in ("relative", "absolute"):
        file_name = PurePosixPath(rest.replace("\\", "/")).name
        if sources_dir is None:
            return None, file_name, f"an external source ({scheme}://); give a sources folder to read it"
        root = sources_dir.resolve()
        if scheme == "relative":
            parts = [p for p in rest.replace("\\", "/").split("/") if p]
            if any(p == ".." for p in parts):
                raise InputError(where, f"refused: the relative source path {path!r} leaves its folder")
            candidate = root.joinpath(*parts) if parts else root
        else:  # an absolute path on another machine: looked up by its file name only
            candidate = root / file_name
        candidate = candidate.resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None, file_name, f"{candidate.name} is not in the sources folder {sources_dir}"
        size = candidate.stat().st_size
        if size > MAX_MEMBER_BYTES:
            raise InputError(candidate, f"refused: the source is {size:,} bytes; iorkg reads at most "
                                        f"{MAX_MEMBER_BYTES:,}")
        return candidate.read_bytes(), file_name, None
    return None, path, f"an unknown kind of source path ({path!r})"


def _read_selection(element, source_guid: str, where: str, dropped: list[str]) -> Selection:
    guid = normalise_guid(element.get("guid")) or ""
    codes: list[str] = []
    coders: list[str | None] = []
    for coding in _children(element, "Coding"):
        ref = _child(coding, "CodeRef")
        target = normalise_guid(ref.get("targetGUID")) if ref is not None else None
        if target:
            codes.append(target)
            coders.append(normalise_guid(coding.get("creatingUser")))
    coder = next((c for c in coders if c), None) or normalise_guid(element.get("creatingUser"))
    if len({c for c in coders if c}) > 1:
        dropped.append(f"selection {guid}: codings by several users; all attributed to the first")
    if _children(element, "NoteRef"):
        dropped.append(f"selection {guid}: notes attached to the selection")
    return Selection(guid, source_guid,
                     _int(element.get("startPosition"), where, "startPosition"),
                     _int(element.get("endPosition"), where, "endPosition"),
                     element.get("name"), tuple(codes), coder, _text_of(element, "Description"))


def read_project(path: str | Path, sources_dir: str | Path | None = None) -> Project:
    """A REFI-QDA project read safely, its coded plain-text selections placed on the sources.

    Raises InputError (exit 2) for an archive or XML that is unreadable or hostile, naming the
    archive and the member.
    """
    path = Path(path)
    base = Path(sources_dir) if sources_dir is not None else None
    with _Archive(path) as archive:
        member = archive.project_member()
        where = f"{path}!{member}"
        root = parse_xml(archive.read(member), where)
        if _local(root.tag) != "Project":
            raise InputError(where, f"not a REFI-QDA project: the root element is {_local(root.tag)}, "
                                    "not Project")
        origin = root.get("origin") or ""
        dropped: list[str] = []
        users: dict[str, User] = {}
        users_element = _child(root, "Users")
        for u in _children(users_element, "User") if users_element is not None else []:
            guid = normalise_guid(u.get("guid"))
            if guid:
                users[guid] = User(guid, u.get("name") or u.get("id") or guid)
        codes: dict[str, Code] = {}
        book = _child(root, "CodeBook")
        if book is not None and _child(book, "Codes") is not None:
            _read_codes(_child(book, "Codes"), None, codes, where)
        sources: dict[str, Source] = {}
        sources_element = _child(root, "Sources")
        for element in list(sources_element) if sources_element is not None else []:
            kind = _local(element.tag)
            text_element = element
            if kind == "PDFSource":
                text_element = _child(element, "Representation")
                if text_element is None:
                    dropped.append(f"PDF source {element.get('name')!r}: no plain-text representation")
                    continue
            elif kind != "TextSource":
                dropped.append(f"{kind} {element.get('name')!r}: only text selections are imported")
                continue
            source = _read_source(text_element, element.get("name"), archive, base, where, dropped)
            sources[source.guid] = source
        for name in ("Notes", "Sets", "Cases", "Variables", "Links", "Graphs"):
            found = _child(root, name)
            if found is not None and len(found):
                dropped.append(f"{name}: {len(found)} item(s) not imported")
    project = Project(str(path), root.get("name") or path.stem, origin, member, users, codes,
                      sources, [], [], [], dropped, normalise_guid(root.get("creatingUserGUID")))
    _place_all(project)
    return project


def _read_source(element, display_name: str | None, archive: _Archive, base: Path | None,
                 where: str, dropped: list[str]) -> Source:
    guid = normalise_guid(element.get("guid")) or ""
    name = display_name or element.get("name") or guid
    content = _text_of(element, "PlainTextContent")
    path = element.get("plainTextPath")
    text: str | None = None
    had_bom = False
    problem = None
    file_name = f"{guid}.txt"
    if content is not None:
        text = content
    elif path:
        data, file_name, problem = _resolve_path(path, archive, base, where)
        if data is not None:
            text, had_bom = decode_text(data, f"{archive.path}!{file_name}")
    else:
        problem = "no plain text (neither PlainTextContent nor plainTextPath)"
    if not file_name.lower().endswith(TEXT_SUFFIXES):
        file_name += ".txt"
    source = Source(guid, name, path, text, file_name, had_bom, problem=problem)
    for selection in _children(element, "PlainTextSelection"):
        source.selections.append(_read_selection(selection, guid, where, dropped))
    whole = _children(element, "Coding")
    if whole:
        dropped.append(f"source {name!r}: {len(whole)} coding(s) of the whole source (no selection)")
    return source


def _place_all(project: Project) -> None:
    """Fill the project's segments, repairs and rejected selections."""
    for source in project.sources.values():
        coded = [s for s in source.selections if s.codes]
        uncoded = len(source.selections) - len(coded)
        if uncoded:
            project.dropped.append(f"source {source.name!r}: {uncoded} selection(s) without a code")
        if source.text is None:
            for sel in coded:
                project.rejected.append(Rejected(sel.guid, source.guid, f"the source text cannot be "
                                                 f"read: {source.problem}"))
            continue
        counting = _Counting(source.text, source.had_bom)
        placements: dict[str, _Placement | str] = {}
        votes: dict[str, int] = {}
        for sel in coded:
            if _shown(sel.name) is None:
                continue
            placed = place(counting, project.origin, sel.start, sel.end, sel.name)
            placements[sel.guid] = placed
            if isinstance(placed, _Placement) and placed.verified and placed.repair is None:
                votes[placed.convention] = votes.get(placed.convention, 0) + 1
        fallback = max(votes, key=lambda k: votes[k]) if votes else None
        for sel in coded:
            placed = placements.get(sel.guid) or place(counting, project.origin, sel.start, sel.end,
                                                        sel.name, fallback)
            if isinstance(placed, str):
                project.rejected.append(Rejected(sel.guid, source.guid, placed))
                continue
            if placed.repair:
                project.repairs.append(Repair(sel.guid, source.guid, (sel.start, sel.end),
                                              (placed.start, placed.end), placed.repair))
            quote = source.text[placed.start:placed.end]
            for code in dict.fromkeys(sel.codes):
                if code not in project.codes:
                    project.rejected.append(Rejected(sel.guid, source.guid,
                                                     f"a coding refers to no code of the codebook ({code})"))
                    continue
                project.segments.append(Segment(sel.guid, source.guid, placed.start, placed.end, quote,
                                                code, sel.coder or project.creating_user,
                                                placed.convention, placed.verified, (sel.start, sel.end)))


# describing a project ----------------------------------------------------------------------------
@dataclass
class ProjectSummary:
    """What a project holds: sources, codes, coded segments and coders, with the reading notes."""

    project: Project
    segments_per_code: dict[str, int]
    segments_per_coder: dict[str | None, int]
    pseudonyms: dict[str | None, str]

    @property
    def text(self) -> str:
        """The summary as lines of text."""
        p = self.project
        readable = sum(1 for s in p.sources.values() if s.text is not None)
        lines = [f"REFI-QDA project {p.name!r} ({p.project_member}; written by {p.origin or 'an unnamed tool'})",
                 f"sources: {len(p.sources)} text source(s), {readable} readable",
                 f"codes: {len(p.codes)}; coded segments: {len(p.segments)}; coders: "
                 f"{len(self.segments_per_coder)}"]
        for source in p.sources.values():
            state = f"{len(source.text):,} characters" if source.text is not None else source.problem
            lines.append(f"  source {source.name!r} ({source.file_name}): {len(source.selections)} "
                         f"selection(s), {state}")
        for guid in p.codes:
            lines.append(f"  code {p.code_path(guid)!r} [{guid}]: {self.segments_per_code.get(guid, 0)} "
                         "segment(s)")
        for coder, count in self.segments_per_coder.items():
            user = p.users.get(coder) if coder else None
            who = f"user {user.name!r}" if user else "no user named"
            lines.append(f"  coder {self.pseudonyms[coder]} ({who}): {count} segment(s)")
        lines += _notes(p)
        return "\n".join(lines)


def _notes(p: Project) -> list[str]:
    lines = [f"repaired: {r.describe()}" for r in p.repairs]
    lines += [f"not imported: {r.describe()}" for r in p.rejected]
    unverified = sum(1 for s in p.segments if not s.verified)
    if unverified:
        lines.append(f"unverified: {unverified} segment(s) for which the project shows no text of the "
                     "source (placed by the project's counting convention)")
    lines += [f"dropped: {d}" for d in p.dropped]
    return lines


def assign_pseudonyms(project: Project, given: Mapping[str, str] | None = None) -> dict[str | None, str]:
    """A pseudonym for each user (and for segments without a user): "Coder A", "Coder B", ...

    `given` maps a user's GUID or name to the pseudonym a study uses; the others are lettered in
    the order the project lists its users. Names are never used as labels.
    """
    given = {normalise_guid(k) if re.fullmatch(r"\{?[0-9A-Fa-f-]{36}\}?", k) else k: v
             for k, v in (given or {}).items()}
    used = {s.coder for s in project.segments}
    order = list(project.users) + sorted(c for c in used if c and c not in project.users)
    out: dict[str | None, str] = {}
    letters = iter(_letters())
    taken = set(given.values())
    for guid in order:
        user = project.users.get(guid)
        chosen = given.get(guid) or (given.get(user.name) if user else None)
        if chosen is None:
            chosen = next(x for x in letters if x not in taken)
        out[guid] = chosen
    if None in used:
        out[None] = next(x for x in letters if x not in taken)
    return out


def _letters() -> Iterable[str]:
    import itertools
    import string

    for size in itertools.count(1):
        for combo in itertools.product(string.ascii_uppercase, repeat=size):
            yield "Coder " + "".join(combo)


def describe_project(path: str | Path, sources_dir: str | Path | None = None) -> ProjectSummary:
    """What a REFI-QDA project holds (sources, codes, coded segments, coders); nothing is written."""
    project = read_project(path, sources_dir)
    per_code: dict[str, int] = {}
    per_coder: dict[str | None, int] = {}
    for seg in project.segments:
        per_code[seg.code] = per_code.get(seg.code, 0) + 1
        per_coder[seg.coder] = per_coder.get(seg.coder, 0) + 1
    return ProjectSummary(project, per_code, per_coder, assign_pseudonyms(project))


# the code map ------------------------------------------------------------------------------------
BECOMES = ("holding", "tension-pole", "value-definition", "role-played", "classification", "evidence")
MATCHES = ("exact", "close", "broad", "narrow")
STATUSES = ("interpreted", "stated")
NEEDS_TARGET = ("classification", "evidence", "role-played", "value-definition")


@dataclass(frozen=True)
class CodeMapping:
    """One row of a study's code map (the workbook's `codes` sheet).

    `code`: the project's code GUID or its name; `concept`: the iorkg term it maps to (a CURIE
    such as `iorkg:OperationalLogic` or a full IRI); `becomes`: what a segment coded with it
    becomes (one of BECOMES); `target`: the id (or IRI) of the case node the statement attaches
    to; `status`: interpreted (a code is a reading) or stated; `node`: the IRI of the study code
    node that already describes this code (a workbook's codes sheet), used instead of one made
    from the label; `relationship` (role-played only): the id (or IRI) of the relationship the
    role is played in, by default the case's focal relationship.
    """

    code: str
    concept: str
    becomes: str
    match: str = "exact"
    target: str | None = None
    status: str = "interpreted"
    label: str | None = None
    note: str | None = None
    node: str | None = None
    relationship: str | None = None

    def __post_init__(self) -> None:
        if self.becomes not in BECOMES:
            raise ValueError(f"becomes is {self.becomes!r}; expected one of {', '.join(BECOMES)}")
        if self.match not in MATCHES:
            raise ValueError(f"match is {self.match!r}; expected one of {', '.join(MATCHES)}")
        if self.status not in STATUSES:
            raise ValueError(f"status is {self.status!r}; expected one of {', '.join(STATUSES)}")
        if not self.code.strip() or not self.concept.strip():
            raise ValueError("a code map row needs an id and a concept")

    @classmethod
    def from_row(cls, row: Mapping[str, object], where: str = "codes sheet") -> "CodeMapping":
        """A mapping from a `codes` sheet row (columns id, label, concept, match, becomes,
        target, relationship, status, note); InputError naming `where` when a cell is wrong."""
        def cell(name: str) -> str | None:
            value = row.get(name)
            value = str(value).strip() if value is not None else ""
            return value or None

        try:
            return cls(code=cell("id") or "", concept=cell("concept") or "",
                       becomes=cell("becomes") or "", match=cell("match") or "exact",
                       target=cell("target"), status=cell("status") or "interpreted",
                       label=cell("label"), note=cell("note"), relationship=cell("relationship"))
        except ValueError as exc:
            raise InputError(where, str(exc)) from None


def _mapping_for(code: Code, mappings: Sequence[CodeMapping]) -> CodeMapping | None:
    for m in mappings:
        if normalise_guid(m.code) == code.guid:
            return m
    for m in mappings:
        if m.code == code.name:
            return m
    for m in mappings:
        if m.code.casefold() == code.name.casefold():
            return m
    return None


def expand(term: str) -> str:
    """A CURIE with one of iorkg's prefixes expanded to its IRI (a full IRI is kept)."""
    from ..namespaces import PREFIXES

    if term.startswith(("http://", "https://", "urn:")):
        return term
    prefix, sep, local = term.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    raise ValueError(f"{term!r} is neither an IRI nor a CURIE with a known prefix")


def code_iri(case_ns: str, label: str) -> str:
    """The IRI of a study code of a case: `NS code/<slug of its label>`."""
    return f"{case_ns}code/{slug(label)}"


# the import --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvidenceRow:
    """One imported coded segment, as a row (what the tests and reports compare)."""

    evidence: str
    statement: str
    quote: str
    start: int
    end: int
    coder: str
    concept: str
    code: str
    source_file: str
    status: str


@dataclass
class ImportResult:
    """The case triples made from a project's coded segments, and what was not imported."""

    project: Project
    triples: list[tuple]  # pyoxigraph terms (subject, predicate, object), in the order made
    graph_iri: str
    case_ns: str
    rows: list[EvidenceRow]
    unmapped: list[Segment]
    skipped: list[str]
    source_texts: dict[str, str]
    pseudonyms: dict[str | None, str]
    unused: list[CodeMapping] = field(default_factory=list)

    @cached_property
    def graph(self) -> "rdflib.Graph":
        """The case triples as an rdflib Graph (built on first use; xsd:string literals plain)."""
        import rdflib

        from ..rdf.terms import to_rdflib

        string = rdflib.XSD.string
        graph = rdflib.Graph()
        for triple in self.triples:
            s, p, o = (to_rdflib(t) for t in triple)
            if isinstance(o, rdflib.Literal) and o.datatype == string:
                o = rdflib.Literal(str(o))
            graph.add((s, p, o))
        return graph

    def quads(self) -> list["pyoxigraph.Quad"]:
        """The case triples in the case's named graph, each once, in the order made."""
        import pyoxigraph as ox

        graph = ox.NamedNode(self.graph_iri)
        return [ox.Quad(s, p, o, graph) for s, p, o in dict.fromkeys(self.triples)]

    @property
    def unmapped_codes(self) -> dict[str, int]:
        """Code path -> number of segments coded with it that the code map does not name."""
        out: dict[str, int] = {}
        for seg in self.unmapped:
            key = self.project.code_path(seg.code)
            out[key] = out.get(key, 0) + 1
        return out

    def dataset(self) -> "rdflib.Dataset":
        """The triples in the case's named graph."""
        import rdflib

        ds = rdflib.Dataset()
        g = ds.graph(rdflib.URIRef(self.graph_iri))
        for prefix, ns in _prefixes(self.case_ns).items():
            ds.bind(prefix, ns)
        for t in self.graph:
            g.add(t)
        return ds

    def serialize(self, fmt: str = "trig", ordered: bool = True) -> bytes:
        """The case graph in a quad format (TriG by default, or N-Quads, JSON-LD), in its named graph;
        `ordered` sorts the triples by subject (for people; validation does without)."""
        import pyoxigraph as ox

        from ..rdf.files import serialize_quads
        from ..rdf.formats import format_named

        quads = self.quads()
        if ordered:
            quads.sort(key=lambda q: (isinstance(q.subject, ox.BlankNode), str(q.subject), str(q.predicate),
                                      str(q.object)))
        return serialize_quads(quads, format_named(fmt), _prefixes(self.case_ns))

    def write(self, output: str | Path, sources_folder: str | Path | None = None) -> list[Path]:
        """Write the case graph (TriG, or N-Quads for a `.nq` name) and, with `sources_folder`,
        the source texts; each file atomically. Returns the paths written."""
        from ..rdf.files import atomic_write

        output = Path(output)
        fmt = "nquads" if output.suffix.lower() == ".nq" else "trig"
        written = [atomic_write(output, self.serialize(fmt))]
        if sources_folder is not None:
            written += self.write_sources(sources_folder)
        return written

    def write_sources(self, folder: str | Path) -> list[Path]:
        """Write the source texts (UTF-8, no byte-order mark, line breaks as stored) atomically."""
        from ..rdf.files import atomic_write

        return [atomic_write(Path(folder) / name, text.encode("utf-8"))
                for name, text in sorted(self.source_texts.items())]

    def validate(self, extra: Sequence[str | Path] = (), **options: object) -> "ValidationResult":
        """SHACL validation of the case graph (with `extra` files, e.g. the rest of the case)."""
        from ..validate import from_quads, validate

        return validate(from_quads(self.quads(), extra), **options)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        """What was imported and what was not, as lines of text."""
        p = self.project
        lines = [f"imported {len(self.rows)} coded segment(s) of {p.name!r} as evidence "
                 f"({len(set(self.triples)):,} triples in {self.graph_iri})"]
        if self.unmapped:
            lines.append(f"not in the code map: {len(self.unmapped)} segment(s) of "
                         f"{len(self.unmapped_codes)} code(s)")
            lines += [f"  {code!r}: {n} segment(s)" for code, n in sorted(self.unmapped_codes.items())]
        lines += [f"skipped: {s}" for s in self.skipped]
        lines += [f"code map row {m.code!r} names no code of the project" for m in self.unused]
        lines += _notes(p)
        return "\n".join(lines)


def _prefixes(case_ns: str) -> dict[str, str]:
    from ..namespaces import IORKG, IORKGC, IORKGS, OA, PROV, RDFS, SKOS, XSD

    return {"iorkg": IORKG, "iorkgc": IORKGC, "iorkgs": IORKGS, "oa": OA, "prov": PROV,
            "rdfs": RDFS, "skos": SKOS, "xsd": XSD, "case": case_ns}


def _words(local: str) -> str:
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", local).lower()


def import_project(path: str | Path, mapping: Sequence[CodeMapping], case_ns: str,
                   sources_dir: str | Path | None = None, *, graph: str | None = None,
                   case_label: str | None = None,
                   pseudonyms: Mapping[str, str] | None = None,
                   existing: frozenset[str] = frozenset(),
                   focal_relationship: str | None = None) -> ImportResult:
    """The case triples of a REFI-QDA project's coded segments, through a study's code map.

    `case_ns` is the case namespace (ending in `/`); the graph defaults to
    `https://w3id.org/iorkg/graph/<last segment of case_ns>`. With `case_label` the case node
    itself is typed and labelled (otherwise the workbook supplies it). `pseudonyms` maps a
    user's GUID or name to a study's pseudonym. `existing` names nodes the rest of the case
    (its workbook) already describes: coders, codes, the codebook and logic nodes with those IRIs
    are used, not described again, and no evidence is added to them. `focal_relationship` (an
    IRI) is where a role-played code's role is played when its row names no relationship; without
    either, its segments are skipped and listed. Nothing is written.
    """
    project = read_project(path, sources_dir)
    return build_import(project, mapping, case_ns, graph=graph, case_label=case_label,
                        pseudonyms=pseudonyms, existing=existing, focal_relationship=focal_relationship)


def build_import(project: Project, mapping: Sequence[CodeMapping], case_ns: str, *,
                 graph: str | None = None, case_label: str | None = None,
                 pseudonyms: Mapping[str, str] | None = None,
                 existing: frozenset[str] = frozenset(),
                 focal_relationship: str | None = None) -> ImportResult:
    """The triples of an already read project (see `import_project`)."""
    import pyoxigraph as ox

    from ..namespaces import FX, GRAPH_BASE, IORKG, IORKGC, OA, PROV, RDF, RDFS, SKOS, XSD
    from ..textquote import selectors
    from .casebuilder import blank_label

    URIRef = lru_cache(maxsize=None)(ox.NamedNode)  # the same few IRIs are made many times over
    BNode = ox.BlankNode
    string, counted = ox.NamedNode(XSD + "string"), ox.NamedNode(XSD + "nonNegativeInteger")
    true = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))

    def Literal(text: str, lang: str | None = None) -> "ox.Literal":  # noqa: N802 - a term maker
        return ox.Literal(text, language=lang) if lang else ox.Literal(text, datatype=string)

    def iri_of(iri: str, what: str) -> "ox.NamedNode":
        """An IRI made from the project's names and GUIDs; InputError where they cannot make one."""
        try:
            return ox.NamedNode(iri)
        except ValueError:
            raise InputError(project.archive, f"{what} gives {iri!r}, which is not a valid IRI; "
                                              "expected GUIDs and code-map targets without spaces, "
                                              "angle brackets or quotes") from None

    class V:  # the vocabulary's terms, made once
        type, label = URIRef(RDF + "type"), URIRef(RDFS + "label")
        prefLabel, notation = URIRef(SKOS + "prefLabel"), URIRef(SKOS + "notation")
        inScheme, broader = URIRef(SKOS + "inScheme"), URIRef(SKOS + "broader")

    if not case_ns.endswith(("/", "#")):
        raise InputError(None, f"the case namespace {case_ns!r} must end with / or #")
    name = case_ns.rstrip("/#").rsplit("/", 1)[-1]
    graph_iri = graph or GRAPH_BASE + name
    fictional = "/fictional/" in case_ns or case_ns.startswith(FX)
    tag = " (fictional)" if fictional else ""

    def tagged(text: str) -> str:  # labels of a fictional case say so, once
        return text + tag if tag and "fictional" not in text.lower() else text

    I = lambda local: URIRef(IORKG + local)  # noqa: E731
    g = _Triples()
    case = URIRef(case_ns + "case")
    in_case = I("inCase")
    if case_label:
        g.add((case, V.type, I("Case")))
        g.add((case, V.label, Literal(case_label, lang="en")))
        if fictional:
            g.add((case, I("isFictional"), true))
    pseudo = assign_pseudonyms(project, pseudonyms)
    coder_nodes: dict[str | None, ox.NamedNode] = {}

    def coder_node(guid: str | None) -> "ox.NamedNode":
        if guid not in coder_nodes:
            node = URIRef(case_ns + slug(pseudo[guid]))
            coder_nodes[guid] = node
            if node.value in existing:
                return node
            g.add((node, V.type, I("Person")))
            g.add((node, V.label, Literal(tagged(pseudo[guid]), lang="en")))
            g.add((node, in_case, case))
        return coder_nodes[guid]

    codebook = URIRef(case_ns + "codebook")
    code_nodes: dict[str, tuple[ox.NamedNode, CodeMapping]] = {}
    for code in project.codes.values():
        m = _mapping_for(code, mapping)
        if m is None:
            continue
        try:
            concept = URIRef(expand(m.concept))
        except ValueError as exc:
            raise InputError("codes sheet", f"code {m.code!r}: {exc}") from None
        node = URIRef(m.node or code_iri(case_ns, m.label or code.name))
        code_nodes[code.guid] = (node, m)
        if node.value in existing:
            continue
        if not g.has_codebook and codebook.value not in existing:
            g.has_codebook = True
            g.add((codebook, V.type, I("Codebook")))
            g.add((codebook, V.prefLabel, Literal(f"codebook of the REFI-QDA project {project.name}")))
            g.add((codebook, in_case, case))
        g.add((node, V.type, I("StudyCode")))
        g.add((node, V.prefLabel, Literal(m.label or code.name)))
        g.add((node, V.notation, Literal(m.code)))
        g.add((node, V.inScheme, codebook))
        g.add((node, URIRef(SKOS + m.match + "Match"), concept))
        g.add((node, in_case, case))
    for guid, (node, _) in code_nodes.items():
        parent = project.codes[guid].parent
        if parent in code_nodes:
            g.add((node, V.broader, code_nodes[parent][0]))

    source_nodes: dict[str, ox.NamedNode] = {}
    source_texts: dict[str, str] = {}

    def source_node(guid: str) -> "ox.NamedNode":
        if guid not in source_nodes:
            src = project.sources[guid]
            node = iri_of(f"{case_ns}source/{guid}", f"source {guid!r}")
            source_nodes[guid] = node
            g.add((node, V.type, I("SourceDocument")))
            g.add((node, V.label, Literal(tagged(src.name), lang="en")))
            g.add((node, I("sourceFile"), Literal(src.file_name)))
            g.add((node, in_case, case))
            g.add((case, I("hasSource"), node))
            source_texts[src.file_name] = src.text or ""
        return source_nodes[guid]

    logic_nodes: dict[str, ox.NamedNode] = {}

    def logic_node(concept: str) -> "ox.NamedNode":
        if concept not in logic_nodes:
            local = re.split(r"[#/]", concept)[-1]
            node = URIRef(case_ns + slug(local))
            logic_nodes[concept] = node
            if node.value in existing:
                return node
            g.add((node, V.type, URIRef(concept)))
            g.add((node, V.label, Literal(tagged(f"{_words(local)} (case)"), lang="en")))
            g.add((node, in_case, case))
        return logic_nodes[concept]

    def target_node(target: str) -> "ox.NamedNode":
        try:
            full = expand(target)
        except ValueError:
            full = case_ns + target
        return iri_of(full, f"the code map's target {target!r}")

    rows: list[EvidenceRow] = []
    unmapped: list[Segment] = []
    skipped: list[str] = []
    made: set[ox.NamedNode] = set()
    evidenced: set[ox.NamedNode] = set()
    counters: dict[str, int] = {}
    for seg in project.segments:
        if seg.code not in code_nodes:
            unmapped.append(seg)
            continue
        code_node, m = code_nodes[seg.code]
        if m.becomes in NEEDS_TARGET and not m.target:
            skipped.append(f"selection {seg.selection}: code {m.code!r} becomes {m.becomes}, which "
                           "needs a target in the code map")
            continue
        if m.becomes == "role-played" and not m.relationship and not focal_relationship:
            skipped.append(f"selection {seg.selection}: code {m.code!r} becomes role-played, which needs "
                           "the relationship the role is played in: a relationship in the code map, or a "
                           "workbook whose case names its focal relationship")
            continue
        concept = expand(m.concept)
        code = project.codes[seg.code]
        coder = coder_node(seg.coder)
        who = pseudo[seg.coder]
        code_slug = code_node.value.rsplit("/", 1)[-1]
        target = target_node(m.target) if m.target else None
        target_slug = slug(m.target) if m.target else "unknown"
        kind = {"holding": "holding", "tension-pole": "pole", "value-definition": "value",
                "role-played": "role", "classification": "classification"}.get(m.becomes)
        extra_bodies: list[ox.NamedNode] = []
        if kind is None:  # plain evidence of the target node
            statement = target
        else:
            statement = URIRef(f"{case_ns}{kind}/{code_slug}-{target_slug}-{slug(who)}")
        if statement not in made:
            made.add(statement)
            if kind is not None:
                g.add((statement, in_case, case))
                g.add((statement, I("codedWith"), code_node))
            label = m.label or code.name
            if kind == "holding":
                g.add((statement, V.type, I("LogicHolding")))
                g.add((statement, I("heldLogic"), logic_node(concept)))
                if target is not None:
                    g.add((statement, I("holder"), target))
                else:
                    g.add((statement, I("leavesUnknown"), URIRef(IORKGC + "slot-holder")))
                text = f"{m.target or 'an unnamed holder'} holds the logic coded {label!r} ({who}'s reading)"
            elif kind == "pole":
                g.add((statement, V.type, I("TensionPole")))
                g.add((statement, I("poleLogic"), logic_node(concept)))
                if target is not None:
                    g.add((target, I("hasPole"), statement))
                text = f"tension pole coded {label!r} ({who}'s reading)"
            elif kind == "value":
                g.add((statement, V.type, I("ValueDefinition")))
                g.add((statement, I("valueOf"), target))
                g.add((statement, I("leavesUnknown"), URIRef(IORKGC + "slot-definer")))
                text = f"value of {m.target} coded {label!r} ({who}'s reading)"
            elif kind == "role":
                g.add((statement, V.type, I("RolePlaying")))
                g.add((statement, I("player"), target))
                g.add((statement, I("playedRole"), URIRef(concept)))
                g.add((statement, I("inRelationship"),
                       target_node(m.relationship) if m.relationship
                       else iri_of(focal_relationship, "the case's focal relationship")))
                text = f"{m.target} plays the role coded {label!r} ({who}'s reading)"
            elif kind == "classification":
                g.add((statement, V.type, I("Classification")))
                g.add((statement, I("classifies"), target))
                g.add((statement, I("assignsConcept"), URIRef(concept)))
                text = f"{m.target} classified by the code {label!r} ({who}'s reading)"
            else:
                text = ""
            if text:
                g.add((statement, V.label, Literal(tagged(text), lang="en")))
        if kind in ("holding", "pole"):
            logic = logic_node(concept)
            if logic not in evidenced and logic.value not in existing:  # rests on its first coded segment
                evidenced.add(logic)
                extra_bodies.append(logic)
        key = f"{seg.selection}-{code_slug}"
        counters[key] = counters.get(key, 0) + 1
        evidence = iri_of(f"{case_ns}evidence/{key}" + (f"-{counters[key]}" if counters[key] > 1 else ""),
                        f"selection {seg.selection!r}")
        src = project.sources[seg.source]
        sel = selectors(src.text or "", seg.start, seg.end)
        g.add((evidence, V.type, I("Evidence")))
        for body in [statement, *extra_bodies]:
            g.add((evidence, URIRef(OA + "hasBody"), body))
            g.add((body, I("hasEvidence"), evidence))
        g.add((evidence, URIRef(OA + "motivatedBy"), URIRef(OA + "classifying")))
        g.add((evidence, I("epistemicStatus"), URIRef(IORKGC + m.status)))
        g.add((evidence, URIRef(PROV + "wasAttributedTo"), coder))
        if m.status == "interpreted":
            g.add((evidence, I("rationale"), Literal(
                f"{who} coded this passage with the study's code {label!r}, which the code map "
                f"aligns with {m.concept} ({m.match} match); a code is a reading."
                + (" The role is taken as played in the case's focal relationship, as the code map "
                   "names no other." if kind == "role" and not m.relationship else ""), lang="en")))
        g.add((evidence, I("codedSegment"), true))
        g.add((evidence, in_case, case))
        local = evidence.value.rsplit("/", 1)[-1]  # blank node labels that are the same in every run
        target_res, quote_sel, pos_sel = (BNode(f"{blank_label(local)}-{part}") for part in ("target", "quote", "position"))
        g.add((evidence, URIRef(OA + "hasTarget"), target_res))
        g.add((target_res, V.type, URIRef(OA + "SpecificResource")))
        g.add((target_res, URIRef(OA + "hasSource"), source_node(seg.source)))
        g.add((target_res, URIRef(OA + "hasSelector"), quote_sel))
        g.add((target_res, URIRef(OA + "hasSelector"), pos_sel))
        g.add((quote_sel, V.type, URIRef(OA + "TextQuoteSelector")))
        g.add((quote_sel, URIRef(OA + "exact"), Literal(sel.exact)))
        g.add((quote_sel, URIRef(OA + "prefix"), Literal(sel.prefix)))
        g.add((quote_sel, URIRef(OA + "suffix"), Literal(sel.suffix)))
        g.add((pos_sel, V.type, URIRef(OA + "TextPositionSelector")))
        g.add((pos_sel, URIRef(OA + "start"), ox.Literal(str(sel.start), datatype=counted)))
        g.add((pos_sel, URIRef(OA + "end"), ox.Literal(str(sel.end), datatype=counted)))
        rows.append(EvidenceRow(evidence.value, statement.value, sel.exact, sel.start, sel.end, who,
                                concept, code.name, src.file_name, m.status))
    matched = {id(m) for _, m in code_nodes.values()}
    unused = [m for m in mapping if id(m) not in matched]
    return ImportResult(project, g.items, graph_iri, case_ns, rows, unmapped, skipped, source_texts,
                        pseudo, unused)


class _Triples:
    """Triples collected in order (an rdflib Graph is built only when asked for)."""

    def __init__(self) -> None:
        self.items: list[tuple] = []
        self.has_codebook = False

    def add(self, triple: tuple) -> None:
        self.items.append(triple)


# export ------------------------------------------------------------------------------------------
_GUID_AT_END = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
_GUID_AT_START = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def _guid_of(iri: str, pattern: re.Pattern = _GUID_AT_END) -> str:
    """The GUID an IRI that iorkg minted from one carries, else the IRI's name-based GUID."""
    found = pattern.search(iri.rsplit("/", 1)[-1])
    return found.group(1) if found else guid_for(iri)


def _untagged(label: str, tag: str) -> str:
    return label[: -len(tag)] if tag and label.endswith(tag) else label


def write_project(source: "rdflib.Graph | object", case_ns: str | None = None,
                  output: str | Path | None = None, *,
                  source_texts: Mapping[str, str] | None = None,
                  sources_dir: str | Path | None = None,
                  include_sources: bool = False) -> bytes:
    """A case's coded segments as a REFI-QDA project (.qdpx): `project.qde` and lowercase `sources/`.

    `source` is an rdflib Graph or a KnowledgeGraph holding the case; `case_ns` the case's
    namespace (default: that of the graph's one `iorkg:Case` node). Every evidence node with
    `iorkg:codedSegment true` whose statement is `iorkg:codedWith` a study code becomes a coded
    plain-text selection (offsets in code points, end exclusive, the quote as its name), coded by
    its coder (a user named by the pseudonym). Source texts (from `source_texts`, file name ->
    text, or from `sources_dir`) are written only with `include_sources`, and never for a source
    with `iorkg:accessLevel iorkgc:restricted`. UTF-8 without a byte-order mark. Returns the archive
    bytes; with `output` writes them atomically.
    """
    import io
    import xml.etree.ElementTree as ET

    import rdflib
    from rdflib import URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from .. import __version__
    from ..namespaces import IORKG, IORKGC, OA, PROV

    graph = source if isinstance(source, rdflib.Graph) else _union_graph(source)
    I = lambda local: URIRef(IORKG + local)  # noqa: E731
    if case_ns is None:
        cases = sorted(str(c) for c in graph.subjects(RDF.type, I("Case")) if str(c).endswith("/case"))
        if len(cases) != 1:
            raise InputError(None, f"say which case to export: the graph holds {len(cases)} case nodes")
        case_ns = cases[0][: -len("case")]
    fictional = "/fictional/" in case_ns
    tag = " (fictional)" if fictional else ""
    texts = dict(source_texts or {})
    in_ns = lambda node: str(node).startswith(case_ns)  # noqa: E731

    codes = {c for c in graph.subjects(RDF.type, I("StudyCode")) if in_ns(c)}
    code_guid = {c: _guid_of(str(c)) for c in codes}
    for c in codes:
        notation = graph.value(c, SKOS.notation)
        if notation is not None and re.fullmatch(r"\{?[0-9A-Fa-f-]{36}\}?", str(notation)):
            code_guid[c] = normalise_guid(str(notation)) or code_guid[c]
    selections: dict[tuple, dict] = {}
    coders: dict[URIRef, str] = {}
    sources: dict[URIRef, list] = {}
    for evidence in sorted(graph.subjects(I("codedSegment"), rdflib.Literal(True)), key=str):
        if not in_ns(evidence):
            continue
        code = next((graph.value(b, I("codedWith")) for b in graph.objects(evidence, URIRef(OA + "hasBody"))
                     if graph.value(b, I("codedWith")) in codes), None)
        target = graph.value(evidence, URIRef(OA + "hasTarget"))
        src = graph.value(target, URIRef(OA + "hasSource")) if target is not None else None
        if code is None or src is None:
            continue
        start = end = None
        exact = None
        for selector in graph.objects(target, URIRef(OA + "hasSelector")):
            if (selector, RDF.type, URIRef(OA + "TextPositionSelector")) in graph:
                start, end = int(graph.value(selector, URIRef(OA + "start"))), int(graph.value(selector, URIRef(OA + "end")))
            elif (selector, RDF.type, URIRef(OA + "TextQuoteSelector")) in graph:
                exact = str(graph.value(selector, URIRef(OA + "exact")))
        if start is None or end is None:
            continue
        coder = graph.value(evidence, URIRef(PROV + "wasAttributedTo"))
        if coder is not None and coder not in coders:
            coders[coder] = _untagged(str(graph.value(coder, RDFS.label) or coder), tag)
        sel_guid = _guid_of(str(evidence), _GUID_AT_START)
        key = (src, sel_guid)
        entry = selections.setdefault(key, {"guid": sel_guid, "start": start, "end": end,
                                            "name": exact, "codings": []})
        entry["codings"].append((guid_for(str(evidence) + "#coding"), code_guid[code], coder))
        sources.setdefault(src, []).append(key)
    name = "iorkg export"
    for book in graph.subjects(RDF.type, I("Codebook")):
        label = str(graph.value(book, SKOS.prefLabel) or "")
        if label.startswith("codebook of the REFI-QDA project "):
            name = label.removeprefix("codebook of the REFI-QDA project ")
    user_guid = {c: guid_for(str(c)) for c in coders}

    ET.register_namespace("", PROJECT_NS)
    q = lambda n: f"{{{PROJECT_NS}}}{n}"  # noqa: E731
    root = ET.Element(q("Project"), {"name": name, "origin": f"iorkg {__version__}"})
    if coders:
        users = ET.SubElement(root, q("Users"))
        for coder in sorted(coders, key=lambda c: (coders[c], str(c))):
            ET.SubElement(users, q("User"), {"guid": user_guid[coder], "name": coders[coder]})
    if codes:
        book = ET.SubElement(ET.SubElement(root, q("CodeBook")), q("Codes"))
        children: dict[object, list] = {}
        for c in codes:
            parent = graph.value(c, SKOS.broader)
            children.setdefault(parent if parent in codes else None, []).append(c)

        def add_code(parent_element, c) -> None:
            element = ET.SubElement(parent_element, q("Code"), {
                "guid": code_guid[c], "name": str(graph.value(c, SKOS.prefLabel) or c), "isCodable": "true"})
            for child in sorted(children.get(c, []), key=str):
                add_code(element, child)

        for c in sorted(children.get(None, []), key=str):
            add_code(book, c)
    members: list[tuple[str, bytes]] = []
    if sources:
        sources_element = ET.SubElement(root, q("Sources"))
        folder = Path(sources_dir) if sources_dir is not None else None
        for src in sorted(sources, key=str):
            guid = _guid_of(str(src))
            attrs = {"guid": guid, "name": _untagged(str(graph.value(src, RDFS.label) or guid), tag)}
            file_name = str(graph.value(src, I("sourceFile")) or f"{guid}.txt")
            restricted = graph.value(src, I("accessLevel")) == URIRef(IORKGC + "restricted")
            text = texts.get(file_name)
            if text is None and folder is not None and (folder / file_name).is_file():
                with open(folder / file_name, encoding="utf-8-sig", newline="") as handle:
                    text = handle.read()
            if include_sources and not restricted and text is not None:
                internal = file_name if _GUID_AT_START.match(file_name.lower()) else f"{guid}.txt"
                attrs["plainTextPath"] = f"internal://{internal}"
                members.append((f"sources/{internal}", text.encode("utf-8")))
            element = ET.SubElement(sources_element, q("TextSource"), attrs)
            for key in sorted(sources[src], key=lambda k: (selections[k]["start"], selections[k]["guid"])):
                if key not in selections:
                    continue
                sel = selections.pop(key)
                attrs = {"guid": sel["guid"], "startPosition": str(sel["start"]), "endPosition": str(sel["end"])}
                if sel["name"] is not None:
                    attrs["name"] = sel["name"]
                first_coder = next((c for _, _, c in sel["codings"] if c is not None), None)
                if first_coder is not None:
                    attrs["creatingUser"] = user_guid[first_coder]
                sel_element = ET.SubElement(element, q("PlainTextSelection"), attrs)
                for coding_guid, code, coder in sel["codings"]:
                    coding_attrs = {"guid": coding_guid}
                    if coder is not None:
                        coding_attrs["creatingUser"] = user_guid[coder]
                    ET.SubElement(ET.SubElement(sel_element, q("Coding"), coding_attrs), q("CodeRef"),
                                  {"targetGUID": code})
    ET.indent(root)
    xml = (b'<?xml version="1.0" encoding="utf-8"?>\n'
           + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("project.qde", (1980, 1, 1, 0, 0, 0)), xml,
                         compress_type=zipfile.ZIP_DEFLATED)
        for member, data in members:
            archive.writestr(zipfile.ZipInfo(member, (1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    if output is not None:
        from ..rdf.files import atomic_write

        atomic_write(output, data)
    return data


def _union_graph(kg) -> "rdflib.Graph":
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=kg.serialize("nq"), format="nquads")
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph
