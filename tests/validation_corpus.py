"""The negative shape corpus in tests/data/shapes/: each file and what its header expects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SHAPES_DATA = Path(__file__).resolve().parent / "data" / "shapes"
VALID = SHAPES_DATA / "valid-minimal.ttl"


@dataclass(frozen=True)
class Fixture:
    """A broken dataset: the rule it must break, consequences it may also break, how to load it."""

    path: Path
    breaks: str
    expect: str
    also: tuple[str, ...]
    base: Path | None
    groups: tuple[str, ...]
    reason: bool

    @property
    def files(self) -> list[Path]:
        """The files to validate together: the base (if any) and the fixture."""
        return ([self.base] if self.base else []) + [self.path]

    @property
    def allowed(self) -> set[str]:
        """The rules the fixture may break: the expected one and its declared consequences."""
        return {self.expect, *self.also}


def read_fixture(path: Path) -> Fixture:
    """The header of a fixture: `# Breaks:`, `# expect:`, `# also:`, `# base:`, `# groups:`, `# reason:`."""
    header: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        header[key.strip().lower()] = value.strip()
    base = header.get("base", VALID.name)
    return Fixture(
        path=path, breaks=header.get("breaks", ""), expect=header["expect"],
        also=tuple(a.strip() for a in header.get("also", "").split(",") if a.strip()),
        base=None if base == "none" else SHAPES_DATA / base,
        groups=tuple(g.strip() for g in header.get("groups", "structure, consistency, crosscase, evidence").split(",")),
        reason=header.get("reason", "false") == "true")


def corpus() -> list[Fixture]:
    """Every negative fixture, sorted by file name."""
    return [read_fixture(p) for p in sorted(SHAPES_DATA.iterdir())
            if p.suffix in (".ttl", ".trig") and p != VALID]
