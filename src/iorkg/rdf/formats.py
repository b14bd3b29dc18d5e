"""RDF serialisations: names, file extensions, media types and pyoxigraph's constants."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError

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
