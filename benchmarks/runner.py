"""Run the registered steps: one child process per measurement, wall time and peak RSS, medians.

The parent starts ``python -m benchmarks.runner --child SPEC`` for each (size, step, engine) and,
for cold engines, once per repeat. It waits with ``os.wait4`` and keeps the child's
``ru_maxrss`` (peak resident set size of that process, in KiB on Linux), and kills the child's
process group when it runs past the timeout, recording ``timeout`` instead of hanging.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import steps
from .generate import DEFAULT_SEED, write_corpus

LIBRARIES = ("rdflib", "pyoxigraph", "oxrdflib", "pyshacl", "pyshacl-turbo", "pyrudof", "owlrl",
             "reasonable", "owlready2", "click")


# the child ------------------------------------------------------------------------------------------
def child(spec_path: str) -> int:
    """Run one engine on one context; write its samples as JSON next to the spec."""
    spec = json.loads(Path(spec_path).read_text())
    eng = steps.REGISTRY[spec["step"]][spec["engine"]]
    ctx = steps.Context(spec["size"], Path(spec["nquads"]), Path(spec["sources"]),
                        spec["repeat"], spec.get("options", {}))
    samples = eng.func(ctx)
    Path(spec["out"]).write_text(json.dumps([s.as_dict() for s in samples]))
    return 0


# the parent -----------------------------------------------------------------------------------------
def cpu_times() -> list[int] | None:
    """The machine's CPU counters (/proc/stat: user nice system idle iowait irq softirq steal)."""
    try:
        with open("/proc/stat") as handle:
            return [int(x) for x in handle.readline().split()[1:9]]
    except (OSError, ValueError):
        return None


def other_load(before: list[int] | None, after: list[int] | None, own_cpu: float) -> float | None:
    """The share of the machine's CPU time that went elsewhere while a child ran.

    Busy time (all but idle and iowait, steal included) of all cores between two readings,
    minus the child's own user + system time, over the cores' total time: 0 on a quiet machine,
    near 1 when other work (or the hypervisor) takes every core.
    """
    if not before or not after:
        return None
    delta = [b - a for a, b in zip(before, after)]
    total = sum(delta)
    if total <= 0:
        return None
    busy = total - delta[3] - delta[4]
    own = own_cpu * os.sysconf("SC_CLK_TCK")
    return round(max(0.0, busy - own) / total, 3)


def _limit_memory(limit_gib: float | None):
    """A preexec function capping the child's address space (an allocation past it fails)."""
    if not limit_gib:
        return None

    def apply() -> None:
        import resource

        limit = int(limit_gib * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def _spawn(spec: dict, timeout: float, memory_limit_gib: float | None = None) -> dict:
    """One child process: {'status', 'samples', 'peak_rss_mib', 'wall', 'error'}."""
    with tempfile.TemporaryDirectory(prefix="iorkg-bench-") as folder:
        spec = dict(spec, out=str(Path(folder) / "out.json"))
        spec_path = Path(folder) / "spec.json"
        spec_path.write_text(json.dumps(spec))
        err_path = Path(folder) / "stderr.txt"
        started = time.perf_counter()
        cpu_before = cpu_times()
        with err_path.open("wb") as err:
            proc = subprocess.Popen([sys.executable, "-m", "benchmarks.runner", "--child",
                                     str(spec_path)], cwd=steps.REPO, stdout=subprocess.DEVNULL,
                                    stderr=err, start_new_session=True,
                                    preexec_fn=_limit_memory(memory_limit_gib))
            status, usage, timed_out = None, None, False
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - started > timeout:
                    timed_out = True
                    os.killpg(proc.pid, signal.SIGKILL)
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.02)
        wall = time.perf_counter() - started
        own_cpu = (usage.ru_utime + usage.ru_stime) if usage else 0.0
        steal = other_load(cpu_before, cpu_times(), own_cpu)
        peak = usage.ru_maxrss / 1024 if usage else None
        if timed_out:
            return {"status": "timeout", "samples": [], "peak_rss_mib": peak, "wall": wall,
                    "steal": steal}
        code = os.waitstatus_to_exitcode(status)
        out = Path(spec["out"])
        if code != 0 or not out.is_file():
            text = err_path.read_text(errors="replace")
            tail = [line for line in text.strip().splitlines() if not line.startswith("  ")][-2:]
            memory = any(k in text for k in ("MemoryError", "memory allocation", "alloc"))
            status = "out of memory" if memory and memory_limit_gib else "error"
            return {"status": status, "samples": [], "peak_rss_mib": peak, "wall": wall,
                    "steal": steal, "error": f"exit {code}: " + " | ".join(tail)[:300]}
        return {"status": "ok", "samples": json.loads(out.read_text()), "peak_rss_mib": peak,
                "wall": wall, "steal": steal}


def measure(eng: steps.Engine, ctx: steps.Context, timeout: float, log=print,
            memory_limit_gib: float | None = None) -> list[dict]:
    """Records (one per item) for one engine at one size: medians over the repeats.

    An engine with `items` (the competency questions) gets a child process per item, each with
    its own timeout (the option the engine names, plus a minute for loading the data).
    """
    reason = eng.skip_reason(ctx)
    if reason:
        base = {"size": ctx.size if eng.sized else None, "step": eng.step, "engine": eng.name,
                "reference": eng.reference, "description": eng.description}
        return [dict(base, item=None, status="skipped", note=reason)]
    if eng.items is None:
        return _measure(eng, ctx, timeout, log, memory_limit_gib, None)
    item_timeout = float(ctx.options.get(eng.item_timeout, timeout)) + 60 if eng.item_timeout \
        else timeout
    out = []
    for item in eng.items(ctx):
        out.extend(_measure(eng, ctx, min(timeout, item_timeout), log, memory_limit_gib, item))
    return out


def _measure(eng: steps.Engine, ctx: steps.Context, timeout: float, log,
             memory_limit_gib: float | None, item: str | None) -> list[dict]:
    base = {"size": ctx.size if eng.sized else None, "step": eng.step, "engine": eng.name,
            "reference": eng.reference, "description": eng.description}
    options = dict(ctx.options, item=item) if item is not None else ctx.options
    spec = {"step": eng.step, "engine": eng.name, "size": ctx.size, "nquads": str(ctx.nquads),
            "sources": str(ctx.sources), "repeat": ctx.repeat, "options": options}
    children = []
    for _ in range(1 if eng.warm else ctx.repeat):
        outcome = _spawn(spec, timeout, memory_limit_gib)
        children.append(outcome)
        log(f"  {eng.step:<11} {eng.name + (' ' + item if item else ''):<40} "
            f"size {ctx.size if eng.sized else '-':>5}: "
            f"{outcome['status']} in {outcome['wall']:.1f} s, peak {outcome['peak_rss_mib'] or 0:.0f} MiB"
            f", other CPU load {100 * (outcome['steal'] or 0):.0f} %")
        if outcome["status"] != "ok":
            break
    failed = [c for c in children if c["status"] != "ok"]
    if failed:
        first = failed[0]
        return [dict(base, item=item, status=first["status"], note=first.get("error", ""),
                     cpu_steal=first.get("steal"),
                     peak_rss_mib=first["peak_rss_mib"], timeout=timeout,
                     memory_limit_gib=memory_limit_gib)]
    records: dict[str, dict] = {}
    for outcome in children:
        for sample in outcome["samples"]:
            rec = records.setdefault(sample["item"], dict(
                base, item=sample["item"], status="ok", runs=[], setup_runs=[], peaks=[],
                steals=[], result=sample["result"], stable=True))
            rec["runs"].extend(sample["seconds"])
            rec["setup_runs"].append(sample["setup_seconds"])
            rec["peaks"].append(sample["peak_rss_mib"] or outcome["peak_rss_mib"])
            rec["steals"].append(outcome.get("steal"))
            if sample["result"] != rec["result"]:
                rec["stable"] = False
    out = []
    for rec in records.values():
        if not rec["runs"]:
            error = rec["result"].get("error", "no timing")
            rec["status"] = "timeout" if error.startswith("timeout") else "error"
            rec["note"] = error
        else:
            rec["seconds"] = statistics.median(rec["runs"])
            rec["best_seconds"] = min(rec["runs"])
            rec["setup_seconds"] = statistics.median(rec["setup_runs"])
            rec["total_seconds"] = rec["seconds"] + rec["setup_seconds"]
        rec["peak_rss_mib"] = max(p for p in rec.pop("peaks") if p is not None)
        steals = [x for x in rec.pop("steals") if x is not None]
        rec["cpu_steal"] = max(steals) if steals else None
        out.append(rec)
    return out


def machine() -> dict:
    """Cores, memory, Python and the versions of the engines measured."""
    from importlib.metadata import PackageNotFoundError, version

    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "memory_gib": mem, "cpu": cpu,
            "python": platform.python_version(), "platform": platform.platform(),
            "libraries": versions}


def run(sizes: list[int], step_names: list[str], repeat: int, timeout: float,
        engines: list[str] | None = None, options: dict | None = None, log=print,
        seed: int = DEFAULT_SEED, memory_limit_gib: float | None = 16.0,
        skip_reference: bool = False) -> dict:
    """Measure every registered engine of the named steps at every size."""
    records: list[dict] = []
    unsized_done: set[tuple[str, str]] = set()
    for size in sizes:
        corpus = write_corpus(size, seed=seed)
        log(f"corpus of {size} cases: {corpus.triples} triples ({corpus.nquads})")
        ctx = steps.Context(size, corpus.nquads, corpus.sources, repeat, options or {})
        for step in step_names:
            for name, eng in steps.REGISTRY.get(step, {}).items():
                if engines and name not in engines and (skip_reference or not eng.reference):
                    continue
                if not eng.sized:
                    if (step, name) in unsized_done:
                        continue
                    unsized_done.add((step, name))
                for rec in measure(eng, ctx, timeout, log, memory_limit_gib):
                    rec["triples"] = corpus.triples if eng.sized else None
                    records.append(rec)
    return {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine(),
            "options": {"sizes": sizes, "steps": step_names, "repeat": repeat,
                        "timeout": timeout, "seed": seed, "engines": engines,
                        "memory_limit_gib": memory_limit_gib,
                        "extra": options or {}},
            "memory_method": "peak RSS (ru_maxrss via os.wait4) of the child process that ran "
                             "the step, including interpreter, imports and data",
            "records": records}


def merge(results: list[dict]) -> dict:
    """Several result files as one: a later file's records of a (size, step, engine) replace all
    earlier records of it (a rerun may measure other items, e.g. after a timeout)."""
    merged = dict(results[0])
    index: dict[tuple, dict] = {}
    for result in results:
        measured = {(rec["size"], rec["step"], rec["engine"]) for rec in result["records"]}
        index = {key: rec for key, rec in index.items() if key[:3] not in measured}
        for rec in result["records"]:
            index[(rec["size"], rec["step"], rec["engine"], rec.get("item"))] = rec
    merged["records"] = list(index.values())
    return merged


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        raise SystemExit(child(sys.argv[2]))
    from .__main__ import main

    raise SystemExit(main())

