"""Markdown from a results file: the table with ratios, the competency questions, exponents, targets."""

from __future__ import annotations

import math
from collections import defaultdict

# which time a step's ratio compares: load and validate from files on disk, the others the operation
RATIO_BASIS = {"load": "seconds", "validate": "total_seconds", "query": "seconds",
               "reason": "seconds", "incremental": "seconds", "cli": "seconds"}
# the engines that are the library's defaults (their numbers meet or miss the targets)
DEFAULTS = {"load": "iorkg", "query": "iorkg", "validate": "iorkg", "reason": "reasonable",
            "incremental": "iorkg"}


def _fmt_s(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 0.1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _fmt_mib(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _fmt_steal(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def _short(note: str) -> str:
    """The gist of an error note (the last line, without backtrace noise), for a table cell."""
    parts = [p.strip() for p in note.split("|") if p.strip() and "RUST_BACKTRACE" not in p
             and "stack backtrace" not in p]
    text = parts[-1] if parts else note
    return text.replace("|", "/")[:160]


def _ok(records: list[dict]) -> list[dict]:
    return [r for r in records if r.get("status") == "ok"]


def _index(records: list[dict]) -> dict[tuple, dict]:
    return {(r["size"], r["step"], r["engine"], r.get("item")): r for r in records}


def comparable(step: str, a: dict, b: dict) -> bool | None:
    """Whether two engines gave the same answer (None where there is nothing to compare)."""
    if not a or not b:
        return None
    if step == "validate":
        keys = ("conforms", "results", "per_component", "pairs_sha")
        return all(a.get(k) == b.get(k) for k in keys)
    if step == "query":
        return a.get("rows") == b.get("rows")
    if step == "reason":
        return a.get("holdsLogic") == b.get("holdsLogic")
    if step == "load":
        return a.get("quads") == b.get("quads")
    return None


def ratio(step: str, ref: dict | None, rec: dict) -> float | None:
    if not ref or ref.get("status") != "ok" or rec.get("status") != "ok":
        return None
    basis = RATIO_BASIS.get(step, "seconds")
    a, b = ref.get(basis), rec.get(basis)
    if not a or not b:
        return None
    return a / b


def _reference(records: list[dict], step: str) -> str | None:
    for r in records:
        if r["step"] == step and r.get("reference"):
            return r["engine"]
    return None


def main_table(result: dict) -> str:
    """One row per (size, step, engine) with the whole-step item; queries as sum and slowest."""
    records = result["records"]
    idx = _index(records)
    lines = ["| cases | triples | step | engine | time (median) | best | setup | total | peak RSS MiB "
             "| ratio ref/engine | same result as ref | other load |",
             "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---|---:|"]
    rows = []
    query_groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        if r["step"] == "query" and r.get("status") == "ok":
            query_groups[(r["size"], r["engine"])].append(r)
    seen_query = set()
    for r in records:
        step = r["step"]
        if step == "shapes":
            continue
        if step == "query" and r.get("status") == "ok":
            key = (r["size"], r["engine"])
            if key in seen_query:
                continue
            seen_query.add(key)
            group = query_groups[key]
            total = sum(q["seconds"] for q in group)
            slowest = max(group, key=lambda q: q["seconds"])
            ref_name = _reference(records, "query")
            ref_group = query_groups.get((r["size"], ref_name), [])
            # the ratio over the questions both engines answered (the reference may time out)
            ref_by_item = {q["item"]: q["seconds"] for q in ref_group}
            common = [q for q in group if q["item"] in ref_by_item]
            ref_total = sum(ref_by_item[q["item"]] for q in common) if common else None
            common_total = sum(q["seconds"] for q in common)
            # only questions the reference answered (a timeout has no rows to compare)
            same = [comparable("query", q["result"], ref_rec.get("result"))
                    for q in group
                    for ref_rec in [idx.get((q["size"], "query", ref_name, q["item"])) or {}]
                    if ref_rec.get("status") == "ok"]
            same_text = ("–" if r["engine"] == ref_name or not ref_group
                         else ("yes" if all(s for s in same if s is not None) else "NO"))
            rows.append((r["size"] or 0, step, r["engine"], [
                str(r["size"]), f"{r.get('triples') or 0:,}", "query",
                f"{r['engine']} ({len(group)} CQs)",
                f"Σ {_fmt_s(total)}; max {_fmt_s(slowest['seconds'])} ({slowest['item']})", "–",
                _fmt_s(r.get("setup_seconds")), "–", _fmt_mib(max(q["peak_rss_mib"] for q in group)),
                (f"{ref_total / common_total:.1f}×" + (f" ({len(common)} CQs)" if len(common) < len(group) else ""))
                if ref_total and common_total and r["engine"] != ref_name else "–",
                same_text, _fmt_steal(r.get("cpu_steal"))]))
            continue
        if step == "query":
            pass
        ref_name = _reference(records, step)
        ref = idx.get((r["size"], step, ref_name, r.get("item")))
        if r.get("status") != "ok":
            note = r.get("note", "")
            rows.append((r["size"] or 0, step, r["engine"], [
                str(r["size"] or "–"), f"{r.get('triples') or 0:,}" if r.get("triples") else "–",
                step, r["engine"] + (f": {r['item']}" if r.get("item") else ""),
                r["status"] + (f": {_short(note)}" if note else ""), "–", "–", "–",
                _fmt_mib(r.get("peak_rss_mib")), "–", "–", _fmt_steal(r.get("cpu_steal"))]))
            continue
        rat = ratio(step, ref, r) if r["engine"] != ref_name else None
        same = comparable(step, r.get("result", {}), (ref or {}).get("result", {})) \
            if r["engine"] != ref_name and ref else None
        item = r.get("item") or ""
        label = item if step == "cli" else (
            r["engine"] if item in ("", "corpus", "shacl", "owl-rl") else f"{r['engine']}: {item}")
        if step == "incremental":
            res = r.get("result", {})
            same = bool(res.get("same_verdict")) and bool(res.get("same_findings"))
        rows.append((r["size"] or 0, step, r["engine"], [
            str(r["size"] or "shipped"), f"{r.get('triples') or 0:,}" if r.get("triples") else "–",
            step, label, _fmt_s(r.get("seconds")), _fmt_s(r.get("best_seconds")),
            _fmt_s(r.get("setup_seconds")) if r.get("setup_seconds") else "–",
            _fmt_s(r.get("total_seconds")), _fmt_mib(r.get("peak_rss_mib")),
            f"{rat:.1f}×" if rat else "–",
            "–" if same is None else ("yes" if same else "NO"), _fmt_steal(r.get("cpu_steal"))]))
    order = {"load": 0, "query": 1, "validate": 2, "reason": 3, "incremental": 4, "cli": 5}
    rows.sort(key=lambda t: (t[0], order.get(t[1], 9)))
    lines.extend("| " + " | ".join(cells) + " |" for *_, cells in rows)
    return "\n".join(lines)


def query_table(result: dict) -> str:
    """Each competency question: milliseconds per engine and size."""
    records = [r for r in _ok(result["records"]) if r["step"] == "query"]
    if not records:
        return ""
    sizes = sorted({r["size"] for r in records})
    engines = sorted({r["engine"] for r in records}, key=lambda e: (e != "iorkg", e))
    items = sorted({r["item"] for r in records})
    idx = _index(records)
    head = ["query"] + [f"{e} @{s}" for s in sizes for e in engines] + ["rows @max"]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for item in items:
        cells = [item]
        for s in sizes:
            for e in engines:
                rec = idx.get((s, "query", e, item))
                cells.append(f"{rec['seconds'] * 1000:.1f}" if rec else "–")
        top = idx.get((sizes[-1], "query", "iorkg", item))
        cells.append(str(top["result"].get("rows")) if top else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "(milliseconds, median)\n\n" + "\n".join(lines)


def shapes_table(result: dict, top: int = 15) -> str:
    """The slowest shapes (time over reading the data), per size, with their growth exponent."""
    records = [r for r in _ok(result["records"]) if r["step"] == "shapes"]
    if not records:
        return ""
    sizes = sorted({r["size"] for r in records})
    idx = {(r["size"], r["item"]): r for r in records}
    items = {r["item"] for r in records}
    largest = sizes[-1]
    ranked = sorted(items, key=lambda i: -(idx.get((largest, i)) or {}).get("seconds", 0))
    head = ["shape"] + [f"s @{s}" for s in sizes] + ["results @max", "exponent"]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for item in ranked[:top]:
        cells = [item]
        points = []
        for s in sizes:
            rec = idx.get((s, item))
            cells.append(f"{rec['seconds']:.2f}" if rec else "–")
            if rec and rec["seconds"] > 0.02:
                points.append((s, rec["seconds"]))
        rec = idx.get((largest, item))
        cells.append(str(rec["result"].get("results", "–")) if rec else "–")
        slope = exponent(points) if len(points) > 1 else None
        cells.append(f"{slope:.2f}" if slope is not None else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) against log(cases)."""
    pts = [(math.log(n), math.log(t)) for n, t in points if n and t and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def exponents(result: dict, low: int = 100, high: int = 5000) -> list[dict]:
    """Growth exponents from `low` to `high` cases per (step, engine); queries by their sum."""
    series: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    answered: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for r in _ok(result["records"]):
        if r["step"] == "query" and r["size"] is not None:
            answered[(r["step"], r["engine"])][r["size"]] += 1
    for r in _ok(result["records"]):
        if r["size"] is None or not (low <= r["size"] <= high) or r["step"] == "shapes":
            continue
        key = (r["step"], r["engine"])
        basis = "seconds" if r["step"] != "validate" else "total_seconds"
        if r["step"] == "query":
            series[key][r["size"]] = series[key].get(r["size"], 0.0) + r["seconds"]
        else:
            series[key][r["size"]] = r.get(basis) or r["seconds"]
    out = []
    for (step, eng), pts in sorted(series.items()):
        if step == "query" and len(set(answered[(step, eng)][n] for n in pts)) > 1:
            continue  # a sum over different sets of questions (timeouts) has no growth rate
        slope = exponent(sorted(pts.items()))
        if slope is not None:
            out.append({"step": step, "engine": eng, "sizes": sorted(pts),
                        "exponent": round(slope, 2)})
    return out


def targets(result: dict) -> list[dict]:
    """The issue's targets, each with the measured number and met / missed / not measured."""
    idx = _index(_ok(result["records"]))
    recs = _ok(result["records"])

    def get(size, step, eng, item=None):
        if item is not None:
            return idx.get((size, step, eng, item))
        for r in recs:
            if r["size"] == size and r["step"] == step and r["engine"] == eng:
                return r
        return None

    out = []

    def add(name, value, ok, detail=""):
        out.append({"target": name, "measured": value, "met": ok, "detail": detail})

    r = get(None, "cli", "iorkg --help")
    add("`iorkg --help` < 0.3 s", _fmt_s(r["seconds"]) if r else None,
        r["seconds"] < 0.3 if r else None)
    r = get(None, "cli", "iorkg query")
    add("`iorkg query who-held-which-logic` cold < 1 s", _fmt_s(r["seconds"]) if r else None,
        (r["seconds"] < 1 and r["result"].get("exit") == 0) if r else None,
        f"exit {r['result'].get('exit')}" if r else "")
    cli = get(1000, "cli", "iorkg validate")
    ref = get(1000, "validate", "pyshacl")
    lib = get(1000, "validate", "iorkg")
    timed_out = next((r for r in result["records"] if r["size"] == 1000 and r["step"] == "validate"
                      and r["engine"] == "pyshacl" and r.get("status") == "timeout"), None)
    if cli:
        add("`iorkg validate` of 1,000 cases < 10 s", _fmt_s(cli["seconds"]),
            cli["seconds"] < 10 and cli["result"].get("exit") in (0, 1),
            f"exit {cli['result'].get('exit')}")
        name = "… ≥ 15× faster than pyshacl (load + validate) with identical results"
        if not ref and timed_out:
            # pyshacl ran out of time: its timeout is a lower bound, and the results are compared
            # at the largest size where it finished
            bound = timed_out["timeout"] / cli["seconds"]
            sizes = sorted({r["size"] for r in recs if r["step"] == "validate"
                            and r["engine"] == "pyshacl" and r["size"] is not None})
            at = sizes[-1] if sizes else None
            same = comparable("validate", (get(at, "validate", "iorkg") or {}).get("result"),
                              (get(at, "validate", "pyshacl") or {}).get("result")) if at else None
            add(name, f"> {bound:.0f}× (pyshacl timed out after {timed_out['timeout']:.0f} s)",
                bound >= 15 and bool(same), f"identical results at {at} cases: {same}")
        else:
            speedup = ref["total_seconds"] / cli["seconds"] if ref else None
            same = comparable("validate", lib["result"], ref["result"]) if lib and ref else None
            add(name, f"{speedup:.1f}×" if speedup else None,
                (speedup >= 15 and bool(same)) if speedup else None, f"identical results: {same}")
    else:
        add("`iorkg validate` of 1,000 cases < 10 s, ≥ 15× pyshacl", None, None)
    for eng in ("reasonable", "reasonable-batched", "reasonable-files"):
        r = get(1000, "reason", eng)
        if r:
            add(f"OWL RL at 1,000 cases < 10 s, peak < 3 GiB ({eng})",
                f"{_fmt_s(r['seconds'])}, {r['peak_rss_mib'] / 1024:.2f} GiB",
                r["seconds"] < 10 and r["peak_rss_mib"] < 3 * 1024)
    r = get(1000, "load", "iorkg")
    add("load into the query store at 1,000 cases < 1 s (KnowledgeGraph.load)",
        _fmt_s(r["seconds"]) if r else None, r["seconds"] < 1 if r else None)
    r = get(1000, "load", "pyoxigraph")
    if r:
        add("… (pyoxigraph Store.load)", _fmt_s(r["seconds"]), r["seconds"] < 1)
    qs = [q for q in recs if q["size"] == 1000 and q["step"] == "query" and q["engine"] == "iorkg"]
    if qs:
        # a parameterised question measured of one node stands for that question; its form
        # without the parameter (every node of every case) is reported beside it
        asked = {q["item"][:-len(" (one node)")] for q in qs if q["item"].endswith(" (one node)")}
        questions = [q for q in qs if q["item"] not in asked]
        worst = max(questions, key=lambda q: q["seconds"])
        dumps = [q for q in qs if q["item"] in asked]
        detail = "; without their parameter (every node): " + ", ".join(
            f"{q['item']} {_fmt_s(q['seconds'])}" for q in dumps) if dumps else ""
        add("each competency question at 1,000 cases < 100 ms",
            f"max {_fmt_s(worst['seconds'])} ({worst['item']})", worst["seconds"] < 0.1, detail.lstrip("; "))
    else:
        add("each competency question at 1,000 cases < 100 ms", None, None)
    for kind in ("valid", "defective"):
        first = get(1000, "incremental", "iorkg", f"add one {kind} case, first call")
        again = get(1000, "incremental", "iorkg", f"add one {kind} case, repeated")
        res = first["result"] if first else {}
        add(f"add one {kind} case to 1,000 and validate_addition < 0.5 s, same verdict as a full run",
            f"first call {_fmt_s(first['seconds'])}, repeated {_fmt_s(again['seconds'])}"
            if first and again else None,
            (first["seconds"] < 0.5 and res.get("same_verdict") and res.get("same_findings"))
            if first else None,
            f"same verdict: {res.get('same_verdict')}, same findings on the new case: "
            f"{res.get('same_findings')}, full run {res.get('full_seconds')} s" if first else "")
    return out


def targets_table(result: dict) -> str:
    lines = ["| target | measured | met |", "|---|---|---|"]
    for t in targets(result):
        met = {True: "yes", False: "**no**", None: "not measured"}[t["met"]]
        detail = f" ({t['detail']})" if t["detail"] else ""
        lines.append(f"| {t['target']} | {t['measured'] or '–'}{detail} | {met} |")
    return "\n".join(lines)


def exponents_table(result: dict) -> str:
    rows = exponents(result)
    if not rows:
        return ""
    lines = ["| step | engine | sizes | exponent (log-log slope) |", "|---|---|---|---:|"]
    for e in rows:
        lines.append(f"| {e['step']} | {e['engine']} | {', '.join(map(str, e['sizes']))} "
                     f"| {e['exponent']:.2f} |")
    return "\n".join(lines)


def machine_text(result: dict) -> str:
    m = result["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    return (f"{m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB RAM, Python {m['python']} "
            f"on {m['platform']}; {libs}.")


def markdown(result: dict) -> str:
    parts = ["## Machine", machine_text(result),
             f"Memory: {result['memory_method']}. Times: medians of "
             f"{result['options']['repeat']} runs.",
             "## Results", main_table(result)]
    q = query_table(result)
    if q:
        parts += ["## Competency questions", q]
    sh = shapes_table(result)
    if sh:
        parts += ["## Shapes (pyshacl-turbo, one shape at a time)", sh]
    e = exponents_table(result)
    if e:
        parts += ["## Growth exponents", e]
    parts += ["## Targets", targets_table(result)]
    return "\n\n".join(parts) + "\n"
