"""Runners that bound a hostile case in time and memory (see ``conftest.py``)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Limits for one hostile case: generous for a real answer, far below what an attack needs.
CASE_MEMORY = 2 * 1024**3
CASE_SECONDS = 60.0


@dataclass(frozen=True)
class Outcome:
    """What a bounded child process did."""

    returncode: int
    stdout: str
    stderr: str
    timed_out: bool


def _limit(memory: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def run_bounded(
    args: list[str],
    *,
    input: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    memory: int = CASE_MEMORY,
    seconds: float = CASE_SECONDS,
) -> Outcome:
    """Run ``args`` in a child with an address-space limit and a timeout.

    A timeout kills the child and is reported as ``timed_out`` rather than
    raised, so the test asserts on it with a clear message.
    """
    full_env = {**os.environ, "PYTHONHASHSEED": "0", "COLUMNS": "200", **(env or {})}
    try:
        done = subprocess.run(
            args,
            input=input,
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env=full_env,
            timeout=seconds,
            preexec_fn=_limit(memory),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else exc.stderr or ""
        return Outcome(-9, out, err, True)
    return Outcome(done.returncode, done.stdout, done.stderr, False)


def run_cli(*args: str, **kwargs) -> Outcome:
    """Run ``graphkit ARGS`` (as ``python -m graphkit``) bounded."""
    return run_bounded([sys.executable, "-m", "graphkit", *args], **kwargs)


def run_python(code: str, **kwargs) -> Outcome:
    """Run a Python snippet bounded (for the API cases)."""
    return run_bounded([sys.executable, "-c", code], **kwargs)
