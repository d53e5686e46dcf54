"""The regional brief and its PPTX deck."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from pptx import Presentation

from components import ui
from components.brief import build_brief, cities_without_target, leading_cities
from components.deck import build_pptx, chromium_available, figure_image, with_credit
from components.network import filter_cities
from queries import run_query, store_identity

TODAY = dt.date(2026, 11, 26)
PNG = b"\x89PNG\r\n\x1a\n" + bytes.fromhex(
    "0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def fake_image(figure, fmt="png", width=1600, height=900, credit=None) -> bytes:
    return PNG


def slides_for(store, regions):
    return ui.cache._brief.__wrapped__(
        store_identity(store), ui.store._freeze({"regions": regions, "income_groups": [], "networks": []})
    )


@pytest.fixture
def europe(figures_store):
    return slides_for(figures_store, ["Europe"])


def test_brief_slides_and_titles(europe):
    titles = [s.title for s in europe]
    assert titles == ["Europe: the network in the region", "Headline figures", "Where the member cities are",
                      "Where their targets lead", "Furthest ahead, and no target yet", "Practices from Europe",
                      "Funding open to cities in Europe", "Sources and licences"]  # fmt: skip
    headline = europe[1].lines
    assert headline[0].endswith("member cities") and int(headline[0].split()[0]) > 100
    assert europe[2].figure is not None and "member cities in Europe" in europe[2].alt
    assert all(s.notes for s in europe)


def test_brief_leading_and_missing():
    cities = pd.DataFrame(
        {"city_id": [1, 2, 3], "city": ["A", "B", "C"], "country": ["X"] * 3, "population": [3, 2, 1]}
    )
    targets = pd.DataFrame([{"city_id": 2, "kind": "net_zero", "target_year": 2040, "reduction_pct": 100.0},
                            {"city_id": 1, "kind": "base_year", "target_year": 2030, "reduction_pct": 55.0}])  # fmt: skip
    leaders = leading_cities(cities, targets)
    assert list(leaders["City"]) == ["B", "A"] and list(leaders["Cut by 2030"]) == ["—", "−55 %"]
    assert cities_without_target(cities, targets) == ["C"]


def test_brief_region_with_no_data_is_short_and_honest(built_store):
    slides = slides_for(built_store, ["Micronesia"])
    assert [s.title for s in slides][:3] == ["Micronesia: the network in the region", "Headline figures",
                                             "No member cities in the store"]  # fmt: skip
    assert slides[-1].title == "Sources and licences"
    assert slides[1].lines[0] == "0 member cities"


def test_pptx_deck_opens_with_titles_images_alt_text_and_notes(europe):
    data = build_pptx(europe, image=fake_image)
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    assert [s.shapes.title.text for s in slides[: len(europe)]] == [s.title for s in europe]
    for slide, source in zip(slides[:-1], europe[:-1], strict=False):
        pictures = [sh for sh in slide.shapes if sh.shape_type == 13]
        assert len(pictures) == (1 if source.figure is not None else 0)
        for pic in pictures:
            assert pic._element.nvPicPr.cNvPr.get("descr") == source.alt
        assert slide.notes_slide.notes_text_frame.text == source.notes
    # the sources fill as many slides as they need (at most 10 a slide), each listed once, citations in the notes
    sources = europe[-1].sources
    listed = [sl for sl in slides if sl.shapes.title.text.startswith("Sources and licences")]
    assert len(slides) == len(europe) - 1 + len(listed) and len(listed) >= -(-len(sources) // 10)
    rows = [sh.table.cell(r, 2).text for sl in listed for sh in sl.shapes if sh.has_table
            for r in range(1, len(sh.table.rows))]  # fmt: skip
    assert len(rows) == sources["source_id"].nunique()
    assert any("GeoNames" in sl.notes_slide.notes_text_frame.text for sl in listed)


def texts(slide) -> list[str]:
    return [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]


def test_every_shape_lies_inside_the_slide_and_every_slide_shows_a_source(europe):
    deck = Presentation(io.BytesIO(build_pptx(europe, image=fake_image)))
    width, height = deck.slide_width, deck.slide_height
    assert (width, height) == (12192000, 6858000)  # 13.333 x 7.5 in
    for n, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (n, shape.name)
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, (n, shape.name)
        shown = " ".join(texts(slide))
        assert "Source" in shown, f"slide {n} names no source: {shown[:200]}"


def test_chart_slides_carry_their_sentence_and_tables_are_tables(europe):
    deck = Presentation(io.BytesIO(build_pptx(europe, image=fake_image)))
    for slide, source in zip(deck.slides, europe[:-1], strict=False):
        if source.figure is not None:
            assert source.lines[0] in " ".join(texts(slide))  # the coverage / summary sentence, as text
        if source.table is not None:
            tables = [sh for sh in slide.shapes if sh.has_table]
            assert len(tables) == 1, source.title
            table = tables[0].table
            assert [table.cell(0, c).text for c in range(len(source.table.columns))] == list(source.table.columns)
            assert len(table.rows) == len(source.table) + 1
            assert table.cell(1, 0).text == str(source.table.iloc[0, 0])
            assert "·" not in " ".join(texts(slide))  # no "·"-joined lines
    sources_slide = next(sl for sl in deck.slides if sl.shapes.title.text == "Sources and licences")
    table = next(sh for sh in sources_slide.shapes if sh.has_table).table
    assert [table.cell(0, c).text for c in range(3)] == ["Source", "Licence", "Address"]
    addresses = {table.cell(r, 2).text for r in range(1, len(table.rows))}
    assert addresses <= set(europe[-1].sources["url"].fillna(""))  # each address whole, as the store has it


def test_the_deck_made_for_africa_says_africa(figures_store):
    africa = slides_for(figures_store, ["Africa"])
    deck = Presentation(io.BytesIO(build_pptx(africa, image=fake_image)))
    assert deck.slides[0].shapes.title.text == "Africa: the network in the region"
    assert not any("Europe" in sl.shapes.title.text for sl in deck.slides)


def test_exported_figure_carries_title_source_and_licence(europe):
    figure = europe[3].figure  # the aggregate pathway: its on-screen source line sits below the plot
    onscreen = [a.text for a in figure.layout.annotations if a.text.startswith("Source:")]
    assert len(onscreen) == 1
    exported = with_credit(figure, "Source: Net Zero Tracker · Licence: CC BY 4.0 · UTMC Explorer")
    assert not [a for a in exported.layout.annotations if str(a.text).startswith("Source:")]  # moved, not doubled
    assert exported.layout.title.text == figure.layout.title.text
    assert "Licence: CC BY 4.0" in exported.layout.title.subtitle.text
    assert figure.layout.annotations[-1].text == onscreen[0]  # the on-screen figure is left as it was
    plain = with_credit(figure)  # no credit given: the figure's own source line
    assert plain.layout.title.subtitle.text == onscreen[0]


def test_pptx_short_deck_for_an_empty_region(built_store):
    data = build_pptx(slides_for(built_store, ["Micronesia"]), image=fake_image)
    assert len(Presentation(io.BytesIO(data)).slides) >= 4


@pytest.mark.skipif(not chromium_available(), reason="chart images need chromium (make test installs it)")
def test_pptx_real_images_with_kaleido(europe):
    png = figure_image(europe[2].figure, "png", 800, 450)
    svg = figure_image(europe[2].figure, "svg", 800, 450, credit="Source: GeoNames · Licence: CC BY 4.0")
    assert png.startswith(b"\x89PNG") and b"<svg" in svg[:500]
    assert b"Member cities in Europe" in svg and b"Licence: CC BY 4.0" in svg  # title, source, licence drawn in
    progress = []
    data = build_pptx(europe, progress=lambda f, m: progress.append(f))
    assert progress[-1] == 1.0 and len(Presentation(io.BytesIO(data)).slides) >= len(europe)


def test_brief_uses_the_same_named_queries(figures_store):
    cities = filter_cities(run_query("network_cities", store=figures_store, networks=[]), ["Europe"], [])
    slides = build_brief("Europe", cities, run_query("country_outlines", store=figures_store), ["C40"],
                         {"coverage": {"cities": len(cities), "with_targets": 0, "drawn": 0, "population_share": 0},
                          "aggregate": pd.DataFrame(), "source_ids": []},
                         run_query("cities_targets", store=figures_store, city_ids=[]), pd.DataFrame(), pd.DataFrame(),
                         run_query("sources", store=figures_store, source_ids=["geonames"]), TODAY)  # fmt: skip
    assert slides[0].lines[0] == "UTMC Explorer · 26 November 2026"
    assert "No target that can be drawn" in slides[3].lines[1]
