"""Source documents: the manifest, the text, and where the boilerplate is.

Documents are kept byte for byte; evidence offsets count Unicode characters of
the UTF-8 decoded text, with no newline translation. Page boilerplate (icon-name
lists, comment forms, "Related News" blocks...) is never cut out: it is marked as
:class:`Span` s so that offsets into the full text stay valid.

Examples
--------
>>> corpus = load_corpus()
>>> doc = corpus["meridian-2023-ivlp-tip-heroes"]
>>> start, end = doc.find("Zaheer Ahmed from Pakistan")[0]
>>> doc.text[start:end]
'Zaheer Ahmed from Pakistan'
>>> [span.kind for span in doc.boilerplate]
['related-content']
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import InputError
from graphkit.paths import ProjectPaths, project_paths
from graphkit.yamlfile import LocatedDict, load_yaml

__all__ = [
    "AddedDocument",
    "Corpus",
    "Document",
    "Span",
    "add_document",
    "decode_text",
    "find_boilerplate",
    "html_main_text",
    "load_corpus",
]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")

# A line that starts page furniture running to the end of the text. "Trả lời"
# is WordPress's "Leave a Reply" heading in Vietnamese, as captured in one page.
_TAIL_MARKERS: dict[str, str] = {
    "Related News": "related-content",
    "You might also be interested in…": "related-content",
    "You might also be interested in...": "related-content",
    "Status message": "status-message",
    "Leave a Reply": "comment-form",
    "Trả lời": "comment-form",
}
_DOWNLOAD_LINE = re.compile(r"^DOWNLOAD\s+full\s+report\b.*$", re.MULTILINE | re.IGNORECASE)
_ICON_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_ICON_LIST_MIN_TOKENS = 15
_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of a document's text, with what it holds."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Document:
    """One source document and its manifest entry."""

    id: str
    path: Path
    text: str
    sha256: str
    title: str
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    source: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    boilerplate: tuple[Span, ...] = ()
    manifest_line: int = 0

    def find(self, quote: str) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` offsets of every occurrence of *quote* in the text.

        Runs of white space match any run of white space, because captured
        pages mix spaces, non-breaking spaces and line breaks; everything else
        must match exactly. ``text[start:end]`` is the verbatim evidence.
        """
        pattern = r"\s+".join(re.escape(token) for token in quote.split())
        if not pattern:
            return []
        return [(m.start(), m.end()) for m in re.finditer(pattern, self.text)]

    def section_at(self, start: int, end: int) -> str:
        """Return ``"article"``, or the boilerplate kind that overlaps ``[start, end)``."""
        for span in self.boilerplate:
            if start < span.end and span.start < end:
                return span.kind
        return "article"

    def article_spans(self) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` ranges of article text, boilerplate left out."""
        spans, at = [], 0
        for span in self.boilerplate:
            if span.start > at:
                spans.append((at, span.start))
            at = max(at, span.end)
        if at < len(self.text):
            spans.append((at, len(self.text)))
        return [(s, e) for s, e in spans if self.text[s:e].strip()]

    def article_text(self) -> str:
        """Return the article text alone, paragraphs joined by blank lines."""
        return "\n\n".join(self.text[s:e].strip() for s, e in self.article_spans())


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    at = 0
    for line in text.splitlines(keepends=True):
        yield at, at + len(line.rstrip("\r\n")), line.rstrip("\r\n")
        at += len(line)


def find_boilerplate(text: str) -> list[Span]:
    r"""Return the spans of page boilerplate in *text*, sorted and non-overlapping.

    Recognised: icon-name lists (a long line of bare CSS icon names), repeated
    page titles (``headline | site name``), download links, and trailing page
    furniture that starts at a marker line (related stories, status messages,
    comment forms) and runs to the end.

    Examples
    --------
    >>> text = "Headline\n\nBody.\n\nHeadline | Site\n\nRelated News\nOther story\n"
    >>> [(s.kind, text[s.start:s.end]) for s in find_boilerplate(text)][0]
    ('page-title', 'Headline | Site')
    """
    spans: list[Span] = []
    first_line = next((line for _, _, line in _lines(text) if line.strip()), "")
    for start, end, line in _lines(text):
        stripped = line.strip()
        tokens = stripped.split()
        if stripped in _TAIL_MARKERS:
            spans.append(Span(start, len(text), _TAIL_MARKERS[stripped]))
            break
        if len(tokens) >= _ICON_LIST_MIN_TOKENS and all(_ICON_TOKEN.match(t) for t in tokens):
            spans.append(Span(start, end, "icon-list"))
        elif first_line and stripped.startswith(first_line.strip() + " | "):
            spans.append(Span(start, end, "page-title"))
    spans += [Span(m.start(), m.end(), "download-link") for m in _DOWNLOAD_LINE.finditer(text)]
    return sorted(spans)


@dataclass(frozen=True)
class Corpus:
    """The documents of the corpus, by id, in manifest order."""

    documents: dict[str, Document]
    manifest_path: Path

    def __getitem__(self, document_id: str) -> Document:
        return self.documents[document_id]

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents.values())

    def __len__(self) -> int:
        return len(self.documents)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self.documents


def _optional_str(entry: LocatedDict, key: str, path: Path) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"'{key}' must be text", path=path, line=entry.line)
    return value


def _load_document(entry: object, paths: ProjectPaths, seen: set[str]) -> Document:
    manifest = paths.manifest
    if not isinstance(entry, LocatedDict):
        raise InputError("each manifest entry must be a mapping", path=manifest)
    line = entry.line
    for key in ("id", "file", "sha256", "title"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise InputError(f"manifest entry lacks '{key}'", path=manifest, line=line)
    doc_id = entry["id"]
    if not _ID.fullmatch(doc_id):
        raise InputError(f"bad document id {doc_id!r} (use a-z, 0-9, '-')", path=manifest, line=line)
    if doc_id in seen:
        raise InputError(f"duplicate document id {doc_id!r}", path=manifest, line=line)
    seen.add(doc_id)
    file = paths.documents / entry["file"]
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"document file {entry['file']!r} not found", path=manifest, line=line) from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        raise InputError(
            f"{entry['file']} has changed (sha256 {digest[:12]}..., manifest says "
            f"{entry['sha256'][:12]}...): evidence offsets would no longer be valid",
            path=manifest,
            line=line,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{entry['file']} is not UTF-8 ({exc.reason})", path=manifest, line=line) from None
    date = _optional_str(entry, "date", manifest)
    if date is not None and not _DATE.match(date):
        raise InputError(f"date {date!r} must be YYYY-MM-DD or YYYY", path=manifest, line=line)
    notes = {
        key.removesuffix("_note"): value
        for key, value in sorted(entry.items())
        if key.endswith("_note") and isinstance(value, str)
    }
    return Document(
        id=doc_id,
        path=file,
        text=text,
        sha256=digest,
        title=entry["title"],
        publisher=_optional_str(entry, "publisher", manifest),
        author=_optional_str(entry, "author", manifest),
        date=date,
        source=_optional_str(entry, "source", manifest),
        notes=notes,
        boilerplate=tuple(find_boilerplate(text)),
        manifest_line=line,
    )


def load_corpus(paths: ProjectPaths | None = None) -> Corpus:
    """Read the manifest and every document it lists.

    Raises
    ------
    InputError
        If the manifest is malformed, a file is missing, or a file's bytes no
        longer match the digest recorded in the manifest.
    """
    paths = paths or project_paths()
    entries = load_yaml(paths.manifest)
    if not isinstance(entries, list) or not entries:
        raise InputError("the manifest must be a non-empty list of documents", path=paths.manifest)
    seen: set[str] = set()
    documents = [_load_document(entry, paths, seen) for entry in entries]
    return Corpus({doc.id: doc for doc in documents}, paths.manifest)


def decode_text(raw: bytes, name: str) -> str:
    """Return *raw* decoded as UTF-8, or say clearly what it is instead.

    Raises
    ------
    InputError
        If the bytes are empty, binary, UTF-16/32, or not UTF-8 (naming the
        first bad byte, its line, and the likely encoding).

    Examples
    --------
    >>> try:
    ...     decode_text("Café".encode("cp1252"), "x.txt")
    ... except InputError as exc:
    ...     print(str(exc)[:59])
    x.txt: not UTF-8 text: byte 0xe9 at offset 3 (line 1) looks
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


def html_main_text(html: str) -> str:
    """Return the main text of a saved web page (trafilatura), without menus, footers or comments.

    Raises
    ------
    InputError
        If the page has no main text to extract.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
    if not text or not text.strip():
        raise InputError("the page has no main text that trafilatura can extract")
    return text.strip() + "\n"


@dataclass(frozen=True)
class AddedDocument:
    """A document ``graphkit add`` registered: its manifest id, files and boilerplate."""

    id: str
    file: Path
    original: Path | None
    sha256: str
    boilerplate: tuple[Span, ...]
    publisher_note: str | None


def _yaml_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def add_document(
    source: Path,
    *,
    title: str,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    document_id: str | None = None,
    paths: ProjectPaths | None = None,
) -> AddedDocument:
    """Copy a document into the corpus and register it in the manifest.

    Plain text is copied byte for byte. A saved HTML page is stored as its
    main text (so that offsets refer to what is stored), with the original
    page kept beside it (``<name>.html``).

    Parameters
    ----------
    source : Path
        A UTF-8 text file or a saved HTML page.
    title : str
        The headline.
    publisher : str, optional
        An entity id, or a name that links to one; otherwise it is kept as a
        note until the publisher is an entity.
    date : str, optional
        ``YYYY-MM-DD`` or ``YYYY``.
    url : str, optional
        The page's address.
    document_id : str, optional
        The manifest id (default: made from the title).

    Raises
    ------
    InputError
        If the file is not text, is already in the corpus, or a value is malformed.
    """
    paths = paths or project_paths()
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    raw = source.read_bytes()
    text = decode_text(raw, str(source))
    original = None
    if source.suffix.lower() in {".html", ".htm"} or _HTML_START.match(raw[:200]):
        original = raw
        text = html_main_text(text)
        raw = text.encode("utf-8")
    if not text.strip():
        raise InputError(f"{source}: the text is blank")
    if not title.strip():
        raise InputError("the title must not be empty")
    if date is not None and not _DATE.match(date):
        raise InputError(f"date {date!r} must be YYYY-MM-DD or YYYY")
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise InputError(f"url {url!r} must start with http:// or https://")
    corpus = load_corpus(paths)
    digest = hashlib.sha256(raw).hexdigest()
    for doc in corpus:
        if doc.sha256 == digest:
            raise InputError(f"{source} is already in the corpus as {doc.id!r}")
    doc_id = document_id or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")
    if not _ID.match(doc_id):
        raise InputError(f"bad document id {doc_id!r} (use a-z, 0-9, '-')")
    if doc_id in corpus:
        raise InputError(f"the corpus already has a document {doc_id!r}: pass another id")
    stem = f"{len(corpus):03d}_{digest[:16]}"
    file = paths.documents / f"{stem}.txt"
    kept = paths.documents / f"{stem}.html" if original is not None else None
    publisher_id, note = _publisher(publisher, paths)
    lines = [
        "",
        f"- id: {doc_id}",
        f"  file: {file.name}",
        f"  sha256: {digest}",
        f"  title: {_yaml_text(title)}",
        f"  publisher: {publisher_id or 'null'}",
    ]
    if note:
        lines.append(f"  publisher_note: {_yaml_text(note)}")
    lines += [
        "  author: null",
        f"  date: {_yaml_text(date) if date else 'null'}",
        f"  source: {_yaml_text(url) if url else 'null'}",
    ]
    if kept is not None:
        lines.append(
            f"  source_note: {_yaml_text(f'Main text extracted with trafilatura from {kept.name}.')}"
        )
    manifest = paths.manifest.read_bytes()
    try:
        file.write_bytes(raw)
        if kept is not None:
            kept.write_bytes(original)
        paths.manifest.write_bytes(manifest.rstrip(b"\n") + b"\n" + "\n".join(lines).encode() + b"\n")
        load_corpus(paths)
    except (InputError, OSError):
        paths.manifest.write_bytes(manifest)
        file.unlink(missing_ok=True)
        if kept is not None:
            kept.unlink(missing_ok=True)
        raise
    return AddedDocument(doc_id, file, kept, digest, tuple(find_boilerplate(text)), note)


def _publisher(publisher: str | None, paths: ProjectPaths) -> tuple[str | None, str | None]:
    """Return the publisher's entity id, or None and a note when no entity has that id or name."""
    if not publisher:
        return None, None
    entities = load_yaml(paths.entities) or []
    for entry in entities:
        names = [entry.get("id"), entry.get("label"), *(entry.get("aliases") or [])]
        if publisher in names or publisher.casefold() in {str(n).casefold() for n in names if n}:
            return entry["id"], None
    return None, f"Given as {publisher!r} when the document was added; not yet an entity."
