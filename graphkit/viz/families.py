"""The families entity types are drawn in: one colour and one shape each.

Thirty-odd types are too many to tell apart by colour, so every page, the
explorer's graph view, :func:`graphkit.viz.to_pyvis` and the notebooks' static
picture group them into the same few families. Colours are from the Okabe-Ito
palette (distinct for the common forms of colour blindness); each family also
has its own shape, so the legend reads in grey print too.

Examples
--------
>>> family_of("NGO").name
'Organizations'
>>> family_of("Award conferral").key, family_of("Role held").key
('records', 'records')
>>> family_of("Something new").name
'Other'
>>> len({f.color for f in FAMILIES}) == len({f.shape for f in FAMILIES}) == len(FAMILIES)
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FAMILIES", "RECORD_FAMILY", "Family", "family_of"]


@dataclass(frozen=True)
class Family:
    """A group of entity types drawn alike.

    Attributes
    ----------
    key : str
        A short identifier (``"people"``), stable across releases.
    name : str
        What the legend says.
    color : str
        Fill colour, ``#rrggbb``.
    shape : str
        A vis-network shape whose label sits below it.
    types : tuple of str
        The readable type names (as :func:`graphkit.network.project` gives
        them) that belong to the family.
    """

    key: str
    name: str
    color: str
    shape: str
    types: tuple[str, ...]


#: The families, in legend order. "Other" takes every type not listed.
FAMILIES: tuple[Family, ...] = (
    Family("people", "People", "#0072B2", "dot", ("Person", "Hero cohort")),
    Family(
        "organizations",
        "Organizations",
        "#E69F00",
        "square",
        (
            "Organization",
            "NGO",
            "International organization",
            "Organizational unit",
            "Company",
            "Government body",
            "Legislature",
            "Legislative committee",
        ),
    ),
    Family("places", "Places", "#009E73", "triangle", ("Place", "Country", "State", "City")),
    Family(
        "programs",
        "Programs and events",
        "#D55E00",
        "diamond",
        (
            "Program",
            "Program edition",
            "Service",
            "Event",
            "Ceremony",
            "Conference",
            "Keynote",
            "Roundtable",
            "Site visit",
            "Webinar",
        ),
    ),
    Family(
        "works",
        "Awards, reports and laws",
        "#CC79A7",
        "star",
        ("Award", "Report series", "Report", "Resource", "Legislation", "Source document"),
    ),
    Family(
        "records",
        "Records (conferrals, roles, quotations)",
        "#8A96A3",
        "triangleDown",
        ("Award conferral", "Role held", "Role", "Post", "Quotation", "Statement", "Evidence quote"),
    ),
    Family("other", "Other", "#5F4B8B", "hexagon", ()),
)

#: The family of records: n-ary facts and quotations that the default view folds into edges.
RECORD_FAMILY = "records"

_BY_TYPE = {t: f for f in FAMILIES for t in f.types}


def family_of(type_name: str) -> Family:
    """Return the family a readable type name belongs to (``Other`` if none).

    Parameters
    ----------
    type_name : str
        A node's ``type`` attribute, such as ``"Government body"``.

    Returns
    -------
    Family
    """
    return _BY_TYPE.get(type_name, FAMILIES[-1])
