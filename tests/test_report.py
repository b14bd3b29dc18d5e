"""The offline HTML report: its pages, what it shows, what it leaves out, and how it is written."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")

from iorkg.errors import InputError  # noqa: E402
from iorkg.report.site import MARKER, dataset, write_report  # noqa: E402

KKT_PAGE = "cases/case-koskela-kork-turpeinen.html"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """The report of the shipped real case alone, figures and all."""
    output = tmp_path_factory.mktemp("real") / "site"
    write_report(dataset(), output, progress=None)
    return output


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The report with the fictional example, sources copied, no figures (fast)."""
    output = tmp_path_factory.mktemp("examples") / "site"
    write_report(dataset(with_examples=True), output, include_sources=True, figures_for=(), progress=None)
    return output


def _text(path):
    return path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_real_case_report_has_index_case_page_questions_ontology_and_figures(real_site):
    for name in ("index.html", KKT_PAGE, "questions.html", "ontology.html", "static/style.css",
                 "figures/case-koskela-kork-turpeinen-timeline.png"):
        assert (real_site / name).is_file(), name


@pytest.mark.slow
def test_default_report_holds_no_fictional_case(real_site):
    assert not list((real_site / "cases").glob("fictional*"))
    assert "Fictional Bakery" not in _text(real_site / KKT_PAGE)


@pytest.mark.slow
def test_index_states_the_validation_verdict(real_site):
    assert re.search(r'class="valid">VALID: no problems', _text(real_site / "index.html"))


@pytest.mark.slow
def test_no_page_refers_to_anything_off_the_machine(real_site):
    for page in real_site.rglob("*.html"):
        for url in re.findall(r'(?:src|href)="([^"]+)"', _text(page)):
            assert not re.match(r"[a-z]+:", url), f"{page.name}: {url}"


def test_fictional_case_page_says_it_is_fictional(example_site):
    page = _text(example_site / "cases" / "fictional-example-case.html")
    assert "Fictional example data" in page and 'class="fictional"' in page


def test_case_page_answers_every_question(example_site):
    from iorkg.query.catalogue import catalogue

    page = _text(example_site / KKT_PAGE)
    for info in catalogue():
        assert f'id="q-{info.name}"' in page


def test_real_case_answers_hold_no_fictional_row(example_site):
    page = _text(example_site / KKT_PAGE)
    answers = page[page.index('id="answers"'):]
    assert "Fictional Bakery" not in answers and "fictional/example-case" not in answers


def test_evidence_shows_quote_with_prefix_and_suffix(example_site):
    # the shipped case: selector of kkt:employer-as-client-evidence-1
    page = _text(example_site / KKT_PAGE)
    assert ('<span class="ctx">…gitudinal case study concerning </span>' in page
            and "the partnership between service provider and the client organization</mark>" in page)


def test_interpreted_evidence_carries_its_rationale_and_reader(example_site):
    page = _text(example_site / KKT_PAGE)
    row = next(r for r in page.split("<tr>") if '<span class="interpreted">' in r)
    assert "iorkg project curators" in row


def test_ontology_page_documents_every_class_property_and_concept(example_site, shipped_kg):
    page = _text(example_site / "ontology.html")
    rows = shipped_kg.query("""
        SELECT ?t WHERE { GRAPH <https://w3id.org/iorkg/ontology> {
          VALUES ?type { <http://www.w3.org/2002/07/owl#Class> <http://www.w3.org/2002/07/owl#ObjectProperty>
                         <http://www.w3.org/2002/07/owl#DatatypeProperty> <http://www.w3.org/2004/02/skos/core#Concept> }
          ?t a ?type FILTER (STRSTARTS(STR(?t), "https://w3id.org/iorkg/")) } }""").rows
    assert len(rows) > 100
    for row in rows:
        local = re.split(r"[#/]", row["t"])[-1]
        assert f"{local}</code>" in page, local


def test_ontology_page_gives_domain_and_range(example_site):
    # ontology/iorkg.ttl: iorkg:holder has domain iorkg:LogicHolding and range iorkg:Actor
    page = _text(example_site / "ontology.html")
    section = page[page.index('id="t-holder"'):]
    section = section[:section.index("</section>")]
    assert 'href="#t-LogicHolding"' in section and 'href="#t-Actor"' in section


def test_source_text_is_copied_only_when_asked(example_site, tmp_path):
    assert (example_site / "sources" / "fictional-example-case-md.html").is_file()
    plain = tmp_path / "plain"
    write_report(dataset(with_examples=True), plain, figures_for=(), progress=None)
    assert not (plain / "sources").exists()


def test_source_page_highlights_and_links_quoted_passages(example_site):
    page = _text(example_site / "sources" / "fictional-example-case-md.html")
    assert re.search(r'<a href="\.\./cases/fictional-example-case\.html#q-[^"]+" title="[^"]+"><mark>', page)


def test_restricted_quotes_stay_out_unless_asked(test_data, tmp_path):
    kg = dataset([test_data / "analysis" / "restricted-case.ttl"])
    secret = "my back has hurt since the merger"
    hidden = tmp_path / "hidden"
    result = write_report(kg, hidden, figures_for=(), progress=None)
    for page in hidden.rglob("*.html"):
        assert secret not in _text(page), page.name
    assert any("withheld" in note for note in result.notes)
    shown = tmp_path / "shown"
    write_report(kg, shown, figures_for=(), include_restricted=True, progress=None)
    assert any(secret in _text(p) for p in shown.rglob("*.html"))


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="not an iorkg report"):
        write_report(dataset([]), target, figures_for=(), progress=None)
    assert (target / "thesis.tex").read_text(encoding="utf-8") == "precious"


def test_a_new_run_replaces_the_earlier_report_whole(tmp_path):
    target = tmp_path / "site"
    write_report(dataset(with_examples=True), target, figures_for=(), progress=None)
    (target / "stale.html").write_text("old", encoding="utf-8")
    write_report(dataset(with_examples=True), target, figures_for=(), progress=None)
    assert (target / MARKER).is_file() and not (target / "stale.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_figures_are_drawn_only_for_the_cases_asked(tmp_path):
    target = tmp_path / "site"
    write_report(dataset(with_examples=True), target, figures_for=["fx:case"], progress=None)
    names = sorted(p.name for p in (target / "figures").iterdir())
    assert names == ["corpus.png", "fictional-example-case-network.png", "fictional-example-case-tensions.png",
                     "fictional-example-case-timeline.png"]


def test_report_command_shows_progress_on_stderr(tmp_path, capsys):
    from iorkg.cli import main

    assert main(["report", "--with-examples", "--figures-for", "fx:case", "--output", str(tmp_path / "s")]) == 0
    err = capsys.readouterr().err
    assert "iorkg report: validating" in err and "wrote" in err
