"""Every hostile form, through every in-process interface: refused, and nobody is called.

The CLI (``graphkit query``) and the Python API on both engines (``run_query``
on the Oxigraph store and on ``engine="memory"``) each get every SERVICE,
FROM and update form of ``query_corpus`` in a bounded child, pointed at a
loopback listener that must see zero connections.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from bounded import Outcome, run_bounded, run_cli
from query_corpus import FROM_FORMS, SERVICE_FORMS, UPDATE_FORMS, fill
from sparql_fixtures import SEED, Listener

ALL_FORMS = {
    **{f"service/{k}": v for k, v in SERVICE_FORMS.items()},
    **{f"from/{k}": v for k, v in FROM_FORMS.items()},
    **{f"update/{k}": v for k, v in UPDATE_FORMS.items()},
}


def connections_during(run: Callable[[], Outcome], listener: Listener) -> tuple[Outcome, int]:
    """Run a bounded child in a thread while counting connections to the listener."""
    outcome: list[Outcome] = []
    thread = threading.Thread(target=lambda: outcome.append(run()), daemon=True)
    thread.start()
    count = 0
    while thread.is_alive():
        count += listener.connected(wait=0.1)
    thread.join()
    count += listener.connected(wait=0.05)
    return outcome[0], count


API_CHILD = """
import json, sys
from graphkit.errors import QueryError
from graphkit.rdf.store import open_store
from graphkit.sparql.engine import run_query

dataset = open_store(sys.argv[1], engine=sys.argv[2])
verdicts = {}
for name, text in json.loads(sys.stdin.read()).items():
    try:
        run_query(dataset, text)
        verdicts[name] = "ran"
    except QueryError as exc:
        verdicts[name] = type(exc).__name__
print(json.dumps(verdicts))
"""


def run_api(texts: dict[str, str], engine: str) -> Outcome:
    """Run every text through ``run_query`` in one bounded child; it prints each verdict."""
    args = [sys.executable, "-c", API_CHILD, str(SEED), engine]
    return run_bounded(args, input=json.dumps(texts), seconds=120)


@pytest.mark.parametrize("engine", ["oxigraph", "memory"])
def test_run_query_refuses_every_form_and_calls_nobody(engine: str, listener: Listener) -> None:
    texts = {name: fill(template, listener.url) for name, template in ALL_FORMS.items()}
    outcome, connections = connections_during(lambda: run_api(texts, engine), listener)
    assert not outcome.timed_out
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    verdicts = json.loads(outcome.stdout)
    assert connections == 0
    assert set(verdicts) == set(texts)
    assert [name for name, verdict in verdicts.items() if verdict == "ran"] == []


CLI_CHILD = """
import json, sys
from graphkit.cli import app

verdicts = {}
for name, text in json.loads(sys.stdin.read()).items():
    try:  # without standalone mode, the app returns the exit code
        verdicts[name] = app(["query", text], prog_name="graphkit", standalone_mode=False)
    except Exception as exc:
        verdicts[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(verdicts))
"""


def test_the_cli_refuses_every_form_with_exit_2_and_calls_nobody(listener: Listener) -> None:
    """Every form through ``graphkit query``'s own entry point, in one bounded child."""
    texts = {name: fill(template, listener.url) for name, template in ALL_FORMS.items()}
    outcome, connections = connections_during(
        lambda: run_bounded([sys.executable, "-c", CLI_CHILD], input=json.dumps(texts), seconds=300), listener
    )
    assert not outcome.timed_out
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert connections == 0
    verdicts = json.loads(outcome.stdout.splitlines()[-1])
    assert {name: code for name, code in verdicts.items() if code != 2} == {}
    assert "Traceback" not in outcome.stderr


@pytest.mark.parametrize(
    "form",
    [
        "service/cr-ends-comment",
        "service/escaped-quote-ends-string",
        "service/escaped-long-quote",
        "service/nul-in-comment",
        "from/cr-ends-comment",
        "update/cr-comment-load",
    ],
)
def test_graphkit_query_in_its_own_process_refuses_with_one_line_and_calls_nobody(
    form: str, listener: Listener, tmp_path: Path
) -> None:
    text = fill(ALL_FORMS[form], listener.url)
    if "\x00" in text:  # a command line cannot hold NUL: pass the text as a .rq file
        path = tmp_path / "hostile.rq"
        path.write_bytes(text.encode("utf-8"))
        argument = str(path)
    else:
        argument = text
    outcome, connections = connections_during(lambda: run_cli("query", argument), listener)
    assert connections == 0
    assert not outcome.timed_out
    assert outcome.returncode == 2, outcome.stdout
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.startswith("error: ")
