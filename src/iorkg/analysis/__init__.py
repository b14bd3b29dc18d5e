"""Analysis of the knowledge graph, built on competency-question answers: networks and their
measures (`network`), figures (`plots`), cases side by side (`compare`) and agreement between
coders (`agreement`)."""
