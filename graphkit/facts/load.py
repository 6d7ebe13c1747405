"""Load the curated facts and check each one against the ontology and the documents.

Every problem is an :class:`~graphkit.errors.InputError` naming the file and
line: a malformed file, a duplicate or unknown id, an unknown class or
property, a literal of the wrong form, a quote that is not in its document,
or an entity that no quote supports.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from rdflib import Literal, URIRef

from graphkit.corpus import Corpus
from graphkit.errors import InputError, QuoteNotFoundError
from graphkit.facts.model import Claim, Entity, Fact, FactBase
from graphkit.paths import ProjectPaths, project_paths
from graphkit.vocab.namespaces import DCTERMS, GK, OA, PROV, RDF, SCHEMA, SKOS, XSD
from graphkit.vocab.ontology import Vocabulary
from graphkit.yamlfile import LocatedDict, LocatedList, load_yaml

__all__ = ["load_facts", "parse_literal"]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch: `$` would accept a final "\n"
_LEXICAL_FORMS: dict[URIRef, tuple[re.Pattern[str], str]] = {
    XSD.gYear: (re.compile(r"^\d{4}$"), "a year like 2023"),
    XSD.date: (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "a date like 2023-06-15"),
    XSD.gYearMonth: (re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"), "a month like 2021-07"),
    XSD.gMonthDay: (re.compile(r"^--(0[1-9]|1[0-2])-\d{2}$"), "a day like --05-28"),
    XSD.integer: (re.compile(r"^-?\d+$"), "a whole number"),
    XSD.duration: (
        re.compile(r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$"),
        "an ISO 8601 duration like P1M",
    ),
    XSD.anyURI: (re.compile(r"^https?://\S+$"), "a web address starting with http:// or https://"),
}
# Properties the build writes itself (labels, document metadata, provenance):
# a facts file that states them would forge what the build must derive.
_RESERVED = frozenset(
    {
        SCHEMA.mentions,
        RDF.subject,
        RDF.predicate,
        RDF.object,
        PROV.wasDerivedFrom,
        PROV.wasQuotedFrom,
        OA.exact,
        OA.start,
        OA.end,
        GK.section,
        GK.sourceFile,
        GK.fileName,
        GK.sha256,
        GK.characterCount,
        GK.metadataNote,
        DCTERMS.title,
        DCTERMS.identifier,
        DCTERMS.issued,
        DCTERMS.publisher,
        DCTERMS.creator,
        SKOS.prefLabel,
        SKOS.altLabel,
        SKOS.definition,
    }
)
# Properties whose literal must appear verbatim inside the claim's quote.
_VERBATIM = frozenset({SCHEMA.text})


def parse_literal(value: str, datatype: URIRef) -> Literal:
    """Return *value* as a literal of *datatype*, checking its form.

    Raises
    ------
    ValueError
        If the text is not of the form the datatype needs.

    Examples
    --------
    >>> parse_literal("2023", XSD.gYear)
    rdflib.term.Literal('2023', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYear'))
    """
    if datatype == XSD.string:
        return Literal(value)
    pattern, expected = _LEXICAL_FORMS.get(datatype, (None, ""))
    if pattern is None:
        raise ValueError(f"graphkit cannot read literals of type {datatype}")
    if not pattern.fullmatch(value):
        raise ValueError(f"{value!r} is not {expected}")
    if datatype == XSD.date:
        dt.date.fromisoformat(value)
    return Literal(value, datatype=datatype)


def _text(entry: LocatedDict, key: str, path: Path, *, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"'{key}' must be non-empty text", path=path, line=entry.line_of(key))
    return value


def _load_entities(path: Path, vocab: Vocabulary) -> dict[str, Entity]:
    data = load_yaml(path)
    if not isinstance(data, LocatedList):
        raise InputError("the entity file must be a list of entities", path=path)
    entities: dict[str, Entity] = {}
    for entry in data:
        if not isinstance(entry, LocatedDict):
            raise InputError("each entity must be a mapping", path=path, line=data.line)
        entity_id = _text(entry, "id", path)
        if not _ID.fullmatch(entity_id):
            raise InputError(f"bad entity id {entity_id!r} (use a-z, 0-9, '-')", path=path, line=entry.line)
        if entity_id in entities:
            first = entities[entity_id].line
            raise InputError(
                f"duplicate entity id {entity_id!r} (first at line {first})",
                path=path,
                line=entry.line,
            )
        type_curie = _text(entry, "type", path)
        try:
            rdf_type = vocab.expand(type_curie)
        except KeyError:
            raise InputError(f"unknown type {type_curie!r}", path=path, line=entry.line_of("type")) from None
        if not vocab.is_class(rdf_type):
            raise InputError(
                f"unknown type {type_curie!r}: not a class of the ontology",
                path=path,
                line=entry.line_of("type"),
            )
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise InputError("'aliases' must be a list of names", path=path, line=entry.line_of("aliases"))
        entities[entity_id] = Entity(
            id=entity_id,
            type=rdf_type,
            label=_text(entry, "label", path),
            aliases=tuple(aliases),
            description=_text(entry, "description", path, required=False),
            path=path,
            line=entry.line,
        )
    return entities


def _load_fact(row: object, path: Path, line: int, vocab: Vocabulary, entities: dict[str, Entity]) -> Fact:
    reviewed = None
    if isinstance(row, LocatedDict):
        if set(row) != {"fact", "reviewed"}:
            raise InputError(
                "a reviewed fact is a mapping with 'fact: [subject, property, object]' and 'reviewed: why'",
                path=path,
                line=row.line,
            )
        reviewed = _text(row, "reviewed", path)
        row = row["fact"]
    if not isinstance(row, LocatedList) or len(row) != 3 or not all(isinstance(x, str) for x in row):
        raise InputError("a fact is a list of three items: [subject, property, object]", path=path, line=line)
    line = row.line
    subject, curie, obj = row
    if subject not in entities:
        raise InputError(f"unknown entity id {subject!r}", path=path, line=line)
    try:
        predicate = vocab.expand(curie)
    except KeyError:
        raise InputError(f"unknown property {curie!r}", path=path, line=line) from None
    if not vocab.is_property(predicate):
        raise InputError(f"unknown property {curie!r}: not a property of the ontology", path=path, line=line)
    if predicate in _RESERVED:
        raise InputError(
            f"{curie} is written by the build (labels, document metadata, provenance), not by facts",
            path=path,
            line=line,
        )
    datatype = vocab.datatype(predicate)
    if datatype is None:
        if obj not in entities:
            raise InputError(f"unknown entity id {obj!r}", path=path, line=line)
        return Fact(subject, predicate, obj, path, line, reviewed)
    try:
        literal = parse_literal(obj, datatype)
    except ValueError as exc:
        raise InputError(f"bad value for {curie}: {exc}", path=path, line=line) from None
    return Fact(subject, predicate, literal, path, line, reviewed)


def _locate_quote(entry: LocatedDict, quote: str, document, path: Path) -> tuple[int, int]:
    starts = document.find(quote)
    if not starts:
        raise QuoteNotFoundError(
            f"quote not found in document {document.id!r}: {quote[:80]!r}"
            + ("..." if len(quote) > 80 else ""),
            path=path,
            line=entry.line,
        )
    occurrence = entry.get("occurrence", "1")
    if not str(occurrence).isdigit() or not 1 <= int(occurrence) <= len(starts):
        raise InputError(
            f"'occurrence' must be between 1 and {len(starts)} for this quote",
            path=path,
            line=entry.line,
        )
    return starts[int(occurrence) - 1]


def _load_claims(
    path: Path, root: Path, vocab: Vocabulary, entities: dict[str, Entity], corpus: Corpus
) -> list[Claim]:
    data = load_yaml(path)
    if not isinstance(data, LocatedDict) or not isinstance(data.get("claims"), list):
        raise InputError("a statements file needs 'document:' and a list of 'claims:'", path=path)
    doc_id = _text(data, "document", path)
    if doc_id not in corpus:
        raise InputError(
            f"unknown document id {doc_id!r} (see data/corpus/manifest.yaml)",
            path=path,
            line=data.line,
        )
    document = corpus[doc_id]
    claims = []
    for entry in data["claims"]:
        if not isinstance(entry, LocatedDict):
            raise InputError(
                "each claim must be a mapping with 'quote:'", path=path, line=data["claims"].line
            )
        quote = _text(entry, "quote", path)
        start, end = _locate_quote(entry, quote, document, path)
        quote = document.text[start:end]
        rows = entry.get("facts") or []
        mentions = entry.get("mentions") or []
        if not rows and not mentions:
            raise InputError("a claim needs 'facts:' or 'mentions:'", path=path, line=entry.line)
        facts = tuple(_load_fact(row, path, entry.line, vocab, entities) for row in rows)
        for fact in facts:
            if fact.predicate in _VERBATIM and " ".join(str(fact.object).split()) not in " ".join(
                quote.split()
            ):
                raise InputError(
                    "the quoted text must appear verbatim in the claim's quote",
                    path=path,
                    line=fact.line,
                )
        if not isinstance(mentions, list) or not all(isinstance(m, str) for m in mentions):
            raise InputError("'mentions' must be a list of entity ids", path=path, line=entry.line)
        for mention in mentions:
            if mention not in entities:
                raise InputError(f"unknown entity id {mention!r}", path=path, line=entry.line)
        claims.append(
            Claim(
                doc_id,
                quote,
                start,
                end,
                document.section_at(start, end),
                facts,
                tuple(mentions),
                path.relative_to(root),  # recorded in the graph: must not depend on the machine
                entry.line,
            )
        )
    return claims


def load_facts(corpus: Corpus, vocab: Vocabulary, paths: ProjectPaths | None = None) -> FactBase:
    """Load ``data/facts/``: the entity registry and every statements file.

    Parameters
    ----------
    corpus : Corpus
        The documents the quotes are checked against.
    vocab : Vocabulary
        The ontology terms the facts may use.
    paths : ProjectPaths, optional
        The checkout to read (default: the current one).

    Returns
    -------
    FactBase

    Raises
    ------
    InputError
        On the first problem found, naming its file and line.
    """
    paths = paths or project_paths()
    entities = _load_entities(paths.entities, vocab)
    claims: list[Claim] = []
    for path in sorted(paths.statements.glob("*.yaml")):
        claims += _load_claims(path, paths.root, vocab, entities, corpus)
    for doc in corpus:
        for key in ("publisher", "author"):
            ref = getattr(doc, key)
            if ref is not None and ref not in entities:
                raise InputError(
                    f"{key} {ref!r} is not an entity id",
                    path=corpus.manifest_path,
                    line=doc.manifest_line,
                )
    supported = {m for c in claims for m in c.mentions}
    for fact in (f for c in claims for f in c.facts):
        supported.add(fact.subject)
        if not fact.is_literal:
            supported.add(fact.object)
    for entity in entities.values():
        if entity.id not in supported:
            raise InputError(
                f"entity {entity.id!r} is not supported by any quote: add a claim that names it",
                path=entity.path,
                line=entity.line,
            )
    return FactBase(entities, tuple(claims))
