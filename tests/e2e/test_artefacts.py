"""What users take away, opened as they open it: the deck of the region they switched to, a chart's SVG with its
source and licence, the Brief's source links."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pptx import Presentation

TIMEOUT = 45_000


def choose_region(page, region: str) -> None:
    """Replace the sidebar's region with `region`, as a viewer does: remove the chip, pick the option."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="World region")
    box.locator("input").click()
    page.keyboard.press("Backspace")  # removes the chosen region
    page.keyboard.type(region)
    page.get_by_role("option", name=region, exact=True).click()
    page.keyboard.press("Escape")


def test_the_deck_prepared_after_switching_to_africa_is_africas(figures_server, page, outside_requests, screenshots):
    page.goto(f"{figures_server}/brief?region=Europe")
    expect(page.get_by_role("heading", name="Europe: the network in the region")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Prepare the deck (PPTX)").click()
    europe_deck = page.get_by_role("button", name="Download the deck (utmc-brief-europe.pptx)")
    expect(europe_deck).to_be_visible(timeout=90_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshots / "brief-europe-deck-ready.png"))

    choose_region(page, "Africa")
    expect(page).to_have_url(re.compile(r"region=Africa"), timeout=15_000)
    expect(page.get_by_role("heading", name="Africa: the network in the region")).to_be_visible(timeout=TIMEOUT)
    expect(europe_deck).to_have_count(0)  # the Europe deck is not offered for Africa
    expect(page.get_by_role("button", name=re.compile("Download the deck"))).to_have_count(0)
    page.get_by_role("button", name="Prepare the deck (PPTX)").click()
    africa_deck = page.get_by_role("button", name="Download the deck (utmc-brief-africa.pptx)")
    expect(africa_deck).to_be_visible(timeout=90_000)
    with page.expect_download(timeout=60_000) as info:
        africa_deck.click()
    assert info.value.suggested_filename == "utmc-brief-africa.pptx"
    deck = Presentation(info.value.path())
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == "Africa: the network in the region" and not any("Europe" in t for t in titles)
    for n, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.top + shape.height <= deck.slide_height and shape.left + shape.width <= deck.slide_width, n
        assert "Source" in " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame), n
    pictures = [sh for s in deck.slides for sh in s.shapes if sh.shape_type == 13]
    assert pictures, "no chart picture in the deck"
    (screenshots / "deck-africa-chart.png").write_bytes(pictures[0].image.blob)  # to look at
    assert outside_requests == []


def test_brief_page_links_go_to_the_stores_addresses(figures_server, page, outside_requests, screenshots):
    page.goto(f"{figures_server}/brief?region=Europe")
    expect(page.get_by_role("heading", name="Sources and licences")).to_be_visible(timeout=TIMEOUT)
    links = page.locator("details.utmc-sources a")
    # the slides' source lists arrive one after the other: wait for them all, not only the first (a CI run counted 11)
    page.wait_for_function("document.querySelectorAll('details.utmc-sources a').length > 20", timeout=TIMEOUT)
    expect(links.first).to_be_attached(timeout=TIMEOUT)
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) > 20
    assert not [h for h in hrefs if "\\" in h or "%5C" in h or "…" in h]
    assert "https://thestandardmagazine.co.uk/londons-ultra-low-emission-zone/" in hrefs
    page.get_by_role("heading", name="Practices from Europe").scroll_into_view_if_needed()
    page.evaluate("document.querySelectorAll('details.utmc-sources').forEach(d => d.open = true)")  # as if clicked
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshots / "brief-europe-practices-sources.png"))
    page.get_by_role("heading", name="Sources and licences").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshots / "brief-europe-sources.png"))
    assert outside_requests == []


def test_chart_svg_carries_title_source_and_licence(figures_server, page, outside_requests, screenshots):
    page.goto(f"{figures_server}/city?city=3117735")
    expect(page.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
    svg = page.get_by_role("button", name=re.compile("^SVG"))
    expect(svg).to_have_count(2, timeout=TIMEOUT)
    with page.expect_download(timeout=60_000) as info:
        svg.first.click()
    assert info.value.suggested_filename == "utmc-3117735-inventory.svg"
    text = open(info.value.path(), encoding="utf-8").read()
    assert "Madrid: emissions by sector and source" in text  # the title (components/charts.py inventory_title)
    assert "Source: " in text and "Licence: " in text and "CC BY 4.0" in text  # source and licence, in the image
    png = page.get_by_role("button", name=re.compile("^PNG"))
    with page.expect_download(timeout=60_000) as info:
        png.first.click()
    (screenshots / "city-madrid-inventory-export.png").write_bytes(open(info.value.path(), "rb").read())
    assert outside_requests == []


def test_a_chart_csv_reads_back_in_pandas(figures_server, page, outside_requests):
    """The data behind Madrid's inventory chart: the years and tonnes as numbers, sources by name."""
    import zipfile

    import pandas as pd

    page.goto(f"{figures_server}/city?city=3117735")
    expect(page.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
    button = page.get_by_role("button", name="Download the data behind this chart (CSV)")
    expect(button).to_have_count(2, timeout=TIMEOUT)
    with page.expect_download() as info:
        button.first.click()
    assert info.value.suggested_filename == "utmc-3117735-inventory.zip"
    with zipfile.ZipFile(info.value.path()) as z:
        data = pd.read_csv(io.BytesIO(z.read("utmc-3117735-inventory.csv")))
        readme = z.read("README.md").decode("utf-8")
    assert data["year"].dtype.kind == "i" and data["emissions_tco2e"].dtype.kind == "f"
    assert len(data) >= 7 and data["emissions_tco2e"].gt(0).all()
    assert "source_id" not in data.columns and not data["Source"].str.startswith("import-").any()
    assert "UTMC Explorer tests: Test figures" in set(data["Source"])
    assert "## Sources and licences" in readme
    assert outside_requests == []
