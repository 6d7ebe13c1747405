"""The explorer's API on the committed graph: plain functions, and through a real server."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from sparql_fixtures import start_endpoint, stop_endpoint

import graphkit as gk
from graphkit.explorer import api
from graphkit.explorer.assets import static_file
from graphkit.sparql.library import VIEWS, list_queries, parse_named_query

GKD = "https://w3id.org/graphkit/id/"
DATASET = Path(__file__).resolve().parent.parent / "data" / "build" / "graphkit.nq"


@pytest.fixture(scope="module")
def ds():
    return gk.load()


def test_every_question_names_a_view():
    views = {q.name: q.view for q in list_queries()}
    assert set(views.values()) == set(VIEWS)
    assert (views["heroes"], views["country-heroes"], views["timeline"]) == ("table", "map", "timeline")
    with pytest.raises(gk.QueryError, match="unknown view 'pie'"):
        parse_named_query(
            "x",
            "# title: t\n# description: d\n# params: (none)\n# columns: s\n# view: pie\n"
            "SELECT ?s WHERE { ?s ?p ?o }",
        )


def test_questions_list_parameters_and_views():
    by_name = {q["name"]: q for q in api.questions()}
    assert by_name["evidence"]["params"] == [
        {
            "name": "label",
            "kind": "string",
            "required": True,
            "description": "the entity's name or one of its aliases (case-insensitive)",
        }
    ]
    assert by_name["who-met"]["view"] == "graph"


def test_run_gives_labels_and_places(ds):
    answer = api.run(ds, "heroes")
    assert answer["columns"] == ["hero", "country", "award_year", "documents"]
    names = [row[0]["label"] for row in answer["rows"]]
    assert names[0] == "Sister Imelda Poole"
    assert "Zaheer Ahmed" in names
    zaheer = next(r for r in answer["rows"] if r[0]["label"] == "Zaheer Ahmed")
    assert zaheer[0]["value"] == GKD + "zaheer-ahmed"
    assert zaheer[1] == {
        "type": "uri",
        "value": GKD + "pakistan",
        "label": "Pakistan",
        "place": {"kind": "country", "iso_numeric": "586", "geonameid": 1168579},
    }
    with pytest.raises(api.ApiError, match="needs the parameter label"):
        api.run(ds, "evidence")
    assert api.run(ds, "evidence", {"label": "Zaheer Ahmed"})["rows"]


def test_free_query_errors_carry_line_and_column(ds):
    bad = api.free_query(
        ds, "PREFIX gk: <https://w3id.org/graphkit/ontology#>\nSELECT ?x WHERE {\n  ?x ?y\n}"
    )
    assert bad["refused"] is False
    assert (bad["line"], bad["column"]) == (3, 3)
    refused = api.free_query(ds, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert refused["refused"] is True
    assert refused["error"].startswith("Refused")
    ok = api.free_query(ds, "SELECT ?c WHERE { gkd:zaheer-ahmed gk:country ?c }")
    assert ok["rows"][0][0]["label"] == "Pakistan"


def test_suggestions_follow_the_resolver_and_records_come_last(ds):
    found = api.suggest(ds, "zaheer")
    assert found[0]["label"] == "Zaheer Ahmed"
    assert found[0]["type"] == "Person"
    assert [s["family"] for s in found[1:]] == ["records"] * (len(found) - 1)
    assert api.suggest(ds, "sister poole")[0]["label"] == "Sister Imelda Poole"
    assert api.suggest(ds, "Zaher Ahmd")[0]["label"] == "Zaheer Ahmed"  # a close spelling
    assert api.suggest(ds, "") == []


def test_evidence_gives_the_passage_with_the_quote_at_its_offsets(ds):
    found = api.evidence(ds, iri=GKD + "conferral-2023-zaheer-ahmed")["statements"]
    recipient = next(s for s in found if s["predicate"]["label"] == "recipient")
    assert recipient["object"]["label"] == "Zaheer Ahmed"
    assert recipient["document"].startswith("From Pakistan to Peru")
    text, offset = recipient["passage"]["text"], recipient["passage"]["offset"]
    assert text[recipient["start"] - offset : recipient["end"] - offset] == recipient["quote"]
    assert recipient["quote"].startswith("2023 TIP Report Hero Zaheer Ahmed from Pakistan")
    one = api.evidence(
        ds,
        subject=GKD + "zaheer-ahmed",
        predicate="https://w3id.org/graphkit/ontology#country",
        object=GKD + "pakistan",
    )["statements"]
    assert [s["object"]["label"] for s in one] == ["Pakistan"]
    with pytest.raises(api.ApiError):
        api.evidence(ds)


def test_document_passage_and_bad_offsets(ds):
    p = api.passage(ds, "meridian-2023-ivlp-tip-heroes", 153, 308)
    assert p["passage"]["text"].startswith("On June 15, 2023")
    with pytest.raises(api.ApiError, match="outside"):
        api.passage(ds, "meridian-2023-ivlp-tip-heroes", 0, 10**6)
    with pytest.raises(api.ApiError, match="no document"):
        api.passage(ds, "nope", 0, 1)


def test_result_graph_folds_the_award_into_an_edge(ds):
    data = api.result_graph(ds, "heroes", focus=GKD + "zaheer-ahmed")
    award = next(
        e for e in data["edges"] if e["from"] == GKD + "zaheer-ahmed" and e["label"] == "received (2023)"
    )
    assert award["to"] == GKD + "tip-report-heroes-award"
    assert award["record"] == GKD + "conferral-2023-zaheer-ahmed"
    assert not any(n["family"] == "records" and n["type"] == "Award conferral" for n in data["nodes"])


def test_static_files_are_only_the_known_ones():
    assert static_file("/static/explorer.js")[1].startswith("text/javascript")
    assert b"vis" in static_file("/static/vis-network.min.js")[0][:200]
    assert b"GraphkitView" in static_file("/static/graphview.js")[0]
    for path in ("/static/../api.py", "/static/NOTICE.md", "/etc/passwd", "/static/"):
        assert static_file(path) is None


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def test_the_server_answers_the_api_and_the_page():
    srv = start_endpoint(DATASET)
    base = srv.url.removesuffix("/sparql")
    try:
        status, headers, body = _get(base + "/")
        assert status == 200
        assert b"/static/explorer.js" in body
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe" not in headers["content-security-policy"]
        status, _, body = _get(base + "/api/run?name=heroes")
        assert status == 200
        assert json.loads(body)["rows"][0][0]["label"] == "Sister Imelda Poole"
        status, headers, body = _get(base + "/api/run?name=heroes&format=csv")
        assert headers["content-disposition"] == 'attachment; filename="heroes.csv"'
        assert body.decode().splitlines()[0] == "hero,hero_label,country,country_label,award_year,documents"
        status, _, body = _get(base + "/api/run?name=nope")
        assert status == 404
        assert "no named query" in json.loads(body)["error"]
        status, _, body = _get(base + "/api/document?id=meridian-2023-ivlp-tip-heroes&start=x&end=1")
        assert status == 400
    finally:
        stop_endpoint(srv)
