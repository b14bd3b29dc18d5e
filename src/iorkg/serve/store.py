"""The on-disk store a server reads: built once by `oxigraph load` into a new directory, then reused.

A store directory is named by a hash of what goes into it (the bytes of every input file, the
graph each goes to, the iorkg version, whether the inferences are included), built under a
temporary name beside it and renamed into place when complete. A directory that exists under its
final name is complete and never written again, so a running server never sees its store change:
new input gives a new directory. Older directories are left for `prune_stores`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ..errors import EnvironmentProblem, IorkgError

COMPLETE_MARK = "iorkg-store-complete"


@dataclass(frozen=True)
class StoreInputs:
    """What a store holds: (graph IRI or None for a quad file, file path) pairs, and flags."""

    files: tuple[tuple[str | None, Path], ...]
    with_inferences: bool = False
    names: tuple[str, ...] = field(default=())
    include_restricted: bool = False

    def digest(self) -> str:
        """A hash of the inputs' contents, the graphs they go to and the iorkg version."""
        from .. import __version__

        h = hashlib.sha256()
        h.update(f"iorkg {__version__}\ninferences {self.with_inferences}\n"
                 f"restricted {self.include_restricted}\n".encode())
        for graph, path in self.files:
            h.update(f"graph {graph}\n".encode())
            with open(path, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    h.update(chunk)
            h.update(b"\n--\n")
        return h.hexdigest()[:24]


def default_cache_dir() -> Path:
    """Where stores are kept: $IORKG_CACHE_DIR, else $XDG_CACHE_HOME/iorkg, else ~/.cache/iorkg."""
    if os.environ.get("IORKG_CACHE_DIR"):
        return Path(os.environ["IORKG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iorkg"


def oxigraph_binary() -> str:
    """The path of the `oxigraph` server binary (EnvironmentProblem naming the package otherwise)."""
    found = shutil.which("oxigraph")
    if found is None:
        beside = Path(sys.executable).parent / "oxigraph"
        if beside.is_file():
            return str(beside)
        raise EnvironmentProblem("the Oxigraph server binary `oxigraph` is not installed: "
                                 "pip install 'iorkg[server]' (or pip install oxigraph)")
    return found


def serve_inputs(files: Sequence[str | Path] = (), with_examples: bool = False,
                 with_inferences: bool = False, include_restricted: bool = False) -> StoreInputs:
    """The inputs of `iorkg serve`: ontology, shared graph and the real cases (the fictional
    example only when asked), or the ontology, the shared graph and the files given."""
    from ..catalog import shipped_graphs
    from ..errors import InputError

    pairs: list[tuple[str | None, Path]] = []
    names: list[str] = []
    for entry in shipped_graphs():
        wanted = with_examples if entry.fictional else (entry.role != "case" or not files)
        if wanted:
            pairs.append((entry.iri, entry.path))
            names.append(entry.name)
    for given in files:
        path = Path(given)
        if not path.is_file():
            raise InputError(path, "no such file")
        pairs.append((None, path))  # the graph the embedded store gives it (see KnowledgeGraph.load)
        names.append(path.name)
    return StoreInputs(tuple(pairs), with_inferences, tuple(names), include_restricted)


def build_store(inputs: StoreInputs, cache_dir: Path | None = None,
                progress: Callable[[str], None] | None = None) -> Path:
    """The directory of a complete store holding the inputs: reused when current, else built.

    Files are parsed first (an InputError names the file and line), written as one N-Quads file
    and loaded by `oxigraph load` into a fresh directory that is renamed into place.
    """
    say = progress or (lambda message: None)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    stores = cache / "stores"
    stores.mkdir(parents=True, exist_ok=True)
    final = stores / inputs.digest()
    if (final / COMPLETE_MARK).is_file():
        say(f"store {final} is current: reused")
        return final
    binary = oxigraph_binary()
    _remove_stale_builds(stores)
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=stores))
    try:
        dump = work / "input.nq"
        count = _write_nquads(inputs, dump)
        say(f"loading {count} quads from {len(inputs.files)} files into a new store")
        location = work / "store"
        result = subprocess.run([binary, "load", "--location", str(location), "--file", str(dump)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise IorkgError(f"oxigraph load failed: {result.stderr.strip() or result.stdout.strip()}")
        (location / COMPLETE_MARK).write_text(" ".join(inputs.names) + "\n", encoding="utf-8")
        try:
            os.rename(location, final)
        except OSError:
            if not (final / COMPLETE_MARK).is_file():  # another process built the same store first
                raise
        say(f"store {final} built")
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _remove_stale_builds(stores: Path) -> None:
    """Remove the work folders (`.DIGEST.*`) that killed builds left, once older than
    STALE_AFTER_S (a younger one may be another process's build, still loading)."""
    import time

    from ..rdf.files import is_stale

    now = time.time()
    for leftover in stores.glob(".*"):
        try:
            if leftover.is_dir() and is_stale(leftover, now):
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass


def _write_nquads(inputs: StoreInputs, target: Path) -> int:
    """Every input parsed into one N-Quads file (plus the OWL RL closure when asked); its size."""
    import pyoxigraph as ox

    from ..store import KnowledgeGraph

    kg = KnowledgeGraph()
    for graph, path in inputs.files:
        kg.load(path, graph=graph)
    if not inputs.include_restricted:  # the quotes of restricted sources stay out (iorkg.io.redact)
        from ..io.redact import public_view

        kg, _ = public_view(kg)
    if inputs.with_inferences:
        from ..reason.closure import materialize

        materialize(kg)
    kg.store.dump(str(target), format=ox.RdfFormat.N_QUADS)
    return len(kg)


def prune_stores(cache_dir: Path | None = None, keep: Sequence[Path] = ()) -> list[Path]:
    """Remove the store directories not in `keep` (only when no server reads them); returns them."""
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    kept = {Path(p).resolve() for p in keep}
    removed = []
    for path in sorted((cache / "stores").glob("*")):
        if path.resolve() not in kept and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
