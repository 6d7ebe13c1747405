"""The runners themselves: a case that loops or allocates is stopped, not waited for."""

from bounded import run_cli, run_python


def test_a_case_that_allocates_without_end_is_stopped_by_the_memory_limit():
    outcome = run_python("x = bytearray(8 * 1024**3)", memory=512 * 1024**2)
    assert outcome.returncode != 0
    assert "MemoryError" in outcome.stderr


def test_a_case_that_never_ends_is_stopped_by_the_timeout():
    outcome = run_python("while True: pass", seconds=1)
    assert outcome.timed_out


def test_the_cli_runs_bounded():
    outcome = run_cli("query", "--list")
    assert outcome.returncode == 0, outcome.stderr
    assert "heroes" in outcome.stdout
