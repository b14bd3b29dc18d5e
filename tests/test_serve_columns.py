"""The columns of each competency question: a contract R scripts and spreadsheets rely on.

Changing one is a versioned change recorded in CHANGELOG.md. The lists are the `# columns:`
headers of the query files (the documentation), spelled out here so that a change shows.
"""

from __future__ import annotations

import pytest

from iorkg.query.catalogue import catalogue

COLUMNS = {
    "actor-profile": ["case", "actor_label", "aspect", "value", "context", "status", "actor", "via"],
    "audit": ["case", "node_type", "node_label", "slot", "quote", "rationale", "attributed_to", "node",
              "evidence", "by"],
    "citations": ["case", "claim_label", "cited_as", "year", "intent", "intent_status", "in_reference_list",
                  "discrepancy", "title", "claim", "reference", "citation"],
    "cross-case": ["kind", "category", "item", "case_label", "fictional", "case", "node"],
    "evidence": ["case", "node_label", "status", "quote", "start", "end", "source", "slot", "property",
                 "rationale", "attributed_to", "node", "evidence"],
    "governing-documents": ["case", "document", "document_type", "governs", "law", "law_source", "status",
                            "stipulates", "node"],
    "logic-shifts": ["case", "holder", "from_order", "from_phase", "to_order", "to_phase", "phases_between",
                     "change", "logic", "holder_node", "logic_node"],
    "roles": ["case", "actor_label", "role", "relationship", "relationship_type", "phase", "mixed_roles",
              "status", "actor", "role_playing"],
    "tensions": ["case", "tension", "puzzle", "pole_1", "pole_2", "pole_1_logic", "pole_2_logic",
                 "tension_type", "broader_type", "type_status", "phase", "phase_order", "relationship", "node"],
    "co-occurrence": ["case", "label_1", "type_1", "label_2", "type_2", "shared_passages", "status", "node_1",
                      "node_2"],
    "coder-disagreements": ["case", "source", "start", "end", "quote", "coder", "reading", "disagreement",
                            "coder_node", "reading_node", "node", "evidence"],
    "comparison": ["aspect", "item", "case_label", "status", "match", "code", "example", "case", "node"],
    "timeline": ["case", "phase_order", "phase", "stage_type", "relation", "statement_type", "statement_label",
                 "phase_node", "statement"],
    "value-definitions": ["case", "phase_order", "phase", "level", "definer", "value", "relationship",
                          "tentative", "status", "definition"],
    "who-held-which-logic": ["case", "phase_order", "phase", "holder", "logic", "logic_type", "role",
                             "relationship", "level", "status", "interpreted_by", "holding"],
}


def test_every_question_has_a_pinned_column_list():
    assert sorted(COLUMNS) == sorted(i.name for i in catalogue())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_the_columns_of_a_question_are_its_contract(name, shipped_kg):
    # With the fictional examples loaded, a last column `fictional` marks their rows.
    columns = shipped_kg.query(name).variables
    if columns[-1] == "fictional" and "fictional" not in COLUMNS[name]:
        columns = columns[:-1]
    assert columns == COLUMNS[name]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_the_header_documents_every_column(name):
    info = next(i for i in catalogue() if i.name == name)
    for column in COLUMNS[name]:
        assert column in info.columns, f"{name}: the # columns: header does not describe {column}"
