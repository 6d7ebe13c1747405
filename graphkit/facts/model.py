"""The curated facts as Python objects: entities, facts, and the claims that quote evidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

__all__ = ["Claim", "Entity", "Fact", "FactBase"]


@dataclass(frozen=True)
class Entity:
    """A person, organization, place, program... as recorded in ``data/facts/entities.yaml``.

    Attributes
    ----------
    id : str
        The curated id; the entity's IRI is minted from it.
    type : URIRef
        Its class in the ontology.
    label : str
        The name graphkit shows.
    aliases : tuple of str
        Other names the documents use ("IJM", "Sister Poole").
    description : str or None
        A short curator's note, written from the documents.
    """

    id: str
    type: URIRef
    label: str
    aliases: tuple[str, ...]
    description: str | None
    path: Path
    line: int


@dataclass(frozen=True)
class Fact:
    """One triple a claim asserts: an entity id, a property, and an entity id or a literal.

    Attributes
    ----------
    reviewed : str or None
        Why a person accepted the fact although ``graphkit lint`` flags it (the
        ``reviewed:`` note of its row), or None.
    """

    subject: str
    predicate: URIRef
    object: str | Literal
    path: Path
    line: int
    reviewed: str | None = None

    @property
    def is_literal(self) -> bool:
        """Whether the object is a literal rather than an entity id."""
        return isinstance(self.object, Literal)


@dataclass(frozen=True)
class Claim:
    """A verbatim quote from one document and the facts and mentions it supports.

    Attributes
    ----------
    document : str
        The id of the document the quote comes from.
    quote : str
        The exact text; ``document.text[start:end] == quote``.
    start, end : int
        Character offsets of the quote in the document text.
    section : str
        ``"article"``, or the kind of page material the quote lies in.
    facts : tuple of Fact
        The triples the quote supports.
    mentions : tuple of str
        Entity ids the quote names without stating a relation for them.
    """

    document: str
    quote: str
    start: int
    end: int
    section: str
    facts: tuple[Fact, ...]
    mentions: tuple[str, ...]
    path: Path
    line: int

    @property
    def source(self) -> str:
        """Where the claim is written, relative to the checkout: ``data/facts/statements/x.yaml:12``."""
        return f"{self.path.as_posix()}:{self.line}"


@dataclass(frozen=True)
class FactBase:
    """Every curated entity and claim."""

    entities: dict[str, Entity]
    claims: tuple[Claim, ...]

    @property
    def facts(self) -> list[Fact]:
        """Every fact of every claim, in file order."""
        return [fact for claim in self.claims for fact in claim.facts]
