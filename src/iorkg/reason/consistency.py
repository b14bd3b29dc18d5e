"""OWL 2 DL consistency: HermiT (through owlready2) on the union of a knowledge graph's graphs."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EnvironmentProblem

if TYPE_CHECKING:  # pragma: no cover
    from ..store import KnowledgeGraph


@dataclass
class ConsistencyResult:
    """The verdict of one consistency check; `checked` is False only if no reasoner ran."""

    consistent: bool
    reasoner: str
    seconds: float
    triples: int
    unsatisfiable_classes: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def coherent(self) -> bool:
        """Consistent, and every class can have members."""
        return self.consistent and not self.unsatisfiable_classes

    @property
    def text(self) -> str:
        """One line for people."""
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        extra = f"; unsatisfiable classes: {', '.join(self.unsatisfiable_classes)}" \
            if self.unsatisfiable_classes else ""
        return (f"{verdict} under {self.reasoner} ({self.triples} triples, "
                f"{self.seconds:.2f} s){extra}{'; ' + self.message if self.message else ''}")


def java_executable() -> str | None:
    """The Java runtime HermiT would use, or None where there is none."""
    return shutil.which("java")


def check_consistency(kg: "KnowledgeGraph", graphs: list[str] | None = None) -> ConsistencyResult:
    """Whether the union of the given graphs (default: all) is consistent under HermiT.

    Raises EnvironmentProblem where Java is missing: it never answers without having checked.
    """
    java = java_executable()
    if java is None:
        raise EnvironmentProblem("the OWL consistency check needs Java for HermiT, and `java` is not "
                                 "on PATH (Debian: apt-get install default-jre-headless)")
    import owlready2

    owlready2.JAVA_EXE = java
    data = b"".join(kg.serialize("nt", g) for g in graphs) if graphs else kg.serialize("nt")
    triples = data.count(b"\n")
    with tempfile.TemporaryDirectory(prefix="iorkg-hermit-") as folder:
        path = Path(folder) / "union.nt"
        path.write_bytes(data)
        world = owlready2.World()
        ontology = world.get_ontology(path.as_uri()).load(fileobj=path.open("rb"), format="ntriples")
        started = time.perf_counter()
        try:
            owlready2.sync_reasoner_hermit(ontology, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return ConsistencyResult(False, "HermiT", time.perf_counter() - started, triples,
                                     message="the individuals and axioms contradict each other")
        except owlready2.OwlReadyJavaError as exc:
            raise EnvironmentProblem(f"HermiT could not run: {str(exc).strip()[:500]}") from None
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes()
                               if not c.iri.startswith("http://www.w3.org/2002/07/owl#"))
        world.close()
    return ConsistencyResult(True, "HermiT", time.perf_counter() - started, triples,
                             unsatisfiable)
