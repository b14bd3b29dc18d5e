"""The hand-maintained shared graph (data/shared.ttl) agrees with the source text.

The paper, its authors and the bibliographic records are not a case (no case node, no evidence
annotations), so they are kept as Turtle by hand rather than as a case workbook; these tests do
what the retired generator checked while it wrote them. Expectations are read from the source:
the reference list is split into entries here, independently of the data. Skipped, with the
reason printed, where the source text is not on this machine.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from case_source import source
from rdflib import RDF, RDFS, Graph, Literal, Namespace

REPO = Path(__file__).resolve().parents[1]
SOURCE_FILE = "koskela-kork-turpeinen-ior-oh.md"
IORKG = Namespace("https://w3id.org/iorkg/ontology#")
IORKGS = Namespace("https://w3id.org/iorkg/shared/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")
ENTRY_START = re.compile(r"^(?:- )?[A-Z][\w' -]*, [A-Z]\.")


@lru_cache(maxsize=1)
def shared() -> Graph:
    return Graph().parse(REPO / "data" / "shared.ttl", format="turtle")




def reference_entries(text: str) -> list[str]:
    """The reference list's entries: a line that opens with 'Surname, X.' starts one, any other
    line (the part of an entry after a page break) continues it; bullets and the markdown
    asterisks dropped, lines joined with one space."""
    entries: list[str] = []
    for line in text[text.index("## References") + len("## References"):].splitlines():
        line = line.strip()
        if not line:
            continue
        if ENTRY_START.match(line):
            entries.append(line.removeprefix("- "))
        else:
            entries[-1] += " " + line
    return [entry.replace("*", "") for entry in entries]


def records(listed: bool) -> list:
    g = shared()
    return [r for r in g.subjects(RDF.type, IORKG.BibliographicReference)
            if g.value(r, IORKG.inReferenceList) == Literal(listed)]


def test_each_listed_record_cites_its_reference_list_entry_as_printed():
    entries = reference_entries(source())
    assert len(entries) == 13
    g = shared()
    cited = sorted(str(g.value(r, DCTERMS.bibliographicCitation)) for r in records(True))
    assert cited == sorted(entries)


def test_each_listed_record_has_its_authors_title_and_year_in_its_entry():
    g = shared()
    for record in records(True):
        entry = str(g.value(record, DCTERMS.bibliographicCitation))
        for prop in (IORKG.authorString, DCTERMS.title, FABIO.hasPublicationYear):
            value = g.value(record, prop)
            assert value is not None and str(value) in entry, (record, prop)


def test_each_citation_label_is_cited_in_the_text_before_the_reference_list():
    body = re.sub(r"\s+", " ", source()[:source().index("## References")])
    g = shared()
    for record in g.subjects(RDF.type, IORKG.BibliographicReference):
        assert str(g.value(record, IORKG.citationLabel)) in body, record


def test_works_cited_but_not_listed_are_absent_from_the_list_and_say_so():
    entries = " ".join(reference_entries(source()))
    g = shared()
    unlisted = records(False)
    assert len(unlisted) == 3
    for record in unlisted:
        assert str(g.value(record, IORKG.authorString)).split()[0] not in entries, record
        assert "absent from the reference list" in str(g.value(record, IORKG.citationDiscrepancy))
        assert g.value(record, DCTERMS.bibliographicCitation) is None


def test_the_paper_cites_every_record():
    g = shared()
    assert set(g.objects(IORKGS.paper, CITO.cites)) == set(g.subjects(RDF.type, IORKG.BibliographicReference))


def test_the_paper_title_is_the_sources_heading():
    title = str(shared().value(IORKGS.paper, DCTERMS.title))
    assert f"## **{title}**" in source()


def test_the_authors_are_ranked_in_the_order_the_source_prints_them():
    text = source()
    g = shared()
    ranked = sorted((int(g.value(a, IORKG.authorRank)), str(g.value(g.value(a, IORKG.author), RDFS.label)))
                    for a in g.objects(IORKGS.paper, IORKG.hasAuthorship))
    names = [name for _, name in ranked]
    assert [rank for rank, _ in ranked] == [1, 2, 3]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions) and positions[-1] < text.index("### **Abstract**")


def test_each_affiliation_is_printed_under_its_author():
    text = source()
    g = shared()
    label = RDFS.label
    for authorship in g.objects(IORKGS.paper, IORKG.hasAuthorship):
        name = str(g.value(g.value(authorship, IORKG.author), label))
        affiliation = str(g.value(g.value(authorship, IORKG.authorAffiliation), label))
        after = text[text.index(name) + len(name):]
        assert after.lstrip(", \n").startswith(affiliation), name


def test_the_shared_graph_carries_no_case_nodes_or_evidence():
    g = shared()
    assert not list(g.triples((None, IORKG.inCase, None)))
    assert not list(g.triples((None, IORKG.hasEvidence, None)))
