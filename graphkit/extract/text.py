r"""Read a document safely and cut it into lines, sentences and tokens with spaCy.

A blank English pipeline (``spacy.blank("en")`` and the rule-based
``sentencizer``) needs no model download. Offsets are Unicode characters of
the text as stored, like every evidence offset in graphkit. Lines are
processed one at a time, because captured pages break headlines and
paragraphs with newlines and no full stop.

Examples
--------
>>> lines = split_lines("Awardee Dara Mech of Cambodia spoke. He left.\n\nNext line")
>>> [(line.start, [s.text for s in line.doc.sents]) for line in lines]
[(0, ['Awardee Dara Mech of Cambodia spoke.', 'He left.']), (47, ['Next line'])]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.corpus import decode_text
from graphkit.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MAX_BYTES", "Line", "nlp", "read_text", "split_lines"]

#: The largest document graphkit extracts from (a 5 MB page is fine; a 50 MB dump is refused).
MAX_BYTES = 20 * 1024 * 1024


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
