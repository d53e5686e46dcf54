"""Your figures through AppTest: upload and its report, the pages that use them ("your figures" beside the store's),
the banner, and "Forget my figures"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = Path(APP).parent / "app_pages"
MADRID = "3117735"
# 10 -> 8.5 Mt over 2016-2019; 2019 by sector: transport 4, buildings 3, energy 0.5, waste 0.987654321 Mt;
# target -52 % from 2016 by 2030 (4.8 Mt); one row for Barcelona (another city: left out, line 9).
DRAFT = b"""record,city_id,year,sector,emissions,unit,target_kind,base_year,target_year,reduction_pct
inventory,,2016,total,10,MtCO2e,,,,
inventory,,2017,total,9.5,MtCO2e,,,,
inventory,,2018,total,9,MtCO2e,,,,
inventory,,2019,total,8.5,MtCO2e,,,,
inventory,,2019,transport,4,MtCO2e,,,,
inventory,,2019,buildings,3,MtCO2e,,,,
inventory,,2019,energy,0.5,MtCO2e,,,,
inventory,3128760,2019,total,5,MtCO2e,,,,
inventory,,2019,waste,987654.321,tCO2e,,,,
target,,,total,10,MtCO2e,base_year,2016,2030,52
"""


def sandbox_page(city: str | None = MADRID) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if city:
        at.query_params["city"] = city
    at.run()
    at.switch_page(str(PAGES / "sandbox.py")).run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, data: bytes = DRAFT, name: str = "draft.csv") -> AppTest:
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    next(b for b in at.button if b.label == "Check and use this file").click().run()
    assert not at.exception, at.exception
    return at


def go(at: AppTest, page: str, **params) -> AppTest:
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(PAGES / f"{page}.py")).run()
    assert not at.exception, at.exception
    return at


def plain(markdown: str) -> str:
    """Markdown as read: the escapes of components/escape.py taken off."""
    return markdown.replace("\\", "")


def banner_shown(at: AppTest) -> bool:
    return any("Your own figures, not saved, visible only to you" in m.value for m in at.markdown)


def test_sandbox_page_asks_for_a_city_first(use_store):
    at = sandbox_page(city=None)
    assert at.title[0].value == "Your figures"
    assert any("First choose your city" in i.value for i in at.info)
    assert not banner_shown(at)


def test_upload_is_checked_row_by_row_and_used(use_store):
    at = upload(sandbox_page())
    assert "sandbox" in at.session_state
    assert plain(at.warning[0].value) == (
        "9 of 10 rows are in use. Your figures for Madrid: 8 inventory rows "
        "(2016–2019); latest total 8.5 MtCO2e in 2019, 1 target."
    )
    problems = next(d.value for d in at.dataframe if "problem" in d.value.columns)
    assert list(problems["row"]) == [9] and "is not Madrid (3117735)" in problems["problem"][0]
    assert banner_shown(at)
    assert [b.label for b in at.button].count("Forget my figures") == 2  # the banner's and the page's
    assert {d.label for d in at.get("download_button")} >= {"Download your figures (CSV)",
                                                             "Download your figures (XLSX)"}  # fmt: skip


def test_refused_upload_keeps_nothing(use_store):
    at = upload(sandbox_page(), b"record,year\n" + b"inventory,2019\n" * 2_001)
    assert "sandbox" not in at.session_state
    assert any("refused, nothing was kept" in e.value and "limit is 2,000" in e.value for e in at.error)
    assert not banner_shown(at)


def test_table_to_type_figures_has_the_template_columns(use_store):
    at = sandbox_page()
    editor = at.data_editor[0]
    assert list(editor.value.columns)[:4] == ["record", "year", "sector", "emissions"]


def test_city_page_shows_your_figures_beside_the_stores(use_store):
    at = go(upload(sandbox_page()), "city", city=MADRID)
    assert banner_shown(at)
    assert any("Your figures for Madrid" in s.value for s in at.subheader)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    inventory, pathway = charts[0], charts[1]
    titles = {t.get("legendgrouptitle", {}).get("text", "") for t in inventory["data"]}
    assert any(t.startswith("your figures<br>") for t in titles)  # yours ...
    assert any(t.startswith("Net Zero Tracker<br>") for t in titles)  # ... beside the store's, apart
    yours = [t for t in inventory["data"] if t["offsetgroup"].startswith("your-figures")]
    assert {t["marker"]["pattern"]["shape"] for t in yours} == {"x"}
    assert all(t["name"].endswith(", your figures") for t in yours)
    assert pathway["layout"]["title"]["text"] == "Madrid, your figures: pathway to its targets"
    assert [t["name"] for t in pathway["data"]] == [
        "Path the targets imply", "Targets", "Reported totals (your figures; all GHG, CO2e)",
        "Trend: least squares over 4 years 2016–2019 of that series",
    ]  # fmt: skip
    assert pathway["layout"]["legend"]["title"]["text"] == "<b>your figures</b> (not saved):"
    assert {t["marker"]["color"] if t["mode"] != "lines" else t["line"]["color"] for t in pathway["data"]} == {
        "#CC79A7"
    }
    bold = [m.value for m in at.markdown if m.value.startswith("**")]
    assert any("At its 2016–2019 trend, Madrid (your figures) reaches its 2030 target" in plain(b) for b in bold)
    assert len(charts) == 4  # the store's own inventory and pathway still follow


def test_compare_shows_your_city_among_its_peers(use_store):
    at = go(upload(sandbox_page()), "compare")
    assert any("Madrid among its peers: your figures" in s.value for s in at.main.header)
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {t["name"] for t in figure["data"]}
    assert "your figures" in names and "the store (reported), peer" in names
    yours = next(t for t in figure["data"] if t["name"] == "your figures")
    assert yours["y"] == ["Madrid: your figures"] and yours["x"][0] == pytest.approx(8.5e6 / 3_255_944)


def test_practices_and_funding_rank_for_your_largest_sectors(use_store):
    at = go(upload(sandbox_page()), "practices", city=MADRID)
    assert any("Largest sectors by your figures: transport, buildings" in c.value for c in at.caption)
    whys = [m.value for m in at.markdown if m.value.startswith("*Why for this city:*")]
    assert "transport is one of Madrid's largest emission sectors" in whys[1]  # Madrid's own practice comes first
    at.radio(key="sb_basis").set_value("the store's figures").run()
    assert not any("is one of Madrid's largest emission sectors" in w for w in
                   [m.value for m in at.markdown if m.value.startswith("*Why")][:3])  # fmt: skip
    at = go(at, "funding", city=MADRID)
    assert any("Largest sectors by your figures" in c.value for c in at.caption)


def test_forget_clears_everything(use_store):
    at = upload(sandbox_page())
    next(b for b in at.button if b.key == "forget_banner").click().run()
    assert "sandbox" not in at.session_state and "sandbox_outcome" not in at.session_state
    assert not banner_shown(at)
    at = go(at, "city", city=MADRID)
    assert not any("Your figures" in s.value for s in [*at.subheader, *at.main.header])
    assert len(at.get("plotly_chart")) == 2  # the store's own charts only


def test_deck_of_your_figures(use_store, monkeypatch):
    """The deck's slides on your figures (the PPTX maker replaced: chart images need chromium and seconds)."""
    import components.deck

    made = []

    def fake_pptx(slides, progress=None):
        made.append(slides)
        return b"PPTX"

    monkeypatch.setattr(components.deck, "build_pptx", fake_pptx)
    monkeypatch.setattr(components.deck, "chromium_available", lambda: True)
    at = upload(sandbox_page())
    next(b for b in at.button if b.key == "sb_deck_make").click().run()
    assert not at.exception, at.exception
    titles = [s.title for s in made[0]]
    assert titles == ["Madrid, Spain: your figures", "Inventory: your figures beside the store's",
                      "Pathway of your figures", "Among its peers, per person", "Practices for your largest sectors",
                      "Funding matched to your city"]  # fmt: skip
    assert made[0][0].lines[0] == "Your own figures, not saved, visible only to you"
    practices = made[0][4].table
    assert "is one of Madrid's largest emission sectors" in " ".join(practices["Why"])
    assert any(d.label == "Download the deck of your figures" for d in at.get("download_button"))
