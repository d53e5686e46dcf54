"""Issue 21, the pages half: tables without duplicates or "None", a one-year chart that reads, maps fitted to their
cities, presenter charts a room can read, and the page head that fixes Back and the deep links' 404s."""

from __future__ import annotations

import asyncio
import json
import math
import threading

import pandas as pd
import pytest

from components.brief import map_bounds, region_map_figure
from components.charts import inventory_figure, inventory_title
from components.city import targets_table
from components.maps import WORLD_VIEW, view_for_points
from components.practices import present
from components.tables import html_table

# Cities of Europe a presenter's Europe slide shows: Reykjavík is the westernmost, Konotop the easternmost.
EUROPE = pd.DataFrame(
    {
        "city": ["Reykjavík", "Lisbon", "Madrid", "Berlin", "Helsinki", "Konotop", "Athens"],
        "longitude": [-21.9, -9.1, -3.7, 13.4, 24.9, 33.2, 23.7],
        "latitude": [64.1, 38.7, 40.4, 52.5, 60.2, 51.2, 38.0],
        "population": [120e3, 500e3, 3.2e6, 3.4e6, 650e3, 85e3, 660e3],
        "networks": [["EU Mission"]] * 7,
    }
)


def _target(source_id, publisher, kind="base_year", base=1990, year=2030, cut=65.0, gas="CO2e", scope="city"):
    return {"target_id": f"{source_id}:{kind}:{year}", "kind": kind, "sector": "total", "scope": scope,
            "base_year": base, "base_emissions_tco2e": None, "target_year": year, "reduction_pct": cut,
            "target_emissions_tco2e": None, "status": None, "data_kind": "reported", "gas": gas,
            "boundary": "not stated", "flag": None, "flag_reason": None, "source_id": source_id,
            "citation": "long citation", "publisher": publisher}  # fmt: skip


def test_targets_table_lists_a_target_once_with_every_source_and_no_none():
    nzt = "Net Zero Tracker (Energy & Climate Intelligence Unit, Data-Driven EnviroLab)"
    targets = pd.DataFrame([
        _target("nzt_2022", nzt, gas="CO2"),                      # Madrid's -65 % vs 1990 by 2030 ...
        _target("import-1", "CDP and ICLEI", scope="whole city"),  # ... given again by CDP ...
        _target("import-2", nzt),                                  # ... and by a second Net Zero Tracker file
        _target("gcom_jrc", "JRC", base=None, year=2020, cut=20.0),  # no base year in the file
        _target("nzt_2022", nzt, kind="net_zero", base=None, year=2050, cut=100.0),
    ]).astype({"base_year": "Int64"})  # fmt: skip
    table = targets_table(targets)
    assert list(table["Target"]) == [  # with a no-break space before %: "−65" and "%" stay on one line
        "−65\u00a0% cut from base year vs 1990 by 2030",
        "−20\u00a0% cut from base year by 2020",
        "net zero by 2050",
    ]
    first = table.iloc[0]
    assert first["Sources"] == "Net Zero Tracker; CDP and ICLEI"  # the two tracker files are one name
    assert first["Gas"] == "CO2; CO2e" and first["Scope"] == "city; whole city" and first["Target year"] == "2030"
    assert table.iloc[1]["Base year"] == "" and table.iloc[1]["Sources"] == "GCoM signatories (JRC)"
    assert table.iloc[2]["Base year"] == "" and list(table.columns) == [
        "Target", "Target year", "Base year", "Sector", "Scope", "Status", "Figure", "Gas", "Boundary", "Check",
        "Sources",
    ]  # fmt: skip
    cells = set(table.astype(str).to_numpy().ravel())
    assert not cells & {"None", "nan", "<NA>", "NaN", "base_year", "net_zero"}
    assert table.iloc[0]["Status"] == ""  # missing: an empty cell


def _inventory(rows):
    return pd.DataFrame(
        rows, columns=["source_id", "year", "sector", "emissions_tco2e", "data_kind", "gas", "boundary", "publisher"]
    )


def test_a_single_year_inventory_has_a_bar_of_ordinary_width_a_legend_and_a_title_that_says_what():
    one = _inventory([["import-1", 2017, "total", 16.2e6, "reported", "CO2e", "city", "CDP and ICLEI"]])
    fig = inventory_figure(one, "São Paulo", "CDP and ICLEI")
    spec = json.loads(fig.to_json())
    assert spec["layout"]["title"]["text"] == "São Paulo: total emissions, 2017"
    assert spec["layout"]["xaxis"]["range"] == [-2.5, 2.5]  # one year of five slots: a bar a fifth of the width
    assert all(t["showlegend"] for t in spec["data"])  # plotly hides a lone trace's legend unless told
    assert spec["data"][0]["texttemplate"] == "%{y:.3s} t"


def test_inventory_titles():
    rows = [["a", 2019, "energy", 1.0, "modelled", "CO2", "fua", "A"], ["a", 2021, "total", 2.0, "modelled", "CO2",
            "fua", "A"], ["b", 2020, "total", 2.0, "reported", "CO2e", "city", "B"]]  # fmt: skip
    assert inventory_title(_inventory(rows), "X") == "X: emissions by sector and source, 2019–2021"
    assert inventory_title(_inventory(rows[2:]), "X") == "X: total emissions, 2020"
    assert inventory_title(_inventory(rows[:2]), "X") == "X: emissions by sector, 2019–2021"
    many = _inventory([["a", y, "total", 1.0, "reported", "CO2e", "city", "A"] for y in range(2010, 2020)])
    assert "range" not in json.loads(inventory_figure(many, "X", "A").to_json())["layout"]["xaxis"]


def test_europe_map_view_is_centred_on_europe_and_closer_than_the_world():
    view = view_for_points(EUROPE["latitude"], EUROPE["longitude"])
    assert -10 < view.longitude < 30 and 40 < view.latitude < 62  # within Europe
    assert view.zoom > WORLD_VIEW.zoom + 1.5  # worked out: lat 38-64 in 460*0.85 px gives zoom 2.6
    assert math.isclose(view.zoom, 2.6, abs_tol=0.1)


def test_region_map_is_framed_by_its_cities_not_widened_to_the_plot():
    (west, east), (south, north) = map_bounds(EUROPE)
    pad = 0.08 * 55.1  # 8 % of the wider span (longitude -21.9 to 33.2)
    assert (west, east) == pytest.approx((-21.9 - pad, 33.2 + pad))
    assert (south, north) == pytest.approx((38.0 - pad, 64.1 + pad))
    outlines = pd.DataFrame({"geometry_geojson": [json.dumps({"type": "MultiPolygon", "coordinates": [
        [[[-50, 60], [-30, 60], [-30, 80], [-50, 60]]]]})]})  # fmt: skip  # Greenland, roughly
    fig = region_map_figure(EUROPE, outlines, ["EU Mission"], "Member cities in Europe")
    assert list(fig.layout.xaxis.range) == [west, east] and fig.layout.xaxis.constrain == "domain"
    assert fig.layout.yaxis.constrain == "domain" and fig.layout.yaxis.scaleratio > 1.5  # 1/cos(51°) = 1.59


def test_presenter_charts_have_room_sized_text():
    from components.ui.presenter import ROOM_FONT_PX, for_the_room

    fig = inventory_figure(
        _inventory([["a", 2019, "total", 1.0, "reported", "CO2e", "city", "A"]]), "X", "A"
    )  # on the page: 11-14 px
    room = json.loads(for_the_room(fig).to_json())["layout"]
    assert ROOM_FONT_PX >= 18
    assert room["font"]["size"] >= 18 and room["legend"]["font"]["size"] >= 18
    assert room["xaxis"]["tickfont"]["size"] >= 18 and room["yaxis"]["tickfont"]["size"] >= 18
    assert all(a["font"]["size"] >= 18 for a in room["annotations"])
    assert json.loads(fig.to_json())["layout"]["font"]["size"] == 14  # the page's own figure is left as it was


def test_missing_practice_fields_are_not_shown():
    assert [present(v) for v in (None, float("nan"), pd.NA, "", "  ", "Cut 10 %")] == [0, 0, 0, 0, 0, 1]


def test_html_table_links_only_http_and_names_the_site():
    frame = pd.DataFrame({"Programme": ["A", "B"], "Source": ["https://www.example.org/call?x=1", "javascript:x"]})
    text = html_table(frame, links=("Source",))
    link = '<a href="https://www.example.org/call?x=1" target="_blank" rel="noopener noreferrer">example.org ↗</a>'
    assert link in text
    assert "javascript:x" in text and 'href="javascript' not in text
    assert "overflow-wrap:break-word" in text  # long text wraps instead of being cut


def test_html_table_row_header():
    text = html_table(pd.DataFrame({"": ["Net-zero year"], "Madrid": ["2050"]}), row_header=True)
    assert '<th scope="row">Net-zero year</th><td>2050</td>' in text


def _serve(path: str, html: bytes = b"<html><head><title>x</title></head></html>", kind=b"text/html"):
    from serve import PageHeadMiddleware

    seen = {}

    async def inner(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(html)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": html})

    out = []

    async def send(message):
        out.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "path": path, "headers": [(b"accept-encoding", b"gzip")]}
    # in a thread of its own: in a whole run, Playwright's sync API (tests/e2e) keeps an event loop running here
    worker = threading.Thread(target=asyncio.run, args=(PageHeadMiddleware(inner)(scope, receive, send),))
    worker.start()
    worker.join(30)
    body = b"".join(m.get("body", b"") for m in out)
    return out[0], body, seen["headers"]


def test_page_head_script_goes_into_pages_only():
    start, body, asked = _serve("/city")
    assert body.startswith(b"<html><head><script>") and b"BACKEND_BASE_URL" in body and b"pushState" in body
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()
    assert b"accept-encoding" not in asked  # asked uncompressed, so it can be edited
    for path in ("/_stcore/health", "/app/static/basemap.json", "/static/js/index.js", "/favicon.png"):
        _, body, _ = _serve(path)
        assert b"<script>" not in body, path
    _, body, _ = _serve("/city", b'{"head": "<head>"}', b"application/json")
    assert b"<script>" not in body


def test_a_long_source_line_wraps_on_a_slide_instead_of_being_cut():
    from components.charts import aggregate_figure
    from components.ui.presenter import SOURCE_LINE_CHARS, for_the_room

    source = "; ".join(["Net Zero Tracker (Energy & Climate Intelligence Unit, Data-Driven EnviroLab)"] * 3)  # 242
    fig = aggregate_figure("Aggregate pathway: Europe", pd.DataFrame({"year": [2020], "level_tco2e": [1.0]}), source)
    note = next(a for a in for_the_room(fig).layout.annotations if a.text.startswith("Source:"))
    lines = note.text.split("<br>")
    assert len(lines) == 3 and all(len(line) <= SOURCE_LINE_CHARS for line in lines)  # 8 + 242 chars in 3 lines
    assert " ".join(lines).replace("&amp;", "&") == f"Source: {source}"
