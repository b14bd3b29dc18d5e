"""Hostile and empty RDF files are refused by every command that reads them: exit 2, one message
naming the file, no traceback, in bounded time (issue 17's first three findings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
SRC = Path(__file__).resolve().parents[1] / "src"
CLI = "import sys; from iorkg.cli import main; sys.exit(main(sys.argv[1:]))"

CASES = {  # file -> words the message must contain
    "entity-bomb.rdf": "entity declarations",
    "deep.jsonld": "levels deep",
    "empty.ttl": "holds no RDF triples",
    "prefixes-only.ttl": "holds no RDF triples",
}
COMMANDS = [["validate"], ["query", "roles"], ["info"], ["export", "--format", "nt"], ["reason"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused_with_exit_2_naming_it(name, command, tmp_path):
    import os

    env = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run([sys.executable, "-c", CLI, *command, str(HOSTILE / name)], capture_output=True,
                          text=True, timeout=60, env=env, cwd=tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert name in done.stderr and CASES[name] in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_python_api_raises_an_input_error_for_an_empty_file():
    import iorkg
    from iorkg.errors import InputError

    with pytest.raises(InputError, match="holds no RDF triples"):
        iorkg.open(HOSTILE / "empty.ttl")


def test_a_folder_where_a_file_is_expected_is_named_as_such(tmp_path):
    import iorkg
    from iorkg.errors import InputError

    folder = tmp_path / "case.ttl"
    folder.mkdir()
    with pytest.raises(InputError, match="this is a folder"):
        iorkg.open(folder)
