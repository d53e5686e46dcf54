"""Issue 17: the main journey with the keyboard alone (page.keyboard: Tab, Enter, arrows, typing; no click, no fill):
pick a city on City, go to Compare and add it there, change the sidebar's region, open the Brief, present it and move a slide.
The page is only read between keys (what has the focus, the URL, the headings), never driven otherwise."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

TIMEOUT = 45_000
MAX_TABS = 120

# The focused element's accessible name, as a screen reader would start to read it (enough to find a control).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const labelled = e.getAttribute("aria-labelledby");
  const byId = labelled ? labelled.split(" ").map(id => document.getElementById(id)?.textContent || "").join(" ") : "";
  return [e.tagName, e.getAttribute("role") || "", e.getAttribute("aria-label") || byId || e.textContent || ""]
    .join("|").replace(/\\s+/g, " ").trim().slice(0, 160);
}"""


def tab_to(page, pattern: str, backwards: bool = False) -> str:
    """Press Tab (Shift+Tab) until the focused element's tag|role|name matches `pattern`; the keys it took."""
    passed = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if re.search(pattern, focused):
            return focused
        passed.append(focused)
    raise AssertionError(f"{pattern!r} not reached with Tab; passed:\n" + "\n".join(passed))


# The option the list's keyboard highlight is on (the combobox's aria-activedescendant), by its text.
HIGHLIGHTED = """() => {
  const id = document.activeElement?.getAttribute("aria-activedescendant");
  const option = id ? document.getElementById(id) : null;
  return option ? option.textContent.trim() : "";
}"""


def arrow_to(page, pattern: str, tries: int = 12) -> None:
    """Until the highlighted option matches `pattern`: wait a moment for the list, then press ↓. Where the highlight
    starts depends on how far the list has filtered when a key lands (nowhere, or on "Select N matches"), so a fixed
    number of ↓ is not enough."""
    seen = []
    for _ in range(tries):
        for _ in range(5):
            seen.append(page.evaluate(HIGHLIGHTED))
            if re.search(pattern, seen[-1]):
                return
            page.wait_for_timeout(100)
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{pattern!r} not highlighted with ↓; passed: {sorted(set(seen))}")


def settled(page) -> None:
    page.wait_for_timeout(300)
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT
    )


def find_madrid(page) -> None:
    """The city picker (City and Compare share it): type part of the name, Enter, ↓ opens the matches, Enter."""
    tab_to(page, r"^INPUT\|.*\|Find a city")
    page.keyboard.type("Madrid")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^\d+ match"))).to_be_visible(timeout=TIMEOUT)
    tab_to(page, r"^INPUT\|combobox\|\d+ match")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name=re.compile(r"^Madrid, Spain"))).to_be_visible(timeout=TIMEOUT)
    arrow_to(page, r"^Madrid, Spain")
    page.keyboard.press("Enter")


def journey(page, base: str) -> None:
    page.goto(f"{base}/city")
    expect(page.get_by_label("Find a city")).to_be_visible(timeout=TIMEOUT)
    settled(page)

    # 1. City: type part of a name, choose the first match with the arrows
    find_madrid(page)
    expect(page).to_have_url(re.compile(r"[?&]city=3117735"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
    settled(page)

    # 2. Compare, by the sidebar's page links (they come before the page in the Tab order)
    tab_to(page, r"^A\|.*Compare", backwards=True)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/compare"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=re.compile("^Compare"))).to_be_visible(timeout=TIMEOUT)
    settled(page)
    find_madrid(page)  # the page link does not carry the City page's choice: Madrid is added here
    expect(page).to_have_url(re.compile(r"[?&]cities=3117735(&|$)"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Peers of Madrid")).to_be_visible(timeout=TIMEOUT)
    settled(page)

    # 3. The sidebar's region filter: type, ↓ (past "Select 6 matches") until Europe itself is highlighted, Enter, Escape
    tab_to(page, r"^INPUT\|combobox\|World region")
    page.keyboard.type("Europe")
    expect(page.get_by_role("option", name="Europe", exact=True)).to_be_visible(timeout=TIMEOUT)
    arrow_to(page, r"^Europe$")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]region=Europe(&|$)"), timeout=TIMEOUT)
    assert page.url.count("region=") == 1, page.url  # Europe alone, not its sub-regions too
    settled(page)

    # 4. The Brief of Europe, then presenter mode and the next slide with →
    tab_to(page, r"^A\|.*Brief", backwards=True)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/brief\?(.*&)?region=Europe"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=re.compile(r"^Europe"))).to_be_visible(timeout=TIMEOUT)
    settled(page)
    tab_to(page, r"^BUTTON\|.*Present full screen")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"present=1.*slide=1|slide=1.*present=1"), timeout=TIMEOUT)
    expect(page.get_by_text("1 / 8", exact=True)).to_be_visible(timeout=TIMEOUT)
    settled(page)
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"slide=2(&|$)"), timeout=TIMEOUT)
    expect(page.get_by_text("2 / 8", exact=True)).to_be_visible(timeout=TIMEOUT)


def test_keyboard_only_journey(figures_server, page, outside_requests):
    start = time.monotonic()
    journey(page, figures_server)
    print(f"keyboard journey: {time.monotonic() - start:.1f} s")
    assert outside_requests == []
