"""Issue 21 in the browser: presenter mode at 1280x720 (chart text a room can read, navigation on screen, the Europe
map framed on Europe), Back undoing a filter change, deep links without 404s, and screenshots of the fixed views."""

from __future__ import annotations

import re

from playwright.sync_api import expect

TIMEOUT = 45_000
ROOM = {"width": 1280, "height": 720}
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")

PLOTLY_X_RANGE = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] *'))
    .find(e => e._fullLayout)._fullLayout.xaxis.range"""
CHART_FONT_SIZES = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] svg text'))
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => [t.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(t).fontSize)])"""


def test_presenter_mode_at_1280x720_is_readable_and_navigable(browser, figures_server, screenshots):
    context = browser.new_context(viewport=ROOM)
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(LOCAL) else None)
    page = context.new_page()
    page.goto(f"{figures_server}/brief?region=Europe&present=1&slide=1")
    expect(page.get_by_role("heading", name="Europe: the network in the region")).to_be_visible(timeout=TIMEOUT)
    charts = 0
    for n in range(1, 9):
        expect(page).to_have_url(re.compile(rf"slide={n}(&|$)"), timeout=15_000)
        expect(page.get_by_text(f"{n} / 8", exact=True)).to_be_visible(timeout=15_000)
        expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning")
        page.wait_for_timeout(1200)  # the slide's elements replace the last one's
        if n == 3:
            expect(page.get_by_role("heading", name="Where the member cities are")).to_be_visible()
        for name in ("Previous", "Next", "Exit"):  # on screen, without scrolling, on every slide
            box = page.get_by_role("button", name=re.compile(name)).bounding_box()
            assert box and 0 <= box["y"] and box["y"] + box["height"] <= ROOM["height"], (n, name, box)
        if page.locator('[data-testid="stPlotlyChart"]').count():
            page.locator('[data-testid="stPlotlyChart"] svg text').first.wait_for(timeout=TIMEOUT)
            page.wait_for_timeout(600)
            sizes = page.evaluate(CHART_FONT_SIZES)
            assert sizes, n
            small = [(text, px) for text, px in sizes if px < 18]
            assert not small, (n, small)  # axis ticks, legend, title and source line alike
            charts += 1
        if n == 3:  # the region's map: Europe fills the frame (worked out: longitude -26 to 38 with the margin)
            x_range = page.evaluate(PLOTLY_X_RANGE)
            assert -30 < x_range[0] < -20 and 30 < x_range[1] < 42, x_range
        page.screenshot(path=str(screenshots / f"present-1280x720-slide-{n}.png"))
        if n < 8:
            page.get_by_role("button", name=re.compile("Next")).click()
    assert charts >= 2  # the map and the aggregate pathway
    context.close()
    assert outside == []


def test_back_undoes_a_filter_change(server, page, outside_requests):
    page.goto(f"{server}/practices")
    count = page.get_by_text(re.compile(r"^\d+ practices"))
    expect(count).to_contain_text("76 practices", timeout=TIMEOUT)
    sidebar = page.locator('[data-testid="stSidebar"]')
    c40 = sidebar.get_by_role("button", name="C40", exact=True)  # 3 networks: pills
    c40.click()
    expect(c40).to_have_attribute("aria-pressed", "true", timeout=15_000)
    expect(page).to_have_url(re.compile(r"[?&]network=C40"), timeout=15_000)
    expect(count).not_to_contain_text("76 practices", timeout=15_000)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/practices(\?lang=en)?$"), timeout=15_000)  # still the app, not about:blank
    expect(count).to_contain_text("76 practices", timeout=15_000)
    expect(c40).to_have_attribute("aria-pressed", "false")
    page.go_forward()
    expect(page).to_have_url(re.compile(r"[?&]network=C40"), timeout=15_000)
    expect(c40).to_have_attribute("aria-pressed", "true", timeout=15_000)
    assert outside_requests == []


def test_deep_links_ask_the_server_at_its_root_only(server, page, outside_requests):
    failed, stcore = [], []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.on("request", lambda r: stcore.append(r.url) if "/_stcore/" in r.url else None)
    page.goto(f"{server}/city?city=3117735")
    expect(page.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{server}/compare?cities=3117735,3169070")
    expect(page.get_by_role("heading", name="Compare")).to_be_visible(timeout=TIMEOUT)
    assert failed == []
    assert stcore and not [u for u in stcore if re.search(r"/(city|compare)/_stcore/", u)], stcore
    assert outside_requests == []


def test_an_old_link_with_a_bare_sub_region_keeps_it_in_the_address_bar(server, page, outside_requests):
    """?region=Polynesia (made before sub-regions named their parent) opens Polynesia, and the address bar says so
    in the label form a changed filter writes, so the view can be shared again as it is."""
    page.goto(f"{server}/?region=Polynesia")
    region = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="World region")
    expect(region).to_contain_text("Polynesia (Oceania)", timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"[?&]region=Polynesia(\+|%20)(%28|\()Oceania(%29|\))"), timeout=15_000)
    expect(page.get_by_text(re.compile(r"Member cities of .* · Polynesia"))).to_be_visible()
    assert outside_requests == []


def test_screenshots_of_the_fixed_views(figures_server, page, outside_requests, screenshots):
    """Views of issue 21 to look at: City targets and chart, Compare, Practices, Funding, Data."""
    shots = [
        ("city?city=3117735", "Targets", "city-madrid-targets.png"),
        ("compare?cities=3117735,3169070,2988507", "Peers of Madrid", "compare-madrid-rome-paris.png"),
        ("practices", "Practices", "practices.png"),
        ("funding?city=184745", "Funding", "funding-nairobi-wrapped.png"),
        ("data", "Data and sources", "data-sources-table.png"),
    ]
    for path, heading, name in shots:
        page.goto(f"{figures_server}/{path}")
        target = page.get_by_role("heading", name=heading, exact=True)
        expect(target).to_be_visible(timeout=TIMEOUT)
        target.scroll_into_view_if_needed()
        page.wait_for_timeout(1200)
        page.screenshot(path=str(screenshots / name))
    expect(page.locator("table.utmc-table").first).not_to_contain_text("None")
    assert outside_requests == []
