"""A build killed at any point leaves the old set of outputs or the new one, never a mix a reader uses.

The three outputs (TriG, N-Quads, the stamp) are written to temporaries, then
replaced, stamp last; the stamp records each output's SHA-256. A build killed
between two replacements leaves files the stamp does not describe:
``gk.is_stale`` says so, ``gk.load()`` rebuilds and ``gk.load(rebuild=False)``
refuses. Before, 2 of 20 kills left TriG new and N-Quads and stamp old, read
as current, and 6 left ``.graphkit.*.tmp`` files that ``git status`` showed.

Each kill is a real SIGKILL of a ``graphkit build`` child: first at each step
of the write (the child kills itself just before its k-th create, sync or
rename of a file), then at random moments of the whole build.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bounded import ROOT

import graphkit as gk
from graphkit.errors import InputError
from graphkit.paths import project_paths

OUTPUTS = ("graphkit.trig", "graphkit.nq", "inputs.sha256")

# Kill this very process just before the K-th file-system step of the write.
KILL_AT_STEP = """
import os, signal, sys, tempfile
import graphkit as gk
steps = 0
def killing(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step
tempfile.mkstemp = killing(tempfile.mkstemp)
os.fsync = killing(os.fsync)
os.replace = killing(os.replace)
gk.build(sys.argv[1], validate=False)  # the shapes were checked by the reference build
print(steps)
"""


def snapshot(checkout: Path) -> tuple[bytes | None, ...]:
    build = checkout / "data" / "build"
    return tuple((build / n).read_bytes() if (build / n).exists() else None for n in OUTPUTS)


def restore(checkout: Path, files: tuple[bytes | None, ...]) -> None:
    build = checkout / "data" / "build"
    for name, data in zip(OUTPUTS, files, strict=True):
        (build / name).write_bytes(data)
    for leftover in build.glob(".*.tmp"):
        leftover.unlink()


def assert_old_or_new_or_refused(checkout: Path, old, new) -> str:
    """What a reader sees after a kill: the old set, the new set, or a torn set it refuses."""
    now = snapshot(checkout)
    if now == old:
        return "old"
    if now == new:
        assert not gk.is_stale(project_paths(checkout))
        return "new"
    assert gk.is_stale(project_paths(checkout)), "a torn set of outputs passes for current"
    with pytest.raises(InputError, match="do not match the stamp"):
        gk.load(checkout, rebuild=False)
    return "torn"


@pytest.fixture
def checkouts(tmp_path: Path):
    """A checkout whose inputs changed since its build, and the outputs a complete build gives."""
    made = []
    for name in ("killed", "reference"):
        checkout = tmp_path / name
        for folder in ("ontology", "data"):
            shutil.copytree(ROOT / folder, checkout / folder)
        entities = checkout / "data" / "facts" / "entities.yaml"
        entities.write_text(entities.read_text().replace("label: Dara Mech", "label: Dara  Mech"))
        made.append(checkout)
    killed, reference = made
    old = snapshot(killed)
    gk.build(reference)
    new = snapshot(reference)
    assert all(a != b for a, b in zip(old, new, strict=True))
    return killed, old, new


def run_build(args: list[str], *, kill_after: float | None = None) -> int:
    child = subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if kill_after is not None:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    child.communicate(timeout=120)
    return child.returncode


def test_a_build_killed_at_each_step_of_the_write_leaves_a_set_readers_can_trust(checkouts):
    checkout, old, new = checkouts
    seen = []
    for k in range(1, 20):
        restore(checkout, old)
        code = run_build(["-c", KILL_AT_STEP, str(checkout), str(k)])
        if code == 0:  # the build finished before its k-th step: every step has been tried
            assert snapshot(checkout) == new
            break
        assert code == -signal.SIGKILL
        seen.append(assert_old_or_new_or_refused(checkout, old, new))
        # The next run cleans up what the killed one left, and completes the set:
        # a reader rebuilds a torn set; a build replaces the rest.
        if seen[-1] == "torn":
            assert len(gk.load(checkout)) > 0
        else:
            gk.build(checkout, validate=False)
        assert snapshot(checkout) == new
        assert sorted(p.name for p in (checkout / "data" / "build").iterdir()) == sorted(OUTPUTS)
    else:
        pytest.fail("the build never finished")
    # 3 temporaries created, 3 synced, 3 replaced, the folder synced: every moment was hit.
    assert seen == ["old"] * 7 + ["torn", "torn", "new"]


def test_a_build_killed_at_random_moments_leaves_old_or_new(checkouts):
    checkout, old, new = checkouts
    args = ["-c", f"import graphkit as gk; gk.build({str(checkout)!r})"]
    started = time.monotonic()
    assert run_build(args) == 0
    whole = time.monotonic() - started
    rng = random.Random(10)
    for _ in range(4):
        restore(checkout, old)
        code = run_build(args, kill_after=rng.uniform(whole / 2, whole))
        assert code in (0, -signal.SIGKILL)
        assert_old_or_new_or_refused(checkout, old, new)
    gk.build(checkout)
    assert snapshot(checkout) == new
    assert not list((checkout / "data" / "build").glob(".*.tmp"))
