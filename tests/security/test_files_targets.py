"""Every output goes through ``atomic_write``: it writes regular files only, and says why not.

Before, ``viz --output`` on a symbolic link or a device replaced the node with
a regular file (as root, that would replace entries in /dev), an output under
a regular file said "File exists", and an empty path gave a raw OS error.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from bounded import ROOT, run_cli

PAGE = b"<html>the user's own file</html>"


def viz(target: str, cwd: Path):
    return run_cli("viz", "--output", target, cwd=cwd, memory=1024**3, seconds=120)


def symlink_to_file(tmp_path: Path) -> Path:
    real = tmp_path / "real.html"
    real.write_bytes(PAGE)
    (tmp_path / "link.html").symlink_to(real)
    return tmp_path / "link.html"


def dangling_symlink(tmp_path: Path) -> Path:
    (tmp_path / "link.html").symlink_to(tmp_path / "nowhere" / "x.html")
    return tmp_path / "link.html"


def named_pipe(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "pipe.html")
    return tmp_path / "pipe.html"


def character_device(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(tmp_path / "null.html", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null
    return tmp_path / "null.html"


def folder(tmp_path: Path) -> Path:
    (tmp_path / "page.html").mkdir()
    return tmp_path / "page.html"


TARGETS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "symlink": (symlink_to_file, "is a symbolic link (to "),
    "dangling-symlink": (dangling_symlink, "is a symbolic link (to "),
    "named-pipe": (named_pipe, "is a named pipe: graphkit writes only regular files"),
    "character-device": (character_device, "is a character device: graphkit writes only regular files"),
    "folder": (folder, "is a folder: give the path of a file"),
}


def node(path: Path) -> tuple[int, bytes | str | None]:
    """What is at *path*: its file type, and the link's target or a regular file's bytes."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return stat.S_IFMT(mode), os.readlink(path)
    return stat.S_IFMT(mode), path.read_bytes() if stat.S_ISREG(mode) else None


@pytest.mark.parametrize("kind", list(TARGETS))
def test_viz_refuses_a_target_that_is_not_a_regular_file_and_leaves_it(tmp_path: Path, kind: str):
    make, message = TARGETS[kind]
    target = make(tmp_path)
    before = node(target)
    outcome = viz(target.name, tmp_path)
    assert outcome.returncode == 2, outcome.stdout + outcome.stderr
    assert outcome.stderr.startswith(f"error: {target.name}: {message}"), outcome.stderr
    assert outcome.stderr.count("\n") == 1
    assert node(target) == before
    if kind == "symlink":
        assert (tmp_path / "real.html").read_bytes() == PAGE
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "error: an output file is required: the path given is empty\n"),
        ("notes.txt/page.html", "error: notes.txt/page.html: cannot write here: notes.txt is not a folder\n"),
        (
            "notes.txt/deeper/page.html",
            "error: notes.txt/deeper/page.html: cannot write here: notes.txt is not a folder\n",
        ),
        ("/etc/passwd/x.html", "error: /etc/passwd/x.html: cannot write here: /etc/passwd is not a folder\n"),
    ],
    ids=["empty", "under-a-file", "deep-under-a-file", "under-etc-passwd"],
)
def test_an_impossible_output_path_says_what_is_wrong(tmp_path: Path, target: str, message: str):
    (tmp_path / "notes.txt").write_text("mine\n")
    outcome = viz(target, tmp_path)
    assert outcome.returncode == 2
    assert outcome.stderr == message
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_a_page_write_removes_what_a_killed_write_left(tmp_path: Path):
    leftover = tmp_path / ".graphkit.html.k1ll3d00.tmp"
    leftover.write_bytes(b"half a page")
    outcome = viz("graphkit.html", tmp_path)
    assert outcome.returncode == 0, outcome.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graphkit.html"]


def test_exports_refuse_a_symbolic_link(tmp_path: Path):
    target = symlink_to_file(tmp_path).with_name("graph.graphml")
    (tmp_path / "link.html").rename(target)
    outcome = run_cli(
        "analyze", "-r", "summary", "--export", target.name, cwd=tmp_path, memory=1024**3, seconds=120
    )
    assert outcome.returncode == 2
    assert outcome.stderr.startswith("error: graph.graphml: is a symbolic link (to ")
    assert target.is_symlink()
    assert (tmp_path / "real.html").read_bytes() == PAGE


def test_the_build_refuses_a_symbolic_link_among_its_outputs(tmp_path: Path):
    for name in ("ontology", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    build = tmp_path / "data" / "build"
    (tmp_path / "elsewhere.nq").write_bytes((build / "graphkit.nq").read_bytes())
    (build / "graphkit.nq").unlink()
    (build / "graphkit.nq").symlink_to(tmp_path / "elsewhere.nq")
    before = {p.name: node(p) for p in build.iterdir()}
    outcome = run_cli(
        "build", cwd=tmp_path, env={"GRAPHKIT_HOME": str(tmp_path)}, memory=1024**3, seconds=120
    )
    assert outcome.returncode == 2
    assert outcome.stderr.startswith("error: data/build/graphkit.nq: is a symbolic link (to ")
    assert {p.name: node(p) for p in build.iterdir()} == before
