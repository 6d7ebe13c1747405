"""The draft: proposed entities and claims in the curated format, with evidence and confidence.

A draft file (``data/drafts/<document>.yaml``) holds, for one document:

``draft: true`` and ``document:``
    what it is; ``graphkit build`` never reads drafts.
``entities:``
    the new entities, written as in ``data/facts/entities.yaml`` (``id``,
    ``type``, ``label``, ``aliases``) plus ``quote``, ``start``, ``end`` (the
    first mention), ``mentions`` (every ``[start, end]``), ``confidence`` and,
    where the entity may be one the graph already has, ``merge:`` (``into``,
    ``reason``, ``evidence``, ``status``).
``claims:``
    as in ``data/facts/statements/*.yaml`` (``quote``, ``facts``,
    ``mentions``) plus ``id``, ``start``, ``end``, ``confidence`` and
    ``status`` (``proposed``, ``accepted`` or ``rejected``), set by
    ``graphkit review``.

Facts name entities by id: a new entity's id, or the id of the existing
entity the name was linked to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graphkit.errors import InputError
from graphkit.files import atomic_write
from graphkit.yamlfile import load_yaml

__all__ = ["STATUSES", "Draft", "DraftClaim", "DraftEntity", "read_draft", "write_draft", "yaml_text"]

STATUSES = ("proposed", "accepted", "rejected")


@dataclass
class DraftEntity:
    """A proposed entity, or an existing one the document names (``known``)."""

    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    known: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.8
    quote: str = ""
    merge: dict[str, str] | None = None


@dataclass
class DraftClaim:
    """A verbatim quote and the facts it supports, as proposed."""

    id: str
    quote: str
    start: int
    end: int
    facts: list[list[str]] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    confidence: float = 0.8
    status: str = "proposed"
    rule: str = ""


@dataclass
class Draft:
    """Everything proposed for one document."""

    document: str
    characters: int
    entities: dict[str, DraftEntity]
    claims: list[DraftClaim]
    source: str = ""

    def new_entities(self) -> list[DraftEntity]:
        """Return the entities the graph does not have yet."""
        return [e for e in self.entities.values() if not e.known]

    def claim(self, claim_id: str) -> DraftClaim:
        """Return the claim with this id.

        Raises
        ------
        InputError
            If the draft has no such claim.
        """
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise InputError(f"the draft of {self.document!r} has no claim {claim_id!r}")


_QUOTED_CURIE = re.compile(r"'([a-z]+:[A-Za-z][A-Za-z0-9]*)'(?=[,\]])")


class _Dumper(yaml.SafeDumper):
    pass


def _flow_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(x, str | int | float) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _flow_list)


def yaml_text(data: object) -> str:
    """Return *data* as YAML in the curated files' style: facts and aliases as ``[a, b, c]``.

    Examples
    --------
    >>> print(yaml_text([{"quote": "Q", "facts": [["a", "gk:awardYear", "2023"]]}]), end="")
    - quote: Q
      facts:
      - [a, gk:awardYear, '2023']
    """
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return _QUOTED_CURIE.sub(r"\1", text)  # [a, gk:country, b], as the curated files write it


def _entity_record(entity: DraftEntity) -> dict[str, Any]:
    record: dict[str, Any] = {"id": entity.id, "type": entity.type, "label": entity.label}
    if entity.aliases:
        record["aliases"] = list(entity.aliases)
    start, end = entity.mentions[0] if entity.mentions else (0, 0)
    record.update(quote=entity.quote, start=start, end=end, confidence=round(entity.confidence, 2))
    record["mentions"] = [list(m) for m in entity.mentions]
    if entity.merge:
        record["merge"] = dict(entity.merge)
    return record


def _claim_record(claim: DraftClaim) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": claim.id,
        "status": claim.status,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "confidence": round(claim.confidence, 2),
    }
    if claim.facts:
        record["facts"] = [list(f) for f in claim.facts]
    if claim.mentions:
        record["mentions"] = list(claim.mentions)
    return record


def dump_draft(draft: Draft) -> str:
    """Return the draft as YAML text, in the curated format plus the draft's own fields."""
    header = (
        f"# DRAFT facts for {draft.document!r}, proposed by `graphkit extract`; not part of the graph.\n"
        "# Check each claim against its quote, then `graphkit review` and `graphkit accept`.\n"
    )
    body = {
        "draft": True,
        "document": draft.document,
        "characters": draft.characters,
        "entities": [_entity_record(e) for e in draft.new_entities()],
        "known": sorted(e.id for e in draft.entities.values() if e.known),
        "claims": [_claim_record(c) for c in draft.claims],
    }
    if draft.source:
        body["source"] = draft.source
    return header + yaml_text(body)


def write_draft(draft: Draft, path: Path) -> None:
    """Write *draft* to *path* atomically."""
    atomic_write(path, dump_draft(draft).encode("utf-8"))


def read_draft(path: Path, registry_types: dict[str, tuple[str, str]] | None = None) -> Draft:
    """Read a draft file back.

    Parameters
    ----------
    path : Path
        The draft file.
    registry_types : dict, optional
        ``id -> (type, label)`` of the existing entities the draft links to.

    Raises
    ------
    InputError
        If the file is missing or is not a draft.
    """
    if not path.is_file():
        raise InputError(f"no draft at {path}: run `graphkit extract` first")
    data = load_yaml(path)  # no aliases, bounded size and depth, numbers kept as text
    if not isinstance(data, dict) or str(data.get("draft")).lower() != "true":
        raise InputError("not a graphkit draft (it lacks 'draft: true')", path=path)
    try:
        entities, claims = _read_records(data, registry_types or {})
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed draft ({exc.__class__.__name__}: {exc})", path=path) from None
    for claim in claims:
        if claim.status not in STATUSES:
            raise InputError(f"claim {claim.id!r}: status must be one of {', '.join(STATUSES)}", path=path)
    return Draft(
        str(data["document"]), int(data.get("characters", 0)), entities, claims, data.get("source", "")
    )


def _read_records(data: dict, registry_types: dict[str, tuple[str, str]]) -> tuple[dict, list]:
    entities: dict[str, DraftEntity] = {}
    for record in data.get("entities") or []:
        entities[record["id"]] = DraftEntity(
            id=record["id"],
            type=record["type"],
            label=record["label"],
            aliases=list(record.get("aliases") or []),
            mentions=[(int(a), int(b)) for a, b in record.get("mentions") or []],
            confidence=float(record.get("confidence", 0.8)),
            quote=record.get("quote", ""),
            merge=dict(record["merge"]) if record.get("merge") else None,
        )
    for entity_id in data.get("known") or []:
        type_curie, label = registry_types.get(entity_id, ("", entity_id))
        entities[entity_id] = DraftEntity(id=entity_id, type=type_curie, label=label, known=True)
    claims = [
        DraftClaim(
            id=record["id"],
            quote=record["quote"],
            start=int(record["start"]),
            end=int(record["end"]),
            facts=[[str(x) for x in f] for f in record.get("facts") or []],
            mentions=[str(m) for m in record.get("mentions") or []],
            confidence=float(record.get("confidence", 0.8)),
            status=record.get("status", "proposed"),
        )
        for record in data.get("claims") or []
    ]
    return entities, claims
