"""`iorkg compare`: concrete cells of the comparison table over the real case, the fictional example
and the fictional harbour case, which is coded with its own codebook mapped to iorkg."""

from __future__ import annotations

import csv
import io

import pytest

from iorkg.analysis.compare import compare, comparison_table
from iorkg.cli import main

KKT = "https://w3id.org/iorkg/case/koskela-kork-turpeinen/case"
FX = "https://w3id.org/iorkg/fictional/example-case/case"
HX = "https://w3id.org/iorkg/fictional/harbour-case/case"


@pytest.fixture(scope="module")
def kg(crosscase_kg):
    return crosscase_kg


@pytest.fixture(scope="module")
def table(kg):
    return comparison_table(kg)


def test_columns_are_the_three_cases(table):
    assert sorted(c for c, _ in table.cases) == sorted([KKT, FX, HX])


def test_market_thinking_shows_under_the_operational_logic_with_its_match(table):
    cell = table.cell("logic", "Operational logic", HX)
    assert cell.status == "interpreted"  # the harbour's codes are coders' readings
    assert cell.matches == [("closeMatch", "market thinking")]


def test_an_exact_match_through_the_logic_type_scheme_reaches_the_class(table):
    # working together is mapped exactMatch to the concept iorkgc:co-creation-logic, which the
    # ontology ties to iorkg:CoCreationLogic with iorkg:correspondsToClass
    assert table.cell("logic", "Co-creation logic", HX).matches == [("exactMatch", "working together")]


def test_the_real_case_states_both_logics_with_iorkg_classes(table):
    for logic in ("Operational logic", "Co-creation logic"):
        cell = table.cell("logic", logic, KKT)
        assert (cell.status, cell.matches) == ("stated", [])


def test_the_real_case_leaves_the_phase_of_its_holdings_unknown(table):
    # the source orders no stages and dates no event: every holding has no phase
    assert table.cell("holding", "Operational logic held, phase unknown", KKT).status == "stated"
    assert table.cell("holding", "Operational logic held in negotiation", KKT).status == "unknown"


def test_holdings_by_phase_follow_the_stage_types_of_the_phases(table):
    # fictional example: the provider holds the operational logic in the negotiation phase (stated),
    # the managers' logic in the commitment phase is the coders' reading (interpreted)
    assert table.cell("holding", "Operational logic held in negotiation", FX).status == "stated"
    assert table.cell("holding", "Operational logic held in commitment", FX).status == "interpreted"
    assert table.cell("holding", "Co-creation logic held in execution", FX).status == "stated"
    harbour = table.cell("holding", "Operational logic held in negotiation", HX)
    assert (harbour.status, harbour.matches) == ("interpreted", [("closeMatch", "market thinking")])


def test_a_tension_typed_only_through_a_code_names_the_broad_match(table):
    cell = table.cell("tension", "organizing", HX)
    assert (cell.status, cell.matches) == ("interpreted", [("broadMatch", "pulling apart")])
    assert table.cell("tension", "organizing", KKT).status == "interpreted"  # typing is a reading
    assert table.cell("tension", "belonging", FX).status == "unknown"


def test_roles_and_their_mapped_codes(table):
    principal = table.cell("role", "principal", HX)
    assert (principal.status, principal.matches) == ("interpreted", [("closeMatch", "buyer")])
    assert table.cell("role", "principal", KKT).status == "interpreted"  # principal-agent mapping is read in
    assert table.cell("role", "client", KKT).status == "stated"
    assert table.cell("role", "client", FX).status == "unknown"


def test_value_definitions_by_level(table):
    assert table.cell("value", "value defined at supervisors", HX).status == "stated"
    assert table.cell("value", "value defined at management", FX).status == "stated"
    assert table.cell("value", "value defined, level unknown", KKT).status == "stated"
    assert table.cell("value", "value defined at management", HX).status == "unknown"


def test_rows_come_in_aspect_order(table):
    aspects = [a for a, _ in table.rows]
    assert aspects == sorted(aspects, key=["logic", "holding", "tension", "role", "value"].index)


def test_show_nodes_names_the_holders(table):
    text = table.cell("holding", "Operational logic held in negotiation", FX).text(show_nodes=True)
    assert text == "stated e.g. Fictional Occupational Health Ltd (fictional OH service provider)"


def test_case_option_keeps_the_named_cases_in_order(kg):
    table = comparison_table(kg, ["fx:case", KKT])
    assert [c for c, _ in table.cases] == [FX, KKT]


def test_an_unknown_case_is_an_input_error(kg):
    from iorkg.errors import InputError

    with pytest.raises(InputError, match="no case"):
        comparison_table(kg, ["https://w3id.org/iorkg/fictional/nowhere/case"])


def test_csv_has_a_row_column_per_case(kg):
    rows = list(csv.reader(io.StringIO(compare(kg, fmt="csv"))))
    assert rows[0] == ["aspect", "row", "example-case", "harbour-case", "koskela-kork-turpeinen"]
    by_row = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert by_row[("logic", "Operational logic")] == ["stated", "interpreted (closeMatch: market thinking)", "stated"]


def test_markdown_is_a_table_with_a_legend(kg):
    text = compare(kg, fmt="md")
    assert text.startswith("| aspect | row | example-case | harbour-case | koskela-kork-turpeinen |\n|---|")
    assert "| logic | Operational logic | stated | interpreted (closeMatch: market thinking) | stated |" in text
    assert "- `harbour-case`: Fictional harbour case" in text


def test_cli_compares_files_and_shows_the_match(test_data, repo, capsys):
    code = main(["compare", str(test_data / "crosscase" / "fictional-harbour-case.ttl"),
                 str(repo / "data" / "fictional-example.ttl"), "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    assert "interpreted (closeMatch: market thinking)" in out
    assert "koskela-kork-turpeinen" not in out.splitlines()[0]


def test_cli_coders_reports_kappa_and_alpha(test_data, capsys):
    code = main(["compare", str(test_data / "crosscase" / "fictional-harbour-case.ttl"), "--coders", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert code == 0
    assert rows[0] == ["case", "measure", "coders", "shared passages", "disagreements", "value"]
    assert rows[1] == ["harbour-case", "Cohen's kappa", "Coder C (fictional coder) / Coder D (fictional coder)", "4", "1", "0.667"]
    assert rows[2][1:] == ["Krippendorff's alpha (nominal)", "Coder C (fictional coder), Coder D (fictional coder)",
                           "4", "1", "0.696"]
