"""Find an entity by the name a person types: the one resolver of graphkit.

Every command and API that takes an entity's name goes through
:func:`match_name`: ``graphkit evidence NAME``, ``graphkit path A B``,
``analyze --focus`` / ``viz --focus`` (through
:func:`graphkit.network.labels.resolve`), the entity parameters of named
questions (``graphkit query evidence -p label=Mech``) and, mirrored in
JavaScript, the search box of the interactive page.

Order of matching
-----------------
The steps run in this order and stop at the first one that finds anything;
one entity found is the answer, several are an error listing them:

0. **identifier**: the entity's IRI, ``gkd:<id>`` or its id
   (``zaheer-ahmed``);
1. **exact**: a label or an alias, character for character (outer spaces
   ignored);
2. **normalized**: a label or an alias equal once both are normalized by
   :func:`normalize` (case, accents, punctuation and spacing ignored, a
   leading "the" dropped);
3. **words**: the normalized query is a run of whole words of a normalized
   label or alias ("Mech" in "Dara Mech");
4. **prefix**: each word of the query begins a word of a label or alias, in
   order and adjacent ("Zah Ah" for "Zaheer Ahmed", "imel" for "Sister
   Imelda Poole");
5. **close**: exactly one entity has a normalized label or alias whose
   :class:`difflib.SequenceMatcher` ratio to the query is at least
   :data:`CLOSE_ENOUGH` (0.85): a typo such as "Zaheer Ahmad".

Records and named-after entities never compete with what they are about.
At every step, of the entities found:

a. records (an award conferral, a role held, a quotation:
   :data:`RECORD_TYPES`) are dropped when something that is not a record was
   found too;
b. then an entity whose name contains, as whole words, a normalized name of
   another entity found (the roundtable "NGO roundtable where Sister Imelda
   Poole spoke" for "Imelda", the keynote "Keynote by Martina Vandenberg"
   for "Vandenberg") is dropped, unless that would drop them all.

Such an entity is still found by its id or IRI, or by a name only it matches.

When no step finds anything the error lists close spellings
(:func:`difflib.get_close_matches`, ratio 0.6 or more) with their types; it
never answers with nothing.

Examples
--------
>>> people = [
...     Entity("urn:x:dara", "Dara Mech", "Person", ("Mech",)),
...     Entity("urn:x:award", "Dara Mech's award", "Award conferral", record=True),
... ]
>>> match_name(people, "mech").entity.label
'Dara Mech'
>>> match_name(people, "dara m").how
'prefix'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from graphkit.errors import InputError
from graphkit.vocab.namespaces import DATA, GK, ORG, SCHEMA

if TYPE_CHECKING:
    from rdflib import Dataset

    from graphkit.sparql.engine import Endpoint

__all__ = [
    "CLOSE_ENOUGH",
    "RECORD_TYPES",
    "Entity",
    "Match",
    "list_entities",
    "match_name",
    "normalize",
    "resolve",
]

#: The classes of records: n-ary facts labelled with the names of what they link.
RECORD_TYPES: frozenset[str] = frozenset({str(GK.AwardConferral), str(ORG.Membership), str(SCHEMA.Quotation)})

#: The least :class:`difflib.SequenceMatcher` ratio for a close match to be taken.
CLOSE_ENOUGH = 0.85

_SUGGEST = 0.6
_MAX_SHOWN = 8
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

How = Literal["identifier", "exact", "normalized", "words", "prefix", "close"]


def normalize(text: str) -> str:
    """Reduce a name to the form names are compared in.

    Examples
    --------
    >>> normalize("  The Polaris   Project ")
    'polaris project'
    >>> normalize("Basim Abdul-Razzak")
    'basim abdul razzak'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class Entity:
    """An entity as the resolver sees it.

    Attributes
    ----------
    iri : str
        Its IRI.
    label : str
        Its preferred label.
    type : str
        The readable label of its most specific class (``"Person"``, ``"NGO"``).
    aliases : tuple of str
        Its other names.
    record : bool
        Whether it is a record (see :data:`RECORD_TYPES`).
    """

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    record: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The label, then the aliases."""
        return (self.label, *self.aliases)

    def describe(self) -> str:
        """Return ``label (type, id)``, as errors list candidates."""
        local = self.iri.removeprefix(str(DATA))
        return f"{self.label} ({self.type}, {local})" if local != self.iri else f"{self.label} ({self.type})"


@dataclass(frozen=True)
class Match:
    """The entity a name designates, and the step of matching that found it.

    Attributes
    ----------
    entity : Entity
    name : str
        The name as given.
    how : str
        ``identifier``, ``exact``, ``normalized``, ``words``, ``prefix`` or ``close``.
    """

    entity: Entity
    name: str
    how: How

    @property
    def iri(self) -> str:
        """The entity's IRI."""
        return self.entity.iri

    @property
    def note(self) -> str | None:
        """How a name that was not a label, an alias or an id was read, else None."""
        if self.how in ("identifier", "exact", "normalized"):
            return None
        reason = "closest name" if self.how == "close" else f"{self.how} match"
        return f"{self.name!r} read as {self.entity.describe()} ({reason})"


def _listing(found: Iterable[Entity]) -> str:
    shown = sorted(found, key=lambda e: (e.label.casefold(), e.iri))
    lines = [f"  {e.describe()}" for e in shown]
    if len(lines) > _MAX_SHOWN:
        lines = [*lines[:_MAX_SHOWN], f"  ... and {len(lines) - _MAX_SHOWN} more"]
    return "\n".join(lines)


def _prefer_subjects(found: list[Entity]) -> list[Entity]:
    """Drop records, then entities named after another entity found, unless nothing would remain."""
    subjects = [e for e in found if not e.record] or found
    names = {e.iri: [normalize(n) for n in e.names] for e in subjects}

    def named_after_another(entity: Entity) -> bool:
        return any(
            re.search(rf"(?:^| ){re.escape(theirs)}(?: |$)", mine)
            for other in subjects
            if other.iri != entity.iri
            for theirs in names[other.iri]
            if theirs
            for mine in names[entity.iri]
            if mine != theirs
        )

    kept = [e for e in subjects if not named_after_another(e)]
    return kept or subjects


def _by_identifier(entities: Sequence[Entity], name: str) -> Entity | None:
    by_iri = {e.iri: e for e in entities}
    if name in by_iri:
        return by_iri[name]
    local = name.removeprefix("gkd:")
    if _ID.fullmatch(local):
        return by_iri.get(str(DATA) + local)
    return None


def _word_steps(query: str) -> list[tuple[How, Callable[[str], bool]]]:
    words = query.split(" ")
    whole = re.compile(rf"(?:^| ){re.escape(query)}(?: |$)")
    prefix = re.compile(r"(?:^| )" + " ".join(rf"{re.escape(w)}\w*" for w in words) + r"(?: |$)")
    return [
        ("normalized", lambda n: n == query),
        ("words", lambda n: bool(whole.search(n))),
        ("prefix", lambda n: bool(prefix.search(n))),
    ]


def match_name(entities: Sequence[Entity], name: str) -> Match:
    """Return the entity that *name* designates among *entities* (see the module docstring).

    Parameters
    ----------
    entities : sequence of Entity
        The candidates, e.g. from :func:`list_entities`.
    name : str
        A label, an alias, part of one, an id or an IRI.

    Returns
    -------
    Match

    Raises
    ------
    InputError
        If no entity or several entities match; the message lists the
        candidates (or close spellings) with their types and ids.

    Examples
    --------
    >>> two = [Entity("urn:x:a", "Anna Smith", "Person"), Entity("urn:x:b", "Anna Jones", "Person")]
    >>> match_name(two, "Anna")
    Traceback (most recent call last):
    ...
    graphkit.errors.InputError: 'Anna' fits 2 entities (words match); say which:
      Anna Jones (Person)
      Anna Smith (Person)
    """
    name = str(name)
    given = name.strip()
    found = _by_identifier(entities, given)
    if found is not None:
        return Match(found, name, "identifier")
    exact = _prefer_subjects([e for e in entities if given in e.names])
    if len(exact) == 1:
        return Match(exact[0], name, "exact")
    if exact:
        raise InputError(f"{name!r} names {len(exact)} entities; say which:\n{_listing(exact)}")
    query = normalize(name)
    if not query:
        raise InputError("an empty name matches no entity")
    normalized = [(e, [normalize(n) for n in e.names]) for e in entities]
    for how, test in _word_steps(query):
        hits = _prefer_subjects([e for e, names in normalized if any(test(n) for n in names)])
        if len(hits) == 1:
            return Match(hits[0], name, how)
        if hits:
            raise InputError(
                f"{name!r} fits {len(hits)} entities ({how} match); say which:\n{_listing(hits)}"
            )
    ratios = {
        e.iri: max(difflib.SequenceMatcher(None, query, n).ratio() for n in names) for e, names in normalized
    }
    close = _prefer_subjects([e for e in entities if ratios[e.iri] >= CLOSE_ENOUGH])
    if len(close) == 1:
        return Match(close[0], name, "close")
    suggestions = sorted(
        (e for e in entities if ratios[e.iri] >= _SUGGEST), key=lambda e: (-ratios[e.iri], e.label, e.iri)
    )
    suggestions = _prefer_subjects(suggestions)[:_MAX_SHOWN]
    if not suggestions:
        raise InputError(f"no entity is called {name!r}, and no name is close to it")
    raise InputError(f"no entity is called {name!r}; did you mean:\n{_listing(suggestions)}")


def _entity_names_query() -> str:
    from importlib.resources import files

    return files("graphkit").joinpath("queries", "entity_names.rq").read_text("utf-8")


def list_entities(source: Dataset | Endpoint | str) -> list[Entity]:
    """Return every curated entity of the dataset, with its names and most specific type.

    Parameters
    ----------
    source : rdflib.Dataset, Endpoint or str
        As for :func:`~graphkit.sparql.engine.run_query`.

    Returns
    -------
    list of Entity
        Sorted by IRI.

    Examples
    --------
    >>> import graphkit as gk
    >>> dara = next(e for e in list_entities(gk.load()) if e.label == "Dara Mech")
    >>> dara.type, dara.record
    ('Person', False)
    """
    from graphkit.sparql.engine import run_query

    names: dict[str, dict[str, set[str]]] = {}
    types: dict[str, set[tuple[str, str]]] = {}
    for entity, kind, kind_label, name, how in run_query(source, _entity_names_query()).rows:
        iri = str(entity)
        types.setdefault(iri, set()).add((str(kind), str(kind_label) if kind_label is not None else ""))
        names.setdefault(iri, {}).setdefault(str(how), set()).add(str(name))
    out = []
    for iri in sorted(types):
        kinds = sorted(types[iri])
        readable = next((label for _, label in kinds if label), kinds[0][0].rsplit("/", 1)[-1])
        found = names.get(iri, {})
        # the preferred label, else the rdfs:label (both sorted, so the choice is stable)
        label = min(found.get("preferred") or found.get("label") or {iri})
        others = (found.get("alias", set()) | found.get("label", set())) - {label}
        out.append(
            Entity(
                iri=iri,
                label=label,
                type=readable,
                aliases=tuple(sorted(others)),
                record=any(k in RECORD_TYPES for k, _ in kinds),
            )
        )
    return out


def resolve(source: Dataset | Endpoint | str, name: str) -> Match:
    """Find the entity *name* designates in a dataset or at an endpoint.

    Parameters
    ----------
    source : rdflib.Dataset, Endpoint or str
        As for :func:`~graphkit.sparql.engine.run_query`.
    name : str
        A label, an alias, part of one, an id or an IRI.

    Returns
    -------
    Match
        ``.iri`` is the entity's IRI; ``.note`` says how a loose name was read.

    Raises
    ------
    InputError
        As :func:`match_name`.

    Examples
    --------
    >>> import graphkit as gk
    >>> resolve(gk.load(), "Mech").entity.label
    'Dara Mech'
    """
    return match_name(list_entities(source), name)
