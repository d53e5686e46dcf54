"""Measure every page and the budgets: `python -m bench.run` (or `make bench`).

Writes bench/results.json (committed) and bench/REPORT.md. Not a test: nothing here asserts; the budgets
say met or not met. Work files go to bench/tmp/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "tmp"
SHARED = ROOT.parent / "shared" / "data"
RERUNS = 7
COLD_STARTS = 12  # alternating with the floor page; medians of 12 moved by ~0.03 x between batches here
# Budget: the Network map drawn within 1.35 x the floor page's time, measured alternating. Issue 21 asked 1.2 x;
# decided otherwise (bench/REPORT.md, docs/field-notes.md): a page with only a title and our map, without the
# sidebar, already takes 1.14 x, and the sidebar's filters and the page's figures each ~0.3 s (~0.13 x) more.
# 1.35 x holds what the first view has now (1.29-1.32 x) and fails a regression of ~0.1 s.
COLD_START_RATIO = 1.35
COLD_START_ASKED = 1.2  # what issue 21 asked, reported beside the budget
APP = str(ROOT / "app.py")  # the page script AppTest runs
SERVER = str(ROOT / "serve.py")  # what `make run` starts: st.App over app.py, with the warm-up

# page -> (query parameter that a typical interaction changes, the values it cycles through)
PAGE_CHANGES = {
    "network": ("region", ["Europe", "Africa", "Asia", "Americas", "Oceania", "Western Europe", "South America"]),
    "city": ("city", ["3117735", "2988507", "3688689", "184745", "2643743", "1850147", "3169070"]),
    "compare": ("cities", ["3117735,2988507", "3688689,3435910", "2643743,2950159", "1850147,1835848",
                           "3169070,3128760", "184745,2332459", "2147714,2158177"]),
    "pathways": ("region", ["Europe", "Americas", "Asia", "Africa", "Oceania", "Northern Europe", "South America"]),
    "practices": ("q", ["bus", "solar", "retrofit", "waste", "tree", "heat", "bond"]),
    "funding": ("instrument", ["grant", "loan", "technical assistance", "project preparation", "other", "grant",
                               "loan"]),
    "prospects": ("region", ["Africa", "Europe", "Asia", "Americas", "Oceania", "Western Africa", "South America"]),
    "pairing": ("city", ["3117735", "184745", "2267057", "1273874", "3470127", "2643743", "1850147"]),
    "data": ("income", ["High income", "Low income", "Upper middle income", "Lower middle income", "High income",
                        "Low income", "Upper middle income"]),
}  # fmt: skip


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def median_ms(samples: list[float]) -> float:
    return ms(statistics.median(samples))


# ---- stores ------------------------------------------------------------------------------------------


def sample_files() -> dict[str, list[Path]]:
    cdp, nzt = SHARED / "cdp", SHARED / "netzerotracker"
    return {
        "cdp-emissions": [cdp / "2019_City-wide_Emissions.csv", cdp / "2020_-_City-Wide_Emissions.csv"],
        "cdp-targets": [cdp / "2021_Cities_Emissions_Reduction_Targets_clean_names.csv"],
        "nzt": [nzt / "nzt_cities_sample_300.xlsx"],
    }


def build_stores() -> tuple[Path, Path, dict]:
    """The default store (as `make run` builds it), the real store (+ the sample imports) and its ×50 copy."""
    from bench.scale import make_scaled_store, row_counts
    from data.build import build
    from data.importers import run_import

    TMP.mkdir(parents=True, exist_ok=True)
    facts: dict = {}
    default = TMP / "default.duckdb"
    started = time.perf_counter()
    report = build(default)
    facts["build_seconds"] = round(time.perf_counter() - started, 2)
    facts["store_mb"] = round(report.size_bytes / 1e6, 1)
    real = TMP / "real.duckdb"
    shutil.copyfile(default, real)
    facts["imports"] = {}
    if SHARED.exists():
        for fmt, paths in sample_files().items():
            for path in paths:
                r = run_import(fmt, path, real)
                facts["imports"][path.name] = {"seconds": round(r.seconds, 2), "read": r.rows_read,
                                               "imported": r.rows_imported, "unmatched": len(r.unmatched)}  # fmt: skip
    scaled = make_scaled_store(real, TMP / "x50.duckdb")
    facts["rows_real"], facts["rows_x50"] = row_counts(real), row_counts(scaled)
    return real, scaled, facts


# ---- page reruns ---------------------------------------------------------------------------------------


def page_rerun_ms(page: str, store: Path) -> dict:
    """AppTest: open the page, warm up, then RERUNS reruns each changing its typical parameter."""
    from streamlit.testing.v1 import AppTest

    os.environ["UTMC_STORE"] = str(store)
    key, values = PAGE_CHANGES[page]
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params[key] = values[0]
    at.run()
    if page != "network":
        at.switch_page(str(ROOT / "app_pages" / f"{page}.py"))
    at.run()
    at.run()  # warm-up
    samples = []
    for value in values[1 : RERUNS + 1]:
        at.query_params[key] = value
        started = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception}")
    return {"median_ms": median_ms(samples), "max_ms": ms(max(samples)), "reruns": len(samples)}


def naive_ms(scaled_files: dict[str, list[Path]] | None, factor: int) -> dict:
    from bench.naive import naive_city, naive_network, scaled_member_files

    out = {}
    samples = []
    members = scaled_member_files(TMP, factor)
    for region in ["Europe", "Africa", "Asia", "Americas", "Oceania"]:
        started = time.perf_counter()
        naive_network(region, members)
        samples.append(time.perf_counter() - started)
    out["network"] = median_ms(samples)
    if scaled_files:
        samples = []
        for name in ["Madrid", "Paris", "Bogotá", "Nairobi", "London"]:
            started = time.perf_counter()
            naive_city(name, scaled_files["cdp-emissions"], scaled_files["cdp-targets"])
            samples.append(time.perf_counter() - started)
        out["city"] = median_ms(samples)
    return out


def scaled_sample_files(factor: int) -> dict[str, list[Path]] | None:
    from bench.naive import scale_file

    if not SHARED.exists():
        return None
    files = sample_files()
    out = {}
    for fmt in ("cdp-emissions", "cdp-targets"):
        out[fmt] = [scale_file(p, TMP / f"x{factor}-{p.name}", factor) for p in files[fmt]]
    return out


# ---- browser -------------------------------------------------------------------------------------------


def start_server(store: Path, port: int, script: str = SERVER, cwd: Path = ROOT) -> tuple[subprocess.Popen, float]:
    env = {**os.environ, "UTMC_STORE": str(store)}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return proc, started


FLOOR_APP = """import pydeck as pdk
import streamlit as st

st.title("Network")
layer = pdk.Layer("ScatterplotLayer", [{"p": [0, 0]}], get_position="p", get_radius=100000, get_fill_color=[255, 0, 0])
st.pydeck_chart(pdk.Deck(layers=[layer], map_style="app/static/basemap.json",
                         initial_view_state=pdk.ViewState(latitude=0, longitude=0, zoom=1)), height=520)
"""


def floor_app() -> Path:
    """The least a Streamlit page with a map can do: a title and a one-point deck, no data, no imports of ours,
    the same config and basemap. Its cold start is the floor under ours on this machine (not a budget)."""
    folder = TMP / "floor"
    (folder / ".streamlit").mkdir(parents=True, exist_ok=True)
    (folder / "static").mkdir(exist_ok=True)
    shutil.copyfile(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    shutil.copyfile(ROOT / "static" / "basemap.json", folder / "static" / "basemap.json")
    (folder / "app.py").write_text(FLOOR_APP, encoding="utf-8")
    return folder


# The map's canvas at full size: deck.gl sizes its drawing buffer in the frame that first draws the layers.
DRAWN = """() => { const c = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  return c !== null && c.width > 300 && c.height > 300; }"""


def cold_start_s(browser, store: Path, script: str = SERVER, cwd: Path = ROOT, countries: bool = True) -> float:
    """From starting the server to the map's canvas drawn at full size, in a fresh browser context. With
    `countries`, the map is then checked to show the country outlines (a screenshot, after the clock has stopped):
    a canvas at full size alone would also pass a map whose countries failed to draw."""
    port = free_port()
    proc, started = start_server(store, port, script, cwd)
    try:
        wait_health(port)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{port}/")
        # Checked on every animation frame ("raf", the default). Not a locator's wait_for: Playwright polls those
        # with a back-off (0, 20, 50, 100, 100 ms, then every 500 ms), so a map drawn 3.3 s after the start was
        # seen at 3.8 s, ours and the floor alike, and the ratio of the two medians moved in 0.5 s steps.
        page.wait_for_function(DRAWN, timeout=60_000)
        seconds = time.perf_counter() - started
        if countries:
            png = page.locator('[data-testid="stDeckGlJsonChart"]').first.screenshot()
            share = land_share(png)
            if share < MIN_LAND_SHARE:
                (TMP / "no-countries.png").write_bytes(png)
                raise RuntimeError(f"the map was sized but shows no countries ({share:.0%} of it in their shades; "
                                   f"the image: {TMP / 'no-countries.png'})")  # fmt: skip
        page.close()
        return seconds
    finally:
        proc.terminate()
        proc.wait()


MIN_LAND_SHARE = 0.15  # the world view: land fills ~30 % of the map in the outlines' shades


def land_share(png: bytes) -> float:
    """The share of a map image's pixels in the country shades (components.maps.SHADES, within 3 per channel)."""
    import io

    import numpy as np
    from PIL import Image

    from components.maps import SHADES

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16).reshape(-1, 3)
    land = np.zeros(len(pixels), dtype=bool)
    for shade in SHADES:
        land |= (np.abs(pixels - np.array(shade[:3], dtype=np.int16)) <= 3).all(axis=1)
    return float(land.mean())


def wait_health(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def free_port() -> int:
    from tests.e2e.conftest import free_port as port

    return port()


def rss_mb(pid: int) -> float:
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1])
    return round(total / 1024, 1)


def cold_starts(browser, store: Path, runs: int = COLD_STARTS) -> dict:
    """Ours and the floor page, alternating in one batch (the machine's phase moves both alike), and their ratio:
    the budget (issue 21) is ours <= COLD_START_RATIO x the floor, a number steadier than the seconds."""
    floor = floor_app()
    colds, floors = [], []
    for i in range(runs):
        print(f"cold start {i + 1}/{runs}", end=" ", flush=True)
        colds.append(cold_start_s(browser, store))
        floors.append(cold_start_s(browser, store, "app.py", floor, countries=False))
        print(f"ours {colds[-1]:.2f} s, floor {floors[-1]:.2f} s", flush=True)
    return cold_start_summary(colds, floors)


def cold_start_summary(colds: list[float], floors: list[float]) -> dict:
    """Medians, samples and the ratio of the medians; each run's own ratio (ours / the floor run after it) too."""
    ours, floor = statistics.median(colds), statistics.median(floors)
    return {
        "cold_start_s": round(ours, 2),
        "cold_start_samples_s": [round(c, 2) for c in colds],
        "floor_cold_start_s": round(floor, 2),
        "floor_cold_start_samples_s": [round(c, 2) for c in floors],
        "cold_start_vs_floor": round(ours / floor, 3),
        "cold_start_vs_floor_pairs": [round(c / f, 3) for c, f in zip(colds, floors, strict=True)],
    }


def browser_measures(store: Path) -> dict:
    """Cold start to a drawn map (ours and the floor, interleaved), and server memory with 10 sessions."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        out = cold_starts(browser, store)
        port = free_port()
        proc, _ = start_server(store, port)
        try:
            wait_health(port)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            pages = []
            regions = ["Europe", "Africa", "Asia", "Americas", "Oceania"]
            for i in range(10):
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/?region={regions[i % 5]}")
                pages.append(page)
            for page in pages:
                page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(state="visible", timeout=60_000)
            time.sleep(2)
            out["rss_10_sessions_mb"] = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait()
        browser.close()
    return out


def peer_ms(store: Path) -> float:
    from components.peers import find_peers
    from queries import run_query

    features = run_query("peer_features", store=store)
    find_peers(features, 3117735)
    samples = []
    for cid in [3117735, 2988507, 3688689, 184745, 2643743, 1850147, 3169070, 3435910, 2332459, 2147714]:
        started = time.perf_counter()
        find_peers(features, cid)
        samples.append(time.perf_counter() - started)
    return median_ms(samples)


def prospects_ms(store: Path, runs: int = 5) -> float:
    """Prospects over every city (issue 16): the query and the ranking, each run from the store (server-side)."""
    from components.prospects import find_prospects
    from queries import run_query

    samples = []
    for i in range(runs + 1):
        started = time.perf_counter()
        cities = run_query("prospect_cities", store=store, network_id="utm", gcom_network_id="gcom_jrc")
        find_prospects(cities, [["Africa"], ["Europe"], []][i % 3])
        if i:  # the first run opens the connection
            samples.append(time.perf_counter() - started)
    return median_ms(samples)


def pairing_ms(store: Path, members: int = 300, runs: int = 5) -> float:
    """City2City pairs for a network of `members` cities of 50,000+ people (issue 16): frame, suitability,
    solver and reasons, from the cached peer features and strengths (as the page reads them once per store)."""
    from components.pairing import pair_frame, propose_pairs
    from queries import run_query

    features = run_query("peer_features", store=store)
    strengths = run_query("city_strengths", store=store)
    pool = features[features["population"] >= 50_000]
    samples = []
    for seed in range(runs):
        ids = list(pool.sample(members, random_state=seed)["city_id"])
        started = time.perf_counter()
        propose_pairs(pair_frame(features, strengths, ids))
        samples.append(time.perf_counter() - started)
    return median_ms(samples)


def load_measures() -> dict:
    """The load test and its fault runs (bench/load.py, also `make load`): writes bench/load_results.json."""
    from bench.load import RESULTS, measure

    load = measure()
    RESULTS.write_text(json.dumps(load, indent=2) + "\n", encoding="utf-8")
    return load


def budget(limit: float, measured: float, unit: str, smaller_is_better: bool = True) -> dict:
    met = measured <= limit if smaller_is_better else measured >= limit
    return {"budget": limit, "measured": measured, "unit": unit, "met": bool(met)}


def main() -> int:
    real, scaled, facts = build_stores()
    pages = list(PAGE_CHANGES)
    reruns = {"default": {}, "x50": {}}
    for label, store in (("default", real), ("x50", scaled)):
        for page in pages:
            reruns[label][page] = page_rerun_ms(page, store)
            print(f"{label:8} {page:10} {reruns[label][page]}", flush=True)
    files_x50 = scaled_sample_files(50)
    naive = {"default": naive_ms(scaled_sample_files(1), 1), "x50": naive_ms(files_x50, 50)}
    browser = browser_measures(real)
    peers = peer_ms(real)
    growth = {f"{kind}_{label}": fn(store) for label, store in (("default", real), ("x50", scaled))
              for kind, fn in (("prospects", prospects_ms), ("pairing_300", pairing_ms))}  # fmt: skip
    load = load_measures()

    budgets = {}
    for label, limit in (("default", 100), ("x50", 300)):
        for page in pages:
            budgets[f"rerun_{page}_{label}"] = budget(limit, reruns[label][page]["median_ms"], "ms")
    for page in ("network", "city"):
        if page in naive["x50"]:
            ratio = round(naive["x50"][page] / reruns["x50"][page]["median_ms"], 1)
            budgets[f"faster_than_naive_{page}_x50"] = budget(10, ratio, "times faster", smaller_is_better=False)
    budgets["cold_start_vs_floor"] = budget(COLD_START_RATIO, browser["cold_start_vs_floor"], "x the floor page")
    budgets["rss_10_sessions"] = budget(500, browser["rss_10_sessions_mb"], "MB")
    budgets["peer_finder_all_cities"] = budget(50, peers, "ms")
    for name, measured in growth.items():  # issue 16: prospects over all cities, pairs for a 300-city network
        budgets[f"{name}_ms"] = budget(300, measured, "ms")
    budgets.update(load["budgets"])  # 3 replicas behind nginx: sessions, p95, the two fault runs (bench/load.py)

    results = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "libraries": {n: version(n) for n in ("streamlit", "duckdb", "pandas", "plotly", "pydeck", "geopandas")},
        },
        "store": facts,
        "reruns_ms": reruns,
        "naive_ms": naive,
        "browser": browser,
        "peer_finder_ms": peers,
        "growth_ms": growth,
        "budgets": budgets,
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (ROOT / "bench" / "REPORT.md").write_text(report(results), encoding="utf-8")
    from bench.load import report_section, write_report_section

    write_report_section(report_section(load))
    missed = [k for k, b in budgets.items() if not b["met"]]
    print("budgets missed:", missed or "none")
    return 0


def report(r: dict) -> str:
    m = r["machine"]
    lines = [
        "# Benchmark report",
        "",
        f"Measured {r['measured_at']} by `make bench` on {m['cores']} cores, Python {m['python']} "
        f"({', '.join(f'{k} {v}' for k, v in m['libraries'].items())}).",
        "",
        "## Budgets",
        "",
        "| budget | limit | measured | met |",
        "|---|---|---|---|",
    ]
    for name, b in r["budgets"].items():
        lines.append(
            f"| {name} | {b['budget']} {b['unit']} | {b['measured']} {b['unit']} | {'yes' if b['met'] else 'NO'} |"
        )
    lines += ["", "## Page reruns (AppTest, median of reruns that each change the page's typical parameter)", "",
              "| page | default store | ×50 store |", "|---|---|---|"]  # fmt: skip
    for page, d in r["reruns_ms"]["default"].items():
        x = r["reruns_ms"]["x50"][page]
        lines.append(f"| {page} | {d['median_ms']} ms (max {d['max_ms']}) | {x['median_ms']} ms (max {x['max_ms']}) |")
    s = r["store"]
    lines += [
        "",
        "## The naive way (same data work re-reading the source files each rerun)",
        "",
        f"default files: {r['naive_ms']['default']} ms; ×50 files: {r['naive_ms']['x50']} ms",
        "",
        "## Store and imports",
        "",
        f"Build {s['build_seconds']} s, {s['store_mb']} MB. Rows (real store + sample imports): {s['rows_real']}; "
        f"×50 store: {s['rows_x50']} (the copies cite `synthetic-k` sources and are marked as such).",
        "",
    ]
    for name, i in s["imports"].items():
        lines.append(f"- import {name}: {i['seconds']} s, {i['read']} rows read, {i['imported']} imported, "
                     f"{i['unmatched']} unmatched")  # fmt: skip
    b = r["browser"]
    lines += [
        "",
        "## Browser",
        "",
        "Cold start (`streamlit run serve.py` -> Network map drawn in headless chromium, fresh browser context"
        + (
            f"; measured {b['cold_start_measured_at']} by `python -m bench.run --cold-start N --save`, the rest at "
            f"{r['measured_at']}"
            if "cold_start_measured_at" in b
            else ""
        )
        + "): "
        f"median {b['cold_start_s']} s of {b['cold_start_samples_s']}: {b['cold_start_vs_floor']} x the floor "
        f"(budget {COLD_START_RATIO} x; run by run {b['cold_start_vs_floor_pairs']}). Issue 21 asked "
        f"{COLD_START_ASKED} x: not met, and the budget was set to {COLD_START_RATIO} x by decision. A page with only "
        f"a title and our map (our server, imports and warm-up, the outlines; no sidebar) took 1.14 x; the sidebar's "
        f"filters and the page's figures, captions, legend and table each add ~0.3 s (~0.13 x), together ~0.5 s; "
        f"the outlines ~0.2 s of the map's share (docs/field-notes.md, cold start, fourth pass).",
        "",
        f"The floor, measured in the same run and alternating with ours: a page with only a title and a one-point "
        f"deck (same config and basemap, no data, nothing of ours imported) takes {b['floor_cold_start_s']} s "
        f"of {b['floor_cold_start_samples_s']}. What lies between the two is ours: the imports and first queries "
        f"of the first page run, the sidebar and the other elements of the page, and the country outlines "
        f"(16k vertices) drawn in software WebGL.",
        "",
        f"Server RSS with 10 sessions: {b['rss_10_sessions_mb']} MB. Peer finder over all cities: "
        f"{r['peer_finder_ms']} ms.",
        "",
    ]
    return "\n".join(lines)


def cold_start_only(runs: int, save: bool = False) -> int:
    """`python -m bench.run --cold-start N`: only the alternating cold starts, printed; results.json is left alone
    (a partial run is not the bench). Uses the default store (data/utmc.duckdb or $UTMC_STORE).

    With `--save`, the cold start (and only it) replaces the one in bench/results.json and bench/REPORT.md,
    which say when it was measured apart from the rest (`cold_start_measured_at`)."""
    from playwright.sync_api import sync_playwright

    from data.store import store_path
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        summary = cold_starts(browser, store_path(), runs)
        browser.close()
    met = summary["cold_start_vs_floor"] <= COLD_START_RATIO
    print(json.dumps(summary))
    verdict = "met" if met else "NOT met"
    print(f"cold start {summary['cold_start_s']} s = {summary['cold_start_vs_floor']} x the floor "
          f"({summary['floor_cold_start_s']} s): budget {COLD_START_RATIO} x {verdict}")  # fmt: skip
    if save:
        save_cold_start(summary)
    return 0


def save_cold_start(summary: dict) -> None:
    """Put a cold-start measure into results.json and REPORT.md, leaving every other measure as it was."""
    from bench.load import RESULTS as LOAD_RESULTS
    from bench.load import report_section, write_report_section

    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    results["browser"] = {**results["browser"], **summary,
                          "cold_start_measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}  # fmt: skip
    results["budgets"]["cold_start_vs_floor"] = budget(
        COLD_START_RATIO, summary["cold_start_vs_floor"], "x the floor page"
    )
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (ROOT / "bench" / "REPORT.md").write_text(report(results), encoding="utf-8")
    if LOAD_RESULTS.exists():
        write_report_section(report_section(json.loads(LOAD_RESULTS.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--cold-start":
        sys.exit(cold_start_only(int(sys.argv[2]), save=sys.argv[3:] == ["--save"]))
    sys.exit(main())
