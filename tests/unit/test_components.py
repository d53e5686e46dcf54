"""Pure builders: figures, tables, maps, downloads, name folding."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from components.export import neutralise_cell, to_csv_bytes
from components.maps import LOCAL_STYLE, network_map, view_for_points
from components.network import (
    SEVERAL,
    cities_table,
    colour_for,
    format_people,
    headline_figures,
    map_summary,
    network_category,
    table_by_region,
)
from data.names import fold_name
from queries import run_query

NETS = ["Alpha", "Beta"]


@pytest.fixture
def cities(tiny_store):
    return run_query("network_cities", store=tiny_store, networks=[], regions=[], income_groups=[])


@pytest.fixture
def outlines():
    geometry = {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}
    return pd.DataFrame({"ne_name": ["Square"], "geometry_geojson": [json.dumps(geometry)]})


def test_headline_figures(cities):
    assert headline_figures(cities) == {"cities": 3, "countries": 2, "regions": 2, "people": 4_940_000}


def test_headline_figures_empty(cities):
    assert headline_figures(cities.iloc[0:0]) == {"cities": 0, "countries": 0, "regions": 0, "people": 0}


def test_table_by_region(cities):
    table = table_by_region(cities, NETS)
    assert list(table.columns) == ["Region", "Sub-region", "Cities", "Countries", "People", "Alpha", "Beta"]
    europe = table[table["Region"] == "Europe"].iloc[0]
    assert (europe["Cities"], europe["Countries"], europe["People"], europe["Alpha"], europe["Beta"]) == (
        2,
        1,
        2_190_000,
        2,
        1,
    )
    assert table_by_region(cities.iloc[0:0], NETS).empty


def test_format_people():
    assert format_people(12_345_678) == "12.3 million"
    assert format_people(45_600) == "45,600"
    assert format_people(2_100_000_000) == "2.10 billion"
    assert format_people(None) == "unknown"


def test_network_category_and_colours():
    assert network_category(["C40"]) == "C40"
    assert network_category(["C40", "EU Mission"]) == SEVERAL
    assert colour_for("C40") == "#E69F00"
    assert colour_for("Other", ["Other", "C40"]) != colour_for(SEVERAL)


def test_cities_table(cities):
    table = cities_table(cities)
    assert list(table["City"]) == ["Nairobi", "Wien", "Graz"]  # largest first
    assert table.iloc[1]["Networks"] == "Alpha; Beta"
    assert table.iloc[1]["GeoNames id"] == 1


def test_map_summary(cities):
    text = map_summary(cities, "all regions")
    assert text.startswith("Map of 3 member cities in 2 countries (all regions), home to 4.9 million people")
    assert "Nairobi, Wien, Graz" in text
    assert map_summary(cities.iloc[0:0], "Europe") == "No member cities match Europe."


def test_network_map_is_offline_and_draws_outlines_and_cities(cities, outlines):
    spec = json.loads(network_map(cities, outlines, NETS).to_json())
    assert spec["mapStyle"] == LOCAL_STYLE and not spec["mapStyle"].startswith("http")
    assert "http" not in json.dumps(spec)
    base, points = spec["layers"]
    assert base["@@type"] == "GeoJsonLayer" and base["data"]["features"][0]["properties"]["name"] == "Square"
    assert points["@@type"] == "ScatterplotLayer" and points["radiusUnits"] == "pixels"
    assert [d["city"] for d in points["data"]] == ["Nairobi", "Wien", "Graz"]
    nairobi, wien = points["data"][0], points["data"][1]
    assert nairobi["radius_px"] == pytest.approx(14) and 3 < wien["radius_px"] < 14
    assert wien["networks_label"] == "Alpha, Beta" and wien["colour"] != nairobi["colour"]
    assert "\n" not in network_map(cities, outlines, NETS).to_json()[:2000]  # compact JSON


def test_map_tooltip_is_text_not_html(cities, outlines):
    deck = network_map(cities, outlines, NETS)
    assert set(deck._tooltip) == {"text"}


def test_view_for_points():
    world = view_for_points(pd.Series([-30.0, 60.0]), pd.Series([-120.0, 150.0]))
    close = view_for_points(pd.Series([48.0, 48.5]), pd.Series([16.0, 16.5]))
    assert world.zoom < close.zoom
    assert view_for_points(pd.Series([], dtype=float), pd.Series([], dtype=float)).zoom == pytest.approx(0.7)


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"])
def test_neutralise_formula_cells(value):
    assert neutralise_cell(value) == "'" + value


def test_csv_download_has_sources_and_is_inert():
    frame = pd.DataFrame({"City": ["=1+1", "Wien"], "People": [1, 2]})
    data = to_csv_bytes(frame, ["GeoNames, CC BY 4.0"])
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["City,People", "'=1+1,1", "Wien,2", "# Source: GeoNames, CC BY 4.0"]
    assert pd.read_csv(io.BytesIO(data), comment="#", encoding="utf-8-sig")["People"].sum() == 3


@pytest.mark.parametrize(
    ("name", "folded"),
    [("São Paulo", "sao paulo"), ("Kraków", "krakow"), ("Tel Aviv–Yafo", "tel aviv yafo"), ("Düsseldorf", "dusseldorf"),
     ("Łódź", "lodz"), ("Straße", "strasse")],
)  # fmt: skip
def test_fold_name(name, folded):
    assert fold_name(name) == folded


def test_network_map_outlines_slot(cities, outlines):
    from components.maps import network_map, outlines_json, with_outlines

    whole = json.loads(network_map(cities, outlines, NETS).to_json())
    spliced = json.loads(with_outlines(network_map(cities, None, NETS).to_json(), outlines_json(outlines)))
    assert spliced == whole
    with pytest.raises(ValueError):
        with_outlines("{}", outlines_json(outlines))
