"""The package's layering holds: the import contracts in pyproject.toml, and no import cycle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_import_contracts_in_pyproject_are_kept(repo):
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.is_file():
        pytest.skip("import-linter is not installed (it comes with the test extra)")
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    run = subprocess.run([str(linter), "--no-cache", "--config", str(repo / "pyproject.toml")],
                         cwd=repo, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def test_no_module_imports_one_that_imports_it_back(repo):
    grimp = pytest.importorskip("grimp")
    sys.path.insert(0, str(repo / "src"))
    try:
        graph = grimp.build_graph("iorkg", cache_dir=None)
    finally:
        sys.path.remove(str(repo / "src"))
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.append(" -> ".join((importer, *back)))
    assert cycles == []
