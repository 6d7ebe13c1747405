"""Find the names a document uses and type them: people, organizations, places, programs, works, events.

A name is a run of capitalised tokens, joined by the lower-case connectors of
``patterns/names.yaml`` ("Office to Monitor and Combat Trafficking in
Persons") and by hyphens ("Abdul-Razzak"). Each run is then cut and typed by
data, in this order:

1. leading function words go ("In Washington" -> "Washington");
2. a hero cue splits off the recipient ("2023 TIP Report Hero Zaheer Ahmed");
3. a title or honorific before a person is stripped and kept
   ("U.S. Secretary of State Antony Blinken", "Sister Imelda Poole");
4. a trailing place after *of / from / in* is its own name ("Dara Mech of Cambodia");
5. *and* splits coordinations ("Basim Abdul-Razzak and Iman Al Sailawi");
6. each part is typed: a gazetteer place, else the last cue word
   ("... Legal Center" -> organization, "... Act" -> legislation), else a
   person when the context says so (a title, a role after a comma, a verb of
   saying, *from / of* a place, a signature line).

A parenthesised acronym right after a name becomes its alias
("International Visitor Leadership Program (IVLP)").

Examples
--------
>>> from graphkit.extract.text import split_lines
>>> found = find_mentions(split_lines("Awardee Dara Mech of Cambodia reflected on the network."))
>>> [(m.text, m.type, m.hero) for m in found]
[('Dara Mech', 'schema:Person', True), ('Cambodia', 'schema:Country', False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graphkit.extract.lexicon import Lexicon, lexicon
from graphkit.extract.text import Line

__all__ = ["Mention", "find_mentions"]

PERSON = "schema:Person"
_YEAR = re.compile(r"^(19|20)\d{2}$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_COHORT_HEADS = {"Heroes", "Awardees", "Honorees", "Laureates"}
_PLACE_TYPES = {"schema:Country", "schema:State", "schema:City", "schema:Place"}
_STRUCTURE = {
    "schema:Report",
    "gk:Award",
    "gk:Program",
    "schema:Legislation",
    "schema:Service",
}


@dataclass
class Mention:
    """A typed name at ``[start, end)`` of the document text.

    ``title`` is an office or honorific written before a person's name,
    ``hero`` whether a cue marks the bearer as an award recipient, ``year``
    a year written before the name ("2021 TIP Report"), ``acronym`` a
    parenthesised short form that follows it.
    """

    start: int
    end: int
    text: str
    type: str
    line: int
    sentence: tuple[int, int]
    tokens: tuple[int, int]
    title: str | None = None
    title_span: tuple[int, int] | None = None
    hero: bool = False
    year: str | None = None
    acronym: str | None = None
    confidence: float = 0.8
    confirmed: bool = False
    text_of: str = ""  # the full name a short form stands for ("Meridian" -> "Meridian International Center")

    @property
    def name(self) -> str:
        """The name with its year, the way it is compared with other names."""
        return " ".join(self.text.split())


def _is_cap(token: Token, lex: Lexicon) -> bool:
    text = token.text
    if text in lex.connectors or not text:
        return False
    return text[0].isupper() or text in {"U.S.", "U.K."} or (text[0].isdigit() and bool(_ACRONYM.match(text)))


def _joined(doc: Doc, k: int) -> bool:
    """Whether token *k* is a hyphen or apostrophe glued to both neighbours."""
    return (
        0 < k < len(doc) - 1
        and doc[k].text in {"-", "'"}
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
        and doc[k + 1].text[:1].isalpha()
    )


def _runs(doc: Doc, start: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """Return the maximal runs of name tokens in ``doc[start:end]``."""
    runs, k = [], start
    while k < end:
        year_start = _YEAR.match(doc[k].text) and k + 1 < end and _is_cap(doc[k + 1], lex)
        if not (_is_cap(doc[k], lex) or year_start):
            k += 1
            continue
        a = k
        k += 1
        while k < end:
            t = doc[k]
            glued = _joined(doc, k) or (k > a and _joined(doc, k - 1))
            connects = t.text in lex.connectors and k + 1 < end and _is_cap(doc[k + 1], lex)
            and_the = t.text == "and" and k + 2 < end and doc[k + 1].text == "the"
            if _is_cap(t, lex) or glued or connects or and_the:
                k += 1
            elif (
                t.text == ","
                and k + 1 < end
                and _is_cap(doc[k + 1], lex)
                and lex.cues.get(doc[a].text) == "gk:LegislativeCommittee"
            ):
                k += 1  # "Subcommittee on Global Health, Global Human Rights, and ..."
            elif t.text == "," and k + 2 < end and doc[k + 1].text == "and" and _is_cap(doc[k + 2], lex):
                if lex.cues.get(doc[a].text) == "gk:LegislativeCommittee":
                    k += 2
                else:
                    break
            else:
                break
        while k > a and doc[k - 1].text in lex.connectors | {","}:
            k -= 1
        runs.append((a, k))
    return runs


def _is_headline(doc: Doc, lex: Lexicon) -> bool:
    """Whether a line is a title-case headline (no closing full stop, most words capitalised)."""
    words = [t.text for t in doc if t.is_alpha]
    if len(words) < 3 or doc.text.rstrip()[-1:] in {".", "!", "?", ":", "\u201d", '"'}:
        return False
    if _person_like(words, lex) and len(words) <= 4:
        return False  # a signature line
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def _cue_type(words: list[str], lex: Lexicon) -> str | None:
    found = None
    for word in words:
        if word in lex.cues:
            found = lex.cues[word]
    if found in {"gk:Award", "schema:Report"} and words[-1] in _COHORT_HEADS:
        return "gk:HeroCohort"
    if words and words[-1] in _COHORT_HEADS and "Report" in words:
        return "gk:HeroCohort"
    return found


def _person_like(words: list[str], lex: Lexicon) -> bool:
    if not 2 <= len(words) <= 5 or words[0] in lex.connectors:
        return False
    for word in words:
        if word in lex.generic or word in lex.not_names or word in lex.cues or word in lex.places:
            return False
        if not (word[0].isupper() or word in lex.connectors or word == "-"):
            return False
        if any(ch.isdigit() for ch in word):
            return False
    return True


@dataclass
class _Part:
    a: int
    b: int
    title: tuple[int, int] | None = None
    hero: bool = False
    year: str | None = None


class _Finder:
    def __init__(self, lines: list[Line], lex: Lexicon) -> None:
        self.lines = lines
        self.lex = lex
        self.mentions: list[Mention] = []

    def words(self, doc: Doc, a: int, b: int) -> list[str]:
        return [t.text for t in doc[a:b]]

    def text(self, doc: Doc, a: int, b: int) -> str:
        return doc[a:b].text

    def run(self) -> list[Mention]:
        headlines = []
        for n, line in enumerate(self.lines):
            doc = line.doc
            if _is_headline(doc, self.lex):
                headlines.append(n)
                continue
            for sent in doc.sents:
                for a, b in _runs(doc, sent.start, sent.end, self.lex):
                    for part in self.split(doc, a, b):
                        self.emit(n, line, (sent.start, sent.end), part)
        self.headline_mentions(headlines)
        return sorted(self.mentions, key=lambda m: (m.start, m.end))

    def headline_mentions(self, headlines: list[int]) -> None:
        """Find, in title-case headlines, the names the body uses (a headline capitalises every word)."""
        known: dict[str, Mention] = {}
        for m in self.mentions:
            if m.type != "?":
                known.setdefault(m.text, m)
        names = sorted(known, key=len, reverse=True)
        for n in headlines:
            line = self.lines[n]
            text = line.doc.text
            taken: list[tuple[int, int]] = []
            for name in names:
                for found in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                    s, e = found.span()
                    if any(s < te and ts < e for ts, te in taken):
                        continue
                    span = line.doc.char_span(s, e)
                    if span is None:
                        continue
                    taken.append((s, e))
                    like = known[name]
                    self.mentions.append(
                        Mention(
                            start=line.start + s,
                            end=line.start + e,
                            text=name,
                            type=like.type,
                            line=n,
                            sentence=(0, len(line.doc)),
                            tokens=(span.start, span.end),
                            year=like.year,
                            confirmed=True,
                            confidence=0.7,
                        )
                    )

    def split(self, doc: Doc, a: int, b: int) -> list[_Part]:
        lex = self.lex
        while a < b and (doc[a].text in lex.not_names or doc[a].text in lex.connectors):
            a += 1
        if a >= b:
            return []
        part = _Part(a, b)
        if _YEAR.match(doc[a].text):
            part.year = doc[a].text
        # a hero cue: "2023 TIP Report Hero Zaheer Ahmed", "Awardees Basim ... and Iman ..."
        for k in range(a, b - 1):
            if doc[k].text in lex.hero_cues and _person_like(self.words(doc, k + 1, min(b, k + 3)), lex):
                part = _Part(k + 1, b, hero=True, year=part.year)
                break
        # a title or honorific before a name
        rest = self.text(doc, part.a, part.b)
        for title in lex.titles:
            if rest.startswith(title + " ") and len(doc[part.a : part.b]) > len(title.split()):
                width = len(nlp_words(doc, part.a, title))
                after = self.words(doc, part.a + width, min(part.b, part.a + width + 3))
                if width and (_person_like(after, lex) or (len(after) == 1 and after[0] not in lex.generic)):
                    part.title = (part.a, part.a + width)
                    part.a += width
                break
        if part.title is None and doc[part.a].text in lex.honorifics and part.b - part.a > 1:
            part.title = (part.a, part.a + 1)
            part.a += 1
        lead: list[_Part] = []
        if part.title is None and not part.hero and doc[part.a].text in lex.places:
            rest_words = self.words(doc, part.a + 1, part.b)
            if _person_like(rest_words, lex):  # "... landscape in the U.S. Mirella Beltram from ..."
                lead = [_Part(part.a, part.a + 1)]
                part.a += 1
        parts = lead + self.split_place(doc, part)
        out: list[_Part] = []
        for p in parts:
            out += self.split_and(doc, p)
        return out

    def split_place(self, doc: Doc, part: _Part) -> list[_Part]:
        lex = self.lex
        for k in range(part.b - 1, part.a, -1):
            if doc[k].text in {"of", "from", "in"}:
                tail = self.text(doc, k + 1, part.b)
                head = self.words(doc, part.a, k)
                if tail in lex.places and not _cue_type(head, lex):
                    return [
                        _Part(part.a, k, part.title, part.hero, part.year),
                        _Part(k + 1, part.b),
                    ]
        return [part]

    def split_and(self, doc: Doc, part: _Part) -> list[_Part]:
        lex = self.lex
        if lex.cues.get(doc[part.a].text) == "gk:LegislativeCommittee":
            return [part]
        for k in range(part.a + 1, part.b - 1):
            if doc[k].text != "and":
                continue
            left = self.words(doc, part.a, k)
            right_start = k + 2 if doc[k + 1].text == "the" else k + 1
            right = self.words(doc, right_start, part.b)
            lt = self.classify(left) or (len(left) == 1 and _ACRONYM.match(left[0]))
            rt = self.classify(right) or (len(right) == 1 and _ACRONYM.match(right[0]))
            if (lt and rt) or (not _cue_type(left + right, lex) and _person_like(left, lex)):
                return [
                    _Part(part.a, k, part.title, part.hero, part.year),
                    *self.split_and(doc, _Part(right_start, part.b, None, part.hero, part.year)),
                ]
        return [part]

    def classify(self, words: list[str]) -> str | None:
        lex = self.lex
        text = " ".join(words)
        if text in lex.places:
            return lex.places[text][0]
        return _cue_type(words, lex)

    def emit(self, n: int, line: Line, sent: tuple[int, int], part: _Part) -> None:
        lex = self.lex
        doc = line.doc
        a, b = part.a, part.b
        if a >= b:
            return
        words = self.words(doc, a, b)
        span = doc[a:b]
        text = span.text
        if part.title is None and not part.hero:  # "Deputy Secretary Wendy Sherman"
            k = a
            while k < b and (doc[k].text in lex.role_heads or (k > a and doc[k].text in {"of", "-"})):
                k += 1
            rest = self.words(doc, k, b)
            if k > a and doc[k - 1].text[:1].isupper() and 2 <= len(rest) <= 3 and _person_like(rest, lex):
                part.title, a = (a, k), k
                words, span = rest, doc[a:b]
                text = span.text
        kind = self.classify(words)
        if (
            not part.title
            and text not in lex.places
            and any(w in lex.role_heads for w in words[:3])
            and words[0][:1].isupper()
        ):
            kind = "org:Role"
        follower = doc[b].text if b < len(doc) else ""
        if follower in lex.body_words and (kind in _PLACE_TYPES or kind in {None, "?", PERSON, "org:Role"}):
            span = doc[a : b + 1]  # "the UK government", "the Biden administration"
            text, kind = span.text, "schema:GovernmentOrganization"
            words = [*words, follower]
        elif follower in lex.unit_words and kind and lex.cues.get(words[-1], "").endswith("Organization"):
            span = doc[a : b + 1]  # "... Public Affairs section"
            text, kind = span.text, "org:OrganizationalUnit"
        elif follower in lex.event_words and not kind:
            span = doc[a : b + 1]  # "the COVID-19 pandemic"
            text, kind = span.text, "schema:Event"
        elif (
            follower in {"program", "programme"} and len(words) > 1 and any(w in lex.acronyms for w in words)
        ):
            span = doc[a : b + 1]  # "Meridian's IVLP TIP Heroes program"
            text, kind = span.text, "gk:Program"
        if (
            len(words) == 1
            and text in lex.cues
            and text not in lex.places
            and not _ACRONYM.match(text)
            and kind not in {"gk:Legislature", "gk:InternationalOrganization"}
        ):
            return  # a cue word alone ("Award", "Review") names nothing
        if text == "Washington" and doc[b : b + 2].text in {", DC", ", D.C."}:
            span = doc[a : b + 2]
            text = span.text
        acronym = None
        if b + 2 < len(doc) and doc[b].text == "(" and _ACRONYM.match(doc[b + 1].text):
            close = next((k for k in range(b + 1, min(b + 5, len(doc))) if doc[k].text == ")"), None)
            if close is not None:
                acronym = doc[b + 1 : close].text
        if kind is None:
            if all(w in lex.generic | lex.connectors for w in words):
                return
            elif part.hero or part.title or _person_like(words, lex) or (len(words) == 1 and part.title):
                kind = PERSON
            elif len(words) == 1 and (_ACRONYM.match(text) or text[:1].isupper()):
                kind = "?"
            else:
                return
        if kind != PERSON and part.hero:
            return
        if kind == "gk:HeroCohort" and (" and " in text or words[0] == "Report"):
            return
        if (
            kind == "schema:Country"
            and text in {"U.S.", "US", "UK", "U.K."}
            and doc[b : b + 1].text[:1].islower()
        ):
            return  # an adjective: "the U.S. government", "U.S. citizens"
        title = part.title
        mention = Mention(
            start=line.start + span.start_char,
            end=line.start + span.end_char,
            text=text,
            type=kind,
            line=n,
            sentence=sent,
            tokens=(a, b),
            title=doc[title[0] : title[1]].text if title else None,
            title_span=(
                line.start + doc[title[0]].idx,
                line.start + doc[title[1] - 1].idx + len(doc[title[1] - 1]),
            )
            if title
            else None,
            hero=part.hero,
            year=part.year,
            acronym=acronym,
            confirmed=bool(part.hero or part.title) or kind != PERSON,
        )
        self.mentions.append(mention)


def nlp_words(doc: Doc, a: int, phrase: str) -> list[Token]:
    """Return the tokens of *doc* from *a* that spell *phrase*, or an empty list."""
    out, at = [], 0
    target = phrase.replace(" ", "")
    k = a
    while k < len(doc) and at < len(target):
        piece = doc[k].text
        if not target.startswith(piece, at):
            return []
        out.append(doc[k])
        at += len(piece)
        k += 1
    return out if at == len(target) else []


def _confirm_people(mentions: list[Mention], lines: list[Line], lex: Lexicon) -> None:
    """Keep a person only when some occurrence of the name has a person's context."""
    for m in mentions:
        if m.type != PERSON or m.confirmed:
            continue
        doc = lines[m.line].doc
        a, b = m.tokens
        before = doc[a - 1].text if a > 0 else ""
        after = [t.text for t in doc[b : b + 10]]
        line_text = doc.text.strip()
        if (
            before in lex.speech_verbs
            or (after and after[0] in lex.person_verbs | lex.speech_verbs)
            or (after[:1] == [","] and any(w in lex.role_heads for w in after[1:]))
            or (after[:1] in (["from"], ["of"]) and len(after) > 1 and after[1][:1].isupper())
            or (after[:1] == ["("] and len(after) > 2 and after[1] in lex.places and after[2] == ")")
            or (line_text == m.text and len(m.text.split()) <= 4)
            or doc[:a].text.rstrip().endswith("Author:")
        ):
            m.confirmed = True
    confirmed = {m.name for m in mentions if m.type == PERSON and m.confirmed}
    for m in mentions:
        if m.type == PERSON and m.name in confirmed:
            m.confirmed = True


def find_mentions(lines: list[Line]) -> list[Mention]:
    """Return the typed names in *lines*, in text order (people only when their context says so)."""
    lex = lexicon()
    mentions = _Finder(lines, lex).run()
    _confirm_people(mentions, lines, lex)
    people = [m for m in mentions if m.type == PERSON and m.confirmed]
    last_names = {m.text.split()[-1]: m for m in people}
    first_words = {}
    for m in mentions:
        if m.type.endswith(("Organization", "NGO")) and len(m.text.split()) > 1:
            first_words.setdefault(m.text.split()[0], m)
    acronyms = {m.acronym: m for m in mentions if m.acronym and m.type not in {PERSON, "?"}}
    kept: list[Mention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            continue
        if m.type == PERSON and not m.confirmed:
            if len(m.text.split()) == 1 and m.text in last_names:
                m.type = PERSON
            else:
                continue
        if m.type == "?":
            if m.text in acronyms:
                m.type, m.confidence = acronyms[m.text].type, 0.8
            elif m.text in last_names:
                m.type, m.confidence = PERSON, 0.6
            elif m.text in first_words and first_words[m.text].type not in _STRUCTURE:
                m.type, m.confidence = first_words[m.text].type, 0.6
                m.text_of = first_words[m.text].text
            elif _ACRONYM.match(m.text):
                m.confidence = 0.5
            else:
                continue
        kept.append(m)
    return kept
