"""Analysis of the knowledge graph: networks built from competency-question answers, their
measures, and figures (timeline, network, tensions).

`iorkg.analysis.network` builds networkx graphs from `KnowledgeGraph.query` results and renders
their measures; `iorkg.analysis.plots` draws matplotlib figures from the same answers.
"""
