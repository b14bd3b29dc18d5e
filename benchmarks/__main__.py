"""`python -m benchmarks`: generate corpora, run the steps, print a markdown table, save JSON.

    python -m benchmarks --sizes 1,100,1000 --steps load,query,validate,reason,incremental,cli \
        --repeat 3 --timeout 600 --output benchmarks/results/run.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import report, runner, steps

ALL_STEPS = ("load", "query", "validate", "reason", "incremental", "cli")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description="iorkg benchmark suite: engines side by side.")
    parser.add_argument("--sizes", default="1,100,1000",
                        help="comma-separated numbers of cases (default 1,100,1000; also 5000)")
    parser.add_argument("--steps", default=",".join(ALL_STEPS),
                        help=f"comma-separated steps (default: {','.join(ALL_STEPS)}; also `shapes`, "
                             "a per-shape profile of pyshacl-turbo)")
    parser.add_argument("--engines", default=None,
                        help="comma-separated engine names to run (reference engines run too unless --skip-reference)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds before a child process is killed and reported as timeout")
    parser.add_argument("--memory-limit", type=float, default=16.0,
                        help="GiB of address space per child (RLIMIT_AS); 0 for none")
    parser.add_argument("--output", type=Path, default=None,
                        help="write the results as JSON (e.g. benchmarks/results/<name>.json)")
    parser.add_argument("--merge", type=Path, nargs="*", default=None,
                        help="earlier result files to merge under this run's records")
    parser.add_argument("--report-only", type=Path, nargs="+", default=None,
                        help="print the markdown of existing result files (merged) and exit")
    parser.add_argument("--reason-batch", type=int, default=20,
                        help="cases per batch for the reasonable-batched engine")
    parser.add_argument("--query-timeout", type=float, default=60.0,
                        help="seconds one competency question may take before it counts as timed out")
    parser.add_argument("--skip-reference", action="store_true",
                        help="with --engines: leave out the reference engines too (a rerun of iorkg's own steps)")
    parser.add_argument("--list", action="store_true", help="list the steps and engines")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for step, engines in steps.REGISTRY.items():
            for name, eng in engines.items():
                flags = [f for f, on in (("reference", eng.reference), ("warm", eng.warm)) if on]
                limit = f", ≤ {eng.max_size} cases" if eng.max_size else ""
                print(f"{step:<12} {name:<26} {eng.description}"
                      f"{' [' + ', '.join(flags) + limit + ']' if flags or limit else ''}")
        return 0
    if args.report_only:
        result = runner.merge([json.loads(p.read_text()) for p in args.report_only])
        print(report.markdown(result))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    step_names = [s for s in args.steps.split(",") if s]
    unknown = [s for s in step_names if s not in steps.REGISTRY]
    if unknown:
        print(f"unknown steps: {', '.join(unknown)}; known: {', '.join(steps.REGISTRY)}",
              file=sys.stderr)
        return 2
    log = (lambda *a: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    engines = args.engines.split(",") if args.engines else None
    result = runner.run(sizes, step_names, args.repeat, args.timeout, engines,
                        {"reason_batch": args.reason_batch, "query_timeout": args.query_timeout}, log,
                        memory_limit_gib=args.memory_limit or None, skip_reference=args.skip_reference)
    if args.merge:
        result = runner.merge([json.loads(p.read_text()) for p in args.merge] + [result])
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=1) + "\n")
        log(f"results written to {args.output}")
    print(report.markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
