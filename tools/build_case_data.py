#!/usr/bin/env python3
"""Build iorkg's shipped data graphs from hand-authored case data.

The cases are written below as plain Python data: nodes with their types, label, triples and
evidence (a verbatim quote, its status, and for an interpretation a rationale).  This script
finds every quote in its source text, computes the Web Annotation selectors (TextQuoteSelector
with exact/prefix/suffix and TextPositionSelector with start/end in code points), and writes

    data/shared.ttl                 graph https://w3id.org/iorkg/graph/shared
    data/koskela-kork-turpeinen.ttl graph https://w3id.org/iorkg/graph/koskela-kork-turpeinen
    data/fictional-example.ttl      graph https://w3id.org/iorkg/graph/fictional-example
    data/catalog.ttl                DCAT/VoID catalogue of the shipped graphs
    docs/case.md                    what the real case graph holds, and every interpretation

The real source is read from $IORKG_SOURCE_DIR (first folder holding the file) or
`<repo>/../shared/case-source/`; the fictional source lies in `data/sources/`.

Usage: python tools/build_case_data.py [--check]   (--check: build in memory, write nothing)

Writing is deterministic (sorted Turtle, fixed blank-node labels) and atomic (temp file + rename).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

REPO = Path(__file__).resolve().parents[1]
REAL_SOURCE_FILE = "koskela-kork-turpeinen-ior-oh.md"
FICTIONAL_SOURCE_FILE = "fictional-example-case.md"

IORKG = Namespace("https://w3id.org/iorkg/ontology#")
IORKGC = Namespace("https://w3id.org/iorkg/concept/")
IORKGS = Namespace("https://w3id.org/iorkg/shared/")
KKT = Namespace("https://w3id.org/iorkg/case/koskela-kork-turpeinen/")
FX = Namespace("https://w3id.org/iorkg/fictional/example-case/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
GRAPH = "https://w3id.org/iorkg/graph/"
CATALOG_IRI = "https://w3id.org/iorkg/catalog"

PREFIXES = {
    "iorkg": IORKG, "iorkgc": IORKGC, "iorkgs": IORKGS, "kkt": KKT, "fx": FX, "oa": OA,
    "prov": PROV, "time": TIME, "cito": CITO, "fabio": FABIO, "dcterms": DCTERMS, "skos": SKOS,
    "foaf": FOAF, "dcat": DCAT, "void": VOID, "sd": SD, "xsd": XSD, "rdfs": RDFS,
}

CURATORS = IORKGS.curators
AUTHORS = IORKGS["paper-authors"]
PAPER = IORKGS.paper
CONTEXT = 32          # characters of oa:prefix / oa:suffix
MAX_WORDS = 30        # longest quote allowed


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def boolean(value: bool) -> Literal:
    return Literal(value, datatype=XSD.boolean)


# --------------------------------------------------------------------------------------------
# The authoring model
# --------------------------------------------------------------------------------------------

@dataclass
class Ev:
    """One piece of evidence: a verbatim quote and how it supports the node."""

    quote: str
    status: str = "stated"               # "stated" | "interpreted"
    rationale: str | None = None          # one sentence, required when interpreted
    by: URIRef = CURATORS                 # who the interpretation is attributed to
    occurrence: int | None = None         # which occurrence (0-based) when the quote repeats
    slot: URIRef | None = None            # iorkg:supportsSlot, e.g. only the citation intent


@dataclass
class Node:
    """A case node: its IRI, types, label, further triples and evidence."""

    iri: URIRef
    types: tuple
    label: str
    props: list = field(default_factory=list)      # (predicate, object) pairs
    evidence: list = field(default_factory=list)   # Ev objects
    comment: str | None = None


def interp(quote: str, rationale: str, **kw) -> Ev:
    return Ev(quote, "interpreted", rationale, **kw)


class BuildError(Exception):
    pass


def locate(text: str, quote: str, occurrence: int | None, where: str) -> tuple[int, int]:
    """Start and end (code points) of `quote` in `text`; error if absent or ambiguous."""
    starts, pos = [], text.find(quote)
    while pos != -1:
        starts.append(pos)
        pos = text.find(quote, pos + 1)
    if not starts:
        raise BuildError(f"{where}: quote not found in the source: {quote!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise BuildError(f"{where}: quote occurs {len(starts)} times; give occurrence=: {quote!r}")
        occurrence = 0
    if occurrence >= len(starts):
        raise BuildError(f"{where}: quote has only {len(starts)} occurrence(s): {quote!r}")
    if len(quote.split()) > MAX_WORDS:
        raise BuildError(f"{where}: quote is longer than {MAX_WORDS} words: {quote!r}")
    start = starts[occurrence]
    return start, start + len(quote)


class GraphBuilder:
    """Writes nodes and their evidence into one graph."""

    def __init__(self, ns: Namespace, source_iri: URIRef, source_text: str,
                 case_iri: URIRef | None) -> None:
        self.g = Graph()
        for prefix, namespace in PREFIXES.items():
            self.g.bind(prefix, namespace)
        self.ns = ns
        self.source_iri = source_iri
        self.text = source_text
        self.case = case_iri
        self.nodes: list[Node] = []

    def add(self, node: Node) -> URIRef:
        g, s = self.g, node.iri
        for t in node.types:
            g.add((s, RDF.type, t))
        g.add((s, RDFS.label, en(node.label)))
        if node.comment:
            g.add((s, RDFS.comment, en(node.comment)))
        if self.case is not None and s != self.case:
            g.add((s, IORKG.inCase, self.case))
        for p, o in node.props:
            g.add((s, p, o))
        if self.case is not None and not node.evidence:
            raise BuildError(f"{s}: a case node without evidence")
        local = str(s)[len(str(self.ns)):]
        for number, ev in enumerate(node.evidence, start=1):
            self.add_evidence(s, self.ns[f"{local}-evidence-{number}"], ev)
        self.nodes.append(node)
        return s

    def add_evidence(self, body: URIRef, ev_iri: URIRef, ev: Ev) -> None:
        g = self.g
        start, end = locate(self.text, ev.quote, ev.occurrence, str(ev_iri))
        if ev.status not in ("stated", "interpreted"):
            raise BuildError(f"{ev_iri}: unknown status {ev.status}")
        if ev.status == "interpreted" and not ev.rationale:
            raise BuildError(f"{ev_iri}: an interpretation needs a rationale")
        g.add((body, IORKG.hasEvidence, ev_iri))
        g.add((ev_iri, RDF.type, IORKG.Evidence))
        if self.case is not None:
            g.add((ev_iri, IORKG.inCase, self.case))
        g.add((ev_iri, OA.motivatedBy, OA.classifying))
        g.add((ev_iri, OA.hasBody, body))
        g.add((ev_iri, IORKG.epistemicStatus, IORKGC[ev.status]))
        if ev.status == "interpreted":
            g.add((ev_iri, IORKG.rationale, en(ev.rationale)))
            g.add((ev_iri, PROV.wasAttributedTo, ev.by))
        if ev.slot is not None:
            g.add((ev_iri, IORKG.supportsSlot, ev.slot))
        local = str(ev_iri)[len(str(self.ns)):]
        target, quote, position = (BNode(f"{local}-target"), BNode(f"{local}-quote"),
                                   BNode(f"{local}-position"))
        g.add((ev_iri, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, self.source_iri))
        g.add((target, OA.hasSelector, quote))
        g.add((target, OA.hasSelector, position))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(self.text[start:end])))
        g.add((quote, OA.prefix, Literal(self.text[max(0, start - CONTEXT):start])))
        g.add((quote, OA.suffix, Literal(self.text[end:end + CONTEXT])))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))


# --------------------------------------------------------------------------------------------
# Shared graph: the paper, its authors, the curators and the bibliographic records
# --------------------------------------------------------------------------------------------

PAPER_TITLE = ("Working towards new practices: how to manage cooperative interorganizational "
               "relationship in occupational health care?")

AUTHOR_LIST = [  # (local name, name as printed, affiliation node)
    ("inka-koskela", "Inka Koskela", "finnish-institute-of-occupational-health"),
    ("anna-aurora-kork", "Anna-Aurora Kork", "university-of-tampere-faculty-of-management"),
    ("merja-turpeinen", "Merja Turpeinen", "finnish-institute-of-occupational-health"),
]
AFFILIATIONS = {
    "finnish-institute-of-occupational-health": "Finnish Institute of Occupational Health",
    "university-of-tampere-faculty-of-management": "University of Tampere, Faculty of Management",
}


@dataclass
class Ref:
    """A work the paper cites; `start` begins its reference-list entry (None: not listed)."""

    key: str
    label: str                 # as cited in the text
    authors: str
    year: str
    fabio_type: URIRef | None = None
    title: str | None = None
    start: str | None = None   # the entry's opening characters in the source
    continues: bool = False    # the entry is split by a page break
    discrepancy: str | None = None
    comment: str | None = None

    @property
    def iri(self) -> URIRef:
        return IORKGS[f"ref-{self.key}"]


REFERENCES = [
    Ref("barringer-harrison-2000", "Barringer & Harrison, 2000", "Barringer, B. R., & Harrison, J. S.",
        "2000", FABIO.JournalArticle,
        "Walking a tightrope: Creating value through interorganizational relationships",
        "Barringer, B. R., & Harrison, J. S. (2000)"),
    Ref("de-rond-bouchikhi-2004", "de Rond & Bouchikhi, 2004", "De Rond, M., & Bouchikhi, H.", "2004",
        FABIO.JournalArticle, "On the dialectics of strategic alliances",
        "De Rond, M., & Bouchikhi, H. (2004)"),
    Ref("gulati-1998", "Gulati et al., 1998", "Gulati, R.", "1998", FABIO.JournalArticle,
        "Alliances and networks", "Gulati, R. (1998)",
        discrepancy=("Cited in the text as 'Gulati et al., 1998' (several authors), while the "
                     "reference list gives a single author, 'Gulati, R.'.")),
    Ref("kale-dyer-singh-2001", "Kale et al., 2001", "Kale, P., Dyer, J., & Singh, H.", "2001",
        FABIO.JournalArticle,
        "Value creation and success in strategic alliances: alliancing skills and the role of "
        "alliance structure and systems", "Kale, P., Dyer, J., & Singh, H. (2001)"),
    Ref("kauser-shaw-2004", "Kauser & Shaw, 2004", "Kauser, S., & Shaw, V.", "2004", FABIO.JournalArticle,
        "The influence of behavioural and organisational characteristics on the success of "
        "international strategic alliances", "Kauser, S., & Shaw, V. (2004)"),
    Ref("langley-tsoukas-2010", "Langley & Tsoukas, 2010", "Langley, A., & Tsoukas, H.", "2010",
        FABIO.BookChapter, "Introducing perspectives on process organization studies",
        "Langley, A., & Tsoukas, H. (2010)"),
    Ref("ring-van-de-ven-1994", "Ring & Van de Ven, 1994", "Ring, P. S., & Van de Ven, A. H.", "1994",
        FABIO.JournalArticle,
        "Developmental processes of cooperative interorganizational relationships",
        "Ring, P. S., & Van de Ven, A. H. (1994)"),
    Ref("turpeinen-et-al-2016", "Turpeinen et al., 2016",
        "Turpeinen, M., Ylisassi, H., Hirvonen, L., & Laitinen, J.", "2016", FABIO.Report,
        "Edistetään terveyttä työpaikoilla yhteistoimin",
        "Turpeinen, M., Ylisassi, H., Hirvonen, L., & Laitinen, J. (2016)"),
    Ref("vlaar-et-al-2006", "Vlaar et al., 2006", "Vlaar, P. W., Van den Bosch, F. A., & Volberda, H. W.",
        "2006", FABIO.JournalArticle,
        "Coping with problems of understanding in interorganizational relationships: Using "
        "formalization as a means to make sense",
        "Vlaar, P. W., Van den Bosch, F. A., & Volberda, H. W. (2006)"),
    Ref("vlaar-et-al-2007a", "Vlaar et al., 2007a", "Vlaar, P. W., Van den Bosch, F. A., & Volberda, H. W.",
        "2007", FABIO.JournalArticle,
        "On the evolution of trust, distrust, and formal coordination and control in "
        "interorganizational relationships toward an integrative framework",
        "Vlaar, P. W., Van den Bosch, F. A., & Volberda, H. W. (2007a)", continues=True),
    Ref("vlaar-et-al-2007b", "Vlaar et al., 2007b", "Vlaar, P. W., Van Den Bosch, F. A., & Volberda, H. W.",
        "2007", FABIO.JournalArticle,
        "Towards a dialectic perspective on formalization in interorganizational relationships: How "
        "alliance managers capitalize on the duality inherent in contracts, rules and procedures",
        "Vlaar, P. W., Van Den Bosch, F. A., & Volberda, H. W. (2007b)"),
    Ref("weick-1999", "Weick, 1999", "Weick, K. E.", "1999", FABIO.JournalArticle,
        "That's moving theories that matter", "Weick, K. E. (1999)"),
    Ref("zajac-olsen-1993", "Zajac & Olsen, 1993", "Zajac, E. J., & Olsen, C. P.", "1993",
        FABIO.JournalArticle,
        "From transaction cost to transactional value analysis: Implications for the study of "
        "interorganizational strategies", "Zajac, E. J., & Olsen, C. P. (1993)"),
    # cited in the text, absent from the reference list: only what the citation says
    Ref("aura-et-al-2010", "Aura et al., 2010", "Aura et al.", "2010",
        discrepancy="Cited in the text but absent from the reference list."),
    Ref("finlex-2001", "Finlex 2001", "Finlex", "2001",
        discrepancy="Cited in the text (footnote 1) but absent from the reference list.",
        comment=("Curators' note: Finlex is the online database of Finnish legislation; the "
                 "citation gives neither the title nor the number of the act it refers to.")),
    Ref("ministry-of-social-affairs-and-health-2014", "Ministry of Social Affairs and Health 2014",
        "Ministry of Social Affairs and Health", "2014",
        discrepancy="Cited in the text (footnote 1) but absent from the reference list."),
]
REF = {r.key: r.iri for r in REFERENCES}


def reference_entry(text: str, ref: Ref) -> str:
    """The entry text as in the source: bullet dropped, page break joined, asterisks removed."""
    start = text.index(ref.start)
    end = text.find("\n", start)
    end = len(text) if end == -1 else end      # the last entry ends the file without a newline
    entry = text[start:end].strip()
    if ref.continues:
        rest = text[end:].lstrip("\n")
        entry += " " + rest[:rest.index("\n")].strip()
    return entry.replace("*", "")


def build_shared(text: str) -> GraphBuilder:
    b = GraphBuilder(IORKGS, PAPER, text, None)
    g = b.g
    assert PAPER_TITLE in text.replace("*", ""), "paper title not in the source"
    g.add((PAPER, RDF.type, IORKG.SourceDocument))
    g.add((PAPER, RDF.type, FABIO.Expression))
    g.add((PAPER, RDFS.label, en("Koskela, Kork and Turpeinen: Working towards new practices "
                                 "(extended abstract)")))
    g.add((PAPER, DCTERMS.title, en(PAPER_TITLE)))
    g.add((PAPER, IORKG.sourceFile, Literal(REAL_SOURCE_FILE, datatype=XSD.string)))
    g.add((PAPER, RDFS.comment, en(
        "The source of the Koskela-Kork-Turpeinen case: an extended abstract with a reference "
        "list. The text gives no year, venue or DOI for the paper itself, so none is recorded.")))
    for local, name in AFFILIATIONS.items():
        org = IORKGS[local]
        g.add((org, RDF.type, IORKG.ResearchOrganization))
        g.add((org, RDFS.label, en(name)))
    g.add((AUTHORS, RDF.type, IORKG.ResearchTeam))
    g.add((AUTHORS, RDFS.label, en("the authors of the source paper (Koskela, Kork and Turpeinen)")))
    for rank, (local, name, affiliation) in enumerate(AUTHOR_LIST, start=1):
        assert name in text, name
        person, authorship = IORKGS[local], IORKGS[f"paper-authorship-{rank}"]
        g.add((person, RDF.type, IORKG.Person))
        g.add((person, RDFS.label, en(name)))
        g.add((AUTHORS, IORKG.teamMember, person))
        g.add((authorship, RDF.type, IORKG.Authorship))
        g.add((authorship, RDFS.label, en(f"authorship {rank} of the source paper: {name}")))
        g.add((authorship, IORKG.author, person))
        g.add((authorship, IORKG.authorRank, Literal(rank, datatype=XSD.positiveInteger)))
        g.add((authorship, IORKG.authorAffiliation, IORKGS[affiliation]))
        g.add((PAPER, IORKG.hasAuthorship, authorship))
    g.add((CURATORS, RDF.type, IORKG.ResearchTeam))
    g.add((CURATORS, RDFS.label, en("iorkg project curators")))
    g.add((CURATORS, RDFS.comment, en(
        "The people who build the iorkg case graphs; interpretations of the sources are "
        "attributed to them unless a named coder made them.")))

    listed = 0
    for ref in REFERENCES:
        s = ref.iri
        assert ref.label in text, f"citation label not in the text: {ref.label}"
        g.add((s, RDF.type, IORKG.BibliographicReference))
        g.add((s, RDFS.label, en(ref.label)))
        g.add((s, IORKG.citationLabel, Literal(ref.label)))
        g.add((s, IORKG.authorString, Literal(ref.authors)))
        g.add((s, FABIO.hasPublicationYear, Literal(ref.year)))
        g.add((s, IORKG.inReferenceList, boolean(ref.start is not None)))
        g.add((PAPER, CITO.cites, s))
        if ref.discrepancy:
            g.add((s, IORKG.citationDiscrepancy, en(ref.discrepancy)))
        if ref.comment:
            g.add((s, RDFS.comment, en(ref.comment)))
        if ref.start is None:
            g.add((s, RDF.type, FABIO.Expression))
            continue
        listed += 1
        entry = reference_entry(text, ref)
        for part in (ref.authors, ref.title, ref.year):
            if part not in entry:
                raise BuildError(f"{ref.key}: {part!r} not in its entry {entry!r}")
        g.add((s, RDF.type, ref.fabio_type))
        g.add((s, DCTERMS.title, Literal(ref.title)))
        g.add((s, DCTERMS.bibliographicCitation, Literal(entry)))
        # no evidence annotation here: the shapes treat every evidence node as part of a case
        # (iorkg:inCase), and these records are shared; the builder still checks that each
        # entry's authors, title and year are in the source (above).
    assert listed == 13, listed
    return b


SHARED_HEADER = """\
# iorkg shared graph <https://w3id.org/iorkg/graph/shared>
# Generated by tools/build_case_data.py from koskela-kork-turpeinen-ior-oh.md; do not edit by hand.
# Holds the source paper, its authors and their affiliations, the project curators, and one
# iorkg:BibliographicReference per work the paper cites (13 reference-list entries plus the works
# cited in the text but missing from the list, with iorkg:inReferenceList false).
# dcterms:bibliographicCitation gives each entry as printed in the source, with the list bullet
# dropped, the entry split by a page break joined with one space, and the markdown asterisks
# (italics) REMOVED. The records carry no evidence annotations (they are not case nodes).
"""


# --------------------------------------------------------------------------------------------
# The real case: Koskela, Kork and Turpeinen
# --------------------------------------------------------------------------------------------

def K(local: str) -> URIRef:
    return KKT[local]


CASE = K("case")
EMPLOYER, PROVIDER = K("employer"), K("provider")
PARTNERSHIP, TRANSACTION, PROJECT = K("partnership"), K("service-transaction"), K("development-project")
OPERATIONAL, COCREATION = K("operational-logic"), K("co-creation-logic")
FORMATION, PROCESS = K("formation"), K("process")

Q_PARTNERSHIP = ("The partnership between a global wholesale trader (employer) and a growing "
                 "healthcare company (OH service provider)")
Q_FORMATION = ("In this study, we analyze the formation of a partnership between an occupational "
               "health service provider and an employer.")
Q_CLIENT = "the partnership between service provider and the client organization"
Q_PRINCIPAL_AGENT = ("it also presumes the asymmetry in transactional relationship as a principal "
                     "(buyer) and an agent (seller)")
Q_SYMMETRY = "While partnership presumes symmetrical positions in collaboration"
Q_PROJECT = ("The research material was gathered in a developmental and research project project "
             "aimed to facilitate a joint effort to promote employees’ well-being at work.")
Q_FINNISH_OH = "in the context of the Finnish occupational health care<sup>1</sup>"
Q_TWO_DOCUMENTS = ("The content and the coverage of the services for the employees is stipulated by "
                   "two key documents: service agreement and the occupational health action plan.")
Q_LAW = ("the provision of occupational health services is mandated by law and employers are "
         "obligated to arrange preventive occupational health care for their employees")
Q_PUZZLES = ("In exploring the formation of OH collaboration we found three “puzzles” "
             "characterizing the management of the partnership.")
Q_MULTIPLICITY = "The multiplicity of logics creates tensions for managing the partnership"
Q_LOGICS_EMBEDDED = "the multiple institutional logics embedded within occupational health collaboration"
Q_OPERATIONAL = ("If we consider partnership as a linear and reactive process, we will mostly need "
                 "know-how in the processual management of OH services (*‘operational logic’*)")
Q_PROACTIVE = "However, more a proactive"
Q_COCREATION = ("and iterative process view is needed if we follow co-creation logic in which "
                "contextual problem solving, collective decision making and dialogue is needed")
Q_COCREATION_LABEL = "to manage the partnership ('*co-creation logic*')"

R_FOOTNOTE = ("Footnote 1 describes Finnish occupational health care in general, not this case; the "
              "curators apply it to this case because the text places the case in that context with "
              "the footnote marker")
Q_ACTION_PLAN_BASE = ("Mandatory occupational health action plan acts as a fundamental base for the "
                      "collaboration.")
Q_ACTION_PLAN_AGREED = ("In the action plan, the workplace and the occupational health service provider "
                        "mutually define and agree the aims of cooperation, special needs, measures and "
                        "actions of occupational health.")
Q_OH_COLLABORATION = "In exploring the formation of OH collaboration"


def statement(local: str, subject: URIRef, predicate: URIRef, obj: URIRef, label: str,
              evidence: list, comment: str | None = None) -> Node:
    """One interpreted triple as a qualified statement of its own (RDF reification): the triple is
    not asserted on its subject; the statement carries the interpreted evidence."""
    return Node(K(local), (IORKG.QualifiedStatement,), label,
                [(RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj)],
                evidence, comment=comment)


def principal_agent_rationale(who: str) -> str:
    return (f"The text names a principal (buyer) and an agent (seller) in the transactional "
            f"relationship without saying which party is which; the curators read {who}, since "
            "the employer is the client organization that receives OH services and the provider "
            "is the company that sells them.")


def real_case_nodes() -> list[Node]:
    nodes: list[Node] = []
    add = nodes.append

    # ---- the case ------------------------------------------------------------------------
    add(Node(CASE, (IORKG.Case,),
             "Koskela, Kork and Turpeinen: partnership between an employer and an occupational "
             "health service provider",
             [(IORKG.isFictional, boolean(False)), (IORKG.hasSource, PAPER),
              (IORKG.focalRelationship, PARTNERSHIP)],
             [Ev(Q_CLIENT), Ev(Q_FORMATION)],
             comment=("A real case reported in an extended abstract. The text names no case "
                      "organization or person and dates no case event; what it leaves open is "
                      "recorded as unknown, and every reading beyond the text is marked as an "
                      "interpretation of the iorkg curators.")))

    # ---- parties -------------------------------------------------------------------------
    add(Node(EMPLOYER, (IORKG.Employer,), "the employer (a global wholesale trader)", [],
             [Ev("a global wholesale trader (employer)"),
              Ev("between an occupational health service provider and an employer")],
             comment="The text does not name the organization."))
    add(Node(PROVIDER, (IORKG.OccupationalHealthServiceProvider,),
             "the occupational health service provider (a growing healthcare company)", [],
             [Ev("a growing healthcare company (OH service provider)"),
              Ev("between an occupational health service provider and an employer")],
             comment="The text does not name the organization."))

    # ---- relationships -------------------------------------------------------------------
    add(Node(PARTNERSHIP, (IORKG.Partnership,),
             "the partnership between the employer and the OH service provider",
             [(IORKG.hasParticipant, EMPLOYER), (IORKG.hasParticipant, PROVIDER),
              (IORKG.hasAim, K("aim-organizational-performance")),
              (IORKG.hasAim, K("aim-value-through-health-and-well-being"))],
             [Ev(Q_PARTNERSHIP), Ev(Q_FORMATION),
              Ev("aimed to improve organizational performance and create value by promoting "
                 "health and well-being at work")]))
    add(Node(TRANSACTION, (IORKG.ServiceTransaction,),
             "the transactional relationship in which the provider delivers OH services to the employer",
             [(IORKG.hasParticipant, EMPLOYER), (IORKG.hasParticipant, PROVIDER)],
             [Ev(Q_PRINCIPAL_AGENT), Ev(Q_CLIENT)],
             comment=("The text says the partnership also presumes an asymmetric transactional "
                      "relationship of principal (buyer) and agent (seller) between the same "
                      "two parties.")))
    add(Node(PROJECT, (IORKG.DevelopmentProject,),
             "the development and research project (a joint effort to promote employees' "
             "well-being at work)",
             [(IORKG.hasAim, K("aim-joint-effort-for-employee-well-being"))],
             [Ev(Q_PROJECT)],
             comment=("The source writes 'project project' (a doubled word); the evidence keeps "
                      "it verbatim. The text does not list the project's participants; the two "
                      "organizations' taking part is recorded as interpreted statements.")))
    for party, who in ((EMPLOYER, "employer"), (PROVIDER, "provider")):
        add(statement(f"development-project-participant-{who}", PROJECT, IORKG.hasParticipant, party,
                      f"the {who} takes part in the development and research project (interpreted)",
                      [interp(Q_PARTNERSHIP,
                              "The text does not list the project's participants, but it describes "
                              "the employer-provider partnership right after saying the material was "
                              "gathered in the project, so the curators read both organizations as "
                              "taking part in it.")]))

    # ---- roles ---------------------------------------------------------------------------
    # partners: stated, since the text calls the relationship a partnership between the two
    for player, who in ((EMPLOYER, "employer"), (PROVIDER, "provider")):
        add(Node(K(f"{who}-as-partner"), (IORKG.RolePlaying,),
                 f"the {who} plays partner in the partnership",
                 [(IORKG.player, player), (IORKG.playedRole, IORKGC.partner),
                  (IORKG.inRelationship, PARTNERSHIP)],
                 [Ev(Q_PARTNERSHIP), Ev(Q_SYMMETRY)]))
    add(Node(K("employer-as-principal"), (IORKG.RolePlaying,),
             "the employer plays principal (buyer) in the service transaction (interpreted)",
             [(IORKG.player, EMPLOYER), (IORKG.playedRole, IORKGC.principal),
              (IORKG.inRelationship, TRANSACTION)],
             [interp(Q_PRINCIPAL_AGENT, principal_agent_rationale(
                 "the employer as the principal, the buyer of OH services"))]))
    add(Node(K("provider-as-agent"), (IORKG.RolePlaying,),
             "the provider plays agent (seller) in the service transaction (interpreted)",
             [(IORKG.player, PROVIDER), (IORKG.playedRole, IORKGC.agent),
              (IORKG.inRelationship, TRANSACTION)],
             [interp(Q_PRINCIPAL_AGENT, principal_agent_rationale(
                 "the provider as the agent, the seller of OH services"))]))
    add(Node(K("employer-as-client"), (IORKG.RolePlaying,),
             "the employer plays client (the client organization) in the partnership",
             [(IORKG.player, EMPLOYER), (IORKG.playedRole, IORKGC.client),
              (IORKG.inRelationship, PARTNERSHIP)],
             [Ev(Q_CLIENT)],
             comment=("The text words the relationship as the partnership between service "
                      "provider and client organization, so the role is recorded in the partnership.")))
    add(Node(K("provider-as-service-provider"), (IORKG.RolePlaying,),
             "the provider plays service provider in the partnership",
             [(IORKG.player, PROVIDER), (IORKG.playedRole, IORKGC["service-provider"]),
              (IORKG.inRelationship, PARTNERSHIP)],
             [Ev(Q_CLIENT)]))

    # ---- governing documents, law, discourse --------------------------------------------
    add(Node(K("oh-legislation"), (IORKG.Law,),
             "the Finnish legislation that mandates occupational health services (cited as Finlex 2001)",
             [(DCTERMS.source, REF["finlex-2001"])],
             [Ev(Q_LAW)],
             comment=("Curators' note: the text cites this law only as 'Finlex 2001' (Finlex is "
                      "the online database of Finnish legislation) and gives neither its title "
                      "nor its number, so neither is recorded.")))
    add(Node(K("service-agreement"), (IORKG.ServiceAgreement,),
             "the service agreement on occupational health services",
             [(IORKG.stipulates, en("Together with the action plan, the content and coverage of "
                                    "the occupational health services for the employees."))],
             [Ev(Q_TWO_DOCUMENTS)],
             comment=("Footnote 1 names the service agreement as one of the two key documents of "
                      "Finnish occupational health care in general.")))
    r_agreement_law = (f"{R_FOOTNOTE}; it says the provision of OH services is mandated by law and "
                       "names the service agreement as one of the two documents that set their content "
                       "and coverage, but not that the law mandates the agreement, so the curators' "
                       "link from the agreement to that law is a reading.")
    add(statement("service-agreement-mandated-by-law", K("service-agreement"), IORKG.mandatedBy,
                  K("oh-legislation"),
                  "the service agreement is mandated by the OH legislation (interpreted)",
                  [interp(Q_LAW, r_agreement_law), interp(Q_TWO_DOCUMENTS, r_agreement_law),
                   interp(Q_FINNISH_OH, r_agreement_law)]))
    add(Node(K("oh-action-plan"), (IORKG.OccupationalHealthActionPlan,),
             "the occupational health action plan",
             [(IORKG.stipulates, en("The aims of the cooperation, special needs, and the measures "
                                    "and actions of occupational health, which the workplace and "
                                    "the provider define and agree together."))],
             [Ev(Q_TWO_DOCUMENTS), Ev(Q_ACTION_PLAN_BASE), Ev(Q_ACTION_PLAN_AGREED)],
             comment=("Footnote 1 describes the action plan of Finnish occupational health care in "
                      "general: mandatory, agreed between the workplace and its provider.")))
    for party, who in ((EMPLOYER, "employer"), (PROVIDER, "provider")):
        r_agreed = (f"{R_FOOTNOTE}; it says that in the action plan the workplace and the OH "
                    "service provider define and agree the aims together, which the curators read "
                    f"as the {who} of this case being a party to its action plan.")
        add(statement(f"oh-action-plan-agreed-by-{who}", K("oh-action-plan"), IORKG.agreedBetween,
                      party, f"the action plan is agreed by the {who} (interpreted)",
                      [interp(Q_ACTION_PLAN_AGREED, r_agreed), interp(Q_FINNISH_OH, r_agreed)]))
    r_plan_law = (f"{R_FOOTNOTE}; it calls the action plan mandatory without saying what makes it "
                  "so, and says that the provision of OH services is mandated by law, so the "
                  "curators' reading that this law mandates the plan goes beyond the words.")
    add(statement("oh-action-plan-mandated-by-law", K("oh-action-plan"), IORKG.mandatedBy,
                  K("oh-legislation"), "the action plan is mandated by the OH legislation (interpreted)",
                  [interp(Q_ACTION_PLAN_BASE, r_plan_law), interp(Q_LAW, r_plan_law),
                   interp(Q_FINNISH_OH, r_plan_law)]))
    r_governed = (f"{R_FOOTNOTE}; it calls the action plan a fundamental base for the collaboration "
                  "of OH care in general, and the text calls this case's partnership OH "
                  "collaboration, so the curators read the plan as governing the partnership.")
    add(statement("partnership-governed-by-oh-action-plan", PARTNERSHIP, IORKG.governedBy,
                  K("oh-action-plan"), "the partnership is governed by the action plan (interpreted)",
                  [interp(Q_ACTION_PLAN_BASE, r_governed), interp(Q_OH_COLLABORATION, r_governed),
                   interp(Q_FINNISH_OH, r_governed)]))
    discourse = K("strategic-management-of-well-being")
    outcomes = [("productivity", "increased productivity"), ("business", "increased business"),
                ("employee-health", "improved employee health")]
    add(Node(discourse, (IORKG.Discourse,), "the discourse of strategic management of well-being",
             [(IORKG.assumesOutcome, K(f"outcome-{key}")) for key, _ in outcomes],
             [Ev("enriched with the new discourse of *strategic management of well-being*"),
              Ev("It is assumed that strategic management of well-being generates increases in "
                 "productivity, business and employee health."),
              Ev("the strategic management of well-being is yet more an approach and ideology than "
                 "an established practice")],
             comment=("A newer discourse in Finnish occupational health care which, in the "
                      "authors' words, is still more an approach than an established practice.")))
    for key, label in outcomes:
        add(Node(K(f"outcome-{key}"), (IORKG.ExpectedOutcome,),
                 f"{label} (assumed by the discourse of strategic management of well-being)", [],
                 [Ev("It is assumed that strategic management of well-being generates increases in "
                     "productivity, business and employee health.")]))

    # ---- aims ----------------------------------------------------------------------------
    add(Node(K("aim-organizational-performance"), (IORKG.Aim,),
             "improve organizational performance", [],
             [Ev("aimed to improve organizational performance"),
              Ev("The partnership aims to improve organizational performance")]))
    add(Node(K("aim-value-through-health-and-well-being"), (IORKG.Aim,),
             "create value by promoting health and well-being at work", [],
             [Ev("create value by promoting health and well-being at work"),
              Ev("create value by promoting occupational health and well-being")]))

    add(Node(K("aim-joint-effort-for-employee-well-being"), (IORKG.Aim,),
             "facilitate a joint effort to promote employees' well-being at work (aim of the project)", [],
             [Ev("aimed to facilitate a joint effort to promote employees’ well-being at work")]))

    # ---- logics and practices ------------------------------------------------------------
    framing = ("Stated as the authors' analytic framing of how the collaboration can be "
               "operationalized; the text does not attribute the logic to either party.")
    add(Node(OPERATIONAL, (IORKG.OperationalLogic,), "operational logic",
             [(IORKG.hasCharacteristic, IORKGC.linear), (IORKG.hasCharacteristic, IORKGC.reactive),
              (IORKG.requiresPractice, K("practice-processual-management-of-oh-services"))],
             [Ev(Q_OPERATIONAL)], comment=framing))
    add(Node(COCREATION, (IORKG.CoCreationLogic,), "co-creation logic",
             [(IORKG.hasCharacteristic, IORKGC.proactive),
              (IORKG.hasCharacteristic, IORKGC.iterative),
              (IORKG.requiresPractice, K("practice-contextual-problem-solving")),
              (IORKG.requiresPractice, K("practice-collective-decision-making")),
              (IORKG.requiresPractice, K("practice-dialogue"))],
             [Ev(Q_PROACTIVE), Ev(Q_COCREATION), Ev(Q_COCREATION_LABEL)], comment=framing))
    add(Node(K("practice-processual-management-of-oh-services"), (IORKG.Practice,),
             "know-how in the processual management of OH services", [],
             [Ev("know-how in the processual management of OH services")]))
    for key, label in (("contextual-problem-solving", "contextual problem solving"),
                       ("collective-decision-making", "collective decision making"),
                       ("dialogue", "dialogue")):
        add(Node(K(f"practice-{key}"), (IORKG.Practice,), label, [], [Ev(Q_COCREATION)]))

    # ---- logic holdings -------------------------------------------------------------------
    for logic, key, name in ((OPERATIONAL, "operational", "operational"),
                             (COCREATION, "co-creation", "co-creation")):
        add(Node(K(f"holding-{key}-logic-in-partnership"), (IORKG.LogicHolding,),
                 f"the {name} logic is one of the logics embedded in the OH collaboration "
                 "(holder, role, phase and level unknown)",
                 [(IORKG.heldLogic, logic), (IORKG.inRelationship, PARTNERSHIP),
                  (IORKG.leavesUnknown, IORKGC["slot-holder"]),
                  (IORKG.leavesUnknown, IORKGC["slot-role"]),
                  (IORKG.leavesUnknown, IORKGC["slot-phase"]),
                  (IORKG.leavesUnknown, IORKGC["slot-level"])],
                 [Ev(Q_LOGICS_EMBEDDED), Ev(Q_MULTIPLICITY)]))
    # The provider's holding of the operational logic is withdrawn: see DECISIONS.

    # The classification of the operational logic under the professional order is withdrawn:
    # see DECISIONS.

    # ---- tensions and puzzles ------------------------------------------------------------
    def pole(local, label, evidence, logic=None):
        props = [(IORKG.poleLogic, logic)] if logic is not None else []
        add(Node(K(local), (IORKG.TensionPole,), label, props, evidence))
        return K(local)

    p1a = pole("puzzle-1-pole-symmetry", "symmetrical positions of the partners in collaboration",
               [Ev(Q_SYMMETRY)])
    p1b = pole("puzzle-1-pole-asymmetry",
               "asymmetry of principal (buyer) and agent (seller) in the transactional relationship",
               [Ev(Q_PRINCIPAL_AGENT)])
    add(Node(K("puzzle-1-mixed-roles-and-positions"), (IORKG.Puzzle,),
             "puzzle 1: mixed roles and positions",
             [(IORKG.hasPole, p1a), (IORKG.hasPole, p1b), (IORKG.tensionIn, PARTNERSHIP),
              (IORKG.showsDuring, FORMATION)],
             [Ev("the partnership in the institutional field of OH leads to coping with *mixed "
                 "roles and positions*"),
              Ev("In the formation of the partnership, this tension implies an inter-dependency and "
                 "a flexibility to meet the needs of partner while retaining a self-interest in the "
                 "partnership."),
              Ev(Q_PUZZLES)],
             comment=("In the formation of the partnership the tension shows as inter-dependency "
                      "and flexibility towards the partner alongside a retained self-interest.")))
    p2a = pole("puzzle-2-pole-exploitation",
               "exploiting the existing institutional norms, roles and routines of OH "
               "(following standardized solutions)",
               [Ev("*exploitation of the existing institutional norms*, roles and routines of "
                   "occupational health"),
                Ev("whether to follow the standardized solutions")])
    p2b = pole("puzzle-2-pole-exploration",
               "exploring entirely new concepts, roles and methods (creating new solutions)",
               [Ev("*the exploration of entirely new concepts*, roles and methods"),
                Ev("or to create new ones")])
    add(Node(K("puzzle-2-exploitation-versus-exploration"), (IORKG.Puzzle,),
             "puzzle 2: exploitation of existing OH norms versus exploration of new concepts",
             [(IORKG.hasPole, p2a), (IORKG.hasPole, p2b), (IORKG.tensionIn, PARTNERSHIP),
              (IORKG.showsDuring, FORMATION),
              (DCTERMS.description, en(
                  "Exploiting the existing norms, roles and routines of OH versus exploring new "
                  "concepts, roles and methods; following standardized solutions versus creating "
                  "new ones; in OH generally the customer is tied to the provider's value chain, "
                  "whereas co-creation asks the provider to integrate into the customer's value "
                  "creation."))],
             [Ev("Second puzzle relates to the *exploitation of the existing institutional norms*"),
              Ev("The tension stems from whether to follow the standardized solutions or to create "
                 "new ones."),
              Ev("Traditionally, the customer is connected to the value chain of the service provider."),
              Ev("the challenge is how the service provider will manage to integrate into the "
                 "customer value creation"),
              Ev(Q_PUZZLES)]))
    p3a = pole("puzzle-3-pole-operational",
               "collaboration as a linear and reactive process (operational logic)",
               [Ev(Q_OPERATIONAL)], OPERATIONAL)
    p3b = pole("puzzle-3-pole-co-creation",
               "collaboration as a proactive and iterative process (co-creation logic)",
               [Ev(Q_PROACTIVE), Ev(Q_COCREATION)], COCREATION)
    add(Node(K("puzzle-3-operationalizing-collaboration"), (IORKG.Puzzle,),
             "puzzle 3: how OH collaboration is operationalized (operational versus co-creation logic)",
             [(IORKG.hasPole, p3a), (IORKG.hasPole, p3b), (IORKG.tensionIn, PARTNERSHIP),
              (IORKG.showsDuring, FORMATION),
              (IORKG.arisesFrom, OPERATIONAL), (IORKG.arisesFrom, COCREATION)],
             [Ev("the third puzzle, which refers to how OH collaboration is operationalized"),
              Ev(Q_MULTIPLICITY), Ev(Q_PUZZLES)]))
    for key, label, quote in (
            ("sensemaking-in-value-co-creation", "sensemaking in value co-creation",
             "sensemaking in value co-creation"),
            ("controlling-the-development-processes", "controlling the development processes",
             "controlling the development processes")):
        add(Node(K(f"tension-{key}"), (IORKG.Tension,),
                 f"tension in {label} in managing the partnership (poles unknown)",
                 [(IORKG.tensionIn, PARTNERSHIP), (IORKG.leavesUnknown, IORKGC["slot-poles"])],
                 [Ev(Q_MULTIPLICITY), Ev(quote)],
                 comment=("The abstract names this tension besides the three puzzles but not what "
                          "it pulls between, so its poles are left unknown.")))

    tension_types = [
        ("puzzle-1-mixed-roles-and-positions", "belonging",
         "In the formation of the partnership, this tension implies an inter-dependency and a "
         "flexibility to meet the needs of partner while retaining a self-interest in the partnership.",
         "The puzzle sets the partners' own self-interest and standing against their "
         "inter-dependence and shared positions, which the curators read as a belonging tension "
         "(self versus collective, competing roles) in Smith and Lewis's terms."),
        ("puzzle-2-exploitation-versus-exploration", "exploration-exploitation",
         "Second puzzle relates to the *exploitation of the existing institutional norms*",
         "The text itself contrasts exploitation with exploration, which the curators map onto "
         "the exploration-exploitation learning tension; the text does not cite March or Smith and Lewis."),
        ("puzzle-3-operationalizing-collaboration", "organizing",
         "the third puzzle, which refers to how OH collaboration is operationalized",
         "The puzzle concerns how the collaboration is organized and run, linear and reactive "
         "versus proactive and iterative, which the curators read as an organizing tension."),
    ]
    for target, concept, quote, rationale in tension_types:
        add(Node(K(f"classification-{target}-{concept}"), (IORKG.Classification,),
                 f"{target.replace('-', ' ')}: tension type {concept} (interpreted)",
                 [(IORKG.classifies, K(target)), (IORKG.assignsConcept, IORKGC[concept])],
                 [interp(quote, rationale)]))

    # ---- process, phase, assessment ------------------------------------------------------
    add(Node(PROCESS, (IORKG.Process,), "the developmental process of the partnership",
             [(IORKG.processOf, PARTNERSHIP)],
             [Ev("Our case study examines developmental process of IOR"),
              Ev("we see partnership as an emergent and dynamic process")]))
    add(Node(FORMATION, (IORKG.ProcessPhase,), "formation of the partnership",
             [(IORKG.phaseOf, PROCESS), (IORKG.hasInterval, K("formation-interval"))],
             [Ev(Q_FORMATION), Ev("In exploring the formation of OH collaboration")],
             comment=("The only phase the text names. It gives no dates and no further stages; "
                      "the study's two years are recorded on the study, not on this phase. The "
                      "text cites Ring and Van de Ven but does not map this phase onto their "
                      "negotiation, commitment or execution stages, so no stage type is recorded.")))
    add(Node(K("formation-interval"), (TIME.ProperInterval,),
             "time interval of the formation of the partnership (no dates given)", [],
             [Ev(Q_FORMATION)]))
    # The continuous assessment is a call of the authors, not an event: see the claim
    # claim-continuous-assessment and DECISIONS.

    # ---- value definitions ---------------------------------------------------------------
    def value(key, label, ev, tentative=False):
        props = [(IORKG.valueOf, PARTNERSHIP), (IORKG.definedBy, AUTHORS),
                 (IORKG.leavesUnknown, IORKGC["slot-level"]),
                 (IORKG.leavesUnknown, IORKGC["slot-phase"])]
        if tentative:
            props.append((IORKG.isTentative, boolean(True)))
        add(Node(K(f"value-{key}"), (IORKG.ValueDefinition,), label, props, ev))

    value("interorganizational-learning",
          "the value of the partnership lies in interorganizational learning",
          [Ev("The value of partnership lies in the interorganizational learning processes.")])
    value("self-assertion-of-members",
          "possibly, the increased self-assertion of the organizational members (tentative)",
          [Ev("Our case shows that the value of the partnership may lie in the increased "
              "self-assertion of the organizational members.")], tentative=True)

    # ---- the study -----------------------------------------------------------------------
    rq = "how do these logics in IOR frame, shape and constrain the process of partnership"
    add(Node(K("study"), (IORKG.Study,),
             "the longitudinal qualitative case study by Koskela, Kork and Turpeinen",
             [(IORKG.studies, CASE),
              (IORKG.hasDesignFeature, IORKGC.longitudinal),
              (IORKG.hasDesignFeature, IORKGC.qualitative),
              (IORKG.hasDesignFeature, IORKGC.inductive),
              (IORKG.hasDesignFeature, IORKGC["case-study"]),
              (TIME.hasDuration, K("study-duration")),
              (IORKG.usesTheory, IORKGC["new-institutional-theory"]),
              (IORKG.usesTheory, IORKGC["process-organization-studies"]),
              (IORKG.researchQuestion, en(rq)),
              (IORKG.conductedWithin, PROJECT),
              (IORKG.reportedIn, PAPER),
              (PROV.wasAssociatedWith, AUTHORS)],
             [Ev("our longitudinal case study"),
              Ev("a two-year qualitative and inductive study"),
              Ev("By combining new institutional theory with process organization studies"),
              Ev("we combine new institutional theory with a process-oriented analysis of "
                 "inter-organizational relationship"),
              Ev(f"by asking *{rq}*"),
              Ev("The research material was gathered in a developmental and research project")],
             comment=("The text refers to a Figure 1 showing the study design; the figure is not "
                      "part of the source file.")))
    add(Node(K("study-duration"), (TIME.Duration,), "two years (duration of the study)",
             [(TIME.numericDuration, Literal("2", datatype=XSD.decimal)),
              (TIME.unitType, TIME.unitYear)],
             [Ev("a two-year qualitative and inductive study")]))

    # ---- claims and citations -----------------------------------------------------------
    nodes.extend(claims_and_citations())

    # ---- the 0.2.0 decisions, on the nodes they leave (rdfs:comment) -----------------------
    by_iri = {n.iri: n for n in nodes}
    for d in DECISIONS:
        for curie in d.after:
            node = by_iri.get(K(curie.removeprefix("kkt:")))
            if node is None:
                raise BuildError(f"decision names a node that is not in the case: {curie}")
            note = f"Curation decision of the 0.2.0 audit ({d.decision}: {d.reading}): {d.why}"
            node.comment = f"{node.comment} {note}" if node.comment else note
    return nodes


@dataclass
class Cite:
    ref: str                     # key into REFERENCES
    intent: URIRef               # CiTO characterization
    link: list                   # Ev objects (stated) locating the citation in the text
    rationale: str               # why this intent


R_CF = ("The reference is introduced with 'cf.', which invites comparison rather than claiming "
        "support, so the curators read it as citing related work.")

CLAIMS = [
    ("joint-venture-benefits", "many benefits are expected from joint ventures and other IORs",
     ["From the establishment of joint ventures, many benefits are expected to materialize"],
     [Cite("gulati-1998", CITO.citesForInformation, [Ev("Gulati et al., 1998")],
           "The benefits of alliances are listed as background to the study's topic, so the "
           "curators read the reference as a source of information rather than of evidence."),
      Cite("barringer-harrison-2000", CITO.citesForInformation,
           [Ev("Barringer & Harrison, 2000", occurrence=0)],
           "The benefits of alliances are listed as background to the study's topic, so the "
           "curators read the reference as a source of information rather than of evidence.")]),
    ("ior-failure-rate", "50 to 70 per cent of IORs end up as failures",
     ["50 to 70% of IORs end up as failures"],
     [Cite("barringer-harrison-2000", CITO.citesAsEvidence, [Ev("Barringer & Harrison, 2000", occurrence=1)],
           "A numeric failure rate is an empirical finding, so the curators read the reference "
           "as cited as evidence for it."),
      Cite("kauser-shaw-2004", CITO.citesAsEvidence, [Ev("Kauser & Shaw, 2004")],
           "A numeric failure rate is an empirical finding, so the curators read the reference "
           "as cited as evidence for it.")]),
    ("partnership-presumes-trust",
     "cooperative partnership presumes trust, transparency, shared vision and commitment to common goals",
     ["cooperative partnership presume trust, transparency, shared vision and a commitment to "
      "common goals among those involved"],
     [Cite("vlaar-et-al-2007a", CITO.obtainsSupportFrom, [Ev("Vlaar et al., 2007a")],
           "The conditions of partnership are put as a general premise backed by this single "
           "reference, which the curators read as drawing support from it.")]),
    ("previous-studies-descriptive",
     "previous IOR studies have mainly been descriptive rather than examining formation processes",
     ["Previous studies have mainly been descriptive"],
     [Cite("zajac-olsen-1993", CITO.citesAsRelated, [Ev("Zajac & Olsen, 1993")], R_CF),
      Cite("ring-van-de-ven-1994", CITO.citesAsRelated,
           [Ev("Ring &", occurrence=0), Ev("Van de Ven, 1994; Barringer")], R_CF),
      Cite("barringer-harrison-2000", CITO.citesAsRelated, [Ev("Barringer & Harrison, 2000", occurrence=2)], R_CF),
      Cite("kale-dyer-singh-2001", CITO.citesAsRelated, [Ev("Kale et al., 2001")], R_CF)]),
    ("legitimacy-uncertainty-ambiguity",
     "legitimacy, uncertainty and ambiguity are intrinsic to managing the IOR",
     ["the issues of legitimacy, uncertainty and ambiguity are intrinsically prevalent in managing the IOR"],
     [Cite("vlaar-et-al-2006", CITO.citesAsRelated, [Ev("Vlaar et al., 2006")], R_CF)]),
    ("discourse-of-strategic-management-of-well-being",
     "the discussion on health and working capacity now includes the discourse of strategic "
     "management of well-being",
     ["the discussion on promoting health and working capacity has been enriched with the new "
      "discourse of *strategic management of well-being*"],
     [Cite("aura-et-al-2010", CITO.citesForInformation, [Ev("Aura et al., 2010")],
           "The reference points to where the new discourse is described, which the curators "
           "read as citing it for information about the discourse.")]),
    ("oh-collaboration-demands-sustainability",
     "OH collaboration as a platform for value co-creation demands lasting practices and effects",
     ["OH collaboration demands particular sustainability in a way that practices become "
      "permanent and the targeted effects will be achieved"],
     [Cite("turpeinen-et-al-2016", CITO.obtainsSupportFrom, [Ev("Turpeinen et al., 2016")],
           "The requirement is stated as the authors' premise and closed by this reference, "
           "which the curators read as the claim drawing support from it.")]),
    ("partnership-as-emergent-process",
     "partnership is an emergent and dynamic process with information asymmetry, conflicting "
     "interests and management tensions",
     ["we see partnership as an emergent and dynamic process involving information-asymmetry, "
      "conflicting interests and management tensions to cope with"],
     [Cite(key, CITO.obtainsBackgroundFrom, [ev],
           "The authors state the process view they adopt and list the works it draws on, which "
           "the curators read as citing them for theoretical background.")
      for key, ev in (("ring-van-de-ven-1994", Ev("Ring & Van de Ven, 1994")),
                      ("weick-1999", Ev("Weick, 1999")),
                      ("de-rond-bouchikhi-2004", Ev("de Rond & Bouchikhi, 2004", occurrence=0)),
                      ("vlaar-et-al-2007b", Ev("Vlaar et al., 2007b", occurrence=0)),
                      ("langley-tsoukas-2010", Ev("Langley & Tsoukas, 2010")))]),
    ("tensions-cannot-be-solved-by-design",
     "tensions in interorganizational collaboration cannot be completely solved or forestalled "
     "by organizational design",
     ["We acknowledge the tensions being present in interorganizational collaboration that "
      "“...cannot be completely solved or forestalled by clever organizational",
      "*design*”"],
     [Cite("vlaar-et-al-2007b", CITO.includesQuotationFrom,
           [Ev("*design*” (Vlaar et al., 2007b)")],
           "The words inside quotation marks are followed directly by this reference, so the "
           "curators read it as the source of a direct quotation.")]),
    ("trade-offs-inevitable",
     "in a dialectic view of management, trade-offs are inevitable because functions and "
     "dysfunctions coexist",
     ["Our dialectic view of management means that the trade-offs are inevitable as the functions "
      "and dysfunctions exist simultaneously"],
     [Cite("de-rond-bouchikhi-2004", CITO.citesAsRelated,
           [Ev("de Rond & Bouchikhi, 2004", occurrence=1)], R_CF),
      Cite("vlaar-et-al-2007b", CITO.citesAsRelated, [Ev("Vlaar et al., 2007b", occurrence=2)], R_CF)]),
    ("oh-services-mandated-by-law",
     "in Finland OH services are mandated by law and employers must arrange preventive OH care",
     [Q_LAW],
     [Cite("finlex-2001", CITO.citesAsAuthority, [Ev("Finlex 2001")],
           "A legal obligation is backed by a reference to the legislation database, which the "
           "curators read as citing the law as the authority for it."),
      Cite("ministry-of-social-affairs-and-health-2014", CITO.citesForInformation,
           [Ev("Ministry of Social Affairs and Health 2014")],
           "The ministry is cited beside the law for the same obligation, which the curators read "
           "as an official source of information on it rather than the legal authority itself.")]),
    ("shared-knowledge-key-to-value-co-creation",
     "from the value co-creation perspective, the key factor is the organizational capability to "
     "recognize the strategic value of shared knowledge and adopt it in an operational setting",
     ["From the value co-creation perspective, the key factor is the organizational capability to "
      "recognize the strategic value of shared knowledge and adopt it in an operational setting"],
     [Cite("barringer-harrison-2000", CITO.obtainsSupportFrom,
           [Ev("Barringer & Harrison, 2000", occurrence=3)],
           "A single reference closes the statement of the key factor, which the curators read as "
           "the claim drawing support from it.")]),
]

# What the text argues and the graph lacked before 0.2.0 (issue 11, item 5): claims of the
# authors without citations, each with its shortest verbatim quote(s). What they leave open (a
# level, a stage, a named constraint, a named institutional change) stays open.
CLAIMS += [
    ("process-view-analyses-value-definition",
     "the process view lets the authors analyse how the value of partnership is defined at the "
     "different stages of the process and at the different levels of organization (an aim; no "
     "stage or level is given for any value definition)",
     ["The process view enables us to analyze how the value of partnership is defined at the "
      "different stages of the process and at the different levels of organization."], []),
    ("managing-formation-requires-understanding",
     "managing the divergent processes of IOR formation requires understanding how the IOR "
     "manifests itself at different levels of the organization, what meanings participants "
     "associate with it, how success is assessed and how the agents define its value",
     ["in order to manage the divergent processes of the IOR formation, we must understand the ways "
      "in which the IOR manifests itself at different levels of the organization",
      "what meanings and significance participants associate with it, how the success is assessed "
      "and how the agents themselves recognize and define the '*value*' of partnership"], []),
    ("continuous-assessment",
     "the authors call for continuous assessment of collective achievements and continuous "
     "evaluation during the developmental process of the partnership (a call, not a reported "
     "assessment)",
     ["This calls for continuous assessment of collective achievements during the developmental "
      "process.",
      "continuous evaluation during the partnership"], []),
    ("organizational-learning-necessary",
     "from the perspective of value creation, organizational learning is necessary, and a novel "
     "course of action requires responsiveness to learn",
     ["From the perspective of value creation, we emphasize the necessity of organizational learning",
      "A novel course of action requires responsiveness to learn."], []),
    ("sensemaking-enhances-mutual-knowledge",
     "the sensemaking process in co-creation enhances partners' mutual knowledge about their "
     "complementary resources and capabilities",
     ["The sensemaking process in co-creation enhances partners' mutual knowledge about their "
      "complementary resources and capabilities."], []),
    ("management-linked-to-institutional-logics",
     "in this paper, managing the IOR is not about coordination and control processes but is "
     "linked to institutional logics that frame and shape the collaboration",
     ["management of IOR concerns not about coordination and control processes, instead, it is "
      "linked to institutional logics"], []),
    ("study-reveals-constraints-and-resources",
     "the longitudinal case study reveals the institutional constraints and resources in the "
     "collaboration (the text names none)",
     ["our longitudinal case study reveals the institutional constraints and resources in the "
      "collaboration"], []),
    ("cooperative-partnership-can-challenge-practices",
     "in occupational health care, cooperative partnership can challenge existing practices and "
     "develop new concepts (a general, modal claim)",
     ["In occupational health care, cooperative partnership can challenge existing practices and "
      "develop new concepts."], []),
    ("strategic-management-of-well-being-requires",
     "strategic management of well-being requires that the promotion of employee well-being is "
     "connected to organizational management systems, values and strategies, and implemented in a "
     "collaborative network",
     ["This requires the promotion of employee well-being is connected to organizational management "
      "systems, values and strategies, and is implemented in collaborative network."], []),
    ("novel-co-creative-practices-challenging",
     "in a network of inter-organizational cooperation, implementing novel co-creative practices "
     "effectively is challenging",
     ["In the network of inter-organizational cooperation, effective implementation of novel "
      "co-creative practices is challenging."], []),
    ("finnish-oh-institutional-changes",
     "Finnish occupational health care has lately experienced many institutional changes (the text "
     "names none)",
     ["the Finnish occupational health care<sup>1</sup> that has lately experienced many "
      "institutional changes"], []),
    ("iors-paradoxical",
     "IORs in general have a paradoxical character, and sustaining a cooperative relationship takes "
     "much effort (about IORs, not a property of this partnership)",
     ["Despite the benefits, IORs have a paradoxical character.",
      "it takes much effort to sustain a cooperative relationship"], []),
]

# The span that the intent reading rests on, per claim: the citation with the words around it
# that show how it is used ("cf.", quotation marks, a figure). The "cf." group of the
# previous-studies claim is split by a page break; its intent quote crosses the break so that the
# "cf." governing all four works stays in view.
INTENT_QUOTES = {
    "joint-venture-benefits": "(Gulati et al., 1998; Barringer & Harrison, 2000)",
    "ior-failure-rate": "50 to 70% of IORs end up as failures (Barringer & Harrison, 2000; Kauser & Shaw, 2004)",
    "partnership-presumes-trust": "among those involved (Vlaar et al., 2007a)",
    "previous-studies-descriptive": ("(cf. Zajac & Olsen, 1993; Ring &\n\nVan de Ven, 1994; Barringer & "
                                     "Harrison, 2000; Kale et al., 2001)"),
    "legitimacy-uncertainty-ambiguity": "(cf. Vlaar et al., 2006)",
    "discourse-of-strategic-management-of-well-being": "*strategic management of well-being* (Aura et al., 2010)",
    "oh-collaboration-demands-sustainability": "the targeted effects will be achieved (Turpeinen et al., 2016)",
    "partnership-as-emergent-process": ("(Ring & Van de Ven, 1994; Weick, 1999; de Rond & Bouchikhi, 2004; "
                                        "Vlaar et al., 2007b; Langley & Tsoukas, 2010)"),
    "tensions-cannot-be-solved-by-design": "*design*” (Vlaar et al., 2007b)",
    "trade-offs-inevitable": "(cf. de Rond & Bouchikhi, 2004; Vlaar et al., 2007b)",
    "oh-services-mandated-by-law": "(Finlex 2001, Ministry of Social Affairs and Health 2014)",
    "shared-knowledge-key-to-value-co-creation": "adopt it in an operational setting (Barringer & Harrison, 2000)",
}


def claims_and_citations() -> list[Node]:
    nodes = []
    labels = {r.key: r.label for r in REFERENCES}
    for key, label, quotes, cites in CLAIMS:
        claim = K(f"claim-{key}")
        nodes.append(Node(claim, (IORKG.Claim,), f"claim: {label}",
                          [(PROV.wasAttributedTo, AUTHORS)], [Ev(q) for q in quotes]))
        for cite in cites:
            intent_ev = interp(INTENT_QUOTES[key], cite.rationale, slot=IORKGC["slot-citation-intent"])
            nodes.append(Node(
                K(f"citation-{key}-{cite.ref}"), (IORKG.Citation,),
                f"citation of {labels[cite.ref]} for the claim that {label}",
                [(CITO.hasCitingEntity, claim), (CITO.hasCitedEntity, REF[cite.ref]),
                 (CITO.hasCitationCharacterization, cite.intent)],
                cite.link + [intent_ev]))
    return nodes


CASE_HEADER = """\
# iorkg case graph <https://w3id.org/iorkg/graph/koskela-kork-turpeinen>
# Generated by tools/build_case_data.py from koskela-kork-turpeinen-ior-oh.md; do not edit by hand.
# Every case node carries iorkg:inCase kkt:case and iorkg:hasEvidence. Each evidence node is a Web
# Annotation quoting the source verbatim (oa:exact == source[oa:start:oa:end], code points) and is
# either stated (the text says it) or interpreted (a reading by iorkgs:curators, with a rationale).
# The quotes remain the words of the source's authors. The text names no case organization or
# person and dates no case event; open parts are marked with iorkg:leavesUnknown.
"""


# --------------------------------------------------------------------------------------------
# The fictional example case
# --------------------------------------------------------------------------------------------

def F(local: str) -> URIRef:
    return FX[local]


FCASE, FSOURCE = F("case"), F("source")
BAKERY, FPROVIDER = F("bakery"), F("provider")
MANAGEMENT, EMPLOYEES = F("bakery-management"), F("bakery-employees")
FPARTNERSHIP, FTRANSACTION = F("partnership"), F("service-transaction")
FOPERATIONAL, FCOCREATION = F("operational-logic"), F("co-creation-logic")
PHASES = [F("phase-1"), F("phase-2"), F("phase-3")]
CODER_A, CODER_B = F("coder-a"), F("coder-b")

FQ_BUYS = "Fictional Bakery Oy buys occupational health services from Fictional Occupational Health Ltd."
FQ_PARTNERSHIP = "The two organisations also entered a partnership to develop well-being at work together."
FQ_MIXED = ("So the bakery was at once the buyer of the services and a partner in the development "
            "work.")
FQ_PHASES = "The collaboration went through three phases, each starting when the one before it ended."
FQ_OPERATIONAL = "a linear and reactive process that waited for the bakery to report problems"
FQ_PHASE1 = ("In the negotiation phase, Fictional Occupational Health Ltd treated the collaboration "
             "as routine")
FQ_PHASE3 = ("In the execution phase, Fictional Occupational Health Ltd planned the services jointly "
             "with the bakery:")
FQ_COCREATION = ("a proactive and iterative process of solving problems on the shop floor, deciding "
                 "together and")
FQ_REQUEST = ("In the commitment phase, the bakery's managers asked the provider to \"just run the "
              "usual checks\"")
FQ_REQUEST_FULL = "while promising to \"think bigger later\"."
FQ_TENSION = ("In this phase, routine service delivery and joint development pulled the partners in "
              "different directions.")
FQ_CODERS = "Two fictional coders, Coder A and Coder B, coded this report independently."
FQ_DISAGREE = "They disagreed about what the managers' request in the commitment phase shows."


def fictional_nodes() -> list[Node]:
    nodes: list[Node] = []
    add = nodes.append
    fictional = "Invented for the iorkg documentation; not a real organization, person or event."

    add(Node(FSOURCE, (IORKG.SourceDocument,), "fictional field report (fictional)",
             [(IORKG.sourceFile, Literal(FICTIONAL_SOURCE_FILE, datatype=XSD.string))],
             [Ev("FICTIONAL EXAMPLE CASE: invented for the iorkg documentation")],
             comment=fictional))
    add(Node(FCASE, (IORKG.Case,),
             "Fictional example case: Fictional Bakery Oy and Fictional Occupational Health Ltd (fictional)",
             [(IORKG.isFictional, boolean(True)), (IORKG.hasSource, FSOURCE),
              (IORKG.focalRelationship, FPARTNERSHIP)],
             [Ev("**Everything in this text is fictional.**")],
             comment=("A small invented case that shows what the real case cannot: ordered phases, "
                      "a logic that shifts between phases, mixed roles, value definitions by level "
                      "and phase, and two coders' competing readings of one passage.")))
    for coder, name in ((CODER_A, "Coder A"), (CODER_B, "Coder B")):
        add(Node(coder, (IORKG.Person,), f"{name} (fictional coder)", [], [Ev(FQ_CODERS)],
                 comment=fictional))

    add(Node(BAKERY, (IORKG.Employer,), "Fictional Bakery Oy (fictional employer)", [],
             [Ev(FQ_BUYS)], comment=fictional))
    add(Node(FPROVIDER, (IORKG.OccupationalHealthServiceProvider,),
             "Fictional Occupational Health Ltd (fictional OH service provider)", [],
             [Ev(FQ_BUYS)], comment=fictional))
    add(Node(MANAGEMENT, (IORKG.OrganizationalGroup,), "managers of Fictional Bakery Oy (fictional)",
             [(IORKG.groupOf, BAKERY), (IORKG.atLevel, IORKGC.management)],
             [Ev("the bakery's managers asked the provider")]))
    add(Node(EMPLOYEES, (IORKG.OrganizationalGroup,), "employees of Fictional Bakery Oy (fictional)",
             [(IORKG.groupOf, BAKERY), (IORKG.atLevel, IORKGC.employees)],
             [Ev("The bakery's employees said")]))

    add(Node(FTRANSACTION, (IORKG.ServiceTransaction,),
             "purchase of OH services by Fictional Bakery Oy (fictional)",
             [(IORKG.hasParticipant, BAKERY), (IORKG.hasParticipant, FPROVIDER)], [Ev(FQ_BUYS)]))
    add(Node(FPARTNERSHIP, (IORKG.Partnership,),
             "development partnership of Fictional Bakery Oy and Fictional Occupational Health Ltd (fictional)",
             [(IORKG.hasParticipant, BAKERY), (IORKG.hasParticipant, FPROVIDER)],
             [Ev(FQ_PARTNERSHIP)]))
    roles = [("bakery-as-principal", BAKERY, "principal", FTRANSACTION, FQ_MIXED),
             ("provider-as-agent", FPROVIDER, "agent", FTRANSACTION, FQ_BUYS),
             ("bakery-as-partner", BAKERY, "partner", FPARTNERSHIP, FQ_MIXED),
             ("provider-as-partner", FPROVIDER, "partner", FPARTNERSHIP, FQ_PARTNERSHIP)]
    for local, player, role, rel, quote in roles:
        who = "Fictional Bakery Oy" if player == BAKERY else "Fictional Occupational Health Ltd"
        where = "the service transaction" if rel == FTRANSACTION else "the partnership"
        add(Node(F(local), (IORKG.RolePlaying,), f"{who} plays {role} in {where} (fictional)",
                 [(IORKG.player, player), (IORKG.playedRole, IORKGC[role]),
                  (IORKG.inRelationship, rel)], [Ev(quote)]))

    # process, ordered phases, stage types stated by the fictional text
    add(Node(F("process"), (IORKG.Process,), "process of the fictional partnership",
             [(IORKG.processOf, FPARTNERSHIP)], [Ev(FQ_PHASES)]))
    stage_quote = {1: ("negotiation", "The report calls the first phase negotiation"),
                   2: ("commitment", "the second commitment"),
                   3: ("execution", "the third execution")}
    for n, phase in enumerate(PHASES, start=1):
        stage, quote = stage_quote[n]
        add(Node(phase, (IORKG.ProcessPhase,), f"phase {n} of the fictional partnership ({stage})",
                 [(IORKG.phaseOf, F("process")), (IORKG.hasInterval, F(f"phase-{n}-interval"))],
                 [Ev(FQ_PHASES), Ev(quote)]))
        props = []
        if n < 3:
            props.append((TIME.intervalMeets, F(f"phase-{n + 1}-interval")))
        if n == 1:
            props.append((TIME.intervalBefore, F("phase-3-interval")))
        add(Node(F(f"phase-{n}-interval"), (TIME.ProperInterval,),
                 f"interval of phase {n} (fictional; no dates)", props, [Ev(FQ_PHASES)]))
        add(Node(F(f"classification-phase-{n}-{stage}"), (IORKG.Classification,),
                 f"phase {n} typed as {stage} (stated by the fictional report)",
                 [(IORKG.classifies, phase), (IORKG.assignsConcept, IORKGC[stage])],
                 [Ev(quote)]))

    # logics, and a provider whose logic shifts from phase 1 to phase 3
    add(Node(FOPERATIONAL, (IORKG.OperationalLogic,), "operational logic (fictional case)",
             [(IORKG.hasCharacteristic, IORKGC.linear), (IORKG.hasCharacteristic, IORKGC.reactive)],
             [Ev(FQ_OPERATIONAL)]))
    add(Node(FCOCREATION, (IORKG.CoCreationLogic,), "co-creation logic (fictional case)",
             [(IORKG.hasCharacteristic, IORKGC.proactive), (IORKG.hasCharacteristic, IORKGC.iterative)],
             [Ev(FQ_COCREATION)]))
    add(Node(F("holding-provider-operational-phase-1"), (IORKG.LogicHolding,),
             "Fictional Occupational Health Ltd holds the operational logic in phase 1 (fictional)",
             [(IORKG.holder, FPROVIDER), (IORKG.heldLogic, FOPERATIONAL),
              (IORKG.inRelationship, FPARTNERSHIP), (IORKG.during, PHASES[0])],
             [Ev(FQ_PHASE1), Ev(FQ_OPERATIONAL)]))
    add(Node(F("holding-provider-co-creation-phase-3"), (IORKG.LogicHolding,),
             "Fictional Occupational Health Ltd holds the co-creation logic in phase 3 (fictional)",
             [(IORKG.holder, FPROVIDER), (IORKG.heldLogic, FCOCREATION),
              (IORKG.inRelationship, FPARTNERSHIP), (IORKG.during, PHASES[2])],
             [Ev(FQ_PHASE3), Ev(FQ_COCREATION)]))
    # two coders read the same passage differently
    add(Node(F("holding-management-operational-phase-2-coder-a"), (IORKG.LogicHolding,),
             "the bakery's managers hold the operational logic in phase 2 (Coder A's reading, fictional)",
             [(IORKG.holder, MANAGEMENT), (IORKG.heldLogic, FOPERATIONAL),
              (IORKG.inRelationship, FPARTNERSHIP), (IORKG.during, PHASES[1]),
              (IORKG.atLevel, IORKGC.management)],
             [interp(FQ_REQUEST, "Coder A reads the request to run the usual checks as the managers "
                     "treating the collaboration as routine service delivery.", by=CODER_A)]))
    add(Node(F("holding-management-co-creation-phase-2-coder-b"), (IORKG.LogicHolding,),
             "the bakery's managers hold the co-creation logic in phase 2 (Coder B's reading, fictional)",
             [(IORKG.holder, MANAGEMENT), (IORKG.heldLogic, FCOCREATION),
              (IORKG.inRelationship, FPARTNERSHIP), (IORKG.during, PHASES[1]),
              (IORKG.atLevel, IORKGC.management)],
             [interp(FQ_REQUEST, "Coder B reads the same request, paired with the promise to think "
                     "bigger later, as the managers already aiming at joint development.", by=CODER_B),
              interp(FQ_REQUEST_FULL, "Coder B takes the promise that closes the sentence as the "
                     "decisive part of the managers' request.", by=CODER_B)]))
    add(Node(F("coder-disagreement-note"), (IORKG.Claim,),
             "the coders disagreed about the managers' request in phase 2 (fictional)",
             [], [Ev(FQ_DISAGREE)]))

    # value definitions by level and phase
    add(Node(F("value-management-fewer-sick-leave-days"), (IORKG.ValueDefinition,),
             "for management, the partnership is worth it if sick-leave days go down (phase 2, fictional)",
             [(IORKG.valueOf, FPARTNERSHIP), (IORKG.definedBy, MANAGEMENT),
              (IORKG.atLevel, IORKGC.management), (IORKG.during, PHASES[1])],
             [Ev("For the bakery's managers, the partnership was worth it if sick-leave days went down.")]))
    add(Node(F("value-employees-being-heard"), (IORKG.ValueDefinition,),
             "for employees, the value of the partnership is being heard in planning (phase 3, fictional)",
             [(IORKG.valueOf, FPARTNERSHIP), (IORKG.definedBy, EMPLOYEES),
              (IORKG.atLevel, IORKGC.employees), (IORKG.during, PHASES[2])],
             [Ev("The bakery's employees said the value of the partnership was being heard when "
                 "the services were planned.")]))

    # a tension between the two logics, typed by the curators
    add(Node(F("pole-routine-delivery"), (IORKG.TensionPole,), "routine service delivery (fictional)",
             [(IORKG.poleLogic, FOPERATIONAL)], [Ev(FQ_TENSION)]))
    add(Node(F("pole-joint-development"), (IORKG.TensionPole,), "joint development (fictional)",
             [(IORKG.poleLogic, FCOCREATION)], [Ev(FQ_TENSION)]))
    add(Node(F("tension-routine-versus-development"), (IORKG.Tension,),
             "routine delivery versus joint development (fictional)",
             [(IORKG.hasPole, F("pole-routine-delivery")), (IORKG.hasPole, F("pole-joint-development")),
              (IORKG.tensionIn, FPARTNERSHIP), (IORKG.showsDuring, PHASES[1]),
              (IORKG.arisesFrom, FOPERATIONAL), (IORKG.arisesFrom, FCOCREATION)],
             [Ev(FQ_TENSION)]))
    add(Node(F("classification-tension-organizing"), (IORKG.Classification,),
             "the fictional tension typed as an organizing tension (interpreted)",
             [(IORKG.classifies, F("tension-routine-versus-development")),
              (IORKG.assignsConcept, IORKGC.organizing)],
             [interp(FQ_TENSION, "The two poles are rival ways of running the collaboration, which "
                     "the curators read as an organizing tension.")]))
    add(Node(F("assessment"), (IORKG.Assessment,), "review of collective achievements (fictional)",
             [(IORKG.runsThrough, p) for p in PHASES],
             [Ev("The partners reviewed their collective achievements at every steering meeting in "
                 "all three phases.")]))
    for node in nodes:
        if "fictional" not in node.label.lower():
            raise BuildError(f"{node.iri}: a fictional node's label must say fictional")
    return nodes


FICTIONAL_HEADER = """\
# iorkg case graph <https://w3id.org/iorkg/graph/fictional-example>: a FICTIONAL example case.
# Generated by tools/build_case_data.py from data/sources/fictional-example-case.md; do not edit.
# Everything here is invented (iorkg:isFictional true; "fictional" in IRIs and labels).
"""


# --------------------------------------------------------------------------------------------
# Catalogue
# --------------------------------------------------------------------------------------------

CATALOG_HEADER = """\
# The catalogue of the graphs iorkg ships (read by src/iorkg/catalog.py).
# Generated by tools/build_case_data.py; do not edit by hand.
#
# One dcat:Dataset (also a void:Dataset) per named graph, with these fields:
#   sd:name               the IRI of the named graph the file is loaded into
#   dcterms:type          the graph's role, a concept of iorkgc:graph-role-scheme:
#                         iorkgc:ontology-graph | iorkgc:shared-graph | iorkgc:case-graph
#   void:rootResource     for a case graph, its iorkg:Case node; whether the case is fictional is
#                         read from that node (iorkg:isFictional in the case graph), not from here
#   dcat:distribution     a dcat:Distribution whose dcat:downloadURL is the file, relative to this
#                         catalogue (so it resolves wherever the package data lies), and whose
#                         dcat:mediaType is text/turtle
#   dcterms:title / dcterms:description   what the graph holds
#   dcterms:license       CC BY 4.0 for the data and the ontology
#   dcterms:rights        quotes in evidence remain the words of their source's authors
#   void:triples          number of triples in the file when the catalogue was built
"""

TURTLE_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/text/turtle"


def turtle_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def catalog_turtle(counts: dict[str, int]) -> str:
    """The catalogue as Turtle text, written by hand so that file names stay relative IRIs."""
    quote_rights = ("Data CC BY 4.0. The verbatim quotes in the evidence annotations remain the words "
                    "of the authors of the quoted source (Koskela, Kork and Turpeinen); they are "
                    "reproduced as short quotations for reference.")
    entries = [  # name, graph, file relative to data/, role concept, case node, title, description, rights
        ("ontology", "https://w3id.org/iorkg/ontology", "../ontology/iorkg.ttl", "ontology-graph", None,
         "iorkg ontology", "Classes, properties and concept schemes of iorkg (the TBox).",
         "The ontology is licensed CC BY 4.0."),
        ("shared", GRAPH + "shared", "shared.ttl", "shared-graph", None,
         "iorkg shared records",
         "The source paper, its authors, the project curators and the bibliographic records of "
         "the works the paper cites.", quote_rights),
        ("koskela-kork-turpeinen", GRAPH + "koskela-kork-turpeinen", "koskela-kork-turpeinen.ttl",
         "case-graph", CASE, "Case: Koskela, Kork and Turpeinen",
         "The real case of a partnership between an employer and an occupational health service "
         "provider, with verbatim evidence for every node.", quote_rights),
        ("fictional-example", GRAPH + "fictional-example", "fictional-example.ttl", "case-graph", FCASE,
         "Fictional example case (fictional)",
         "An invented case that exercises ordered phases, shifting logics, mixed roles, value "
         "definitions by level and competing interpretations.",
         "Data CC BY 4.0. The case and its source text are fictional."),
    ]
    out = [CATALOG_HEADER,
           "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
           "@prefix dcterms: <http://purl.org/dc/terms/> .",
           "@prefix iorkgc: <https://w3id.org/iorkg/concept/> .",
           "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
           "@prefix void: <http://rdfs.org/ns/void#> .",
           "",
           f"<{CATALOG_IRI}> a dcat:Catalog ;",
           f"    dcterms:title {turtle_string('iorkg shipped graphs')}@en ;",
           "    dcterms:description " + turtle_string(
               "The ontology, the shared bibliographic graph and the case graphs that the iorkg "
               "package ships.") + "@en ;",
           f"    dcterms:license <{CC_BY}> ;",
           "    dcat:dataset " + " ,\n        ".join(f"<{CATALOG_IRI}/{e[0]}>" for e in entries) + " .",
           ""]
    for name, iri, path, role, case, title, description, rights in entries:
        ds = f"{CATALOG_IRI}/{name}"
        out += [f"<{ds}> a dcat:Dataset , void:Dataset ;",
                f"    sd:name <{iri}> ;",
                f"    dcterms:type iorkgc:{role} ;"]
        if case is not None:
            out.append(f"    void:rootResource <{case}> ;")
        out += [f"    dcterms:title {turtle_string(title)}@en ;",
                f"    dcterms:description {turtle_string(description)}@en ;",
                f"    dcterms:license <{CC_BY}> ;",
                f"    dcterms:rights {turtle_string(rights)}@en ;",
                f"    void:triples {counts[name]} ;",
                f"    dcat:distribution <{ds}/turtle> .",
                "",
                f"<{ds}/turtle> a dcat:Distribution ;",
                f"    dcterms:title {turtle_string(title + ' (Turtle file)')}@en ;",
                f"    dcat:downloadURL <{path}> ;",
                f"    dcat:mediaType <{TURTLE_MEDIA_TYPE}> .",
                ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# docs/case.md
# --------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------
# Curation decisions of the 0.2.0 audit (issue 11, item 4), carried as data: docs/case.md renders
# them, and later migrations (the workbook) can read them from here. Each: the reading as it
# stood, the node(s) before, the decision, the node(s) after, and why.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    reading: str
    before: tuple[str, ...]
    decision: str                   # "kept" | "rebased" | "withdrawn"
    after: tuple[str, ...]
    why: str


DECISIONS = [
    Decision("the provider holds the operational logic",
             ("kkt:holding-provider-operational-logic",), "withdrawn", (),
             "Its first quote says what managing the partnership needs if it is seen as a linear, "
             "reactive process, not who holds the logic; its second belongs to the second puzzle and "
             "describes how OH care in general ties the customer to the provider's value chain, a "
             "relation rather than a holding. No passage attributes either logic to a party."),
    Decision("recognizing the strategic value of shared knowledge as a value of the partnership "
             "defined by the authors",
             ("kkt:value-strategic-value-of-shared-knowledge",), "withdrawn",
             ("kkt:claim-shared-knowledge-key-to-value-co-creation",),
             "The text calls this capability the key factor from the value co-creation perspective "
             "and closes the sentence with a citation; it does not call it the partnership's value. "
             "The claim and its citation are relabelled in the text's words; nothing is attributed "
             "to the cited authors as a definer."),
    Decision("mutual knowledge of complementary resources as a value definition",
             ("kkt:value-mutual-knowledge-of-complementary-resources",), "withdrawn",
             ("kkt:claim-sensemaking-enhances-mutual-knowledge",),
             "The text says the sensemaking process in co-creation enhances partners' mutual "
             "knowledge, a process and its effect, without calling it a value; the sentence is now "
             "the evidence of one claim of the authors."),
    Decision("the service agreement mandated by law",
             ("kkt:service-agreement (iorkg:mandatedBy, interpreted, on a stated node)",), "rebased",
             ("kkt:service-agreement-mandated-by-law",),
             "The text mandates the provision of OH services, not the agreement: the link stays an "
             "interpretation, in a statement of its own, on the footnote's law sentence and its "
             "two-documents sentence, keeping the footnote marker as the link to this case; footnote "
             "1 describes Finnish OH care in general."),
    Decision("the action plan mandated by law",
             ("kkt:oh-action-plan (iorkg:mandatedBy, interpreted, on a stated node)",), "rebased",
             ("kkt:oh-action-plan-mandated-by-law",),
             "The footnote calls the plan \"Mandatory\" without saying what mandates it: the link to "
             "the law stays an interpretation, in a statement of its own, on the sentences that "
             "carry it and the footnote marker."),
    Decision("the action plan agreed between this employer and this provider",
             ("kkt:oh-action-plan (iorkg:agreedBetween, interpreted, on a stated node)",), "rebased",
             ("kkt:oh-action-plan-agreed-by-employer", "kkt:oh-action-plan-agreed-by-provider"),
             "Footnote 1 says that in the action plan the workplace and the OH service provider "
             "define and agree the aims; applying it to this case's parties is a reading, now one "
             "statement per party on that sentence and the footnote marker."),
    Decision("the operational logic classified under the professional order",
             ("kkt:classification-operational-logic-profession",), "withdrawn", (),
             "Its quote is about the existing norms, roles and routines of OH in the second puzzle, "
             "not about the operational logic; no quote about the operational logic carries an "
             "institutional order, and no other order is swapped in on equally thin grounds."),
    Decision("continuous assessment as an event running through the formation phase",
             ("kkt:continuous-assessment",), "withdrawn", ("kkt:claim-continuous-assessment",),
             "The text calls for continuous assessment of collective achievements and for continuous "
             "evaluation; it does not report that an assessment took place, so the timeline shows "
             "none. The call is one claim of the authors with both quotes."),
    Decision("a governing document of a relationship of this case (iorkg:governedBy)",
             (), "kept", ("kkt:partnership-governed-by-oh-action-plan",),
             "Recorded for the action plan and the partnership only, as an interpretation: the "
             "footnote calls the plan a fundamental base for the collaboration of OH care in "
             "general, and the text calls this case's partnership OH collaboration. None for the "
             "service agreement: the footnote says only that it stipulates the content and coverage "
             "of services, and tying it to the service transaction would rest on its name alone."),
    Decision("the development project's participants (the employer and the provider)",
             ("kkt:development-project (iorkg:hasParticipant, interpreted, on a stated node)",),
             "kept", ("kkt:development-project-participant-employer",
                      "kkt:development-project-participant-provider"),
             "The reading stands (the text describes the partnership right after the project), but "
             "each participant is now a statement of its own, so the project's stated aim keeps its "
             "stated status."),
    Decision("two placeholder poles for each of the two tensions the abstract names",
             ("kkt:tension-sensemaking-in-value-co-creation-pole-1-unnamed",
              "kkt:tension-sensemaking-in-value-co-creation-pole-2-unnamed",
              "kkt:tension-controlling-the-development-processes-pole-1-unnamed",
              "kkt:tension-controlling-the-development-processes-pole-2-unnamed"), "withdrawn",
             ("kkt:tension-sensemaking-in-value-co-creation", "kkt:tension-controlling-the-development-processes"),
             "The text names the two tensions but not what they pull between; placeholder poles with "
             "stated evidence were invented structure. The tensions now leave their poles unknown "
             "(iorkg:leavesUnknown iorkgc:slot-poles)."),
]


# --------------------------------------------------------------------------------------------
# One status per triple, and the sentences of the abstract and extended abstract
# --------------------------------------------------------------------------------------------

# the property each statement slot stands for (docs/design.md, "One status per triple")
SLOT_PROPERTY = {
    IORKGC["slot-holder"]: IORKG.holder, IORKGC["slot-role"]: IORKG.inRole,
    IORKGC["slot-phase"]: IORKG.during, IORKGC["slot-level"]: IORKG.atLevel,
    IORKGC["slot-definer"]: IORKG.definedBy, IORKGC["slot-stage-type"]: IORKG.assignsConcept,
    IORKGC["slot-citation-intent"]: CITO.hasCitationCharacterization, IORKGC["slot-poles"]: IORKG.hasPole,
}
NO_STATUS = {RDFS.label, RDFS.comment, DCTERMS.description, IORKG.inCase, IORKG.hasEvidence}


def triple_statuses(g: Graph):
    """(subject, predicate, object, statuses) for every triple of a case node (not an evidence node
    or its target and selectors) other than labels, comments, descriptions and bookkeeping."""
    for s, p, o in sorted(g):
        if isinstance(s, BNode) or p in NO_STATUS or (s, RDF.type, IORKG.Evidence) in g:
            continue
        slotted, whole = set(), set()
        for ev in g.objects(s, IORKG.hasEvidence):
            status = str(g.value(ev, IORKG.epistemicStatus)).rsplit("/", 1)[-1]
            slots = set(g.objects(ev, IORKG.supportsSlot))
            if not slots:
                whole.add(status)
            elif any(SLOT_PROPERTY.get(slot) == p for slot in slots):
                slotted.add(status)
        yield s, p, o, (slotted or whole)


def check_one_status(g: Graph) -> None:
    bad = [(s, p, o, st) for s, p, o, st in triple_statuses(g) if len(st) != 1]
    if bad:
        raise BuildError(f"triples without exactly one status: {bad[:5]}")


@dataclass(frozen=True)
class Sentence:
    part: str
    text: str          # whitespace folded, markdown kept
    segments: tuple    # (start, end) code points into the source, end exclusive: a sentence that
                       # a page break interrupts (the footnote) has several

    def overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.segments)


SKIPPED_LINES = ("#", "---", "Figure 1. The study design")
NO_SPLIT_AFTER = ("cf.", "al.", "e.g.", "i.e.")


def source_sentences(text: str) -> list[Sentence]:
    """The sentences of the abstract, the extended abstract and its footnote, in reading order.

    The body runs from the 'Abstract' heading to '## References'. Headings, the '---' rule, the
    figure caption and blank lines are dropped; lines are joined with one space (a page break
    inside a sentence closes up), and footnote 1, which the page break puts inside a sentence,
    is read after the body. A sentence ends at '.', '?' or '!' followed by white space, except
    after 'cf.', 'al.', 'e.g.' and 'i.e.'."""
    import re

    begin = text.index("### **Abstract**")
    stop = text.index("## References")
    flows: dict[str, list[tuple[str, int]]] = {"abstract": [], "extended abstract": [], "footnote 1": []}
    part = "abstract"
    pos = begin
    for line in text[begin:stop].splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        stripped = line.strip()
        if stripped.startswith("### **Extended abstract**"):
            part = "extended abstract"
        if not stripped or stripped.startswith(SKIPPED_LINES):
            continue
        flow = flows["footnote 1" if stripped.startswith("<sup>1</sup> ") else part]
        lead = len(line) - len(line.lstrip())
        if flow:
            flow.append((" ", -1))
        flow.extend((ch, line_start + lead + i) for i, ch in enumerate(line.strip()))
    out = []
    for part, flow in flows.items():
        folded: list[tuple[str, int]] = []
        for ch, off in flow:
            if ch.isspace():
                if folded and folded[-1][0] != " ":
                    folded.append((" ", -1))
            else:
                folded.append((ch, off))
        chars = "".join(ch for ch, _ in folded)
        cuts = [0]
        for m in re.finditer(r"[.?!] ", chars):
            before = chars[:m.start() + 1]
            if not before.endswith(NO_SPLIT_AFTER):
                cuts.append(m.end())
        cuts.append(len(chars))
        for a, b in zip(cuts, cuts[1:]):
            piece = folded[a:b]
            while piece and piece[-1][0] == " ":
                piece = piece[:-1]
            if piece:
                segments: list[list[int]] = []
                for off in (off for _, off in piece if off >= 0):
                    if segments and off <= segments[-1][1] + 1:
                        segments[-1][1] = off
                    else:
                        segments.append([off, off])
                out.append(Sentence(part, "".join(ch for ch, _ in piece),
                                    tuple((a, b + 1) for a, b in segments)))
    return out


# Why a sentence of the abstract or extended abstract backs no node: keyed by its opening words.
NOT_MODELLED = {
    "Recently, organizations and business firms":
        "General background on organizations in many sectors, without a citation and without "
        "anything about the case or its partnership.",
    "To take advantage of surrounding networks":
        "General background on why IORs are formed, without a citation and without anything "
        "about the case.",
}


def coverage_rows(g: Graph, text: str) -> list[tuple[Sentence, list[str], str]]:
    """Each sentence, the case nodes whose evidence quotes lie in it, and why none if none."""
    spans = []
    for node, ev in g.subject_objects(IORKG.hasEvidence):
        target = g.value(ev, OA.hasTarget)
        for sel in g.objects(target, OA.hasSelector):
            if g.value(sel, OA.start) is not None:
                spans.append((int(g.value(sel, OA.start)), int(g.value(sel, OA.end)), node))
    rows, used = [], set()
    for sentence in source_sentences(text):
        nodes = sorted({short(g, n) for a, b, n in spans if sentence.overlaps(a, b)})
        reason = ""
        for opening, why in NOT_MODELLED.items():
            if sentence.text.startswith(opening) and why:
                used.add(opening)
                reason = why
        if not nodes and not reason:
            raise BuildError(f"sentence backs no node and has no reason: {sentence.text!r}")
        if nodes and reason:
            raise BuildError(f"sentence backs nodes yet has a reason: {sentence.text!r}")
        rows.append((sentence, nodes, reason))
    stale = {k for k, v in NOT_MODELLED.items() if v} - used
    if stale:
        raise BuildError(f"reasons for sentences that are not in the source: {stale}")
    return rows


CATEGORIES = [
    ("case", "Case", [IORKG.Case]),
    ("parties", "Parties (organizations)", [IORKG.Employer, IORKG.OccupationalHealthServiceProvider]),
    ("relationships", "Relationships", [IORKG.Partnership, IORKG.ServiceTransaction,
                                        IORKG.DevelopmentProject]),
    ("roles", "Roles (role-playing statements)", [IORKG.RolePlaying]),
    ("documents", "Governing documents, law, discourse, expected outcomes",
     [IORKG.ServiceAgreement, IORKG.OccupationalHealthActionPlan, IORKG.Law, IORKG.Discourse,
      IORKG.ExpectedOutcome]),
    ("statements", "Single interpreted triples (qualified statements)", [IORKG.QualifiedStatement]),
    ("aims", "Aims (of the partnership and of the project)", [IORKG.Aim]),
    ("logics", "Logics and practices", [IORKG.OperationalLogic, IORKG.CoCreationLogic, IORKG.Practice]),
    ("holdings", "Logic holdings", [IORKG.LogicHolding]),
    ("tensions", "Tensions, puzzles and poles", [IORKG.Puzzle, IORKG.Tension, IORKG.TensionPole]),
    ("classifications", "Classifications (typing against reference schemes)", [IORKG.Classification]),
    ("process", "Process, phase, interval, assessment",
     [IORKG.Process, IORKG.ProcessPhase, TIME.ProperInterval, IORKG.Assessment]),
    ("values", "Value definitions", [IORKG.ValueDefinition]),
    ("study", "Study and its duration", [IORKG.Study, TIME.Duration]),
    ("claims", "Claims", [IORKG.Claim]),
    ("citations", "Citations", [IORKG.Citation]),
]
SKIP_IN_READING = {RDF.type, RDFS.label, RDFS.comment, IORKG.inCase, IORKG.hasEvidence}


def category_of(g: Graph, node: URIRef) -> str:
    types = set(g.objects(node, RDF.type))
    for key, _, classes in CATEGORIES:
        if types & set(classes):
            return key
    raise BuildError(f"{node}: no category for its types {types}")


def short(g: Graph, term) -> str:
    if isinstance(term, Literal):
        return f'"{term}"'
    return term.n3(g.namespace_manager)


def evidence_rows(g: Graph):
    """(node, evidence, status, exact, rationale, attributed) for every evidence node."""
    for node, ev in sorted(g.subject_objects(IORKG.hasEvidence)):
        status = str(g.value(ev, IORKG.epistemicStatus)).rsplit("/", 1)[-1]
        target = g.value(ev, OA.hasTarget)
        exact = next(str(g.value(sel, OA.exact)) for sel in g.objects(target, OA.hasSelector)
                     if g.value(sel, OA.exact) is not None)
        yield node, ev, status, exact, g.value(ev, IORKG.rationale), g.value(ev, PROV.wasAttributedTo)


def counts_table(g: Graph) -> list[str]:
    """The counts table of docs/case.md and README.md: nodes and evidence per category."""
    counts = {key: [set(), Counter()] for key, _, _ in CATEGORIES}
    for node, ev, status, *_ in evidence_rows(g):
        key = category_of(g, node)
        counts[key][0].add(node)
        counts[key][1][status] += 1
    lines = ["| what | nodes | stated evidence | interpreted evidence |", "|---|---:|---:|---:|"]
    total = Counter()
    for key, title, _ in CATEGORIES:
        nodes, c = counts[key]
        total.update(c)
        lines.append(f"| {title} | {len(nodes)} | {c['stated']} | {c['interpreted']} |")
    all_nodes = set().union(*(v[0] for v in counts.values()))
    lines.append(f"| **all** | {len(all_nodes)} | {total['stated']} | {total['interpreted']} |")
    return lines


def reading_of(g: Graph, node) -> str:
    """What a node asserts: its triples other than type, label and bookkeeping; for a statement
    of one triple (rdf:subject/predicate/object) that triple."""
    if g.value(node, RDF.predicate) is not None:
        return (f"{short(g, g.value(node, RDF.subject))} {short(g, g.value(node, RDF.predicate))} "
                f"{short(g, g.value(node, RDF.object))} (recorded, not asserted)")
    return "; ".join(f"{short(g, p)} {short(g, o)}" for p, o in sorted(g.predicate_objects(node))
                     if p not in SKIP_IN_READING)


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def case_doc(g: Graph, fictional: Graph, text: str) -> str:
    interpreted = [(category_of(g, node), node, ev, exact, rationale, by)
                   for node, ev, status, exact, rationale, by in evidence_rows(g)
                   if status == "interpreted"]
    lines = [
        "# The case in the graph",
        "",
        "<!-- Generated by tools/build_case_data.py; do not edit by hand. -->",
        "",
        "This page lists what `data/koskela-kork-turpeinen.ttl` (graph "
        "`https://w3id.org/iorkg/graph/koskela-kork-turpeinen`) records about the case of "
        "Koskela, Kork and Turpeinen, and every assertion in it that is an interpretation rather "
        "than something the text states. Each case node has one or more evidence nodes; each "
        "evidence node quotes the source verbatim and is either *stated* or *interpreted*. The "
        "counts below count evidence nodes (one per node and quote), so a node backed by two "
        "quotes counts twice.",
        "",
    ] + counts_table(g)
    lines += [
        "",
        f"The graph has {len(g)} triples. Shared bibliographic records (16: 13 reference-list "
        "entries and 3 works cited but not listed) are in `data/shared.ttl`; the fictional "
        f"example case (`data/fictional-example.ttl`, {len(fictional)} triples) is not counted here.",
        "",
        "## What the text leaves open",
        "",
        "- No organization or person of the case is named; the parties are labelled by the "
        "descriptions the text gives.",
        "- No case event is dated, and the only phase is the formation of the partnership; its "
        "interval has no dates, and no Ring & Van de Ven stage type is assigned to it (the text "
        "maps none).",
        "- Neither logic is attributed by the text to a party, a role, a phase or a level: the two "
        "holdings that record the logics as embedded in the collaboration leave holder, role, "
        "phase and level unknown, and no holding names a holder.",
        "- The two tensions the abstract names besides the puzzles (sensemaking in value "
        "co-creation; controlling the development processes) have no poles in the text; they "
        "leave their poles unknown (`iorkg:leavesUnknown iorkgc:slot-poles`).",
        "- The value definitions are the authors'; the level and phase at which the value is "
        "defined are left unknown. The process view is meant to analyse value definitions at "
        "different stages and levels, but the text gives none (a claim of the authors, not data).",
        "- The study reveals institutional constraints and resources, and Finnish occupational "
        "health care has lately seen many institutional changes: the text names none, so none is "
        "recorded beyond the two claims.",
        "- The text calls for continuous assessment; it reports none, so there is no assessment "
        "event.",
        "- Footnote 1 describes Finnish occupational health care in general; every reading that "
        "applies it to this case (the law mandating the documents, the parties agreeing the "
        "action plan, the plan governing the partnership) is an interpretation of its own.",
        "- 'Traditionally, the customer is connected to the value chain of the service provider' "
        "describes occupational health care in general and is not modelled as a phase.",
        "",
        "## Every interpreted assertion",
        "",
        "Each row is one interpreted evidence node: the node it backs, what that node asserts "
        "(its triples other than type, label and bookkeeping), the quote, the rationale and who "
        "the reading is attributed to. For citations the interpretation covers only the citation "
        "intent (`iorkg:supportsSlot iorkgc:slot-citation-intent`); that the claim cites the work "
        "is stated. A single interpreted triple is a qualified statement of its own (`rdf:subject`, "
        "`rdf:predicate`, `rdf:object`), so the stated node it is about keeps only stated "
        "evidence: every triple of the case graph has exactly one status (docs/design.md, \"One "
        "status per triple\").",
        "",
    ]
    for key, title, _ in CATEGORIES:
        rows = [r for r in interpreted if r[0] == key]
        if not rows:
            continue
        lines += [f"### {title} ({len(rows)})", "",
                  "| node | reading | quote | rationale | by |", "|---|---|---|---|---|"]
        for _, node, ev, exact, rationale, by in rows:
            lines.append(f"| `{short(g, node)}` — {g.value(node, RDFS.label)} | {reading_of(g, node)} | "
                         f"“{cell(exact)}” | {rationale} | `{short(g, by)}` |")
        lines.append("")
    lines += [
        "## Decisions of the 0.2.0 audit",
        "",
        "Each reading an independent audit judged weak or unsupported, and what became of it: "
        "*kept*, *rebased* on a quote that carries it, or *withdrawn*. The list is data in "
        "`tools/build_case_data.py` (`DECISIONS`), so later migrations can carry it.",
        "",
        "| reading | before | decision | after | why |",
        "|---|---|---|---|---|",
    ]
    for d in DECISIONS:
        before = ", ".join(f"`{b}`" for b in d.before) or "—"
        after = ", ".join(f"`{a}`" for a in d.after) or "—"
        lines.append(f"| {cell(d.reading)} | {before} | **{d.decision}** | {after} | {cell(d.why)} |")
    lines += [
        "",
        "## Coverage of the abstract and the extended abstract",
        "",
        "Every sentence of the abstract, the extended abstract and its footnote, in reading order, "
        "with the case nodes whose evidence quotes lie in it, or why it is deliberately not "
        "modelled. Sentences are split as `source_sentences` in the generator says: the text from "
        "the Abstract heading to the references, without headings, the page rule, the figure "
        "caption and blank lines, lines joined with one space (a page break inside a sentence "
        "closes up), footnote 1 read after the body; a sentence ends at '.', '?' or '!' before "
        "white space, except after 'cf.', 'al.', 'e.g.' and 'i.e.'.",
        "",
        "| # | part | sentence | nodes its quotes back | not modelled because |",
        "|---:|---|---|---|---|",
    ]
    for number, (sentence, nodes, reason) in enumerate(coverage_rows(g, text), start=1):
        node_list = ", ".join(f"`{n}`" for n in nodes)
        lines.append(f"| {number} | {sentence.part} | {cell(sentence.text)} | {node_list} | {cell(reason)} |")
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

def real_source_path() -> Path:
    candidates = []
    env = os.environ.get("IORKG_SOURCE_DIR")
    if env:
        candidates += [Path(p) for p in env.split(os.pathsep) if p]
    candidates.append(REPO.parent / "shared" / "case-source")
    for folder in candidates:
        if (folder / REAL_SOURCE_FILE).is_file():
            return folder / REAL_SOURCE_FILE
    raise BuildError(f"{REAL_SOURCE_FILE} not found in {', '.join(map(str, candidates))}")


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:   # keep line endings as on disk
        return fh.read()


def write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def turtle(g: Graph, header: str) -> str:
    return header + "\n" + g.serialize(format="turtle")


def build_case(ns, case, source_iri, text, nodes) -> GraphBuilder:
    b = GraphBuilder(ns, source_iri, text, case)
    iris = [n.iri for n in nodes]
    dupes = [i for i, c in Counter(iris).items() if c > 1]
    if dupes:
        raise BuildError(f"duplicate nodes: {dupes}")
    for node in nodes:
        b.add(node)
    return b


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    real_text = read_text(real_source_path())
    fictional_text = read_text(REPO / "data" / "sources" / FICTIONAL_SOURCE_FILE)

    shared = build_shared(real_text)
    real = build_case(KKT, CASE, PAPER, real_text, real_case_nodes())
    fictional = build_case(FX, FCASE, FSOURCE, fictional_text, fictional_nodes())

    outputs = {
        "data/shared.ttl": turtle(shared.g, SHARED_HEADER),
        "data/koskela-kork-turpeinen.ttl": turtle(real.g, CASE_HEADER),
        "data/fictional-example.ttl": turtle(fictional.g, FICTIONAL_HEADER),
    }
    ontology = REPO / "ontology" / "iorkg.ttl"
    counts = {
        "ontology": len(Graph().parse(ontology)) if ontology.is_file() else 0,
        "shared": len(shared.g), "koskela-kork-turpeinen": len(real.g),
        "fictional-example": len(fictional.g),
    }
    outputs["data/catalog.ttl"] = catalog_turtle(counts)
    check_one_status(real.g)
    check_one_status(fictional.g)
    outputs["docs/case.md"] = case_doc(real.g, fictional.g, real_text)

    for rel, content in outputs.items():
        if rel.endswith(".ttl"):   # must parse back (relative IRIs against the file's place)
            Graph().parse(data=content, format="turtle", publicID=(REPO / rel).as_uri())
        if not check_only:
            write_atomic(REPO / rel, content)
    status = Counter(s for _, _, s, *_ in evidence_rows(real.g))
    print(f"triples: {counts}")
    print(f"real case evidence: stated {status['stated']}, interpreted {status['interpreted']}")
    print("checked (nothing written)" if check_only else f"wrote {', '.join(outputs)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BuildError as err:
        print(f"build_case_data: {err}", file=sys.stderr)
        sys.exit(1)
