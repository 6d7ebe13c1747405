"""Synthetic graphs shaped like the projection's output, for the viz tests.

``sample_graph`` follows the contract of ``graphkit.network`` (node and edge
attributes), with about thirty entities; ``hostile_graph`` adds text that
would run as code if the page ever treated data as HTML; ``random_graph``
makes large graphs for the reduction test and the benchmark.
"""

from __future__ import annotations

import random

import networkx as nx

#: Debian's Chromium, launched as the environment notes say (no background
#: networking: this machine's network is closed, and pages must not need it).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

EX = "https://example.org/graphkit/id/"
GK = "https://example.org/graphkit/ontology#"

DOC_2023 = "2023 Trafficking in Persons Report: Heroes"
DOC_2022 = "2022 Trafficking in Persons Report: Heroes"
DOC_2021 = "2021 Trafficking in Persons Report: Heroes"
DOC_PRESS = "Press release: Secretary honours 2023 TIP Report Heroes"

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"
HOSTILE_HREF = '<a href="javascript:alert(1)">see href</a>'
HOSTILE_DOC = "<b onmouseover=alert(1)>Leaked memo</b> <!-- x"
HOSTILE_QUOTE = "She said </script><script>alert(2)</script> and <!-- then \u2028 left."

_TYPE_IRIS = {
    "Person": GK + "Person",
    "NGO": GK + "NGO",
    "Government body": GK + "GovernmentBody",
    "City": GK + "City",
    "Country": GK + "Country",
    "Program edition": GK + "ProgramEdition",
    "Award conferral": GK + "AwardConferral",
    "Award": GK + "Award",
}


def _node(G: nx.MultiDiGraph, key: str, label: str, type_: str, **attrs: object) -> str:
    iri = EX + key
    G.add_node(
        iri,
        label=label,
        type=type_,
        types=[_TYPE_IRIS[type_]],
        aliases=list(attrs.pop("aliases", [])),
        documents=list(attrs.pop("documents", [])),
        **attrs,
    )
    return iri


def _edge(
    G: nx.MultiDiGraph,
    u: str,
    v: str,
    label: str,
    predicate: str,
    quotes: list[tuple[str, str]],
    **attrs: object,
) -> None:
    docs = sorted({d for _, d in quotes})
    G.add_edge(
        u,
        v,
        key=label,
        predicate=GK + predicate,
        label=label,
        quotes=[{"text": t, "document": d} for t, d in quotes],
        support=len(docs),
        documents=docs,
        **attrs,
    )


def sample_graph() -> nx.MultiDiGraph:
    """Return a graph of about thirty entities around three TIP Report editions."""
    G = nx.MultiDiGraph()
    G.graph["title"] = "TIP Report Heroes"

    ed = {
        y: _node(G, f"edition-{y}", f"TIP Report {y}", "Program edition", year=y, documents=[doc])
        for y, doc in ((2021, DOC_2021), (2022, DOC_2022), (2023, DOC_2023))
    }
    award = _node(G, "award-hero", "TIP Report Hero Award", "Award", documents=[DOC_2023])
    state = _node(
        G,
        "us-state-dept",
        "U.S. Department of State",
        "Government body",
        aliases=["State Department"],
        country="United States",
        documents=[DOC_2021, DOC_2022, DOC_2023, DOC_PRESS],
    )
    for y in ed.values():
        _edge(
            G,
            state,
            y,
            "publishes",
            "publishes",
            [("The Department publishes the report.", DOC_2023)],
        )

    imelda = _node(
        G,
        "imelda-poole",
        "Sister Imelda Poole",
        "Person",
        aliases=["Imelda Poole", "Sr. Imelda Poole"],
        country="Albania",
        award_year=2023,
        documents=[DOC_2023, DOC_PRESS],
    )
    mwl = _node(
        G,
        "mary-ward-loreto",
        "Mary Ward Loreto Foundation",
        "NGO",
        aliases=["MWL"],
        country="Albania",
        documents=[DOC_2023],
    )
    renate = _node(
        G,
        "renate",
        "RENATE",
        "NGO",
        aliases=["Religious in Europe Networking Against Trafficking and Exploitation"],
        documents=[DOC_2023],
    )
    tirana = _node(G, "tirana", "Tirana", "City", country="Albania", documents=[DOC_2023])
    albania = _node(G, "albania", "Albania", "Country", documents=[DOC_2023, DOC_PRESS])
    conf = _node(
        G,
        "conferral-imelda-2023",
        "TIP Report Hero 2023: Sister Imelda Poole",
        "Award conferral",
        award_year=2023,
        documents=[DOC_2023],
    )
    _edge(
        G,
        imelda,
        mwl,
        "founder and president",
        "founderOf",
        [
            (
                "Sister Imelda Poole founded the Mary Ward Loreto Foundation in Albania "
                "and serves as its president.",
                DOC_2023,
            )
        ],
    )
    _edge(
        G,
        imelda,
        renate,
        "president",
        "presidentOf",
        [("She is the president of RENATE, a Europe-wide network of religious.", DOC_2023)],
    )
    _edge(
        G,
        imelda,
        albania,
        "works in",
        "worksIn",
        [
            ("Sister Imelda Poole has worked in Albania since 2004.", DOC_2023),
            ("Poole, who lives in Albania, was honoured in Washington.", DOC_PRESS),
        ],
    )
    _edge(
        G,
        imelda,
        conf,
        "received award (2023)",
        "receivedAward",
        [("Sister Imelda Poole is honoured as a 2023 TIP Report Hero.", DOC_2023)],
        year=2023,
    )
    _edge(G, conf, award, "conferral of", "conferralOf", [("TIP Report Hero Award.", DOC_2023)])
    _edge(G, conf, ed[2023], "part of", "partOf", [("2023 TIP Report Heroes.", DOC_2023)])
    _edge(G, mwl, tirana, "based in", "basedIn", [("The foundation, based in Tirana, …", DOC_2023)])
    _edge(G, tirana, albania, "located in", "locatedIn", [("Tirana, Albania", DOC_2023)])

    heroes = [
        ("amara-okafor", "Amara Okafor", "Nigeria", "Lagos", 2021, "Safe Passage Nigeria"),
        ("lucia-fernandez", "Lucía Fernández", "Argentina", "Buenos Aires", 2022, "Red Alerta"),
        ("tran-van-minh", "Trần Văn Minh", "Vietnam", "Hanoi", 2022, "Blue Lotus Shelter"),
        ("mariam-haddad", "Mariam Haddad", "Jordan", "Amman", 2023, "Tamkeen Legal Aid"),
        ("olena-kovalenko", "Olena Kovalenko", "Ukraine", "Kyiv", 2021, "La Strada Kyiv"),
    ]
    docs = {2021: DOC_2021, 2022: DOC_2022, 2023: DOC_2023}
    for key, name, country, city, year, ngo_name in heroes:
        doc = docs[year]
        person = _node(
            G,
            key,
            name,
            "Person",
            aliases=[name.split()[-1]],
            country=country,
            award_year=year,
            documents=[doc],
        )
        ngo = _node(G, key + "-ngo", ngo_name, "NGO", country=country, documents=[doc])
        c = _node(G, key + "-city", city, "City", country=country, documents=[doc])
        conferral = _node(
            G,
            f"conferral-{key}-{year}",
            f"TIP Report Hero {year}: {name}",
            "Award conferral",
            award_year=year,
            documents=[doc],
        )
        _edge(G, person, ngo, "founder", "founderOf", [(f"{name} founded {ngo_name}.", doc)])
        _edge(G, ngo, c, "based in", "basedIn", [(f"{ngo_name} is based in {city}.", doc)])
        _edge(
            G,
            person,
            conferral,
            f"received award ({year})",
            "receivedAward",
            [(f"{name} is honoured as a {year} TIP Report Hero.", doc)],
            year=year,
        )
        _edge(G, conferral, award, "conferral of", "conferralOf", [("TIP Report Hero Award.", doc)])
        _edge(G, conferral, ed[year], "part of", "partOf", [(f"{year} TIP Report Heroes.", doc)])

    ministry = _node(
        G,
        "ministry-interior-albania",
        "Ministry of Interior of Albania",
        "Government body",
        country="Albania",
        documents=[DOC_2023],
    )
    _edge(
        G,
        mwl,
        ministry,
        "partners with",
        "partnerOf",
        [("The foundation partners with the Ministry of Interior.", DOC_2023)],
    )
    _edge(
        G,
        ministry,
        mwl,
        "funds",
        "funds",
        [("The Ministry co-funds two shelters run by the foundation.", DOC_2023)],
    )
    return G


def hostile_graph() -> nx.MultiDiGraph:
    """Return :func:`sample_graph` plus entities whose text is an attack."""
    G = sample_graph()
    G.graph["title"] = "Heroes <script>alert(1)</script>"
    img = _node(
        G,
        "hostile-img",
        HOSTILE_IMG,
        "Person",
        aliases=[HOSTILE_HREF],
        country='"><svg onload=alert(1)>',
        documents=[HOSTILE_DOC],
    )
    scr = _node(
        G,
        "hostile-script",
        HOSTILE_SCRIPT,
        "NGO",
        aliases=["Hostile NGO"],
        documents=[HOSTILE_DOC, DOC_2023],
    )
    href = _node(G, "hostile-href", HOSTILE_HREF, "City", documents=[HOSTILE_DOC])
    imelda = EX + "imelda-poole"
    _edge(G, img, scr, HOSTILE_SCRIPT, "founderOf", [(HOSTILE_QUOTE, HOSTILE_DOC)])
    _edge(G, scr, href, HOSTILE_IMG, "basedIn", [(HOSTILE_HREF, HOSTILE_DOC)])
    _edge(G, href, imelda, "mentions", "mentions", [(HOSTILE_IMG, HOSTILE_DOC)])
    return G


def random_graph(n: int, *, seed: int = 1, edges_per_node: int = 2) -> nx.MultiDiGraph:
    """Return a scale-free-ish graph of ``n`` entities with the contract's attributes."""
    rng = random.Random(seed)
    types = ["Person", "NGO", "Government body", "City", "Program edition", "Award conferral"]
    base = nx.barabasi_albert_graph(n, edges_per_node, seed=seed)
    G = nx.MultiDiGraph()
    G.graph["title"] = f"Random graph ({n})"
    for i in sorted(base.nodes):
        t = types[rng.randrange(len(types))]
        G.add_node(
            f"{EX}n{i}",
            label=f"Entity {i}",
            type=t,
            types=[_TYPE_IRIS[t]],
            aliases=[],
            documents=[f"Document {rng.randrange(50)}"],
            award_year=2010 + rng.randrange(14),
        )
    for u, v in sorted(base.edges):
        doc = f"Document {rng.randrange(50)}"
        G.add_edge(
            f"{EX}n{u}",
            f"{EX}n{v}",
            key="related to",
            predicate=GK + "relatedTo",
            label="related to",
            quotes=[{"text": f"Entity {u} works with Entity {v}.", "document": doc}],
            support=1,
            documents=[doc],
        )
    return G
