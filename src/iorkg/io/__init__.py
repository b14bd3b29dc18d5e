"""Getting cases in and out: export to RDF formats, and the importers and writers of case files."""
