"""Turn typed mentions into entities and facts with small, declarative rules over each sentence.

Each rule reads one sentence (tokens and the mentions in it) and proposes
facts whose quote is that sentence:

countries
    "Awardee Dara Mech of Cambodia", "Zaheer Ahmed from Pakistan",
    "Basim Abdul-Razzak and Iman Al Sailawi of Iraq", "Cambodia's Dara Mech".
awards
    a hero cue before a name ("Awardee X", "2023 TIP Report Hero X") is a
    conferral of the document's award in its year; "X presented ... the
    <year> ... Award" names the presenter and the date.
roles
    "X, founder and president of the Y", "X, Principal Advisor on Modern
    Slavery, IJM", and a title before the name ("U.S. Secretary of State X").
affiliations
    "X from Polaris Project".
quotations
    "“...,” said X", "X said, “...”", "As X stated, “...”", and the quote
    that continues right after the attribution.
programs
    an edition of a program for the document's year: its implementer ("Y
    designed and implemented ..."), participants (the heroes and the
    cohort), places visited, and counterparts ("met with ...").
reports
    "<year> ... Report" is an edition of the report series; "by the Y" its
    publisher; "Y welcomed the release of ..." a welcome.
events
    "X delivered a keynote", "speaking at an NGO roundtable, X", "Y and Z
    hosted a webinar".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from graphkit.extract.draft import Draft, DraftClaim, DraftEntity
from graphkit.extract.lexicon import lexicon
from graphkit.extract.linking import Registry, family, normalize, slug
from graphkit.extract.mentions import PERSON, Mention
from graphkit.extract.text import Line

__all__ = ["draft_facts"]

_QUOTE = re.compile(r"[“\"]([^“”\"]{12,}?)[,.]?[”\"]")
_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), ((?:19|20)\d{2})\b"
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "January February March April May June July August September October November December".split()  # noqa: SIM905
    )
}
_POSSESSIVE = "(?:'s|\u2019s)"
_NUMBERS = {
    word: str(n)
    for n, word in enumerate(
        "two three four five six seven eight nine ten eleven twelve".split(),  # noqa: SIM905
        start=2,
    )
}
_PLACE_TYPES = {"schema:Country", "schema:State", "schema:City", "schema:Place"}


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    line: int
    mentions: list[Mention] = field(default_factory=list)


class _Drafter:
    """Collects entities and claims for one document."""

    def __init__(self, document: str, text: str, registry: Registry, lines: list[Line]) -> None:
        self.document = document
        self.lines = lines
        self.text = text
        self.registry = registry
        self.entities: dict[str, DraftEntity] = {}
        self.claims: dict[tuple[int, int, str], DraftClaim] = {}
        self.lex = lexicon()

    # -- entities -------------------------------------------------------------------------------------
    def entity(
        self, label: str, type_curie: str, *, span: tuple[int, int] | None = None, confidence: float = 0.8
    ) -> str:
        """Return the id for *label*: an existing entity's, or a new one's (created on first use)."""
        known = self.registry.link(label, type_curie)
        if known is not None:
            entity = self.entities.setdefault(
                known,
                DraftEntity(
                    known, self.registry.entities[known].type, self.registry.entities[known].label, known=True
                ),
            )
        else:
            key = slug(label)[:60].rstrip("-")
            for existing in self.entities.values():
                same = normalize(existing.label) == normalize(label) or label in existing.aliases
                if not existing.known and same and family(existing.type) == family(type_curie):
                    entity = existing
                    break
            else:
                entity_id = key
                n = 2
                while entity_id in self.entities or entity_id in self.registry:
                    entity_id, n = f"{key}-{n}", n + 1
                entity = DraftEntity(entity_id, type_curie, label, confidence=confidence)
                proposal = self.registry.propose(label, type_curie)
                if proposal is not None:
                    into, reason = proposal
                    entity.merge = {"into": into, "reason": f"{label!r} is {reason}", "status": "proposed"}
                self.entities[entity_id] = entity
        if span is not None and span not in entity.mentions:
            entity.mentions.append(span)
            if not entity.quote:
                entity.quote = self.text[span[0] : span[1]]
                if entity.merge is not None:
                    entity.merge["evidence"] = entity.quote
        return entity.id

    def alias(self, entity_id: str, alias: str) -> None:
        entity = self.entities[entity_id]
        if not entity.known and alias != entity.label and alias not in entity.aliases:
            entity.aliases.append(alias)

    # -- claims ---------------------------------------------------------------------------------------
    def fact(self, sentence: _Sentence, rule: str, s: str, p: str, o: str, confidence: float = 0.8) -> None:
        key = (sentence.start, sentence.end, rule)
        claim = self.claims.get(key)
        if claim is None:
            claim = DraftClaim(
                "", sentence.text, sentence.start, sentence.end, confidence=confidence, rule=rule
            )
            self.claims[key] = claim
        row = [s, p, o]
        if row not in claim.facts:
            claim.facts.append(row)
        claim.confidence = min(claim.confidence, confidence)

    def draft(self, characters: int) -> Draft:
        claims = sorted(self.claims.values(), key=lambda c: (c.start, c.end, c.rule))
        for n, claim in enumerate(claims, 1):
            claim.id = f"c{n:03d}"
        return Draft(self.document, characters, dict(sorted(self.entities.items())), claims)


def _sentences(lines: list[Line], mentions: list[Mention], text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    for n, line in enumerate(lines):
        for sent in line.doc.sents:
            start = line.start + sent.start_char
            end = line.start + sent.end_char
            out.append(_Sentence(start, end, text[start:end], n))
    index = 0
    for m in mentions:
        while index < len(out) and out[index].end <= m.start:
            index += 1
        if index < len(out) and out[index].start <= m.start:
            out[index].mentions.append(m)
    return out


def _between(text: str, a: Mention, b: Mention) -> str:
    return " ".join(text[a.end : b.start].split())


def _canonical(m: Mention, lex) -> tuple[str, str]:
    """Return the label and type a mention's entity gets ("U.S." -> "United States")."""
    if m.type in _PLACE_TYPES and m.text in lex.places:
        return lex.places[m.text][1], lex.places[m.text][0]
    label = m.text
    if m.year and m.type in {"gk:Award"}:
        label = label.removeprefix(m.year).strip()
    for short, long in lex.acronyms.items():
        if m.type == "schema:Report" and f"{short} Report" in label:
            label = label.replace(f"{short} Report", f"{long} Report")
    if m.type == "schema:Report" and not m.year:
        return label, "schema:CreativeWorkSeries"
    return label, m.type


class _Rules:
    def __init__(
        self, drafter: _Drafter, sentences: list[_Sentence], mentions: list[Mention], year: str | None
    ):
        self.d = drafter
        self.sentences = sentences
        self.mentions = mentions
        self.year = year
        self.lex = drafter.lex
        self.ids: dict[int, str] = {}
        self.award: str | None = None
        self.conferrals: dict[str, str] = {}  # person id -> conferral id
        self.edition: str | None = None
        self.consumed: set[int] = set()
        self.program_sentences: set[int] = set()
        self.group: str | None = None
        self.presented_by: tuple[_Sentence, str, str | None] | None = None

    def id(self, m: Mention) -> str:
        if id(m) not in self.ids:
            label, kind = _canonical(m, self.lex)
            if m.text_of:
                label = m.text_of
            if kind == "gk:HeroCohort" and not m.year and self.year:
                label = f"{self.year} {label}"
            entity = self.d.entity(label, kind, span=(m.start, m.end), confidence=m.confidence)
            if m.acronym:
                self.d.alias(entity, m.acronym)
            if label != m.text:
                self.d.alias(entity, m.text)
            self.ids[id(m)] = entity
        return self.ids[id(m)]

    def run(self) -> None:
        self.same_people()
        for m in self.mentions:
            if m.type == "?":  # a short form the graph knows ("IJM" where the text never spells it out)
                known = self.d.registry.link(m.text, "?")
                if known is None:
                    continue
                m.type = self.d.registry.entities[known].type
            self.id(m)
        awards = [m for m in self.mentions if m.type == "gk:Award"]
        if awards:
            self.award = self.id(awards[0])
        else:
            self.award = self.award_from_cohort()
        for sentence in self.sentences:
            self.countries(sentence)
            self.roles(sentence)
            self.heroes(sentence)
            self.presenter(sentence)
            self.ceremony(sentence)
            self.reports(sentence)
            self.events(sentence)
            self.highlights(sentence)
        self.letters()
        self.quotations()
        self.program()
        self.mentions_only()

    def same_people(self) -> None:
        """Give one entity to the forms of a person's name ("Antony J. Blinken", "Blinken")."""
        forms: dict[tuple[str, str], list[Mention]] = {}
        for m in self.mentions:
            words = [w for w in m.text.split() if not (len(w) == 2 and w.endswith("."))]
            if m.type == PERSON and len(words) > 1:
                forms.setdefault((words[0], words[-1]), []).append(m)
        by_surname: dict[str, Mention] = {}
        for group in forms.values():
            counts = Counter(m.text for m in group)
            best = min(counts, key=lambda t: (-counts[t], len(t)))
            head = next(m for m in group if m.text == best)
            for m in group:
                if m is not head:
                    self.ids[id(m)] = self.id(head)
                    self.d.entities[self.ids[id(m)]].mentions.append((m.start, m.end))
                    self.d.alias(self.ids[id(m)], m.text)
            by_surname[best.split()[-1]] = head
        for m in self.mentions:  # a surname alone is the person named in full
            if m.type == PERSON and len(m.text.split()) == 1 and m.text in by_surname:
                self.ids[id(m)] = self.id(by_surname[m.text])
                self.d.entities[self.ids[id(m)]].mentions.append((m.start, m.end))

    def award_from_cohort(self) -> str | None:
        """Return the award a cohort is named after ("TIP Report Heroes" -> "TIP Report Heroes Award")."""
        for m in self.mentions:
            if m.type == "gk:HeroCohort":
                name = m.text.removeprefix(m.year or "").strip()
                return self.d.entity(f"{name} Award", "gk:Award")
        return None

    def ceremony(self, s: _Sentence) -> None:
        """Draft the conferral at a ceremony: "The Heroes were honored ... at a virtual ceremony"."""
        found = re.search(r"\b((?:[a-z]+ )?)ceremony\b", s.text)
        cohorts = [m for m in s.mentions if m.type == "gk:HeroCohort"]
        if not found or not cohorts or not re.search(r"\bhonou?red\b|\brecogni[sz]ed\b", s.text):
            return
        cohort = self.id(cohorts[0])
        year = cohorts[0].year or self.year
        adjective = found[1].strip() if found[1].strip() not in {"a", "the", "an"} else ""
        start = s.start + found.start() + (0 if adjective else len(found[1]))
        before = [m for m in s.mentions if m.end <= s.start + found.start() and m.type == "schema:Report"]
        if before and self.d.text[before[-1].end : s.start + found.start()].strip() == "":
            label = (
                f"{before[-1].text} {found[0]}"  # "the 2021 Trafficking in Persons Report virtual ceremony"
            )
            start = before[-1].start
            self.consumed.add(id(before[-1]))
        else:
            label = f"{self.d.entities[cohort].label} {found[0].strip()}".replace("  ", " ")
        event = self.d.entity(label, "gk:Ceremony", span=(start, s.start + found.end()))
        award_label = self.d.entities[self.award].label if self.award else "award"
        record = self.d.entity(f"{award_label} {year} to the {year} cohort", "gk:AwardConferral")
        if self.award:
            self.d.fact(s, "ceremony", record, "gk:award", self.award, 0.75)
        self.d.fact(s, "ceremony", record, "gk:recipient", cohort, 0.75)
        self.d.fact(s, "ceremony", record, "gk:ceremony", event, 0.75)
        if year:
            self.d.fact(s, "ceremony", record, "gk:awardYear", year, 0.75)
        if adjective == "virtual":
            self.d.fact(s, "ceremony", event, "gk:format", "virtual", 0.7)
        occasion = re.search(r"during the release of", s.text)
        after = [
            m
            for m in s.mentions
            if m.type == "schema:Report" and occasion and m.start > s.start + occasion.end()
        ]
        if after:
            self.d.fact(s, "ceremony", event, "gk:occasion", self.id(after[0]), 0.7)

    def letters(self) -> None:
        """Draft the signers of report letters: "Message From the Secretary of State ... Antony Blinken"."""
        reports = [m for m in self.mentions if m.type == "schema:Report" and m.year]
        if not reports:
            return
        report = self.id(reports[0])
        for n, line in enumerate(self.d.lines):
            found = re.match(
                r"\s*(?:A )?(?:Message|Letter|Note|Foreword) (?:From|from) the (.+?)\s*$", line.doc.text
            )
            if not found:
                continue
            signer = next(
                (
                    m
                    for m in self.mentions
                    if m.type == PERSON
                    and n < m.line <= n + 4
                    and self.d.lines[m.line].doc.text.strip() == m.text
                ),
                None,
            )
            if signer is None:
                continue
            start = line.start + found.start(1)
            quote = _Sentence(line.start + found.start(), signer.end, "", n)
            quote.text = self.d.text[quote.start : quote.end]
            person = self.id(signer)
            role = self.d.entity(found[1], "org:Role", span=(start, start + len(found[1])))
            self.d.fact(quote, "letter", report, "schema:contributor", person, 0.75)
            self._membership(quote, person, signer.text, role, found[1], None, 0.75)

    # -- rules --------------------------------------------------------------------------------------------
    def countries(self, s: _Sentence) -> None:
        ms = s.mentions
        for i, m in enumerate(ms):
            if m.type != "schema:Country":
                continue
            before = ms[i - 1] if i else None
            if before and before.type == PERSON and _between(self.d.text, before, m) in {"of", "from"}:
                group = [before]
                k = i - 2
                while (
                    k >= 0 and ms[k].type == PERSON and _between(self.d.text, ms[k], group[0]) in {"and", ","}
                ):
                    group.insert(0, ms[k])
                    k -= 1
                for person in group:
                    self.d.fact(s, "country", self.id(person), "gk:country", self.id(m), 0.9)
            if (
                before
                and before.type == PERSON
                and self.d.text[before.end : m.start] == " ("
                and self.d.text[m.end : m.end + 1] == ")"
            ):
                self.d.fact(s, "country", self.id(before), "gk:country", self.id(m), 0.85)
            after = ms[i + 1] if i + 1 < len(ms) else None
            if after and after.type == PERSON and self.d.text[m.end : after.start] in {"'s ", "\u2019s "}:
                self.d.fact(s, "country", self.id(after), "gk:country", self.id(m), 0.8)

    def roles(self, s: _Sentence) -> None:
        ms = s.mentions
        text = self.d.text
        for i, m in enumerate(ms):
            if m.type != PERSON:
                continue
            person = self.id(m)
            if m.title and m.title not in self.lex.honorifics:
                role = self.d.entity(m.title, "org:Role", span=m.title_span)
                self._membership(s, person, m.text, role, m.title, None, 0.7)
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if nxt is None:
                continue
            gap = text[m.end : nxt.start]
            if nxt.type == "org:Role" and gap.strip() == ",":
                org = ms[i + 2] if i + 2 < len(ms) else None
                link = text[nxt.end : org.start].strip() if org else ""
                if (
                    org is not None
                    and family(org.type) == "organization"
                    and link in {"of", "for", "at", ",", "of the", "for the", "at the", "with"}
                ):
                    self._membership(
                        s, person, m.text, self.id(nxt), nxt.text, (self.id(org), org.text), 0.85
                    )
                else:
                    self._membership(s, person, m.text, self.id(nxt), nxt.text, None, 0.7)
            elif gap.lstrip().startswith(",") and family(nxt.type) == "organization":
                words = text[m.end : nxt.start].strip(" ,").split()
                role_words = [w for w in words if w.strip(",") in self.lex.role_heads]
                if role_words and len(words) <= 8:
                    label = " ".join(words)
                    while label.split()[-1:] and label.split()[-1] in {"of", "for", "at", "the", "with"}:
                        label = " ".join(label.split()[:-1])
                    start = text.index(label, m.end)
                    role = self.d.entity(label, "org:Role", span=(start, start + len(label)))
                    self._membership(s, person, m.text, role, label, (self.id(nxt), nxt.text), 0.85)
            elif gap.strip() == "from" and family(nxt.type) == "organization":
                self.d.fact(s, "affiliation", person, "schema:affiliation", self.id(nxt), 0.8)

    def _membership(self, s, person, person_label, role, role_label, org, confidence) -> None:
        label = f"{person_label}, {role_label}" + (f", {org[1]}" if org else "")
        record = self.d.entity(label, "org:Membership")
        self.d.fact(s, "role", record, "org:member", person, confidence)
        self.d.fact(s, "role", record, "org:role", role, confidence)
        if org:
            self.d.fact(s, "role", record, "org:organization", org[0], confidence)

    def heroes(self, s: _Sentence) -> None:
        listed = re.search(
            r"\b(honorees|heroes|awardees|recipients|laureates)\b[^.:;]*:", s.text, re.IGNORECASE
        )
        cohorts = [m for m in s.mentions if m.type in {"gk:HeroCohort", "gk:Award"} and m.year]
        year = cohorts[0].year if cohorts else self.year
        for m in s.mentions:
            if m.type != PERSON:
                continue
            if m.hero:
                self.conferral(s, m, m.year or year)
            elif listed and m.start >= s.start + listed.end():  # "... the following honorees: A of X, B (Y)"
                self.conferral(s, m, year)

    def conferral(self, s: _Sentence, m: Mention, year: str | None) -> None:
        """Draft the award conferred on a hero; only when the award and its year are known."""
        award = self.award  # named by the text (or by its cohort); never assumed
        if award is None or year is None:
            return
        person = self.id(m)
        award_label = self.d.entities[award].label
        record = self.d.entity(f"{award_label} {year} to {m.text}", "gk:AwardConferral")
        self.conferrals[person] = record
        confidence = 0.85
        self.d.fact(s, "award", record, "gk:recipient", person, confidence)
        self.d.fact(s, "award", record, "gk:award", award, confidence)
        self.d.fact(s, "award", record, "gk:awardYear", year, 0.8)
        cohort = self.cohort(year)
        if cohort:
            self.d.fact(s, "award", cohort, "gk:hasMember", person, 0.8)

    def cohort(self, year: str) -> str | None:
        for entity in self.d.entities.values():
            if entity.type == "gk:HeroCohort" and entity.label.startswith(year):
                return entity.id
        if self.award:
            label = self.d.entities[self.award].label.removesuffix(" Award")
            return self.d.entity(f"{year} {label}", "gk:HeroCohort")
        return None

    def presenter(self, s: _Sentence) -> None:
        if "presented" not in s.text:
            return
        people = [m for m in s.mentions if m.type == PERSON]
        awards = [m for m in s.mentions if m.type == "gk:Award"]
        if not people or not awards:
            return
        year = awards[0].year or self.year
        cohort = self.cohort(year) if year else None
        if cohort is None:
            return
        award = self.id(awards[0])
        record = self.d.entity(
            f"{self.d.entities[award].label} {year} to the {year} cohort", "gk:AwardConferral"
        )
        presenter = self.id(people[0])
        self.d.fact(s, "presented", record, "gk:award", award, 0.85)
        self.d.fact(s, "presented", record, "gk:recipient", cohort, 0.85)
        self.d.fact(s, "presented", record, "gk:awardYear", year, 0.85)
        self.d.fact(s, "presented", record, "gk:presenter", presenter, 0.85)
        date = _DATE.search(s.text)
        if date:
            iso = f"{date[3]}-{_MONTHS[date[1]]:02d}-{int(date[2]):02d}"
            self.d.fact(s, "presented", record, "dcterms:date", iso, 0.85)
        self.presented_by = (s, presenter, date and f"{date[3]}-{_MONTHS[date[1]]:02d}-{int(date[2]):02d}")

    def reports(self, s: _Sentence) -> None:
        text = self.d.text
        by_org = re.search(r"\b(?:[Aa]|[Tt]he) (?:(?:recent|new|latest|annual) )?report by the ", s.text)
        if by_org:
            org = next(
                (
                    o
                    for o in s.mentions
                    if o.start == s.start + by_org.end() and family(o.type) == "organization"
                ),
                None,
            )
            if org is not None:
                start = s.start + by_org.start()
                work = self.d.entity(f"{org.text} report", "schema:Report", span=(start, org.end))
                self.d.fact(s, "report", work, "schema:publisher", self.id(org), 0.7)
        for i, m in enumerate(s.mentions):
            if m.type != "schema:Report" or not m.year or id(m) in self.consumed:
                continue
            edition = self.id(m)
            series_label = _canonical(m, self.lex)[0].removeprefix(m.year).strip()
            series = self.d.entity(series_label, "schema:CreativeWorkSeries")
            self.d.fact(s, "report", edition, "schema:isPartOf", series, 0.85)
            self.d.fact(s, "report", edition, "gk:editionYear", m.year, 0.85)
            rest = s.mentions[i + 1 :]
            by = next((o for o in rest if family(o.type) == "organization"), None)
            if by is not None and re.search(r"\bby (the )?$", text[m.end : by.start].split(")")[-1]):
                self.d.fact(s, "report", edition, "schema:publisher", self.id(by), 0.8)
            before = s.mentions[:i]
            welcomer = next((o for o in before if family(o.type) == "organization"), None)
            if welcomer is not None and "welcome" in text[welcomer.end : m.start]:
                self.d.fact(s, "report", self.id(welcomer), "gk:welcomed", edition, 0.8)

    def events(self, s: _Sentence) -> None:
        low = s.text.lower()
        people = [m for m in s.mentions if m.type == PERSON]
        for word, kind in sorted(self.lex.event_kinds.items(), key=lambda kv: -len(kv[0])):
            at = low.find(word)
            if at < 0 or kind in {"gk:Ceremony", "gk:SiteVisit", "gk:Conference"}:
                continue
            start = s.start + at
            if kind == "gk:Keynote" and people and people[0].start < start:
                speaker = people[0]
                event = self.d.entity(f"Keynote by {speaker.text}", kind, span=(start, start + len(word)))
                self.d.fact(s, "event", event, "gk:speaker", self.id(speaker), 0.75)
                self._event_place(s, event)
            elif kind == "gk:Roundtable" and people:
                cut = s.text[: at + len(word)]
                qualifier = cut.split()[-2] if len(cut.split()) > 1 and cut.split()[-2][:1].isupper() else ""
                label = f"{qualifier} {word}".strip()
                event = self.d.entity(
                    label, kind, span=(start - len(qualifier) - (1 if qualifier else 0), start + len(word))
                )
                if "speak" in low:
                    self.d.fact(s, "event", event, "gk:speaker", self.id(people[0]), 0.7)
            elif kind == "gk:Webinar":
                hosts = [m for m in s.mentions if family(m.type) == "organization" and m.start < start]
                if hosts and re.search(r"\b(hosted|organi[sz]ed|held|convened)\b", low):
                    label = " and ".join(h.text for h in hosts) + " webinar"
                    event = self.d.entity(label, kind, span=(start, start + len(word)))
                    for host in hosts:
                        self.d.fact(s, "event", event, "schema:organizer", self.id(host), 0.75)
            break

    def highlights(self, s: _Sentence) -> None:
        """Draft "X highlighted (the importance of) the Y" when Y is a named thing, not a place."""
        found = re.search(r"\bhighlight(?:ed|s)\b", s.text)
        if not found:
            return
        at = s.start + found.start()
        before = [m for m in s.mentions if m.end <= at and family(m.type) in {"person", "organization"}]
        after = [
            m
            for m in s.mentions
            if m.start > at
            and m.type not in _PLACE_TYPES
            and family(m.type) in {"work", "program", "organization"}
        ]
        clause = [m for m in before if "," not in self.d.text[m.end : at]]
        if clause and after:  # the clause's first name: "Mirella Beltram from Polaris Project highlighted"
            self.d.fact(s, "highlighted", self.id(clause[0]), "gk:highlighted", self.id(after[0]), 0.65)

    def _events_in_program(self) -> None:
        """Draft the keynotes and roundtables of a paragraph about the program or its heroes as part of it."""
        lines = {s.line for s in self.sentences if s.start in self.program_sentences}
        for claim in list(self.d.claims.values()):
            if claim.rule != "event":
                continue
            sentence = next((x for x in self.sentences if x.start == claim.start), None)
            if sentence is None or sentence.line not in lines:
                continue
            for event in {f[0] for f in claim.facts if f[1] == "gk:speaker"}:
                self.d.fact(sentence, "event", event, "schema:superEvent", self.edition, 0.6)

    def visits(self, s: _Sentence) -> None:
        """Draft a site visit of a program: "In Miami, her visit to the Coalition of Immokalee Workers"."""
        found = re.search(r"\bvisit to the ", s.text)
        if not found or self.edition is None:
            return
        org = next(
            (o for o in s.mentions if o.start == s.start + found.end() and family(o.type) == "organization"),
            None,
        )
        if org is None:
            return
        start = s.start + found.start()
        event = self.d.entity(f"Visit to the {org.text}", "gk:SiteVisit", span=(start, org.end))
        self.d.fact(s, "visit", event, "gk:counterpart", self.id(org), 0.7)
        self.d.fact(s, "visit", event, "schema:superEvent", self.edition, 0.65)
        self._event_place(s, event)
        visitor = self._hero_referent(s)
        if visitor is not None:  # "her visit to the ..."
            self.d.fact(s, "visit", event, "schema:attendee", visitor, 0.55)

    def _event_place(self, s: _Sentence, event: str) -> None:
        first = s.mentions[0] if s.mentions else None
        if first and first.type in _PLACE_TYPES and s.text.startswith("In " + first.text):
            self.d.fact(s, "event", event, "schema:location", self.id(first), 0.7)

    def quotations(self) -> None:
        text = self.d.text
        last_speaker: tuple[int, list[Mention]] | None = None
        for line_no, group in _by_line(self.sentences).items():
            start, end = group[0].start, group[-1].end
            chunk = text[start:end]
            people = [m for sent in group for m in sent.mentions if m.type == PERSON]
            for found in _QUOTE.finditer(chunk):
                q_start, q_end = start + found.start(1), start + found.end(1)
                quoted = text[q_start:q_end].rstrip(",")
                after = text[start + found.end() : start + found.end() + 60]
                before = text[max(start, q_start - 80) : q_start - 1]
                speakers = []
                m_after = re.match(r"\s*(said|says|stated|added|noted|explained)\s+", after)
                if m_after:
                    speakers = [p for p in people if 0 <= p.start - (start + found.end()) <= 60][:1]
                if not speakers:
                    near = [p for p in people if q_start - 80 <= p.start < q_start]
                    if near and re.search(r"\b(" + "|".join(self.lex.speech_verbs) + r")\b", before):
                        tail = [p for p in near]
                        speakers = tail[-2:] if " and " in text[tail[0].end : q_start] else tail[-1:]
                if not speakers and last_speaker and last_speaker[0] == line_no:
                    speakers = list(last_speaker[1])
                if (
                    not speakers
                    and people
                    and re.search(r"\b(She|He|They)\s+(" + "|".join(self.lex.speech_verbs) + r")\b", before)
                ):
                    earlier = [p for p in people if p.end <= q_start]
                    speakers = earlier[:1]  # "Eumelis Moya ... She told Meridian, “...”"
                if not speakers:
                    continue
                last_speaker = (line_no, speakers)
                surname = speakers[0].text.split()[-1]
                words = quoted.split()
                label = f'{surname}: "{" ".join(words[:6])}{" ..." if len(words) > 6 else ""}"'
                quote_id = self.d.entity(label, "schema:Quotation", span=(q_start, q_end), confidence=0.8)
                sentence = _Sentence(
                    min(q_start, *(p.start for p in speakers)),
                    max(q_end, *(p.end for p in speakers)),
                    "",
                    line_no,
                )
                sentence.text = text[sentence.start : sentence.end]
                for person in speakers:
                    self.d.fact(sentence, "quotation", quote_id, "gk:speaker", self.id(person), 0.8)
                self.d.fact(sentence, "quotation", quote_id, "schema:text", quoted, 0.8)

    def program(self) -> None:
        programs = [m for m in self.mentions if m.type == "gk:Program"]
        if not programs or not self.year:
            return
        main = Counter(self.id(m) for m in programs).most_common(1)[0][0]
        program = self._sub_program(programs, main)
        heroes = {
            s.start
            for s in self.sentences
            if any(m.type == "gk:HeroCohort" or (m.type == PERSON and m.hero) for m in s.mentions)
            or re.search(r"\b(awardees|heroes)\b", s.text, re.IGNORECASE)
        }
        if not heroes:
            return
        edition = self.d.entity(f"{self.d.entities[program].label} {self.year}", "gk:ProgramEdition")
        self.edition = edition
        program_ids = {self.id(m) for m in programs}
        about_program = [
            s
            for s in self.sentences
            if program_ids & {self.id(m) for m in s.mentions if m.type != "?"}
            or re.search(r"\bthe program\b", s.text)
        ]
        self.group = next((g for g in map(self._subgroup, about_program) if g), None)
        for s in about_program:
            self._edition_participants(s, edition, program)
        for s in self.sentences:  # "In Boston, she took away ...": a hero in a place the program visited
            places = {m.text for m in s.mentions if m.text in self.lex.city_state}
            hero = (
                self._hero_referent(s) if places and s.start not in {a.start for a in about_program} else None
            )
            if hero is not None:
                self.d.fact(s, "program", edition, "gk:participant", hero, 0.55)
        implementers = {f[2] for c in self.d.claims.values() for f in c.facts if f[1] == "gk:implementer"}
        about = {s.start for s in about_program}
        for s in self.sentences:
            if s.start in about or s.start in heroes:
                self._edition_places(s, edition, s.start in about)
                if re.search(r"\b(met with|meet with|meetings with|visit to)\b", s.text.lower()):
                    for m in s.mentions:
                        if (
                            family(m.type) == "organization"
                            and self.id(m) not in implementers
                            and not re.search(re.escape(m.text) + _POSSESSIVE, s.text)
                        ):
                            self.d.fact(s, "program", edition, "gk:counterpart", self.id(m), 0.7)
        self._edition_experts(edition)
        self.program_sentences = about
        self._events_in_program()
        for s in self.sentences:
            self.visits(s)

    def _sub_program(self, programs: list[Mention], main: str) -> str:
        """Return the program named within the main one ("Meridian's IVLP TIP Heroes program") or the main."""
        names = {self.d.entities[main].label, *self.d.entities[main].aliases}
        if self.d.entities[main].known:
            names |= set(self.d.registry.entities[main].aliases)
        subs = [m for m in programs if self.id(m) != main and names & set(m.text.split())]
        if not subs:
            return main
        sub = self.id(subs[0])
        for m in subs:
            sentence = next(x for x in self.sentences if x.start <= m.start < x.end)
            self.d.fact(sentence, "program", sub, "gk:partOfProgram", main, 0.7)
            owner = [o for o in sentence.mentions if o.end <= m.start and family(o.type) == "organization"]
            if owner and re.fullmatch(_POSSESSIVE + " ", self.d.text[owner[-1].end : m.start]):
                self.d.fact(sentence, "program", sub, "gk:operatedBy", self.id(owner[-1]), 0.75)
        return sub

    def _subgroup(self, s: _Sentence) -> str | None:
        """Return the group "for six of these awardees" names: a part of the year's cohort."""
        found = re.search(
            r"\bfor (\w+) of (?:these|the) (?:awardees|heroes|honorees)\b", s.text, re.IGNORECASE
        )
        cohort = self.cohort(self.year) if found and self.year else None
        if cohort is None or found[1].lower() not in _NUMBERS:
            return None
        start = s.start + found.start(1)
        label = f"{found[1]} of the {self.d.entities[cohort].label}"
        group = self.d.entity(label, "gk:HeroCohort", span=(start, s.start + found.end()))
        self.d.alias(group, found[0].removeprefix("for "))
        self.d.fact(s, "program", group, "gk:subgroupOf", cohort, 0.7)
        self.d.fact(s, "program", group, "gk:memberCount", _NUMBERS[found[1].lower()], 0.7)
        return group

    def _edition_participants(self, s: _Sentence, edition: str, program: str) -> None:
        """Draft what a sentence about the program says: participants, implementer."""
        cohort = self.group or self.cohort(self.year)
        self.d.fact(s, "program", edition, "gk:editionOf", program, 0.8)
        self.d.fact(s, "program", edition, "gk:editionYear", self.year, 0.7)
        implements = (
            _POSSESSIVE[:-1] + r"| (designed and )?(implemented|designed|organized|hosted|administered|ran))"
        )
        for m in s.mentions:
            mid = self.id(m)
            if m.type == "gk:HeroCohort" and cohort:
                self.d.fact(s, "program", edition, "gk:participant", cohort, 0.75)
            elif m.type == PERSON and (m.hero or mid in self.conferrals):
                self.d.fact(s, "program", edition, "gk:participant", mid, 0.75)
            elif family(m.type) == "organization" and re.search(re.escape(m.text) + implements, s.text):
                self.d.fact(s, "program", edition, "gk:implementer", mid, 0.8)
        hero = self._hero_referent(s)
        if hero is not None:  # "... allowed him and the other awardees to leave the program"
            self.d.fact(s, "program", edition, "gk:participant", hero, 0.55)
        named_cohort = any(m.type == "gk:HeroCohort" for m in s.mentions)
        if cohort and not named_cohort and re.match(r"[\s,]*They\b", s.text):
            # "The TIP Report Heroes were honored ... They will soon embark on ..."
            index = next(i for i, x in enumerate(self.sentences) if x.start == s.start)
            previous = self.sentences[index - 1].mentions if index else []
            if any(m.type == "gk:HeroCohort" for m in previous):
                self.d.fact(s, "program", edition, "gk:participant", cohort, 0.55)
        if cohort and not named_cohort and re.search(r"\b(awardees|heroes)\b", s.text.lower()):
            self.d.fact(s, "program", edition, "gk:participant", cohort, 0.6)

    def _hero_referent(self, s: _Sentence) -> str | None:
        """Return the hero a sentence without names means by "she" / "he": the last one named just before."""
        if any(m.type == PERSON for m in s.mentions):
            return None
        if not re.search(r"\b(she|he|her|him)\b", s.text, re.IGNORECASE):
            return None
        before = [m for m in self.mentions if m.type == PERSON and m.end <= s.start and m.line >= s.line - 2]
        if before and self.id(before[-1]) in self.conferrals:
            return self.id(before[-1])
        return None

    def _edition_places(self, s: _Sentence, edition: str, about_program: bool) -> None:
        """Draft the U.S. places a program visited ("in Boston, Massachusetts; and Miami, Florida")."""
        if not (
            about_program or re.search(r"\b(visit|visiting|partners in|counterparts in)\b", s.text.lower())
        ):
            return
        places = [
            m
            for m in s.mentions
            if m.type in {"schema:City", "schema:State"}
            and (m.text in self.lex.city_state or m.type == "schema:State" or "Washington" in m.text)
        ]
        for i, m in enumerate(places):
            nxt = places[i + 1] if i + 1 < len(places) else None
            if (
                nxt
                and m.type == "schema:City"
                and nxt.type == "schema:State"
                and self.d.text[m.end : nxt.start] == ", "
            ):
                self.d.fact(s, "program", self.id(m), "schema:containedInPlace", self.id(nxt), 0.8)
            if m.type == "schema:State" and i and self.d.text[places[i - 1].end : m.start] == ", ":
                continue  # the state of the city before it
            self.d.fact(s, "program", edition, "gk:placeVisited", self.id(m), 0.7)
        cohorts = [m for m in s.mentions if m.type == "gk:HeroCohort"]
        if places and cohorts and self.year:  # "The TIP Report Heroes will be visiting with partners in"
            self.d.fact(s, "program", edition, "gk:participant", self.group or self.cohort(self.year), 0.6)

    def _edition_experts(self, edition: str) -> None:
        """Draft the people introduced by name and role after "... meet with experts" as counterparts."""
        for group in _by_line(self.sentences).values():
            if not any(re.search(r"\bmeet(ing)? with\b", s.text) for s in group):
                continue
            for s in group:
                for i, m in enumerate(s.mentions):
                    nxt = s.mentions[i + 1] if i + 1 < len(s.mentions) else None
                    if (
                        m.type == PERSON
                        and not m.hero
                        and nxt is not None
                        and (
                            self.d.text[m.end : nxt.start].lstrip().startswith(",")
                            or self.d.text[m.end : nxt.start].strip() == "from"
                        )
                    ):
                        self.d.fact(s, "program", edition, "gk:counterpart", self.id(m), 0.65)

    def mentions_only(self) -> None:
        named = {x for c in self.d.claims.values() for f in c.facts for x in (f[0], f[2])}
        for s in self.sentences:
            for m in s.mentions:
                if m.type == "?" or id(m) in self.consumed:
                    continue
                entity = self.id(m)
                if self.d.entities[entity].label == self.lex.home_country:
                    continue
                if entity not in named:
                    named.add(entity)
                    key = (s.start, s.end, "mention")
                    claim = self.d.claims.setdefault(
                        key, DraftClaim("", s.text, s.start, s.end, confidence=0.6, rule="mention")
                    )
                    claim.mentions.append(entity)


def _by_line(sentences: list[_Sentence]) -> dict[int, list[_Sentence]]:
    out: dict[int, list[_Sentence]] = {}
    for s in sentences:
        out.setdefault(s.line, []).append(s)
    return out


def _document_year(mentions: list[Mention], text: str) -> str | None:
    years = Counter(
        m.year for m in mentions if m.year and m.type in {"gk:Award", "gk:HeroCohort", "schema:Report"}
    )
    if years:
        return years.most_common(1)[0][0]
    found = Counter(re.findall(r"\b(20\d{2})\b", text[:2000]))
    return found.most_common(1)[0][0] if found else None


def draft_facts(
    document: str,
    text: str,
    lines: list[Line],
    mentions: list[Mention],
    registry: Registry,
    *,
    year: str | None = None,
) -> Draft:
    """Return the draft for one document: its entities and the claims the rules find.

    *year* is the document's year when its metadata gives it; else the text's
    most named year is used.
    """
    drafter = _Drafter(document, text, registry, lines)
    sentences = _sentences(lines, mentions, text)
    rules = _Rules(drafter, sentences, mentions, _document_year(mentions, text) or year)
    rules.run()
    # an entity no claim names is dropped (a curated entity must be named by a quote)
    used = {x for c in drafter.claims.values() for f in c.facts for x in (f[0], f[2])}
    used |= {m for c in drafter.claims.values() for m in c.mentions}
    drafter.entities = {k: v for k, v in drafter.entities.items() if k in used}
    draft = drafter.draft(len(text))
    for entity in draft.new_entities():  # a record's evidence is the first claim that states it
        if not entity.mentions:
            claim = next(c for c in draft.claims if entity.id in {x for f in c.facts for x in (f[0], f[2])})
            entity.mentions, entity.quote = [(claim.start, claim.end)], claim.quote
    return draft
