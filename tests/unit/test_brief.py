"""The regional brief and its PPTX deck."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from pptx import Presentation

from components import ui
from components.brief import build_brief, cities_without_target, leading_cities
from components.deck import build_pptx, chromium_available, figure_image
from components.network import filter_cities
from queries import run_query, store_identity

TODAY = dt.date(2026, 11, 26)
PNG = b"\x89PNG\r\n\x1a\n" + bytes.fromhex(
    "0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def fake_image(figure, fmt="png", width=1600, height=900) -> bytes:
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
    assert [s.shapes.title.text for s in deck.slides] == [s.title for s in europe]
    for slide, source in zip(deck.slides, europe, strict=True):
        pictures = [sh for sh in slide.shapes if sh.shape_type == 13]
        assert len(pictures) == (1 if source.figure is not None else 0)
        for pic in pictures:
            assert pic._element.nvPicPr.cNvPr.get("descr") == source.alt
        assert slide.notes_slide.notes_text_frame.text == source.notes
    assert "GeoNames" in deck.slides[-1].notes_slide.notes_text_frame.text


def test_pptx_short_deck_for_an_empty_region(built_store):
    data = build_pptx(slides_for(built_store, ["Micronesia"]), image=fake_image)
    assert len(Presentation(io.BytesIO(data)).slides) >= 4


@pytest.mark.skipif(not chromium_available(), reason="chart images need chromium (make test installs it)")
def test_pptx_real_images_with_kaleido(europe):
    png = figure_image(europe[2].figure, "png", 800, 450)
    svg = figure_image(europe[2].figure, "svg", 800, 450)
    assert png.startswith(b"\x89PNG") and b"<svg" in svg[:500]
    progress = []
    data = build_pptx(europe, progress=lambda f, m: progress.append(f))
    assert progress[-1] == 1.0 and len(Presentation(io.BytesIO(data)).slides) == len(europe)


def test_brief_uses_the_same_named_queries(figures_store):
    cities = filter_cities(run_query("network_cities", store=figures_store, networks=[]), ["Europe"], [])
    slides = build_brief("Europe", cities, run_query("country_outlines", store=figures_store), ["C40"],
                         {"coverage": {"cities": len(cities), "with_targets": 0, "drawn": 0, "population_share": 0},
                          "aggregate": pd.DataFrame(), "source_ids": []},
                         run_query("cities_targets", store=figures_store, city_ids=[]), pd.DataFrame(), pd.DataFrame(),
                         run_query("sources", store=figures_store, source_ids=["geonames"]), TODAY)  # fmt: skip
    assert slides[0].lines[0] == "UTMC Explorer · 26 November 2026"
    assert "No target that can be drawn" in slides[3].lines[1]
