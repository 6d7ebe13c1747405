"""Reading and writing the project's files safely.

- :func:`atomic_write` writes to a temporary file in the same folder and
  replaces the target, so a failed build never leaves a half-written file;
  :func:`atomic_write_all` does it for several files that belong together.
  Only regular files are replaced: a symbolic link, a device or a folder at the
  target is refused with a message that says which, and temporaries left by a
  killed run are removed by the next write.
- :func:`file_digests` gives the SHA-256 of files, reading again only those
  whose size or modification time changed since a memo recorded them.
- :func:`read_turtle` checks the syntax with pyoxigraph first, whose parser is
  transactional and reports the line, so a broken file gives one clear error
  instead of a half-read graph or a traceback from rdflib.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "MAX_TURTLE_BYTES",
    "atomic_write",
    "atomic_write_all",
    "file_digests",
    "file_sha256",
    "read_bounded",
    "read_turtle",
]

#: Largest Turtle file read (the ontology and the shapes are about 40 kB together).
MAX_TURTLE_BYTES = 16 * 1024 * 1024

_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")

_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


def _check_target(path: str | os.PathLike[str]) -> Path:
    """Return *path* as a Path if a regular file may be written there; raise otherwise."""
    if os.fspath(path) in ("", "."):
        raise InputError("an output file is required: the path given is empty")
    path = Path(path)
    for folder in path.parents:
        if os.path.lexists(folder):
            if not folder.is_dir():
                raise InputError(f"cannot write here: {folder} is not a folder", path=path)
            break
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    if stat.S_ISLNK(mode):
        raise InputError(
            f"is a symbolic link (to {os.readlink(path)}): graphkit writes only regular files, "
            "so it neither replaces the link nor writes through it; give the file's own path",
            path=path,
        )
    if stat.S_ISDIR(mode):
        raise InputError("is a folder: give the path of a file", path=path)
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise InputError(f"is {kind}: graphkit writes only regular files, so it leaves it alone", path=path)
    return path


def _remove_stale_temporaries(path: Path) -> None:
    """Delete the temporaries an interrupted write of *path* left beside it."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(leftover).st_mode):
                leftover.unlink()


def _stage(path: Path, data: bytes) -> Path:
    """Write *data* to a synced temporary beside *path* and return the temporary."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; outputs are for everyone to read
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system can sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_all(files: Mapping[str | os.PathLike[str], bytes]) -> list[Path]:
    """Write several files as one unit: all of them, or (on error) none.

    Every file is first written in full to a synced temporary beside its
    target; only when all are on disk are the targets replaced, in the order
    given. A crash during that last step can leave the first targets new and
    the later ones old, so put last a record (a manifest with the digests of
    the others) that lets readers tell a complete set from a torn one.

    Raises
    ------
    InputError
        If a target cannot be written (naming it, and saying why: an empty
        path, a parent that is not a folder, a target that is not a regular
        file); nothing is replaced then.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in atomic_write_all({folder / "a.txt": b"a", folder / "b.txt": b"b"})]
    ['a.txt', 'b.txt']
    """
    targets = [(_check_target(path), data) for path, data in files.items()]
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in targets:
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    for folder in dict.fromkeys(path.parent for path, _ in targets):
        _sync_folder(folder)
    return [path for path, _ in targets]


def atomic_write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write *data* to *path* so readers see the old file or the new one, never a mix.

    Missing folders are created. A path that cannot be written raises
    :class:`~graphkit.errors.InputError` naming it; so does a target that is
    a symbolic link, a device or a folder (see :func:`atomic_write_all`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, b"hello").read_bytes()
    b'hello'
    >>> atomic_write("/dev/null", b"hello")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    graphkit.errors.InputError: /dev/null: is a character device: graphkit writes only regular files...
    """
    return atomic_write_all({path: data})[0]


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Return the SHA-256 of a file's bytes (hex), read in blocks of 1 MiB."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_digests(files: Sequence[Path], *, memo: Path | None = None) -> list[str]:
    """Return the SHA-256 of each file, reading only those a memo does not vouch for.

    Parameters
    ----------
    files : sequence of Path
        The files.
    memo : Path, optional
        A small JSON file recording each file's size, modification time (ns)
        and digest. A file whose size and time are those recorded is not read
        again (the rule ``make`` and the on-disk store follow); the memo is
        rewritten when a digest had to be computed, and left alone when it
        cannot be written (a read-only installation).

    Returns
    -------
    list of str
        The hex digests, in the order of *files*.

    Raises
    ------
    OSError
        If a file cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_bytes(b"abc")
    >>> file_digests([folder / "a.txt"], memo=folder / ".digests.json")[0][:12]
    'ba7816bf8f01'
    """
    remembered: dict[str, list] = {}
    if memo is not None:
        with contextlib.suppress(OSError, ValueError):
            remembered = json.loads(memo.read_text(encoding="utf-8"))
    out, changed = [], False
    for path in files:
        info = path.stat()
        key = str(path.resolve())
        seen = remembered.get(key)
        if isinstance(seen, list) and seen[:2] == [info.st_size, info.st_mtime_ns] and len(seen) == 3:
            out.append(seen[2])
            continue
        digest = file_sha256(path)
        remembered[key] = [info.st_size, info.st_mtime_ns, digest]
        out.append(digest)
        changed = True
    if memo is not None and changed:
        with contextlib.suppress(OSError, InputError):
            memo.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(memo, (json.dumps(remembered, indent=0, sort_keys=True) + "\n").encode("utf-8"))
    return out


def read_bounded(path: Path, limit: int, *, what: str) -> bytes:
    """Return the bytes of *path*, refusing a file larger than *limit* before reading it all.

    Raises
    ------
    InputError
        If the file is missing, unreadable, or larger than *limit* ("the limit for *what*").

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = target.write_bytes(b"12345")
    >>> read_bounded(target, 4, what="a test file")
    Traceback (most recent call last):
    ...
    graphkit.errors.InputError: ...x.ttl: larger than 4 bytes, the limit for a test file
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if len(data) > limit:
        raise InputError(f"larger than {limit:,} bytes, the limit for {what}", path=path)
    return data


def read_turtle(path: str | Path) -> Graph:
    """Parse a Turtle file (the ontology, the shapes) into an rdflib Graph.

    Files larger than :data:`MAX_TURTLE_BYTES` are refused, and so is an
    ``xsd:decimal`` that is not in decimal notation: rdflib would expand
    ``"1E999999999"^^xsd:decimal`` to a billion digits when writing it.

    Raises
    ------
    InputError
        If the file is missing, too large or is not valid Turtle; the message names the line.
    """
    import pyoxigraph
    from rdflib import Graph

    path = Path(path)
    data = read_bounded(path, MAX_TURTLE_BYTES, what="a Turtle file")
    try:
        for triple in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
            _check_literal(triple.object, data, path)
    except SyntaxError as exc:
        message = str(exc).split(": ", 1)[-1] if exc.lineno else str(exc)
        raise InputError(f"invalid Turtle: {message}", path=path, line=exc.lineno) from None
    graph = Graph()
    graph.parse(data=data, format="turtle")
    return graph


def _check_literal(term: object, data: bytes, path: Path) -> None:
    import pyoxigraph

    decimal = isinstance(term, pyoxigraph.Literal) and term.datatype.value == _XSD_DECIMAL
    if decimal and not _DECIMAL.fullmatch(term.value):
        at = data.find(term.value.encode())
        line = data.count(b"\n", 0, at) + 1 if at >= 0 else None
        raise InputError(
            f"{term.value[:40]!r} is not an xsd:decimal (digits and one '.')", path=path, line=line
        )
