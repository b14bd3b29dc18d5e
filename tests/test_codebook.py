"""REFI-QDA codebook export: the ontology's concepts as a .qdc that the standard's schema accepts."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from iorkg.errors import InputError
from iorkg.io.codebook import write_codebook
from iorkg.io.qdpx import CodeMapping, import_project
from iorkg.namespaces import IORKG, IORKGC

lxml = pytest.importorskip("lxml.etree")

# the shared folder lies beside the repository (CI) or beside the worktrees' parent
REPO = Path(__file__).resolve().parents[1]
XSD = next((p for p in (REPO.parent / "shared" / "refi-qda" / "Codebook.xsd",
                        REPO.parent.parent / "shared" / "refi-qda" / "Codebook.xsd") if p.is_file()),
           REPO.parent / "shared" / "refi-qda" / "Codebook.xsd")
DATA = Path(__file__).parent / "data" / "qdpx"
CB = "{urn:QDA-XML:codebook:1.0}"


def schema():
    if not XSD.is_file():
        pytest.skip("the REFI-QDA codebook schema is not in the shared folder")
    return lxml.XMLSchema(lxml.parse(str(XSD)))


def codes_by_name(data: bytes) -> dict[str, object]:
    root = lxml.fromstring(data)
    return {c.get("name"): c for c in root.iter(CB + "Code")}


@pytest.fixture(scope="module")
def exported() -> bytes:
    return write_codebook()


def test_codebook_validates_against_the_refi_qda_schema(exported):
    validator = schema()
    assert validator.validate(lxml.fromstring(exported)), validator.error_log


def test_guid_is_the_name_based_uuid_of_the_iri(exported):
    code = codes_by_name(exported)["Operational logic"]
    assert code.get("guid") == str(uuid.uuid5(uuid.NAMESPACE_URL, IORKG + "OperationalLogic"))


def test_guids_are_the_same_in_every_export(exported):
    assert write_codebook() == exported


def test_logic_classes_nest_under_the_class_they_specialise(exported):
    code = codes_by_name(exported)["Institutional logic"]
    assert sorted(c.get("name") for c in code.findall(CB + "Code")) == ["Co-creation logic", "Operational logic"]


def test_narrower_concepts_nest_under_the_broader(exported):
    learning = codes_by_name(exported)["learning"]
    assert [c.get("name") for c in learning.findall(CB + "Code")] == ["exploration versus exploitation"]


def test_scheme_is_a_folder_that_cannot_be_coded(exported):
    roles = codes_by_name(exported)["Role types"]
    assert roles.get("isCodable") == "false"
    assert {"principal", "agent", "partner", "client", "service provider"} == {
        c.get("name") for c in roles.findall(CB + "Code")}


def test_the_default_schemes_are_exported(exported):
    names = {c.get("name") for c in lxml.fromstring(exported).find(CB + "Codes").findall(CB + "Code")}
    assert names == {"Institutional logic", "Tension types", "Role types", "Organizational levels",
                     "Stage types"}


def test_description_is_the_definition(exported):
    code = codes_by_name(exported)["principal"]
    assert code.findtext(CB + "Description").startswith("The party that hands a task over")


def test_no_byte_order_mark(exported):
    assert exported.startswith(b"<?xml")


def test_case_study_codes_keep_the_project_guid():
    import rdflib

    mapping = [CodeMapping("c0de0001-0000-4000-8000-000000000001", "iorkg:OperationalLogic", "holding",
                           label="routine delivery")]
    result = import_project(DATA / "qualcoder-bom.qdpx", mapping,
                            "https://w3id.org/iorkg/fictional/qdpx-test/")
    from iorkg.resources import ontology_path

    graph = rdflib.Graph().parse(ontology_path()) + result.graph
    data = write_codebook(graph)
    assert schema().validate(lxml.fromstring(data))
    code = codes_by_name(data)["routine delivery"]
    assert code.get("guid") == "c0de0001-0000-4000-8000-000000000001"
    assert "exact match of iorkg:OperationalLogic" in code.findtext(CB + "Description")


def test_codebook_is_written_to_the_output(tmp_path, exported):
    out = tmp_path / "iorkg.qdc"
    write_codebook(output=out)
    assert out.read_bytes() == exported


def test_an_unknown_scheme_is_refused():
    with pytest.raises(InputError, match="no concept scheme"):
        write_codebook(schemes=[IORKGC + "no-such-scheme"])
