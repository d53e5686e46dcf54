"""Pure builders: figures, tables, maps, downloads, name folding."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from components.export import neutralise_cell, to_csv_bytes
from components.maps import LOCAL_STYLE, network_map, view_for_points
from components.network import (
    NETWORK_COLUMNS_MAX,
    SEVERAL,
    cities_table,
    colour_for,
    filter_cities,
    format_people,
    headline_figures,
    map_summary,
    membership_matrix,
    membership_sources,
    network_category,
    table_by_region,
)
from data.names import fold_name
from queries import run_query

NETS = ["Alpha", "Beta"]


@pytest.fixture
def cities(tiny_store):
    return run_query("network_cities", store=tiny_store, networks=[])


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


def test_table_by_region_past_the_column_limit_counts_networks(cities):
    many = NETS + [f"Other {i}" for i in range(NETWORK_COLUMNS_MAX)]
    table = table_by_region(cities, many)
    assert list(table.columns) == ["Region", "Sub-region", "Cities", "Countries", "People", "Networks"]
    europe = table[table["Region"] == "Europe"].iloc[0]
    assert (europe["Cities"], europe["Networks"]) == (2, 2)
    assert list(table_by_region(cities.iloc[0:0], many).columns)[-1] == "Networks"


def test_table_by_region_matches_a_plain_groupby(built_store):
    """The numpy table against the obvious pandas one, on the real default store."""
    every = run_query("network_cities", store=built_store, networks=[])
    nets = sorted({n for ns in every["networks"] for n in ns})
    table = table_by_region(every, nets).set_index(["Region", "Sub-region"])
    frame = every.assign(Region=every["region"].fillna("(no UN region)"), Sub=every["subregion"].fillna("(none)"))
    plain = frame.groupby(["Region", "Sub"]).agg(Cities=("city_id", "size"), Countries=("iso3", "nunique"),
                                                  People=("population", "sum"))  # fmt: skip
    for (region, sub), row in plain.iterrows():
        assert tuple(table.loc[(region, sub), ["Cities", "Countries", "People"]]) == tuple(row)
        members = frame[(frame["Region"] == region) & (frame["Sub"] == sub)]["networks"]
        for net in nets:
            assert table.loc[(region, sub), net] == sum(net in list(ns) for ns in members)
    assert table["Cities"].sum() == len(every)


def test_membership_matrix_ignores_unknown_networks(cities):
    matrix = membership_matrix(cities, ["Beta", "Nobody"])
    assert matrix.shape == (len(cities), 2)
    assert matrix[:, 1].sum() == 0
    assert matrix[:, 0].sum() == sum("Beta" in list(ns) for ns in cities["networks"])


def test_membership_sources(cities):
    assert membership_sources(cities) == sorted({s for ids in cities["membership_source_ids"] for s in ids})
    assert membership_sources(cities.iloc[0:0]) == []


FILTER_CASES = [
    ([], []),
    (["Europe"], []),
    (["Western Europe"], []),
    (["Eastern Africa"], []),
    (["Sub-Saharan Africa", "Europe"], []),
    (["Atlantis"], []),
    ([], ["Lower middle income"]),
    (["Europe"], ["Lower middle income"]),
    (["Europe", "Africa"], ["High income", "Lower middle income"]),
]


@pytest.mark.parametrize(("regions", "income_groups"), FILTER_CASES)
def test_filter_cities_keeps_exactly_the_matching_rows(tiny_store, built_store, regions, income_groups):
    """Every kept row is in a chosen region (at any of the three M49 levels) and income group, every row left
    out is not, and the order of the query (population, then id) is kept."""
    for store in (tiny_store, built_store):
        for networks in ([], ["Alpha"], ["EU Mission", "C40"]):
            every = run_query("network_cities", store=store, networks=networks)
            kept = filter_cities(every, regions, income_groups)

            def matches(row) -> bool:
                in_region = not regions or bool({row.region, row.subregion, row.intermediate_region} & set(regions))
                return in_region and (not income_groups or row.income_group in income_groups)

            assert list(kept["city_id"]) == [r.city_id for r in every.itertuples() if matches(r)]
            assert list(kept.columns) == list(every.columns)


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
    assert base["@@type"] == "SolidPolygonLayer" and base["getPolygon"] == "@@=p" and base["getFillColor"] == "@@=f"
    assert base["data"] == [{"p": [0, 0, 1, 0, 1, 1, 0, 0], "f": [214, 219, 224, 255]}]
    assert base["_normalize"] is False and base["positionFormat"] == "XY"
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


def test_csv_download_is_pure_data_and_inert():
    frame = pd.DataFrame({"City": ["=1+1", "Wien"], "People": [1, 2]})
    data = to_csv_bytes(frame)
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["City,People", "'=1+1,1", "Wien,2"]  # nothing after the last row
    back = pd.read_csv(io.BytesIO(data))
    assert len(back) == 2 and back["People"].dtype.kind == "i" and back["People"].sum() == 3


@pytest.mark.parametrize(
    ("name", "folded"),
    [("São Paulo", "sao paulo"), ("Kraków", "krakow"), ("Tel Aviv–Yafo", "tel aviv yafo"), ("Düsseldorf", "dusseldorf"),
     ("Łódź", "lodz"), ("Straße", "strasse")],
)  # fmt: skip
def test_fold_name(name, folded):
    assert fold_name(name) == folded


def test_outline_polygons_split_multipolygons_and_keep_holes():
    from components.maps import outline_polygons

    ring, hole = [[0, 0], [4, 0], [4, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]
    outlines = pd.DataFrame({
        "ne_name": ["Two parts", "Holed"],
        "geometry_geojson": [json.dumps({"type": "MultiPolygon", "coordinates": [[ring], [ring]]}),
                             json.dumps({"type": "Polygon", "coordinates": [ring, hole]})],
    })  # fmt: skip
    rows = outline_polygons(outlines)
    flat_ring, flat_hole = [0, 0, 4, 0, 4, 4, 0, 0], [1, 1, 2, 1, 2, 2, 1, 1]
    assert [r["p"] for r in rows] == [flat_ring, flat_ring, {"positions": flat_ring + flat_hole, "holeIndices": [8]}]
    assert rows[0]["f"] == rows[1]["f"] != rows[2]["f"]


def test_network_map_outlines_slot(cities, outlines):
    from components.maps import network_map, outlines_json, with_outlines

    whole = json.loads(network_map(cities, outlines, NETS).to_json())
    spliced = json.loads(with_outlines(network_map(cities, None, NETS).to_json(), outlines_json(outlines)))
    assert spliced == whole
    with pytest.raises(ValueError):
        with_outlines("{}", outlines_json(outlines))


def test_frozen_deck_is_drawn_by_streamlit_from_its_spec_and_tooltip():
    """Through st.pydeck_chart itself (not by reading back the constructor's arguments): the element Streamlit
    sends carries the cached spec and the tooltip, and no mapbox token."""
    from streamlit.testing.v1 import AppTest

    def app():
        import streamlit as st

        from components.maps import FrozenDeck

        st.pydeck_chart(FrozenDeck('{"layers":[{"id":"cities"}],"mapStyle":null}', {"text": "{city}"}))

    at = AppTest.from_function(app).run()
    assert not at.exception
    chart = at.get("deck_gl_json_chart")[0].proto
    assert json.loads(chart.json) == {"layers": [{"id": "cities"}], "mapStyle": None}
    assert json.loads(chart.tooltip) == {"text": "{city}"} and chart.mapbox_token == ""


def test_pydeck_asks_for_its_jupyter_widget_once():
    import pydeck.bindings.deck as pydeck_deck

    import components.maps  # noqa: F401 - importing it installs the remembered answer

    pydeck_deck.has_jupyter_extra()
    assert pydeck_deck.has_jupyter_extra.cache_info().currsize == 1
    assert pydeck_deck.has_jupyter_extra() is False  # no Jupyter here: the answer pydeck itself would give


def test_query_cache_key_is_exact():
    from components.ui.store import _digest, _freeze

    a = _digest(_freeze({"regions": ["Europe"], "networks": []}))
    assert a == _digest(_freeze({"networks": [], "regions": ["Europe"]}))
    assert a != _digest(_freeze({"regions": ["Europe", ""], "networks": []}))
    assert a != _digest(_freeze({"regions": ["Europe,"], "networks": []}))
    assert _digest(_freeze({"city_ids": [1, 2]})) != _digest(_freeze({"city_ids": ["1", "2"]}))


def test_warm_up_leaves_a_missing_store_to_the_first_page_run(tmp_path, monkeypatch):
    from components import ui

    missing = tmp_path / "none.duckdb"
    monkeypatch.setenv("UTMC_STORE", str(missing))
    ui.warm_up()
    assert not missing.exists()


def test_warm_up_never_takes_the_server_down(use_store, monkeypatch, caplog):
    from components import ui

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("components.ui.cache.network_deck", broken)
    ui.warm_up()
    assert "warm-up failed" in caplog.text


def fresh_warmup(monkeypatch):
    """components.ui.warmup with its own events and request count, short waits, and recorders in place of the
    two parts of the warm-up: the list says which part ran, in order."""
    import threading

    from components.ui import warmup

    for name in ("page_asked", "_first_run_done", "_armed"):
        monkeypatch.setattr(warmup, name, threading.Event())
    monkeypatch.setattr(warmup, "requests", warmup.Requests())
    monkeypatch.setattr(warmup, "IDLE_S", 0.05)
    monkeypatch.setattr(warmup, "AFTER_FIRST_RUN_S", 0.01)
    ran: list[str] = []
    monkeypatch.setattr(warmup, "first_part", lambda: ran.append("first") or True)
    monkeypatch.setattr(warmup, "second_part", lambda: ran.append("second"))
    return warmup, ran


def test_warm_up_runs_at_once_when_nobody_asked_for_a_page(monkeypatch):
    warmup, ran = fresh_warmup(monkeypatch)
    warmup.when_idle()
    assert ran == ["first", "second"]


def test_warm_up_waits_for_a_pause_in_requests_then_for_the_first_page_run(monkeypatch):
    import threading
    import time

    warmup, ran = fresh_warmup(monkeypatch)
    warmup.arm()
    warmup.page_asked.set()
    thread = threading.Thread(target=warmup.when_idle, daemon=True)
    thread.start()
    time.sleep(0.3)
    assert ran == []  # the page is served, not yet its bundle: the browser will ask for it any moment
    warmup.requests.started()  # the browser is fetching the bundle
    time.sleep(0.2)
    assert ran == []  # a request in flight: the server stays free for it
    warmup.requests.ended("/static/js/index.DormvYxC.js")
    deadline = time.monotonic() + 5
    while ran != ["first"] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ran == ["first"]  # the pause while the browser runs the bundle
    time.sleep(0.2)
    assert ran == ["first"]  # the rest waits for the visitor's first page run
    warmup.first_run_finished()
    thread.join(5)
    assert ran == ["first", "second"]


def test_requests_quiet_only_with_none_in_flight_for_a_while():
    from components.ui.warmup import Requests

    requests = Requests()
    requests.started()
    requests.ended("/")
    assert not requests.quiet_for(0)  # the page, not yet its bundle
    requests.started()
    requests.started()
    requests.ended("/static/js/index.DormvYxC.js")
    assert not requests.quiet_for(0)  # one still in flight
    requests.ended("/static/css/index.C1JORDN2.css")
    assert requests.quiet_for(0) and not requests.quiet_for(60)


def test_a_page_run_outside_serve_py_leaves_the_warm_up_alone(monkeypatch):
    warmup, _ = fresh_warmup(monkeypatch)
    warmup.first_run_finished()  # AppTest, or `streamlit run app.py`: serve.py never armed it
    assert not warmup._first_run_done.is_set()


def test_the_lazy_ui_package_names_what_it_says_and_keeps_the_sandbox_key():
    import components.ui.sandbox
    from components import ui

    assert ui._SANDBOX_KEY == components.ui.sandbox.KEY
    for name in ui.__all__:
        assert getattr(ui, name) is not None, name


def test_serve_py_serves_app_py_through_st_app():
    import ast
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "serve.py").read_text()
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "App"]
    assert len(calls) == 1 and calls[0].args[0].value == "app.py"
    assert [k.arg for k in calls[0].keywords] == ["lifespan", "middleware"]  # middleware: the page head (issue 21)


def test_sources_frame_has_the_columns_and_rows_of_the_query(use_store):
    from components import ui

    by_query = run_query("sources", store=use_store, source_ids=["geonames", "natural_earth"])
    frame = ui.sources_frame(["natural_earth", "geonames", "no-such-source", "geonames"])
    assert list(frame.columns) == list(by_query.columns) == ui.SOURCE_COLUMNS
    assert list(frame["source_id"]) == list(by_query["source_id"]) == ["geonames", "natural_earth"]
    assert list(frame["citation"]) == list(by_query["citation"])
    assert ui.sources_frame([]).empty


@pytest.mark.parametrize("ids", [[3117735], [2988507, 3117735, 999, 2988507], [999], [3688689, 184745, 2643743]])
def test_profiles_looked_up_in_memory_match_the_query(use_store, ids):
    from components import ui

    assert ui.profiles([]).empty  # (the query reads an empty list as "every city")
    by_query = run_query("city_profiles", store=use_store, city_ids=ids)
    looked_up = ui.profiles(ids)
    assert list(looked_up.columns) == list(by_query.columns)
    assert _rows(looked_up) == _rows(by_query)


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(list(v) if hasattr(v, "__len__") and not isinstance(v, str) else (None if pd.isna(v) else v)
                  for v in row) for row in frame.itertuples(index=False)]  # fmt: skip


def test_html_table_escapes_formats_and_aligns():
    from components.tables import html_table

    frame = pd.DataFrame(
        {"Region": ["<script>x</script>", "Europe"], "Cities": [1200, 3], "People": [1.5e6, None], "Share": [0.25, 1.0]}
    )
    text = html_table(frame, caption="Source & note")
    assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
    assert '<th scope="col">Region</th><th scope="col" class="num">Cities</th>' in text
    assert '<td class="num">1,200</td><td class="num">1,500,000</td><td class="num">0.25</td>' in text
    assert '<td class="num"></td><td class="num">1</td></tr>' in text  # a missing number is an empty cell
    assert "<caption>Source &amp; note</caption>" in text
    assert text.count("<tr>") == 3


def test_html_table_of_an_empty_frame_keeps_its_header():
    from components.tables import html_table

    text = html_table(pd.DataFrame(columns=["Region", "Cities"]))
    assert '<th scope="col">Region</th>' in text and "<tbody></tbody>" in text


def test_serve_py_waits_for_the_port_before_warming(monkeypatch):
    import importlib.util
    import socket
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("serve", Path(__file__).resolve().parents[2] / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    assert not serve.wait_until_listening("127.0.0.1", port, timeout=0.3)  # bound, not yet listening
    listener.listen()
    try:
        assert serve.wait_until_listening("127.0.0.1", port, timeout=2)
    finally:
        listener.close()


def test_builders_stay_pure_and_the_streamlit_pieces_stay_small():
    """components/*.py never import Streamlit or the query runner; the Streamlit-aware package keeps one
    concern per module, each well under the ~300 lines where a shared module becomes a drawer."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "components"
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("streamlit", "queries")), f"{path.name} imports {name}"
    sizes = {p.name: len(p.read_text().splitlines()) for p in (root / "ui").glob("*.py")}
    assert {"store.py", "sidebar.py", "sources.py", "widgets.py", "downloads.py", "presenter.py"} <= set(sizes)
    assert max(sizes.values()) < 300, sizes
