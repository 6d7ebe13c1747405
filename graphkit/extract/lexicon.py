"""The extractor's word lists: pattern files shipped in ``patterns/`` and pycountry's gazetteer.

Everything the rules know about the genre is data: cue words that type a
name, titles and role words, event kinds, countries (ISO 3166 via pycountry,
plus the short names the genre uses), nationality adjectives, U.S. states
and major cities.

Examples
--------
>>> lex = lexicon()
>>> lex.places["Cambodia"], lex.places["Massachusetts"], lex.places["Boston"]
(('schema:Country', 'Cambodia'), ('schema:State', 'Massachusetts'), ('schema:City', 'Boston'))
>>> lex.demonyms["Cambodian"], lex.city_state["Boston"]
('Cambodia', 'Massachusetts')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

import yaml

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """The pattern files, read once."""

    places: dict[str, tuple[str, str]]  # name -> (class CURIE, canonical label)
    demonyms: dict[str, str]  # "Cambodian" -> "Cambodia"
    city_state: dict[str, str]  # "Boston" -> "Massachusetts"
    cues: dict[str, str]  # cue word -> class CURIE
    connectors: frozenset[str]
    not_names: frozenset[str]
    generic: frozenset[str]
    body_words: frozenset[str]
    unit_words: frozenset[str]
    event_words: frozenset[str]
    adjective_countries: frozenset[str]
    verbs_after_names: frozenset[str]
    home_country: str
    acronyms: dict[str, str]  # "TIP" -> "Trafficking in Persons"
    honorifics: frozenset[str]
    titles: tuple[str, ...]  # longest first
    hero_cues: frozenset[str]
    role_heads: frozenset[str]
    speech_verbs: frozenset[str]
    person_verbs: frozenset[str]
    event_kinds: dict[str, str]  # "keynote address" -> "gk:Keynote"
    events: dict[str, list[str]]


def _load(name: str) -> dict:
    return yaml.safe_load(files("graphkit.extract").joinpath("patterns", name).read_text("utf-8"))


def _country_label(country) -> str:
    return getattr(country, "common_name", None) or country.name


@functools.cache
def lexicon() -> Lexicon:
    """Return the extractor's lexicon (read once per process)."""
    import pycountry

    place_data = _load("places.yaml")
    names = _load("names.yaml")
    people = _load("people.yaml")
    events = _load("events.yaml")

    places: dict[str, tuple[str, str]] = {}
    by_code: dict[str, str] = {}
    for country in pycountry.countries:
        label = _country_label(country)
        by_code[country.alpha_2] = label
        for name in {country.name, label}:
            if "," not in name:
                places.setdefault(name, ("schema:Country", label))
    for code, extra in place_data["country_names"].items():
        label = by_code.get(code, extra[0])
        if code in {"US", "GB"}:
            label = extra[0]
        by_code[code] = label
        for name in extra:
            places[name] = ("schema:Country", label)
    states = {}
    for sub in pycountry.subdivisions.get(country_code="US"):
        states[sub.code] = sub.name
        if sub.type == "State":
            places.setdefault(sub.name, ("schema:State", sub.name))
    city_state = {}
    for city, code in place_data["us_cities"].items():
        label = "Washington, DC" if code == "US-DC" else city
        places.setdefault(city, ("schema:City", label))
        if code != "US-DC":
            city_state[city] = states[code]
    places["Washington"] = ("schema:City", "Washington, DC")  # the genre's Washington is the capital
    for region in place_data["regions"]:
        places.setdefault(region, ("schema:Place", region))
    demonyms = {word: by_code[code] for code, words in place_data["demonyms"].items() for word in words}

    cues = {word: curie for curie, words in names["cues"].items() for word in words}
    kinds = {word: curie for curie, words in events["kinds"].items() for word in words}
    return Lexicon(
        places=places,
        demonyms=demonyms,
        city_state=city_state,
        cues=cues,
        connectors=frozenset(names["connectors"]),
        not_names=frozenset(names["not_names"]),
        generic=frozenset(names["generic"]),
        body_words=frozenset(names["body_words"]),
        unit_words=frozenset(names["unit_words"]),
        event_words=frozenset(names["event_words"]),
        adjective_countries=frozenset(names["adjective_countries"]),
        verbs_after_names=frozenset(names["verbs_after_names"]),
        home_country=place_data["home_country"],
        acronyms=dict(names.get("acronyms", {})),
        honorifics=frozenset(people["honorifics"]),
        titles=tuple(sorted(people["titles"], key=lambda t: -len(t))),
        hero_cues=frozenset(people["hero_cues"]),
        role_heads=frozenset(people["role_heads"]),
        speech_verbs=frozenset(people["speech_verbs"]),
        person_verbs=frozenset(people["person_verbs"]),
        event_kinds=kinds,
        events=events,
    )
