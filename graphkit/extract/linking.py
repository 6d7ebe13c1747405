"""Link names to the entities already in the graph, and propose merges rather than make them.

A name links to an existing entity when its normalised form equals the
entity's label or one of its aliases (case, full stops, a leading "the" and
honorifics do not count) and the types agree. A name that *may* be an
existing entity — the same person without a middle initial, a surname alone,
an acronym of the entity's initials — is not linked: the draft proposes the
merge, with the reason and the evidence, for a person to accept.

Examples
--------
>>> registry = Registry([KnownEntity("international-justice-mission", "schema:NGO",
...                                  "International Justice Mission", ("IJM",))])
>>> registry.link("the International Justice Mission", "schema:Organization")
'international-justice-mission'
>>> registry.link("IJM", "schema:NGO")
'international-justice-mission'
>>> registry.propose("I.J.M.", "schema:NGO") is None
True
>>> normalize("Sister Imelda Poole"), initials("Trafficking Victims Protection Act")
('imelda poole', 'TVPA')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from graphkit.extract.lexicon import lexicon

__all__ = ["KnownEntity", "Registry", "family", "initials", "normalize", "slug"]

_FAMILIES = {
    "schema:Person": "person",
    "schema:Organization": "organization",
    "schema:GovernmentOrganization": "organization",
    "schema:NGO": "organization",
    "gk:Legislature": "organization",
    "gk:LegislativeCommittee": "organization",
    "gk:InternationalOrganization": "organization",
    "schema:Corporation": "organization",
    "org:OrganizationalUnit": "organization",
    "schema:Place": "place",
    "schema:City": "place",
    "schema:State": "place",
    "schema:Country": "place",
    "gk:Program": "program",
    "gk:ProgramEdition": "edition",
    "schema:Service": "program",
    "gk:Award": "award",
    "gk:AwardConferral": "conferral",
    "gk:HeroCohort": "cohort",
    "schema:Report": "work",
    "schema:CreativeWorkSeries": "work",
    "schema:CreativeWork": "work",
    "schema:Legislation": "work",
    "gk:PolicyPlan": "work",
    "gk:Proposal": "work",
    "schema:Event": "event",
    "gk:Ceremony": "event",
    "gk:Roundtable": "event",
    "gk:Keynote": "event",
    "gk:Webinar": "event",
    "gk:SiteVisit": "event",
    "gk:Conference": "event",
    "org:Role": "role",
    "org:Post": "role",
    "org:Membership": "membership",
    "schema:Quotation": "quotation",
}


_RECORDS = {"conferral", "membership", "edition", "quotation"}


def family(curie: str) -> str:
    """Return the broad kind of a class CURIE: person, organization, place, work, event...

    Examples
    --------
    >>> family("schema:NGO"), family("gk:Keynote")
    ('organization', 'event')
    """
    return _FAMILIES.get(curie, "other")


def normalize(name: str) -> str:
    """Return *name* lower-cased, without full stops, a leading "the", honorifics or extra space."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace(".", "")
    words = text.split()
    honorifics = {h.replace(".", "") for h in lexicon().honorifics}
    while words and (words[0].lower() == "the" or words[0] in honorifics):
        words = words[1:]
    return " ".join(words).casefold()


def initials(name: str) -> str:
    """Return the initials of the capitalised words of *name* ("International Justice Mission" -> "IJM")."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def slug(text: str) -> str:
    """Return an id made of *text*: a-z, 0-9 and '-'.

    Examples
    --------
    >>> slug("Basim Abdul-Razzak"), slug("Washington, DC")
    ('basim-abdul-razzak', 'washington-dc')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"


@dataclass(frozen=True)
class KnownEntity:
    """An entity of the graph, as the extractor may know it."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The label, then the aliases."""
        return (self.label, *self.aliases)


class Registry:
    """The entities already in the graph, indexed by normalised name."""

    def __init__(self, entities: Iterable[KnownEntity]) -> None:
        self.entities = {e.id: e for e in entities}
        self.by_name: dict[str, list[KnownEntity]] = {}
        for entity in self.entities.values():
            for name in entity.names:
                self.by_name.setdefault(normalize(name), []).append(entity)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def link(self, name: str, type_curie: str) -> str | None:
        """Return the id of the existing entity *name* names, or None."""
        kind = family(type_curie)
        for entity in self.by_name.get(normalize(name), []):
            if family(entity.type) == kind or kind == "other":
                return entity.id
        return None

    def propose(self, name: str, type_curie: str) -> tuple[str, str] | None:
        """Return ``(entity id, reason)`` when *name* may be an existing entity, else None."""
        kind = family(type_curie)
        if kind in _RECORDS:
            return None  # a conferral, a role held, an edition, a quotation: made by the draft, never merged
        words = normalize(name).split()
        for entity in self.entities.values():
            if family(entity.type) != kind:
                continue
            for known in entity.names:
                known_words = normalize(known).split()
                if kind == "person" and len(words) >= 2 and len(known_words) >= 2:
                    plain = [w for w in words if len(w) > 1]
                    plain_known = [w for w in known_words if len(w) > 1]
                    if plain == plain_known and words != known_words:
                        return entity.id, f"the same name as {known!r} without the middle initial"
                if kind == "person" and len(words) == 1 and known_words[-1:] == words:
                    return entity.id, f"the surname of {known!r}"
                if name.isupper() and len(name) >= 2 and initials(known) == name:
                    return entity.id, f"the initials of {known!r}"
                if len(words) >= 2 and len(known_words) > len(words) and known_words[-len(words) :] == words:
                    return entity.id, f"the end of the name {known!r}"
                if (
                    len(known_words) >= 2
                    and len(words) > len(known_words)
                    and words[: len(known_words)] == known_words
                ):
                    return entity.id, f"{known!r} with more words"
        return None
