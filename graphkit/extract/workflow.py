"""The steps a person runs: extract a draft, review its claims, accept them into the curated facts.

``data/drafts/<document>.yaml`` is the only file extraction and review write;
``accept`` appends the accepted entities to ``data/facts/entities.yaml`` and
the accepted claims to ``data/facts/statements/<document>.yaml``, records
accepted merges in ``data/facts/merges.yaml``, and checks the result loads
(the curated files are left as they were if it does not).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import GraphkitError, InputError
from graphkit.extract.draft import Draft, DraftEntity, read_draft, write_draft, yaml_text
from graphkit.extract.linking import KnownEntity
from graphkit.files import atomic_write
from graphkit.paths import ProjectPaths, project_paths
from graphkit.yamlfile import load_yaml, load_yaml_text

__all__ = [
    "AcceptResult",
    "accept_draft",
    "draft_path",
    "extract_document",
    "known_entities",
    "review_draft",
    "undo_merge",
]


def draft_path(paths: ProjectPaths, document_id: str) -> Path:
    """Where the draft of *document_id* lives."""
    return paths.root / "data" / "drafts" / f"{document_id}.yaml"


def known_entities(paths: ProjectPaths) -> list[KnownEntity]:
    """Return the curated entities, as the extractor links to them."""
    from graphkit.corpus import load_corpus
    from graphkit.extract.graph import curie
    from graphkit.facts import load_facts
    from graphkit.vocab.ontology import load_vocabulary

    vocab = load_vocabulary(paths.ontology)
    facts = load_facts(load_corpus(paths), vocab, paths)
    return [KnownEntity(e.id, curie(str(e.type)), e.label, e.aliases) for e in facts.entities.values()]


def extract_document(target: str, root: str | Path | None = None) -> tuple[Draft, str, Path | None]:
    """Draft the facts of a corpus document (by id) or of any text file (by path).

    Returns
    -------
    (Draft, str, Path or None)
        The draft, the text it was made from, and where a corpus document's
        draft was written (None for a file outside the corpus: nothing is written).
    """
    from graphkit.corpus import load_corpus
    from graphkit.extract import extract_text
    from graphkit.extract.linking import slug
    from graphkit.extract.text import read_text

    paths = project_paths(root)
    corpus = load_corpus(paths)
    known = known_entities(paths)
    if target in corpus:
        doc = corpus[target]
        draft = extract_text(doc.text, doc.id, known, year=doc.date[:4] if doc.date else None)
        out = draft_path(paths, doc.id)
        _keep_known_types(draft, known)
        if out.is_file():
            _keep_decisions(draft, read_draft(out))
        write_draft(draft, out)
        return draft, doc.text, out
    path = Path(target)
    if not path.exists():
        raise InputError(f"{target!r} is neither a document id of the corpus nor a file")
    text = read_text(path)
    draft = extract_text(text, slug(path.stem), known)
    draft.source = str(path)
    _keep_known_types(draft, known)
    return draft, text, None


def _keep_decisions(draft: Draft, previous: Draft) -> None:
    """Carry over the review decisions of an earlier draft to the same claims and merges."""
    decided = {(c.start, c.end, str(c.facts), str(c.mentions)): c.status for c in previous.claims}
    for claim in draft.claims:
        claim.status = decided.get(
            (claim.start, claim.end, str(claim.facts), str(claim.mentions)), claim.status
        )
    for entity in draft.new_entities():
        earlier = previous.entities.get(entity.id)
        if (
            entity.merge
            and earlier is not None
            and earlier.merge
            and earlier.merge.get("into") == entity.merge["into"]
        ):
            entity.merge["status"] = earlier.merge.get("status", "proposed")


def _keep_known_types(draft: Draft, known: list[KnownEntity]) -> None:
    types = {k.id: k for k in known}
    for entity in draft.entities.values():
        if entity.known and entity.id in types:
            entity.type, entity.label = types[entity.id].type, types[entity.id].label


def _load(paths: ProjectPaths, document_id: str) -> Draft:
    known = {k.id: (k.type, k.label) for k in known_entities(paths)}
    return read_draft(draft_path(paths, document_id), known)


def review_draft(
    document_id: str,
    *,
    accept: list[str] = (),
    reject: list[str] = (),
    accept_all: bool = False,
    merges: list[str] = (),
    root: str | Path | None = None,
) -> Draft:
    """Set the status of draft claims (and proposed merges) and save the draft.

    Parameters
    ----------
    accept, reject : list of str
        Claim ids (``c001``...).
    accept_all : bool
        Accept every claim still ``proposed``.
    merges : list of str
        Ids of drafted entities whose proposed merge is accepted.
    """
    paths = project_paths(root)
    draft = _load(paths, document_id)
    for claim_id in accept:
        draft.claim(claim_id).status = "accepted"
    for claim_id in reject:
        draft.claim(claim_id).status = "rejected"
    if accept_all:
        for claim in draft.claims:
            if claim.status == "proposed":
                claim.status = "accepted"
    for entity_id in merges:
        entity = draft.entities.get(entity_id)
        if entity is None or not entity.merge:
            raise InputError(f"the draft of {document_id!r} proposes no merge for {entity_id!r}")
        entity.merge["status"] = "accepted"
    write_draft(draft, draft_path(paths, document_id))
    return draft


@dataclass(frozen=True)
class AcceptResult:
    """What ``accept`` moved into the curated facts."""

    claims: int
    entities: int
    merges: int
    statements_file: Path


def _yaml_block(items: list[dict]) -> str:
    return yaml_text(items)


def accept_draft(document_id: str, root: str | Path | None = None) -> AcceptResult:
    """Move the accepted claims of a draft into the curated files.

    Raises
    ------
    InputError
        If nothing is accepted, or the result would not load (the curated
        files are then restored as they were).
    """
    from graphkit.corpus import load_corpus

    paths = project_paths(root)
    draft = _load(paths, document_id)
    accepted = [c for c in draft.claims if c.status == "accepted"]
    if not accepted:
        raise InputError(f"no accepted claims in the draft of {document_id!r}: run `graphkit review` first")
    corpus = load_corpus(paths)
    document = corpus[document_id]
    rename = {
        e.id: e.merge["into"] for e in draft.new_entities() if e.merge and e.merge.get("status") == "accepted"
    }
    used: set[str] = set()
    claims = []
    for c in accepted:
        facts = [[rename.get(s, s), p, rename.get(o, o)] for s, p, o in c.facts]
        mentions = [rename.get(m, m) for m in c.mentions]
        record: dict = {"quote": c.quote}
        starts = [s for s, _ in document.find(c.quote)]
        if c.start in starts and starts.index(c.start) > 0:
            record["occurrence"] = starts.index(c.start) + 1
        if facts:
            record["facts"] = facts
        if mentions:
            record["mentions"] = mentions
        claims.append(record)
        used |= {x for f in facts for x in (f[0], f[2])} | set(mentions)
    new = [
        {"id": e.id, "type": e.type, "label": e.label, **({"aliases": e.aliases} if e.aliases else {})}
        for e in draft.new_entities()
        if e.id in used and e.id not in rename
    ]
    statements = paths.statements / f"{document_id}.yaml"
    merges_file = paths.root / "data" / "facts" / "merges.yaml"
    saved = {p: p.read_bytes() if p.exists() else None for p in (paths.entities, statements, merges_file)}
    try:
        if new:
            atomic_write(
                paths.entities,
                saved[paths.entities]
                + b"\n# --- accepted from the draft of "
                + document_id.encode()
                + b" ---\n"
                + _yaml_block(new).encode(),
            )
        if saved[statements] is None:
            body = f"# Claims accepted from the draft of {document_id}.\ndocument: {document_id}\nclaims:\n"
            atomic_write(statements, body.encode() + _indent(_yaml_block(claims)).encode())
        else:
            atomic_write(statements, saved[statements] + _indent(_yaml_block(claims)).encode())
        records = [
            {
                "document": document_id,
                "drafted": e.id,
                "type": e.type,
                "label": e.label,
                "into": e.merge["into"],
                "reason": e.merge.get("reason", ""),
                "evidence": e.merge.get("evidence", ""),
                "claims": [
                    c.quote
                    for c in accepted
                    if e.id in {x for f in c.facts for x in (f[0], f[2])} | set(c.mentions)
                ],
            }
            for e in draft.new_entities()
            if e.id in rename
        ]
        if records:
            head = (
                saved[merges_file]
                or b"# Merges accepted by `graphkit accept`: drafted entity -> existing entity.\n"
            )
            atomic_write(merges_file, head + _yaml_block(records).encode())
        _check_builds(paths)
    except GraphkitError:
        for path, content in saved.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, content)
        raise
    for c in accepted:
        draft.claims.remove(c)
    for e in list(draft.new_entities()):  # what was accepted is in the graph now
        if e.id in rename:
            del draft.entities[e.id]
            draft.entities.setdefault(rename[e.id], DraftEntity(rename[e.id], "", rename[e.id], known=True))
        elif e.id in used:
            e.known = True
    for c in draft.claims:
        c.facts = [[rename.get(s, s), p, rename.get(o, o)] for s, p, o in c.facts]
        c.mentions = [rename.get(m, m) for m in c.mentions]
    write_draft(draft, draft_path(paths, document_id))
    return AcceptResult(len(accepted), len(new), len(rename), statements)


def _check_builds(paths: ProjectPaths) -> None:
    """Build in memory and check the shapes: what accept writes must never break ``graphkit build``."""
    from graphkit.dataset import build

    build(paths.root, write=False, validate=True)


def _indent(text: str) -> str:
    return "".join("  " + line if line.strip() else line for line in text.splitlines(keepends=True))


def _merges_file(paths: ProjectPaths) -> Path:
    return paths.root / "data" / "facts" / "merges.yaml"


def undo_merge(drafted_id: str, root: str | Path | None = None) -> dict:
    """Undo an accepted merge: the drafted entity comes back and its claims name it again.

    Returns
    -------
    dict
        The merge record that was undone.

    Raises
    ------
    InputError
        If no accepted merge has that drafted id, or the result would not load
        (the curated files are then restored).
    """
    import re
    import textwrap

    paths = project_paths(root)
    merges_file = _merges_file(paths)
    records = load_yaml(merges_file) if merges_file.is_file() else []
    record = next((r for r in records or [] if r.get("drafted") == drafted_id), None)
    if record is None:
        raise InputError(f"no accepted merge of a drafted entity {drafted_id!r} in {merges_file.name}")
    statements = paths.statements / f"{record['document']}.yaml"
    saved = {p: p.read_bytes() for p in (paths.entities, statements, merges_file)}
    quotes = set(record.get("claims") or [])
    blocks = re.split(r"(?m)^(?=  - quote: )", statements.read_text("utf-8"))
    pattern = re.compile(r"(?<![a-z0-9-])" + re.escape(record["into"]) + r"(?![a-z0-9-])")
    for n, block in enumerate(blocks):
        parsed = (
            load_yaml_text(textwrap.dedent(block), statements) if block.startswith("  - quote: ") else None
        )
        if parsed and parsed[0].get("quote") in quotes:
            lines = block.splitlines(keepends=True)
            blocks[n] = "".join(
                pattern.sub(drafted_id, line) if line.lstrip().startswith(("- [", "mentions:")) else line
                for line in lines
            )
    entity = {"id": drafted_id, "type": record["type"], "label": record["label"]}
    try:
        atomic_write(statements, "".join(blocks).encode("utf-8"))
        atomic_write(
            paths.entities,
            saved[paths.entities] + b"\n# --- merge undone ---\n" + _yaml_block([entity]).encode(),
        )
        rest = [r for r in records if r is not record]
        head = b"# Merges accepted by `graphkit accept`: drafted entity -> existing entity.\n"
        atomic_write(merges_file, head + (_yaml_block(rest).encode() if rest else b""))
        _check_builds(paths)
    except GraphkitError:
        for path, content in saved.items():
            atomic_write(path, content)
        raise
    return record
