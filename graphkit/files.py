"""Reading and writing the project's files safely.

- :func:`atomic_write` writes to a temporary file in the same folder and
  replaces the target, so a failed build never leaves a half-written file.
- :func:`read_turtle` checks the syntax with pyoxigraph first, whose parser is
  transactional and reports the line, so a broken file gives one clear error
  instead of a half-read graph or a traceback from rdflib.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["atomic_write", "read_turtle"]


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write *data* to *path* so readers see the old file or the new one, never a mix.

    Missing folders are created. A path that cannot be written raises
    :class:`~graphkit.errors.InputError` naming it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, b"hello").read_bytes()
    b'hello'
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; outputs are for everyone to read
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_turtle(path: str | Path) -> Graph:
    """Parse a Turtle file into an rdflib Graph.

    Raises
    ------
    InputError
        If the file is missing or is not valid Turtle; the message names the line.
    """
    import pyoxigraph
    from rdflib import Graph

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    try:
        for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
            pass
    except SyntaxError as exc:
        message = str(exc).split(": ", 1)[-1] if exc.lineno else str(exc)
        raise InputError(f"invalid Turtle: {message}", path=path, line=exc.lineno) from None
    graph = Graph()
    graph.parse(data=data, format="turtle")
    return graph
