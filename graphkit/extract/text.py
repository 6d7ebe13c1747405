"""Read a document safely and cut it into lines, sentences and tokens with spaCy.

A blank English pipeline (``spacy.blank("en")`` and the rule-based
``sentencizer``) needs no model download. Offsets are Unicode characters of
the text as stored, like every evidence offset in graphkit. Lines are
processed one at a time, because captured pages break headlines and
paragraphs with newlines and no full stop.

Examples
--------
>>> lines = split_lines("Awardee Dara Mech of Cambodia spoke. He left.\\n\\nNext line")
>>> [(line.start, [s.text for s in line.doc.sents]) for line in lines]
[(0, ['Awardee Dara Mech of Cambodia spoke.', 'He left.']), (47, ['Next line'])]
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MAX_BYTES", "Line", "decode_text", "nlp", "read_text", "split_lines"]

#: The largest document graphkit extracts from (a 5 MB page is fine; a 50 MB dump is refused).
MAX_BYTES = 20 * 1024 * 1024
_BOMS = {
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
}


@dataclass(frozen=True)
class Line:
    """One line of the text: where it starts and its spaCy ``Doc``."""

    start: int
    doc: Doc


@functools.cache
def nlp() -> Language:
    """Return the blank English pipeline with a sentencizer (built once)."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = MAX_BYTES + 1
    return pipeline


def decode_text(raw: bytes, name: str) -> str:
    """Return *raw* decoded as UTF-8, or say clearly what it is instead.

    Raises
    ------
    InputError
        If the bytes are empty, binary, UTF-16/32, or not UTF-8 (naming the
        first bad byte, its line, and the likely encoding).

    Examples
    --------
    >>> decode_text("Café".encode("cp1252"), "x.txt")
    Traceback (most recent call last):
    ...
    graphkit.errors.InputError: x.txt: not UTF-8 text: byte 0xe9 at offset 3 (line 1) looks like Windows-1252 (Latin-1); convert it first, e.g. `iconv -f cp1252 -t utf-8`
    """
    if not raw:
        raise InputError(f"{name}: the file is empty")
    for bom, encoding in _BOMS.items():
        if raw.startswith(bom):
            raise InputError(f"{name}: the text is {encoding}, not UTF-8; convert it first")
    if b"\0" in raw[:8192]:
        raise InputError(f"{name}: this is a binary file, not text (it holds NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("cp1252")
            guess = "Windows-1252 (Latin-1)"
        except UnicodeDecodeError:
            guess = "a legacy 8-bit encoding"
        raise InputError(
            f"{name}: not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line}) "
            f"looks like {guess}; convert it first, e.g. `iconv -f cp1252 -t utf-8`"
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: Path) -> str:
    """Return the text of the file at *path*, checked with :func:`decode_text`.

    Raises
    ------
    InputError
        If the file is missing, a folder, larger than :data:`MAX_BYTES`, or not UTF-8 text.
    """
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size:,} bytes is more than graphkit extracts from ({MAX_BYTES:,})")
    return decode_text(path.read_bytes(), str(path))


def split_lines(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[Line]:
    """Return the non-blank lines of *text* outside the *skip* ranges, tokenized."""
    skip = sorted(skip)
    spans: list[tuple[int, str]] = []
    at = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        inside = any(s <= at < e for s, e in skip)
        if body.strip() and not inside:
            spans.append((at, body))
        at += len(raw)
    docs = nlp().pipe(body for _, body in spans)
    return [Line(start, doc) for (start, _), doc in zip(spans, docs, strict=True)]
