"""Generic RDF plumbing: formats, files and terms. Knows no iorkg vocabulary."""
