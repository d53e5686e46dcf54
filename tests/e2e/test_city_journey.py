"""A city official opens her city from a link: facts, the inventory chart and the pathway chart, offline."""

from __future__ import annotations

import re

from playwright.sync_api import expect

TIMEOUT = 45_000


def test_city_deep_link_first_request_draws_both_charts(figures_server, page, outside_requests, screenshots):
    page.goto(f"{figures_server}/city?city=3117735")
    expect(page.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts).to_have_count(2, timeout=TIMEOUT)
    for i in range(2):
        svg = charts.nth(i).locator("svg.main-svg").first
        expect(svg).to_be_visible(timeout=TIMEOUT)
        assert charts.nth(i).locator("g.trace").count() >= 1, "a chart drew no trace"
    expect(page.get_by_text(re.compile(r"At its 2015–2018 trend, Madrid")).first).to_be_visible()
    expect(page.get_by_text("buildings (illustrative)").first).to_be_attached()
    charts.nth(0).scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "city-madrid-inventory.png"))
    charts.nth(1).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshots / "city-madrid-pathway.png"))
    assert outside_requests == []


def test_default_store_city_page_names_both_kinds_in_the_legend(fresh_server, page, outside_requests, screenshots):
    """A fresh server on the default store (the open datasets): the first request, Madrid's City page, draws its
    inventory chart, and the legend names the reported and the modelled series apart."""
    page.goto(f"{fresh_server}/city?city=3117735")
    expect(page.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator("svg.main-svg").first).to_be_visible(timeout=TIMEOUT)
    legend = chart.locator("g.legend")
    expect(legend.get_by_text(re.compile("reported, all GHG, CO2e")).first).to_be_attached(timeout=TIMEOUT)
    expect(legend.get_by_text(re.compile("modelled, fossil CO2 only, functional urban area")).first).to_be_attached()
    assert chart.locator("g.trace.bars").count() >= 2, "the bars were not drawn"
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshots / "city-madrid-default-store.png"))
    assert outside_requests == []


def test_city_search_puts_the_choice_in_the_url(figures_server, page, outside_requests):
    page.goto(f"{figures_server}/city")
    box = page.get_by_label("Find a city")
    expect(box).to_be_visible(timeout=TIMEOUT)
    box.fill("bogo")
    box.press("Enter")
    matches = page.locator('[data-testid="stSelectbox"]')
    expect(matches).to_be_visible(timeout=15_000)
    matches.locator("input").click()
    page.get_by_role("option", name=re.compile("^Bogotá, Colombia")).click()
    expect(page).to_have_url(re.compile(r"[?&]city=3688689"), timeout=15_000)
    expect(page.get_by_role("heading", name="Bogotá, Colombia")).to_be_visible()
    assert outside_requests == []


def test_peer_finder_journey(figures_server, page, outside_requests, screenshots):
    page.goto(f"{figures_server}/compare?cities=3117735")
    expect(page.get_by_role("heading", name="Peers of Madrid")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Compare with the top 5 peers").click()
    expect(page).to_have_url(re.compile(r"cities=3117735(%2C|,)\d+"), timeout=15_000)
    expect(page.locator("table.utmc-table").first).to_be_visible()  # plain HTML: every row, no inner scroll
    page.wait_for_timeout(1500)
    page.screenshot(path=str(screenshots / "compare-madrid-peers.png"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Excel (XLSX)").first.click()  # the comparison's, first on the page
    assert info.value.suggested_filename == "utmc-compare.xlsx"
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))  # the path has no .xlsx
    assert book.sheetnames == ["data", "sources"]
    header = [c.value for c in book["data"][1]]
    population = book["data"].cell(2, header.index("Population") + 1)
    assert population.data_type == "n" and population.value > 3_000_000  # Madrid, a number
    assert not any("import-" in str(c.value) for row in book["sources"].iter_rows() for c in row)
    assert outside_requests == []


def test_presenter_mode_offline_with_arrow_keys(figures_server, page, outside_requests, screenshots):
    page.goto(f"{figures_server}/brief?region=Europe&present=1&slide=1")
    expect(page.get_by_role("heading", name="Europe: the network in the region")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    titles = []
    for n in range(1, 9):
        expect(page).to_have_url(re.compile(rf"slide={n}(&|$)"), timeout=15_000)
        heading = page.locator("h1").first
        expect(heading).to_be_visible()
        page.wait_for_timeout(800)
        titles.append(heading.inner_text())
        page.screenshot(path=str(screenshots / f"present-europe-slide-{n}.png"))
        page.mouse.click(5, 5)  # focus the page itself, so the arrow key is not taken by a widget
        page.keyboard.press("ArrowRight")
    assert titles[2] == "Where the member cities are" and titles[-1] == "Sources and licences"
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"slide=7(&|$)"), timeout=15_000)
    assert outside_requests == []  # every request outside localhost was cut off, and none was made


def test_chart_png_download(figures_server, page, outside_requests):
    page.goto(f"{figures_server}/city?city=3117735")
    expect(page.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
    png = page.get_by_role("button", name=re.compile("^PNG"))
    # The two charts' buttons do not appear in page order (each waits for its chart's code): wait for both, so
    # that the first in the page is the inventory's (clicking whichever came first made this test flaky).
    expect(png).to_have_count(2, timeout=TIMEOUT)
    with page.expect_download(timeout=60_000) as info:
        png.first.click()
    assert info.value.suggested_filename == "utmc-3117735-inventory.png"
    assert open(info.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert outside_requests == []


def test_data_page_quality_table_lists_guimaraes(figures_server, page, outside_requests, screenshots):
    """The Data page's quality table names the figure that cannot be right (Guimarães's 691 Mt baseline)."""
    page.goto(f"{figures_server}/data")
    expect(page.get_by_role("heading", name="Data quality: figures that cannot be right")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text("Guimarães").first).to_be_attached(timeout=TIMEOUT)
    expect(page.get_by_text("per_capita").first).to_be_attached()
    page.get_by_role("heading", name="Data quality: figures that cannot be right").scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(screenshots / "data-quality.png"))
    assert outside_requests == []
