"""Every statement about one entity, with the words that support it.

:func:`find_evidence` answers the named question ``evidence``
(``graphkit/sparql/queries/evidence.rq``) for a name that graphkit's resolver
(:mod:`graphkit.entities`) turns into an entity: each statement with the
entity as subject or object, and each statement about a record that names it
(the date and presenter of an award it received, the organization of a role
it holds, the words of a quotation it spoke), with the full quote, the
document, the quote's character offsets and the facts file and line that
state it. :func:`evidence` gives the same as a DataFrame of readable values.

Examples
--------
>>> import graphkit as gk
>>> table = evidence(gk.load(), "Dara Mech")
>>> row = table[table["predicate"] == "country"].iloc[0]
>>> row["object"], row["document"], row["source"]
('Cambodia', 'meridian-2023-ivlp-tip-heroes', 'data/facts/statements/meridian-2023-ivlp-tip-heroes.yaml:95')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Dataset

    from graphkit.entities import Match
    from graphkit.sparql.engine import Endpoint
    from graphkit.sparql.results import QueryResult

__all__ = ["COLUMNS", "Evidence", "evidence", "find_evidence"]

#: The columns of :func:`evidence`, in order.
COLUMNS = (
    "subject",
    "predicate",
    "object",
    "other",
    "via",
    "quote",
    "document",
    "title",
    "start",
    "end",
    "source",
)


@dataclass(frozen=True)
class Evidence:
    """The evidence about one entity.

    Attributes
    ----------
    match : Match
        The entity the name designates, and how the name was read.
    result : QueryResult
        The answer of the named question ``evidence``, with a
        ``<column>_label`` column after each IRI column.
    """

    match: Match
    result: QueryResult


def find_evidence(source: Dataset | Endpoint | str, name: str) -> Evidence:
    """Find the entity *name* designates and every statement about it.

    Parameters
    ----------
    source : rdflib.Dataset, Endpoint or str
        As for :func:`~graphkit.sparql.engine.run_query`.
    name : str
        A label, an alias, part of one, an id or an IRI (see :mod:`graphkit.entities`).

    Returns
    -------
    Evidence

    Raises
    ------
    InputError
        If the name fits no entity or several (the message lists candidates).

    Examples
    --------
    >>> import graphkit as gk
    >>> found = find_evidence(gk.load(), "Mech")
    >>> found.match.entity.label, "quote" in found.result.columns
    ('Dara Mech', True)
    """
    from graphkit.entities import resolve
    from graphkit.sparql.engine import add_labels
    from graphkit.sparql.library import run_named

    match = resolve(source, name)
    result = run_named(source, "evidence", {"label": match.iri})
    return Evidence(match, add_labels(result, source))


def evidence(source: Dataset | Endpoint | str, name: str) -> pd.DataFrame:
    """Return every statement about an entity as a DataFrame of readable values.

    Parameters
    ----------
    source : rdflib.Dataset, Endpoint or str
        As for :func:`~graphkit.sparql.engine.run_query`.
    name : str
        The entity: a label, an alias, part of one, an id or an IRI.

    Returns
    -------
    pandas.DataFrame
        One row per statement and supporting quote, with the columns
        :data:`COLUMNS`: ``subject``, ``predicate``, ``object`` (labels, or the
        value of a literal), ``other`` (the side of the statement that is not
        the entity; for a statement about a record, its object), ``via`` (the
        record, else empty), ``quote`` (in full), ``document`` (its id),
        ``title``, ``start`` and ``end`` (character offsets of the quote in the
        document's text) and ``source`` (facts file and line).

    Raises
    ------
    InputError
        If the name fits no entity or several.
    """
    import pandas as pd

    found = find_evidence(source, name)
    iri = found.match.iri
    rows = []
    for record in found.result.records():

        def text(column: str, record: dict = record) -> str:
            value = record.get(f"{column}_label") or record.get(column)
            return "" if value is None else str(value)

        outgoing = record.get("via") is not None or str(record["subject"]) == iri
        other = text("object") if outgoing else text("subject")
        rows.append(
            {
                "subject": text("subject"),
                "predicate": text("predicate"),
                "object": text("object"),
                "other": other,
                "via": text("via"),
                "quote": str(record["quote"]),
                "document": str(record["document_id"]),
                "title": text("document"),
                "start": int(record["start"]),
                "end": int(record["end"]),
                "source": str(record["source"]),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))
