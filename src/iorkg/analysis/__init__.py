"""Analyses over several cases: comparison tables and agreement between coders."""
