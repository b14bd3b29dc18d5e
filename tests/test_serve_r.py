"""The R recipes of the README run by R itself against `iorkg serve` (skipped without Rscript or
its SPARQL package): `read.csv(url)` of a question URL, and `library(SPARQL)` with the minified
text; both give the embedded rows."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess

import pytest

from iorkg.query.catalogue import catalogue
from servers import Embedded, iorkg_serve

pytestmark = [pytest.mark.server, pytest.mark.slow]

NAMES = [i.name for i in catalogue()]
# R's SPARQL 1.16 re-parses the XML text of a literal: a quote holding markup (`<sup>1</sup>`,
# written `&lt;sup&gt;` in the results) makes it fail with "StartTag: invalid element name"
R_SPARQL_BREAKS_ON_MARKUP = {"audit", "evidence"}
# and it reads the UTF-8 answer as Latin-1, whatever the locale and the charset the server sends
R_SPARQL_MISREADS_UTF8 = {"citations"}


def _undo_latin1(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _rscript() -> str:
    found = shutil.which("Rscript")
    if found is None:
        pytest.skip("Rscript is not installed (Debian r-base-core)")
    check = subprocess.run([found, "-e", "library(SPARQL)"], capture_output=True, text=True)
    if check.returncode != 0:
        pytest.skip("R's SPARQL package is not installed (Debian r-cran-sparql)")
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    rscript = _rscript()
    with iorkg_serve(tmp_path_factory.mktemp("serve-r"), "--with-examples") as (base, _process):
        yield rscript, base


@pytest.fixture(scope="module")
def embedded():
    return Embedded()


def _run_r(rscript: str, code: str, tmp_path) -> str:
    script = tmp_path / "recipe.R"
    script.write_text(code, encoding="utf-8")
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")  # R reads the answers as UTF-8 only then
    done = subprocess.run([rscript, "--vanilla", str(script)], capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return (tmp_path / "out.csv").read_text(encoding="utf-8")


def _r_cell(term) -> str:
    """How R's SPARQL package gives a term, written by write.csv: IRIs in angle brackets,
    booleans TRUE/FALSE, numbers as numbers, unbound as empty."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#boolean"):
        return "TRUE" if term.value == "true" else "FALSE"
    return term.value


@pytest.mark.parametrize("name", NAMES)
def test_read_csv_of_a_question_url_gives_the_embedded_rows(name, served, embedded, tmp_path):
    rscript, base = served
    out = _run_r(rscript, f"""
d <- read.csv("{base}/questions/{name}.csv", colClasses = "character", na.strings = character(0))
write.csv(d, "{tmp_path / 'out.csv'}", row.names = FALSE, na = "")
""", tmp_path)
    assert list(csv.reader(out.splitlines())) == list(csv.reader(embedded.answer(name).to_csv().splitlines()))


@pytest.mark.parametrize("name", NAMES)
def test_the_sparql_package_gives_the_embedded_rows(name, served, embedded, tmp_path):
    rscript, base = served
    code = f"""
suppressMessages(library(SPARQL))
q <- paste(readLines("{base}/questions/{name}.min.rq", warn = FALSE), collapse = "\\n")
res <- SPARQL(url = "{base}/query", query = q)$results
write.csv(res, "{tmp_path / 'out.csv'}", row.names = FALSE, na = "")
"""
    if name in R_SPARQL_BREAKS_ON_MARKUP:
        with pytest.raises(AssertionError, match="StartTag: invalid element name"):
            _run_r(rscript, code, tmp_path)
        pytest.xfail("R's SPARQL package fails on literals holding markup; read.csv works")
    rows = list(csv.reader(_run_r(rscript, code, tmp_path).splitlines()))
    local = embedded.query(name)
    assert rows[0] == local.variables
    expected = [[_r_cell(t) for t in row] for row in local.terms]
    if rows[1:] != expected and name in R_SPARQL_MISREADS_UTF8:
        # the same rows once the package's Latin-1 reading of UTF-8 is undone
        assert [[_undo_latin1(c) for c in row] for row in rows[1:]] == expected
        pytest.xfail("R's SPARQL package reads UTF-8 answers as Latin-1 (non-ASCII titles); read.csv works")
    assert rows[1:] == expected
