"""Where graphkit's inputs and outputs live in a checkout.

The layout is fixed: ``ontology/``, ``data/corpus/``, ``data/facts/`` and
``data/build/`` at the top of the repository. :func:`project_root` finds it
from the installed package (an editable install, the normal case) or from the
current directory, and the ``GRAPHKIT_HOME`` environment variable overrides both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import InputError

__all__ = ["ProjectPaths", "project_paths", "project_root"]


def _is_root(path: Path) -> bool:
    return (path / "ontology" / "graphkit.ttl").is_file() and (path / "data").is_dir()


def project_root() -> Path:
    """Return the repository root that holds ``ontology/`` and ``data/``.

    Raises
    ------
    InputError
        If no such folder can be found.
    """
    override = os.environ.get("GRAPHKIT_HOME")
    if override:
        root = Path(override).resolve()
        if not _is_root(root):
            raise InputError("GRAPHKIT_HOME does not hold ontology/ and data/", path=root)
        return root
    candidates = [Path(__file__).resolve().parent.parent, *Path.cwd().resolve().parents]
    candidates.insert(1, Path.cwd().resolve())
    for candidate in candidates:
        if _is_root(candidate):
            return candidate
    raise InputError("cannot find the graphkit data: run from a clone of the repository or set GRAPHKIT_HOME")


@dataclass(frozen=True)
class ProjectPaths:
    """The files of one graphkit checkout."""

    root: Path

    @property
    def ontology(self) -> Path:
        """The OWL ontology (Turtle)."""
        return self.root / "ontology" / "graphkit.ttl"

    @property
    def shapes(self) -> Path:
        """The SHACL shapes (Turtle)."""
        return self.root / "ontology" / "shapes.ttl"

    @property
    def manifest(self) -> Path:
        """The corpus manifest."""
        return self.root / "data" / "corpus" / "manifest.yaml"

    @property
    def documents(self) -> Path:
        """The folder of source documents, kept byte for byte."""
        return self.root / "data" / "corpus" / "documents"

    @property
    def entities(self) -> Path:
        """The curated entity registry."""
        return self.root / "data" / "facts" / "entities.yaml"

    @property
    def statements(self) -> Path:
        """The folder of evidence-backed statements, one file per document."""
        return self.root / "data" / "facts" / "statements"

    @property
    def build(self) -> Path:
        """The folder of built, committed outputs."""
        return self.root / "data" / "build"

    @property
    def trig(self) -> Path:
        """The built dataset in TriG."""
        return self.build / "graphkit.trig"

    @property
    def nquads(self) -> Path:
        """The built dataset in N-Quads."""
        return self.build / "graphkit.nq"

    @property
    def build_stamp(self) -> Path:
        """The digest of the inputs the committed build was made from."""
        return self.build / "inputs.sha256"

    def inputs(self) -> list[Path]:
        """Return every file the build reads, in a stable order."""
        files = [self.ontology, self.shapes, self.manifest, self.entities]
        files += sorted(self.statements.glob("*.yaml"))
        files += sorted(p for p in self.documents.iterdir() if p.is_file())
        return files


def project_paths(root: str | Path | None = None) -> ProjectPaths:
    """Return the paths of the checkout at *root* (found with :func:`project_root` if None)."""
    return ProjectPaths(Path(root).resolve() if root is not None else project_root())
