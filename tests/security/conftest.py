"""The hostile-input battery.

Each hostile input runs in a child process with an address-space limit and a
wall-clock timeout (``bounded.run_bounded``, ``run_cli``, ``run_python``), so a
regression that loops or allocates without end fails its own case instead of
hanging or exhausting the suite. Network cases use only listeners on
127.0.0.1 (the ``listener`` fixture from ``tests/sparql_fixtures.py``) and
assert that nothing connected.

Every test in this folder carries the ``security`` marker, so ``make security``
(``pytest -m security``) runs just the battery.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sparql_fixtures import fixture_listener  # noqa: F401  (registers the `listener` fixture)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.security)
