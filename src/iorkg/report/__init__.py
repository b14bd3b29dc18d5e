"""The offline HTML report of a knowledge graph (`iorkg report`): see `iorkg.report.site`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .site import ReportResult


def report(paths: Sequence[str | Path], output: str | Path, *, with_examples: bool = False,
           include_restricted: bool = False, include_sources: bool = False,
           figures_for: Iterable[str] | None = None) -> "ReportResult":
    """Write the report of the files given (else the shipped real case) into the folder `output`."""
    from .site import dataset, write_report

    kg = dataset(paths, with_examples=with_examples)
    return write_report(kg, output, include_restricted=include_restricted, include_sources=include_sources,
                        figures_for=figures_for)
