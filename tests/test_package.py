"""The package installs from a wheel and runs from any directory with its data inside."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest


@pytest.mark.slow
def test_wheel_installs_and_runs_info_from_another_directory(repo, tmp_path):
    wheel_dir = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheel_dir), str(repo)], check=True)
    wheels = list(wheel_dir.glob("iorkg-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as archive:
        names = set(archive.namelist())
    for required in ("iorkg/_resources/ontology/iorkg.ttl", "iorkg/_resources/data/catalog.ttl"):
        assert required in names
    for folder, suffix in (("shapes", ".ttl"), ("queries", ".rq")):
        assert any(n.startswith(f"iorkg/_resources/{folder}/") and n.endswith(suffix) for n in names)

    # A fresh environment that sees neither the base interpreter's packages nor this checkout:
    # the dependencies come from the environment running the tests (its site-packages listed in
    # a .pth file, whose own .pth hooks, such as an editable iorkg, are not run), iorkg only
    # from the wheel.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    child_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                capture_output=True, text=True, check=True).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    Path(child_site, "iorkg-test-dependencies.pth").write_text("".join(f"{p}\n" for p in ours))
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheels[0])], check=True)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "IORKG_SOURCE_DIR")}
    where = subprocess.run([str(python), "-c", "import iorkg, iorkg.resources as r; "
                            "print(iorkg.__file__); print(r.resource_root())"],
                           cwd=elsewhere, env=clean_env, capture_output=True, text=True, check=True)
    module_file, root = where.stdout.split()
    assert Path(module_file).is_relative_to(env_dir)
    assert Path(root).name == "_resources" and Path(root).is_relative_to(env_dir)
    base = subprocess.run([str(python), "-c", "import sys; print(sys.base_prefix); print(sys.prefix)"],
                          capture_output=True, text=True, check=True).stdout.split()
    assert base[0] != base[1]  # a real virtual environment, not the base interpreter

    info = subprocess.run([str(env_dir / "bin" / "iorkg"), "info"], cwd=elsewhere, env=clean_env,
                          capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    assert "koskela-kork-turpeinen" in info.stdout
    assert "ontology" in info.stdout
