"""The IRIs iorkg mints and reuses, as plain strings (no RDF library needed at import)."""

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

PREFIXES: dict[str, str] = {
    "iorkg": IORKG, "iorkgc": IORKGC, "iorkgs": IORKGS, "kkt": KKT, "fx": FX,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS,
    "prov": PROV, "oa": OA, "time": TIME, "org": ORG, "foaf": FOAF, "gufo": GUFO,
    "cito": CITO, "fabio": FABIO, "vann": VANN, "sh": SH, "dcat": DCAT, "void": VOID,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace iorkg knows, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
