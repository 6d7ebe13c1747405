"""Extraction: read a document and draft facts, with evidence, for a person to review.

The stage sits between the corpus and the curated facts: it reads text and
writes draft facts files (``data/drafts/<document>.yaml``) in the curated
format; it never writes RDF. ``graphkit review`` and ``graphkit accept`` move
accepted claims into ``data/facts/``.

Examples
--------
>>> draft = extract_text("Awardee Dara Mech of Cambodia reflected on the network.", "example")
>>> sorted((e.label, e.type) for e in draft.new_entities())[:2]
[('Cambodia', 'schema:Country'), ('Dara Mech', 'schema:Person')]
>>> [f for c in draft.claims for f in c.facts if f[1] == "gk:country"]
[['dara-mech', 'gk:country', 'cambodia']]
"""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.extract.draft import Draft, DraftClaim, DraftEntity, read_draft, write_draft
from graphkit.extract.linking import KnownEntity, Registry

__all__ = [
    "Draft",
    "DraftClaim",
    "DraftEntity",
    "KnownEntity",
    "Registry",
    "extract_text",
    "read_draft",
    "write_draft",
]

# Page furniture the extractor skips; "related-content" teasers are kept (they are the publisher's own words).
_SKIPPED = {"icon-list", "page-title", "download-link", "comment-form", "status-message"}


def extract_text(
    text: str, document_id: str, known: Iterable[KnownEntity] = (), *, year: str | None = None
) -> Draft:
    """Draft the entities and facts of *text*.

    Parameters
    ----------
    text : str
        The document text, as stored (offsets count its characters).
    document_id : str
        The id the draft is for.
    known : iterable of KnownEntity
        The entities already in the graph, to link names to.
    year : str, optional
        The document's year from its metadata, used when the text names none.

    Returns
    -------
    Draft
        Empty (no entities, no claims) for a text that names nothing.
    """
    from graphkit.corpus import find_boilerplate
    from graphkit.extract.mentions import find_mentions
    from graphkit.extract.relations import draft_facts
    from graphkit.extract.text import split_lines

    skip = [(s.start, s.end) for s in find_boilerplate(text) if s.kind in _SKIPPED]
    lines = split_lines(text, skip)
    mentions = find_mentions(lines)
    return draft_facts(document_id, text, lines, mentions, Registry(known), year=year)
