"""Synthetic checkouts at any size, for benchmarks: the real graph's shapes, seeded and reproducible.

:func:`synthesize` writes a checkout (``ontology/``, ``data/corpus/``,
``data/facts/``) of invented announcements in the genre of the corpus: each
document announces a class of TIP Report Heroes (award conferrals with year,
date and presenter; heroes with countries; the class as a cohort), a program
edition that brought them to invented cities with an implementer and
counterparts who hold roles in organizations, an event with a speaker, and a
quotation. Years, countries, cities, programs, organizations and counterparts
are drawn from shared pools that grow with the corpus, so joins on shared
entities behave the way a real, growing corpus does.

Every name is invented from syllables (no real person or organization is
named), every fact is stated by a quote of its own document, and the
checkout goes through the real build — the same loader, provenance and SHACL
shapes as the seed graph — so the benchmarks measure the real data model.

Examples
--------
>>> import tempfile
>>> root = synthesize(tempfile.mkdtemp(), documents=3, seed=7)
>>> sorted(p.name for p in (root / "data" / "facts" / "statements").iterdir())
['synth-000000.yaml', 'synth-000001.yaml', 'synth-000002.yaml']
"""

from __future__ import annotations

import calendar
import hashlib
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.paths import project_paths

__all__ = ["TRIPLES_PER_DOCUMENT", "build_nquads", "documents_for", "synthesize"]

#: Triples the build writes per synthetic document (measured; see ``documents_for``).
TRIPLES_PER_DOCUMENT = 785

_SYLLABLES = [consonant + vowel for consonant in "bdklmnrstvz" for vowel in "aeiou"]
_MONTHS = list(calendar.month_name)[1:]
_ORG_KINDS = ("Foundation", "Network", "Alliance", "Center", "Coalition", "Institute", "Initiative")
_ROLES = ("director", "founder", "executive director", "program officer", "legal advisor", "coordinator")
_TOPICS = ("forced labor", "survivor services", "legal aid", "labor migration", "online exploitation")


def documents_for(triples: int) -> int:
    """Return how many synthetic documents give about ``triples`` triples."""
    return max(1, round(triples / TRIPLES_PER_DOCUMENT))


@dataclass
class _Pools:
    """Entities shared between documents; each pool grows with the corpus."""

    rng: random.Random
    names: set[str] = field(default_factory=set)
    entities: dict[str, dict] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    counterparts: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)

    def name(self, words: int = 2) -> str:
        while True:
            parts = [
                "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()
                for _ in range(words)
            ]
            name = " ".join(parts)
            if name not in self.names:
                self.names.add(name)
                return name

    def add(self, entity_id: str, type_: str, label: str) -> str:
        self.entities[entity_id] = {"id": entity_id, "type": type_, "label": label}
        return entity_id

    def pick(self, pool: list[str], make, size: int) -> str:
        """Draw from ``pool``, making a new member while it is smaller than ``size``."""
        if len(pool) < size and (not pool or self.rng.random() < 0.5):
            pool.append(make(len(pool)))
            return pool[-1]
        return self.rng.choice(pool)


def _slug(text: str) -> str:
    return "-".join("".join(ch for ch in word.lower() if ch.isalnum()) for word in text.split())


def _quote_yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def synthesize(root: str | Path, *, documents: int, seed: int = 42) -> Path:
    """Write a synthetic checkout of ``documents`` announcements under ``root``.

    Parameters
    ----------
    root : str or Path
        The folder to write (created; an existing ``data/`` in it is replaced).
    documents : int
        How many documents; :func:`documents_for` converts a triple count.
    seed : int
        The random seed: the same seed and size give the same bytes.

    Returns
    -------
    Path
        ``root``, ready for :func:`graphkit.build`.
    """
    root = Path(root)
    source = project_paths()
    shutil.rmtree(root / "data", ignore_errors=True)
    (root / "ontology").mkdir(parents=True, exist_ok=True)
    for path in (source.ontology, source.shapes):
        shutil.copyfile(path, root / "ontology" / path.name)
    paths = project_paths(root)
    paths.documents.mkdir(parents=True)
    paths.statements.mkdir(parents=True)

    rng = random.Random(seed)
    pools = _Pools(rng)
    scale = max(1, documents)
    pools.add("tip-report-heroes-award", "gk:Award", "Trafficking in Persons Report Heroes Award")
    pools.add("department-of-state", "schema:GovernmentOrganization", "Department of State")
    pools.add("role-secretary", "org:Role", "Secretary of State")
    manifest: list[str] = []
    for number in range(documents):
        text, claims = _document(pools, number, scale)
        doc_id = f"synth-{number:06d}"
        data = text.encode("utf-8")
        file_name = f"{doc_id}.txt"
        (paths.documents / file_name).write_bytes(data)
        manifest.append(
            f"- id: {doc_id}\n  file: {file_name}\n  sha256: {hashlib.sha256(data).hexdigest()}\n"
            f"  title: Synthetic announcement {number}\n  publisher: department-of-state\n"
            f'  author: null\n  date: "{claims[0][2]}"\n  source: null\n'
        )
        lines = [f"document: {doc_id}", "claims:"]
        for quote, facts, _ in claims:
            lines.append(f"  - quote: {_quote_yaml(quote)}")
            lines.append("    facts:")
            lines += [f"      - [{s}, {p}, {o}]" for s, p, o in facts]
        (paths.statements / f"{doc_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths.manifest.write_text(
        "# Synthetic corpus (graphkit.synth).\n" + "\n".join(manifest), encoding="utf-8"
    )
    entity_lines = [
        f"- id: {e['id']}\n  type: {e['type']}\n  label: {_quote_yaml(e['label'])}"
        for e in sorted(pools.entities.values(), key=lambda e: e["id"])
    ]
    paths.entities.write_text("\n".join(entity_lines) + "\n", encoding="utf-8")
    return root


def build_nquads(root: str | Path, *, chunk: int = 200) -> Path:
    """Build a synthetic checkout's N-Quads in chunks of documents, to bound memory.

    The facts are loaded and checked once, as :func:`graphkit.build` does;
    then each chunk of documents goes through the real
    :func:`~graphkit.rdf.build.build_dataset` on its own (entities and the
    ontology with the first), and the sorted, de-duplicated lines are written
    to ``data/build/graphkit.nq``, with a stamp naming it alone (no TriG), so
    :func:`graphkit.load` uses it without rebuilding. The bytes equal a whole
    build's N-Quads.

    Parameters
    ----------
    root : str or Path
        A checkout written by :func:`synthesize`.
    chunk : int
        Documents built at a time.

    Returns
    -------
    Path
        The N-Quads file.
    """
    from rdflib import Graph, URIRef
    from rdflib.plugins.serializers.nquads import _nq_row

    from graphkit.corpus import Corpus, load_corpus
    from graphkit.dataset import stamp_for
    from graphkit.facts import FactBase, load_facts
    from graphkit.files import atomic_write_all
    from graphkit.rdf.build import build_dataset
    from graphkit.vocab.ontology import load_vocabulary

    paths = project_paths(root)
    vocab = load_vocabulary(paths.ontology)
    corpus = load_corpus(paths)
    facts = load_facts(corpus, vocab, paths)
    ids = list(corpus.documents)
    lines: set[str] = set()
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        sub_corpus = Corpus({i: corpus[i] for i in part}, corpus.manifest_path)
        wanted = set(part)
        sub_facts = FactBase(
            facts.entities if start == 0 else {},
            tuple(c for c in facts.claims if c.document in wanted),
        )
        dataset = build_dataset(sub_corpus, sub_facts, vocab.graph if start == 0 else Graph())
        lines.update(
            _nq_row((s, p, o), g)
            for s, p, o, g in dataset.quads((None, None, None, None))
            if isinstance(g, URIRef)
        )
    data = "".join(sorted(lines)).encode("utf-8")
    outputs = {paths.nquads: data}
    atomic_write_all({**outputs, paths.build_stamp: stamp_for(paths.input_digest(), outputs)})
    return paths.nquads


def _document(pools: _Pools, number: int, scale: int) -> tuple[str, list[tuple[str, list, str]]]:
    """Return one document's text and its claims as ``(quote, facts, date)``."""
    rng = pools.rng
    year = 2004 + number % 20
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    date = f"{year}-{month + 1:02d}-{day:02d}"

    def country(i: int) -> str:
        name = pools.name(1) + "ia"
        return pools.add(f"country-{i}-{_slug(name)}", "schema:Country", name)

    def city(i: int) -> str:
        name = pools.name(1)
        return pools.add(f"city-{i}-{_slug(name)}", "schema:City", name)

    def organization(i: int) -> str:
        name = f"{pools.name(1)} {rng.choice(_ORG_KINDS)}"
        return pools.add(f"org-{i}-{_slug(name)}", "schema:NGO", name)

    def program(i: int) -> str:
        name = f"{pools.name(1)} Exchange Program"
        return pools.add(f"program-{i}-{_slug(name)}", "gk:Program", name)

    presenter_id = f"secretary-{year}"
    if presenter_id not in pools.entities:
        pools.add(presenter_id, "schema:Person", pools.name())
    presenter = pools.entities[presenter_id]["label"]
    cohort = pools.add(f"cohort-{number}", "gk:HeroCohort", f"Heroes of announcement {number}")
    cohort_conferral = pools.add(
        f"conferral-{number}-cohort",
        "gk:AwardConferral",
        f"Award {year} to the heroes of announcement {number}",
    )
    count = rng.randint(4, 8)
    claims: list[tuple[str, list, str]] = []
    opening = (
        f"On {_MONTHS[month]} {day}, {year}, Secretary of State {presenter} presented {count} "
        f"anti-trafficking activists with the {year} TIP Report Heroes Award."
    )
    membership = pools.add(
        f"membership-{presenter_id}", "org:Membership", f"{presenter} as Secretary of State"
    )
    claims.append(
        (
            opening,
            [
                (cohort_conferral, "gk:award", "tip-report-heroes-award"),
                (cohort_conferral, "gk:recipient", cohort),
                (cohort_conferral, "gk:awardYear", f'"{year}"'),
                (cohort_conferral, "dcterms:date", f'"{date}"'),
                (cohort_conferral, "gk:presenter", presenter_id),
                (cohort, "gk:memberCount", f'"{count}"'),
                (membership, "org:member", presenter_id),
                (membership, "org:role", "role-secretary"),
            ],
            date,
        )
    )
    announcement = f"The Department of State announced the {year} class of TIP Report Heroes."
    claims.append((announcement, [("tip-report-heroes-award", "gk:awardedBy", "department-of-state")], date))
    sentences = [opening, announcement]
    heroes = []
    for i in range(count):
        name = pools.name()
        hero = pools.add(f"hero-{number}-{i}-{_slug(name)}", "schema:Person", name)
        heroes.append((hero, name))
        place = pools.pick(pools.countries, country, 190)
        conferral = pools.add(f"conferral-{number}-{i}", "gk:AwardConferral", f"Award {year} to {name}")
        country_name = pools.entities[place]["label"]
        sentence = f"Awardee {name} of {country_name} was honored for work on {rng.choice(_TOPICS)}."
        sentences.append(sentence)
        claims.append(
            (
                sentence,
                [
                    (hero, "gk:country", place),
                    (cohort, "gk:hasMember", hero),
                    (conferral, "gk:award", "tip-report-heroes-award"),
                    (conferral, "gk:recipient", hero),
                    (conferral, "gk:awardYear", f'"{year}"'),
                ],
                date,
            )
        )
    prog = pools.pick(pools.programs, program, max(2, scale // 200))
    edition = f"edition-{pools.entities[prog]['id']}-{year}"
    if edition not in pools.entities:
        pools.add(edition, "gk:ProgramEdition", f"{pools.entities[prog]['label']} {year}")
    implementer = pools.pick(pools.organizations, organization, max(5, scale // 4))
    visited = sorted({pools.pick(pools.cities, city, max(5, scale // 20)) for _ in range(3)})
    city_names = [pools.entities[c]["label"] for c in visited]
    sentence = (
        f"The {pools.entities[implementer]['label']} implemented the {pools.entities[prog]['label']} for "
        f"these awardees in {year}, with meetings in {', '.join(city_names)}."
    )
    sentences.append(sentence)
    facts = [
        (edition, "gk:editionOf", prog),
        (edition, "gk:implementer", implementer),
        (edition, "gk:editionYear", f'"{year}"'),
        (edition, "gk:participant", cohort),
    ]
    facts += [(edition, "gk:placeVisited", c) for c in visited]
    claims.append((sentence, facts, date))

    def counterpart(i: int) -> str:
        name = pools.name()
        person = pools.add(f"person-{i}-{_slug(name)}", "schema:Person", name)
        org = pools.pick(pools.organizations, organization, max(5, scale // 4))
        role_label = rng.choice(_ROLES)
        role = pools.add(f"role-{_slug(role_label)}", "org:Role", role_label)
        pools.add(f"membership-{person}", "org:Membership", f"{name} at {pools.entities[org]['label']}")
        pools.entities[person]["role"] = (role, role_label, org)
        return person

    for person in sorted(
        {pools.pick(pools.counterparts, counterpart, max(10, scale // 2)) for _ in range(2)}
    ):
        role, role_label, org = pools.entities[person]["role"]
        label = pools.entities[person]["label"]
        event = pools.add(f"event-{number}-{person}", "gk:Keynote", f"Keynote by {label} ({number})")
        sentence = (
            f"In {city_names[0]}, {label}, {role_label} of the {pools.entities[org]['label']}, "
            f"delivered a keynote address to the heroes."
        )
        sentences.append(sentence)
        membership = f"membership-{person}"
        claims.append(
            (
                sentence,
                [
                    (edition, "gk:counterpart", person),
                    (event, "schema:superEvent", edition),
                    (event, "gk:speaker", person),
                    (event, "schema:location", visited[0]),
                    (membership, "org:member", person),
                    (membership, "org:role", role),
                    (membership, "org:organization", org),
                ],
                date,
            )
        )
    hero, name = heroes[0]
    said = f"We will keep working until every survivor in {year} and after is safe"
    quotation = pools.add(f"quote-{number}", "schema:Quotation", f"{name} on survivors ({number})")
    sentence = f"“{said},” said {name}."
    sentences.append(sentence)
    claims.append(
        (sentence, [(quotation, "gk:speaker", hero), (quotation, "schema:text", _quote_yaml(said))], date)
    )
    return "\n\n".join(sentences) + "\n", claims
