"""A review aid: the facts whose quote does not itself say what they claim.

Every fact must be stated by its own quote. :func:`lint_facts` lists, for a
person to check, the facts where that is in doubt:

``unnamed``
    an entity-to-entity fact whose subject or object is named neither in its
    quote nor in the sentence the quote lies in ("she", "the program", "the
    report" point to something the sentence does not name).
``group-to-member``
    a fact about a member of a group (or about a record of that member, such as
    their award conferral) from a sentence that names only the group: what a
    text says of a group is not said of each member.
``stale-review``
    a ``reviewed:`` note on a fact that is no longer flagged.

A flagged fact a person has checked carries a ``reviewed:`` note saying why it
stands (see :mod:`graphkit.facts.load`); its finding is then *reviewed*, not
*open*. ``graphkit lint`` fails while any finding is open.

What "named" means
------------------
An entity is named when its label (less a trailing qualifier in parentheses,
such as "(IVLP 2021)") or one of its aliases occurs in the sentence as whole
words, ignoring case. An event of a particular kind is also named by that kind,
the label of its class ("a virtual ceremony", "a keynote address"). A record, which documents
never name, is named when what identifies it is: an award conferral by its
recipient, a role held by its holder, a program edition by its program (or the
larger program that one belongs to), a quotation by its words or its speaker.

Examples
--------
>>> from graphkit.corpus import load_corpus
>>> from graphkit.facts import load_facts
>>> from graphkit.vocab.ontology import load_vocabulary
>>> corpus, vocab = load_corpus(), load_vocabulary()
>>> findings = lint_facts(load_facts(corpus, vocab), corpus, vocab)
>>> [f for f in findings if f.is_open]
[]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from rdflib import URIRef

from graphkit.corpus import Corpus, Document
from graphkit.facts.model import Claim, Fact, FactBase
from graphkit.vocab.namespaces import GK, ORG, PREFIXES, RDFS, SCHEMA
from graphkit.vocab.ontology import Vocabulary

__all__ = ["LintFinding", "lint_facts", "sentence_span"]

# A sentence ends at a line break, or at . ! ? (and any closing quote or bracket)
# before white space, unless the period closes an initial or "U.S.".
_BOUNDARY = re.compile(r"\n|[.!?][\"\u201d\u2019)\]]*(?=\s)")
_INITIAL = re.compile(r"(?<![A-Za-z])[A-Za-z]\.$")
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
# What identifies a record, by the record's class.
_RECORD_KEYS: dict[URIRef, tuple[URIRef, ...]] = {
    GK.AwardConferral: (GK.recipient,),
    ORG.Membership: (ORG.member,),
    SCHEMA.Quotation: (SCHEMA.text, GK.speaker),
    GK.ProgramEdition: (GK.editionOf,),
}


@dataclass(frozen=True)
class LintFinding:
    """One fact for a person to check.

    Attributes
    ----------
    source : str
        The facts file and line of the fact (``data/facts/statements/x.yaml:12``).
    fact : tuple of str
        The fact as written: subject id, property CURIE, object id or literal.
    kind : str
        ``"unnamed"``, ``"group-to-member"`` or ``"stale-review"``.
    reason : str
        What is in doubt, in words.
    reviewed : str or None
        The ``reviewed:`` note that accepts the fact, or None while it is open.
    """

    source: str
    fact: tuple[str, str, str]
    kind: str
    reason: str
    reviewed: str | None = None

    @property
    def is_open(self) -> bool:
        """Whether the finding still needs a person (no ``reviewed:`` note accepts it)."""
        return self.reviewed is None

    def to_dict(self) -> dict[str, object]:
        """Return the finding as plain data (for JSON)."""
        subject, predicate, obj = self.fact
        return {
            "source": self.source,
            "subject": subject,
            "predicate": predicate,
            "object": obj,
            "kind": self.kind,
            "reason": self.reason,
            "reviewed": self.reviewed,
        }


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the offsets of the sentence(s) that ``text[start:end]`` lies in.

    Examples
    --------
    >>> text = "Awardee Paola Hittscher spoke. In Boston, she took away a lesson. Then more."
    >>> s, e = sentence_span(text, text.index("In Boston"), text.index(" a lesson"))
    >>> text[s:e]
    'In Boston, she took away a lesson.'
    >>> text = "It is run by the U.S. Department of State."
    >>> sentence_span(text, 0, 5) == (0, len(text))
    True
    """
    starts, ends = [0], []
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith(".") and _INITIAL.search(
            text[max(0, match.start() - 2) : match.start() + 1]
        ):
            continue
        ends.append(match.end())
        starts.append(match.end())
    ends.append(len(text))
    first = max(s for s in starts if s <= start)
    while first < start and text[first].isspace():
        first += 1
    return first, min(e for e in ends if e >= end)


def _fold(text: str) -> str:
    return " ".join(text.translate(_FOLD).casefold().split())


def _compact(term: URIRef) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if str(term).startswith(namespace):
            return f"{prefix}:{term[len(namespace) :]}"
    return str(term)


class _Names:
    """Which entities a piece of text names, by the rules of the module docstring."""

    def __init__(self, facts: FactBase, vocab: Vocabulary) -> None:
        self.facts = facts
        self.vocab = vocab
        self.values: dict[tuple[str, URIRef], list[str]] = defaultdict(list)
        self.groups: dict[str, list[str]] = defaultdict(list)
        self.parents: dict[str, list[str]] = defaultdict(list)
        for fact in facts.facts:
            self.values[(fact.subject, fact.predicate)].append(str(fact.object))
            if fact.predicate == GK.hasMember:
                self.groups[str(fact.object)].append(fact.subject)
            if fact.predicate == GK.partOfProgram:
                self.parents[fact.subject].append(str(fact.object))

    @cached_property
    def events(self) -> frozenset[URIRef]:
        graph = self.vocab.graph
        kinds = frozenset(graph.transitive_subjects(RDFS.subClassOf, SCHEMA.Event))
        return kinds - {SCHEMA.Event, GK.ProgramEdition}  # "event" alone names no event in particular

    def _words(self, entity_id: str) -> list[str]:
        entity = self.facts.entities[entity_id]
        words = [_QUALIFIER.sub("", entity.label), *entity.aliases]
        if entity.type in self.events:
            words.append(self.vocab.label(entity.type))
        return words

    def record_keys(self, entity_id: str) -> list[str] | None:
        """Return the ids (or words) that identify a record, or None if the entity is not one."""
        keys = _RECORD_KEYS.get(self.facts.entities[entity_id].type)
        if keys is None:
            return None
        found = [value for key in keys for value in self.values[(entity_id, key)]]
        if GK.editionOf in keys:
            found += [parent for program in found for parent in self.parents[program]]
        return found

    def named(self, entity_id: str, sentence: str, *, depth: int = 0) -> bool:
        """Whether *sentence* (folded) names the entity."""
        if any(_contains(sentence, word) for word in self._words(entity_id)):
            return True
        keys = self.record_keys(entity_id)
        if not keys or depth > 2:
            return False
        return any(
            self.named(key, sentence, depth=depth + 1)
            if key in self.facts.entities
            else _contains(sentence, key)
            for key in keys
        )

    def holders(self, entity_id: str) -> list[str]:
        """Return what a fact about *entity_id* is about: a record's identifying entities, else itself."""
        keys = self.record_keys(entity_id)
        if keys is None:
            return [entity_id]
        return [key for key in keys if key in self.facts.entities]


def _contains(sentence: str, word: str) -> bool:
    folded = _fold(word)
    return bool(folded) and re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", sentence) is not None


def _check(fact: Fact, sentence: str, names: _Names) -> tuple[str, str] | None:
    roles = [("subject", fact.subject)] + ([] if fact.is_literal else [("object", str(fact.object))])
    unnamed, group_facts = [], []
    for role, entity_id in roles:
        if names.named(entity_id, sentence):
            continue
        label = names.facts.entities[entity_id].label
        for holder in names.holders(entity_id):
            named_groups = [g for g in names.groups[holder] if names.named(g, sentence)]
            if named_groups:
                group = names.facts.entities[named_groups[0]].label
                member = names.facts.entities[holder].label
                group_facts.append(
                    f"the sentence speaks of the group {group!r}, not of its member {member!r}"
                )
                break
        else:
            unnamed.append(f"the {role} {label!r} is not named in the quote's sentence")
    if group_facts:
        return "group-to-member", "; ".join(group_facts + unnamed)
    if unnamed and not fact.is_literal:
        return "unnamed", "; ".join(unnamed)
    return None


def _fact_text(fact: Fact) -> tuple[str, str, str]:
    return fact.subject, _compact(fact.predicate), str(fact.object)


def _sentence(claim: Claim, document: Document) -> str:
    start, end = sentence_span(document.text, claim.start, claim.end)
    return _fold(document.text[start:end])


def lint_facts(facts: FactBase, corpus: Corpus, vocab: Vocabulary) -> list[LintFinding]:
    """List the facts a person should check, in file order.

    Parameters
    ----------
    facts : FactBase
        The curated facts (:func:`graphkit.facts.load_facts`).
    corpus : Corpus
        The documents their quotes come from.
    vocab : Vocabulary
        The ontology, for the classes of records and events.

    Returns
    -------
    list of LintFinding
        Open findings and those a ``reviewed:`` note accepts; see
        :attr:`LintFinding.is_open`.
    """
    names = _Names(facts, vocab)
    findings: list[LintFinding] = []
    for claim in facts.claims:
        sentence = _sentence(claim, corpus[claim.document])
        for fact in claim.facts:
            source = f"{claim.path.as_posix()}:{fact.line}"
            found = _check(fact, sentence, names)
            if found is not None:
                findings.append(LintFinding(source, _fact_text(fact), *found, reviewed=fact.reviewed))
            elif fact.reviewed is not None:
                reason = "the fact has a 'reviewed:' note but nothing to review: remove the note"
                findings.append(LintFinding(source, _fact_text(fact), "stale-review", reason))
    return findings
