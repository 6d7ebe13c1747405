"""Which data graphkit uses: the checkout around the current directory, then GRAPHKIT_HOME, then its own.

The case the issue names runs for real: an editable install (this suite's) used from
inside a second copy of the inputs reads and rebuilds that copy, not its own checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.paths import PACKAGED_DATA, project_paths, project_root

ROOT = Path(__file__).resolve().parent.parent


def make_checkout(folder: Path) -> Path:
    """Copy the inputs, the build and pyproject.toml (the marker of a checkout) into *folder*."""
    for name in ("ontology", "data"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    return folder


@pytest.fixture
def first(tmp_path: Path) -> Path:
    return make_checkout(tmp_path / "first")


@pytest.fixture
def second(tmp_path: Path) -> Path:
    return make_checkout(tmp_path / "second")


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def graphkit(cwd: Path, *args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GRAPHKIT_HOME", "GRAPHKIT_DEBUG")}
    env["COLUMNS"] = "200"
    if home is not None:
        env["GRAPHKIT_HOME"] = str(home)
    command = [sys.executable, "-m", "graphkit", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def first_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[0]


def test_an_editable_install_run_from_a_second_clone_uses_that_clone(first, second):
    entities = second / "data" / "facts" / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("label: Dara Mech\n", "label: Dara Mech of clone two\n"),
        encoding="utf-8",
    )
    committed = {path: path.read_bytes() for path in (ROOT / "data" / "build").iterdir()}
    untouched = {path: path.read_bytes() for path in (first / "data" / "build").iterdir()}

    inside = second / "data" / "corpus"  # found by walking up, as git does
    answer = graphkit(inside, "query", "heroes", "--format", "csv")
    assert answer.returncode == 0, answer.stderr
    assert "Dara Mech of clone two" in answer.stdout  # the second clone was rebuilt and read
    assert "Dara Mech of clone two" in (second / "data" / "build" / "graphkit.nq").read_text(encoding="utf-8")
    assert first_line(graphkit(inside, "stats")) == (
        f"data: {second.as_posix()} (the checkout holding the current directory)"
    )

    assert "Dara Mech," in graphkit(first, "query", "heroes", "--format", "csv").stdout
    assert {path: path.read_bytes() for path in (first / "data" / "build").iterdir()} == untouched
    assert {path: path.read_bytes() for path in (ROOT / "data" / "build").iterdir()} == committed


def test_build_prints_the_folder_it_builds(second):
    built = graphkit(second, "build")
    assert (
        built.stdout.splitlines()[0]
        == f"data: {second.as_posix()} (the checkout holding the current directory)"
    )
    assert "wrote data/build/graphkit.nq" in built.stdout.splitlines()


def test_the_checkout_around_the_current_directory_comes_before_graphkit_home(first, second):
    assert first_line(graphkit(second, "stats", home=first)) == (
        f"data: {second.as_posix()} (the checkout holding the current directory; "
        f"it comes before GRAPHKIT_HOME={first})"
    )
    assert first_line(graphkit(second, "stats", home=second)) == (
        f"data: {second.as_posix()} (the checkout holding the current directory)"
    )


def test_graphkit_home_is_used_outside_a_checkout(first, elsewhere):
    assert first_line(graphkit(elsewhere, "stats", home=first)) == f"data: {first.as_posix()} (GRAPHKIT_HOME)"


def test_graphkit_home_without_the_data_is_one_clear_error(elsewhere, tmp_path):
    nothing = (tmp_path / "nothing").as_posix()
    done = graphkit(elsewhere, "stats", home=tmp_path / "nothing")
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"error: {nothing}: GRAPHKIT_HOME does not hold ontology/graphkit.ttl and data/"
    )


@pytest.mark.skipif(PACKAGED_DATA.is_dir(), reason="graphkit is installed from a wheel, not a checkout")
def test_an_editable_install_falls_back_on_the_checkout_it_was_installed_from(elsewhere):
    assert first_line(graphkit(elsewhere, "stats")) == (
        f"data: {ROOT.as_posix()} (the checkout graphkit is installed from)"
    )


def test_a_folder_of_another_project_is_not_a_checkout(first, tmp_path, monkeypatch):
    other = make_checkout(tmp_path / "other")
    (other / "pyproject.toml").write_text('[project]\nname = "not-graphkit"\n', encoding="utf-8")
    broken = make_checkout(tmp_path / "broken")
    (broken / "pyproject.toml").write_text("[project\n", encoding="utf-8")
    bare = tmp_path / "bare"  # the inputs without a pyproject.toml: GRAPHKIT_HOME can name it
    shutil.copytree(ROOT / "ontology", bare / "ontology")
    (bare / "data").mkdir()
    monkeypatch.setenv("GRAPHKIT_HOME", str(first))
    for folder in (other, broken, bare):
        assert project_root(folder / "data") == first.resolve()
    monkeypatch.setenv("GRAPHKIT_HOME", str(bare))
    assert project_root(tmp_path) == bare.resolve()


def test_explicit_folders_are_taken_as_given(first):
    paths = project_paths(first / "data" / "..")
    assert paths.root == first.resolve()
    assert paths.describe() == first.as_posix()
    assert not paths.packaged


def test_the_packaged_dataset_refuses_to_be_rebuilt():
    with pytest.raises(
        InputError, match=r"cannot write the build: the packaged dataset is read-only$"
    ) as raised:
        project_paths(PACKAGED_DATA).require_checkout("write the build")
    assert raised.value.hint.startswith("building needs a graphkit checkout")
    project_paths(ROOT).require_checkout("write the build")
