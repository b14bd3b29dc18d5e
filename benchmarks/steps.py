"""The benchmark steps: a registry of (step, engine) functions, each run in its own child process.

Add a step by writing a function that takes a `Context` and returns a list of `Sample`s, and
registering it with `@engine("step-name", "engine-name", ...)`. The runner starts a fresh Python
process per measurement, so the peak memory it reads (``ru_maxrss`` of the child, from
``os.wait4``) is the peak resident set of the whole process: interpreter, imports, data and step.

Timing rules:
* ``seconds`` is the wall time (``time.perf_counter``) of the operation the step names, with the
  data already in the form the engine takes (``setup_seconds`` is how long getting it there took).
* ``total_seconds`` is what a user waits from files on disk to the answer (setup + operation);
  ratios for ``load`` and ``validate`` use it.
* A *cold* engine (default) measures one run per process; the runner repeats processes.
  A *warm* engine (queries, incremental additions) repeats inside one process after a warm-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

REPO = Path(__file__).resolve().parents[1]
IORKG = "https://w3id.org/iorkg/ontology#"
SH = "http://www.w3.org/ns/shacl#"


# the registry --------------------------------------------------------------------------------------
@dataclass
class Sample:
    """One measured item (the whole step, or one query) of one engine in one process."""

    item: str
    seconds: list[float]
    setup_seconds: float = 0.0
    result: dict = field(default_factory=dict)
    peak_rss_mib: float | None = None  # set only where the step measures a grandchild itself

    def as_dict(self) -> dict:
        return {"item": self.item, "seconds": self.seconds, "setup_seconds": self.setup_seconds,
                "result": self.result, "peak_rss_mib": self.peak_rss_mib}


@dataclass
class Context:
    """What a step function gets: the corpus of this size and the options of the run."""

    size: int
    nquads: Path
    sources: Path
    repeat: int = 3
    options: dict = field(default_factory=dict)

    @property
    def ontology(self) -> Path:
        return REPO / "ontology" / "iorkg.ttl"

    @property
    def shared(self) -> Path | None:
        path = REPO / "data" / "shared.ttl"
        return path if path.is_file() else None

    def background(self) -> list[tuple[Path, str]]:
        """The graphs every case needs beside it: the ontology and, once it exists, the shared graph."""
        graphs = [(self.ontology, "https://w3id.org/iorkg/ontology")]
        if self.shared is not None:
            graphs.append((self.shared, "https://w3id.org/iorkg/graph/shared"))
        return graphs

    def shape_files(self) -> list[Path]:
        return sorted((REPO / "shapes").glob("*.ttl"))


@dataclass(frozen=True)
class Engine:
    """One way of doing one step."""

    step: str
    name: str
    func: Callable[[Context], list[Sample]]
    reference: bool = False
    max_size: int | None = None
    warm: bool = False
    sized: bool = True
    needs: Callable[[Context], str | None] | None = None
    description: str = ""
    items: Callable[[Context], list[str]] | None = None
    item_timeout: str | None = None

    def skip_reason(self, ctx: Context) -> str | None:
        if self.max_size is not None and ctx.size > self.max_size:
            return f"not run above {self.max_size} cases"
        return self.needs(ctx) if self.needs else None


REGISTRY: dict[str, dict[str, Engine]] = {}


def engine(step: str, name: str, *, reference: bool = False, max_size: int | None = None,
           warm: bool = False, sized: bool = True,
           needs: Callable[[Context], str | None] | None = None,
           items: Callable[[Context], list[str]] | None = None, item_timeout: str | None = None):
    """Register `func(ctx) -> list[Sample]` as engine `name` of step `step`.

    `items`: the engine measures several things (queries), one child process each; the child
    finds its item in `ctx.options["item"]`, and `item_timeout` names the option that bounds it.
    """

    def decorate(func: Callable[[Context], list[Sample]]):
        doc = (func.__doc__ or "").strip().split("\n")[0]
        REGISTRY.setdefault(step, {})[name] = Engine(step, name, func, reference, max_size, warm,
                                                     sized, needs, doc, items, item_timeout)
        return func

    return decorate


def reference_engine(step: str) -> str | None:
    for name, eng in REGISTRY.get(step, {}).items():
        if eng.reference:
            return name
    return None


def timed(func, *args, **kwargs):
    started = time.perf_counter()
    value = func(*args, **kwargs)
    return value, time.perf_counter() - started


# availability of the parts other engineers write -----------------------------------------------
def _module_exists(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def needs_shapes(ctx: Context) -> str | None:
    return None if ctx.shape_files() else "shapes/*.ttl does not exist yet"


def needs_validation(ctx: Context) -> str | None:
    if not _module_exists("iorkg.validate"):
        return "iorkg.validate does not exist yet"
    return needs_shapes(ctx)


def needs_validate_addition(ctx: Context) -> str | None:
    missing = needs_validation(ctx)
    if missing:
        return missing
    import iorkg.validate as validation

    return None if hasattr(validation, "validate_addition") else "validate_addition does not exist yet"


def needs_cli(command: str) -> Callable[[Context], str | None]:
    def check(ctx: Context) -> str | None:
        from iorkg.cli import COMMANDS

        return None if command in COMMANDS else f"`iorkg {command}` does not exist yet"

    return check


# loading ------------------------------------------------------------------------------------------
@engine("load", "rdflib", reference=True, max_size=1000)
def load_rdflib(ctx: Context) -> list[Sample]:
    """rdflib Dataset (memory store), N-Quads parser in Python."""
    import rdflib

    ds = rdflib.Dataset()
    _, seconds = timed(ds.parse, str(ctx.nquads), format="nquads")
    return [Sample("corpus", [seconds], result={"quads": len(ds)})]


@engine("load", "oxrdflib")
def load_oxrdflib(ctx: Context) -> list[Sample]:
    """rdflib Dataset on an oxrdflib store, parsed by pyoxigraph (`ox-nquads`)."""
    import rdflib

    ds = rdflib.Dataset(store="Oxigraph")
    _, seconds = timed(ds.parse, str(ctx.nquads), format="ox-nquads")
    return [Sample("corpus", [seconds], result={"quads": len(ds.store)})]


@engine("load", "iorkg")
def load_iorkg(ctx: Context) -> list[Sample]:
    """iorkg.KnowledgeGraph.load (pyoxigraph: parse to Python quads, then Store.extend)."""
    from iorkg.store import KnowledgeGraph

    kg = KnowledgeGraph()
    _, seconds = timed(kg.load, ctx.nquads)
    return [Sample("corpus", [seconds], result={"quads": len(kg)})]


@engine("load", "pyoxigraph")
def load_pyoxigraph(ctx: Context) -> list[Sample]:
    """pyoxigraph Store.load(path=...) (parsing and indexing in Rust)."""
    import pyoxigraph as ox

    store = ox.Store()
    _, seconds = timed(store.load, path=str(ctx.nquads), format=ox.RdfFormat.N_QUADS)
    return [Sample("corpus", [seconds], result={"quads": len(store)})]


# queries ------------------------------------------------------------------------------------------
FALLBACK_QUERIES = {
    "bench-who-held-which-logic": """
        SELECT ?case ?holder ?logic ?phase WHERE {
          ?h a iorkg:LogicHolding ; iorkg:holder ?holder ; iorkg:heldLogic ?logic ;
             iorkg:inCase ?case .
          OPTIONAL { ?h iorkg:during ?phase }
        } ORDER BY ?case ?holder""",
    "bench-logics-per-level": """
        SELECT ?level ?kind (COUNT(DISTINCT ?h) AS ?n) WHERE {
          ?h a iorkg:LogicHolding ; iorkg:holder ?holder ; iorkg:heldLogic ?logic ;
             iorkg:atLevel ?level .
          ?logic a ?kind .
        } GROUP BY ?level ?kind""",
    "bench-tension-poles": """
        SELECT ?case ?tension ?pole ?logic WHERE {
          ?tension a ?cls ; iorkg:hasPole ?pole ; iorkg:inCase ?case .
          ?cls rdfs:subClassOf* iorkg:Tension .
          ?pole iorkg:poleLogic ?logic .
        }""",
    "bench-evidence-by-status": """
        SELECT ?status (COUNT(?e) AS ?n) WHERE {
          ?e a iorkg:Evidence ; iorkg:epistemicStatus ?status .
        } GROUP BY ?status""",
}


def query_catalogue(ctx: Context) -> list[tuple[str, str, dict]]:
    """(name, SPARQL text, parameters) of every competency question.

    The catalogue of `iorkg.query.catalogue` when it exists, else the `.rq` files of `queries/` as
    written, else a few representative queries of the benchmark's own (`bench-*`).
    """
    from iorkg.namespaces import sparql_prefixes

    if _module_exists("iorkg.query.catalogue"):
        from iorkg.query import catalogue as queries

        if hasattr(queries, "catalogue"):
            out = []
            for entry in queries.catalogue():
                out.append((entry.name, _query_text(entry), _default_params(entry)))
                one = _one_node_params(entry.name, ctx.size)
                if one:
                    out.append((f"{entry.name}{ONE_NODE}", _query_text(entry), one))
            if out:
                return out
    files = sorted((REPO / "queries").glob("*.rq"))
    if files:  # the catalogue's files, before its module exists: run as written, no parameters
        return [(f"{p.stem}", p.read_text(encoding="utf-8"), {}) for p in files]
    return [(name, sparql_prefixes() + text, {}) for name, text in FALLBACK_QUERIES.items()]


def _queries_from_files() -> bool:
    """True while the queries module has no catalogue (the step then runs the .rq files)."""
    if not _module_exists("iorkg.query.catalogue"):
        return True
    from iorkg.query import catalogue as queries

    return not hasattr(queries, "catalogue")


# A parameterised question is asked of one node in use; the benchmark asks it of the employer of
# the middle case too (item "<name> (one node)"), beside the form without the parameter.
ONE_NODE = " (one node)"
ONE_NODE_PARAMS = {"evidence": "node", "actor-profile": "actor"}


def _one_node_params(name: str, size: int) -> dict:
    from .generate import BENCH

    param = ONE_NODE_PARAMS.get(name)
    if param is None:
        return {}
    return {param: f"{BENCH}case-{max(1, (size + 1) // 2):05d}/employer"}


def catalogue_name(item: str) -> str:
    """The catalogue name behind a benchmark item (`evidence (one node)` -> `evidence`)."""
    return item[:-len(ONE_NODE)] if item.endswith(ONE_NODE) else item


def _query_text(entry) -> str:
    for attribute in ("text", "sparql", "query"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str):
            return value
    path = getattr(entry, "path", None)
    return Path(path).read_text(encoding="utf-8")


def _default_params(entry) -> dict:
    """Parameter values a query needs to run at all (the catalogue's defaults or examples)."""
    params = {}
    for param in getattr(entry, "params", None) or getattr(entry, "parameters", None) or []:
        default = getattr(param, "default", None)
        example = getattr(param, "example", None)
        if default is None and example is not None:
            params[param.name] = example
    return params


class _QueryTimeout(Exception):
    pass


def _with_deadline(seconds: float, func, *args):
    """Run func(*args), raising _QueryTimeout after `seconds` (SIGALRM; pure-Python engines)."""
    import signal

    def expire(signum, frame):  # noqa: ARG001 - signal handler signature
        raise _QueryTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return func(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _warm_queries(ctx: Context, run: Callable[[str, str, dict], int], setup: float) -> list[Sample]:
    """Each query: one warm-up run (its row count is the result), then `repeat` timed runs.

    A query whose warm-up passes `query_timeout` seconds (default 60) is reported as timed out;
    one whose warm-up takes more than 10 s is timed once (that warm-up run).
    """
    budget = float(ctx.options.get("query_timeout", 60))
    only = ctx.options.get("item")
    samples = []
    for name, text, params in query_catalogue(ctx):
        if only is not None and name != only:
            continue
        try:
            rows, first = timed(_with_deadline, budget, run, name, text, params)
        except _QueryTimeout:
            samples.append(Sample(name, [], setup, {"error": f"timeout after {budget:.0f} s"}))
            continue
        except Exception as exc:  # noqa: BLE001 - one failing query must not hide the others
            samples.append(Sample(name, [], setup, {"error": f"{type(exc).__name__}: {exc}"[:300]}))
            continue
        if first > 10:
            samples.append(Sample(name, [first], setup, {"rows": rows, "runs": "warm-up only"}))
            continue
        seconds = [timed(run, name, text, params)[1] for _ in range(ctx.repeat)]
        samples.append(Sample(name, seconds, setup, {"rows": rows}))
    return samples


def _rdflib_dataset(ctx: Context, store: str = "default"):
    import rdflib

    ds = rdflib.Dataset(store=store, default_union=True)
    fmt = "ox-" if store == "Oxigraph" else ""
    for path, graph in ctx.background():
        ds.graph(rdflib.URIRef(graph)).parse(str(path), format=fmt + "turtle")
    ds.parse(str(ctx.nquads), format=fmt + "nquads")
    return ds


def _bind_values(text: str, params: dict) -> str:
    """Parameters as a VALUES clause is engine-specific; the benchmark runs parameter-free forms."""
    return text


def query_names(ctx: Context) -> list[str]:
    return [name for name, _, _ in query_catalogue(ctx)]


@engine("query", "rdflib", reference=True, max_size=1000, warm=True, items=query_names,
        item_timeout="query_timeout")
def query_rdflib(ctx: Context) -> list[Sample]:
    """rdflib's SPARQL engine on an in-memory Dataset (union default graph)."""
    import rdflib

    ds, setup = timed(_rdflib_dataset, ctx)

    def run(name: str, text: str, params: dict) -> int:
        bindings = {k: rdflib.URIRef(v) if str(v).startswith("http") else rdflib.Literal(v)
                    for k, v in params.items()}
        return len(list(ds.query(text, initBindings=bindings)))

    return _warm_queries(ctx, run, setup)


@engine("query", "oxrdflib", warm=True, items=query_names, item_timeout="query_timeout")
def query_oxrdflib(ctx: Context) -> list[Sample]:
    """rdflib Dataset API on an oxrdflib store: the query runs in pyoxigraph."""
    import rdflib

    ds, setup = timed(_rdflib_dataset, ctx, "Oxigraph")

    def run(name: str, text: str, params: dict) -> int:
        bindings = {k: rdflib.URIRef(v) if str(v).startswith("http") else rdflib.Literal(v)
                    for k, v in params.items()}
        return len(list(ds.query(text, initBindings=bindings)))

    return _warm_queries(ctx, run, setup)


@engine("query", "iorkg", warm=True, items=query_names, item_timeout="query_timeout")
def query_iorkg(ctx: Context) -> list[Sample]:
    """iorkg's KnowledgeGraph (pyoxigraph): the catalogue through `KnowledgeGraph.query`."""
    from iorkg.store import KnowledgeGraph

    def build():
        kg = KnowledgeGraph()
        for path, graph in ctx.background():
            kg.load(path, graph=graph)
        kg.store.load(path=str(ctx.nquads), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
        return kg

    kg, setup = timed(build)
    use_library = _module_exists("iorkg.query.catalogue") and not query_catalogue(ctx)[0][0].startswith("bench-") \
        and not _queries_from_files()

    def run(name: str, text: str, params: dict) -> int:
        if use_library:
            return _count_rows(kg.query(catalogue_name(name), **params))
        return len(list(kg.store.query(text, use_default_graph_as_union=name.startswith("bench-"))))

    return _warm_queries(ctx, run, setup)


def _count_rows(result) -> int:
    for attribute in ("rows", "bindings"):
        value = getattr(result, attribute, None)
        if value is not None and not callable(value):
            return len(value)
    try:
        return len(result)
    except TypeError:
        return len(list(result))


# OWL 2 RL materialisation ---------------------------------------------------------------------------
def _flat_nt(ctx: Context) -> Path:
    """The corpus as N-Triples (graph names dropped), written once beside the corpus."""
    target = ctx.nquads.with_name("cases-flat.nt")
    if not target.is_file() or target.stat().st_mtime < ctx.nquads.stat().st_mtime:
        import pyoxigraph as ox

        with ctx.nquads.open("rb") as handle:
            triples = [ox.Triple(q.subject, q.predicate, q.object)
                       for q in ox.parse(handle, format=ox.RdfFormat.N_QUADS)]
        target.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    return target


def _closure_summary(triples) -> dict:
    """Closure size, inferred iorkg:holdsLogic triples and rdf:type triples on IRIs.

    Engines differ in axiomatic triples, reflexive owl:sameAs and literal forms; the last two
    numbers are what iorkg relies on and must agree.
    """
    import rdflib

    holds = rdflib.URIRef(IORKG + "holdsLogic")
    count, held, typed = 0, 0, 0
    for s, p, o in triples:
        count += 1
        if p == holds:
            held += 1
        elif p == rdflib.RDF.type and isinstance(s, rdflib.URIRef):
            typed += 1
    return {"closure_triples": count, "holdsLogic": held, "iri_types": typed}


def _load_graph_for_reasoning(ctx: Context):
    import rdflib

    graph = rdflib.Graph()
    for path, _ in ctx.background():
        graph.parse(str(path), format="turtle")
    graph.parse(str(_flat_nt(ctx)), format="nt")
    return graph


def reference_closure(graph: "rdflib.Graph", engine: str = "reasonable") -> "rdflib.Graph":
    """The OWL 2 RL closure of a whole rdflib graph at once: `reasonable` or `owlrl` (the
    alternatives iorkg.reason.closure is measured against)."""
    import rdflib

    if engine == "reasonable":
        import reasonable

        reasoner = reasonable.PyReasoner()
        reasoner.from_graph(graph)
        closure = rdflib.Graph()
        for triple in reasoner.reason():
            closure.add(triple)
        return closure
    if engine == "owlrl":
        import owlrl

        closure = rdflib.Graph()
        for triple in graph:
            closure.add(triple)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
        return closure
    raise ValueError(f"unknown OWL RL engine {engine!r}; expected reasonable or owlrl")


@engine("reason", "owlrl", reference=True, max_size=1000)
def reason_owlrl(ctx: Context) -> list[Sample]:
    """owlrl DeductiveClosure(OWLRL_Semantics) on an rdflib Graph (the pure-Python reference)."""
    materialize = reference_closure

    graph, setup = timed(_load_graph_for_reasoning, ctx)
    closure, seconds = timed(materialize, graph, "owlrl")
    return [Sample("owl-rl", [seconds], setup, _closure_summary(closure))]


@engine("reason", "reasonable", max_size=1000)
def reason_reasonable(ctx: Context) -> list[Sample]:
    """reasonable (Rust) on the whole rdflib Graph at once (closure copied into an rdflib Graph)."""
    materialize = reference_closure

    graph, setup = timed(_load_graph_for_reasoning, ctx)
    closure, seconds = timed(materialize, graph, "reasonable")
    return [Sample("owl-rl", [seconds], setup, _closure_summary(closure))]


@engine("reason", "reasonable-batched")
def reason_reasonable_batched(ctx: Context) -> list[Sample]:
    """reasonable on the ontology plus `batch` cases at a time, with OWL 2 RL property chains."""
    import rdflib

    batch = int(ctx.options.get("reason_batch", 20))

    def load():
        background = rdflib.Graph()
        for path, _ in ctx.background():
            background.parse(str(path), format="turtle")
        cases = rdflib.Dataset(store="Oxigraph")
        cases.parse(str(ctx.nquads), format="ox-nquads")
        return list(background), [list(g) for g in cases.graphs() if len(g)]

    (background, graphs), setup = timed(load)
    closure, seconds = timed(batched_closure, background, graphs, batch)
    return [Sample("owl-rl", [seconds], setup, _closure_summary(closure))]


def batched_closure(background: list, graphs: list[list], batch: int = 20) -> set:
    """The OWL 2 RL closure of background + all case graphs, reasoned `batch` cases at a time.

    Sound because no OWL 2 RL rule joins two case graphs: cases share only nodes of the
    background (concepts, shared records), and every batch reasons with the whole background.
    reasonable 0.4.4 has no rule prp-spo2 (owl:propertyChainAxiom), so the chains of the
    background are applied here: first from the asserted triples (with inverses), then checked on
    each batch's closure; a batch is reasoned again only if the check finds a missing triple.
    """
    import gc

    import reasonable

    from iorkg.reason.closure import property_chains

    chains = property_chains(background)
    seen: set = set()
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived rdflib terms: the cyclic collector costs ~30 %
    try:
        return _batched(reasonable, chains, background, graphs, batch, seen)
    finally:
        if collecting:
            gc.enable()


def _batched(reasonable, chains, background, graphs, batch, seen):
    from iorkg.reason.closure import apply_chains

    for start in range(0, len(graphs), batch):
        data = background + [t for g in graphs[start:start + batch] for t in g]
        data += apply_chains(chains, data)
        while True:
            reasoner = reasonable.PyReasoner()
            reasoner.from_graph(data)
            out = reasoner.reason()
            derived = apply_chains(chains, out)
            known = set(out) if derived else set()
            missing = [t for t in derived if t not in known]
            if not missing:
                break
            data = out + missing
        seen.update(out)
    return seen


@engine("reason", "reasonable-files")
def reason_reasonable_files(ctx: Context) -> list[Sample]:
    """iorkg.reason.closure.owl_rl_closure on a KnowledgeGraph: reasonable reads N-Triples chunks of `batch` cases."""
    import pyoxigraph as ox

    from iorkg.reason.closure import owl_rl_closure
    from iorkg.store import KnowledgeGraph

    batch = int(ctx.options.get("reason_batch", 20))

    def load():
        kg = KnowledgeGraph()
        for path, graph in ctx.background():
            kg.load(path, graph=graph)
        kg.store.load(path=str(ctx.nquads), format=ox.RdfFormat.N_QUADS)
        return kg

    kg, setup = timed(load)
    closure, seconds = timed(owl_rl_closure, kg, batch)
    return [Sample("owl-rl", [seconds], setup, _closure_summary(closure))]


# SHACL validation ---------------------------------------------------------------------------------
def _source_env(ctx: Context) -> None:
    os.environ["IORKG_SOURCE_DIR"] = str(ctx.sources)


def _shapes_graph(ctx: Context):
    import rdflib

    shapes = rdflib.Graph()
    for path in ctx.shape_files():
        shapes.parse(str(path), format="turtle")
    return shapes


def report_summary(conforms: bool, results: list[tuple[str, str]]) -> dict:
    """A comparable digest: conforms, results per constraint component and per (component, focus).

    Blank focus nodes count under one name (engines label them differently).
    """
    import hashlib

    per_component = Counter(c for c, _ in results)
    per_pair = Counter(results)
    digest = hashlib.sha256("\n".join(f"{c} {f} {n}" for (c, f), n in sorted(per_pair.items()))
                           .encode()).hexdigest()[:16]
    return {"conforms": bool(conforms), "results": len(results),
            "per_component": dict(sorted(per_component.items())), "pairs_sha": digest}


def _local(component: str) -> str:
    text = str(component)
    for sep in ("#", ":"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text


def _focus(node) -> str:
    text = str(node)
    import rdflib

    if isinstance(node, rdflib.BNode) or text.startswith("_:"):
        return "_:bnode"
    return text.strip("<>")


def results_of_report(report) -> list[tuple[str, str]]:
    """(constraint component, focus node) of every result in a SHACL report graph (rdflib)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    out = []
    for result in report.objects(None, sh.result):
        component = report.value(result, sh.sourceConstraintComponent)
        focus = report.value(result, sh.focusNode)
        out.append((_local(component), _focus(focus)))
    return out


def _validation_data_rdflib(ctx: Context, store: str = "default"):
    """The data graph as the reference sees it: ontology, shared and cases in one rdflib Dataset."""
    return _rdflib_dataset(ctx, store)


@engine("validate", "pyshacl", reference=True, max_size=1000, needs=needs_shapes)
def validate_pyshacl(ctx: Context) -> list[Sample]:
    """pyshacl on an rdflib Dataset parsed by rdflib (the pure-Python reference)."""
    import pyshacl

    _source_env(ctx)
    (data, shapes), setup = timed(lambda: (_validation_data_rdflib(ctx), _shapes_graph(ctx)))
    (conforms, report, _), seconds = timed(pyshacl.validate, data, shacl_graph=shapes,
                                           **_validation_options(ctx))
    return [Sample("shacl", [seconds], setup,
                   report_summary(conforms, results_of_report(report)))]


def _validation_options(ctx: Context) -> dict:
    """The options the library passes to the SHACL engine (mirrored from iorkg.validate)."""
    return dict(ctx.options.get("shacl_options", {"inference": "none", "advanced": True}))


def _turbo(ctx: Context, data, setup: float, item: str) -> list[Sample]:
    import pyshacl_turbo

    shapes = _shapes_graph(ctx)
    (conforms, report, _), seconds = timed(pyshacl_turbo.validate, data, shacl_graph=shapes,
                                           **_validation_options(ctx))
    return [Sample(item, [seconds], setup, report_summary(conforms, results_of_report(report)))]


@engine("validate", "pyshacl-turbo/rdflib", needs=needs_shapes, max_size=1000)
def validate_turbo_rdflib(ctx: Context) -> list[Sample]:
    """pyshacl-turbo on the same rdflib Dataset as pyshacl (parsed by rdflib)."""
    data, setup = timed(_validation_data_rdflib, ctx)
    return _turbo(ctx, data, setup, "shacl")


@engine("validate", "pyshacl-turbo/oxrdflib", needs=needs_shapes)
def validate_turbo_oxrdflib(ctx: Context) -> list[Sample]:
    """pyshacl-turbo on an rdflib Dataset on an oxrdflib store (literals normalised by the Store)."""
    data, setup = timed(_validation_data_rdflib, ctx, "Oxigraph")
    return _turbo(ctx, data, setup, "shacl")


@engine("validate", "pyshacl-turbo/store", needs=needs_shapes)
def validate_turbo_store(ctx: Context) -> list[Sample]:
    """pyshacl-turbo given a pyoxigraph Store (dumped as N-Quads; literals normalised by the Store)."""
    from iorkg.store import KnowledgeGraph

    def build():
        kg = KnowledgeGraph()
        for path, graph in ctx.background():
            kg.load(path, graph=graph)
        kg.store.load(path=str(ctx.nquads), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
        return kg

    kg, setup = timed(build)
    return _turbo(ctx, kg.store, setup, "shacl")


def lossless_nquads(ctx: Context) -> str:
    """Background and corpus as one N-Quads text, parsed by `pyoxigraph.parse`, never stored.

    A pyoxigraph Store (0.5.x) normalises literals on insertion (oxigraph issue #526):
    "5"^^xsd:nonNegativeInteger comes back as "5"^^xsd:integer, which breaks sh:datatype checks.
    The corpus file passes through as bytes (its blank-node labels are unique per case).
    """
    import pyoxigraph as ox

    from iorkg.rdf.files import parse_quads

    background = [q for path, graph in ctx.background() for q in parse_quads(path, graph=graph)]
    text = ox.serialize(background, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    corpus = Path(ctx.nquads).read_text(encoding="utf-8")
    return text + corpus + ("" if corpus.endswith("\n") or not corpus else "\n")


@engine("validate", "pyshacl-turbo/nquads", needs=needs_shapes)
def validate_turbo_nquads(ctx: Context) -> list[Sample]:
    """pyshacl-turbo given N-Quads text (pyoxigraph parser, no Store) as its native Input."""
    from pyshacl_turbo.rdf import Input

    text, setup = timed(lossless_nquads, ctx)
    return _turbo(ctx, Input(text, "nquads", None, {}), setup, "shacl")


@engine("shapes", "pyshacl-turbo", warm=True, needs=needs_shapes)
def shapes_turbo(ctx: Context) -> list[Sample]:
    """Each named shape alone (pyshacl-turbo, N-Quads input), minus the cost of reading the data.

    A diagnostic, not in the default steps: which rules grow faster than the data. The item
    `(reading the data)` is a run with an empty shapes graph; every other item is the time of a
    run restricted to one shape (`use_shapes`) minus that.
    """
    import pyshacl_turbo
    import rdflib
    from pyshacl_turbo.rdf import Input

    text, setup = timed(lossless_nquads, ctx)
    shapes = _shapes_graph(ctx)
    sh = rdflib.Namespace(SH)
    empty = rdflib.Graph()
    empty.add((rdflib.URIRef("urn:x-bench:no-shape"), rdflib.RDF.type, sh.NodeShape))
    base_runs = [timed(pyshacl_turbo.validate, Input(text, "nquads", None, {}), shacl_graph=empty)[1]
                 for _ in range(ctx.repeat)]
    base = min(base_runs)
    samples = [Sample("(reading the data)", base_runs, setup)]
    program = pyshacl_turbo.compile_shapes(shapes, advanced=True)
    top = sorted((str(n), str(s)) for s, n in shapes.subject_objects(sh.name)
                 if isinstance(s, rdflib.URIRef))
    for name, iri in top:
        (conforms, report, _), elapsed = timed(program.validate, Input(text, "nquads", None, {}),
                                               use_shapes=[iri])
        results = len(list(report.objects(None, sh.result)))
        samples.append(Sample(name, [max(0.0, elapsed - base)], setup, {"results": results}))
    return samples


@engine("validate", "pyrudof", needs=needs_shapes)
def validate_pyrudof(ctx: Context) -> list[Sample]:
    """pyrudof (Rust SHACL, native mode): data and shapes read from files by rudof."""
    import pyrudof

    def build():
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        for path, _ in ctx.background():
            rudof.read_data(str(path), format=pyrudof.RDFFormat.Turtle, merge=True)
        rudof.read_data(str(ctx.nquads), format=pyrudof.RDFFormat.NQuads, merge=True)
        shapes = "".join(p.read_text(encoding="utf-8") + "\n" for p in ctx.shape_files())
        rudof.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle)
        return rudof

    rudof, setup = timed(build)
    report, seconds = timed(rudof.validate_shacl)
    results = [(_local(e.constraint_component), _focus(e.focus_node)) for e in report.violations]
    return [Sample("shacl", [seconds], setup, report_summary(report.conforms, results))]


@engine("validate", "iorkg", needs=needs_validation)
def validate_iorkg(ctx: Context) -> list[Sample]:
    """iorkg.validate.validate on a KnowledgeGraph (the library's default engine)."""
    from iorkg import validate as validation
    from iorkg.store import KnowledgeGraph

    _source_env(ctx)

    def build():
        kg = KnowledgeGraph()
        for path, graph in ctx.background():
            kg.load(path, graph=graph)
        kg.load(ctx.nquads)
        return kg

    kg, setup = timed(build)
    result, seconds = timed(validation.validate, kg)
    return [Sample("shacl", [seconds], setup, _library_summary(result))]


def _library_summary(result) -> dict:
    report = getattr(result, "report_graph", None)
    if report is not None:
        pairs = results_of_report(report)
    else:
        pairs = [(_local(r.constraint_component), _focus(r.focus_node)) for r in result.results]
    return report_summary(result.conforms, pairs)


# the command line -----------------------------------------------------------------------------------
def _iorkg_command() -> list[str]:
    """The installed console script beside this Python (not a pyenv shim), else `python -c`."""
    script = Path(sys.executable).parent / "iorkg"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from iorkg.cli import entry; sys.argv[0] = 'iorkg'; entry()"]


def run_command(argv: list[str], repeat: int, env: dict | None = None) -> tuple[list[float], float, int]:
    """Run a command `repeat` times; wall times, peak RSS (MiB) of the slowest child, exit code."""
    import resource

    seconds, peak, code = [], 0.0, 0
    for _ in range(repeat):
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds.append(time.perf_counter() - started)
        proc.returncode = os.waitstatus_to_exitcode(status)
        code = proc.returncode
        peak = max(peak, usage.ru_maxrss / 1024)
        if proc.stderr:
            proc.stderr.close()
    del resource
    return seconds, peak, code


@engine("cli", "iorkg --help", sized=False, warm=True)
def cli_help(ctx: Context) -> list[Sample]:
    """`iorkg --help` as a subprocess (console script startup, lazy command table)."""
    seconds, peak, code = run_command(_iorkg_command() + ["--help"], ctx.repeat)
    return [Sample("iorkg --help", seconds, result={"exit": code}, peak_rss_mib=peak)]


@engine("cli", "iorkg query", sized=False, warm=True, needs=needs_cli("query"))
def cli_query(ctx: Context) -> list[Sample]:
    """`iorkg query who-held-which-logic` on the shipped case, cold (a new process each time)."""
    seconds, peak, code = run_command(_iorkg_command() + ["query", "who-held-which-logic"],
                                      ctx.repeat)
    return [Sample("iorkg query who-held-which-logic", seconds, result={"exit": code},
                   peak_rss_mib=peak)]


@engine("cli", "iorkg validate", warm=True, needs=needs_cli("validate"))
def cli_validate(ctx: Context) -> list[Sample]:
    """`iorkg validate <corpus>` as a whole command (exit 0 or 1 is a verdict, 2/3 an error)."""
    env = dict(os.environ, IORKG_SOURCE_DIR=str(ctx.sources))
    seconds, peak, code = run_command(_iorkg_command() + ["validate", str(ctx.nquads)],
                                      ctx.repeat, env)
    return [Sample("iorkg validate corpus", seconds, result={"exit": code}, peak_rss_mib=peak)]


# incremental validation --------------------------------------------------------------------------
@engine("incremental", "iorkg", warm=True, needs=needs_validate_addition)
def incremental_iorkg(ctx: Context) -> list[Sample]:
    """Add one case to a store of `size` valid cases: validate_addition, then a full validate."""
    import pyoxigraph as ox

    from iorkg import validate as validation
    from iorkg.store import KnowledgeGraph

    from .generate import generate_case, write_corpus

    # the base is a corpus without deliberate defects, so that its own verdict is known
    clean = write_corpus(ctx.size, ctx.nquads.parent.with_name(f"bench-{ctx.size}-clean"),
                         defect_every=0)
    os.environ["IORKG_SOURCE_DIR"] = str(clean.sources)

    def build():
        kg = KnowledgeGraph()
        for path, graph in ctx.background():
            kg.load(path, graph=graph)
        kg.load(clean.nquads)
        return kg

    kg, setup = timed(build)
    samples = []
    additions = (("valid", generate_case(ctx.size + 1, defect_every=0)),
                 ("defective", generate_case(ctx.size + 2, defect_every=1)))
    for kind, new in additions:
        path = clean.folder / f"addition-{new.index}.nq"
        path.write_text("".join(new.lines), encoding="utf-8")
        (clean.sources / new.source_file).write_text(new.source_text, encoding="utf-8")
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        first, first_seconds = timed(validation.validate_addition, kg, quads)
        seconds = [timed(validation.validate_addition, kg, quads)[1] for _ in range(ctx.repeat)]
        kg.load(path)
        full, full_seconds = timed(validation.validate, kg)
        prefix = new.case_node.rsplit("/", 1)[0] + "/"
        mine = _new_case_findings(first, prefix)
        theirs = _new_case_findings(full, prefix)
        result = {"defect": new.defect, "incremental_conforms": bool(first.conforms),
                  "full_conforms": bool(full.conforms),
                  "same_verdict": bool(first.conforms) == bool(full.conforms),
                  "new_case_findings": len(mine), "full_new_case_findings": len(theirs),
                  "same_findings": mine == theirs, "full_seconds": round(full_seconds, 3),
                  "store_triples": len(kg)}
        samples.append(Sample(f"add one {kind} case, first call", [first_seconds], setup, result))
        samples.append(Sample(f"add one {kind} case, repeated", seconds, setup, result))
    return samples


def _new_case_findings(result, prefix: str) -> list[tuple[str, str]]:
    """(rule, focus node) of the findings about nodes of the new case, sorted."""
    return sorted((f.rule, f.focus_node) for f in result.results
                  if str(f.focus_node).startswith(prefix))
