"""The sdist and the wheel built from it: every package file and the whole dataset ship, read-only.

The wheel is built as ``python -m build`` builds it (the sdist first, then the wheel
from the unpacked sdist), without an isolated environment so the suite needs no index.
``make wheel-smoke`` (.ci/wheel-smoke) then installs it with its dependencies in a
fresh venv and runs the commands a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from graphkit import __version__
from graphkit.paths import project_paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--no-isolation", "--quiet", "--outdir", str(folder), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def wheel(dist: Path) -> zipfile.ZipFile:
    (path,) = dist.glob("graphkit-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


def dataset_files() -> list[str]:
    """What a graphkit folder holds: every input the build reads, and the build."""
    paths = project_paths(ROOT)
    files = paths.inputs() + sorted(paths.build.iterdir())
    return [path.relative_to(ROOT).as_posix() for path in files]


def test_the_wheel_carries_the_dataset_byte_for_byte(wheel):
    shipped = {n.removeprefix("graphkit/_data/") for n in wheel.namelist() if n.startswith("graphkit/_data/")}
    assert sorted(shipped) == sorted(dataset_files())
    for name in shipped:
        assert wheel.read(f"graphkit/_data/{name}") == (ROOT / name).read_bytes(), name


def test_the_wheel_carries_every_package_file(wheel):
    sources = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "graphkit").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    names = set(wheel.namelist())
    assert sources <= names, sorted(sources - names)
    others = {n for n in names - sources if not n.startswith(("graphkit/_data/", "graphkit-"))}
    assert not others


def test_the_sdist_carries_what_the_wheel_is_built_from(dist):
    (path,) = dist.glob("graphkit-*.tar.gz")
    with tarfile.open(path) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"setup.py", "MANIFEST.in", "pyproject.toml", *dataset_files()} <= names


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """The wheel unpacked by pip into a folder of its own (its dependencies are this venv's)."""
    (path,) = dist.glob("graphkit-*.whl")
    target = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run([*command, "--target", str(target), str(path)], check=True, capture_output=True)
    return target


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GRAPHKIT_HOME", "GRAPHKIT_DEBUG")}
    env |= {"PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_installed_wheel_answers_from_its_packaged_dataset_read_only(installed, tmp_path):
    before = tree(installed)
    data = (installed / "graphkit" / "_data").as_posix()
    stamp = project_paths(ROOT).input_digest()[:12]

    code = (
        "import graphkit as gk\n"
        "from graphkit.paths import project_paths\n"
        "print(gk.__file__)\n"
        "print(gk.summarize(gk.load()).documents)\n"
        "try:\n"
        "    gk.load(rebuild=True)\n"
        "except gk.InputError as exc:\n"
        "    print(exc)\n"
    )
    done = run_installed(installed, tmp_path, "-c", code)
    assert done.returncode == 0, done.stderr
    module, documents, refused = done.stdout.splitlines()
    assert module == f"{installed}/graphkit/__init__.py"
    assert documents == "5"
    assert refused == f"{data}: cannot rebuild the dataset: the packaged dataset is read-only"

    stats = run_installed(installed, tmp_path, "-m", "graphkit", "stats")
    assert (
        stats.stdout.splitlines()[0]
        == f"data: packaged dataset, graphkit {__version__}, inputs sha256 {stamp} ({data})"
    )

    heroes = run_installed(installed, tmp_path, "-m", "graphkit", "query", "heroes", "--format", "csv")
    assert heroes.returncode == 0, heroes.stderr
    assert "/zaheer-ahmed,Zaheer Ahmed," in heroes.stdout

    build = run_installed(installed, tmp_path, "-m", "graphkit", "build")
    assert build.returncode == 2
    assert build.stderr.splitlines() == [
        f"error: {data}: cannot write the build: the packaged dataset is read-only",
        "hint: building needs a graphkit checkout (a clone of the repository, or the unpacked source "
        "distribution): run `graphkit build` inside it, or set GRAPHKIT_HOME to its folder",
    ]
    assert "Traceback" not in build.stderr

    assert tree(installed) == before
    assert list(tmp_path.iterdir()) == []
