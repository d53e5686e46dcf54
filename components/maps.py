"""pydeck maps drawn from geometry in our own store, over a basemap style served by the app itself
(static/basemap.json): no tile server, no CDN. Pure: no Streamlit."""

from __future__ import annotations

import functools
import json
import math

import pandas as pd
import pydeck as pdk
from pydeck.bindings import deck as _pydeck_deck
from pydeck.bindings.json_tools import default_serialize

from components.i18n import DEFAULT, _, language
from components.network import colour_for, country_label, format_people, network_category


def _remember_jupyter_extra() -> None:
    """pydeck asks `has_jupyter_extra()` five times per Deck, each time retrying a failing import of its
    Jupyter widget (~1 ms each: the import system searches sys.path again). The answer cannot change
    while the process runs, so it is asked once."""
    if not hasattr(_pydeck_deck.has_jupyter_extra, "cache_info"):
        _pydeck_deck.has_jupyter_extra = functools.cache(_pydeck_deck.has_jupyter_extra)


_remember_jupyter_extra()

# Served by Streamlit's static file serving ([server] enableStaticServing); a relative URL, so the
# browser asks the same host that served the page and nothing else.
LOCAL_STYLE = "app/static/basemap.json"
SHADES = [[214, 219, 224, 255], [226, 230, 234, 255], [204, 210, 216, 255], [220, 224, 228, 255]]
WORLD_VIEW = pdk.ViewState(latitude=25, longitude=10, zoom=0.7, min_zoom=0, max_zoom=8)


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2, which made the world outlines
    6.5 times larger on their way to the browser (5.3 MB instead of 0.8 MB)."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


class FrozenDeck(pdk.Deck):
    """A deck already serialised (e.g. cached): Streamlit asks it for its JSON and tooltip only.

    It skips pydeck's Deck.__init__, which costs ~5 ms (see `_remember_jupyter_extra`) and builds
    nothing Streamlit reads here."""

    def __init__(self, spec: str, tooltip: dict | None):  # no super().__init__, on purpose
        self.layers = []
        self._tooltip = tooltip
        self._spec = spec

    def to_json(self) -> str:
        return self._spec


def hex_to_rgba(colour: str, alpha: int = 255) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def flat_polygon(rings: list) -> list[float] | dict:
    """One polygon (GeoJSON rings, outer first, each closed) as deck.gl's own normalised form: the positions as one
    flat list [x0, y0, x1, y1, ...], and where there are holes, the index in that list where each hole starts.
    With it the layer skips its normalisation (`_normalize=False`): 600 flat lists instead of 16,000 pairs to
    parse, convert and copy in the browser on the first view (docs/field-notes.md, cold start)."""
    positions: list[float] = []
    holes: list[int] = []
    for k, ring in enumerate(rings):
        if k:
            holes.append(len(positions))
        for x, y in ring:
            positions += (x, y)
    return {"positions": positions, "holeIndices": holes} if holes else positions


def outline_polygons(outlines: pd.DataFrame) -> list[dict]:
    """The rows of queries/country_outlines.sql as deck.gl polygons: one row per polygon of each country
    (`p`: its rings as `flat_polygon`; `f`: the country's shade)."""
    rows = []
    for i, row in enumerate(outlines.itertuples()):
        geometry = json.loads(row.geometry_geojson)
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rows += [{"p": flat_polygon(rings), "f": SHADES[i % len(SHADES)]} for rings in parts]
    return rows


MAP_PX = (900, 460)  # the map's drawn size the view is fitted to (st.pydeck_chart height 520, less a margin)
FIT = 0.85  # of that size the cities' bounds may fill


def _mercator_y(lat: float) -> float:
    lat = max(-80.0, min(80.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view_for_points(lat: pd.Series, lon: pd.Series, size: tuple[int, int] = MAP_PX) -> pdk.ViewState:
    """The view that fits the points' bounds into a map of `size` pixels (deck.gl's Web Mercator: the world is
    512 * 2**zoom pixels wide), centred on them: Europe's cities fill the frame instead of a patch of the world.
    Never wider than WORLD_VIEW; a single city gets zoom 6."""
    if lat.empty:
        return WORLD_VIEW
    south, north, west, east = float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max())
    width, height = size[0] * FIT, size[1] * FIT
    zooms = [6.0]
    if east > west:
        zooms.append(math.log2(width * 360 / (512 * (east - west))))
    if north > south:
        zooms.append(math.log2(height * 2 * math.pi / (512 * (_mercator_y(north) - _mercator_y(south)))))
    zoom = max(WORLD_VIEW.zoom, min(zooms))
    if zoom == WORLD_VIEW.zoom:
        return WORLD_VIEW
    mid_y = (_mercator_y(north) + _mercator_y(south)) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return pdk.ViewState(latitude=centre_lat, longitude=(east + west) / 2, zoom=zoom, min_zoom=0, max_zoom=8)


def city_points(cities: pd.DataFrame, known_networks: list[str]) -> pd.DataFrame:
    """The per-city columns the scatter layer and its tooltip read (plain text: tooltips are not HTML)."""
    top = float(cities["population"].max() or 1) if not cities.empty else 1.0
    category = cities["networks"].map(lambda ns: network_category(list(ns)))
    return pd.DataFrame(
        {
            "city": cities["city"],
            "country": cities["country"]
            if language() == DEFAULT or "iso3" not in cities.columns
            else [country_label(i, n) for i, n in zip(cities["iso3"], cities["country"], strict=True)],
            "lon": cities["longitude"],
            "lat": cities["latitude"],
            "networks_label": cities["networks"].map(lambda ns: ", ".join(ns)),
            "population_label": cities["population"].map(format_people),
            "radius_px": cities["population"].fillna(0).map(lambda p: 3 + 11 * math.sqrt(p / top)),
            "colour": category.map(lambda c: hex_to_rgba(colour_for(c, known_networks), 215)),
        }
    )


OUTLINES_SLOT = "__UTMC_OUTLINES__"


def network_map(cities: pd.DataFrame, outlines: pd.DataFrame | None, known_networks: list[str]) -> pdk.Deck:
    """World map: country outlines, member cities coloured by network and sized by population. Its tooltip and
    labels are in the current language: a cache of the deck keys it by language.

    With outlines=None the base layer's data is a placeholder for `with_outlines` to fill with the
    outlines serialised once (they are the same for every view and are most of the payload)."""
    # A SolidPolygonLayer, not a GeoJsonLayer: the GeoJsonLayer also builds its path, point and text
    # sub-layers, and on a machine without a GPU that made the first map draw ~0.5 s later (docs/field-notes.md).
    # No borders: paths cost seconds in software WebGL; alternating shades tell the countries apart.
    base = pdk.Layer(
        "SolidPolygonLayer",
        outline_polygons(outlines) if outlines is not None else OUTLINES_SLOT,
        id="countries",
        get_polygon="p",
        get_fill_color="f",
        pickable=False,
        _normalize=False,  # the polygons come already flat (flat_polygon); flat fills need no winding order
        position_format="'XY'",  # quoted: a bare string would be read as an accessor; the default is XYZ
    )
    points = pdk.Layer(
        "ScatterplotLayer",
        city_points(cities, known_networks),
        id="cities",
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_radius="radius_px",
        radius_units="'pixels'",  # quoted: pydeck would take a bare string for a column accessor
        stroked=True,
        get_line_color=[255, 255, 255, 255],
        line_width_min_pixels=1,
        pickable=True,
    )
    return CompactDeck(
        layers=[base, points],
        initial_view_state=view_for_points(cities["latitude"], cities["longitude"]),
        map_style=LOCAL_STYLE,
        # TRANSLATORS: a map tooltip; the {names} are filled by deck.gl: keep them and the line breaks.
        tooltip={"text": _("{city}, {country}\n{networks_label}\nPopulation: {population_label}")},
    )


def outlines_json(outlines: pd.DataFrame) -> str:
    return json.dumps(outline_polygons(outlines), separators=(",", ":"))


def with_outlines(spec: str, outlines_text: str) -> str:
    """Put the serialised outlines into a deck serialised with outlines=None."""
    slot = json.dumps(OUTLINES_SLOT)
    if spec.count(slot) != 1:
        raise ValueError("the deck has no outlines slot")
    return spec.replace(slot, outlines_text)
