"""REFI-QDA import: the vendor fixtures' coded segments placed where their tools meant them.

The fixtures are written by tests/data/qdpx/make_fixtures.py from fictional texts; the expected
offsets below were counted by hand on those texts (the comments there give the counts).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from iorkg.errors import InputError
from iorkg.io import qdpx
from iorkg.io.qdpx import CodeMapping, describe_project, import_project, read_project

DATA = Path(__file__).parent / "data" / "qdpx"
NS = "https://w3id.org/iorkg/fictional/qdpx-test/"
ROUTINE = "c0de0001-0000-4000-8000-000000000001"

MAP = [
    CodeMapping(ROUTINE, "iorkg:OperationalLogic", "holding", target="employer", label="routine delivery"),
    CodeMapping("joint planning", "iorkg:CoCreationLogic", "holding"),
]


def make_fixtures():
    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_fixtures", module)
    spec.loader.exec_module(module)
    return module


def placed(name: str, sources_dir=None) -> list[tuple[str, int, int]]:
    return [(s.quote, s.start, s.end) for s in read_project(DATA / name, sources_dir).segments]


# the fixtures ------------------------------------------------------------------------------------
def members(path: Path) -> list[tuple[str, int, bytes]]:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return [(i.filename, i.external_attr, archive.read(i)) for i in archive.infolist()]
    except zipfile.BadZipFile:
        return [("", 0, path.read_bytes())]


def test_fixture_script_rebuilds_the_committed_archives(tmp_path):
    # compared member by member: compressed bytes depend on the zlib build
    make_fixtures().build(tmp_path)
    for path in sorted(DATA.glob("*.qdpx")):
        assert members(tmp_path / path.name) == members(path), path.name


# vendor behaviours -------------------------------------------------------------------------------
def test_byte_order_mark_is_not_counted_and_not_kept():
    project = read_project(DATA / "qualcoder-bom.qdpx")
    source = next(iter(project.sources.values()))
    assert source.had_bom and not source.text.startswith("\ufeff")
    assert placed("qualcoder-bom.qdpx") == [
        ("We just order the usual health checks", 95, 132),
        ("we plan new services together", 144, 173),
        ("How do you work with the provider?", 57, 91),
    ]


def test_atlas_counts_a_windows_line_break_as_one():
    # written 56-94 and 0-24; two CRLF lie before the first selection in code points (58-96)
    segments = read_project(DATA / "atlas-crlf-one.qdpx").segments
    assert [(s.quote, s.start, s.end) for s in segments] == [
        ("They agreed to try a new service model", 58, 96), ("Field note 2 (fictional)", 0, 24)]
    assert segments[0].convention == "CRLF as one"


def test_project_file_need_not_be_called_project_qde():
    assert read_project(DATA / "atlas-crlf-one.qdpx").project_member == "Fictional study.qde"


def test_qualcoder_counts_a_windows_line_break_as_two():
    segments = read_project(DATA / "qualcoder-crlf-two.qdpx").segments
    assert [(s.quote, s.start, s.end, s.convention) for s in segments] == [
        ("They agreed to try a new service model", 58, 96, "code points")]


def test_crlf_as_one_is_found_by_checking_when_the_origin_is_silent():
    first = read_project(DATA / "unknown-crlf-checked.qdpx").segments[0]
    assert (first.quote, first.start, first.end, first.convention) == (
        "They agreed to try a new service model", 58, 96, "CRLF as one")


def test_selection_without_shown_text_follows_the_convention_its_source_proved():
    second = read_project(DATA / "unknown-crlf-checked.qdpx").segments[1]
    # written 26-54 counting CRLF as one: "The steering group met twice" is 27-55 in code points
    assert (second.quote, second.start, second.end, second.verified) == (
        "The steering group met twice", 27, 55, False)


def test_unverified_segments_are_reported():
    summary = describe_project(DATA / "unknown-crlf-checked.qdpx")
    assert "unverified: 1 segment(s)" in summary.text


def test_nvivo_counts_a_character_outside_the_bmp_as_two():
    # U+1F600 at code point 24: NVivo writes 34-70 for 33-69, and 12-32 for a span holding it
    assert placed("nvivo-astral.qdpx") == [
        ("We decide together with the provider", 33, 69), ("(fictional) \U0001F600 notes", 12, 31)]


def test_capitalised_sources_folder_is_read():
    project = read_project(DATA / "capital-sources.qdpx")
    assert next(iter(project.sources.values())).text.startswith("Meeting memo 5 (fictional).")


def test_offsets_off_are_repaired_by_a_quote_that_occurs_once():
    project = read_project(DATA / "capital-sources.qdpx")
    assert ("the pilot was too costly", 77, 101) in [(s.quote, s.start, s.end) for s in project.segments]
    [repair] = project.repairs
    assert (repair.selection, repair.written, repair.placed) == (
        "5e600001-0000-4000-8000-000000000001", (70, 94), (77, 101))


def test_offsets_off_on_a_quote_that_occurs_twice_are_not_imported():
    project = read_project(DATA / "capital-sources.qdpx")
    assert "5e600002-0000-4000-8000-000000000002" not in {s.selection for s in project.segments}
    [rejected] = project.rejected
    assert rejected.selection == "5e600002-0000-4000-8000-000000000002"
    assert "occurs 2 times" in rejected.reason


def test_an_inclusive_end_is_recognised_by_the_quote():
    segment = next(s for s in read_project(DATA / "capital-sources.qdpx").segments
                   if s.selection == "5e600003-0000-4000-8000-000000000003")
    assert (segment.quote, segment.start, segment.end, segment.written) == (
        "The employer said", 59, 76, (59, 75))
    assert segment.convention == "code points + inclusive end"


def test_external_source_is_not_read_without_a_sources_folder():
    project = read_project(DATA / "external-relative.qdpx")
    assert project.segments == []
    assert "give a sources folder" in project.rejected[0].reason


def test_external_source_is_read_from_the_sources_folder():
    assert placed("external-relative.qdpx", DATA / "external") == [
        ("The partners shared one budget", 29, 59)]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.qdpx")
                                        if not p.name.startswith(("hostile", "not-a-zip"))))
def test_every_segment_is_cut_from_its_source(name):
    project = read_project(DATA / name, DATA / "external")
    for segment in project.segments:
        assert project.sources[segment.source].text[segment.start:segment.end] == segment.quote


def test_guids_are_matched_without_braces_or_case():
    project = read_project(DATA / "qualcoder-bom.qdpx")
    assert "c0de0002-0000-4000-8000-000000000002" in project.codes


def test_code_hierarchy_is_read():
    project = read_project(DATA / "qualcoder-bom.qdpx")
    assert project.code_path(ROUTINE) == "logics (fictional) / routine delivery"
    assert project.codes["c0de0000-0000-4000-8000-000000000000"].codable is False


# hostile input ------------------------------------------------------------------------------------
HOSTILE = {
    "hostile-traversal.qdpx": "parent-folder step",
    "hostile-absolute.qdpx": "absolute path",
    "hostile-symlink.qdpx": "symbolic link",
    "hostile-bomb.qdpx": "zip bomb",
    "hostile-xxe.qdpx": "entity",
    "hostile-laughs.qdpx": "entity",
    "hostile-source-path.qdpx": "leaves the sources folder",
    "not-a-zip.qdpx": "zip archive",
}


def import_and_write(path: Path, output: Path) -> None:
    """What the import command does: write only after a complete import."""
    result = import_project(path, MAP, NS)
    output.write_bytes(result.serialize())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_archive_is_refused_with_exit_2_and_nothing_written(name, tmp_path):
    output = tmp_path / "case.trig"
    with pytest.raises(InputError) as caught:
        import_and_write(DATA / name, output)
    assert caught.value.exit_code == 2
    assert name in str(caught.value) and HOSTILE[name] in str(caught.value)
    assert not output.exists()


def test_hostile_refusal_names_the_member():
    with pytest.raises(InputError, match=r"hostile-traversal\.qdpx!\.\./outside\.txt"):
        read_project(DATA / "hostile-traversal.qdpx")


def test_too_many_members_are_refused_before_reading(tmp_path):
    path = make_fixtures().too_many_members(tmp_path / "many.qdpx", qdpx.MAX_MEMBERS)
    with pytest.raises(InputError, match="members"):
        read_project(path)


def test_a_project_with_two_project_files_is_refused(tmp_path):
    fx = make_fixtures()
    path = fx.write_zip(tmp_path / "two.qdpx", [("a.qde", fx.utf8(fx.MINIMAL)),
                                                  ("b.qde", fx.utf8(fx.MINIMAL))])
    with pytest.raises(InputError, match="several .qde"):
        read_project(path)


def test_bounds_are_module_constants():
    assert qdpx.MAX_MEMBERS > 0 and qdpx.MAX_TOTAL_BYTES >= qdpx.MAX_MEMBER_BYTES > qdpx.RATIO_FLOOR


def test_a_member_larger_than_its_header_says_is_refused(tmp_path):
    import struct
    import zipfile

    path = tmp_path / "lying.qdpx"
    fx = make_fixtures()
    xml = fx.utf8(fx.MINIMAL)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("project.qde", xml)
    data = bytearray(path.read_bytes())
    # declare 10 bytes uncompressed in the local header (offset 22) and the central directory (24)
    struct.pack_into("<I", data, 22, 10)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"lying\.qdpx!project\.qde.*(cannot be unpacked|more than its header)"):
        read_project(path)
