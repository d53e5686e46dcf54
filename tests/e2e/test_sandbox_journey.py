"""A city official tries her own draft figures and leaves nothing behind: two browser sessions on one server, the
second never sees the first's figures; afterwards the store's bytes are unchanged and the uploaded value is in no
log and no file under the project or the temporary directory."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, streamlit_server

TIMEOUT = 45_000
BANNER = "Your own figures, not saved, visible only to you"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_holding(needle: bytes, *roots: Path) -> list[str]:
    """Every regular file under the roots whose bytes hold the needle (as ASCII or UTF-16), unreadable ones skipped."""
    wide = needle.decode().encode("utf-16-le")
    found = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    if not os.path.isfile(path) or os.path.islink(path):
                        continue
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                if needle in data or wide in data:
                    found.append(path)
    return found


def no_outside(context, seen: list[str]) -> None:
    def handle(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            seen.append(url)
            route.abort()

    context.route("**/*", handle)


def test_your_figures_stay_in_one_session_and_leave_nothing_behind(built_store, browser, tmp_path_factory,
                                                                   screenshots):  # fmt: skip
    # a value made for this run: it cannot be in any file unless this run put it there
    value = f"{random.randint(600_000, 999_999)}.{random.randint(10, 99)}7"
    draft = (
        "record,year,sector,emissions,unit,target_kind,base_year,target_year,reduction_pct\n"
        "inventory,2016,total,10,MtCO2e,,,,\ninventory,2017,total,9.5,MtCO2e,,,,\n"
        "inventory,2018,total,9,MtCO2e,,,,\ninventory,2019,total,8.5,MtCO2e,,,,\n"
        "inventory,2019,transport,4,MtCO2e,,,,\ninventory,2019,buildings,3,MtCO2e,,,,\n"
        f"inventory,2019,energy,0.5,MtCO2e,,,,\ninventory,2019,waste,{value},tCO2e,,,,\n"
        "target,,total,10,MtCO2e,base_year,2016,2030,52\n"
    ).encode()
    folder = tmp_path_factory.mktemp("sandbox-e2e")
    store = folder / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    before = sha256(store)
    seen: list[str] = []
    with streamlit_server(store) as url:
        mine = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        theirs = browser.new_context(viewport={"width": 1400, "height": 1000})
        no_outside(mine, seen)
        no_outside(theirs, seen)
        page = mine.new_page()
        page.goto(f"{url}/your-figures?city=3117735")
        expect(page.get_by_role("heading", name="Your figures").first).to_be_visible(timeout=TIMEOUT)
        page.locator('input[type="file"]').set_input_files(
            files=[{"name": "draft.csv", "mimeType": "text/csv", "buffer": draft}]
        )  # from memory: the test writes no file holding the value either
        expect(page.get_by_text("draft.csv")).to_be_visible(timeout=TIMEOUT)
        page.get_by_role("button", name="Check and use this file").click()
        expect(page.get_by_text("9 of 9 rows are in use.")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text(BANNER)).to_be_visible()
        page.wait_for_timeout(500)
        page.screenshot(path=str(screenshots / "sandbox-page.png"), full_page=True)

        page.get_by_role("link", name="City and pathway").click()
        expect(page.get_by_role("heading", name="Your figures for Madrid")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text(BANNER)).to_be_visible()
        charts = page.locator('[data-testid="stPlotlyChart"]')
        expect(charts).to_have_count(4, timeout=TIMEOUT)
        expect(charts.nth(0).locator("g.legend").get_by_text("your figures").first).to_be_attached(timeout=TIMEOUT)
        expect(page.get_by_text(re.compile(r"At its 2016–2019 trend, Madrid \(your figures\)"))).to_be_visible()
        charts.nth(0).scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=str(screenshots / "sandbox-city-madrid.png"))
        charts.nth(1).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(screenshots / "sandbox-city-madrid-pathway.png"))
        with page.expect_download() as got:
            page.get_by_role("button", name="Download your figures (CSV)").click()
        download = got.value
        text = Path(download.path()).read_text(encoding="utf-8-sig")
        assert text.startswith("Figures,City,") and "your figures" in text and value in text
        back = pd.read_csv(io.StringIO(text))  # pure data (issue 21): every row says whose figures they are
        assert len(back) and set(back["Figures"]) == {"your figures"}
        download.delete()  # the viewer's own copy: what the server keeps is the question

        # the second session, same server, same city: no banner, no figures of the first
        other = theirs.new_page()
        other.goto(f"{url}/city?city=3117735")
        expect(other.get_by_role("heading", name="Madrid, Spain")).to_be_visible(timeout=TIMEOUT)
        expect(other.locator('[data-testid="stPlotlyChart"]')).to_have_count(2, timeout=TIMEOUT)
        other.goto(f"{url}/your-figures?city=3117735")
        expect(other.get_by_role("heading", name="Your figures").first).to_be_visible(timeout=TIMEOUT)
        other.wait_for_timeout(1000)
        for text_now in (other.content(),):
            assert BANNER not in text_now and value not in text_now and "rows are in use" not in text_now

        page.get_by_role("link", name="Compare").first.click()
        expect(page.get_by_role("heading", name="Madrid among its peers: your figures")).to_be_visible(timeout=TIMEOUT)
        page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=str(screenshots / "sandbox-compare-madrid.png"))
        page.get_by_role("button", name="Forget my figures").first.click()
        expect(page.get_by_text(BANNER)).to_have_count(0, timeout=TIMEOUT)
        expect(page.get_by_role("heading", name="Madrid among its peers: your figures")).to_have_count(0)
        mine.close()
        theirs.close()
    log = (folder / next(p.name for p in folder.iterdir() if p.name.startswith("streamlit-"))).read_text()
    assert "Uvicorn running" in log or "You can now view" in log or "URL:" in log  # it is the server's log
    assert value not in log
    assert sha256(store) == before
    assert files_holding(value.encode(), ROOT, Path(tempfile.gettempdir())) == []
    assert seen == []
