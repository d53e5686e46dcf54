"""Derive data/seed/country_outlines.geojson from Natural Earth (via the npm package world-atlas).

Run once by a developer, not by the build (the build reads the committed output):

    npm install world-atlas@2.0.2 topojson-client@3
    npx topo2geo countries=countries50.geojson < node_modules/world-atlas/countries-50m.json
    .venv/bin/python tools/make_country_outlines.py countries50.geojson data/seed/country_outlines.geojson

What it does, and why:
- splits every ring that crosses the antimeridian (Russia, Fiji, ...) at +/-180 degrees, so a planar
  map (deck.gl) does not draw them as streaks across the world;
- simplifies each outline (0.1 degree, topology kept per country) and rounds coordinates to
  2 decimals (about 1 km): the browser draws the whole world in about a second even in software WebGL
  (at 0.02 degree it took about 6 s on the 2-core test machine; see ../shared/FIELD-NOTES.md);
- leaves out islands under 0.05 square degrees (about 600 km2) unless they are a country's largest piece:
  1,502 polygons became about 560, which the browser draws much faster;
- leaves out Antarctica (no cities; it would fill the bottom of a planar map);
- keeps Natural Earth's numeric id (ISO 3166-1 numeric / UN M49) and name; the build joins on it.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.ops import unary_union

TOLERANCE_DEG = 0.1
DECIMALS = 2
ANTARCTICA = "010"
MIN_ISLAND_DEG2 = 0.05  # smaller islands are left out, except a country's largest piece (small island states stay)


def unwrap_ring(coords: np.ndarray) -> np.ndarray:
    """Make a ring's longitudes continuous (no jump of more than 180 degrees between points)."""
    lon = np.unwrap(np.radians(coords[:, 0]))
    return np.column_stack([np.degrees(lon), coords[:, 1]])


def split_at_antimeridian(poly: Polygon) -> list[Polygon]:
    """Cut a polygon whose ring wraps past +/-180 into pieces that each lie within [-180, 180]."""
    ext = unwrap_ring(np.asarray(poly.exterior.coords))
    if abs(ext[-1, 0] - ext[0, 0]) > 180:
        # A ring that goes once around a pole (Antarctica): close it along the pole.
        pole = -90.0 if ext[:, 1].mean() < 0 else 90.0
        ext = np.vstack([ext, [[ext[-1, 0], pole], [ext[0, 0], pole], ext[0]]])
    holes = [unwrap_ring(np.asarray(r.coords)) for r in poly.interiors]
    unwrapped = shapely.make_valid(Polygon(ext, holes))
    if unwrapped.bounds[0] >= -180 and unwrapped.bounds[2] <= 180:
        return [poly]
    pieces = []
    for shift in (-360, 0, 360):
        window = box(-180 - shift, -90, 180 - shift, 90)
        part = unwrapped.intersection(window)
        if part.is_empty:
            continue
        part = shapely.transform(part, lambda xy, s=shift: xy + np.array([s, 0]))
        pieces.extend(p for p in getattr(part, "geoms", [part]) if isinstance(p, Polygon) and p.area > 0)
    if not pieces:
        return [poly]
    return pieces


def clean(geom):
    polys = list(getattr(geom, "geoms", [geom]))
    out = []
    for p in polys:
        out.extend(split_at_antimeridian(p))
    merged = unary_union([shapely.make_valid(p) for p in out]).simplify(TOLERANCE_DEG, preserve_topology=True)
    merged = shapely.set_precision(merged, 10**-DECIMALS)
    parts = sorted(getattr(merged, "geoms", [merged]), key=lambda p: -p.area)
    kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= MIN_ISLAND_DEG2]
    return MultiPolygon(kept)


def main(src: str, dst: str) -> None:
    fc = json.load(open(src, encoding="utf-8"))
    features = []
    for f in fc["features"]:
        if f.get("id") == ANTARCTICA:
            continue  # no cities, and it fills the bottom of a planar world map
        geom = clean(shape(f["geometry"]))
        if geom.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"ne_id": f.get("id"), "ne_name": f["properties"]["name"]},
                "geometry": mapping(geom),
            }
        )
    features.sort(key=lambda f: f["properties"]["ne_name"])
    with open(dst, "w", encoding="utf-8") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out, separators=(",", ":"))
    print(f"{len(features)} outlines -> {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
