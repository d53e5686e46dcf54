"""Issue 17: an axe-core audit of every page in Chromium. axe-core is the npm package pinned in tests/e2e/package.json
(`make test` runs `npm ci` there), injected from node_modules: nothing is fetched from outside. A serious or critical
violation fails the test; the counts per page and impact, and the rule ids of the minor and moderate ones, go to
bench/a11y.json for the closing note."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
REPORT = ROOT / "bench" / "a11y.json"
TIMEOUT = 45_000
IMPACTS = ("minor", "moderate", "serious", "critical")

# Every page of app.py, with a city (Madrid has the test figures) or a region where the page needs one.
PAGES = {
    "network": "/?region=Europe",
    "city": "/city?city=3117735",
    "compare": "/compare?cities=3117735,3169070",
    "pathways": "/pathways?region=Europe",
    "brief": "/brief?region=Europe",
    "brief-presenter": "/brief?region=Europe&present=1&slide=3",  # the map slide
    "practices": "/practices?city=3688689",
    "funding": "/funding?city=184745&region=Africa",
    "prospects": "/prospects?region=Africa",
    "pairing": "/pairing?city=3117735",
    "data": "/data",
    "your-figures": "/your-figures?city=3117735",
    # translated pages: longer words, other labels, and <html lang> set to the interface language
    "network-fr": "/?region=Europe&lang=fr",
    "city-pt": "/city?city=3117735&lang=pt",
    "brief-presenter-es": "/brief?region=Europe&present=1&slide=4&lang=es",
}

# WCAG 2.0-2.2 A and AA plus axe's best practices (headings, landmarks, regions).
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary})),
  }));
}"""


def wait_until_drawn(page) -> None:
    """The script has run and what it drew has settled: charts (SVG), maps (canvas) and tables are in the page."""
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT
    )
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT)  # a chart being drawn
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():
        chart.locator("svg.main-svg").first.wait_for(timeout=TIMEOUT)
    if page.locator('[data-testid="stDeckGlJsonChart"]').count():
        page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(800)  # Streamlit fades stale elements out after a rerun


# Every chart's container (Streamlit 1.67 renders `alt=` of st.plotly_chart and st.pydeck_chart as role="figure" and
# aria-label on it): its role and accessible description.
CHARTS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"], [data-testid="stVegaLiteChart"]'))
  .map(e => ({kind: e.dataset.testid, role: e.getAttribute("role") || "", label: e.getAttribute("aria-label") || ""}))"""


def audit(page, url: str) -> dict:
    page.goto(url)
    wait_until_drawn(page)
    page.add_script_tag(path=str(AXE))
    return {"violations": page.evaluate(RUN_AXE), "charts": page.evaluate(CHARTS),
            "lang": page.evaluate("() => document.documentElement.lang")}  # fmt: skip


@pytest.fixture(scope="module")
def findings(browser, figures_server):
    """Every page's violations and charts, audited once in one browser context."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it (npm ci --prefix tests/e2e)")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(local) else None)
    page = context.new_page()
    start = time.monotonic()
    found = {name: audit(page, figures_server + path) for name, path in PAGES.items()}
    print(f"axe audit of {len(PAGES)} pages: {time.monotonic() - start:.1f} s")
    context.close()
    assert outside == [], outside
    report = {
        name: {
            "url": PAGES[name],
            "counts": {i: sum(len(v["nodes"]) for v in f["violations"] if v["impact"] == i) for i in IMPACTS},
            "rules": {i: sorted(v["id"] for v in f["violations"] if v["impact"] == i) for i in IMPACTS},
            "charts_described": f"{sum(bool(c['label']) for c in f['charts'])} of {len(f['charts'])}",
            "html_lang": f["lang"],
        }
        for name, f in found.items()
    }
    REPORT.write_text(json.dumps({"axe_core": axe_version(), "pages": report}, indent=2) + "\n", encoding="utf-8")
    return found


def axe_version() -> str:
    return json.loads((AXE.parent / "package.json").read_text())["version"]


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violation(findings, name):
    bad = [v for v in findings[name]["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps(bad, indent=1)[:4000]


def test_every_chart_has_its_summary_as_accessible_description(findings):
    charts = {name: f["charts"] for name, f in findings.items()}
    assert len(charts["city"]) == 2 and len(charts["network"]) == 1 and len(charts["brief"]) >= 2, charts
    assert len(charts["brief-presenter"]) == 1, charts
    for name, found in charts.items():
        for chart in found:
            assert chart["role"] == "figure" and len(chart["label"]) > 30, (name, chart)
    assert charts["city"][0]["label"].startswith("Madrid has ")  # components.charts.inventory_summary


def test_the_page_says_its_language(findings):
    """<html lang> follows the interface language (serve.py's page-head script), so a screen reader reads French as
    French."""
    langs = {name: f["lang"] for name, f in findings.items()}
    assert langs["network-fr"] == "fr" and langs["city-pt"] == "pt" and langs["brief-presenter-es"] == "es", langs
    assert langs["network"] == "en", langs
