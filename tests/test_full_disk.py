"""Writing onto a full disk: exit 3, the previous file intact, no temporary file left (issue 17)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from iorkg.cli import main


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs (needs root and mount; skipped where the machine cannot)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_export_onto_a_full_disk_exits_3_and_keeps_the_previous_file(tiny_disk, capsys):
    target = tiny_disk / "ontology.ttl"
    target.write_text("# the previous export\n", encoding="utf-8")
    assert main(["export", "--graph", "all", "--format", "nt", "--output", str(target)]) == 3
    assert "the disk is full" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# the previous export\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["ontology.ttl"]


def test_writing_where_a_folder_stands_exits_2(tmp_path, capsys):
    (tmp_path / "out.ttl").mkdir()
    assert main(["export", "--graph", "ontology", "--output", str(tmp_path / "out.ttl")]) == 2
    assert "this is a folder" in capsys.readouterr().err


def test_a_temporary_left_by_a_killed_write_is_removed_by_the_next_write(tmp_path):
    import time

    target = tmp_path / "case.nt"
    leftover = tmp_path / ".case.nt.k1ll3d.tmp"  # what SIGKILL part-way through a write leaves
    leftover.write_text("half a file", encoding="utf-8")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    assert main(["export", "--graph", "ontology", "--format", "nt", "--output", str(target)]) == 0
    assert target.is_file() and not leftover.exists()


def test_a_write_killed_part_way_leaves_the_previous_file_whole(tmp_path):
    import signal
    import sys
    import time

    target = tmp_path / "all.nq"
    target.write_text("# previous\n", encoding="utf-8")
    env = dict(os.environ)
    code = ("import sys, time, iorkg.rdf.files as f\n"
            "real = f.os.replace\n"
            "f.os.replace = lambda *a: (time.sleep(30), real(*a))\n"  # stop between write and rename
            "from iorkg.cli import main; sys.exit(main(sys.argv[1:]))")
    process = subprocess.Popen([sys.executable, "-c", code, "export", "--format", "nq", "--output", str(target)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not list(tmp_path.glob(".all.nq.*.tmp")):
            time.sleep(0.1)
        assert list(tmp_path.glob(".all.nq.*.tmp")), "the write did not start"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert target.read_text(encoding="utf-8") == "# previous\n"
