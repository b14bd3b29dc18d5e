"""The application in front of the Oxigraph server: queries passed through, writes refused, every
competency question at `/questions/NAME.csv|tsv|json|rq`, and a deadline on every query.

Only queries go through, and only as the query text itself: the text is read from the request
(GET `query=`, a POST form, or a POST body of type application/sparql-query), checked, and sent
to the backend in a request the application builds. Refused (403): SPARQL updates (at /update,
/sparql or /query), Graph Store writes, and a federated `SERVICE` clause, which the backend
would otherwise execute, sending requests wherever a client says. A query that has no answer
within the deadline gets 503 and the backend is restarted (the engine's own timeout does not
stop every query: docs/serving.md). Answers are kept for the life of the server
(`iorkg.serve.cache`): the store cannot change while it is served.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
import time
from typing import TYPE_CHECKING, Callable

from ..query.minify import keywords, unescape_codepoints

if TYPE_CHECKING:  # pragma: no cover
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from .backend import Backend
    from .cache import Answer

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"}
QUESTION_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "rq": "application/sparql-query; charset=utf-8",
}
#: the web page may load its own assets and talk to this server only (YASGUI's look-ups of
#: prefixes elsewhere fail at once instead of waiting for a network that is not there)
UI_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data:; connect-src 'self'")
UI_ASSETS = ("/yasgui.min.js", "/yasgui.min.css", "/logo.svg")
PASSED_HEADERS = ("content-type", "content-length", "cache-control")
#: says whether an answer was kept from an earlier request (hit) or asked of the engine (miss)
CACHE_HEADER = "x-iorkg-cache"


def _is_text(media_type: str) -> bool:
    """Whether a media type is text the engine writes in UTF-8 (results, RDF, HTML)."""
    kind = media_type.split(";")[0].strip().lower()
    return kind.startswith("text/") or kind.endswith(("+xml", "+json")) or kind in (
        "application/xml", "application/json", "application/n-triples", "application/n-quads", "application/trig")


class Refused(Exception):
    """A request the application will not pass on: its HTTP status and the reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@functools.lru_cache(maxsize=512)
def _algebra_has_service(text: str) -> bool | None:
    """Whether rdflib's algebra of the query holds a SERVICE pattern (None when rdflib cannot parse it)."""
    try:
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery
        from rdflib.plugins.sparql.parserutils import CompValue
    except ImportError:  # pragma: no cover
        return None
    try:
        algebra = translateQuery(parseQuery(text)).algebra
    except Exception:  # rdflib's parser raises many kinds; the token check still stands
        return None
    stack = [algebra]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return False


def check_query(text: str) -> None:
    """Refused for an update or a federated query; returns for any other text.

    Two independent readings: the words of the text outside strings, IRIs and comments (after
    SPARQL's \\u escapes are undone), and the algebra rdflib parses.
    """
    words = keywords(text)
    if words & UPDATE_WORDS:
        raise Refused(403, "this server is read-only: SPARQL updates are refused")
    if "SERVICE" in words or _algebra_has_service(unescape_codepoints(text)):
        raise Refused(403, "federated queries (SERVICE) are refused by this server")


#: the largest request body the application reads (a query text or a form holding one)
MAX_BODY_BYTES = 4 * 2**20


async def _body(request: "Request") -> bytes:
    """The request's body, refused (413) past MAX_BODY_BYTES before more of it is read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise Refused(413, f"a query of at most {MAX_BODY_BYTES // 2**20} MiB is read; this one is larger")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise Refused(413, f"a query of at most {MAX_BODY_BYTES // 2**20} MiB is read; this one is larger")
        chunks.append(chunk)
    return b"".join(chunks)


async def query_text(request: "Request") -> str:
    """The query of a SPARQL Protocol request (Refused for an update, no query at all, or a body
    over MAX_BODY_BYTES)."""
    if request.method == "GET":
        if "update" in request.query_params:
            raise Refused(403, "this server is read-only: SPARQL updates are refused")
        text = request.query_params.get("query")
    elif request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            raise Refused(403, "this server is read-only: SPARQL updates are refused")
        if kind == "application/sparql-query":
            text = (await _body(request)).decode("utf-8", errors="replace")
        elif kind == "application/x-www-form-urlencoded":
            from urllib.parse import parse_qs

            form = parse_qs((await _body(request)).decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                raise Refused(403, "this server is read-only: SPARQL updates are refused")
            text = form["query"][-1] if "query" in form else None
        else:
            raise Refused(415, "send a query as application/sparql-query or a form with query=")
    else:
        raise Refused(405, "a SPARQL query is sent by GET or POST")
    if text is None or not text.strip():
        raise Refused(400, "no query given (query=...)")
    return text


class Supervisor:
    """The backend, a deadline per query, and a restart when a query overruns it."""

    def __init__(self, backend: "Backend", deadline_s: float, log: Callable[[str], None] | None = None,
                 cache_bytes: int = 128 * 2**20) -> None:
        import httpx

        from .cache import AnswerCache

        self.backend = backend
        self.cache = AnswerCache(cache_bytes)
        self.deadline_s = deadline_s
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(deadline_s + 5, connect=5.0))
        self._ready = asyncio.Event()
        self._ready.set()
        # queries the engine runs at once; the others wait here, and their deadline starts when
        # they reach the engine (so a queue of clients does not look like a runaway query)
        self._slots = asyncio.Semaphore(max(2, os.cpu_count() or 2))
        self._restarting: asyncio.Task | None = None
        self.fictional: frozenset | None = None  # nodes of fictional example cases, asked once

    async def restart(self, why: str) -> None:
        """Stop the backend and start it again (once, however many requests ask at the same time)."""
        if self._restarting is None or self._restarting.done():
            self._restarting = asyncio.ensure_future(self._restart(why))
        await asyncio.shield(self._restarting)

    async def _restart(self, why: str) -> None:
        from .backend import wait_ready

        self._ready.clear()
        try:
            self.log(f"iorkg serve: {why}; restarting the query engine")
            started = time.monotonic()
            self.backend.stop()
            for attempt in range(3):
                process = self.backend.spawn()  # here, in the event loop's thread (see backend.py)
                try:
                    await asyncio.to_thread(wait_ready, f"{self.backend.url}/query?query=ASK%7B%7D", process)
                    break
                except Exception:
                    self.backend.stop()
                    if attempt == 2:
                        raise
            self.backend.restarts += 1
            self.log(f"iorkg serve: the query engine is back after {time.monotonic() - started:.1f} s")
        finally:
            self._ready.set()

    async def send(self, method: str, path: str, *, params=None, content: bytes | None = None,
                   headers: dict[str, str] | None = None):
        """The backend's answer, read in full within the deadline (503 Refused otherwise)."""
        import httpx

        async def call():
            url = self.backend.url + path  # read when sent: a restart changes the port
            return await self.client.request(method, url, params=params, content=content, headers=headers)

        try:
            async with self._slots:
                await self._ready.wait()
                return await asyncio.wait_for(call(), self.deadline_s)
        except asyncio.TimeoutError:
            await self.restart(f"a query ran past the {self.deadline_s:g} s deadline")
            raise Refused(503, f"the query did not finish within {self.deadline_s:g} s and was stopped "
                               "(the query engine was restarted)") from None
        except httpx.TransportError:
            if self.backend.process is None or self.backend.process.poll() is not None or not self._ready.is_set():
                await self.restart("the query engine stopped")
            raise Refused(503, "the query engine was restarted while answering; send the query again") from None

    async def close(self) -> None:
        """Release the HTTP client."""
        await self.client.aclose()


def create_app(supervisor: Supervisor) -> "Starlette":
    """The Starlette application: /query and /sparql, the web UI, /questions, writes refused."""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from .cache import Answer

    def refusal(exc: Refused) -> Response:
        return PlainTextResponse(exc.reason + "\n", status_code=exc.status)

    def passed(answer, extra: dict[str, str] | None = None) -> Response:
        return sent(engine_answer(answer), extra)

    def sent(answer: "Answer", extra: dict[str, str] | None = None) -> Response:
        headers = dict(answer.headers)
        headers.update(extra or {})
        return Response(answer.body, status_code=answer.status, headers=headers)

    async def sparql(request: "Request") -> Response:
        try:
            text = await query_text(request)
            await asyncio.to_thread(check_query, text)
            params = tuple((k, v) for k, v in request.query_params.multi_items()
                           if k in ("default-graph-uri", "named-graph-uri"))
            accept = request.headers.get("accept", "application/sparql-results+json")

            async def ask() -> "Answer":
                started = time.monotonic()
                answer = await supervisor.send("POST", "/query", params=list(params), content=text.encode("utf-8"),
                                               headers={"content-type": "application/sparql-query", "accept": accept})
                # an answer the engine's own timeout may have cut short (an error at the end of a
                # 200 body) is sent on but not kept
                cut_after = supervisor.backend.engine_timeout_s
                whole = cut_after is None or time.monotonic() - started < cut_after
                return engine_answer(answer, keep=whole)

            answer, hit = await supervisor.cache.answer(("query", text, accept, params), ask)
        except Refused as exc:
            return refusal(exc)
        return sent(answer, {CACHE_HEADER: "hit" if hit else "miss"})

    async def ui(request: "Request") -> Response:
        try:
            answer = await supervisor.send("GET", request.url.path)
        except Refused as exc:
            return refusal(exc)
        return passed(answer, {"content-security-policy": UI_POLICY})

    async def read_only(request: "Request") -> Response:
        return PlainTextResponse("this server is read-only: updates and Graph Store writes are refused\n",
                                 status_code=403)

    async def graph_store(request: "Request") -> Response:
        if request.method not in ("GET", "HEAD"):
            return await read_only(request)
        try:
            answer = await supervisor.send("GET", "/store", params=list(request.query_params.multi_items()),
                                           headers={"accept": request.headers.get("accept", "application/n-triples")})
        except Refused as exc:
            return refusal(exc)
        return passed(answer)

    async def question_list(request: "Request") -> Response:
        from ..query.catalogue import catalogue

        base = str(request.base_url).rstrip("/")
        return JSONResponse([{"name": i.name, "title": i.title,
                              "params": [{"name": p.name, "type": p.type, "description": p.description}
                                         for p in i.params],
                              "columns": i.columns,
                              "urls": {ext: f"{base}/questions/{i.name}.{ext}" for ext in QUESTION_TYPES}}
                             for i in catalogue()])

    async def question(request: "Request") -> Response:
        try:
            name, ext = request.path_params["name"], request.path_params["ext"]
            given = dict(request.query_params)

            async def ask() -> "Answer":
                response = await answer_question(supervisor, name, ext, given)
                return Answer(response.status_code, (("content-type", response.headers["content-type"]),),
                              response.body)

            answer, hit = await supervisor.cache.answer(("question", name, ext, tuple(sorted(given.items()))), ask)
        except Refused as exc:
            return refusal(exc)
        return sent(answer, {CACHE_HEADER: "hit" if hit else "miss"})

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
    routes = [
        Route("/query", sparql, methods=methods),
        Route("/sparql", sparql, methods=methods),
        Route("/update", read_only, methods=methods),
        Route("/store", graph_store, methods=methods),
        Route("/", ui, methods=["GET"]),
        *[Route(path, ui, methods=["GET"]) for path in UI_ASSETS],
        Route("/questions", question_list, methods=["GET"]),
        Route("/questions/", question_list, methods=["GET"]),
        Route("/questions/{name}.{ext}", question, methods=["GET"]),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await supervisor.close()

    return Starlette(routes=routes, lifespan=lifespan)


def engine_answer(answer, keep: bool = True) -> "Answer":
    """The engine's HTTP answer as the application sends it on: its status, body and the headers
    passed through (a text type said to be UTF-8, as the engine writes it; R's client needs it said)."""
    from .cache import Answer

    headers = {k.lower(): v for k, v in answer.headers.items()
               if k.lower() in PASSED_HEADERS and k.lower() != "content-length"}
    kind = headers.get("content-type", "")
    if kind and "charset" not in kind and _is_text(kind):
        headers["content-type"] = kind + "; charset=utf-8"
    return Answer(answer.status_code, tuple(headers.items()), answer.content, keep)


async def answer_question(supervisor: Supervisor, name: str, ext: str, given: dict[str, str]) -> "Response":
    """One competency question in one format, its parameters typed by the question's declaration."""
    import pyoxigraph as ox
    from starlette.responses import Response

    from ..errors import InputError
    from ..query.catalogue import catalogue
    from ..query.minify import minify
    from ..query.params import bind_params, query_form, with_values
    from ..query.results import QueryResult

    minified = ext == "rq" and name.endswith(".min")  # NAME.min.rq: the text as sent to endpoints
    name = name.removesuffix(".min") if minified else name
    if ext not in QUESTION_TYPES:
        raise Refused(404, f"no format {ext!r}: use {', '.join('.' + e for e in QUESTION_TYPES)}")
    info = next((i for i in catalogue() if i.name == name), None)
    if info is None:
        raise Refused(404, f"no question is called {name!r}; the list is at /questions")
    try:
        terms = bind_params(info.params, {k: v for k, v in given.items() if v != ""})
    except InputError as exc:
        raise Refused(400, exc.message) from None
    text = with_values(info.text, terms)
    if ext == "rq":
        return Response(minify(text) + "\n" if minified else text, media_type=QUESTION_TYPES["rq"])
    if query_form(text) != "SELECT":  # pragma: no cover - the catalogue holds SELECT queries
        raise Refused(400, f"{name} is not a SELECT query")
    answer = await supervisor.send("POST", "/query", content=minify(text).encode("utf-8"),
                                   headers={"content-type": "application/sparql-query",
                                            "accept": "application/sparql-results+json"})
    if answer.status_code != 200:
        raise Refused(502, f"the query engine answered HTTP {answer.status_code}: {answer.text.strip()}")
    try:
        result = QueryResult.from_pyoxigraph(ox.parse_query_results(answer.content, ox.QueryResultsFormat.JSON))
    except (SyntaxError, ValueError) as exc:
        raise Refused(502, f"the query engine's answer is unreadable: {exc}") from None
    result = result.marking_fictional(await _fictional_nodes(supervisor))  # as embedded answers
    body = {"csv": result.to_csv, "tsv": result.to_tsv, "json": result.to_json}[ext]()
    return Response(body, media_type=QUESTION_TYPES[ext])


FICTIONAL_NODES = ("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?case a <https://w3id.org/iorkg/ontology#Case> ; "
                   "<https://w3id.org/iorkg/ontology#isFictional> true . ?s ?p ?o } }")


async def _fictional_nodes(supervisor: Supervisor) -> frozenset:
    """The subjects of the fictional case graphs the server holds (asked of the engine once)."""
    import pyoxigraph as ox

    if supervisor.fictional is None:
        answer = await supervisor.send("POST", "/query", content=FICTIONAL_NODES.encode("utf-8"),
                                       headers={"content-type": "application/sparql-query",
                                                "accept": "application/sparql-results+json"})
        if answer.status_code != 200:
            raise Refused(502, f"the query engine answered HTTP {answer.status_code}: {answer.text.strip()}")
        rows = ox.parse_query_results(answer.content, ox.QueryResultsFormat.JSON)
        supervisor.fictional = frozenset(row["s"] for row in rows)
    return supervisor.fictional
