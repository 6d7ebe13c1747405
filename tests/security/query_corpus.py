"""Hostile query texts: SERVICE and FROM in comment, escape, whitespace, Unicode and case variants.

Each text holds the placeholder ``URL`` (a loopback listener's address). The
forms are what an attacker tries against a checker that parses with one
SPARQL grammar while an engine runs another: characters that end a comment
for one parser and not the other, codepoint escapes one expands before
tokenising, whitespace one skips, keyword spellings one folds.
"""

from __future__ import annotations

import json

#: Texts in which Oxigraph, rdflib or both may read a SERVICE call to URL.
SERVICE_FORMS: dict[str, str] = {
    "plain": "ASK { SERVICE <URL> { ?s ?p ?o } }",
    "silent": "ASK { SERVICE SILENT <URL> { ?s ?p ?o } }",
    "lowercase": "ask { service <URL> { ?s ?p ?o } }",
    "mixed-case": "AsK { SeRvIcE <URL> { ?s ?p ?o } }",
    "no-spaces": "ASK{SERVICE<URL>{?s ?p ?o}}",
    "variable": "ASK { BIND(<URL> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "empty-prefix-glued": "PREFIX : <URL> ASK { SERVICE:x { ?s ?p ?o } }",
    "keyword-glued-to-prefix": (
        "PREFIX SERVICEx: <http://h:> PREFIX x: <URL> ASK { SERVICEx:8x { ?s ?p ?o } }"
    ),
    "nested-braces": "ASK { { { OPTIONAL { FILTER EXISTS { SERVICE <URL> { ?s ?p ?o } } } } } }",
    "subquery": "ASK { { SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } } } }",
    "select-expression": "SELECT (EXISTS { SERVICE <URL> { ?s ?p ?o } } AS ?x) WHERE {}",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "describe": "DESCRIBE ?s WHERE { SERVICE <URL> { ?s ?p ?o } }",
    # line terminators after a # comment
    "cr-ends-comment": "ASK { # c\rSERVICE <URL> { ?s ?p ?o }\n}",
    "crlf-ends-comment": "ASK { # c\r\nSERVICE <URL> { ?s ?p ?o }\n}",
    "cr-cr-ends-comment": "ASK { # c\r\rSERVICE <URL> { ?s ?p ?o }\n}",
    "vt-in-comment": "ASK { # c\x0bSERVICE <URL> { ?s ?p ?o }\n}",
    "ff-in-comment": "ASK { # c\x0cSERVICE <URL> { ?s ?p ?o }\n}",
    "nel-in-comment": "ASK { # c\x85SERVICE <URL> { ?s ?p ?o }\n}",
    "line-separator-in-comment": "ASK { # c\u2028SERVICE <URL> { ?s ?p ?o }\n}",
    "paragraph-separator-in-comment": "ASK { # c\u2029SERVICE <URL> { ?s ?p ?o }\n}",
    "nul-in-comment": "ASK { # c\x00SERVICE <URL> { ?s ?p ?o }\n}",
    "file-separator-in-comment": "ASK { # c\x1cSERVICE <URL> { ?s ?p ?o }\n}",
    # codepoint escapes: rdflib expands them in the whole text, Oxigraph only in strings and IRIs
    "escaped-quote-ends-string": 'ASK { VALUES ?x { "x\\u0022 } # " } SERVICE <URL> { ?s ?p ?o }\n}',
    "escaped-apostrophe-ends-string": "ASK { VALUES ?x { 'x\\u0027 } # ' } SERVICE <URL> { ?s ?p ?o }\n}",
    "escaped-long-quote": 'ASK { VALUES ?x { """x\\U00000022"" } # """ } SERVICE <URL> { ?s ?p ?o }\n}',
    "escaped-keyword": "ASK { \\u0053ERVICE <URL> { ?s ?p ?o } }",
    "escaped-lf-in-comment": "ASK { # c\\u000aSERVICE <URL> { ?s ?p ?o }\n}",
    "escaped-cr-in-comment": "ASK { # c\\u000DSERVICE <URL> { ?s ?p ?o }\n}",
    "escape-in-service-iri": "ASK { SERVICE <URL\\u0078> { ?s ?p ?o } }",
    "escaped-hash": "ASK { ?s ?p ?o \\u0023 . }\nSERVICE <URL> { ?s ?p ?o }",
    # byte-order marks, control characters, Unicode whitespace as separators
    "bom-at-start": "\ufeffASK { SERVICE <URL> { ?s ?p ?o } }",
    "bom-inside": "ASK {\ufeff SERVICE <URL> { ?s ?p ?o } }",
    "nul-separator": "ASK {\x00SERVICE <URL> { ?s ?p ?o } }",
    "vt-ff-separators": "ASK {\x0b\x0cSERVICE <URL> { ?s ?p ?o } }",
    "no-break-space": "ASK {\u00a0SERVICE <URL> { ?s ?p ?o } }",
    "ideographic-space": "ASK {\u3000SERVICE\u3000<URL> { ?s ?p ?o } }",
    "zero-width-space": "ASK { SERVICE\u200b <URL> { ?s ?p ?o } }",
    # strings, IRIs and names around the keyword
    "long-string-with-hash": 'ASK { ?s ?p """x\n# """ . SERVICE <URL> { ?s ?p ?o } }',
    "long-string-inner-quotes": "ASK { ?s ?p '''it''s''' . SERVICE <URL> { ?s ?p ?o } }",
    "string-escaped-quote": 'ASK { ?s ?p "a\\"b # " . SERVICE <URL> { ?s ?p ?o }\n}',
    "apostrophe-string-escaped-quote": "ASK { ?s ?p 'a\\\"b # ' . SERVICE <URL> { ?s ?p ?o }\n}",
    "hash-in-iri": "ASK { ?s <urn:a#b> ?o . SERVICE <URL> { ?s ?p ?o } }",
    "relative-iri-with-hash": "ASK { ?s ?p <a#> . SERVICE <URL> { ?s ?p ?o } }",
    # case folding beyond ASCII: rdflib upper-cases with Unicode rules, Oxigraph with ASCII ones
    "long-s": "ASK { \u017fervice <URL> { ?s ?p ?o } }",
    "dotless-i": "ASK { serv\u0131ce <URL> { ?s ?p ?o } }",
    "fullwidth-letters": "ASK { \uff33\uff25\uff32\uff36\uff29\uff23\uff25 <URL> { ?s ?p ?o } }",
}

#: Texts where the word SERVICE is only in comments, strings, IRIs and names: both parsers agree.
HARMLESS_FORMS: dict[str, str] = {
    "comment-line": "# SERVICE <URL> { ?s ?p ?o }\nASK { ?s ?p ?o }",
    "comment-crlf": "# SERVICE <URL> { ?s ?p ?o }\r\nASK { ?s ?p ?o }\r\n",
    "string": "ASK { ?s ?p 'SERVICE <URL> { ?s ?p ?o }' }",
    "long-string": 'ASK { ?s ?p """\nSERVICE <URL> { ?s ?p ?o }\n""" }',
    "variable-name": "ASK { ?service ?p ?o }",
    "iri": "ASK { ?s <http://example.org/SERVICE> ?o }",
    "prefixed-names": "PREFIX service: <urn:x:> ASK { ?s service:SERVICE ?o }",
    "language-tag": "ASK { ?s ?p 'x'@en-service }",
}

#: Texts that may name a foreign graph in FROM / FROM NAMED (the placeholder is its IRI).
FROM_FORMS: dict[str, str] = {
    "plain": "ASK FROM <URL> { ?s ?p ?o }",
    "named": "ASK FROM NAMED <URL> { GRAPH ?g { ?s ?p ?o } }",
    "lowercase": "ask from <URL> { ?s ?p ?o }",
    "cr-ends-comment": "ASK # c\rFROM <URL>\n{ ?s ?p ?o }",
    "cr-ends-comment-named": "ASK # c\rFROM NAMED <URL>\n{ GRAPH ?g { ?s ?p ?o } }",
    "escaped-quote": 'SELECT (STR("x\\u0022) AS ?y) # ") AS ?x) FROM <URL>\nWHERE { ?s ?p ?o }',
    "escaped-iri": "ASK FROM <URL\\u0078> { ?s ?p ?o }",
    "bom": "\ufeffASK FROM <URL> { ?s ?p ?o }",
    "base-relative": "BASE <URL> ASK FROM <x> { ?s ?p ?o }",
    "nul-in-comment": "ASK # c\x00FROM <URL>\n{ ?s ?p ?o }",
}

#: Updates, which no query interface may run.
UPDATE_FORMS: dict[str, str] = {
    "load": "LOAD <URL>",
    "load-silent-into": "LOAD SILENT <URL> INTO GRAPH <urn:g>",
    "lowercase-load": "load <URL>",
    "insert-data": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "delete-where": "DELETE WHERE { ?s ?p ?o }",
    "drop-all": "DROP ALL",
    "cr-comment-load": "# c\rLOAD <URL>",
    "query-then-update": "ASK { ?s ?p ?o } ; LOAD <URL>",
}


def fill(template: str, url: str) -> str:
    """Put a URL into a form."""
    return template.replace("URL", url)


#: Child code: run one text (JSON on stdin) on an empty pyoxigraph store, with no check at all.
RUN_ON_OXIGRAPH = """
import json, sys
import pyoxigraph
text = json.loads(sys.stdin.read())
try:
    answer = pyoxigraph.Store().query(text)
    print(bool(answer) if isinstance(answer, pyoxigraph.QueryBoolean) else len(list(answer)))
except Exception as exc:
    print(type(exc).__name__, exc)
"""


def as_input(text: str) -> str:
    """Encode a text for a child's stdin, surviving NUL, CR and lone surrogates."""
    return json.dumps(text)
