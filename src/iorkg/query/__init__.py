"""The competency questions: catalogue, typed parameters, embedded and remote runs, results and
their renderings (shared by the CLI, the server and the report)."""
