"""Reading and writing case data in forms other than plain RDF files: redaction of restricted quotes."""
