"""Write the REFI-QDA test fixtures (.qdpx) of this folder from XML and text written by hand.

    python tests/data/qdpx/make_fixtures.py [FOLDER]

Everything in these files is FICTIONAL: invented interview snippets, invented users and codes.
Each project imitates one tool's documented behaviour (see docs/refi-qda.md); the offsets in the
XML were counted by hand on the texts below, in the way that tool counts. The archives are built
deterministically (fixed member dates), so rerunning the script gives the same bytes. Large
hostile archives (too many members) are built by the tests themselves with `too_many_members`.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = (2026, 1, 1, 0, 0, 0)

CODER_1 = "0a0a0a0a-0000-4000-8000-00000000000a"
CODER_2 = "0b0b0b0b-0000-4000-8000-00000000000b"

USERS = f"""  <Users>
    <User guid="{CODER_1}" name="Fictional Coder One"/>
    <User guid="{CODER_2}" name="Fictional Coder Two"/>
  </Users>
"""

# the codebook all fixtures share: a folder with two codes, and a code the tests leave unmapped
CODEBOOK = """  <CodeBook>
    <Codes>
      <Code guid="c0de0000-0000-4000-8000-000000000000" name="logics (fictional)" isCodable="false">
        <Description>Folder of the fictional study's logic codes.</Description>
        <Code guid="c0de0001-0000-4000-8000-000000000001" name="routine delivery" isCodable="true">
          <Description>Collaboration run as ordering and delivering services.</Description>
        </Code>
        <Code guid="{C0DE0002-0000-4000-8000-000000000002}" name="joint planning" isCodable="true"/>
      </Code>
      <Code guid="c0de0003-0000-4000-8000-000000000003" name="small talk" isCodable="true"/>
    </Codes>
  </CodeBook>
"""

ROUTINE = "c0de0001-0000-4000-8000-000000000001"
JOINT = "{C0DE0002-0000-4000-8000-000000000002}"
SMALL = "c0de0003-0000-4000-8000-000000000003"


def coding(guid: str, code: str, user: str) -> str:
    return (f'      <Coding guid="{guid}" creatingUser="{user}">'
            f'<CodeRef targetGUID="{code}"/></Coding>\n')


def project(origin: str, sources: str, name: str = "Fictional study") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<Project xmlns="urn:QDA-XML:project:1.0" name="{name}" origin="{origin}" '
            f'creatingUserGUID="{CODER_1}">\n'
            f'{USERS}{CODEBOOK}  <Sources>\n{sources}  </Sources>\n</Project>\n')


# 1. QualCoder: a text source written with a byte-order mark; offsets in code points of the text
#    without the mark, end exclusive; LF line breaks.
TEXT_1 = ("Interview 1 (fictional; everything here is invented).\n"
          "Q: How do you work with the provider?\n"
          "A: We just order the usual health checks.\n"
          "A: Lately we plan new services together.\n")
QUALCODER_BOM = project("QualCoder 3.5 (fictional fixture)", f"""\
    <TextSource guid="50000001-0000-4000-8000-000000000001" name="interview 1 (fictional)" plainTextPath="internal://50000001-0000-4000-8000-000000000001.txt">
      <PlainTextSelection guid="5e100001-0000-4000-8000-000000000001" name="We just order the usual health checks" startPosition="95" endPosition="132" creatingUser="{CODER_1}">
{coding("c0d10001-0000-4000-8000-000000000001", ROUTINE, CODER_1)}      </PlainTextSelection>
      <PlainTextSelection guid="5e100002-0000-4000-8000-000000000002" name="we plan new services together" startPosition="144" endPosition="173" creatingUser="{CODER_2}">
{coding("c0d10002-0000-4000-8000-000000000002", JOINT, CODER_2)}      </PlainTextSelection>
      <PlainTextSelection guid="5e100003-0000-4000-8000-000000000003" name="How do you work with the provider?" startPosition="57" endPosition="91" creatingUser="{CODER_1}">
{coding("c0d10003-0000-4000-8000-000000000003", SMALL, CODER_1)}      </PlainTextSelection>
    </TextSource>
""")

# 2. ATLAS.ti: the project file is not called project.qde, and a Windows line break counts as one
#    character. In code points "They agreed ..." is 58-96 and "The steering ..." 27-55.
TEXT_2 = ("Field note 2 (fictional).\r\n"
          "The steering group met twice.\r\n"
          "They agreed to try a new service model.\r\n")
ATLAS_CRLF = project("ATLAS.ti 9.1.0 (fictional fixture)", f"""\
    <TextSource guid="50000002-0000-4000-8000-000000000002" name="field note 2 (fictional)" plainTextPath="internal://50000002-0000-4000-8000-000000000002.txt">
      <PlainTextSelection guid="5e200001-0000-4000-8000-000000000001" name="They agreed to try a new service model" startPosition="56" endPosition="94" creatingUser="{CODER_1}">
{coding("c0d20001-0000-4000-8000-000000000001", JOINT, CODER_1)}      </PlainTextSelection>
      <PlainTextSelection guid="5e200002-0000-4000-8000-000000000002" name="Field note 2 (fictional)" startPosition="0" endPosition="24" creatingUser="{CODER_1}">
{coding("c0d20002-0000-4000-8000-000000000002", SMALL, CODER_1)}      </PlainTextSelection>
    </TextSource>
""")

# 3. QualCoder on a file with Windows line breaks: each counts as two (plain code points).
QUALCODER_CRLF = project("QualCoder 3.5 (fictional fixture)", f"""\
    <TextSource guid="50000003-0000-4000-8000-000000000003" name="field note 2 (fictional)" plainTextPath="internal://50000003-0000-4000-8000-000000000003.txt">
      <PlainTextSelection guid="5e300001-0000-4000-8000-000000000001" name="They agreed to try a new service model" startPosition="58" endPosition="96" creatingUser="{CODER_2}">
{coding("c0d30001-0000-4000-8000-000000000001", JOINT, CODER_2)}      </PlainTextSelection>
    </TextSource>
""")

# 4. A tool whose origin says nothing: the offsets count CRLF as one, which only checking finds;
#    the second selection shows no text, so it is placed by the convention the first one proved.
UNKNOWN_CRLF = project("FictionalQDA 0.1 (fictional fixture)", f"""\
    <TextSource guid="50000004-0000-4000-8000-000000000004" name="field note 2 (fictional)" plainTextPath="internal://50000004-0000-4000-8000-000000000004.txt">
      <PlainTextSelection guid="5e400001-0000-4000-8000-000000000001" name="They agreed to try a new service model" startPosition="56" endPosition="94" creatingUser="{CODER_1}">
{coding("c0d40001-0000-4000-8000-000000000001", JOINT, CODER_1)}      </PlainTextSelection>
      <PlainTextSelection guid="5e400002-0000-4000-8000-000000000002" startPosition="26" endPosition="54" creatingUser="{CODER_1}">
{coding("c0d40002-0000-4000-8000-000000000002", ROUTINE, CODER_1)}      </PlainTextSelection>
    </TextSource>
""")

# 5. NVivo: a character outside the Basic Multilingual Plane (U+1F600) counts as two. In code
#    points "We decide ..." is 33-69 and "(fictional) U+1F600 notes" 12-31.
TEXT_4 = "Interview 4 (fictional) \U0001F600 notes.\nWe decide together with the provider.\n"
NVIVO_ASTRAL = project("NVivo 14 (fictional fixture)", f"""\
    <TextSource guid="50000005-0000-4000-8000-000000000005" name="interview 4 (fictional)" plainTextPath="internal://50000005-0000-4000-8000-000000000005.txt">
      <PlainTextSelection guid="5e500001-0000-4000-8000-000000000001" name="We decide together with the provider" startPosition="34" endPosition="70" creatingUser="{CODER_2}">
{coding("c0d50001-0000-4000-8000-000000000001", JOINT, CODER_2)}      </PlainTextSelection>
      <PlainTextSelection guid="5e500002-0000-4000-8000-000000000002" name="(fictional) \U0001F600 notes" startPosition="12" endPosition="32" creatingUser="{CODER_2}">
{coding("c0d50002-0000-4000-8000-000000000002", SMALL, CODER_2)}      </PlainTextSelection>
    </TextSource>
""")

# 6. A capitalised Sources/ folder, and three selections to check: offsets 7 characters off
#    (repaired by the quote, which occurs once), offsets off on a quote that occurs twice (not
#    imported), and an inclusive end (59-75 names the first and last character of 59-76).
TEXT_5 = ("Meeting memo 5 (fictional).\n"
          "The provider proposed a pilot.\n"
          "The employer said the pilot was too costly.\n"
          "The provider proposed a pilot.\n")
CAPITAL_SOURCES = project("MAXQDA 2022 (fictional fixture)", f"""\
    <TextSource guid="50000006-0000-4000-8000-000000000006" name="meeting memo 5 (fictional)" plainTextPath="internal://50000006-0000-4000-8000-000000000006.txt">
      <PlainTextSelection guid="5e600001-0000-4000-8000-000000000001" name="the pilot was too costly" startPosition="70" endPosition="94" creatingUser="{CODER_1}">
{coding("c0d60001-0000-4000-8000-000000000001", ROUTINE, CODER_1)}      </PlainTextSelection>
      <PlainTextSelection guid="5e600002-0000-4000-8000-000000000002" name="The provider proposed a pilot" startPosition="10" endPosition="39" creatingUser="{CODER_1}">
{coding("c0d60002-0000-4000-8000-000000000002", JOINT, CODER_1)}      </PlainTextSelection>
      <PlainTextSelection guid="5e600003-0000-4000-8000-000000000003" name="The employer said" startPosition="59" endPosition="75" creatingUser="{CODER_2}">
{coding("c0d60003-0000-4000-8000-000000000003", ROUTINE, CODER_2)}      </PlainTextSelection>
    </TextSource>
""")

# 7. An external source (relative://), read only when a sources folder is given.
TEXT_6 = "External note 6 (fictional).\nThe partners shared one budget.\n"
EXTERNAL = project("QualCoder 3.5 (fictional fixture)", f"""\
    <TextSource guid="50000007-0000-4000-8000-000000000007" name="external note 6 (fictional)" plainTextPath="relative:///interviews/external-6.txt">
      <PlainTextSelection guid="5e700001-0000-4000-8000-000000000001" name="The partners shared one budget" startPosition="29" endPosition="59" creatingUser="{CODER_1}">
{coding("c0d70001-0000-4000-8000-000000000001", JOINT, CODER_1)}      </PlainTextSelection>
    </TextSource>
""")

# 8. The shipped fictional example case as a coded project (NVivo): two coders read one passage of
#    the fictional field report (a snapshot of data/sources/fictional-example-case.md, kept beside
#    this script) differently, as the case's Turtle version records (offsets 1022-1118 and
#    1119-1159); a second, fictional follow-up note has Windows line breaks and a character
#    outside the BMP (U+1F600 at code point 50) before its coded span, "the checks were enough"
#    (61-83 in code points, 62-84 in NVivo's UTF-16 units).
TEXT_FOLLOW_UP = ("Follow-up note (fictional).\r\n"
                  "The managers laughed \U0001F600 and said the checks were enough.\r\n")
ROUTINE_TALK = "c0de0101-0000-4000-8000-000000000101"
BIGGER = "c0de0102-0000-4000-8000-000000000102"
FICTIONAL_EXAMPLE = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Fictional example case" origin="NVivo 14 (fictional fixture)">
{USERS}  <CodeBook>
    <Codes>
      <Code guid="{ROUTINE_TALK}" name="routine talk" isCodable="true"/>
      <Code guid="{BIGGER}" name="bigger ambitions" isCodable="true"/>
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="50000101-0000-4000-8000-000000000101" name="fictional field report" plainTextPath="internal://50000101-0000-4000-8000-000000000101.txt">
      <PlainTextSelection guid="5e010001-0000-4000-8000-000000000001" name="In the commitment phase, the bakery&apos;s managers asked the provider to &quot;just run the usual checks&quot;" startPosition="1022" endPosition="1118" creatingUser="{CODER_1}">
{coding("c0d01001-0000-4000-8000-000000000001", ROUTINE_TALK, CODER_1)}      </PlainTextSelection>
      <PlainTextSelection guid="5e010002-0000-4000-8000-000000000002" name="In the commitment phase, the bakery&apos;s managers asked the provider to &quot;just run the usual checks&quot;" startPosition="1022" endPosition="1118" creatingUser="{CODER_2}">
{coding("c0d01002-0000-4000-8000-000000000002", BIGGER, CODER_2)}      </PlainTextSelection>
      <PlainTextSelection guid="5e010003-0000-4000-8000-000000000003" name="while promising to &quot;think bigger later&quot;." startPosition="1119" endPosition="1159" creatingUser="{CODER_2}">
{coding("c0d01003-0000-4000-8000-000000000003", BIGGER, CODER_2)}      </PlainTextSelection>
    </TextSource>
    <TextSource guid="50000102-0000-4000-8000-000000000102" name="follow-up note (fictional)" plainTextPath="internal://50000102-0000-4000-8000-000000000102.txt">
      <PlainTextSelection guid="5e010004-0000-4000-8000-000000000004" name="the checks were enough" startPosition="62" endPosition="84" creatingUser="{CODER_1}">
{coding("c0d01004-0000-4000-8000-000000000004", ROUTINE_TALK, CODER_1)}      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""

# hostile projects -------------------------------------------------------------------------------
MINIMAL = project("FictionalQDA 0.1 (fictional fixture)", "")
XXE = ('<?xml version="1.0" encoding="utf-8"?>\n'
       '<!DOCTYPE Project [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>\n'
       '<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>\n')
LAUGHS = ('<?xml version="1.0" encoding="utf-8"?>\n'
          '<!DOCTYPE Project [\n'
          ' <!ENTITY lol "lol">\n'
          ' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
          ' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n'
          ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
          ' <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\n'
          ']>\n'
          '<Project xmlns="urn:QDA-XML:project:1.0" name="&lol4;"/>\n')
ESCAPING_SOURCE = project("FictionalQDA 0.1 (fictional fixture)", """\
    <TextSource guid="50000009-0000-4000-8000-000000000009" name="escaping (fictional)" plainTextPath="internal://../../outside.txt"/>
""")


def _info(name: str, symlink: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = ((0o120777 if symlink else 0o100644) << 16)
    return info


def write_zip(path: Path, members: list[tuple[str, bytes] | tuple[str, bytes, bool]]) -> Path:
    """A zip archive of (name, bytes[, is_symlink]) members, with fixed dates."""
    with zipfile.ZipFile(path, "w") as archive:
        for member in members:
            name, data = member[0], member[1]
            archive.writestr(_info(name, len(member) > 2 and bool(member[2])), data)
    return path


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def fixtures() -> dict[str, list]:
    """File name -> members of each fixture archive."""
    bom = b"\xef\xbb\xbf"
    return {
        "qualcoder-bom.qdpx": [("project.qde", utf8(QUALCODER_BOM)),
                               ("sources/50000001-0000-4000-8000-000000000001.txt", bom + utf8(TEXT_1))],
        "atlas-crlf-one.qdpx": [("Fictional study.qde", utf8(ATLAS_CRLF)),
                                ("sources/50000002-0000-4000-8000-000000000002.txt", utf8(TEXT_2))],
        "qualcoder-crlf-two.qdpx": [("project.qde", utf8(QUALCODER_CRLF)),
                                    ("sources/50000003-0000-4000-8000-000000000003.txt", bom + utf8(TEXT_2))],
        "unknown-crlf-checked.qdpx": [("project.qde", utf8(UNKNOWN_CRLF)),
                                      ("sources/50000004-0000-4000-8000-000000000004.txt", utf8(TEXT_2))],
        "nvivo-astral.qdpx": [("project.qde", utf8(NVIVO_ASTRAL)),
                              ("sources/50000005-0000-4000-8000-000000000005.txt", utf8(TEXT_4))],
        "capital-sources.qdpx": [("project.qde", utf8(CAPITAL_SOURCES)),
                                 ("Sources/50000006-0000-4000-8000-000000000006.txt", utf8(TEXT_5))],
        "external-relative.qdpx": [("project.qde", utf8(EXTERNAL))],
        "fictional-example.qdpx": [
            ("project.qde", utf8(FICTIONAL_EXAMPLE)),
            ("sources/50000101-0000-4000-8000-000000000101.txt",
             (HERE / "fictional-example-case.txt").read_bytes()),
            ("sources/50000102-0000-4000-8000-000000000102.txt", utf8(TEXT_FOLLOW_UP))],
        # hostile
        "hostile-traversal.qdpx": [("project.qde", utf8(MINIMAL)), ("../outside.txt", b"fictional")],
        "hostile-absolute.qdpx": [("project.qde", utf8(MINIMAL)), ("/tmp/outside.txt", b"fictional")],
        "hostile-symlink.qdpx": [("project.qde", utf8(MINIMAL)),
                                 ("sources/link.txt", b"/etc/hostname", True)],
        "hostile-bomb.qdpx": [("project.qde", utf8(MINIMAL)),
                              ("sources/bomb.txt", b"0" * (4 * 1024 * 1024))],
        "hostile-xxe.qdpx": [("project.qde", utf8(XXE))],
        "hostile-laughs.qdpx": [("project.qde", utf8(LAUGHS))],
        "hostile-source-path.qdpx": [("project.qde", utf8(ESCAPING_SOURCE))],
    }


def external_sources(folder: Path) -> Path:
    """The folder the external fixture's relative:// source lives in."""
    target = folder / "external" / "interviews" / "external-6.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(utf8(TEXT_6))
    return folder / "external"


def too_many_members(path: Path, count: int) -> Path:
    """A hostile archive with `count` tiny members beside a valid project file."""
    members: list = [("project.qde", utf8(MINIMAL))]
    members += [(f"sources/{i}.txt", b"") for i in range(count)]
    return write_zip(path, members)


def build(folder: Path = HERE) -> list[Path]:
    """Write every fixture into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_zip(folder / name, members) for name, members in fixtures().items()]
    external_sources(folder)
    (folder / "not-a-zip.qdpx").write_bytes(b"a fictional text file, not a zip archive\n")
    return written + [folder / "not-a-zip.qdpx"]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
