"""Reading and writing cases in formats other than RDF: the case workbook (an .xlsx file or a
folder of CSV files, one per sheet), the template it starts from, and the exporter back to it."""
