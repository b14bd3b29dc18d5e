"""iorkg's benchmark suite (a checkout only, not part of the wheel).

`python -m benchmarks --help`. Modules: `generate` (deterministic fictional corpora),
`steps` (the registry of step/engine functions), `runner` (child processes, timing, peak RSS),
`report` (markdown tables, ratios, growth exponents, targets).
"""
