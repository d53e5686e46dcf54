"""Every page through Streamlit's AppTest, over a store built for the test session."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_app(query_params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


class _TableReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """The HTML tables (components/tables.py) on the page, read back: "1,200" -> 1200."""
    out = []
    for element in at.html:
        if 'class="utmc-table"' not in element.value:
            continue
        reader = _TableReader()
        reader.feed(element.value)
        head, *rows = reader.rows
        frame = pd.DataFrame(rows, columns=head)
        for column in frame.columns:
            numbers = pd.to_numeric(frame[column].str.replace(",", ""), errors="coerce")
            if numbers.notna().all() and len(frame):
                frame[column] = numbers
        out.append(frame)
    return out


@pytest.fixture
def app(use_store):
    return run_app()


def test_network_page_without_filters(app):
    assert app.title[0].value == "Network"
    figures = metrics(app)
    assert int(figures["Member cities"]) > 200
    assert int(figures["Countries"]) > 50
    assert figures["People living in them"].endswith("million")
    deck = app.get("deck_gl_json_chart")
    assert len(deck) == 1
    assert '"mapStyle":"app/static/basemap.json"' in deck[0].proto.json
    by_region = html_tables(app)[0]
    assert set(by_region["Region"]) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert by_region["Cities"].sum() == int(figures["Member cities"])


def test_network_page_filter_changes_figures(app):
    before = int(metrics(app)["Member cities"])
    app.pills(key="network").select("C40").run()  # 3 networks: pills (components/ui/sidebar.py choose_many)
    assert int(metrics(app)["Member cities"]) == 97
    app.multiselect(key="region").select("Africa").run()
    after = metrics(app)
    assert 0 < int(after["Member cities"]) < before
    by_region = html_tables(app)[0]
    assert set(by_region["Region"]) == {"Africa"}
    assert list(by_region.columns[-1:]) == ["C40"]


def test_network_page_filters_from_the_url(use_store):
    at = run_app({"region": "Europe", "network": "EU Mission"})
    assert at.multiselect(key="region").value == ["Europe"]
    assert at.pills(key="network").value == ["EU Mission"]
    figures = metrics(at)
    assert 95 <= int(figures["Member cities"]) <= 112  # the Turkish cities lie in Western Asia
    assert "Europe" in at.caption[0].value


def test_network_page_income_filter_from_the_url(use_store):
    at = run_app({"income": "Low income"})
    assert at.pills(key="income").value == ["Low income"]
    table = html_tables(at)[0]
    assert (table["Region"] != "Europe").all()


def test_few_options_are_pills_and_many_a_list_to_search(monkeypatch):
    """The sidebar's choose_many: every option in view while they are few, a multiselect with search beyond."""
    from streamlit.testing.v1 import AppTest

    def app():
        import streamlit as st

        from components.ui.sidebar import PILLS_UP_TO, choose_many

        few = choose_many("Few", [f"f{i}" for i in range(PILLS_UP_TO)], key="few", placeholder="All")
        many = choose_many("Many", [f"m{i}" for i in range(PILLS_UP_TO + 1)], key="many", placeholder="All")
        st.text(repr((few, many)))

    at = AppTest.from_function(app, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert [p.key for p in at.pills] == ["few"] and [m.key for m in at.multiselect] == ["many"]
    assert at.multiselect(key="many").placeholder == "All"
    at.pills(key="few").select("f1").run()
    at.multiselect(key="many").select("m6").run()
    assert at.text[0].value == "(['f1'], ['m6'])"


def test_unknown_url_values_are_ignored(use_store):
    at = run_app({"region": "<script>alert(1)</script>", "network": "Nowhere"})
    assert at.multiselect(key="region").value == []
    assert int(metrics(at)["Member cities"]) > 200


def test_empty_result_says_so(use_store):
    at = run_app({"region": "Polynesia", "network": "EU Mission"})
    assert metrics(at)["Member cities"] == "0"
    assert any("No member cities match" in i.value for i in at.info)


def test_source_line_names_the_sources(app):
    html = " ".join(m.value for m in app.html)
    assert "GeoNames" in html and "Natural Earth" in html and "c40.org" in html


def data_page(monkeypatch, secret: str | None = None) -> AppTest:
    if secret is None:
        monkeypatch.delenv("UTMC_ADMIN_SECRET", raising=False)
    else:
        monkeypatch.setenv("UTMC_ADMIN_SECRET", secret)
    at = run_app()
    at.switch_page(str(Path(APP).parent / "app_pages" / "data.py")).run()
    assert not at.exception
    return at


def test_data_page_lists_sources_with_rows(use_store, monkeypatch):
    at = data_page(monkeypatch)
    assert at.title[0].value == "Data and sources"
    table = html_tables(at)[0]  # plain HTML: headers in words, the licence and citation wrap (issue 21)
    assert list(table.columns) == ["Title", "Publisher", "Licence", "Rows", "Tables", "Accessed or imported", "URL",
                                   "Citation"]  # fmt: skip
    assert {"GeoNames", "Natural Earth"} <= set(table["Publisher"])
    assert len(table) > 30
    geonames = table[table["Publisher"] == "GeoNames"].iloc[0]
    assert geonames["Rows"] > 30_000 and geonames["Licence"] == "CC BY 4.0"
    further = table[table["Title"].str.startswith("Further page for: ")]  # catalogue rows' other_urls
    assert len(further) >= 30 and (further["Rows"] >= 1).all() and set(further["Tables"]) == {"funding"}
    assert "None" not in set(table["Accessed or imported"]) and "nan" not in set(table["Accessed or imported"])


def test_data_page_has_no_upload_without_a_secret(use_store, monkeypatch):
    at = data_page(monkeypatch)
    assert any("Uploading is switched off" in i.value for i in at.info)
    assert len(at.get("file_uploader")) == 0 and len(at.text_input) == 0


def test_data_page_short_secret_does_not_switch_uploads_on(use_store, monkeypatch):
    at = data_page(monkeypatch, "short")
    assert len(at.get("file_uploader")) == 0


def test_data_page_upload_form_with_a_secret(use_store, monkeypatch):
    at = data_page(monkeypatch, "correct horse battery staple")
    assert len(at.get("file_uploader")) == 1
    assert at.text_input[0].proto.type == at.text_input[0].proto.PASSWORD
    at.text_input[0].input("wrong secret")
    submit = next(b for b in at.button if b.label == "Import")
    submit.click().run()
    assert any("not the admin secret" in e.value for e in at.error)
    shown = " ".join(str(e.value) for e in [*at.error, *at.markdown, *at.caption, *at.info])
    assert "correct horse" not in shown and "correct horse" not in str(dict(at.query_params))


def test_garbage_store_gives_a_clear_message_and_is_not_overwritten(tmp_path, monkeypatch):
    store = tmp_path / "utmc.duckdb"
    store.write_bytes(b"not a store" * 1000)
    before = store.read_bytes()
    monkeypatch.setenv("UTMC_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert "The data store cannot be read" in at.error[0].value
    assert store.read_bytes() == before


def test_missing_store_is_built_on_first_start(tmp_path, monkeypatch):
    store = tmp_path / "fresh" / "utmc.duckdb"
    monkeypatch.setenv("UTMC_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert store.exists()
    assert int(metrics(at)["Member cities"]) > 200


def open_page(page: str, query_params: dict | None = None) -> AppTest:
    at = run_app(query_params)
    at.switch_page(str(Path(APP).parent / "app_pages" / f"{page}.py")).run()
    assert not at.exception, at.exception
    return at


def practice_titles(at: AppTest) -> list[str]:
    return [m.value.removeprefix("## ") for m in at.markdown if m.value.startswith("## ")]


def test_practices_page_search_and_filters_from_the_url(use_store):
    at = open_page("practices", {"q": "bus rapid", "region": "Africa"})
    titles = practice_titles(at)
    assert titles and all("bus" in t.lower() or "brt" in t.lower() or "transit" in t.lower() for t in titles)
    assert any("practices**" in m.value for m in at.markdown)


def test_practices_page_sector_filter(use_store):
    at = open_page("practices", {"sector": "waste"})
    count = next(m.value for m in at.markdown if "practices**" in m.value)
    assert 3 <= int(count.split("**")[1].split()[0]) <= 20


@pytest.mark.parametrize(
    "payload", ["'; DROP TABLE practices; --", "<img src=x onerror=alert(1)>", "%' OR '1'='1", "\\x00"]
)
def test_practices_page_hostile_queries_are_just_text(use_store, payload):
    at = open_page("practices", {"q": payload})
    assert any("**0 practices**" in m.value for m in at.markdown)
    assert any("No practice matches" in i.value for i in at.info)
    at2 = open_page("practices")
    assert any("**7" in m.value or "**8" in m.value or "**6" in m.value for m in at2.markdown)  # catalogue intact


def test_practices_page_for_a_city(use_store):
    at = open_page("practices", {"city": "3688689"})  # Bogotá
    assert any("For **Bogotá**" in m.value for m in at.markdown)
    assert practice_titles(at)[0].startswith("TransMilenio")
    assert any("Bogotá's own practice" in m.value for m in at.markdown)


@pytest.mark.parametrize("bad", ["abc", "999999999", "-1", "<script>"])
def test_bad_city_ids_give_a_message(use_store, bad):
    for page in ("practices", "funding"):
        at = open_page(page, {"city": bad})
        assert any("No city has the id" in w.value for w in at.warning)


def test_funding_page_filters_from_the_url(use_store):
    at = open_page("funding", {"instrument": "grant", "region": "Europe"})
    table = html_tables(at)[0]
    assert len(table) > 0 and set(table["Instrument"]) == {"grant"}
    everything = html_tables(open_page("funding"))[0]
    assert len(everything) >= 30


def test_funding_page_for_a_city(use_store):
    at = open_page("funding", {"city": "184745"})  # Nairobi
    table = html_tables(at)[0]  # plain HTML: the long "Unknown" and "Not met" texts wrap, never cut
    assert list(table.columns[:2]) == ["Programme", "For this city"]
    assert set(table["For this city"]) <= {"eligible", "maybe", "not eligible"}
    gap = table[table["Programme"] == "City Climate Finance Gap Fund"].iloc[0]
    assert gap["For this city"] in ("eligible", "maybe") and "income group ok" in gap["Checked and met"]
    horizon = table[table["Provider"].str.contains("European Commission", na=False)]
    assert (horizon["For this city"] == "not eligible").all()


@pytest.fixture
def use_figures(figures_store, monkeypatch):
    monkeypatch.setenv("UTMC_STORE", str(figures_store))
    return figures_store


def test_city_page_with_inventory_and_targets(use_figures):
    at = open_page("city", {"city": "3117735"})
    assert at.header[0].value == "Madrid, Spain"
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    inventory, pathway = (json.loads(c.proto.spec) for c in charts)
    hatched = [t["name"] for t in inventory["data"] if t["marker"]["pattern"]["shape"] == "/"]
    assert sorted(hatched) == ["buildings (illustrative)", "energy (illustrative)", "transport (illustrative)"]
    names = [t["name"] for t in pathway["data"]]
    # the series with the most reported years (the test file's 2015-2018, not the tracker's one 2014 figure)
    assert names[:3] == ["Path the targets imply", "Targets", "Reported totals (UTMC Explorer tests; all GHG, CO2e)"]
    assert names[3] == "Trend: least squares over 4 years 2015–2018 of that series"
    bold = [m.value for m in at.markdown if m.value.startswith("**")]
    assert any("At its 2015–2018 trend, Madrid" in b for b in bold)
    targets = next(t for t in html_tables(at) if "Target" in t.columns)  # plain HTML: long scopes wrap
    assert len(targets) == 6 and set(targets["Target year"]) == {2020, 2030, 2040, 2050}
    assert set(targets["Figure"]) == {"reported"}  # 3 of the test file + NZT 2 + GCoM 1, none the same target
    assert not targets.astype(str).isin(["None", "nan", "<NA>", "base_year"]).any().any()
    assert set(targets["Sources"]) == {"UTMC Explorer tests", "Net Zero Tracker", "GCoM signatories (JRC)"}
    gcom = targets[targets["Sources"] == "GCoM signatories (JRC)"].iloc[0]
    assert gcom["Base year"] == "" and gcom["Target"] == "−20\u00a0% cut from base year by 2020"  # no base year given
    assert any("intensity targets need population" in c.value for c in at.caption)


def test_city_page_shows_reported_and_modelled_apart(use_store):
    """Edmonton in the default store: reported 2019 (Net Zero Tracker) and modelled 2019-2021 (Carbon Monitor)."""
    at = open_page("city", {"city": "5946768"})
    inventory = json.loads(at.get("plotly_chart")[0].proto.spec)
    groups = {t["legendgrouptitle"]["text"] for t in inventory["data"]}
    assert any("Net Zero Tracker<br>reported, all GHG, CO2e" in g for g in groups)
    assert any("Carbon Monitor Cities<br>modelled, fossil CO2 only, functional urban area" in g for g in groups)
    modelled = [t for t in inventory["data"] if "(modelled)" in t["name"]]
    assert modelled and all(t["marker"]["pattern"]["shape"] == "." for t in modelled)  # hollow, dotted
    assert len({t["offsetgroup"] for t in inventory["data"]}) == 2  # side by side, never stacked on each other
    both = next(d.value for d in at.dataframe if "Ratio" in d.value.columns)  # reported vs modelled, same year
    assert both["Year"].tolist() == [2019] and both["Ratio"].iloc[0] == pytest.approx(
        14_610_034 / both["Second (t)"].iloc[0]
    )
    assert "kind: reported vs modelled; gas: all GHG, CO2e vs fossil CO2 only" in both["What differs"].iloc[0]
    summary = " ".join(m.value for m in at.markdown)
    assert "Modelled by Carbon Monitor" in summary and "Reported by Net Zero Tracker" in summary


def test_city_pages_of_the_default_store_show_real_numbers(use_store):
    for city_id in (3117735, 2950159, 3470127, 3369157):  # Madrid, Berlin, Belo Horizonte, Cape Town
        at = open_page("city", {"city": str(city_id)})
        assert len(at.get("plotly_chart")) >= 1, city_id  # the inventory chart
        said = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
        assert "on track" in said or "cannot be said" in said or "too little data" in said or "trend" in said
    for city_id in (3688689, 184745):  # Bogotá, Nairobi: targets, no shipped inventory
        at = open_page("city", {"city": str(city_id)})
        assert any("None of the shipped sources" in i.value for i in at.info)
        targets = next(t for t in html_tables(at) if "Target" in t.columns)  # their Net Zero Tracker targets
        assert len(targets) >= 1 and "Net Zero Tracker" in set(targets["Sources"])


def test_closed_expanders_cost_nothing_and_open_from_the_url(use_figures):
    at = open_page("city", {"city": "3117735"})
    assert [e.label for e in at.expander][0] == "Facts and their sources"
    closed = len(at.dataframe)
    assert not any("Fact" in d.value.columns for d in at.dataframe)
    at = open_page("city", {"city": "3117735", "facts": "true"})
    facts = at.dataframe[0].value
    assert len(at.dataframe) == closed + 1 and list(facts.columns)[0] == "Fact" and len(facts) > 3
    network = run_app()
    assert len(network.dataframe) == 0 and network.expander[0].label.startswith("All ")
    listing = run_app({"list": "true"})
    assert len(listing.dataframe) == 1 and len(listing.dataframe[0].value) == int(metrics(listing)["Member cities"])


def test_city_page_for_a_city_with_no_data(use_figures):
    at = open_page("city", {"city": "2996944"})  # Lyon: none of the shipped sources covers it
    assert at.header[0].value == "Lyon, France"
    infos = " ".join(i.value for i in at.info)
    assert "No inventory of Lyon is in the store" in infos and "No target of Lyon" in infos
    assert "None of the shipped sources" in infos
    assert len(at.get("plotly_chart")) == 0
    assert any("cannot be said" in m.value for m in at.markdown)


@pytest.mark.parametrize("bad", ["abc", "123456789012345", "0"])
def test_city_page_bad_ids(use_figures, bad):
    at = open_page("city", {"city": bad})
    assert any("No city has the id" in w.value for w in at.warning)
    assert any("Find a city above" in i.value for i in at.info)


def test_city_page_empty_state(use_figures):
    at = open_page("city")
    assert any("Find a city above" in i.value for i in at.info)


def test_pathways_page_for_a_region(use_figures):
    at = open_page("pathways", {"region": "Southern Europe"})
    sentence = next(m.value for m in at.markdown if "have a target in the store" in m.value)
    assert sentence.startswith("**30 of 33 member cities")  # the open datasets' targets and the test file's
    # one kind only: a reported target never starts from a modelled estimate, so no kinds are mixed
    assert "The sum adds up" in sentence and "on reported, all GHG, CO2e figures" in sentence
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value.set_index("City")
    assert table.loc["Madrid", "City page"] == "city?city=3117735"
    assert table.loc["Madrid", "Baseline"] == "2005: 9.5 MtCO2e (reported, all GHG, CO2e)"  # the target's own figure


def test_pathways_page_with_no_targets(use_store):
    at = open_page("pathways", {"region": "Central Asia"})  # no member city there
    assert any("No city in this selection has a target" in i.value for i in at.info)


def test_compare_page_with_three_member_cities(use_figures):
    at = open_page("compare", {"cities": "3117735,3169070,2988507"})  # Madrid, Rome, Paris
    table = html_tables(at)[0].set_index("")  # plain HTML: every row on the page, no inner scroll (issue 21)
    assert list(table.columns) == ["Madrid", "Rome", "Paris"]
    assert {"Net-zero year", "Nearest interim target", "Sources"} <= set(table.index)
    assert table.loc["Latest inventory year", "Madrid"] == "2018"  # reported 2018 beats the illustrative 2019
    assert table.loc["Largest sectors", "Madrid"] == "no sector breakdown"
    assert len(at.get("plotly_chart")) == 1
    peers = html_tables(at)[1]
    assert list(peers.columns) == ["City", "Country", "Score", "Reasons"]
    assert len(peers) == 10 and "Madrid" not in set(peers["City"])
    assert peers["Reasons"].str.contains("size").all()


def test_compare_page_drops_unknown_ids_and_duplicates(use_figures):
    at = open_page("compare", {"cities": "3117735,abc,999999999,3117735"})
    assert any("no such city: abc, 999999999" in w.value for w in at.warning)
    assert list(html_tables(at)[0].columns) == ["", "Madrid"]


def test_compare_page_more_than_six(use_figures):
    ids = "3117735,3169070,2988507,2950159,2643743,3128760,2761369,3067696"
    at = open_page("compare", {"cities": ids})
    assert any("Only the first 6 of 8" in w.value for w in at.warning)
    assert len(html_tables(at)[0].columns) == 7  # the row labels and six cities


def test_compare_page_empty_state(use_figures):
    at = open_page("compare")
    assert any("Pick two to six cities" in i.value for i in at.info)


def test_compare_find_peers_button(use_figures):
    at = open_page("compare", {"cities": "3117735"})
    next(b for b in at.button if b.label == "Compare with the top 5 peers").click().run()
    value = at.query_params["cities"]
    value = value if isinstance(value, str) else value[0]
    assert value.startswith("3117735,") and len(value.split(",")) == 6


def test_brief_page_for_a_region(use_figures):
    at = open_page("brief", {"region": "Europe"})
    assert at.title[0].value == "Europe: the network in the region"
    assert [s.value for s in at.main.header][:2] == ["Headline figures", "Where the member cities are"]
    assert len(at.get("plotly_chart")) == 2


def _fake_images(monkeypatch):
    """build_pptx with a 1-pixel picture instead of kaleido's (the e2e test makes the real deck)."""
    import components.deck as deck
    from tests.unit.test_brief import fake_image

    real = deck.build_pptx
    monkeypatch.setattr(deck, "build_pptx", lambda slides, progress=None: real(slides, progress, image=fake_image))


def test_a_prepared_deck_belongs_to_its_view(use_figures, monkeypatch):
    """Prepare the Europe deck, switch the sidebar to Africa: the Europe deck is no longer offered; the deck then
    prepared is Africa's, under Africa's file name."""
    import io

    from pptx import Presentation

    _fake_images(monkeypatch)
    at = open_page("brief", {"region": "Europe"})
    next(b for b in at.button if b.label == "Prepare the deck (PPTX)").click().run()
    assert not at.exception, at.exception
    offered = [b.proto.label for b in at.get("download_button") if "deck" in b.proto.label]
    assert offered == ["Download the deck (utmc-brief-europe.pptx)"]
    europe = Presentation(io.BytesIO(at.session_state["deck"]["data"]))
    assert europe.slides[0].shapes.title.text == "Europe: the network in the region"

    at.multiselect(key="region").set_value(["Africa"]).run()
    assert at.title[0].value == "Africa: the network in the region"
    assert not [b for b in at.get("download_button") if "deck" in b.proto.label]  # the Europe deck is gone
    assert "deck" not in at.session_state
    next(b for b in at.button if b.label == "Prepare the deck (PPTX)").click().run()
    offered = [b.proto.label for b in at.get("download_button") if "deck" in b.proto.label]
    assert offered == ["Download the deck (utmc-brief-africa.pptx)"]
    africa = Presentation(io.BytesIO(at.session_state["deck"]["data"]))
    assert africa.slides[0].shapes.title.text == "Africa: the network in the region"

    at.toggle(key="flagged").set_value(True).run()  # the flagged switch changes the figures: a new deck
    assert not [b for b in at.get("download_button") if "deck" in b.proto.label]


def test_brief_source_links_are_the_stores_urls(use_figures):
    """Every link on the Brief page goes to a source's address exactly as the store holds it (no backslashes from
    Markdown escaping, no "…" cut into it)."""
    from queries import run_query

    at = open_page("brief", {"region": "Europe"})
    urls = set(run_query("sources", store=use_figures, source_ids=[])["url"].dropna())
    parser = _Links()
    for element in at.html:
        parser.feed(element.value)
    assert len(parser.hrefs) > 20
    assert set(parser.hrefs) <= urls, set(parser.hrefs) - urls
    assert not [h for h in parser.hrefs if "\\" in h or "%5C" in h or "…" in h]
    said = " ".join(m.value for m in at.markdown)
    assert "…." not in said and "Sources: " not in " ".join(c.value for c in at.caption)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def test_brief_page_without_a_region(use_figures):
    at = open_page("brief")
    assert any("Pick a region" in i.value for i in at.info)
    next(b for b in at.button if b.label == "Africa").click().run()
    assert at.title[0].value == "Africa: the network in the region"


def test_presenter_mode_moves_between_slides(use_figures):
    at = open_page("brief", {"region": "Europe", "present": "1", "slide": "3"})
    assert at.title[0].value == "Where the member cities are"
    assert [b.label for b in at.button] == ["◀ Previous", "Next ▶", "Exit"]
    at.button[1].click().run()
    assert at.title[0].value == "Where their targets lead" and at.query_params["slide"] in ("4", ["4"])
    at.button[0].click().run()
    assert at.title[0].value == "Where the member cities are"


@pytest.mark.parametrize("slide", ["0", "99", "x"])
def test_presenter_mode_clamps_bad_slide_numbers(use_figures, slide):
    at = open_page("brief", {"region": "Europe", "present": "1", "slide": slide})
    assert at.title[0].value in ("Europe: the network in the region", "Sources and licences")


def _footer_script():
    import streamlit as st

    from components import ui

    ids = st.session_state["ids"]
    st.session_state["lines"] = ui.source_footer(ids, label="Test sources")


def test_source_footer_lists_a_hundred_and_offers_the_rest(use_store, built_store):
    from queries import run_query

    every = list(run_query("sources", store=built_store, source_ids=[])["source_id"])
    assert len(every) > 100
    at = AppTest.from_function(_footer_script, default_timeout=TIMEOUT)
    at.session_state["ids"] = [*every, "no-such-source", every[0]]
    at.run()
    assert not at.exception, at.exception
    footer = at.html[0].value
    assert f"Test sources ({len(every):,})" in footer
    assert footer.count("<li>") == 101
    assert f"and {len(every) - 100:,} more" in footer
    assert len(at.session_state["lines"]) == len(every)
    assert [b.proto.label for b in at.get("download_button")] == [f"Download all {len(every):,} sources (CSV)",
                                                                  "Excel (XLSX)"]  # fmt: skip

    at.session_state["ids"] = every[:3]
    at.run()
    assert at.html[0].value.count("<li>") == 3
    assert not at.get("download_button")


def test_flagged_figures_are_listed_left_out_and_put_back_by_the_switch(use_figures):
    data = open_page("data")
    quality = next(d.value for d in data.dataframe if "Check" in d.value.columns)
    guimaraes = quality[quality["City"] == "Guimarães"]
    assert len(guimaraes) == 1 and guimaraes.iloc[0]["Check"] == "per_capita"
    assert guimaraes.iloc[0]["Value (t)"] == pytest.approx(691_383_742)
    city = open_page("city", {"city": "2738752"})
    targets = next(t for t in html_tables(city) if "Target" in t.columns)
    assert targets["Check"].str.startswith("FLAGGED").sum() == 1
    assert any("Not drawn" in c.value and "17,027" in c.value for c in city.caption)  # listed, with why
    assert not any("Path the targets imply" in json.dumps(json.loads(c.proto.spec)) for c in city.get("plotly_chart"))
    included = open_page("city", {"city": "2738752", "flagged": "true"})
    pathway = [json.loads(c.proto.spec) for c in included.get("plotly_chart")]
    assert any(t["name"] == "Path the targets imply" for spec in pathway for t in spec["data"])
    europe = open_page("pathways", {"region": "Southern Europe"})
    said = next(m.value for m in europe.markdown if "have a target" in m.value)
    assert "flagged figure" in said and "left out of the sum" in said
    europe_all = open_page("pathways", {"region": "Southern Europe", "flagged": "true"})
    said = next(m.value for m in europe_all.markdown if "have a target" in m.value)
    assert "included at your request" in said


def test_funding_page_says_when_a_status_was_checked_and_that_tap_calls_again(use_store):
    table = html_tables(open_page("funding"))[0]
    tap = table[table["Programme"] == "Transformative Actions Program (TAP)"].iloc[0]
    assert tap["Note"] == "recurring call: check for the next one"
    assert tap["Status checked"].startswith("checked ") and tap["Status"] == "unknown"
    kommunal = table[table["Status"] == "open"]  # open now: no note, whatever its recurrence
    assert len(kommunal) > 0 and (kommunal["Note"] == "").all()
    assert table["Status checked"].str.match(r"checked (today|\d+ days? ago|\d+ months? ago)$").all()


def store_checked(built_store, tmp_path, monkeypatch, old_practice: str | None) -> None:
    """A copy of the default store in which every catalogue row was checked today, and `old_practice` on 2020-01-01."""
    import datetime as dt
    import shutil

    import duckdb

    store = tmp_path / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    today = dt.date.today()
    with duckdb.connect(str(store)) as con:
        con.execute("UPDATE practices SET last_checked = $d", {"d": today})
        con.execute("UPDATE funding SET last_checked = $d", {"d": today})
        if old_practice:
            con.execute(
                "UPDATE practices SET last_checked = DATE '2020-01-01' WHERE practice_id = $id", {"id": old_practice}
            )
    monkeypatch.setenv("UTMC_STORE", str(store))


def test_data_page_every_catalogue_row_checked_this_year(built_store, tmp_path, monkeypatch):
    store_checked(built_store, tmp_path, monkeypatch, old_practice=None)
    at = data_page(monkeypatch)
    assert any(s.value == "Every catalogue row was checked in the last 12 months." for s in at.success)
    assert not any("Catalogue" in d.value.columns for d in at.dataframe)


def test_data_page_lists_a_catalogue_row_not_checked_for_a_year(built_store, tmp_path, monkeypatch):
    store_checked(built_store, tmp_path, monkeypatch, old_practice="oslo-climate-budget")
    at = data_page(monkeypatch)
    assert not any("Every catalogue row" in s.value for s in at.success)
    stale = next(d.value for d in at.dataframe if "Catalogue" in d.value.columns)
    assert stale.to_dict("records") == [
        {"Catalogue": "practice", "Id": "oslo-climate-budget", "Name": "Municipal climate budget",
         "Last checked": pd.Timestamp("2020-01-01"),
         "URL": "http://www.klimaoslo.no/ten-years-of-climate-budgeting-in-oslo"}
    ]  # fmt: skip


def test_region_filter_shows_the_hierarchy_and_keeps_old_links(use_store):
    """Issue 21: regions in M49 order, each followed by its sub-regions, which name their parent; a link with a
    bare sub-region name (made before) opens the same view as its label."""
    at = run_app()
    region = next(m for m in at.multiselect if m.label == "World region (UN M49)")
    options = list(region.options)
    europe = options.index("Europe")
    assert options[europe + 1 : europe + 6] == [
        "Eastern Europe (Europe)", "Northern Europe (Europe)", "Channel Islands (Northern Europe)",
        "Southern Europe (Europe)", "Western Europe (Europe)",
    ]  # fmt: skip
    assert (
        options.index("Africa")
        < options.index("Sub-Saharan Africa (Africa)")
        < options.index("Eastern Africa (Sub-Saharan Africa)")
        < options.index("Americas")
    )
    old = run_app({"region": "Northern Europe"})
    new = run_app({"region": "Northern Europe (Europe)"})
    assert old.session_state["region"] == new.session_state["region"] == ["Northern Europe"]
    assert metrics(old) == metrics(new) and metrics(old) != metrics(at)
    # the address bar names the region again, in the label form a changed filter writes
    assert old.query_params["region"] == new.query_params["region"] == "Northern Europe (Europe)"
    both = run_app({"region": ["Polynesia", "Europe", "Nowhere"]})
    assert both.session_state["region"] == ["Polynesia", "Europe"]
    assert both.query_params["region"] == ["Polynesia (Oceania)", "Europe"]


def test_the_network_pages_first_run_imports_only_what_it_draws(built_store):
    """The cold start (issue 21): the first page most visitors see does not import the sandbox, the importers or
    the chart builders (components/ui/__init__.py imports each name when a page first asks for it). A fresh
    interpreter, as a new server process is."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT}).run()\n"
        "assert not at.exception, at.exception\n"
        "assert at.title[0].value == 'Network', at.title\n"
        "print(sorted(m for m in ('components.sandbox', 'components.charts', 'data.importers', 'data.checks')"
        " if m in sys.modules))\n"
    )
    env = {**os.environ, "UTMC_STORE": str(built_store)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout
