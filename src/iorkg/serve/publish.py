"""`iorkg publish`: the ontology, the shared graph and each case uploaded to a shared triple store,
one named graph each, through the SPARQL 1.1 Graph Store HTTP Protocol.

No live graph changes until every graph is uploaded. Each graph is PUT into its own staging
graph (`urn:iorkg:staging:` + the graph's IRI; a PUT into an absent graph appears whole or not
at all on both stores measured), and one SPARQL 1.1 Update request of `MOVE`s then puts them all
in place; a failed upload drops the staging graphs and leaves every live graph as it was. A
staging copy left by a killed run is replaced by the next run, and, being complete, gives the
competency questions no other rows (they read `SELECT DISTINCT`; tested). Without an update URL,
a store whose PUT was measured atomic (Oxigraph) has each graph PUT in place, one at a time.
Then each graph's triple count is read back,
and every competency question is asked of the store and compared with the embedded answer.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..errors import EnvironmentProblem, IorkgError

SUCCESS = (200, 201, 204)
STAGING_BASE = "urn:iorkg:staging:"


class PublishError(IorkgError):
    """The store is down, refuses the login, answers garbage, or an upload failed (exit 2);
    `status` is the HTTP status of a refusal (None when there was no answer)."""

    exit_code = 2

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class StorePreset:
    """The URL patterns of one kind of store, relative to its base URL, and how it replaces a graph."""

    name: str
    graph_store: str
    query: str
    update: str
    auth: str | None  # "basic", "digest" or None
    atomic_put: bool  # True only where measured
    tested: bool
    base_example: str
    note: str = ""


PRESETS: dict[str, StorePreset] = {p.name: p for p in [
    StorePreset("oxigraph", "{base}/store", "{base}/query", "{base}/update", None, True, True,
                "http://127.0.0.1:7878", "`oxigraph serve` (writable); PUT measured atomic"),
    StorePreset("virtuoso", "{base}/sparql-graph-crud-auth", "{base}/sparql", "{base}/sparql-auth", "digest",
                False, True, "http://127.0.0.1:8890", "PUT measured non-atomic: staged and moved"),
    StorePreset("fuseki", "{base}/data", "{base}/query", "{base}/update", "basic", False, False,
                "http://127.0.0.1:3030/iorkg", "base is the dataset URL"),
    StorePreset("graphdb", "{base}/rdf-graphs/service", "{base}", "{base}/statements", "basic", False, False,
                "http://127.0.0.1:7200/repositories/iorkg", "base is the repository URL"),
    StorePreset("qlever", "{base}", "{base}", "{base}", None, False, False, "http://127.0.0.1:7001",
                "writes need QLever's access token (--access-token on the server; give it as the password "
                "with --auth bearer)"),
]}


@dataclass(frozen=True)
class PublishTarget:
    """Where to publish: the Graph Store, query and update URLs, the login, how to replace."""

    graph_store: str
    query: str
    update: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str | None = None
    atomic_put: bool = False

    def http_auth(self):
        """The httpx authentication for the login (None without one)."""
        import httpx

        if self.password is None and self.user is None:
            return None
        if self.auth == "bearer":
            return _bearer_flow(self.password or "")
        if self.auth == "digest":
            return httpx.DigestAuth(self.user or "", self.password or "")
        return httpx.BasicAuth(self.user or "", self.password or "")


def _bearer_flow(token: str):
    """An httpx authentication sending `Authorization: Bearer TOKEN` (QLever's access token)."""
    import httpx

    class Bearer(httpx.Auth):
        def auth_flow(self, request):
            request.headers["Authorization"] = f"Bearer {token}"
            yield request

    return Bearer()


def target_for(preset: str | None, store: str, query: str | None = None, update: str | None = None,
               user: str | None = None, password: str | None = None, auth: str | None = None) -> PublishTarget:
    """The target a preset gives for a base URL (or, without a preset, the URLs as given)."""
    from ..errors import InputError

    if preset is None:
        if query is None:
            raise InputError(None, "without --preset give --query (and --update, to stage and move graphs)")
        return PublishTarget(store, query, update, user, password, auth, atomic_put=False)
    if preset not in PRESETS:
        raise InputError(None, f"no preset {preset!r}; expected one of: {', '.join(PRESETS)}")
    p = PRESETS[preset]
    base = store.rstrip("/")
    return PublishTarget(p.graph_store.format(base=base), query or p.query.format(base=base),
                         update or p.update.format(base=base), user, password, auth or p.auth, p.atomic_put)


def password_from_env(variable: str | None) -> str | None:
    """The password held by an environment variable (EnvironmentProblem naming it when unset)."""
    if variable is None:
        return None
    value = os.environ.get(variable)
    if value is None:
        raise EnvironmentProblem(f"the environment variable {variable} (--password-env) is not set")
    return value


@dataclass
class PublishReport:
    """What was published: triples per graph (local and read back), seconds, questions compared."""

    graphs: dict[str, tuple[int, int]] = field(default_factory=dict)
    seconds: float = 0.0
    questions_same: list[str] = field(default_factory=list)
    questions_different: list[str] = field(default_factory=list)
    questions_failed: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        """One paragraph for the terminal."""
        lines = [f"published {len(self.graphs)} graphs ({sum(a for a, _ in self.graphs.values())} triples) "
                 f"in {self.seconds:.1f} s; triple counts read back: all equal"]
        if self.questions_same or self.questions_different:
            lines.append(f"competency questions with the embedded answer: {len(self.questions_same)} of "
                         f"{len(self.questions_same) + len(self.questions_different)}")
        return "\n".join(lines) + "\n"


def publish_inputs(files: Sequence[str] = (), with_examples: bool = False, include_restricted: bool = False):
    """The knowledge graph to publish: what `iorkg serve` would serve (see serve.store.serve_inputs),
    the quotes of restricted sources withheld unless `include_restricted`."""
    from ..store import KnowledgeGraph
    from .store import serve_inputs

    inputs = serve_inputs(files, with_examples)
    kg = KnowledgeGraph()
    for graph, path in inputs.files:
        kg.load(path, graph=graph)
    if include_restricted:
        return kg
    from ..io.redact import public_view

    return public_view(kg)[0]


def _request(client, method: str, url: str, what: str, **kwargs):
    """An HTTP request whose failure becomes one clear PublishError."""
    import httpx

    try:
        answer = client.request(method, url, **kwargs)
    except httpx.ConnectError:
        raise PublishError(f"cannot reach the store at {url}: is it running?") from None
    except httpx.TimeoutException:
        raise PublishError(f"the store at {url} did not answer in time ({what})") from None
    except httpx.HTTPError as exc:
        raise PublishError(f"the connection to {url} failed during {what}: {type(exc).__name__}") from None
    if answer.status_code in (401, 403):
        raise PublishError(f"the store refused the login ({what}: HTTP {answer.status_code} from {url}); "
                           "check --user, --password-env and --auth")
    if answer.status_code not in SUCCESS:
        body = " ".join(answer.text.split())[:300]
        raise PublishError(f"{what} failed: HTTP {answer.status_code} from {url}: {body}", answer.status_code)
    return answer


def _graph_url(target: PublishTarget, graph: str) -> str:
    from urllib.parse import quote

    joiner = "&" if "?" in target.graph_store else "?"
    return f"{target.graph_store}{joiner}graph={quote(graph, safe='')}"


def remote_counts(client, target: PublishTarget, graphs: Sequence[str], batch: int = 200) -> dict[str, int]:
    """The triple count of each graph, read from the store's query endpoint (`batch` graphs a
    query: Virtuoso refuses a VALUES block of 5,000)."""
    import json

    counts: dict[str, int] = {}
    for start in range(0, len(graphs), batch):
        values = " ".join(f"<{g}>" for g in graphs[start:start + batch])
        query = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                 "GROUP BY ?g")
        answer = _request(client, "POST", target.query, "reading the triple counts back", data={"query": query},
                          headers={"accept": "application/sparql-results+json"})
        try:
            rows = json.loads(answer.content)["results"]["bindings"]
            counts.update({r["g"]["value"]: int(r["n"]["value"]) for r in rows})
        except (ValueError, KeyError, TypeError):
            raise PublishError(f"the store at {target.query} answered something that is not SPARQL JSON "
                               "results") from None
    return {g: counts.get(g, 0) for g in graphs}


def publish(target: PublishTarget, kg, compare_questions: bool = True,
            progress: Callable[[str], None] | None = None, timeout_s: float = 600.0) -> PublishReport:
    """Upload every named graph of `kg` to the store, check the counts and (optionally) the questions."""
    try:
        import httpx
    except ImportError:
        raise EnvironmentProblem("`iorkg publish` needs httpx: pip install 'iorkg[server]'") from None

    say = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    if not target.update and not target.atomic_put:
        raise PublishError("this store needs an update URL (--update) to move staged graphs into place")
    auth = target.http_auth()
    report = PublishReport()
    started = time.monotonic()
    local = kg.triple_counts()
    graphs = list(local)
    with httpx.Client(auth=auth, timeout=httpx.Timeout(timeout_s, connect=10.0)) as client:
        if target.update:
            _stage_and_move(client, target, kg, graphs, local, say)
        else:  # a store whose PUT is atomic and no update URL: each graph replaced on its own
            for number, graph in enumerate(graphs, start=1):
                t0 = time.monotonic()
                _request(client, "PUT", _graph_url(target, graph), f"uploading {graph}",
                         content=kg.serialize("nt", graph), headers={"content-type": "application/n-triples"})
                say(f"graph {number}/{len(graphs)} {graph}: {local[graph]} triples replaced "
                    f"in {time.monotonic() - t0:.1f} s")
        back = remote_counts(client, target, graphs)
    wrong = {g: (local[g], back[g]) for g in graphs if back[g] != local[g]}
    if wrong:
        shown = "; ".join(f"{g}: sent {a}, the store holds {b}" for g, (a, b) in wrong.items())
        raise PublishError(f"the triple counts read back differ: {shown}")
    report.graphs = {g: (local[g], back[g]) for g in graphs}
    if compare_questions:
        _compare_questions(kg, target, report, say)
    report.seconds = time.monotonic() - started
    return report


def staging_graph(graph: str) -> str:
    """The graph a live graph's new copy is uploaded to before it is moved into place (the same
    name every run, so a run's leftover is replaced by the next run)."""
    return STAGING_BASE + graph


def _stage_and_move(client, target: PublishTarget, kg, graphs: Sequence[str], local: dict[str, int],
                    say: Callable[[str], None]) -> None:
    """Every graph PUT into its staging graph, then all moved into place by one update request:
    until that request, no live graph has changed."""
    head = {"content-type": "application/n-triples"}
    staged: list[str] = []
    try:
        for number, graph in enumerate(graphs, start=1):
            t0 = time.monotonic()
            staging = staging_graph(graph)
            _update(client, target, f"DROP SILENT GRAPH <{staging}>", f"clearing the staging graph of {graph}")
            staged.append(staging)
            _request(client, "PUT", _graph_url(target, staging), f"staging {graph}",
                     content=kg.serialize("nt", graph), headers=head)
            say(f"graph {number}/{len(graphs)} {graph}: {local[graph]} triples staged "
                f"in {time.monotonic() - t0:.1f} s")
        t0 = time.monotonic()
        moves = " ;\n".join(f"MOVE SILENT <{staging_graph(g)}> TO <{g}>" for g in graphs)
        try:
            _update(client, target, moves, f"moving the {len(graphs)} staged graphs into place")
            say(f"{len(graphs)} graphs moved into place in one update in {time.monotonic() - t0:.1f} s")
        except PublishError as refused:
            if refused.status is None:  # the store is gone, not a refusal
                raise
            say(f"the store refused one update moving every graph ({refused.status}); moving them one at a time")
            _move_one_at_a_time(client, target, graphs, local, say)
    except PublishError:
        for staging in staged:
            _drop_quietly(client, target, staging)
        raise


def _move_one_at_a_time(client, target: PublishTarget, graphs: Sequence[str], local: dict[str, int],
                        say: Callable[[str], None]) -> None:
    """Each staging graph still whole moved into place by an update of its own (a store that
    refused the single update may have applied part of it: a graph already moved is left alone)."""
    staged = remote_counts(client, target, [staging_graph(g) for g in graphs])
    for number, graph in enumerate(graphs, start=1):
        if staged[staging_graph(graph)] != local[graph]:
            continue  # moved already (its staging graph is gone), or not whole: never moved over the live one
        _update(client, target, f"MOVE SILENT <{staging_graph(graph)}> TO <{graph}>", f"moving {graph} into place")
        say(f"graph {number}/{len(graphs)} {graph} moved into place")


def _update(client, target: PublishTarget, update: str, what: str) -> None:
    _request(client, "POST", target.update, what, content=update.encode("utf-8"),
             headers={"content-type": "application/sparql-update"})


def _drop_quietly(client, target: PublishTarget, staging: str) -> None:
    try:
        _update(client, target, f"DROP SILENT GRAPH <{staging}>", "removing a staging graph")
    except PublishError:
        pass  # the store is gone; its staging graph is empty or absent (a PUT appears whole or not at all)


def _compare_questions(kg, target: PublishTarget, report: PublishReport, say: Callable[[str], None]) -> None:
    from ..query.catalogue import catalogue
    from ..query.remote import run_remote
    from ..query.run import run_query

    for info in catalogue():
        try:
            remote = run_remote(target.query, info.name)
        except IorkgError as exc:
            message = " ".join(str(exc).split())
            report.questions_failed[info.name] = message[:200] + ("..." if len(message) > 200 else "")
            continue
        if remote.rows == run_query(kg.store, info.name).rows:
            report.questions_same.append(info.name)
        else:
            report.questions_different.append(info.name)
    total = len(catalogue())
    say(f"competency questions with the embedded answer: {len(report.questions_same)} of {total}")
    problems = [f"{n} answers differently" for n in report.questions_different]
    problems += [f"{n} fails on the store: {m}" for n, m in report.questions_failed.items()]
    if problems:
        raise PublishError("the graphs are published, but the store does not answer every competency "
                           "question as the embedded graphs do: " + "; ".join(problems))


class NotValid(IorkgError):
    """What would be published breaks the validation rules: nothing was sent (exit 1)."""

    exit_code = 1

    def __init__(self, result) -> None:
        super().__init__("not published: the graphs break the validation rules, as `iorkg validate` "
                         "reports them:\n" + result.text)
        self.result = result


def check_before_publishing(kg) -> None:
    """NotValid when the graphs to publish break the rules `iorkg validate` checks (their findings,
    in the same words); returns when they are valid."""
    from ..validate import validate

    result = validate(kg)
    if not result.conforms:
        raise NotValid(result)


def publish_main(files: Sequence[str], store: str, preset: str | None, query: str | None, update: str | None,
                 user: str | None, password_env: str | None, auth: str | None, with_examples: bool,
                 compare_questions: bool, include_restricted: bool = False, check: bool = True) -> str:
    """`iorkg publish` as the command line gives it: validate (unless `check` is False), publish,
    then the summary to print."""
    password = password_from_env(password_env)
    if user is None and password is not None:
        from ..errors import InputError

        raise InputError(None, "--password-env needs --user")
    target = target_for(preset, store, query, update, user, password, auth)
    kg = publish_inputs(files, with_examples, include_restricted=True)
    if check:
        check_before_publishing(kg)  # the data as written, before restricted quotes are withheld
    if not include_restricted:
        from ..io.redact import public_view

        kg = public_view(kg)[0]
    return publish(target, kg, compare_questions).summary()
