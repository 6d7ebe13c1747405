"""Views of a projected graph that people ask for.

* :func:`simple_graph`: the undirected, single-edge graph most algorithms want;
* :func:`hero_counterpart_graph`: heroes and the counterparts they met during
  a program edition, as a bipartite graph, and its weighted one-mode
  projections :func:`hero_projection` (heroes linked by shared counterparts)
  and :func:`counterpart_projection` (counterparts linked by shared heroes);
* :func:`document_view`, :func:`year_view`, :func:`edition_view`: the part of
  the graph that one document, one year's documents or one program edition
  states;
* :func:`ego_view`: an entity and everything within *k* relations of it;
* :func:`type_view`: the entities of some types;
* :func:`select_view`: the views a command line asks for, combined.

The whole entity graph is :func:`graphkit.network.project` itself. Views that
read program editions and award conferrals need them as nodes, that is a
graph projected with ``nary="keep"`` (the default).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graphkit.errors import InputError
from graphkit.network.labels import normalize, resolve
from graphkit.vocab.namespaces import GK, ORG, SCHEMA

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "counterpart_projection",
    "document_view",
    "edition_view",
    "ego_view",
    "hero_counterpart_graph",
    "hero_projection",
    "heroes",
    "select_view",
    "simple_graph",
    "type_view",
    "year_view",
]

_PARTICIPATION = {str(GK.participant), str(SCHEMA.attendee), str(GK.speaker)}


def _types(G: nx.Graph, node: str) -> list[str]:
    return list(G.nodes[node].get("types") or [])


def _out(G: nx.MultiDiGraph, node: str, predicate: Any) -> list[tuple[str, dict[str, Any]]]:
    return sorted(
        ((v, d) for _, v, d in G.out_edges(node, data=True) if d.get("predicate") == str(predicate)),
        key=lambda vd: vd[0],
    )


def _in(G: nx.MultiDiGraph, node: str, predicate: Any) -> list[tuple[str, dict[str, Any]]]:
    return sorted(
        ((u, d) for u, _, d in G.in_edges(node, data=True) if d.get("predicate") == str(predicate)),
        key=lambda ud: ud[0],
    )


def _need_keep(G: nx.Graph, what: str) -> None:
    if G.graph.get("nary", "keep") != "keep":
        raise InputError(f"{what} needs a graph projected with nary='keep'")


def _merge(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    parts = list(parts)
    quotes = {(q["document"], q["text"]) for d in parts for q in d.get("quotes") or []}
    documents = sorted({doc for d in parts for doc in d.get("documents") or []})
    return {
        "quotes": [{"text": t, "document": doc} for doc, t in sorted(quotes)],
        "documents": documents,
        "support": len(documents),
    }


def simple_graph(G: nx.Graph) -> nx.Graph:
    """Return the undirected graph with one edge per related pair of entities.

    Parallel and opposite edges are merged: ``labels`` lists their relation
    labels, ``label`` joins them, ``relations`` counts them, ``documents`` and
    ``quotes`` are their union and ``support`` counts those documents. Self
    loops are left out. Node attributes are kept.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_edge("a", "b", key="x", label="x", documents=["D1"], quotes=[])
    'x'
    >>> M.add_edge("b", "a", key="y", label="y", documents=["D2"], quotes=[])
    'y'
    >>> S = simple_graph(M)
    >>> S["a"]["b"]["labels"], S["a"]["b"]["support"]
    (['x', 'y'], 2)
    """
    import networkx as nx

    S = nx.Graph()
    S.graph.update(G.graph)
    S.add_nodes_from(sorted(G.nodes(data=True), key=lambda nd: nd[0]))
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if u != v:
            pairs[(min(u, v), max(u, v))].append(d)
    for (u, v), parts in sorted(pairs.items()):
        labels = sorted({str(d.get("label", "")) for d in parts})
        S.add_edge(u, v, label="; ".join(labels), labels=labels, relations=len(parts), **_merge(parts))
    return S


def heroes(G: nx.MultiDiGraph) -> list[str]:
    """Return the heroes: persons who received a conferral of an award.

    Works on both ``nary`` modes.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> G = project(gk.load())
    >>> [G.nodes[h]["label"] for h in heroes(G)][:3]
    ['Basim Abdul-Razzak', 'Dara Mech', 'Eumelis Moya']
    """
    person, award = str(SCHEMA.Person), str(GK.Award)
    found: set[str] = set()
    for u, v, d in G.edges(data=True):
        predicate = d.get("predicate")
        if predicate == str(GK.recipient) and person in _types(G, v):
            if any(award in _types(G, a) for a, _ in _out(G, u, GK.award)):
                found.add(v)
        elif predicate == str(GK.award) and d.get("record") and person in _types(G, u):
            found |= {u} if award in _types(G, v) else set()
    return sorted(found, key=lambda n: (G.nodes[n].get("label", n), n))


def _affiliations(G: nx.MultiDiGraph, person: str) -> list[tuple[str, list[dict[str, Any]]]]:
    found = [(org, [d]) for org, d in _out(G, person, SCHEMA.affiliation)]
    for membership, member_edge in _in(G, person, ORG.member):
        for org, org_edge in _out(G, membership, ORG.organization):
            found.append((org, [member_edge, org_edge]))
    return sorted(found, key=lambda od: od[0])


def hero_counterpart_graph(
    G: nx.MultiDiGraph, *, through_cohorts: bool = False, organizations: bool = False
) -> nx.Graph:
    """Return the bipartite graph of heroes and the counterparts they met.

    A hero met a counterpart when the hero took part in a program edition (or
    in an event that was part of one) whose counterparts include it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph projected with ``nary="keep"``.
    through_cohorts : bool
        Also count a hero as a participant when only their cohort is named
        as one. Off by default: the 2023 edition was for six of the eight
        heroes, so membership alone does not prove participation.
    organizations : bool
        Replace a counterpart person by the organizations they are affiliated
        with or hold a role at (Martina Vandenberg becomes the Human
        Trafficking Legal Center), keeping people with no organization.

    Returns
    -------
    networkx.Graph
        Heroes have ``bipartite=0``, counterparts ``bipartite=1`` (the
        networkx convention), with their attributes from *G*. Each edge has
        ``label`` ("met with"), ``editions`` (labels), ``weight`` (how many
        editions), and the ``quotes``, ``documents`` and ``support`` of the
        statements it rests on.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> B = hero_counterpart_graph(project(gk.load()), organizations=True)
    >>> sorted(B.nodes[n]["label"] for n in B["https://w3id.org/graphkit/id/imelda-poole"])[:2]
    ['Freedom Network USA', 'Human Trafficking Legal Center']
    """
    import networkx as nx

    _need_keep(G, "the hero-counterpart graph")
    hero_set = set(heroes(G))
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for edition in sorted(n for n in G if str(GK.ProgramEdition) in _types(G, n)):
        settings = [(edition, _out(G, edition, GK.counterpart))]
        participants: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p, d in _out(G, edition, GK.participant):
            participants[p].append(d)
            if through_cohorts and str(GK.HeroCohort) in _types(G, p):
                for member, md in _out(G, p, GK.hasMember):
                    participants[member] += [d, md]
        for event, _ in _in(G, edition, SCHEMA.superEvent):
            settings.append((event, _out(G, event, GK.counterpart)))
        for setting, counterparts in settings:
            if setting == edition:
                present = participants
            else:
                present = defaultdict(list)
                for pred in sorted(_PARTICIPATION):
                    for p, d in _out(G, setting, pred):
                        present[p].append(d)
            for hero in sorted(set(present) & hero_set):
                for counterpart, cd in counterparts:
                    targets = [(counterpart, [])]
                    if organizations and str(SCHEMA.Person) in _types(G, counterpart):
                        targets = _affiliations(G, counterpart) or targets
                    for target, via in targets:
                        link = links.setdefault((hero, target), {"editions": set(), "parts": []})
                        link["editions"].add(G.nodes[edition]["label"])
                        link["parts"] += [*present[hero], cd, *via]
    B = nx.Graph()
    B.graph.update(G.graph)
    B.graph["title"] = f"{G.graph.get('title', 'Graph')}: heroes and counterparts"
    for side, nodes in ((0, {h for h, _ in links}), (1, {c for _, c in links})):
        for n in sorted(nodes):
            B.add_node(n, **G.nodes[n], bipartite=side)
    for (hero, counterpart), link in sorted(links.items()):
        editions = sorted(link["editions"])
        B.add_edge(
            hero,
            counterpart,
            label="met with",
            editions=editions,
            weight=len(editions),
            **_merge(link["parts"]),
        )
    return B


def _one_mode(B: nx.Graph, side: int, noun: str, plural: str) -> nx.Graph:
    from networkx.algorithms import bipartite

    nodes = sorted(n for n, s in B.nodes(data="bipartite") if s == side)
    if len(nodes) in (0, len(B)):
        raise InputError("the graph has no counterparts or no heroes to project")
    P = bipartite.weighted_projected_graph(B, nodes)
    H = type(P)()
    H.graph.update(B.graph)
    H.add_nodes_from((n, P.nodes[n]) for n in nodes)
    for u, v in sorted((min(e), max(e)) for e in P.edges()):
        shared = sorted(set(B[u]) & set(B[v]))
        weight = P[u][v]["weight"]
        H.add_edge(
            u,
            v,
            weight=weight,
            label=f"{weight} shared {noun if weight == 1 else plural}",
            shared=[B.nodes[n].get("label", n) for n in shared],
        )
    return H


def hero_projection(B: nx.Graph) -> nx.Graph:
    """Link heroes by the counterparts they share (weight: how many).

    Parameters
    ----------
    B : networkx.Graph
        A graph from :func:`hero_counterpart_graph`.

    Returns
    -------
    networkx.Graph
        Heroes, with edges ``weight``, ``label`` and ``shared`` (the labels of
        the shared counterparts).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> H = hero_projection(hero_counterpart_graph(project(gk.load())))
    >>> H["https://w3id.org/graphkit/id/zaheer-ahmed"]["https://w3id.org/graphkit/id/dara-mech"]["label"]
    '3 shared counterparts'
    """
    return _one_mode(B, 0, "counterpart", "counterparts")


def counterpart_projection(B: nx.Graph) -> nx.Graph:
    """Link counterparts by the heroes they share (weight: how many).

    Parameters
    ----------
    B : networkx.Graph
        A graph from :func:`hero_counterpart_graph`.

    Returns
    -------
    networkx.Graph
        Counterparts, with edges ``weight``, ``label`` and ``shared`` (the
        labels of the shared heroes).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> B = hero_counterpart_graph(project(gk.load()), organizations=True)
    >>> O = counterpart_projection(B)
    >>> O["https://w3id.org/graphkit/id/polaris-project"][
    ...     "https://w3id.org/graphkit/id/human-trafficking-legal-center"]["weight"]
    5
    """
    return _one_mode(B, 1, "hero", "heroes")


def _match_documents(G: nx.Graph, names: Iterable[str]) -> list[str]:
    docs = G.graph.get("documents") or {}
    chosen: list[str] = []
    for name in names:
        query = normalize(str(name))
        found = [t for t, d in docs.items() if query in {normalize(t), normalize(str(d.get("id")))}]
        if not found:
            found = [t for t in docs if query and query in normalize(t)]
        if len(found) != 1:
            listed = "\n".join(f"  {t} ({docs[t].get('id')})" for t in sorted(found or docs))
            what = "several documents" if found else "no document"
            raise InputError(f"{name!r} matches {what}; the documents are:\n{listed}")
        chosen.append(found[0])
    return sorted(set(chosen))


def document_view(G: nx.MultiDiGraph, documents: str | Iterable[str]) -> nx.MultiDiGraph:
    """Return the part of the graph that some documents state.

    Nodes are the entities those documents mention (and the ends of the
    edges they state); edges are the relations they state. Each node's and
    edge's ``documents``, ``quotes`` and ``support`` are narrowed to those
    documents.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph.
    documents : str or iterable of str
        Document titles or ids, matched forgivingly (case, part of a title).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> D = document_view(project(gk.load()), "from pakistan to peru")
    >>> D.number_of_nodes(), D.number_of_edges()
    (55, 71)
    """
    import networkx as nx

    wanted = set(_match_documents(G, [documents] if isinstance(documents, str) else documents))
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["title"] = f"{G.graph.get('title', 'Graph')}: {'; '.join(sorted(wanted))}"
    edges = []
    for u, v, k, d in G.edges(keys=True, data=True):
        kept = sorted(set(d.get("documents") or []) & wanted)
        if kept:
            quotes = [q for q in d.get("quotes") or [] if q["document"] in wanted]
            edges.append((u, v, k, {**d, "quotes": quotes, "documents": kept, "support": len(kept)}))
    ends = {x for u, v, _, _ in edges for x in (u, v)}
    for n, d in sorted(G.nodes(data=True), key=lambda nd: nd[0]):
        kept = sorted(set(d.get("documents") or []) & wanted)
        if kept or n in ends:
            H.add_node(n, **{**d, "documents": kept})
    H.add_edges_from(sorted(edges, key=lambda e: e[:3]))
    return H


def year_view(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """Return the part of the graph stated by the documents issued in *year*.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> Y = year_view(project(gk.load()), 2023)
    >>> "https://w3id.org/graphkit/id/zaheer-ahmed" in Y, Y.graph["title"]
    (True, 'TIP Report Heroes knowledge graph: 2023')
    """
    docs = G.graph.get("documents") or {}
    titles = sorted(t for t, d in docs.items() if d.get("year") == int(year))
    if not titles:
        years = sorted({d.get("year") for d in docs.values() if d.get("year") is not None})
        raise InputError(f"no document was issued in {year}; the years are {years}")
    H = document_view(G, titles)
    H.graph["title"] = f"{G.graph.get('title', 'Graph')}: {int(year)}"
    return H


def edition_view(G: nx.MultiDiGraph, edition: str) -> nx.MultiDiGraph:
    """Return one program edition with everything it links: the subgraph of one edition.

    The nodes are the edition, its neighbours (participants, counterparts,
    implementer, places, program), the events that were part of it and their
    neighbours, and the named members of cohorts that took part.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> E = edition_view(project(gk.load()), "IVLP 2021 for the TIP Report Heroes")
    >>> sorted(E.nodes[n]["label"] for n in E if E.nodes[n]["type"] == "NGO")
    ['Freedom Network USA', 'Human Trafficking Legal Center', 'Polaris Project']
    """
    _need_keep(G, "the edition view")
    node = resolve(G, edition)
    if str(GK.ProgramEdition) not in _types(G, node):
        label = G.nodes[node].get("label", node)
        raise InputError(f"{label!r} is a {G.nodes[node].get('type')}, not a program edition")
    keep = {node} | set(G.successors(node)) | set(G.predecessors(node))
    for event, _ in _in(G, node, SCHEMA.superEvent):
        keep |= set(G.successors(event)) | set(G.predecessors(event))
    for cohort, _ in _out(G, node, GK.participant):
        keep |= {m for m, _ in _out(G, cohort, GK.hasMember)}
    H = G.subgraph(sorted(keep)).copy()
    H.graph["title"] = f"{G.graph.get('title', 'Graph')}: {G.nodes[node]['label']}"
    return H


def ego_view(G: nx.MultiDiGraph, name: str, *, radius: int = 1) -> nx.MultiDiGraph:
    """Return an entity and every entity within *radius* relations of it (either direction).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> E = ego_view(project(gk.load()), "Zaheer Ahmed", radius=1)
    >>> sorted(E.nodes[n]["label"] for n in E)[:2]
    ['2023 TIP Report Heroes', 'Ahmed: "Human trafficking is not a localized crime anymore"']
    """
    import networkx as nx

    if radius < 0:
        raise InputError(f"the radius must be 0 or more, not {radius}")
    node = resolve(G, name)
    reach = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, radius)
    H = G.subgraph(sorted(reach)).copy()
    H.graph["title"] = f"{G.graph.get('title', 'Graph')}: {G.nodes[node]['label']} (radius {radius})"
    return H


def type_view(G: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    """Return the entities of the given types (readable labels such as ``"NGO"``) and their relations.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> T = type_view(project(gk.load()), ["Person", "NGO"])
    >>> sorted({T.nodes[n]["type"] for n in T})
    ['NGO', 'Person']
    """
    wanted = {normalize(t) for t in types}
    known = sorted({G.nodes[n]["type"] for n in G})
    unknown = sorted(t for t in types if normalize(t) not in {normalize(k) for k in known})
    if unknown:
        names = ", ".join(map(repr, unknown))
        raise InputError(f"unknown type(s) {names}; the types are: {', '.join(known)}")
    H = G.subgraph(sorted(n for n in G if normalize(G.nodes[n]["type"]) in wanted)).copy()
    H.graph["title"] = f"{G.graph.get('title', 'Graph')}: {', '.join(sorted(types))}"
    return H


def select_view(
    G: nx.MultiDiGraph,
    *,
    year: int | None = None,
    document: str | None = None,
    edition: str | None = None,
    focus: str | None = None,
    radius: int = 1,
    types: Iterable[str] | None = None,
) -> tuple[nx.MultiDiGraph, list[str]]:
    """Apply the views a command line asks for, in a fixed order, and describe them.

    The order is: document, year, program edition, entity types, then the ego
    graph of *focus*. With no option the whole graph comes back.

    Returns
    -------
    tuple of (networkx.MultiDiGraph, list of str)
        The view and a description of each filter applied (for captions).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> H, filters = select_view(project(gk.load()), year=2021, focus="Sister Poole", radius=1)
    >>> filters
    ['year 2021', 'around Sister Imelda Poole (radius 1)']
    """
    filters = []
    if document is not None:
        G = document_view(G, document)
        filters.append(f"document {G.graph['title'].rsplit(': ', 1)[-1]}")
    if year is not None:
        G = year_view(G, year)
        filters.append(f"year {int(year)}")
    if edition is not None:
        G = edition_view(G, edition)
        filters.append(f"program edition {G.graph['title'].rsplit(': ', 1)[-1]}")
    if types:
        types = list(types)
        G = type_view(G, types)
        filters.append(f"types {', '.join(sorted(types))}")
    if focus is not None:
        node = resolve(G, focus)
        G = ego_view(G, node, radius=radius)
        filters.append(f"around {G.nodes[node]['label']} (radius {radius})")
    return G, filters
