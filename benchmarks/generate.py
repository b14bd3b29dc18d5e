"""A deterministic generator of synthetic multi-case corpora shaped like iorkg case data.

Every case is fictional and says so: its IRIs live under ``https://w3id.org/iorkg/fictional/bench/``,
its labels start with "Fictional", and its case node has ``iorkg:isFictional true``.
Each case is its own named graph with one ``iorkg:Case`` node and ``iorkg:inCase`` on every
case-specific named node, and follows the patterns of ``docs/design.md``: actors (an employer, an
occupational health provider and groups inside them), a partnership and a service transaction,
role-playing nodes, a process with three ordered phases and OWL-Time intervals, two logics held
through logic-holding nodes, a tension with two poles, a classification, a value definition, and
evidence as Web Annotations (quote and position selectors into a fictional source text written
beside the corpus, stated or interpreted with rationale and attribution).

Case ``i`` depends only on the seed and on ``i``: the corpus of 100 cases is the first 100 cases of
the corpus of 1,000, and the same size and seed always give the same bytes.

A few cases (one in ``defect_every``, default 50) carry one deliberate defect (a tension with one
pole, evidence without a status, a logic holding without its logic) so that validators have
results to agree on. ``defect_every=0`` gives a corpus meant to conform.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

BENCH = "https://w3id.org/iorkg/fictional/bench/"
GRAPH_BASE = BENCH + "graph/"
IORKG = "https://w3id.org/iorkg/ontology#"
IORKGC = "https://w3id.org/iorkg/concept/"
IORKGS = "https://w3id.org/iorkg/shared/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
PROV = "http://www.w3.org/ns/prov#"

GENERATOR_VERSION = "2"
DEFAULT_SEED = 20261128
SIZES = (1, 100, 1000, 5000)
CORPORA_DIR = Path(__file__).resolve().parent / "corpora"

DEFECTS = ("tension-with-one-pole", "evidence-without-status", "holding-without-logic")

_TOWNS = ("Harju", "Mäkelä", "Koivu", "Lahti", "Salo", "Rauta", "Kallio", "Niemi", "Vaara", "Järvi")
_TRADES = ("Sawmill", "Bakery", "Logistics", "Foundry", "Dairy", "Print House", "Shipyard", "Clinic")
_CHARACTER = {"operational": ("linear", "reactive"), "co-creation": ("iterative", "proactive")}
_TENSION_TYPES = ("performing", "organizing", "belonging", "learning", "exploration-exploitation")


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(text: str, lang: str | None = "en", datatype: str | None = None) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    if lang:
        return f'"{escaped}"@{lang}'
    return f'"{escaped}"'


def _int(value: int, datatype: str = XSD + "nonNegativeInteger") -> str:
    return f'"{value}"^^<{datatype}>'


@dataclass
class CaseOutput:
    """One generated case: its graph IRI, its N-Quads lines, its source file name and text."""

    index: int
    graph: str
    case_node: str
    lines: list[str]
    source_file: str
    source_text: str
    defect: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


class _CaseBuilder:
    """Writes the quads of one case into its graph and the sentences of its source text."""

    def __init__(self, index: int, seed: int) -> None:
        self.index = index
        self.rng = random.Random(f"iorkg-bench-{seed}-{index}")
        self.key = f"case-{index:05d}"
        self.base = f"{BENCH}{self.key}/"
        self.graph = f"{GRAPH_BASE}{self.key}"
        self.g = _iri(self.graph)
        self.case = self.base + "case"
        self.lines: list[str] = []
        self.sentences: list[str] = []
        self.evidence_count = 0
        self.bnode_count = 0
        self.source_file = f"bench-{self.key}.md"
        self.source = self.base + "source"
        self.counts: dict[str, int] = {}

    # low level --------------------------------------------------------------------------------
    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {_iri(p)} {o} {self.g} .\n")

    def node(self, local: str, *types: str, label: str | None = None,
             in_case: bool = True) -> str:
        """A named case node with its types, label and iorkg:inCase; returns it in N-Triples form."""
        iri = _iri(self.base + local)
        for t in types:
            self.add(iri, RDF_TYPE, _iri(t))
            self.counts[t] = self.counts.get(t, 0) + 1
        if label is not None:
            self.add(iri, RDFS_LABEL, _lit(label))
        if in_case:
            self.add(iri, IORKG + "inCase", _iri(self.case))
        return iri

    def bnode(self) -> str:
        self.bnode_count += 1
        return f"_:c{self.index:05d}b{self.bnode_count}"

    def say(self, sentence: str) -> int:
        """Add a sentence to the source text; returns its number."""
        self.sentences.append(sentence)
        return len(self.sentences) - 1

    # evidence ---------------------------------------------------------------------------------
    def evidence(self, sentence_no: int, body: str | None, *, interpreted: str | None = None,
                 status: bool = True) -> str:
        """A Web Annotation quoting sentence `sentence_no` (positions resolved in `finish`)."""
        self.evidence_count += 1
        ev = self.node(f"evidence-{self.evidence_count}", IORKG + "Evidence")
        self.add(ev, OA + "motivatedBy", _iri(OA + "classifying"))
        if body is not None:
            self.add(ev, OA + "hasBody", body)
        if status:
            self.add(ev, IORKG + "epistemicStatus",
                     _iri(IORKGC + ("interpreted" if interpreted else "stated")))
        if interpreted:
            self.add(ev, IORKG + "rationale", _lit(interpreted))
            self.add(ev, PROV + "wasAttributedTo", _iri(IORKGS + "curators"))
        target, quote, position = self.bnode(), self.bnode(), self.bnode()
        self.add(ev, OA + "hasTarget", target)
        self.add(target, RDF_TYPE, _iri(OA + "SpecificResource"))
        self.add(target, OA + "hasSource", _iri(self.source))
        self.add(target, OA + "hasSelector", quote)
        self.add(target, OA + "hasSelector", position)
        self.add(quote, RDF_TYPE, _iri(OA + "TextQuoteSelector"))
        self.add(position, RDF_TYPE, _iri(OA + "TextPositionSelector"))
        # placeholders filled once the text is laid out
        self.lines.append(("QUOTE", sentence_no, quote, position))  # type: ignore[arg-type]
        return ev

    def finish(self) -> tuple[list[str], str]:
        """Lay out the source text and fill in the quote and position selectors."""
        header = f"# Fictional benchmark case {self.index}\n\nThis text is invented for benchmarks.\n\n"
        offsets, parts, pos = [], [header], len(header)
        for number, sentence in enumerate(self.sentences):
            offsets.append(pos)
            piece = sentence + (" " if number % 3 != 2 else "\n\n")
            parts.append(piece)
            pos += len(piece)
        text = "".join(parts).rstrip() + "\n"
        out: list[str] = []
        for line in self.lines:
            if isinstance(line, tuple):
                _, number, quote, position = line
                start = offsets[number]
                end = start + len(self.sentences[number])
                out.append(f"{quote} {_iri(OA + 'exact')} {_lit(text[start:end], None)} {self.g} .\n")
                out.append(f"{quote} {_iri(OA + 'prefix')} "
                           f"{_lit(text[max(0, start - 24):start], None)} {self.g} .\n")
                out.append(f"{quote} {_iri(OA + 'suffix')} {_lit(text[end:end + 24], None)} {self.g} .\n")
                out.append(f"{position} {_iri(OA + 'start')} {_int(start)} {self.g} .\n")
                out.append(f"{position} {_iri(OA + 'end')} {_int(end)} {self.g} .\n")
            else:
                out.append(line)
        return out, text


def generate_case(index: int, seed: int = DEFAULT_SEED, defect_every: int = 50) -> CaseOutput:
    """Case number `index` (1-based) of the corpus for `seed`."""
    b = _CaseBuilder(index, seed)
    rng = b.rng
    town = rng.choice(_TOWNS)
    trade = rng.choice(_TRADES)
    defect = None
    if defect_every and index % defect_every == defect_every // 2:
        defect = DEFECTS[(index // defect_every) % len(DEFECTS)]
    n = index
    employer_name = f"Fictional {town} {trade} {n}"
    provider_name = f"Fictional {town} Occupational Health {n}"

    # sentences of the fictional source text, quoted by the evidence nodes
    s_actors = b.say(f"{employer_name} bought occupational health services from {provider_name}.")
    b.say(f"The management of {employer_name} met the provider's team every {rng.randint(2, 8)} weeks.")
    b.say("The two organizations agreed to develop the services together as partners.")
    s_phases = b.say(f"The collaboration moved from negotiation to commitment and then to execution "
                     f"over {rng.randint(12, 30)} months.")
    b.say("Nobody recorded the exact dates of these changes.")
    s_logics = b.say(f"The provider's professionals kept to routine checks while managers of "
                     f"{employer_name} asked for joint planning.")
    s_tension = b.say("Routine service delivery and joint development pulled the partners apart.")
    s_value = b.say(f"For the managers, value might lie in fewer sick days at {employer_name}.")

    case, source = _iri(b.case), _iri(b.source)
    # the case node and its source
    b.add(case, RDF_TYPE, _iri(IORKG + "Case"))
    b.add(case, RDFS_LABEL, _lit(f"Fictional benchmark case {n}"))
    b.add(case, IORKG + "isFictional", _lit("true", datatype=XSD + "boolean"))
    b.add(case, IORKG + "hasSource", source)
    b.add(case, IORKG + "focalRelationship", _iri(b.base + "partnership"))
    b.node("source", IORKG + "SourceDocument")
    b.add(source, IORKG + "sourceFile", _lit(b.source_file, None, XSD + "string"))

    ev_actors = b.evidence(s_actors, None)
    ev_relation = ev_actors  # one quote backs the actors and their relationships
    ev_phases = b.evidence(s_phases, None)
    ev_logics = b.evidence(s_logics, None, status=defect != "evidence-without-status")
    ev_tension = ev_logics  # and one the logics, their holders and the tension
    ev_interp = b.evidence(s_value, None, interpreted=(
        "The curators read the hedged wording as a tentative value definition by management."))
    ev_hasev = IORKG + "hasEvidence"

    # actors
    employer = b.node("employer", IORKG + "Employer", label=employer_name)
    provider = b.node("provider", IORKG + "OccupationalHealthServiceProvider", label=provider_name)
    management = b.node("management", IORKG + "OrganizationalGroup",
                        label=f"Management of {employer_name}")
    professionals = b.node("oh-professionals", IORKG + "OrganizationalGroup",
                           label=f"Professionals of {provider_name}")
    b.add(management, IORKG + "groupOf", employer)
    b.add(management, IORKG + "atLevel", _iri(IORKGC + "management"))
    b.add(professionals, IORKG + "groupOf", provider)
    b.add(professionals, IORKG + "atLevel", _iri(IORKGC + "oh-professionals"))
    for actor in (employer, provider, management, professionals):
        b.add(actor, ev_hasev, ev_actors)

    # relationships
    partnership = b.node("partnership", IORKG + "Partnership",
                         label=f"Fictional partnership {n}")
    service = b.node("service", IORKG + "ServiceTransaction",
                     label=f"Fictional service transaction {n}")
    for rel in (partnership, service):
        b.add(rel, IORKG + "hasParticipant", employer)
        b.add(rel, IORKG + "hasParticipant", provider)
        b.add(rel, ev_hasev, ev_relation)

    # process, phases and intervals
    process = b.node("process", IORKG + "Process")
    b.add(process, IORKG + "processOf", partnership)
    b.add(process, ev_hasev, ev_phases)
    phases, intervals = [], []
    for number in (1, 2, 3):
        phase = b.node(f"phase-{number}", IORKG + "ProcessPhase",
                       label=f"Fictional phase {number} of case {n}")
        interval = b.node(f"phase-{number}-interval", TIME + "ProperInterval")
        b.add(phase, IORKG + "phaseOf", process)
        b.add(phase, IORKG + "hasInterval", interval)
        b.add(phase, ev_hasev, ev_phases)
        phases.append(phase)
        intervals.append(interval)
    b.add(intervals[0], TIME + "intervalMeets", intervals[1])
    b.add(intervals[1], TIME + "intervalBefore" if rng.random() < 0.5 else TIME + "intervalMeets",
          intervals[2])

    # role playing
    roles = [("employer-as-principal", employer, "principal", service, None),
             ("provider-as-agent", provider, "agent", service, None),
             ("provider-as-partner", provider, "partner", partnership, phases[2])]
    for local, player, role, rel, phase in roles:
        rp = b.node(local, IORKG + "RolePlaying")
        b.add(rp, IORKG + "player", player)
        b.add(rp, IORKG + "playedRole", _iri(IORKGC + role))
        b.add(rp, IORKG + "inRelationship", rel)
        if phase is not None:
            b.add(rp, IORKG + "during", phase)
        b.add(rp, ev_hasev, ev_relation)

    # logics and who held them
    logics = {}
    for kind, cls in (("operational", "OperationalLogic"), ("co-creation", "CoCreationLogic")):
        logic = b.node(f"{kind}-logic", IORKG + cls, label=f"Fictional {kind} logic of case {n}")
        b.add(logic, IORKG + "hasCharacteristic", _iri(IORKGC + rng.choice(_CHARACTER[kind])))
        b.add(logic, ev_hasev, ev_logics)
        logics[kind] = logic
    holdings = [("professionals-hold-operational", professionals, "operational", phases[0],
                 "oh-professionals", "agent"),
                ("management-holds-co-creation", management, "co-creation", phases[2],
                 "management", "partner"),
                ("provider-holds-operational", provider, "operational", None, None, None)]
    if rng.random() < 0.2:
        holdings.append(("employer-holds-co-creation", employer, "co-creation", phases[1],
                         None, "principal"))
    for number, (local, holder, kind, phase, level, role) in enumerate(holdings):
        lh = b.node(local, IORKG + "LogicHolding")
        b.add(lh, IORKG + "holder", holder)
        if not (defect == "holding-without-logic" and number == 0):
            b.add(lh, IORKG + "heldLogic", logics[kind])
        if phase is not None:
            b.add(lh, IORKG + "during", phase)
        else:
            b.add(lh, IORKG + "leavesUnknown", _iri(IORKGC + "slot-phase"))
        if level is not None:
            b.add(lh, IORKG + "atLevel", _iri(IORKGC + level))
        if role is not None:
            b.add(lh, IORKG + "inRole", _iri(IORKGC + role))
        b.add(lh, IORKG + "inRelationship", partnership)
        b.add(lh, ev_hasev, ev_logics)

    # a tension with two poles, typed by an interpretation
    tension = b.node("tension", IORKG + ("Puzzle" if rng.random() < 0.3 else "Tension"),
                     label=f"Fictional tension between routine and development in case {n}")
    b.add(tension, IORKG + "tensionIn", partnership)
    b.add(tension, IORKG + "showsDuring", phases[1])
    b.add(tension, IORKG + "arisesFrom", logics["operational"])
    b.add(tension, ev_hasev, ev_tension)
    for local, kind in (("pole-routine", "operational"), ("pole-development", "co-creation")):
        if defect == "tension-with-one-pole" and kind == "co-creation":
            continue
        pole = b.node(local, IORKG + "TensionPole")
        b.add(pole, IORKG + "poleLogic", logics[kind])
        b.add(tension, IORKG + "hasPole", pole)
        b.add(pole, ev_hasev, ev_tension)
    classification = b.node("tension-type", IORKG + "Classification")
    b.add(classification, IORKG + "classifies", tension)
    b.add(classification, IORKG + "assignsConcept", _iri(IORKGC + rng.choice(_TENSION_TYPES)))
    b.add(classification, ev_hasev, ev_interp)

    # a value definition (hedged)
    value = b.node("value-definition", IORKG + "ValueDefinition",
                   label=f"Fewer sick days, as management of case {n} might see it")
    b.add(value, IORKG + "valueOf", partnership)
    b.add(value, IORKG + "definedBy", management)
    b.add(value, IORKG + "atLevel", _iri(IORKGC + "management"))
    b.add(value, IORKG + "during", phases[2])
    b.add(value, IORKG + "isTentative", _lit("true", datatype=XSD + "boolean"))
    b.add(value, ev_hasev, ev_interp)

    lines, text = b.finish()
    return CaseOutput(index, b.graph, b.case, lines, b.source_file, text, defect, b.counts)


# corpora ------------------------------------------------------------------------------------------
@dataclass
class Corpus:
    """A generated corpus on disk: the N-Quads file, the source texts and a manifest."""

    size: int
    seed: int
    folder: Path
    nquads: Path
    sources: Path
    manifest: dict

    @property
    def triples(self) -> int:
        return int(self.manifest["triples"])


def corpus_bytes(size: int, seed: int = DEFAULT_SEED, defect_every: int = 50):
    """Yield (case, N-Quads bytes of the case) for cases 1..size."""
    for index in range(1, size + 1):
        case = generate_case(index, seed, defect_every)
        yield case, "".join(case.lines).encode("utf-8")


def write_corpus(size: int, folder: Path | None = None, seed: int = DEFAULT_SEED,
                 defect_every: int = 50, trig: bool = False, force: bool = False) -> Corpus:
    """Write (or reuse) the corpus of `size` cases: `cases.nq`, `sources/`, `manifest.json`.

    An existing corpus is reused when its manifest names the same size, seed, defect rate and
    generator version. `trig=True` also writes `cases.trig` (pyoxigraph, with prefixes).
    """
    folder = Path(folder) if folder else CORPORA_DIR / f"bench-{size}"
    manifest_path = folder / "manifest.json"
    wanted = {"size": size, "seed": seed, "defect_every": defect_every,
              "generator": GENERATOR_VERSION}
    nquads = folder / "cases.nq"
    sources = folder / "sources"
    if not force and manifest_path.is_file() and nquads.is_file():
        manifest = json.loads(manifest_path.read_text())
        if all(manifest.get(k) == v for k, v in wanted.items()) and (
                not trig or (folder / "cases.trig").is_file()):
            return Corpus(size, seed, folder, nquads, sources, manifest)
    sources.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    triples = 0
    defects: dict[str, int] = {}
    classes: dict[str, int] = {}
    tmp = nquads.with_suffix(".nq.tmp")
    with tmp.open("wb") as out:
        for case, data in corpus_bytes(size, seed, defect_every):
            out.write(data)
            digest.update(data)
            triples += len(case.lines)
            (sources / case.source_file).write_text(case.source_text, encoding="utf-8")
            if case.defect:
                defects[case.defect] = defects.get(case.defect, 0) + 1
            for cls, count in case.counts.items():
                classes[cls] = classes.get(cls, 0) + count
    tmp.replace(nquads)
    manifest = dict(wanted, triples=triples, cases=size, sha256=digest.hexdigest(),
                    defects=defects, classes=dict(sorted(classes.items())),
                    nquads=nquads.name, sources=sources.name)
    if trig:
        write_trig(nquads, folder / "cases.trig")
        manifest["trig"] = "cases.trig"
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return Corpus(size, seed, folder, nquads, sources, manifest)


def write_trig(nquads: Path, target: Path) -> Path:
    """The same quads as TriG with iorkg's prefixes (deterministic: order of the N-Quads file)."""
    import pyoxigraph as ox

    prefixes = {"iorkg": IORKG, "iorkgc": IORKGC, "iorkgs": IORKGS, "oa": OA, "time": TIME,
                "prov": PROV, "xsd": XSD, "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "bench": BENCH}
    with nquads.open("rb") as handle:
        quads = list(ox.parse(handle, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))
    target.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
    return target


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.generate --sizes 1,100 [--trig] [--seed N]`."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,100,1000", help="comma-separated numbers of cases")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--defect-every", type=int, default=50)
    parser.add_argument("--trig", action="store_true", help="also write cases.trig")
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    parser.add_argument("--out", type=Path, default=None, help="folder (default benchmarks/corpora)")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        folder = (args.out / f"bench-{size}") if args.out else None
        corpus = write_corpus(size, folder, args.seed, args.defect_every, args.trig, args.force)
        print(f"{corpus.nquads}: {size} cases, {corpus.triples} triples "
              f"({corpus.triples / size:.0f} per case), sha256 {corpus.manifest['sha256'][:16]}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
