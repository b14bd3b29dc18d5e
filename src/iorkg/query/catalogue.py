"""The competency questions: a catalogue of `.rq` files and their headers.

Each file in `queries/` starts with `#` header lines (`title`, `question`, `param`, `graphs`,
`inference`, `columns`). `resolve` turns a catalogue name, a `.rq` path or SPARQL text into the
text and its declared parameters; `iorkg.query.run` runs it embedded, `iorkg.query.remote` on a
SPARQL 1.1 endpoint. Both give a `QueryResult` with the same rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .params import ParamSpec

_HEADER = re.compile(r"#\s*([A-Za-z_-]+)\s*:\s?(.*)")


@dataclass(frozen=True)
class QueryInfo:
    """One catalogued query: its name (the file stem), path and header fields."""

    name: str
    path: Path
    title: str
    question: str
    params: list[ParamSpec] = field(default_factory=list)
    graphs: str = ""
    inference: str = ""
    columns: str = ""

    @property
    def text(self) -> str:
        """The SPARQL text."""
        return self.path.read_text(encoding="utf-8")


def parse_header(text: str, name: str, path: Path) -> QueryInfo:
    """The header fields of a query file (its leading `#` lines)."""
    fields: dict[str, str] = {}
    params: list[ParamSpec] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "param":
            parts = value.split(None, 3)
            if len(parts) < 3:
                raise InputError(path, "a param line needs: name type default description", number)
            pname, ptype, default = parts[:3]
            params.append(ParamSpec(pname, ptype.lower(), None if default in ("-", "none") else default,
                                    parts[3] if len(parts) > 3 else ""))
        else:
            fields[key] = (fields[key] + " " + value) if key in fields else value
    return QueryInfo(name, path, fields.get("title", name), fields.get("question", ""), params,
                     fields.get("graphs", ""), fields.get("inference", ""), fields.get("columns", ""))


def catalogue() -> list[QueryInfo]:
    """Every shipped competency question, sorted by name."""
    from ..resources import resource_dir

    folder = resource_dir("queries")
    return [parse_header(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))]


def query_named(name: str) -> QueryInfo:
    """The catalogued query with this name (InputError listing the names otherwise)."""
    for info in catalogue():
        if info.name == name:
            return info
    names = ", ".join(i.name for i in catalogue())
    raise InputError(None, f"no query is called {name!r}; the catalogue has: {names}")


def resolve(name_or_text: str) -> tuple[str, QueryInfo | None, list[ParamSpec] | None]:
    """SPARQL text, header and declared parameters for a catalogue name, a path to a `.rq` file,
    or SPARQL text.

    The parameters are None (any name accepted, typed by its value) for SPARQL text and for a
    file that declares none; a catalogued query accepts only the parameters it declares.
    """
    candidate = name_or_text.strip()
    if re.fullmatch(r"[A-Za-z0-9_.-]+", candidate) and not candidate.endswith((".rq", ".sparql")):
        info = query_named(candidate)
        return info.text, info, info.params
    if "\n" not in candidate and candidate.endswith((".rq", ".sparql")):
        path = Path(candidate)
        if not path.is_file():
            raise InputError(path, "no such query file")
        text = path.read_text(encoding="utf-8")
        info = parse_header(text, path.stem, path)
        return text, info, info.params or None
    return name_or_text, None, None
