"""Serving and publishing: `iorkg serve` (a read-only SPARQL endpoint on loopback, backed by the
Oxigraph server) and `iorkg publish` (the graphs uploaded to a shared triple store)."""
