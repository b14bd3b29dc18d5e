"""Write the two FICTIONAL cross-case fixtures from their source texts (run from anywhere).

`python tests/data/crosscase/build_fixtures.py` rewrites fictional-harbour-case.ttl and
fictional-restricted-case.ttl beside this file, with selectors computed by iorkg.textquote from the
.md sources; `--check` only says whether the files are current. Everything here is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from iorkg.textquote import locate  # noqa: E402

PREFIXES = """@prefix iorkg: <https://w3id.org/iorkg/ontology#> .
@prefix iorkgc: <https://w3id.org/iorkg/concept/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
FICTIONAL = "Invented for the iorkg tests; not a real organization, person or event."


def lit(text: str) -> str:
    """A Turtle string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class Case:
    """Collects the Turtle of one fictional case."""

    def __init__(self, ns: str, source_file: str) -> None:
        self.ns = ns
        self.text = (HERE / source_file).read_text(encoding="utf-8")
        self.blocks: list[str] = []

    def iri(self, local: str) -> str:
        return f"<{self.ns}{local}>"

    def node(self, local: str, types: str, props: list[tuple[str, str]],
             evidence: list[tuple] = (), in_case: bool = True) -> None:
        """A node; evidence items are (quote, status, coder or None, rationale or None)."""
        lines = [f"{self.iri(local)} a {types}"]
        props = list(props)
        if in_case:
            props.append(("iorkg:inCase", self.iri("case")))
        names = []
        for n, item in enumerate(evidence, 1):
            name = f"{local}-evidence-{n}"
            names.append(self.iri(name))
            self.evidence(name, local, *item)
        if names:
            props.append(("iorkg:hasEvidence", " , ".join(names)))
        body = " ;\n    ".join(f"{p} {o}" for p, o in props)
        self.blocks.insert(len(self.blocks) - len(names), f"{lines[0]} ;\n    {body} .\n")

    def evidence(self, name: str, body: str, quote: str, status: str, coder: str | None,
                 rationale: str | None, occurrence: int | None = None) -> None:
        s = locate(self.text, quote, occurrence)
        props = [("oa:hasBody", self.iri(body)),
                 ("oa:hasTarget", "[ a oa:SpecificResource ;\n        oa:hasSource "
                  f"{self.iri('source')} ;\n        oa:hasSelector "
                  f"[ a oa:TextQuoteSelector ; oa:exact {lit(s.exact)} ;\n"
                  f"            oa:prefix {lit(s.prefix)} ; oa:suffix {lit(s.suffix)} ] ,\n"
                  f"          [ a oa:TextPositionSelector ; oa:start \"{s.start}\"^^xsd:nonNegativeInteger ;"
                  f" oa:end \"{s.end}\"^^xsd:nonNegativeInteger ] ]"),
                 ("oa:motivatedBy", "oa:classifying"),
                 ("iorkg:epistemicStatus", f"iorkgc:{status}"),
                 ("iorkg:inCase", self.iri("case"))]
        if coder:
            props.append(("prov:wasAttributedTo", self.iri(coder)))
        if rationale:
            props.append(("iorkg:rationale", lit(rationale) + "@en"))
        body_text = " ;\n    ".join(f"{p} {o}" for p, o in props)
        self.blocks.append(f"{self.iri(name)} a iorkg:Evidence ;\n    {body_text} .\n")

    def turtle(self, header: str) -> str:
        return header + PREFIXES + "\n" + "\n".join(self.blocks)


def label(text: str) -> tuple[str, str]:
    return ("rdfs:label", lit(text) + "@en")


def harbour() -> str:
    c = Case("https://w3id.org/iorkg/fictional/harbour-case/", "fictional-harbour-case.md")
    note = "Invented text written for the iorkg tests; free to quote (fictional)."
    c.node("case", "iorkg:Case", [
        label("Fictional harbour case: Fictional Harbour Logistics Oy and Fictional Wellbeing Clinic Ltd (fictional)"),
        ("rdfs:comment", lit("A second invented case, coded with its own codebook, for the cross-case tests.") + "@en"),
        ("iorkg:focalRelationship", c.iri("partnership")), ("iorkg:hasSource", c.iri("source")),
        ("iorkg:isFictional", "true"), ("iorkg:accessLevel", "iorkgc:public"), ("iorkg:accessNote", lit(note))],
        [("**Everything in this text is fictional.**", "stated", None, None)], in_case=False)
    c.node("source", "iorkg:SourceDocument", [
        label("fictional field notes of the harbour case (fictional)"), ("rdfs:comment", lit(FICTIONAL) + "@en"),
        ("iorkg:sourceFile", lit("fictional-harbour-case.md")),
        ("iorkg:accessLevel", "iorkgc:public"), ("iorkg:accessNote", lit(note))])
    pays = "Fictional Harbour Logistics Oy pays Fictional Wellbeing Clinic Ltd for occupational health services."
    c.node("harbour", "iorkg:Employer", [label("Fictional Harbour Logistics Oy (fictional employer)"),
                                         ("rdfs:comment", lit(FICTIONAL) + "@en")], [(pays, "stated", None, None)])
    c.node("clinic", "iorkg:OccupationalHealthServiceProvider", [
        label("Fictional Wellbeing Clinic Ltd (fictional OH service provider)"),
        ("rdfs:comment", lit(FICTIONAL) + "@en")], [(pays, "stated", None, None)])
    c.node("supervisors", "iorkg:OrganizationalGroup", [
        label("shift supervisors of Fictional Harbour Logistics Oy (fictional)"),
        ("iorkg:groupOf", c.iri("harbour")), ("iorkg:atLevel", "iorkgc:supervisors")],
        [("harbour's shift supervisors", "stated", None, None)])
    for letter in "cd":
        c.node(f"coder-{letter}", "iorkg:Person", [label(f"Coder {letter.upper()} (fictional coder)"),
                                                   ("rdfs:comment", lit(FICTIONAL) + "@en")],
               [("Coder C and Coder D coded these notes independently", "stated", None, None)])
    c.node("service-transaction", "iorkg:ServiceTransaction", [
        label("purchase of OH services by Fictional Harbour Logistics Oy (fictional)"),
        ("iorkg:hasParticipant", f"{c.iri('harbour')} , {c.iri('clinic')}")], [(pays, "stated", None, None)])
    c.node("partnership", "iorkg:Partnership", [
        label("joint well-being planning of the harbour and the clinic (fictional)"),
        ("iorkg:hasParticipant", f"{c.iri('harbour')} , {c.iri('clinic')}")],
        [("The two firms also agreed to plan well-being work at the docks together.", "stated", None, None)])
    # the study's own codebook, mapped to iorkg
    c.node("codebook", "iorkg:Codebook", [("skos:prefLabel", lit("codebook of the fictional harbour study"))])
    for slug, match, concept in (("market-thinking", "closeMatch", "iorkg:OperationalLogic"),
                                 ("working-together", "exactMatch", "iorkgc:co-creation-logic"),
                                 ("buyer", "closeMatch", "iorkgc:principal"),
                                 ("pulling-apart", "broadMatch", "iorkgc:organizing")):
        name = slug.replace("-", " ")
        c.node(f"code/{slug}", "iorkg:StudyCode", [
            ("skos:prefLabel", lit(name)), ("skos:notation", lit(name)),
            ("skos:inScheme", c.iri("codebook")), (f"skos:{match}", concept)])
    # roles
    buyer = "The harbour is the buyer"
    c.node("harbour-as-principal", "iorkg:RolePlaying", [
        label("Fictional Harbour Logistics Oy plays principal in the service transaction (fictional)"),
        ("iorkg:player", c.iri("harbour")), ("iorkg:playedRole", "iorkgc:principal"),
        ("iorkg:inRelationship", c.iri("service-transaction")), ("iorkg:codedWith", c.iri("code/buyer"))],
        [(buyer, "interpreted", "coder-c", "Coder C codes the harbour as the buyer of the services."),
         (buyer, "interpreted", "coder-d", "Coder D codes the harbour as the buyer of the services.")])
    c.node("clinic-as-service-provider", "iorkg:RolePlaying", [
        label("Fictional Wellbeing Clinic Ltd plays service provider in the service transaction (fictional)"),
        ("iorkg:player", c.iri("clinic")), ("iorkg:playedRole", "iorkgc:service-provider"),
        ("iorkg:inRelationship", c.iri("service-transaction"))],
        [("the clinic delivers the checks the harbour orders", "stated", None, None)])
    # logics as the study codes them
    c.node("market-thinking", "iorkg:InstitutionalLogic", [
        label("market thinking (a logic as the fictional harbour study codes it)"),
        ("iorkg:codedWith", c.iri("code/market-thinking"))],
        [("sold extra checks one by one", "interpreted", "coder-c",
          "Coder C codes selling checks one at a time as market thinking.")])
    c.node("working-together", "iorkg:InstitutionalLogic", [
        label("working together (a logic as the fictional harbour study codes it)"),
        ("iorkg:codedWith", c.iri("code/working-together"))],
        [("plan well-being work at the docks together", "interpreted", "coder-c",
          "Coder C codes the agreement to plan together as working together.")])
    # process and phases
    c.node("process", "iorkg:Process", [label("process of the fictional harbour collaboration"),
                                        ("iorkg:processOf", c.iri("partnership"))],
           [("The collaboration had two phases", "stated", None, None)])
    c.node("phase-1", "iorkg:ProcessPhase", [label("negotiation phase of the fictional harbour collaboration"),
                                             ("iorkg:phaseOf", c.iri("process")),
                                             ("iorkg:hasInterval", c.iri("phase-1-interval"))],
           [("a negotiation phase", "stated", None, None)])
    c.node("phase-2", "iorkg:ProcessPhase", [label("execution phase of the fictional harbour collaboration"),
                                             ("iorkg:phaseOf", c.iri("process")),
                                             ("iorkg:hasInterval", c.iri("phase-2-interval"))],
           [("an execution phase that followed it", "stated", None, None)])
    c.node("phase-1-interval", "time:ProperInterval", [label("interval of the negotiation phase (fictional; no dates)"),
                                                       ("time:intervalMeets", c.iri("phase-2-interval"))],
           [("an execution phase that followed it", "stated", None, None)])
    c.node("phase-2-interval", "time:ProperInterval", [label("interval of the execution phase (fictional; no dates)")])
    for n, stage in ((1, "negotiation"), (2, "execution")):
        quote = "a negotiation phase" if n == 1 else "an execution phase that followed it"
        c.node(f"classification-phase-{n}-{stage}", "iorkg:Classification", [
            label(f"phase {n} typed as {stage} (stated by the fictional notes)"),
            ("iorkg:classifies", c.iri(f"phase-{n}")), ("iorkg:assignsConcept", f"iorkgc:{stage}")],
            [(quote, "stated", None, None)])
    # holdings: the coders agree on the first passage and disagree on the second
    priced = "the clinic priced every visit and sold extra checks one by one"
    c.node("holding-clinic-market-thinking-phase-1", "iorkg:LogicHolding", [
        label("the clinic holds market thinking in the negotiation phase (fictional)"),
        ("iorkg:holder", c.iri("clinic")), ("iorkg:heldLogic", c.iri("market-thinking")),
        ("iorkg:inRelationship", c.iri("service-transaction")), ("iorkg:during", c.iri("phase-1")),
        ("iorkg:codedWith", c.iri("code/market-thinking"))],
        [(priced, "interpreted", "coder-c", "Coder C codes pricing every visit as market thinking."),
         (priced, "interpreted", "coder-d", "Coder D codes pricing every visit as market thinking.")])
    price_list = "the harbour's shift supervisors wanted the clinic to keep to its price list"
    c.node("holding-supervisors-market-thinking-phase-2-coder-d", "iorkg:LogicHolding", [
        label("the shift supervisors hold market thinking in the execution phase (Coder D's reading, fictional)"),
        ("iorkg:holder", c.iri("supervisors")), ("iorkg:heldLogic", c.iri("market-thinking")),
        ("iorkg:inRelationship", c.iri("partnership")), ("iorkg:during", c.iri("phase-2")),
        ("iorkg:atLevel", "iorkgc:supervisors"), ("iorkg:codedWith", c.iri("code/market-thinking"))],
        [(price_list, "interpreted", "coder-d", "Coder D reads holding the clinic to its price list as market thinking.")])
    c.node("holding-supervisors-working-together-phase-2-coder-c", "iorkg:LogicHolding", [
        label("the shift supervisors hold working together in the execution phase (Coder C's reading, fictional)"),
        ("iorkg:holder", c.iri("supervisors")), ("iorkg:heldLogic", c.iri("working-together")),
        ("iorkg:inRelationship", c.iri("partnership")), ("iorkg:during", c.iri("phase-2")),
        ("iorkg:atLevel", "iorkgc:supervisors"), ("iorkg:codedWith", c.iri("code/working-together"))],
        [(price_list, "interpreted", "coder-c",
          "Coder C reads the wish for agreed, predictable terms as ground the two firms plan on together.")])
    # a tension, typed through the study's code only
    apart = "Fixed visit schedules and joint planning at the docks pulled the two firms apart."
    c.node("pole-fixed-schedules", "iorkg:TensionPole", [label("fixed visit schedules (fictional)"),
                                                         ("iorkg:poleLogic", c.iri("market-thinking"))],
           [("Fixed visit schedules", "stated", None, None)])
    c.node("pole-joint-planning", "iorkg:TensionPole", [label("joint planning at the docks (fictional)"),
                                                        ("iorkg:poleLogic", c.iri("working-together"))],
           [("joint planning at the docks", "stated", None, None)])
    c.node("tension-schedules-versus-planning", "iorkg:Tension", [
        label("fixed visit schedules versus joint planning (fictional)"),
        ("iorkg:hasPole", f"{c.iri('pole-fixed-schedules')} , {c.iri('pole-joint-planning')}"),
        ("iorkg:tensionIn", c.iri("partnership")), ("iorkg:showsDuring", c.iri("phase-2")),
        ("iorkg:codedWith", c.iri("code/pulling-apart"))],
        [(apart, "interpreted", "coder-c", "Coder C codes the two pulls as the firms pulling apart."),
         (apart, "interpreted", "coder-d", "Coder D codes the two pulls as the firms pulling apart.")])
    c.node("value-supervisors-fewer-injuries", "iorkg:ValueDefinition", [
        label("for the shift supervisors, the collaboration pays off when fewer people are hurt (fictional)"),
        ("iorkg:valueOf", c.iri("partnership")), ("iorkg:definedBy", c.iri("supervisors")),
        ("iorkg:atLevel", "iorkgc:supervisors"), ("iorkg:during", c.iri("phase-2"))],
        [("For the shift supervisors, the collaboration paid off when fewer people were hurt on the quays.",
          "stated", None, None)])
    return c.turtle("# FICTIONAL second case for the iorkg cross-case tests, coded with its own codebook.\n"
                    "# Generated by tests/data/crosscase/build_fixtures.py from fictional-harbour-case.md;\n"
                    "# load it into the graph https://w3id.org/iorkg/graph/fictional-harbour-case.\n")


def restricted() -> str:
    c = Case("https://w3id.org/iorkg/fictional/restricted-case/", "fictional-restricted-case.md")
    note = "Fictional consent: the participant agreed to analysis by the research team only, not to quotation."
    c.node("case", "iorkg:Case", [
        label("Fictional restricted case: an invented interview about OH services (fictional)"),
        ("iorkg:focalRelationship", c.iri("service-transaction")), ("iorkg:hasSource", c.iri("source")),
        ("iorkg:isFictional", "true"), ("iorkg:accessLevel", "iorkgc:restricted"), ("iorkg:accessNote", lit(note))],
        [("Everything below is fictional, and stands in for interview data", "stated", None, None)], in_case=False)
    c.node("source", "iorkg:SourceDocument", [
        label("fictional interview with participant P1 (restricted, fictional)"),
        ("iorkg:sourceFile", lit("fictional-restricted-case.md")),
        ("iorkg:accessLevel", "iorkgc:restricted"), ("iorkg:accessNote", lit(note))])
    c.node("participant-p1", "iorkg:Person", [label("Participant P1 (pseudonym, fictional)")],
           [("Interview with participant P1", "stated", None, None)])
    c.node("coder-e", "iorkg:Person", [label("Coder E (fictional coder)")],
           [("Everything below is fictional, and stands in for interview data", "stated", None, None)])
    counted = "The nurse from the clinic only ever counted our sick days on her tablet."
    c.node("clinic", "iorkg:OccupationalHealthServiceProvider", [label("the clinic in P1's interview (fictional)")],
           [(counted, "stated", None, None)])
    c.node("workplace", "iorkg:Employer", [label("P1's workplace (fictional)")],
           [("Later we sat down with her and redesigned the night rota together", "stated", None, None)])
    c.node("service-transaction", "iorkg:ServiceTransaction", [
        label("OH services at P1's workplace (fictional)"),
        ("iorkg:hasParticipant", f"{c.iri('clinic')} , {c.iri('workplace')}")], [(counted, "stated", None, None)])
    c.node("operational-logic", "iorkg:OperationalLogic", [label("operational logic (restricted fictional case)")],
           [(counted, "interpreted", "coder-e", "Coder E reads counting sick days as routine service delivery.")])
    c.node("co-creation-logic", "iorkg:CoCreationLogic", [label("co-creation logic (restricted fictional case)")],
           [("redesigned the night rota together, which nobody had asked us before", "interpreted", "coder-e",
             "Coder E reads the joint redesign as co-creation.")])
    c.node("holding-clinic-operational", "iorkg:LogicHolding", [
        label("the clinic holds the operational logic (restricted fictional case)"),
        ("iorkg:holder", c.iri("clinic")), ("iorkg:heldLogic", c.iri("operational-logic")),
        ("iorkg:inRelationship", c.iri("service-transaction")), ("iorkg:leavesUnknown", "iorkgc:slot-phase")],
        [(counted, "interpreted", "coder-e", "Coder E reads the nurse's counting as the clinic's operational logic."),
         ("the oven-side health talks came too late, after my wrists were already aching every morning",
          "interpreted", "coder-e", "Coder E reads late health talks as reactive service.")])
    return c.turtle("# FICTIONAL restricted case for the iorkg redaction tests (an invented interview).\n"
                    "# Generated by tests/data/crosscase/build_fixtures.py from fictional-restricted-case.md;\n"
                    "# load it into the graph https://w3id.org/iorkg/graph/fictional-restricted-case.\n")


def main(argv: list[str]) -> int:
    outputs = {HERE / "fictional-harbour-case.ttl": harbour(),
               HERE / "fictional-restricted-case.ttl": restricted()}
    stale = [p.name for p, text in outputs.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
