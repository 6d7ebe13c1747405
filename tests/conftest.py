"""Shared fixtures: the seed dataset, and throw-away copies of the checkout for bad-input tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def dataset():
    """The committed seed dataset, loaded once (Oxigraph store)."""
    import graphkit as gk

    return gk.load(ROOT, rebuild=False)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the inputs and the committed build, to break without harm."""
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path
