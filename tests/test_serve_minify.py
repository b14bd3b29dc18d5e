"""Minified query text: shorter, the same answers, strings and IRIs untouched, every question under 8 KB."""

from __future__ import annotations

import urllib.parse

import pytest

from iorkg.query.catalogue import catalogue
from iorkg.query.minify import has_service, minify, tokenize, unescape_codepoints

NAMES = [i.name for i in catalogue()]
URL_LIMIT = 8 * 1024  # the Oxigraph server refuses longer request URLs


def test_tokens_give_the_text_back():
    text = 'SELECT ?s # note\nWHERE { ?s <http://x/#a> "a # b" ; <p> \'\'\'x\n"y\'\'\' }'
    assert "".join(t.text for t in tokenize(text)) == text


def test_comments_and_indentation_are_dropped():
    text = "# header\nSELECT ?s\nWHERE {\n    ?s ?p ?o .   # trailing\n}\n"
    assert minify(text) == "SELECT ?s WHERE{?s ?p ?o .}"


def test_a_hash_inside_a_string_or_an_iri_is_kept():
    text = 'SELECT ?s WHERE { ?s <http://example.org/v#p> "not # a comment" }'
    assert minify(text) == 'SELECT ?s WHERE{?s <http://example.org/v#p> "not # a comment"}'


def test_spaces_inside_strings_are_kept():
    text = "SELECT ?s WHERE { ?s ?p '''two\n    lines'''  . ?s ?q \"a   b\" }"
    assert "'''two\n    lines'''" in minify(text) and '"a   b"' in minify(text)


def test_escaped_quotes_do_not_end_a_string():
    text = r'SELECT ?s WHERE { ?s ?p "say \"#hi\"" }'
    assert minify(text).endswith(r'"say \"#hi\""}')


def test_unused_prefixes_are_dropped_and_used_ones_kept():
    text = ("PREFIX a: <http://a/>\nPREFIX b: <http://b/>\nPREFIX c: <http://c/>\n"
            'SELECT ?s WHERE { ?s a:p "b:q" . ?s ?p "x"^^c:t }')
    assert minify(text) == 'PREFIX a: <http://a/> PREFIX c: <http://c/> SELECT ?s WHERE{?s a:p "b:q" . ?s ?p "x"^^c:t}'


def test_the_less_than_operator_keeps_its_spaces():
    text = "SELECT ?a WHERE { ?a ?p ?b FILTER (?a < ?b && ?b > ?a) }"
    assert "?a < ?b && ?b > ?a" in minify(text)


def test_a_language_tag_stays_on_its_string():
    assert minify('SELECT * WHERE { ?s ?p "x"@en-GB }') == 'SELECT * WHERE{?s ?p "x"@en-GB}'


@pytest.mark.parametrize("name", NAMES)
def test_a_minified_question_gives_the_same_rows(name, shipped_kg):
    text = next(i.text for i in catalogue() if i.name == name)
    short = minify(text)
    assert len(short) < len(text)
    assert shipped_kg.query(short).rows == shipped_kg.query(text).rows


@pytest.mark.parametrize("name", NAMES)
def test_every_question_fits_a_get_url_after_minifying(name):
    from iorkg.query.params import bind_params, with_values

    info = next(i for i in catalogue() if i.name == name)
    # with every parameter bound to a long IRI, as a caller might
    given = {p.name: "https://w3id.org/iorkg/case/koskela-kork-turpeinen/some-long-node-name"
             for p in info.params if p.type == "iri"}
    text = minify(with_values(info.text, bind_params(info.params, given)))
    url = "http://127.0.0.1:65535/query?" + urllib.parse.urlencode({"query": text}, quote_via=urllib.parse.quote)
    assert len(url) < URL_LIMIT


def test_service_is_found_as_a_keyword():
    assert has_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert has_service("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }")


def test_service_inside_a_string_an_iri_or_a_comment_is_not_a_keyword():
    assert not has_service('SELECT * WHERE { ?s ?p "SERVICE <x> { }" . ?s <http://x/SERVICE> ?o } # SERVICE')


def test_service_written_with_codepoint_escapes_is_found():
    assert unescape_codepoints(r"\u0053ERVICE") == "SERVICE"
    assert has_service(r"SELECT * WHERE { \u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }")
