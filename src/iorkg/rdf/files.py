"""Reading and writing RDF files: quads as written, loads into a store, located syntax errors,
atomic writes."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from ..errors import InputError
from .formats import Format, guess_format, ox_format

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


def file_graph_iri(path: str | Path) -> str:
    """The graph IRI given to the triples of a file that names no graph of its own."""
    return Path(path).resolve().as_uri()


def parse_quads(path: str | Path, fmt: Format | None = None,
                graph: str | None = None) -> list["pyoxigraph.Quad"]:
    """All quads of a file as written; triples land in `graph` (default: the file's own IRI).

    Blank nodes get fresh labels, so two files (or two reads of one file) never share one.
    Raises InputError with the file, line and column where the syntax breaks.
    """
    import pyoxigraph as ox

    path, fmt = _checked(path, fmt)
    target = ox.NamedNode(graph or file_graph_iri(path))
    with _read_errors(path, fmt):
        with path.open("rb") as handle:
            quads = list(ox.parse(handle, format=ox_format(fmt), base_iri=path.resolve().as_uri(),
                                  rename_blank_nodes=True))
    if not quads:
        raise _no_triples(path, fmt)
    return [q if not isinstance(q.graph_name, ox.DefaultGraph)
            else ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]


def load_into(store: "pyoxigraph.Store", path: str | Path, fmt: Format | None = None,
              graph: str | None = None) -> str:
    """Add a file to a store with pyoxigraph's native loader, all or nothing; the graph used.

    Triples land in `graph` (default: the file's own IRI); quad formats keep the graphs they
    name, and their default-graph triples land in `graph` too (a KnowledgeGraph keeps its default
    graph empty). Blank nodes are fresh for each load. Errors as in `parse_quads`.
    """
    import pyoxigraph as ox

    path, fmt = _checked(path, fmt)
    target = graph or file_graph_iri(path)
    options = {} if fmt.quads else {"to_graph": ox.NamedNode(target)}
    before = len(store)
    with _read_errors(path, fmt):
        store.load(path=str(path), format=ox_format(fmt), base_iri=path.resolve().as_uri(), **options)
    if len(store) == before:
        parse_quads(path, fmt)  # nothing new: an empty file is refused, a repeated one is fine
    if fmt.quads:  # triples outside any named graph go to `target`, as for triple formats
        default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if default:
            store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(target)) for q in default)
            store.remove_graph(ox.DefaultGraph())
    return target


MAX_TOKEN_BYTES = 16 * 1024 * 1024
"""The longest single literal or IRI the parsers read (pyoxigraph's buffer bound)."""

MAX_JSON_DEPTH = 256
"""The deepest nesting of JSON-LD objects and arrays read (the parser crashes far deeper)."""


def _checked(path: str | Path, fmt: Format | None) -> tuple[Path, Format]:
    """The path and format of a readable RDF file; refuses what the parsers must not see."""
    path = Path(path)
    fmt = fmt or guess_format(path)
    if path.is_dir():
        raise InputError(path, f"this is a folder; expected a {fmt.name} file")
    if not path.is_file():
        raise InputError(path, "no such file")
    wide = wide_encoding(_head(path))
    if wide:
        raise InputError(path, f"the file is {wide}, not UTF-8; iorkg reads {fmt.name} files as UTF-8: "
                               "save it as UTF-8", 1)
    if fmt.name == "xml":
        _refuse_entities(path)
    elif fmt.name == "jsonld":
        _refuse_deep_json(path)
    return path, fmt


def _head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def wide_encoding(head: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' (with the byte order) when the first bytes of a file are text in that
    encoding (a byte order mark, or a NUL byte beside every character of ASCII text); else None."""
    for mark, name in ((b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"), (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
                       (b"\xff\xfe", "UTF-16 (little-endian)"), (b"\xfe\xff", "UTF-16 (big-endian)")):
        if head.startswith(mark):
            return name
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0:pairs * 2:2].count(0)
    odd = head[1:pairs * 2:2].count(0)
    if odd >= 0.6 * pairs and even <= 0.05 * pairs:
        return "UTF-16 (little-endian)"
    if even >= 0.6 * pairs and odd <= 0.05 * pairs:
        return "UTF-16 (big-endian)"
    return None


def _refuse_entities(path: Path) -> None:
    """RDF/XML with a DTD that declares entities can expand without bound: refused unread."""
    import re

    data = path.read_bytes()
    found = re.search(rb"<!ENTITY", data)
    if found:
        line = data[:found.start()].count(b"\n") + 1
        raise InputError(path, "RDF/XML with entity declarations (<!ENTITY ...>) is refused: entities can "
                               "expand without bound or read other files; write the text out instead", line)


def _refuse_deep_json(path: Path) -> None:
    """JSON-LD nested deeper than MAX_JSON_DEPTH is refused before the parser sees it."""
    import re
    from itertools import accumulate

    data = path.read_bytes()
    brackets = re.sub(rb'"(?:[^"\\]|\\.)*"', b"", data).translate(None, bytes(set(range(256)) - set(b"[]{}")))
    steps = (1 if b in (0x5B, 0x7B) else -1 for b in brackets)
    deepest = max(accumulate(steps, initial=0))
    if deepest > MAX_JSON_DEPTH:
        raise InputError(path, f"JSON-LD nested {deepest:,} levels deep; iorkg reads at most {MAX_JSON_DEPTH}")


def _no_triples(path: Path, fmt: Format) -> InputError:
    return InputError(path, f"the file holds no RDF triples (an empty {fmt.name} file); expected the "
                            "statements of a case or of the ontology")


@contextmanager
def _read_errors(path: Path, fmt: Format) -> Iterator[None]:
    """Turn the parser's errors into an InputError naming the file, line and column."""
    try:
        yield
    except SyntaxError as exc:
        raise InputError(path, _syntax_message(exc, fmt), exc.lineno, exc.offset) from None
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read {fmt.name}: {exc}") from None
    except MemoryError as exc:  # the parser's bound on one token, not the machine's memory
        if "buffer maximal size" not in str(exc):
            raise
        raise InputError(path, f"a single term (a literal or an IRI) is longer than {MAX_TOKEN_BYTES:,} "
                               f"bytes, the most the {fmt.name} parser reads; split the text") from None


def _syntax_message(exc: SyntaxError, fmt: Format) -> str:
    text = exc.msg or str(exc)
    return f"not valid {fmt.name} ({fmt.media_type}): {text}"


def _mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what the process's
    umask leaves of read-write for all (as `open()` would give)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        pass
    umask = 0o022
    try:  # Linux says the umask without changing it (os.umask would, for every thread)
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o666 & ~umask


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    A full disk is an EnvironmentProblem (exit 3), any other failure to write an InputError
    (exit 2); either way the previous file is left as it was and no temporary file stays behind.
    """
    import errno

    from ..errors import EnvironmentProblem

    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise InputError(path, "this is a folder; give a file name to write")
        mode = _mode_for(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.chmod(fd, mode)  # mkstemp makes the file readable by its owner only
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        _remove_stale_temporaries(path)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise EnvironmentProblem(f"{path}: the disk is full ({len(payload):,} bytes to write); "
                                     "the previous file, if any, is unchanged") from None
        raise InputError(path, f"cannot write here: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
    return path


STALE_AFTER_S = 600
"""A temporary file of an earlier write this old was left by a killed process and is removed."""


def is_stale(path: Path, now: float | None = None) -> bool:
    """Whether a leftover file or folder (and everything in it) was last changed more than
    STALE_AFTER_S ago: left by a killed process, not one still writing."""
    import time

    now = time.time() if now is None else now
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for folder, dirs, files in os.walk(path):
            for name in dirs + files:
                try:
                    newest = max(newest, os.lstat(os.path.join(folder, name)).st_mtime)
                except OSError:
                    pass
    return now - newest > STALE_AFTER_S


def _remove_stale_temporaries(path: Path) -> None:
    """Remove the temporaries that killed writes of `path` left beside it (named `.NAME.*.tmp`)."""
    import time

    now = time.time()
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_AFTER_S:
                leftover.unlink()
        except OSError:
            pass


def serialize_quads(quads: Iterable["pyoxigraph.Quad"], fmt: Format,
                    prefixes: dict[str, str] | None = None) -> bytes:
    """Quads in a format; a triple format gets the triples of all graphs merged. With `prefixes`,
    Turtle, TriG and RDF/XML declare them and JSON-LD gets a `@context` of those it uses."""
    import pyoxigraph as ox

    items: Iterable = quads if fmt.quads else (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    kwargs = {}
    if prefixes and fmt.name in ("ttl", "trig", "xml"):
        kwargs["prefixes"] = prefixes
    data = ox.serialize(items, format=ox_format(fmt), **kwargs)
    if prefixes and fmt.name == "jsonld":
        return jsonld_with_context(data, prefixes)
    return data


def jsonld_with_context(expanded: bytes, prefixes: dict[str, str]) -> bytes:
    """Expanded JSON-LD rewritten with a `@context` of the prefixes it uses: property names,
    `@id` and `@type` values become `prefix:local` where a prefix fits (the triples are the same)."""
    import json

    ordered = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    used: set[str] = set()

    def short(iri: str) -> str:
        for prefix, namespace in ordered:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                local = iri[len(namespace):]
                if not local.startswith("//") and all(c not in local for c in " <>\"{}|\\^`"):
                    used.add(prefix)
                    return f"{prefix}:{local}"
        return iri

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "@id":
                out[key] = value if value.startswith("_:") else short(value)
            elif key == "@type":
                out[key] = [short(v) for v in value] if isinstance(value, list) else short(value)
            elif key.startswith("@"):
                out[key] = walk(value) if key == "@graph" else value
            else:
                out[short(key)] = walk(value)
        return out

    body = walk(json.loads(expanded or b"[]"))
    context = {p: ns for p, ns in prefixes.items() if p in used}
    return json.dumps({"@context": context, "@graph": body}, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
