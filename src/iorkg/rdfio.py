"""Reading and writing RDF files: formats by extension, located syntax errors, atomic writes."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


@dataclass(frozen=True)
class Format:
    """An RDF serialisation iorkg reads or writes."""

    name: str
    extensions: tuple[str, ...]
    media_type: str
    quads: bool


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("ttl", (".ttl", ".turtle"), "text/turtle", False),
        Format("trig", (".trig",), "application/trig", True),
        Format("nt", (".nt", ".ntriples"), "application/n-triples", False),
        Format("nq", (".nq", ".nquads"), "application/n-quads", True),
        Format("jsonld", (".jsonld", ".json"), "application/ld+json", True),
        Format("xml", (".rdf", ".owl", ".xml"), "application/rdf+xml", False),
    )
}

ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq",
           "json-ld": "jsonld", "rdfxml": "xml", "rdf/xml": "xml", "rdf": "xml", "owl": "xml"}


def format_named(name: str) -> Format:
    """The format for a name such as `ttl`, `turtle`, `jsonld` or `xml`."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise InputError(None, f"unknown RDF format {name!r}; expected one of {', '.join(FORMATS)}")
    return FORMATS[key]


def guess_format(path: str | Path) -> Format:
    """The format a file's extension names."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(e for f in FORMATS.values() for e in f.extensions)
    raise InputError(path, f"cannot tell the RDF format from the extension {suffix or '(none)'!r}; "
                           f"expected one of {known}, or give --input-format")


def ox_format(fmt: Format) -> "pyoxigraph.RdfFormat":
    """pyoxigraph's constant for a format."""
    import pyoxigraph as ox

    return {
        "ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
        "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
    }[fmt.name]


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
    with _read_errors(path, fmt):
        store.load(path=str(path), format=ox_format(fmt), base_iri=path.resolve().as_uri(), **options)
    if fmt.quads:  # triples outside any named graph go to `target`, as for triple formats
        default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if default:
            store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(target)) for q in default)
            store.remove_graph(ox.DefaultGraph())
    return target


def _checked(path: str | Path, fmt: Format | None) -> tuple[Path, Format]:
    path = Path(path)
    fmt = fmt or guess_format(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    return path, fmt


@contextmanager
def _read_errors(path: Path, fmt: Format) -> Iterator[None]:
    """Turn the parser's errors into an InputError naming the file, line and column."""
    try:
        yield
    except SyntaxError as exc:
        raise InputError(path, _syntax_message(exc, fmt), exc.lineno, exc.offset) from None
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read {fmt.name}: {exc}") from None


def _syntax_message(exc: SyntaxError, fmt: Format) -> str:
    text = exc.msg or str(exc)
    return f"not valid {fmt.name} ({fmt.media_type}): {text}"


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def serialize_quads(quads: Iterable["pyoxigraph.Quad"], fmt: Format,
                    prefixes: dict[str, str] | None = None) -> bytes:
    """Quads in a format; a triple format gets the triples of all graphs merged."""
    import pyoxigraph as ox

    items: Iterable = quads if fmt.quads else (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    kwargs = {}
    if prefixes and fmt.name in ("ttl", "trig", "xml"):
        kwargs["prefixes"] = prefixes
    return ox.serialize(items, format=ox_format(fmt), **kwargs)
