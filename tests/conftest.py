"""Shared fixtures: paths into the repository and its test data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository's root folder."""
    return REPO


@pytest.fixture(scope="session")
def test_data() -> Path:
    """The folder of small fixture files."""
    return DATA


@pytest.fixture(scope="session")
def shipped_kg():
    """The shipped graphs with the fictional example, loaded once (treat as read-only)."""
    from iorkg.store import KnowledgeGraph

    return KnowledgeGraph.shipped(examples=True)


@pytest.fixture(scope="session")
def crosscase_kg():
    """The shipped graphs, the fictional example and the fictional harbour case of the cross-case
    fixtures, loaded once (treat as read-only)."""
    import iorkg

    kg = iorkg.open(shipped=True, examples=True)
    kg.load(DATA / "crosscase" / "fictional-harbour-case.ttl",
            graph="https://w3id.org/iorkg/graph/fictional-harbour-case")
    return kg


@pytest.fixture(autouse=True)
def fixture_sources(monkeypatch):
    """Source texts of the small fixtures are found wherever a test copies a fixture to: the
    fixtures' folder is searched after any folder the environment already names."""
    import os

    existing = os.environ.get("IORKG_SOURCE_DIR", "")
    folders = [p for p in existing.split(os.pathsep) if p] + [str(DATA / "shapes")]
    monkeypatch.setenv("IORKG_SOURCE_DIR", os.pathsep.join(folders))
