"""Where the shipped ontology, shapes, queries and data live: inside the wheel or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import EnvironmentProblem

KINDS = ("ontology", "shapes", "queries", "data")


def resource_root() -> Path:
    """The folder that holds `ontology/`, `shapes/`, `queries/` and `data/`."""
    package = Path(__file__).resolve().parent
    bundled = package / "_resources"
    if (bundled / "ontology").is_dir():
        return bundled
    checkout = package.parents[1]
    if (checkout / "ontology").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    raise EnvironmentProblem(
        f"iorkg's resources are missing: neither {bundled} nor {checkout / 'ontology'} exists; "
        "reinstall the package")


def resource_dir(kind: str) -> Path:
    """The folder of one kind of resource (`ontology`, `shapes`, `queries` or `data`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; expected one of {', '.join(KINDS)}")
    return resource_root() / kind


def ontology_path() -> Path:
    """The ontology's Turtle file."""
    return resource_dir("ontology") / "iorkg.ttl"


def source_dirs() -> list[Path]:
    """Folders searched for source texts that evidence points into, in order.

    `IORKG_SOURCE_DIR` (may list several, separated by the path separator), then
    `../shared/case-source/` beside a checkout, then the shipped `data/sources/`.
    """
    dirs: list[Path] = []
    env = os.environ.get("IORKG_SOURCE_DIR")
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    root = resource_root()
    dirs.append(root.parent / "shared" / "case-source")
    dirs.append(root / "data" / "sources")
    return [d for d in dirs if d.is_dir()]


def find_source(file_name: str) -> Path | None:
    """The first source text with this file name, or None where none is on this machine."""
    for folder in source_dirs():
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    return None
