"""The journeys a user takes, in Debian chromium: deep link, map drawn, figures, filters, downloads, offline."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageStat
from playwright.sync_api import expect

from components.network import filter_cities
from queries import run_query

MAP_TIMEOUT = 45_000


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def assert_map_drawn(page, path):
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for(state="visible", timeout=MAP_TIMEOUT)
    page.wait_for_timeout(1500)  # let deck.gl draw its layers
    png = canvas.screenshot(path=str(path))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width > 300 and image.height > 300
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the map canvas is blank or nearly so"
    assert max(ImageStat.Stat(image).stddev) > 10, "the map canvas has no contrast: nothing drawn"


def test_first_request_is_a_deep_link_with_filters(server, page, outside_requests, built_store, screenshots):
    """The very first page request to a fresh server carries filters; the map draws offline."""
    page.goto(f"{server}/?region=Europe&network=EU+Mission")
    expect(page.get_by_role("heading", name="Network")).to_be_visible(timeout=MAP_TIMEOUT)
    assert_map_drawn(page, screenshots / "network-europe-eu-mission-map.png")
    expected = filter_cities(run_query("network_cities", store=built_store, networks=["EU Mission"]), ["Europe"], [])
    assert metric_value(page, "Member cities") == str(len(expected))
    assert metric_value(page, "Countries") == str(expected["iso3"].nunique())
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Europe")
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.screenshot(path=str(screenshots / "network-europe-eu-mission.png"), full_page=True)
    assert outside_requests == []


def test_world_view_and_filter_goes_into_the_url(server, page, outside_requests, screenshots):
    page.goto(server)
    expect(page.get_by_role("heading", name="Network")).to_be_visible(timeout=MAP_TIMEOUT)
    assert_map_drawn(page, screenshots / "network-world-map.png")
    total = int(metric_value(page, "Member cities"))
    assert total > 200
    page.screenshot(path=str(screenshots / "network-world.png"), full_page=True)

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="C40", exact=True).click()  # 3 networks: pills
    expect(page).to_have_url(re.compile(r"[?&]network=C40"), timeout=15_000)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Member cities")).to_contain_text("97")
    assert outside_requests == []


def test_table_and_csv_download(server, page, outside_requests):
    """The CSV download is a ZIP: the table as pure CSV that pandas reads back to the rows and numbers shown, and
    its sources beside it."""
    import io
    import zipfile

    import pandas as pd

    page.goto(f"{server}/?region=Africa")
    expect(page.get_by_role("heading", name="By region")).to_be_visible(timeout=MAP_TIMEOUT)
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Download table by region")).click()
    assert info.value.suggested_filename == "utmc-network-by-region.zip"
    with zipfile.ZipFile(info.value.path()) as z:
        table = pd.read_csv(io.BytesIO(z.read("utmc-network-by-region.csv")))
        sources = pd.read_csv(io.BytesIO(z.read("sources.csv")))
    assert list(table.columns[:5]) == ["Region", "Sub-region", "Cities", "Countries", "People"]
    shown = page.locator("table.utmc-table").first  # the table on the page, as the viewer reads it
    assert len(table) == shown.locator("tbody tr").count() and set(table["Region"]) == {"Africa"}
    people = shown.locator("tbody tr").first.locator("td").nth(4).inner_text()  # "1,234,567" on the page
    assert people == f"{table['People'].iloc[0]:,}"
    assert "Sub-Saharan Africa" in set(table["Sub-region"])
    assert table["People"].dtype.kind == "i" and table["Cities"].dtype.kind == "i" and table["People"].min() > 0
    assert "GeoNames" in set(sources["Publisher"]) and sources["Licence"].notna().all()
    assert outside_requests == []


def test_data_page(server, page, outside_requests, screenshots):
    page.goto(f"{server}/data")
    expect(page.get_by_role("heading", name="Data and sources")).to_be_visible(timeout=MAP_TIMEOUT)
    expect(page.locator("table.utmc-table").first).to_be_visible()  # sources, headers in words; flagged figures follow
    page.screenshot(path=str(screenshots / "data.png"), full_page=True)
    assert outside_requests == []


def test_upload_a_template_with_the_admin_secret(server, page, outside_requests, screenshots, tmp_path):
    from tests.e2e.conftest import ADMIN_SECRET

    upload = tmp_path / "vienna.csv"
    upload.write_text(
        "record,city_id,year,sector,emissions,unit,is_illustrative\n"
        "inventory,2761369,2019,total,8.1,MtCO2e,yes\n"
        "inventory,2761369,1800,total,1,tCO2e,\n",
        encoding="utf-8",
    )
    page.goto(f"{server}/data")
    expect(page.get_by_role("heading", name="Add reported figures")).to_be_visible(timeout=MAP_TIMEOUT)
    form = page.locator('[data-testid="stForm"]')
    form.get_by_text("template", exact=True).click()
    form.locator('input[type="file"]').set_input_files(str(upload))
    expect(form.get_by_text("vienna.csv")).to_be_visible()
    form.locator('input[type="password"]').fill(ADMIN_SECRET)
    form.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 of 2 rows imported.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("outside 1990-2100").first).to_be_attached()  # a cell of the problems grid
    assert ADMIN_SECRET not in page.url and ADMIN_SECRET not in page.content()
    page.screenshot(path=str(screenshots / "data-upload.png"), full_page=True)
    page.reload()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Imported files")).to_contain_text(
        "1", timeout=30_000
    )
    assert outside_requests == []


def test_practices_search_and_source_link(server, page, outside_requests, screenshots):
    page.goto(f"{server}/practices?city=3688689")
    expect(page.get_by_role("heading", name="Practices", exact=True)).to_be_visible(timeout=MAP_TIMEOUT)
    search = page.get_by_label("Search")
    search.fill("bus rapid transit")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=bus"), timeout=15_000)
    heading = page.get_by_role("heading", name=re.compile("TransMilenio"))
    first = page.locator('[data-testid="stVerticalBlock"]').filter(has=heading).last  # the card around it
    expect(first).to_be_visible(timeout=15_000)
    expect(first).to_contain_text("Why for this city")
    link = first.get_by_role("link").last
    href = link.get_attribute("href")
    assert href and href.startswith("http") and "127.0.0.1" not in href
    assert outside_requests == []  # the source is a link for the reader; the app itself fetched nothing
    page.screenshot(path=str(screenshots / "practices-bogota.png"))


def test_funding_for_a_city(server, page, outside_requests, screenshots):
    page.goto(f"{server}/funding?city=184745&region=Africa")
    expect(page.get_by_text("For Nairobi:")).to_be_visible(timeout=MAP_TIMEOUT)
    expect(page.locator("table.utmc-table")).to_be_visible()  # plain HTML: "Unknown" and "Not met" wrap
    page.screenshot(path=str(screenshots / "funding-nairobi.png"))
    assert outside_requests == []


def test_hostile_uploads_are_refused_in_one_line_or_read(server, page, outside_requests, tmp_path):
    """Issue 20 through the Data page: an XFD workbook is refused at once with the command line's reason; a
    CR-only CSV is read (checked only: nothing is written)."""
    import time

    from tests.e2e.conftest import ADMIN_SECRET
    from tests.unit.test_hardening import sheet_xml, workbook_with_sheet_xml

    bomb = workbook_with_sheet_xml(tmp_path / "wide.xlsx", sheet_xml(6_000, "XFD", None))
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b"record,city_id,year,sector,emissions,unit\rinventory,2761369,2019,total,8.1,MtCO2e\r")

    def submit(fmt: str, path, dry_run: bool = False) -> None:
        page.goto(f"{server}/data")
        expect(page.get_by_role("heading", name="Add reported figures")).to_be_visible(timeout=MAP_TIMEOUT)
        form = page.locator('[data-testid="stForm"]')
        form.get_by_text(fmt, exact=True).click()
        form.locator('input[type="file"]').set_input_files(str(path))
        expect(form.get_by_text(path.name)).to_be_visible()
        if dry_run:
            form.get_by_text("Check only").click()
        form.locator('input[type="password"]').fill(ADMIN_SECRET)
        form.get_by_role("button", name="Import").click()

    submit("nzt", bomb)
    started = time.perf_counter()
    expect(page.get_by_text("The file was refused; the store is unchanged. sheet")).to_contain_text(
        "has a value in column 16,384 (line 1); the limit is 500 columns", timeout=30_000
    )
    assert time.perf_counter() - started < 10
    submit("template", mac, dry_run=True)
    expect(page.get_by_text("1 of 1 rows would be imported (dry run).")).to_be_visible(timeout=30_000)
    assert outside_requests == []
