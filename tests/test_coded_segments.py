"""The 30-word cap is the curation rule for hand-picked quotes; coded segments are kept whole."""

from __future__ import annotations

from iorkg.validate import validate

from validation_corpus import SHAPES_DATA, VALID

LONG = SHAPES_DATA / "quote-too-long.ttl"
FLAG = SHAPES_DATA.parent / "validate" / "coded-segment-flag.ttl"


def _rules(result) -> set[str]:
    return {f.rule for f in result.violations}


def test_a_curated_quote_of_31_words_breaks_quote_length():
    assert "quote-length" in _rules(validate([VALID, LONG]))


def test_the_same_quote_marked_as_a_coded_segment_is_exempt_from_quote_length():
    assert "quote-length" not in _rules(validate([VALID, LONG, FLAG]))
