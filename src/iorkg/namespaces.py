"""The IRIs iorkg mints and reuses, as plain strings (no RDF library needed at import), and the
one way IRIs are shortened to `prefix:local` and expanded back."""

import re

IORKG = "https://w3id.org/iorkg/ontology#"
IORKGC = "https://w3id.org/iorkg/concept/"
IORKGS = "https://w3id.org/iorkg/shared/"
KKT = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/"
FX = "https://w3id.org/iorkg/fictional/example-case/"

ONTOLOGY_IRI = "https://w3id.org/iorkg/ontology"
GRAPH_BASE = "https://w3id.org/iorkg/graph/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
GUFO = "http://purl.org/nemo/gufo#"
CITO = "http://purl.org/spar/cito/"
FABIO = "http://purl.org/spar/fabio/"
VANN = "http://purl.org/vocab/vann/"
SH = "http://www.w3.org/ns/shacl#"
SHAPES = "https://w3id.org/iorkg/shapes/"

PREFIXES: dict[str, str] = {
    "iorkg": IORKG, "iorkgc": IORKGC, "iorkgs": IORKGS, "kkt": KKT, "fx": FX,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS,
    "prov": PROV, "oa": OA, "time": TIME, "org": ORG, "foaf": FOAF, "gufo": GUFO,
    "cito": CITO, "fabio": FABIO, "vann": VANN, "sh": SH, "dcat": DCAT, "void": VOID,
    "iorkgsh": SHAPES,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace iorkg knows, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


_LOCAL = re.compile(r"[A-Za-z_][\w.\-]*")
_IRI_IN_TEXT = re.compile(r"<?(https?://[^\s<>\"{}|\\^`,;)]+)>?")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def compact(iri: str, brackets: bool = True) -> str:
    """`prefix:local` for an IRI in a namespace iorkg knows; otherwise `<iri>` (or the bare IRI
    when `brackets` is False). The local part must be a valid prefixed-name local part."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace):]
            if _LOCAL.fullmatch(local) and not local.endswith("."):
                return f"{prefix}:{local}"
    return f"<{iri}>" if brackets else iri


def expand(name: str) -> str:
    """The full IRI of `prefix:local` (or of `<iri>`); a string that is neither comes back as is."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name


def compact_text(text: str) -> str:
    """A message with the IRIs of known namespaces written as `prefix:local`."""
    def replace(match: "re.Match[str]") -> str:
        iri = match.group(1)
        # A bare IRI at the end of a sentence: the full stop is prose, not part of the IRI.
        stop = "" if match.group(0).endswith(">") else iri[len(iri.rstrip(".")):]
        short = compact(iri[:len(iri) - len(stop)])
        return short + stop if not short.startswith("<") else match.group(0)
    return _IRI_IN_TEXT.sub(replace, text)
