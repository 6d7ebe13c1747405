"""The extractor on the five real documents: the entities and facts it finds, with exact offsets."""

from __future__ import annotations

import pytest

from graphkit.corpus import load_corpus
from graphkit.extract import extract_text
from graphkit.extract.evaluate import _known_without
from graphkit.extract.linking import KnownEntity, Registry


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def drafts(corpus):
    """Each document drafted knowing nothing of the graph (no registry)."""
    return {doc.id: extract_text(doc.text, doc.id) for doc in corpus}


def facts(draft) -> list[list[str]]:
    return [f for c in draft.claims for f in c.facts]


def entity(draft, label):
    found = [e for e in draft.entities.values() if e.label == label]
    assert found, f"{label!r} not drafted; have {sorted(e.label for e in draft.entities.values())}"
    return found[0]


def test_people_with_titles_stripped_and_offsets(corpus, drafts):
    doc = corpus["meridian-2023-ivlp-tip-heroes"]
    draft = drafts[doc.id]
    blinken = entity(draft, "Antony Blinken")
    assert blinken.type == "schema:Person"
    start, end = blinken.mentions[0]
    assert doc.text[start:end] == "Antony Blinken"
    assert doc.text[start - len("U.S. Secretary of State ") : start] == "U.S. Secretary of State "
    for label in ("Zaheer Ahmed", "Dara Mech", "Eumelis Moya", "Paola Hittscher", "Basim Abdul-Razzak"):
        person = entity(draft, label)
        assert all(doc.text[s:e] in {label, label.split()[-1]} for s, e in person.mentions)
    # "As Ahmed stated" is the same person
    ahmed = entity(draft, "Zaheer Ahmed")
    assert any(doc.text[s:e] == "Ahmed" for s, e in ahmed.mentions)


def test_honorifics_stripped_and_short_forms_linked(corpus, drafts):
    doc = corpus["eca-2021-virtual-ivlp-blog"]
    poole = entity(drafts[doc.id], "Imelda Poole")
    assert [doc.text[s:e] for s, e in poole.mentions] == ["Imelda Poole", "Poole"]
    assert doc.text[poole.mentions[1][0] - 7 : poole.mentions[1][0]] == "Sister "


def test_countries_of_heroes_in_every_pattern(drafts):
    rows = facts(drafts["meridian-2023-ivlp-tip-heroes"])
    for person, country in [
        ("dara-mech", "cambodia"),  # "Awardee Dara Mech of Cambodia"
        ("zaheer-ahmed", "pakistan"),  # "Zaheer Ahmed from Pakistan"
        ("basim-abdul-razzak", "iraq"),  # "Basim Abdul-Razzak and Iman Al Sailawi of Iraq"
        ("iman-al-sailawi", "iraq"),
    ]:
        assert [person, "gk:country", country] in rows


def test_award_conferrals_with_year_and_presenter(drafts):
    draft = drafts["meridian-2023-ivlp-tip-heroes"]
    rows = facts(draft)
    conferral = next(s for s, p, o in rows if p == "gk:recipient" and o == "dara-mech")
    assert [conferral, "gk:award", "tip-report-heroes-award"] in rows
    assert [conferral, "gk:awardYear", "2023"] in rows
    assert ["2023-tip-report-heroes", "gk:hasMember", "dara-mech"] in rows
    cohort = next(s for s, p, o in rows if p == "gk:recipient" and o == "2023-tip-report-heroes")
    assert [cohort, "dcterms:date", "2023-06-15"] in rows
    assert [cohort, "gk:presenter", "antony-blinken"] in rows
    # "presented eight ... activists": a fact of the group's conferral, not copied to each hero
    assert not any(s == conferral and p == "gk:presenter" for s, p, o in rows)


def test_roles_after_the_name_and_before_it(drafts):
    rows = facts(drafts["meridian-2023-ivlp-tip-heroes"])
    membership = next(s for s, p, o in rows if p == "org:member" and o == "martina-vandenberg")
    assert [membership, "org:role", "founder-and-president"] in rows
    assert [membership, "org:organization", "human-trafficking-legal-center"] in rows
    ijm = facts(drafts["ijm-2021-tip-report-release"])
    williams = next(s for s, p, o in ijm if p == "org:member" and o == "peter-williams")
    assert [williams, "org:role", "principal-advisor-on-modern-slavery"] in ijm
    assert [williams, "org:organization", "international-justice-mission"] in ijm


def test_quotations_with_their_speakers(corpus, drafts):
    doc = corpus["ijm-2021-tip-report-release"]
    draft = drafts[doc.id]
    rows = facts(draft)
    spoken = {(s, o) for s, p, o in rows if p == "gk:speaker"}
    assert {o for _, o in spoken} == {"antony-blinken", "peter-williams", "nate-king", "james-foster"}
    assert len(spoken) == 8  # two quotes each, the second continuing after "said X."
    texts = [o for s, p, o in rows if p == "schema:text"]
    assert all(" ".join(t.split()) in " ".join(doc.text.split()) for t in texts)


def test_report_editions_publishers_and_programs(drafts):
    ijm = facts(drafts["ijm-2021-tip-report-release"])
    edition = "2021-trafficking-in-persons-report"
    assert [edition, "schema:isPartOf", "trafficking-in-persons-report"] in ijm
    assert [edition, "schema:publisher", "u-s-department-of-state"] in ijm
    assert ["international-justice-mission", "gk:welcomed", edition] in ijm
    meridian = facts(drafts["meridian-2023-ivlp-tip-heroes"])
    # "Meridian's IVLP TIP Heroes program" is a program within the IVLP, run by Meridian
    program = "ivlp-tip-heroes-program"
    assert [program, "gk:partOfProgram", "international-visitor-leadership-program"] in meridian
    assert [program, "gk:operatedBy", "meridian-international-center"] in meridian
    ivlp = "ivlp-tip-heroes-program-2023"
    assert [ivlp, "gk:editionOf", program] in meridian
    assert [ivlp, "gk:implementer", "meridian-international-center"] in meridian
    # "for six of these awardees": a group within the cohort takes part, not the whole cohort
    group = "six-of-the-2023-tip-report-heroes"
    assert [group, "gk:subgroupOf", "2023-tip-report-heroes"] in meridian
    assert [ivlp, "gk:participant", group] in meridian
    assert [ivlp, "gk:participant", "2023-tip-report-heroes"] not in meridian
    for place in ("washington-dc", "boston", "miami"):
        assert [ivlp, "gk:placeVisited", place] in meridian
    assert ["boston", "schema:containedInPlace", "massachusetts"] in meridian


def test_events_and_their_speakers(drafts):
    meridian = facts(drafts["meridian-2023-ivlp-tip-heroes"])
    assert ["keynote-by-martina-vandenberg", "gk:speaker", "martina-vandenberg"] in meridian
    assert ["keynote-by-martina-vandenberg", "schema:location", "washington-dc"] in meridian
    ijm = facts(drafts["ijm-2021-tip-report-release"])
    assert ["unodc-and-ijm-webinar", "schema:organizer", "unodc"] in ijm


def test_every_claim_quotes_the_document_verbatim(corpus, drafts):
    for doc in corpus:
        for claim in drafts[doc.id].claims:
            assert doc.text[claim.start : claim.end] == claim.quote
            assert 0 < claim.confidence <= 1
        for e in drafts[doc.id].new_entities():
            assert all(0 <= s < t <= len(doc.text) for s, t in e.mentions)


def test_boilerplate_is_skipped(corpus, drafts):
    doc = corpus["state-2021-tip-report"]
    comment_form = next(s for s in doc.boilerplate if s.kind == "comment-form")
    assert all(c.end <= comment_form.start for c in drafts[doc.id].claims)


def test_links_to_known_entities_by_label_alias_and_acronym(corpus):
    registry = [
        KnownEntity("international-justice-mission", "schema:NGO", "International Justice Mission", ("IJM",)),
        KnownEntity("antony-blinken", "schema:Person", "Antony Blinken", ("Antony J. Blinken", "Blinken")),
    ]
    draft = extract_text(corpus["ijm-2021-tip-report-release"].text, "ijm", registry)
    assert draft.entities["international-justice-mission"].known
    assert draft.entities["antony-blinken"].known
    assert "international-justice-mission" in {f[2] for f in facts(draft) if f[1] == "org:organization"}


def test_possible_duplicates_are_proposed_not_merged():
    registry = Registry([KnownEntity("tvpa", "schema:Legislation", "Trafficking Victims Protection Act")])
    assert registry.link("TVPA", "schema:Legislation") is None
    assert registry.propose("TVPA", "schema:Legislation") == (
        "tvpa",
        "the initials of 'Trafficking Victims Protection Act'",
    )
    people = Registry([KnownEntity("imelda-poole", "schema:Person", "Sister Imelda Poole")])
    assert people.link("Imelda Poole", "schema:Person") == "imelda-poole"  # honorifics do not count
    assert people.propose("Poole", "schema:Person") == (
        "imelda-poole",
        "the surname of 'Sister Imelda Poole'",
    )
    draft = extract_text(
        "Awardee Antony J. Blinken of Albania spoke.",
        "x",
        [KnownEntity("antony-blinken", "schema:Person", "Antony Blinken")],
    )
    drafted = entity(draft, "Antony J. Blinken")
    assert drafted.merge["into"] == "antony-blinken"
    assert "middle initial" in drafted.merge["reason"]
    assert drafted.merge["evidence"] == "Antony J. Blinken"


def test_leave_one_out_registry_holds_nothing_learned_from_the_document(corpus):
    from graphkit.facts import load_facts
    from graphkit.vocab.ontology import load_vocabulary

    vocab = load_vocabulary()
    curated = load_facts(corpus, vocab)
    doc = corpus["meridian-2023-ivlp-tip-heroes"]
    known = _known_without(curated, vocab, corpus, doc.id)
    ids = {k.id for k in known}
    assert "zaheer-ahmed" not in ids
    assert "meridian-international-center" not in ids
    others = "\n".join(d.text for d in corpus if d.id != doc.id)
    assert all(name in others for k in known for name in k.names)
    assert "antony-blinken" in ids  # named by other documents too


def test_a_text_cut_off_mid_sentence(corpus):
    doc = corpus["meridian-2023-ivlp-tip-heroes"]
    cut = doc.text.index("Awardee Dara Mech of Cambodia") + len("Awardee Dara Mech of Camb")
    draft = extract_text(doc.text[:cut], "cut")
    rows = facts(draft)
    assert ["zaheer-ahmed", "gk:country", "pakistan"] in rows  # complete sentences before the cut
    assert not any(f[1] == "gk:country" and f[0] == "dara-mech" for f in rows)
    assert all(c.end <= cut for c in draft.claims)


def test_short_forms_the_graph_knows_are_linked():
    known = [
        KnownEntity("international-justice-mission", "schema:NGO", "International Justice Mission", ("IJM",)),
        KnownEntity("tvpa", "schema:Legislation", "Trafficking Victims Protection Act", ("TVPA",)),
    ]
    draft = extract_text("IJM welcomed the report. Congress must reauthorize the TVPA.", "x", known)
    assert draft.entities["international-justice-mission"].known
    assert draft.entities["tvpa"].known
    assert [c.mentions for c in draft.claims if c.mentions][:2] == [
        ["international-justice-mission"],
        ["congress", "tvpa"],
    ]
