"""20 browser sessions on one server, using the pages while imports swap the store underneath them."""

from __future__ import annotations

import threading
from pathlib import Path

from playwright.sync_api import expect

from data.importers import run_import
from tests.e2e.conftest import copy_of, streamlit_server

FILES = Path(__file__).resolve().parents[1] / "hostile" / "files"
PAGES = ["/practices?q=bus", "/funding?instrument=grant", "/data", "/city?city=3117735", "/compare?cities=3117735,2988507",
         "/pathways?region=Europe", "/practices?sector=waste", "/funding?region=Africa", "/city?city=184745", "/?region=Oceania"]  # fmt: skip


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_concurrent_sessions_while_imports_swap_the_store(built_store, tmp_path_factory, browser, screenshots):
    store = copy_of(built_store, tmp_path_factory)
    with streamlit_server(store) as url:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                      else r.abort())  # fmt: skip
        pages = [context.new_page() for _ in range(20)]
        errors: list[str] = []
        imports: list = []

        def swap_store():
            for name in ("template__duplicate_rows.csv", "template__semicolon.csv", "template__utf16.csv"):
                imports.append(run_import("template", FILES / name, store))

        writer = threading.Thread(target=swap_store)
        for i, page in enumerate(pages):
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url + PAGES[i % len(PAGES)], wait_until="commit")
            if i == 5:
                writer.start()
        writer.join(timeout=120)
        for i, page in enumerate(pages):  # every session uses the new store too
            expect(page.locator("h1").first).to_be_visible(timeout=90_000)
            page.goto(url + PAGES[(i + 3) % len(PAGES)])
        for page in pages:
            expect(page.locator("h1").first).to_be_visible(timeout=90_000)
            page.wait_for_timeout(200)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.get_by_text("cannot be read").count() == 0
        pages[0].screenshot(path=str(screenshots / "concurrent-session-1.png"))
        server_pid = int(next(p for p in Path("/proc").iterdir() if p.name.isdigit() and _is_server(p, url)).name)
        memory = rss_mb(server_pid)
        context.close()
    assert len(imports) == 3 and all(r.committed for r in imports)
    assert errors == []
    assert memory < 1000, f"server RSS {memory:.0f} MB with 20 sessions"


def _is_server(proc: Path, url: str) -> bool:
    try:
        cmd = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"streamlit" in b" ".join(cmd) and url.rsplit(":", 1)[1].encode() in cmd
