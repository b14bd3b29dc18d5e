"""Keep the triple counts of data/catalog.ttl current.

    python tools/catalog_counts.py            # rewrite each dataset's void:triples in place
    python tools/catalog_counts.py --check    # exit 1 if a count is out of date

The catalogue is written by hand; this tool reads it, counts the triples of the file each
dataset's distribution names (`dcat:downloadURL`, relative to the catalogue), and rewrites only
the number on that dataset's `void:triples` line, so the layout and the comments stay as written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "data" / "catalog.ttl"
sys.path.insert(0, str(REPO / "tools"))

DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"


class CatalogError(Exception):
    """A catalogue entry whose count cannot be kept: no file, or no count line to update."""


def counts(catalog: Path = CATALOG) -> dict[str, tuple[int, int]]:
    """Dataset IRI -> (triples the catalogue says, triples its file has)."""
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    import rdflib

    g = rdflib.Graph().parse(catalog, format="turtle", publicID=catalog.as_uri())
    out = {}
    for dataset in sorted(g.subjects(rdflib.RDF.type, rdflib.URIRef(DCAT + "Dataset"))):
        stated = g.value(dataset, rdflib.URIRef(VOID + "triples"))
        distribution = g.value(dataset, rdflib.URIRef(DCAT + "distribution"))
        url = g.value(distribution, rdflib.URIRef(DCAT + "downloadURL")) if distribution else None
        if stated is None or url is None:
            raise CatalogError(f"{catalog.name}: {dataset} needs void:triples and a distribution "
                               "with dcat:downloadURL")
        path = Path(url2pathname(urlparse(str(url)).path)) if str(url).startswith("file:") else None
        if path is None or not path.is_file():
            raise CatalogError(f"{catalog.name}: {dataset}: its file {url} is not there")
        out[str(dataset)] = (int(stated), len(rdflib.Graph().parse(path, format="turtle")))
    return out


def updated(text: str, found: dict[str, tuple[int, int]]) -> str:
    """The catalogue's text with each dataset's void:triples number set to its file's count."""
    for dataset, (_, actual) in found.items():
        block = re.compile(rf"(<{re.escape(dataset)}> a dcat:Dataset\b.*?void:triples )(\d+)", re.DOTALL)
        if not block.search(text):
            raise CatalogError(f"{CATALOG.name}: no 'void:triples N' line in the block of <{dataset}>")
        text = block.sub(rf"\g<1>{actual}", text, count=1)
    return text


def main(argv: list[str]) -> int:
    from doc_output import write_or_check

    try:
        found = counts()
        text = updated(CATALOG.read_text(encoding="utf-8"), found)
    except CatalogError as err:
        print(f"catalog_counts: {err}", file=sys.stderr)
        return 1
    for dataset, (stated, actual) in found.items():
        if stated != actual:
            print(f"{dataset.rsplit('/', 1)[-1]}: {stated} -> {actual} triples", file=sys.stderr)
    return write_or_check(CATALOG, text, "catalog_counts.py", argv, REPO)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
