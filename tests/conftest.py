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
    """The shipped graphs loaded once (treat as read-only)."""
    from iorkg.store import KnowledgeGraph

    return KnowledgeGraph.shipped()
