"""Agreement between coders: kappa and alpha by hand and from published worked examples, and over the fixtures."""

from __future__ import annotations

import pytest

from iorkg.analysis.agreement import coder_agreement, cohen_kappa, krippendorff_alpha

HARBOUR = "https://w3id.org/iorkg/fictional/harbour-case/case"
EXAMPLE = "https://w3id.org/iorkg/fictional/example-case/case"


@pytest.fixture(scope="module")
def kg(crosscase_kg):
    return crosscase_kg


def test_kappa_of_the_small_fixture_by_hand():
    # C: MT WT B PA, D: MT MT B PA. p_o = 3/4; p_e = 1/4*2/4 + 1/4*0 + 1/4*1/4 + 1/4*1/4 = 1/4;
    # kappa = (3/4 - 1/4) / (1 - 1/4) = 2/3.
    pairs = [("MT", "MT"), ("WT", "MT"), ("B", "B"), ("PA", "PA")]
    assert cohen_kappa(pairs) == pytest.approx(2 / 3)


def test_kappa_of_the_textbook_two_by_two_example():
    # 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15: p_o = .7, p_e = .5, kappa = .4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_kappa_is_undefined_without_units_or_variation():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None


def test_alpha_of_the_small_fixture_by_hand():
    # n = 8 values (MT 3, WT 1, B 2, PA 2); off-diagonal coincidences 2;
    # alpha = 1 - (n - 1) * 2 / (n^2 - sum n_c^2) = 1 - 7 * 2 / (64 - 18) = 16/23.
    units = {1: {"C": "MT", "D": "MT"}, 2: {"C": "WT", "D": "MT"}, 3: {"C": "B", "D": "B"},
             4: {"C": "PA", "D": "PA"}}
    assert krippendorff_alpha(units) == pytest.approx(16 / 23)


def test_alpha_of_three_coders_with_a_missing_value_by_hand():
    # unit 1: a a a (6 a-a pairs / 2 = 3 on the diagonal); unit 2: a a b (o_aa = 1, o_ab = o_ba = 1);
    # unit 3: b b, one coder missing (o_bb = 2). n = 8, n_a = 5, n_b = 3, off-diagonal 2:
    # alpha = 1 - 7 * 2 / (64 - 25 - 9) = 1 - 14/30 = 8/15.
    units = {1: {"x": "a", "y": "a", "z": "a"}, 2: {"x": "a", "y": "a", "z": "b"}, 3: {"x": "b", "y": "b"}}
    assert krippendorff_alpha(units) == pytest.approx(8 / 15)


def test_alpha_of_krippendorffs_published_nominal_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units,
    # missing values; nominal alpha = 0.743.
    rows = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]}
    units = {u: {c: v[u] for c, v in rows.items() if v[u] is not None} for u in range(12)}
    assert round(krippendorff_alpha(units), 3) == 0.743


def test_alpha_ignores_units_one_coder_read():
    assert krippendorff_alpha({1: {"x": "a"}}) is None


def test_the_harbour_coders_share_four_passages_and_disagree_on_one(kg):
    (harbour,) = [a for a in coder_agreement(kg) if a.case == HARBOUR]
    assert harbour.coders == ["Coder C (fictional coder)", "Coder D (fictional coder)"]
    assert harbour.shared == 4
    source, start, end = harbour.disagreements[0]
    assert (source, len(harbour.disagreements)) == ("fictional-harbour-case.md", 1)
    assert harbour.units[(source, start, end)] == {"Coder C (fictional coder)": "working together",
                                                  "Coder D (fictional coder)": "market thinking"}


def test_the_harbour_figures_are_the_hand_computed_ones(kg):
    (harbour,) = [a for a in coder_agreement(kg) if a.case == HARBOUR]
    assert harbour.kappa[("Coder C (fictional coder)", "Coder D (fictional coder)")] == pytest.approx(2 / 3)
    assert harbour.alpha == pytest.approx(16 / 23)


def test_the_example_coders_disagree_on_their_one_shared_passage(kg):
    (example,) = [a for a in coder_agreement(kg) if a.case == EXAMPLE]
    assert example.shared == 1 and len(example.disagreements) == 1
    assert sorted(next(iter(example.units.values())).values()) == [
        "co-creation logic (fictional case)", "operational logic (fictional case)"]


def _span(path, quote):
    text = path.read_text(encoding="utf-8")
    return text.index(quote), text.index(quote) + len(quote)


def test_coder_disagreements_lists_only_contested_passages(kg, repo, test_data):
    rows = kg.query("coder-disagreements").rows
    managers = _span(repo / "data" / "sources" / "fictional-example-case.md",
                     'In the commitment phase, the bakery\'s managers asked the provider to "just run the usual checks"')
    supervisors = _span(test_data / "crosscase" / "fictional-harbour-case.md",
                        "the harbour's shift supervisors wanted the clinic to keep to its price list")
    assert {(r["case"], r["start"], r["end"]) for r in rows} == {(EXAMPLE, *managers), (HARBOUR, *supervisors)}
    assert all(r["disagreement"] for r in rows)
    assert {r["coder"]: r["reading"] for r in rows if r["case"] == HARBOUR} == {
        "Coder C (fictional coder)": "working together", "Coder D (fictional coder)": "market thinking"}


def test_coder_disagreements_with_all_lists_agreed_passages_too(kg):
    rows = kg.query("coder-disagreements", all=True, case=HARBOUR).rows
    assert len({(r["start"], r["end"]) for r in rows}) == 4
    assert {r["reading"] for r in rows if not r["disagreement"]} == {"buyer", "market thinking", "pulling apart"}
