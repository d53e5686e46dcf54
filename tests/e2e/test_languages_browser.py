"""The interface language in a real browser: the browser's language by default, the sidebar picker, ?lang= kept
between pages, and the Brief in presenter mode in French and Portuguese (screenshots)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from components.i18n import _, use_language

TIMEOUT = 45_000


def said(lang: str, message: str) -> str:
    with use_language(lang):
        text = _(message)
    assert text != message or lang == "en", (lang, message)
    return text


def test_browser_language_picker_and_links(browser, server, screenshots):
    context = browser.new_context(locale="pt-BR", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server)  # no ?lang=: the browser says Portuguese
    expect(page.get_by_role("heading", name=said("pt", "Network"), exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"[?&]lang=pt"), timeout=15_000)
    page.screenshot(path=str(screenshots / "network-pt.png"), full_page=True)

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator(".st-key-lang button").filter(has_text=re.compile(r"^fr$", re.I)).click()  # shown as FR
    expect(page.get_by_role("heading", name=said("fr", "Network"), exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"[?&]lang=fr"), timeout=15_000)
    expect(page.locator("html")).to_have_attribute("lang", "fr")  # serve.py's page-head script

    sidebar.get_by_role("link", name=said("fr", "City"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/city\?(.*&)?lang=fr"), timeout=15_000)
    expect(page.get_by_role("heading", name=said("fr", "City"), exact=True)).to_be_visible(timeout=TIMEOUT)
    context.close()


def test_brief_in_presenter_mode_in_french_and_portuguese(browser, figures_server, screenshots):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-GB")
    page = context.new_page()
    for lang in ("fr", "pt"):
        for slide in (1, 3, 4):
            page.goto(f"{figures_server}/brief?region=Europe&present=1&slide={slide}&lang={lang}")
            expect(page.get_by_text(f"{slide} / 8", exact=True)).to_be_visible(timeout=TIMEOUT)
            expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning")
            if slide == 3:
                heading = said(lang, "Where the member cities are")
                expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT)
            if slide in (3, 4):  # the region's map, the aggregate pathway: drawn, with text in the language
                chart = page.locator('[data-testid="stPlotlyChart"] svg.main-svg').first
                chart.wait_for(timeout=TIMEOUT)
                page.wait_for_timeout(1500)
                texts = page.locator('[data-testid="stPlotlyChart"] svg text').evaluate_all(
                    "ts => ts.map(t => t.textContent)"
                )
                prefix = said(lang, "Source: {source}").split("{")[0].strip()
                assert any(prefix in t for t in texts), (prefix, texts)  # the chart's own source line
            page.screenshot(path=str(screenshots / f"present-{lang}-slide-{slide}.png"))
    context.close()
