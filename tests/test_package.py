"""The package installs from a wheel and runs from any directory with its data inside."""

from __future__ import annotations

import os
import subprocess
import sys
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

    # dependencies come from this environment; iorkg itself only from the wheel
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
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

    info = subprocess.run([str(env_dir / "bin" / "iorkg"), "info"], cwd=elsewhere, env=clean_env,
                          capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    assert "koskela-kork-turpeinen" in info.stdout
    assert "ontology" in info.stdout
