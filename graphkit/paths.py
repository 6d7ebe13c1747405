"""Where graphkit's data comes from: a checkout, ``GRAPHKIT_HOME``, or the packaged dataset.

Every part of graphkit finds its files through :func:`project_paths`. Given no
folder, it takes the first of:

1. **a checkout** holding the current directory: that directory or one of its
   parents, found as git finds a repository, whose ``pyproject.toml`` names the
   project ``graphkit`` and which has ``ontology/graphkit.ttl`` and ``data/``;
2. **the folder in** ``GRAPHKIT_HOME``, which must hold ``ontology/`` and ``data/``;
3. **the installed dataset**: the copy a wheel ships in ``graphkit/_data``
   (read-only), or, for an editable install, the checkout it was installed from.

Every folder has the checkout's layout (``ontology/``, ``data/corpus/``,
``data/facts/``, ``data/build/``), so the same paths serve all three; only the
packaged copy refuses to be rebuilt (:meth:`ProjectPaths.require_checkout`).

Examples
--------
>>> paths = project_paths()
>>> paths.nquads.relative_to(paths.root).as_posix()
'data/build/graphkit.nq'
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from graphkit.errors import InputError

__all__ = ["PACKAGED_DATA", "ProjectPaths", "Source", "project_paths", "project_root"]

#: Where a wheel keeps its copy of the inputs and the build (setup.py puts it there).
PACKAGED_DATA = Path(__file__).resolve().parent / "_data"
_INSTALLED_FROM = Path(__file__).resolve().parent.parent

Source = Literal["given", "current directory", "GRAPHKIT_HOME", "installed checkout", "packaged"]

_HOW_FOUND = {
    "current directory": "the checkout holding the current directory",
    "GRAPHKIT_HOME": "GRAPHKIT_HOME",
    "installed checkout": "the checkout graphkit is installed from",
}


def _holds_data(path: Path) -> bool:
    return (path / "ontology" / "graphkit.ttl").is_file() and (path / "data").is_dir()


def _names_graphkit(pyproject: Path) -> bool:
    try:
        with pyproject.open("rb") as file:
            return tomllib.load(file).get("project", {}).get("name") == "graphkit"
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return False


def _is_checkout(path: Path) -> bool:
    return _holds_data(path) and _names_graphkit(path / "pyproject.toml")


def _find(cwd: Path | None = None) -> tuple[Path, Source]:
    try:
        start = (cwd or Path.cwd()).resolve()
    except OSError:  # the current directory was removed: there is no checkout around it
        start = None
    for folder in (start, *start.parents) if start is not None else ():
        if _is_checkout(folder):
            return folder, "current directory"
    home = os.environ.get("GRAPHKIT_HOME")
    if home:
        folder = Path(home).expanduser().resolve()
        if not _holds_data(folder):
            raise InputError("GRAPHKIT_HOME does not hold ontology/graphkit.ttl and data/", path=folder)
        return folder, "GRAPHKIT_HOME"
    if _holds_data(PACKAGED_DATA):
        return PACKAGED_DATA, "packaged"
    if _is_checkout(_INSTALLED_FROM):
        return _INSTALLED_FROM, "installed checkout"
    raise InputError(
        "cannot find the graphkit data: this installation has no packaged dataset; "
        "run inside a graphkit checkout or set GRAPHKIT_HOME to one"
    )


def project_root(cwd: str | Path | None = None) -> Path:
    """Return the folder graphkit reads, found as the module docstring describes.

    Parameters
    ----------
    cwd : str or Path, optional
        Where the search starts (default: the current directory).

    Raises
    ------
    InputError
        If ``GRAPHKIT_HOME`` names a folder without the data, or nothing is found.
    """
    return _find(Path(cwd) if cwd is not None else None)[0]


@dataclass(frozen=True)
class ProjectPaths:
    """The files of one graphkit folder: a checkout, or the packaged copy.

    Parameters
    ----------
    root : Path
        The folder that holds ``ontology/`` and ``data/``.
    source : str
        How it was found: ``"given"``, ``"current directory"``,
        ``"GRAPHKIT_HOME"``, ``"installed checkout"`` or ``"packaged"``.
    """

    root: Path
    source: Source = "given"

    @property
    def packaged(self) -> bool:
        """Whether this is the read-only copy installed with the package."""
        return self.root == PACKAGED_DATA

    def describe(self) -> str:
        """Say which data this is, in one line for people.

        Examples
        --------
        >>> ProjectPaths(Path("/srv/graphkit"), "GRAPHKIT_HOME").describe()
        '/srv/graphkit (GRAPHKIT_HOME)'
        """
        if not self.packaged:
            notes = [_HOW_FOUND[self.source]] if self.source in _HOW_FOUND else []
            home = os.environ.get("GRAPHKIT_HOME")
            if self.source == "current directory" and home and Path(home).expanduser().resolve() != self.root:
                notes.append(f"it comes before GRAPHKIT_HOME={home}")
            return f"{self.root.as_posix()} ({'; '.join(notes)})" if notes else self.root.as_posix()
        from graphkit import __version__

        # The stamp's first line ends with the inputs' digest ("<hex>" or "inputs <hex>").
        first = self.build_stamp.read_text(encoding="ascii").partition("\n")[0].split()
        inputs = f", inputs sha256 {first[-1][:12]}" if first else ""
        return f"packaged dataset, graphkit {__version__}{inputs} ({self.root.as_posix()})"

    def require_checkout(self, action: str) -> None:
        """Refuse *action* (a write) on the packaged copy, saying what to do instead.

        Raises
        ------
        InputError
            If this is the packaged dataset.
        """
        if self.packaged:
            raise InputError(
                f"cannot {action}: the packaged dataset is read-only",
                path=self.root,
                hint="building needs a graphkit checkout (a clone of the repository, or the unpacked "
                "source distribution): run `graphkit build` inside it, or set GRAPHKIT_HOME to its folder",
            )

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

    @property
    def digests_memo(self) -> Path | None:
        """The memo of the build's files' digests (see :func:`graphkit.files.file_digests`).

        In the user's cache folder (:func:`user_cache`), one per checkout, so
        the checkout holds only what the build writes; None for the packaged
        dataset, which never changes.
        """
        if self.packaged:
            return None
        return user_cache() / "digests" / f"{hashlib.sha256(str(self.root).encode()).hexdigest()[:16]}.json"

    def input_digest(self) -> str:
        """Return a SHA-256 over every input file (path and digest), to tell when a build is stale."""
        from graphkit.files import file_digests

        files = self.inputs()
        digest = hashlib.sha256()
        for path, file_digest in zip(files, file_digests(files, memo=self.digests_memo), strict=True):
            digest.update(f"{path.relative_to(self.root).as_posix()}\0{file_digest}\0".encode())
        return digest.hexdigest()


def user_cache() -> Path:
    """Return graphkit's folder in the user's cache: ``$XDG_CACHE_HOME/graphkit`` or ``~/.cache/graphkit``.

    Examples
    --------
    >>> user_cache().name
    'graphkit'
    """
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "graphkit"


def project_paths(root: str | Path | None = None) -> ProjectPaths:
    """Return the paths of the folder at *root*, or of the one found from the current directory.

    Parameters
    ----------
    root : str or Path, optional
        A folder holding ``ontology/`` and ``data/``. Default: the checkout
        holding the current directory, else ``GRAPHKIT_HOME``, else the
        packaged dataset (see the module docstring).

    Raises
    ------
    InputError
        If no folder is given and none is found.
    """
    if root is not None:
        return ProjectPaths(Path(root).resolve())
    return ProjectPaths(*_find())
