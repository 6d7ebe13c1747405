"""The checker and Oxigraph read every hostile text the same way, or the checker refuses it.

For each form the text goes through :func:`check_query` and, unchecked,
through Oxigraph in a bounded child pointed at a loopback listener: a
connection means Oxigraph read a SERVICE call. Agreement means: whenever
Oxigraph would call out, the checker refuses; whatever the checker accepts,
Oxigraph runs (as the checked text) without a connection.
"""

from __future__ import annotations

import threading

import pytest
from bounded import run_python
from query_corpus import FROM_FORMS, HARMLESS_FORMS, RUN_ON_OXIGRAPH, SERVICE_FORMS, as_input, fill
from sparql_fixtures import Listener

from graphkit.errors import QueryError, UnsafeQueryError
from graphkit.sparql.safety import check_query


def oxigraph_calls_out(text: str, listener: Listener) -> bool:
    """Run ``text`` unchecked on Oxigraph in a bounded child; say whether it connected."""
    done = threading.Event()
    outcome = []

    def child() -> None:
        outcome.append(run_python(RUN_ON_OXIGRAPH, input=as_input(text), seconds=30))
        done.set()

    thread = threading.Thread(target=child, daemon=True)
    thread.start()
    connected = False
    while not done.is_set():
        connected = listener.connected(wait=0.1) or connected
    thread.join()
    assert not outcome[0].timed_out, f"Oxigraph did not finish on {text!r}"
    return connected or listener.connected(wait=0.05)


def verdict(text: str) -> str:
    try:
        check_query(text)
    except UnsafeQueryError:
        return "refused as unsafe"
    except QueryError:
        return "refused as malformed"
    return "accepted"


@pytest.mark.parametrize("form", sorted(SERVICE_FORMS))
def test_checker_and_oxigraph_agree_on_service(form: str, listener: Listener) -> None:
    """If Oxigraph would call out on the text, the checker refuses it; what it accepts calls nobody."""
    text = fill(SERVICE_FORMS[form], listener.url)
    seen = verdict(text)
    if oxigraph_calls_out(text, listener):
        assert seen != "accepted", f"{form}: Oxigraph calls out and the checker accepts"
    if seen == "accepted":
        assert not oxigraph_calls_out(check_query(text).text, listener), f"{form}: accepted, Oxigraph calls"


@pytest.mark.parametrize("form", sorted(HARMLESS_FORMS))
def test_the_word_service_outside_code_is_accepted_and_calls_nobody(form: str, listener: Listener) -> None:
    checked = check_query(fill(HARMLESS_FORMS[form], listener.url))
    assert not oxigraph_calls_out(checked.text, listener)


def test_the_corpus_holds_real_bypasses_of_a_checker_that_reads_with_rdflib_alone(listener: Listener) -> None:
    """Positive control: before normalisation, rdflib saw no SERVICE in these and Oxigraph called out."""
    from rdflib.plugins.sparql.parser import parseQuery

    from graphkit.sparql.safety import _refuse_unsafe_nodes

    bypasses = [
        "cr-ends-comment",
        "cr-cr-ends-comment",
        "escaped-quote-ends-string",
        "escaped-apostrophe-ends-string",
        "escaped-long-quote",
    ]
    for form in bypasses:
        text = fill(SERVICE_FORMS[form], listener.url)
        _refuse_unsafe_nodes(parseQuery(text))  # rdflib alone: no SERVICE here
        assert oxigraph_calls_out(text, listener), form
        with pytest.raises(QueryError):
            check_query(text)


def test_every_service_form_is_refused() -> None:
    verdicts = {form: verdict(fill(text, "http://127.0.0.1:9/")) for form, text in SERVICE_FORMS.items()}
    assert [form for form, seen in verdicts.items() if seen == "accepted"] == []


def oxigraph_reads_from(text: str, foreign: str) -> bool:
    """Say whether Oxigraph reads a FROM <foreign> in ``text``: only that graph holds a triple."""
    import pyoxigraph as ox

    store = ox.Store()
    triple = (ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o"))
    store.add(ox.Quad(*triple, ox.NamedNode(foreign)))
    try:
        answer = store.query(text)
    except SyntaxError:
        return False
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    return len(list(answer)) > 0


@pytest.mark.parametrize("form", sorted(FROM_FORMS))
def test_checker_and_oxigraph_agree_on_from(form: str) -> None:
    """If Oxigraph reads a foreign FROM in the text, the checker refuses it; what it accepts has none."""
    foreign = "http://127.0.0.1:9/graph"
    text = fill(FROM_FORMS[form], foreign)
    seen = verdict(text)
    if oxigraph_reads_from(text, foreign) or oxigraph_reads_from(text, foreign + "x"):
        assert seen != "accepted", f"{form}: Oxigraph reads FROM and the checker accepts"
    if seen == "accepted":
        checked = check_query(text).text
        assert not oxigraph_reads_from(checked, foreign), form
        assert not oxigraph_reads_from(checked, foreign + "x"), form


@pytest.mark.parametrize("form", ["cr-ends-comment", "cr-ends-comment-named", "escaped-quote"])
def test_the_corpus_hides_a_foreign_from_from_rdflib_alone(form: str) -> None:
    """Positive control for FROM: rdflib reads a comment, Oxigraph a FROM clause."""
    from rdflib.plugins.sparql.parser import parseQuery

    text = fill(FROM_FORMS[form], "http://127.0.0.1:9/graph")
    assert "datasetClause" not in parseQuery(text)[1]
    assert oxigraph_reads_from(text, "http://127.0.0.1:9/graph")
    with pytest.raises(QueryError):
        check_query(text)
