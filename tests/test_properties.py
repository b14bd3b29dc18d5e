"""Property-based tests (hypothesis): the offset handling and the parameter binding hold for any
input, not just the fixtures (issue 17, item 5). IORKG_FUZZ_EXAMPLES raises the example budgets
(see tests/test_properties_readers.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iorkg import textquote
from test_properties_readers import budget

# any text, with a mix of line endings and characters outside the Basic Multilingual Plane
PIECES = st.one_of(st.text(min_size=1, max_size=20), st.sampled_from(["\r\n", "\n", "\r", "😀", "𝔸", "é", " "]))
TEXTS = st.lists(PIECES, min_size=1, max_size=30).map("".join)


@budget(300)
@given(TEXTS, st.data())
def test_selectors_of_any_quote_that_occurs_cut_out_that_quote(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    if not quote.strip():
        return  # an all-space quote is refused by design
    starts = textquote.occurrences(text, quote)
    occurrence = starts.index(start) + 1
    found = textquote.locate(text, quote, occurrence if len(starts) > 1 else None)
    assert text[found.start:found.end] == quote
    assert found.start == start and found.end == end
    assert text[:found.start].endswith(found.prefix) and text[found.end:].startswith(found.suffix)
    assert textquote.check(text, found.exact, found.prefix, found.suffix, found.start, found.end).ok


@budget(200)
@given(TEXTS, st.text(min_size=1, max_size=15))
def test_a_quote_that_does_not_occur_is_refused(text, quote):
    if quote in text or not quote.strip():
        return
    with pytest.raises(textquote.QuoteProblem):
        textquote.locate(text, quote)


@budget(200)
@given(TEXTS, st.integers(-5, 50), st.integers(-5, 50))
def test_offsets_that_do_not_cut_the_quote_are_found_out(text, start, end):
    quote = text.strip()[:10]
    if not quote or (0 <= start <= end <= len(text) and text[start:end] == quote):
        return
    result = textquote.check(text, quote, None, None, start, end)
    assert {"offsets-cut-other-text", "offsets-outside-source"} & set(result.problems)


@budget(200)
@given(st.text(max_size=60))
def test_a_string_parameter_is_bound_as_one_literal_whatever_it_holds(value):
    """Parameter values never become query text: a string comes back as the same literal."""
    import pyoxigraph as ox

    from iorkg.query.params import ParamSpec, bind_params, with_values

    terms = bind_params([ParamSpec("v", "string", None, "")], {"v": value})
    text = with_values("SELECT ?v WHERE { }", terms)
    rows = list(ox.Store().query(text))
    assert len(rows) == 1 and rows[0]["v"].value == value
