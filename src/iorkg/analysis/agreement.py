"""Agreement between coders over shared passages: Cohen's kappa and Krippendorff's alpha (nominal).

A unit is a passage (source, start, end) that two or more coders read; a coder's value for it is
the set of readings they gave (a code, or the logic, concept or role their statement names),
joined into one nominal category. `coder_agreement(kg)` reads the units from the competency
question `coder-disagreements` (with `all=true`) and reports, per case, Cohen's kappa for each
pair of coders and Krippendorff's alpha over all of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Hashable, Mapping, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ..store import KnowledgeGraph


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two coders from their (value of coder 1, value of coder 2) per unit.

    None when there are no units or when chance agreement is 1 (both coders always give the
    one same value, so kappa is undefined).
    """
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Mapping[Hashable, Mapping[Hashable, Hashable]]) -> float | None:
    """Krippendorff's alpha for nominal data: units -> {coder: value}; missing values left out.

    Units with fewer than two values are not pairable and count for nothing. None when no unit
    is pairable or when every pairable value is the same (expected disagreement 0).
    """
    coincidence: Counter = Counter()
    for values in units.values():
        present = list(values.values())
        m = len(present)
        if m < 2:
            continue
        for i, j in ((i, j) for i in range(m) for j in range(m) if i != j):
            coincidence[(present[i], present[j])] += 1 / (m - 1)
    n = sum(coincidence.values())
    if n == 0:
        return None
    totals: Counter = Counter()
    for (c, _), weight in coincidence.items():
        totals[c] += weight
    observed = sum(w for (c, k), w in coincidence.items() if c != k)
    expected = (n * n - sum(t * t for t in totals.values())) / (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


@dataclass
class CaseAgreement:
    """Agreement among the coders of one case."""

    case: str
    coders: list[str]
    units: dict[tuple[str, int, int], dict[str, str]]
    disagreements: list[tuple[str, int, int]]
    kappa: dict[tuple[str, str], float | None] = field(default_factory=dict)
    alpha: float | None = None

    @property
    def shared(self) -> int:
        """How many passages two or more coders read."""
        return len(self.units)


def coder_agreement(kg: "KnowledgeGraph", cases: Sequence[str] | None = None) -> list[CaseAgreement]:
    """Per case, the shared passages, the disagreements, kappa per coder pair and alpha."""
    rows = kg.query("coder-disagreements", all=True).rows
    by_case: dict[str, dict[tuple[str, int, int], dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for row in rows:
        if cases and row["case"] not in cases:
            continue
        by_case[row["case"]][(row["source"], row["start"], row["end"])][row["coder"]].add(row["reading"])
    result = []
    for case, units in sorted(by_case.items()):
        values = {u: {c: " + ".join(sorted(r)) for c, r in coders.items()} for u, coders in units.items()}
        coders = sorted({c for v in values.values() for c in v})
        disagreements = sorted(u for u, v in values.items() if len(set(v.values())) > 1)
        agreement = CaseAgreement(case, coders, dict(sorted(values.items())), disagreements)
        for a, b in combinations(coders, 2):
            pairs = [(v[a], v[b]) for v in values.values() if a in v and b in v]
            agreement.kappa[(a, b)] = cohen_kappa(pairs)
        agreement.alpha = krippendorff_alpha(values)
        result.append(agreement)
    return result


def _figure(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def render_agreement(agreements: Sequence[CaseAgreement], fmt: str = "text",
                     labels: Mapping[str, str] | None = None) -> str:
    """The agreement report as text, csv or md (one line per case and measure)."""
    labels = labels or {}
    records = []
    for a in agreements:
        name = labels.get(a.case, a.case)
        if len(a.coders) == 2:
            (pair, kappa), = a.kappa.items()
            records.append((name, "Cohen's kappa", " / ".join(pair), a.shared, len(a.disagreements), _figure(kappa)))
        else:
            for pair, kappa in a.kappa.items():
                records.append((name, "Cohen's kappa (pair)", " / ".join(pair),
                                sum(1 for v in a.units.values() if pair[0] in v and pair[1] in v),
                                sum(1 for u in a.disagreements if pair[0] in a.units[u] and pair[1] in a.units[u]
                                    and a.units[u][pair[0]] != a.units[u][pair[1]]), _figure(kappa)))
        records.append((name, "Krippendorff's alpha (nominal)", ", ".join(a.coders), a.shared,
                        len(a.disagreements), _figure(a.alpha)))
    header = ("case", "measure", "coders", "shared passages", "disagreements", "value")
    from ..query.render import render_rows

    if not records:
        return "no passage was read by two or more coders\n" if fmt == "text" else render_rows(header, [], fmt)
    return render_rows(header, records, fmt)
