"""Facts about the Koskela-Kork-Turpeinen case, read from the source text, hold in the data.

The expected values here come from reading the source (and, where cheap, are re-read from it by
the test); they are never taken from the data under test. rdflib only; the iorkg package is not
imported.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from case_source import source
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

REPO = Path(__file__).resolve().parents[1]
IORKG = Namespace("https://w3id.org/iorkg/ontology#")
IORKGC = Namespace("https://w3id.org/iorkg/concept/")
IORKGS = Namespace("https://w3id.org/iorkg/shared/")
KKT = Namespace("https://w3id.org/iorkg/case/koskela-kork-turpeinen/")
FX = Namespace("https://w3id.org/iorkg/fictional/example-case/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
SOURCE_FILE = "koskela-kork-turpeinen-ior-oh.md"


@lru_cache(maxsize=None)
def graph(rel: str) -> Graph:
    return Graph().parse(REPO / rel, format="turtle")


def case() -> Graph:
    return graph("data/koskela-kork-turpeinen.ttl")


def shared() -> Graph:
    return graph("data/shared.ttl")


def fictional() -> Graph:
    return graph("data/fictional-example.ttl")




def statuses(g: Graph, node) -> set[str]:
    return {str(g.value(ev, IORKG.epistemicStatus)).rsplit("/", 1)[-1]
            for ev in g.objects(node, IORKG.hasEvidence)}


def exacts(g: Graph, node) -> list[str]:
    out = []
    for ev in g.objects(node, IORKG.hasEvidence):
        for sel in g.objects(g.value(ev, OA.hasTarget), OA.hasSelector):
            if g.value(sel, OA.exact) is not None:
                out.append(str(g.value(sel, OA.exact)))
    return out


def role_players(g: Graph, role: URIRef, relationship_class: URIRef) -> dict:
    """player -> set of evidence statuses, for role-playing nodes of `role` in that kind of relationship."""
    out: dict = {}
    for rp in g.subjects(RDF.type, IORKG.RolePlaying):
        rel = g.value(rp, IORKG.inRelationship)
        if g.value(rp, IORKG.playedRole) == role and (rel, RDF.type, relationship_class) in g:
            out.setdefault(g.value(rp, IORKG.player), set()).update(statuses(g, rp))
    return out


def is_a(g: Graph, node, cls) -> bool:
    return (node, RDF.type, cls) in g


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# ---- roles ---------------------------------------------------------------------------------

def test_employer_plays_principal_in_the_service_transaction_as_an_interpretation():
    # the text names "a principal (buyer) and an agent (seller)" but maps neither to a party
    assert "as a principal (buyer) and an agent (seller)" in source()
    g = case()
    players = role_players(g, IORKGC.principal, IORKG.ServiceTransaction)
    assert len(players) == 1
    (player, status), = players.items()
    assert is_a(g, player, IORKG.Employer)
    assert status == {"interpreted"}


def test_provider_plays_agent_in_the_service_transaction_as_an_interpretation():
    g = case()
    players = role_players(g, IORKGC.agent, IORKG.ServiceTransaction)
    assert len(players) == 1
    (player, status), = players.items()
    assert is_a(g, player, IORKG.OccupationalHealthServiceProvider)
    assert status == {"interpreted"}


def test_employer_and_provider_are_both_partners_in_the_partnership():
    assert "The partnership between a global wholesale trader (employer) and a growing healthcare company" in source()
    g = case()
    players = role_players(g, IORKGC.partner, IORKG.Partnership)
    kinds = {next(t for t in g.objects(p, RDF.type)) for p in players}
    assert kinds == {IORKG.Employer, IORKG.OccupationalHealthServiceProvider}


def test_parties_are_not_named_beyond_the_descriptions_in_the_text():
    g = case()
    employer = next(g.subjects(RDF.type, IORKG.Employer))
    provider = next(g.subjects(RDF.type, IORKG.OccupationalHealthServiceProvider))
    assert "a global wholesale trader" in str(g.value(employer, RDFS.label))
    assert "a growing healthcare company" in str(g.value(provider, RDFS.label))


# ---- tensions -------------------------------------------------------------------------------

def test_there_are_exactly_three_puzzles():
    assert "we found three “puzzles”" in source()
    assert len(set(case().subjects(RDF.type, IORKG.Puzzle))) == 3


def test_every_tension_has_two_distinct_poles_or_leaves_them_unknown():
    g = case()
    tensions = set(g.subjects(RDF.type, IORKG.Tension)) | set(g.subjects(RDF.type, IORKG.Puzzle))
    assert len(tensions) == 5
    for t in tensions:
        poles = set(g.objects(t, IORKG.hasPole))
        if (t, IORKG.leavesUnknown, IORKGC["slot-poles"]) in g:
            assert not poles, t
        else:
            assert len(poles) == 2 and all(is_a(g, p, IORKG.TensionPole) for p in poles), t


def test_the_two_tensions_the_abstract_names_leave_their_poles_unknown():
    # "including sensemaking in value co-creation and controlling the development processes":
    # named, but the text never says what either pulls between
    assert "including sensemaking in value co-creation and controlling the development processes" in source()
    g = case()
    unknown = {t for t in g.subjects(IORKG.leavesUnknown, IORKGC["slot-poles"])}
    labels = sorted(str(g.value(t, RDFS.label)) for t in unknown)
    assert len(labels) == 2
    assert "controlling the development processes" in labels[0] and "sensemaking" in labels[1]
    assert not [p for p in g.subjects(RDF.type, IORKG.TensionPole) if "unnamed" in str(p)]


def test_third_puzzle_sets_the_operational_logic_against_the_co_creation_logic():
    assert "This leads us to the third puzzle" in source()
    g = case()
    linked = [{g.value(p, IORKG.poleLogic) for p in g.objects(t, IORKG.hasPole)}
              for t in g.subjects(RDF.type, IORKG.Puzzle)]
    logic_pairs = [pair for pair in linked if None not in pair]
    assert len(logic_pairs) == 1
    kinds = {next(g.objects(logic, RDF.type)) for logic in logic_pairs[0]}
    assert kinds == {IORKG.OperationalLogic, IORKG.CoCreationLogic}


# ---- bibliography and citations ----------------------------------------------------------------

def test_reference_list_has_thirteen_records():
    text = source()
    references = text[text.index("## References"):]
    # an entry starts a line (bulleted or not) with "Surname, X."; the Vlaar 2007a entry
    # continues after a page break on a line that starts in lower case
    entries = re.findall(r"^(?:- )?[A-Z][\w' -]*, [A-Z]\.", references, flags=re.M)
    assert len(entries) == 13
    listed = set(shared().subjects(IORKG.inReferenceList, Literal(True)))
    assert len(listed) == 13


def test_failure_rate_claim_cites_exactly_barringer_harrison_2000_and_kauser_shaw_2004():
    assert "50 to 70% of IORs end up as failures (Barringer & Harrison, 2000; Kauser & Shaw, 2004)" in source()
    g, s = case(), shared()
    claims = [c for c in g.subjects(RDF.type, IORKG.Claim)
              if any("50 to 70%" in q for q in exacts(g, c))]
    assert len(claims) == 1
    cited = {str(s.value(g.value(cit, CITO.hasCitedEntity), IORKG.citationLabel))
             for cit in g.subjects(CITO.hasCitingEntity, claims[0])}
    assert cited == {"Barringer & Harrison, 2000", "Kauser & Shaw, 2004"}


def test_every_in_text_citation_occurrence_has_one_citation_node():
    text = source()
    body = fold(text[:text.index("## References")])
    g, s = case(), shared()
    labels = {ref: str(s.value(ref, IORKG.citationLabel))
              for ref in s.subjects(RDF.type, IORKG.BibliographicReference)}
    in_text = Counter({label: body.count(label) for label in labels.values()})
    in_data = Counter(labels[g.value(c, CITO.hasCitedEntity)] for c in g.subjects(RDF.type, IORKG.Citation))
    assert sum(in_text.values()) == 23
    assert in_data == in_text


def test_citation_intents_are_interpreted_and_citing_links_stated():
    g = case()
    for cit in g.subjects(RDF.type, IORKG.Citation):
        assert g.value(cit, CITO.hasCitationCharacterization) is not None
        evidence = list(g.objects(cit, IORKG.hasEvidence))
        intent = [ev for ev in evidence if g.value(ev, IORKG.supportsSlot) == IORKGC["slot-citation-intent"]]
        link = [ev for ev in evidence if g.value(ev, IORKG.supportsSlot) is None]
        assert intent and all(g.value(ev, IORKG.epistemicStatus) == IORKGC.interpreted for ev in intent)
        assert link and all(g.value(ev, IORKG.epistemicStatus) == IORKGC.stated for ev in link)


def test_gulati_record_notes_its_citation_discrepancy():
    text = source()
    assert "Gulati et al., 1998" in text and "Gulati, R. (1998)" in text
    s = shared()
    gulati = next(s.subjects(IORKG.citationLabel, Literal("Gulati et al., 1998")))
    assert s.value(gulati, IORKG.citationDiscrepancy) is not None


# ---- logics --------------------------------------------------------------------------------

GENERIC_WORDS = {"occupational", "health", "service", "services", "plays", "with", "that", "this"}


def test_no_logic_holding_is_stated_unless_its_quote_names_the_holder():
    g = case()
    for holding in g.subjects(RDF.type, IORKG.LogicHolding):
        holder = g.value(holding, IORKG.holder)
        if "stated" not in statuses(g, holding) or holder is None:
            continue
        # the holder's distinctive label words (not the field's generic ones) must appear as words
        words = {w for w in re.findall(r"[a-z]+", str(g.value(holder, RDFS.label)).lower())
                 if len(w) > 3 and w not in GENERIC_WORDS}
        stated_words = {w for ev in g.objects(holding, IORKG.hasEvidence)
                        if g.value(ev, IORKG.epistemicStatus) == IORKGC.stated
                        for w in re.findall(r"[a-z]+", exacts_of_evidence(g, ev).lower())}
        assert words & stated_words, holding


def exacts_of_evidence(g: Graph, ev) -> str:
    for sel in g.objects(g.value(ev, OA.hasTarget), OA.hasSelector):
        if g.value(sel, OA.exact) is not None:
            return str(g.value(sel, OA.exact))
    return ""


def test_holdings_without_holder_leave_the_holder_unknown():
    g = case()
    for holding in g.subjects(RDF.type, IORKG.LogicHolding):
        if g.value(holding, IORKG.holder) is None:
            assert (holding, IORKG.leavesUnknown, IORKGC["slot-holder"]) in g


# ---- time, evidence, fiction, study ---------------------------------------------------------

DATE_TYPES = {XSD.date, XSD.dateTime, XSD.dateTimeStamp, XSD.gYear, XSD.gYearMonth, XSD.gMonthDay,
              XSD.gMonth, XSD.gDay, XSD.time}


def test_real_case_graph_has_no_date_literals():
    g = case()
    dated = [(s, p, o) for s, p, o in g if isinstance(o, Literal) and o.datatype in DATE_TYPES]
    assert not dated
    assert not list(g.triples((None, TIME.inXSDDate, None)))
    assert not list(g.triples((None, TIME.hasBeginning, None)))


def test_no_case_node_lacks_evidence():
    g = case()
    nodes = set(g.subjects(IORKG.inCase, None)) | set(g.subjects(RDF.type, IORKG.Case))
    missing = [n for n in nodes if not is_a(g, n, IORKG.Evidence)
               and g.value(n, IORKG.hasEvidence) is None]
    assert len(nodes) > 50 and not missing, missing


def test_every_case_node_is_in_the_one_case():
    g = case()
    cases = set(g.subjects(RDF.type, IORKG.Case))
    assert cases == {KKT.case}
    assert set(g.objects(None, IORKG.inCase)) == cases


def test_every_interpreted_evidence_has_a_rationale_and_an_attribution():
    for g in (case(), fictional()):
        for ev in g.subjects(IORKG.epistemicStatus, IORKGC.interpreted):
            assert str(g.value(ev, IORKG.rationale) or "").strip(), ev
            assert g.value(ev, PROV.wasAttributedTo) is not None, ev


def test_fictional_graph_is_marked_fictional():
    g = fictional()
    (fcase,) = set(g.subjects(RDF.type, IORKG.Case))
    assert "fictional" in str(fcase)
    assert g.value(fcase, IORKG.isFictional) == Literal(True)
    assert g.value(fcase, RDFS.comment) is not None
    for node, label in g.subject_objects(RDFS.label):
        assert "fictional" in str(node) and "fictional" in str(label).lower(), node
    assert case().value(KKT.case, IORKG.isFictional) == Literal(False)


def test_research_question_matches_the_source_wording():
    asked = re.search(r"by asking \*(.+?)\*", source()).group(1)
    g = case()
    questions = [str(q) for q in g.objects(None, IORKG.researchQuestion)]
    assert questions == [asked]


def test_study_lasts_two_years_and_the_formation_phase_has_no_dates():
    assert "two-year qualitative and inductive study" in source()
    g = case()
    study = next(g.subjects(RDF.type, IORKG.Study))
    duration = g.value(study, TIME.hasDuration)
    assert float(g.value(duration, TIME.numericDuration)) == 2
    assert g.value(duration, TIME.unitType) == TIME.unitYear
    phases = set(g.subjects(RDF.type, IORKG.ProcessPhase))
    assert len(phases) == 1
    interval = g.value(next(iter(phases)), IORKG.hasInterval)
    assert set(g.predicates(interval, None)) <= {RDF.type, RDFS.label, IORKG.inCase, IORKG.hasEvidence}


# ---- one status per assertion (issue 11, item 2) -------------------------------------------

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCTERMS_DESCRIPTION = URIRef("http://purl.org/dc/terms/description")
# docs/design.md, "One status per triple": the property each statement slot stands for
SLOT_PROPERTY = {
    IORKGC["slot-holder"]: IORKG.holder, IORKGC["slot-role"]: IORKG.inRole,
    IORKGC["slot-phase"]: IORKG.during, IORKGC["slot-level"]: IORKG.atLevel,
    IORKGC["slot-definer"]: IORKG.definedBy, IORKGC["slot-stage-type"]: IORKG.assignsConcept,
    IORKGC["slot-citation-intent"]: CITO.hasCitationCharacterization,
    IORKGC["slot-poles"]: IORKG.hasPole,
}
WITHOUT_STATUS = {RDFS.label, RDFS.comment, DCTERMS_DESCRIPTION, IORKG.inCase, IORKG.hasEvidence}


def status_of_triple(g: Graph, s, p) -> set[str]:
    """The statuses of the evidence that backs the triple (s, p, o), as docs/design.md defines it:
    the evidence of s whose iorkg:supportsSlot stands for p if there is any, else the evidence of s
    without a slot. Exactly one status must come out."""
    slotted, whole = set(), set()
    for ev in g.objects(s, IORKG.hasEvidence):
        status = str(g.value(ev, IORKG.epistemicStatus)).rsplit("/", 1)[-1]
        slots = set(g.objects(ev, IORKG.supportsSlot))
        if not slots:
            whole.add(status)
        elif any(SLOT_PROPERTY.get(slot) == p for slot in slots):
            slotted.add(status)
    return slotted or whole


def test_every_triple_of_the_case_graph_has_exactly_one_status():
    """For each triple (s, p, o) of the case graph whose subject s is a case node -- an IRI that is
    not an evidence node (evidence nodes, their targets and selectors are the provenance, not
    assertions) -- and whose predicate is not a label, comment, description or bookkeeping link
    (rdfs:label, rdfs:comment, dcterms:description, iorkg:inCase, iorkg:hasEvidence), the status is
    read from the evidence of s: the evidence whose iorkg:supportsSlot stands for p (SLOT_PROPERTY)
    if any exists, otherwise the evidence of s without a slot. That set holds exactly one status.
    A reading of one triple that cannot meet this on a stated node is a qualified statement of its
    own (rdf:subject, rdf:predicate, rdf:object), whose triples take its own evidence's status."""
    for g, least in ((case(), 300), (fictional(), 100)):
        checked, bad = 0, []
        for s, p, o in g:
            if not isinstance(s, URIRef) or p in WITHOUT_STATUS or is_a(g, s, IORKG.Evidence):
                continue
            checked += 1
            found = status_of_triple(g, s, p)
            if len(found) != 1:
                bad.append((s, p, o, found))
        assert checked > least and not bad, (checked, bad[:5])


def test_the_documents_and_the_project_carry_only_stated_evidence():
    g = case()
    for node in (KKT["oh-action-plan"], KKT["service-agreement"], KKT["development-project"]):
        assert statuses(g, node) == {"stated"}, node
        for p in (IORKG.mandatedBy, IORKG.agreedBetween, IORKG.hasParticipant):
            assert (node, p, None) not in g, (node, p)


def statements_of(g: Graph, subject, predicate) -> list:
    return [st for st in g.subjects(RDF.subject, subject)
            if g.value(st, RDF.predicate) == predicate and is_a(g, st, IORKG.QualifiedStatement)]


def test_every_mandated_by_of_a_document_is_an_interpretation_citing_the_footnote():
    """Footnote 1 mandates the provision of OH services and calls the plan "Mandatory" without
    saying what mandates it; it describes Finnish OH care in general, and the footnote marker is
    the link to this case."""
    text = source()
    law = "the provision of occupational health services is mandated by law"
    marker = "the Finnish occupational health care<sup>1</sup>"
    assert law in text and marker in text and "Mandatory occupational health action plan" in text
    g = case()
    for document in (KKT["oh-action-plan"], KKT["service-agreement"]):
        (st,) = statements_of(g, document, IORKG.mandatedBy)
        assert is_a(g, g.value(st, RDF.object), IORKG.Law)
        assert statuses(g, st) == {"interpreted"}
        quotes = exacts(g, st)
        assert any(law in q for q in quotes) and any(marker in q for q in quotes)
        for ev in g.objects(st, IORKG.hasEvidence):
            assert "in general" in str(g.value(ev, IORKG.rationale)), ev


def test_the_parties_to_the_action_plan_are_interpretations_of_the_footnote():
    g = case()
    parties = {g.value(st, RDF.object) for st in statements_of(g, KKT["oh-action-plan"], IORKG.agreedBetween)}
    assert {next(g.objects(p, RDF.type)) for p in parties} == {IORKG.Employer, IORKG.OccupationalHealthServiceProvider}
    for st in statements_of(g, KKT["oh-action-plan"], IORKG.agreedBetween):
        assert statuses(g, st) == {"interpreted"}
        assert any("mutually define and agree the aims of cooperation" in q for q in exacts(g, st))
        assert any("<sup>1</sup>" in q for q in exacts(g, st))


def test_only_the_partnership_is_governed_by_a_document_and_only_as_an_interpretation():
    """"Mandatory occupational health action plan acts as a fundamental base for the collaboration":
    the only wording that ties a document to a relationship."""
    g = case()
    governed = [st for st in g.subjects(RDF.predicate, IORKG.governedBy)]
    assert not list(g.triples((None, IORKG.governedBy, None)))
    (st,) = governed
    assert is_a(g, g.value(st, RDF.subject), IORKG.Partnership)
    assert is_a(g, g.value(st, RDF.object), IORKG.OccupationalHealthActionPlan)
    assert statuses(g, st) == {"interpreted"}
    assert any("fundamental base for the collaboration" in q for q in exacts(g, st))


# ---- readings re-examined (issue 11, item 4) --------------------------------------------------

def test_no_logic_holding_names_a_holder():
    # the text attributes neither logic to a party
    g = case()
    assert not list(g.triples((None, IORKG.holder, None)))


def test_no_logic_is_classified_under_an_institutional_order():
    g = case()
    logics = set(g.subjects(RDF.type, IORKG.OperationalLogic)) | set(g.subjects(RDF.type, IORKG.CoCreationLogic))
    assert not [c for c in g.subjects(IORKG.classifies, None) if g.value(c, IORKG.classifies) in logics]


def test_the_value_definitions_are_the_two_the_text_calls_the_value_of_the_partnership():
    text = source()
    stated = ["The value of partnership lies in the interorganizational learning processes.",
              "the value of the partnership may lie in the increased self-assertion of the organizational members"]
    assert all(s in text for s in stated)
    g = case()
    values = list(g.subjects(RDF.type, IORKG.ValueDefinition))
    assert len(values) == 2
    assert sorted(any(s in q for q in exacts(g, v) for s in stated) for v in values) == [True, True]
    assert all(statuses(g, v) == {"stated"} for v in values)


def test_the_sensemaking_sentence_backs_one_node_a_claim():
    sentence = ("The sensemaking process in co-creation enhances partners' mutual knowledge about their "
                "complementary resources and capabilities.")
    assert sentence in source()
    g = case()
    nodes = {n for n, ev in g.subject_objects(IORKG.hasEvidence)
             if any(sentence in q or q in sentence and len(q) > 40 for q in exacts_of_each(g, ev))}
    assert len(nodes) == 1
    assert is_a(g, next(iter(nodes)), IORKG.Claim)


def exacts_of_each(g: Graph, ev) -> list[str]:
    return [exacts_of_evidence(g, ev)]


def test_the_shared_knowledge_claim_is_labelled_in_the_texts_words():
    g = case()
    (claim,) = [c for c in g.subjects(RDF.type, IORKG.Claim)
                if any("strategic value of shared knowledge" in q for q in exacts(g, c))]
    label = str(g.value(claim, RDFS.label))
    assert "from the value co-creation perspective, the key factor" in label
    assert "value definition" not in label
    for citation in g.subjects(CITO.hasCitingEntity, claim):
        assert "key factor" in str(g.value(citation, RDFS.label))


def test_continuous_assessment_is_a_claim_with_both_quotes_and_no_event():
    text = source()
    quotes = ["This calls for continuous assessment of collective achievements during the developmental process.",
              "continuous evaluation during the partnership"]
    assert all(q in text for q in quotes)
    g = case()
    assert not list(g.subjects(RDF.type, IORKG.Assessment))
    assert not list(g.triples((None, IORKG.runsThrough, None)))
    claims = [c for c in g.subjects(RDF.type, IORKG.Claim) if "continuous assessment" in str(g.value(c, RDFS.label))]
    assert len(claims) == 1
    assert sorted(exacts(g, claims[0])) == sorted(quotes)
    assert g.value(claims[0], PROV.wasAttributedTo) == IORKGS["paper-authors"]


def test_case_doc_records_every_decision_of_the_audit():
    doc = (REPO / "docs" / "case.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Decisions"):doc.index("## Coverage")]
    for node in ("kkt:holding-provider-operational-logic", "kkt:value-strategic-value-of-shared-knowledge",
                 "kkt:value-mutual-knowledge-of-complementary-resources", "kkt:service-agreement-mandated-by-law",
                 "kkt:classification-operational-logic-profession", "kkt:continuous-assessment",
                 "kkt:partnership-governed-by-oh-action-plan"):
        assert f"`{node}" in section, node
    for decision in ("**withdrawn**", "**rebased**", "**kept**"):
        assert decision in section
    g = case()
    for gone in ("holding-provider-operational-logic", "value-strategic-value-of-shared-knowledge",
                 "value-mutual-knowledge-of-complementary-resources",
                 "classification-operational-logic-profession", "continuous-assessment"):
        assert (KKT[gone], None, None) not in g, gone


# ---- what the text argues (issue 11, item 5) ----------------------------------------------------

ARGUMENT = [  # a passage of each proposition, as the source words it
    "The process view enables us to analyze how the value of partnership is defined",
    "we must understand the ways in which the IOR manifests itself at different levels of the organization",
    "the necessity of organizational learning",
    "A novel course of action requires responsiveness to learn.",
    "The sensemaking process in co-creation enhances partners' mutual knowledge",
    "it is linked to institutional logics",
    "reveals the institutional constraints and resources",
    "cooperative partnership can challenge existing practices and develop new concepts",
    "This requires the promotion of employee well-being is connected to organizational management systems",
    "effective implementation of novel co-creative practices is challenging",
    "has lately experienced many institutional changes",
    "IORs have a paradoxical character",
    "it takes much effort to sustain a cooperative relationship",
]


@pytest.mark.parametrize("passage", ARGUMENT)
def test_each_proposition_of_the_argument_is_a_claim_of_the_authors(passage):
    assert passage in source()
    g = case()
    claims = [c for c in g.subjects(RDF.type, IORKG.Claim) if any(passage in q for q in exacts(g, c))]
    assert len(claims) == 1, passage
    assert g.value(claims[0], PROV.wasAttributedTo) == IORKGS["paper-authors"]
    assert statuses(g, claims[0]) == {"stated"}
    assert all(len(q.split()) <= 30 for q in exacts(g, claims[0]))


def test_claims_about_unnamed_things_name_none():
    # "institutional constraints and resources", "many institutional changes": none is named
    g = case()
    for passage in ("reveals the institutional constraints", "many institutional changes"):
        (claim,) = [c for c in g.subjects(RDF.type, IORKG.Claim) if any(passage in q for q in exacts(g, c))]
        assert set(g.predicates(claim, None)) <= {RDF.type, RDFS.label, RDFS.comment, IORKG.inCase,
                                                  IORKG.hasEvidence, PROV.wasAttributedTo}


# ---- coverage of the abstract and extended abstract (issue 11, item 5) ---------------------------

def source_sentences(text: str) -> list[str]:
    """The sentences of the abstract, the extended abstract and footnote 1, as docs/case.md defines
    them: the text from the Abstract heading to '## References' without headings, the '---' rule,
    the figure caption and blank lines; lines joined by one space; footnote 1 (which a page break
    puts inside a sentence) read on its own; a sentence ends at '.', '?' or '!' before white space,
    except after 'cf.', 'al.', 'e.g.' and 'i.e.'."""
    body = text[text.index("### **Abstract**"):text.index("## References")]
    kept, footnote = [], []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "---", "Figure 1.")):
            continue
        (footnote if line.startswith("<sup>1</sup> ") else kept).append(line)
    sentences = []
    for flow in (kept, footnote):
        joined = re.sub(r"\s+", " ", " ".join(flow))
        sentences += re.split(r"(?<=[.?!])(?<!\bcf\.)(?<!\bal\.)(?<!e\.g\.)(?<!i\.e\.) ", joined)
    return [s for s in sentences if s]


def coverage_table() -> list[list[str]]:
    doc = (REPO / "docs" / "case.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Coverage"):]
    rows = [line for line in section.splitlines() if re.match(r"\| \d+ \|", line)]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def test_the_source_has_the_sentences_the_splitter_expects():
    sentences = source_sentences(source())
    # six in the abstract, four in footnote 1; the one interrupted by the page break is whole
    assert sentences[0].startswith("In this study, we analyze the formation of a partnership")
    assert sentences[5].endswith("continuous evaluation during the partnership.")
    assert sentences[-4].startswith("<sup>1</sup> In Finland")
    assert any(s.startswith("We acknowledge the tensions") and s.endswith("(Vlaar et al., 2007b).")
               for s in sentences)
    assert any("(cf. Zajac & Olsen, 1993; Ring & Van de Ven, 1994;" in s for s in sentences)


def test_every_sentence_of_the_abstracts_is_in_the_coverage_table_with_nodes_or_a_reason():
    rows = coverage_table()
    table = [row[2] for row in rows]
    sentences = source_sentences(source())
    assert table == sentences
    for number, part, sentence, nodes, reason in rows:
        assert nodes or reason, sentence
        assert not (nodes and reason), sentence


def test_the_coverage_table_names_nodes_of_the_case():
    g = case()
    known = {g.namespace_manager.normalizeUri(s) for s in g.subjects(IORKG.inCase, None)} | {"kkt:case"}
    for row in coverage_table():
        for node in re.findall(r"`([^`]+)`", row[3]):
            assert node in known, node
