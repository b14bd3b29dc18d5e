"""Queries: minified text for remote endpoints (more of the query layer moves here)."""
