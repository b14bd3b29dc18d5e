"""The declarative sheet-to-triples mapping of the case workbook (workbook_mapping.toml), as objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..namespaces import PREFIXES

MAPPING_FILE = Path(__file__).with_name("workbook_mapping.toml")
KINDS = ("id", "type", "text", "boolean", "decimal", "node", "concept", "code", "special")


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header and what its cells become."""

    name: str
    kind: str
    property: str | None = None
    lang: bool = False
    datatype: str | None = None
    scheme: str | None = None
    values: tuple[str, ...] = ()
    multi: bool = False
    required: bool = False
    default: str | None = None
    shape: str = ""
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    """One sheet: the classes its rows may have and its columns, in order."""

    name: str
    title: str
    classes: tuple[str, ...]
    columns: tuple[Column, ...]
    any_class: bool = False
    own_columns: bool = False

    def column(self, name: str) -> Column | None:
        """The column with this header, if any."""
        return next((c for c in self.columns if c.name == name), None)

    @property
    def is_node_sheet(self) -> bool:
        """Whether each row is a case node built generically from its columns."""
        return not self.own_columns


@dataclass(frozen=True)
class Mapping:
    """The whole mapping: template version, sheets in workbook order, prefixes."""

    template_version: int
    separator: str
    workbook_namespace: str
    sheets: tuple[Sheet, ...]
    prefixes: dict[str, str] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet:
        """The sheet with this name."""
        return next(s for s in self.sheets if s.name == name)

    def expand(self, curie: str) -> str | None:
        """The IRI of a CURIE with a known prefix, or None."""
        prefix, sep, local = curie.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return None

    def shorten(self, iri: str) -> str:
        """The CURIE of an IRI in a known namespace (the longest match), else the IRI itself."""
        best = None
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and (best is None or len(ns) > len(self.prefixes[best])):
                local = iri[len(ns):]
                if local and all(ch.isalnum() or ch in "-_." for ch in local):
                    best = prefix
        return f"{best}:{iri[len(self.prefixes[best]):]}" if best else iri


def _column(data: dict) -> Column:
    if data.get("kind") not in KINDS:
        raise ValueError(f"workbook mapping: column {data.get('name')!r} has unknown kind {data.get('kind')!r}")
    known = set(Column.__dataclass_fields__) | {"replaces"}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"workbook mapping: column {data['name']!r} has unknown keys {sorted(unknown)}")
    data = {k: v for k, v in data.items() if k != "replaces"}
    if "values" in data:
        data["values"] = tuple(data["values"])
    return Column(**data)


@lru_cache(maxsize=2)
def load_mapping(path: str | None = None) -> Mapping:
    """The mapping read from the shipped TOML file (or another one)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    with open(path or MAPPING_FILE, "rb") as handle:
        raw = tomllib.load(handle)
    common = [(_column(c), c.get("replaces")) for c in raw.get("common", [])]
    sheets = []
    for entry in raw["sheet"]:
        own = [(_column(c), c.get("replaces")) for c in entry.get("column", [])]
        replaced = {r for _, r in own if r}
        columns: list[Column] = []
        if not entry.get("own_columns"):
            for column, _ in common:  # a column that `replaces` a common one takes its place
                if column.name in replaced:
                    columns.extend(c for c, r in own if r == column.name)
                else:
                    columns.append(column)
            own = [(c, r) for c, r in own if not r]
        columns += [c for c, _ in own]
        sheets.append(Sheet(entry["name"], entry.get("title", ""), tuple(entry.get("classes", [])),
                            tuple(columns), entry.get("any_class", False),
                            entry.get("own_columns", False)))
    prefixes = dict(PREFIXES)
    prefixes["iorkgw"] = raw["workbook_namespace"]
    return Mapping(raw["template_version"], raw["separator"], raw["workbook_namespace"],
                   tuple(sheets), prefixes)
