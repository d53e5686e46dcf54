"""Injection and fuzzing through the URL of every page: no traceback, payloads shown as text, store unchanged."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from data.importers import ImportRefused, run_import

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = ["network", "city", "compare", "pathways", "brief", "practices", "funding", "data", "sandbox"]
PARAMS = ["region", "income", "network", "city", "cities", "q", "sector", "kind", "instrument", "open", "view",
          "present", "slide"]  # fmt: skip
PAYLOADS = [
    "'; DROP TABLE cities; --",
    "1 OR 1=1",
    '" OR ""="',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    '=HYPERLINK("http://evil.example")',
    "%00\x00",
    "A" * 5000,
    "3117735,<b>1</b>,'--",
    "../../etc/passwd",
]


def open_page(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "network":
        at.switch_page(str(ROOT / "app_pages" / f"{page}.py")).run()
    return at


def rendered_text(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "warning", "info", "error", "title", "header")
                    for e in getattr(at, kind))  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_injection_url_parameters(use_store, page, payload):
    before = use_store.read_bytes()
    at = open_page(page, dict.fromkeys(PARAMS, payload))
    assert not at.exception, at.exception
    text = rendered_text(at)
    assert not re.search(r"(?<!\\)<(script|img)", text), "a payload was rendered as HTML"
    assert use_store.read_bytes() == before


@pytest.mark.parametrize("payload", PAYLOADS[:6])
def test_injection_search_box(use_store, payload):
    at = open_page("practices", {})
    at.text_input(key="q").input(payload).run()
    assert not at.exception
    assert any("**0 practices**" in m.value for m in at.markdown)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(city=st.text(max_size=40), q=st.text(max_size=60), region=st.text(max_size=30))
@example(city="²", q="", region="")  # "²".isdigit() is True, int("²") raises: a city id must be ASCII digits
def test_injection_fuzz_url(use_store, city, q, region):
    for page in ("city", "practices"):
        at = open_page(page, {"city": city, "q": q, "region": region})
        assert not at.exception, (page, city, q, region, at.exception)


CELL = st.text(alphabet=string.printable + "éßø€\u200b<>'\";=+-@", max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=9), max_size=6), header=st.sampled_from(
    [["record", "city_id", "year", "sector", "emissions", "unit"],
     ["record", "city_name", "country_iso3", "target_kind", "base_year", "target_year", "reduction_pct"],
     ["record"], ["nonsense"]]))  # fmt: skip
@example(
    rows=[["inventory", "2761369", "2019", "total", "1000", "t"], ["inventory", "=1+1", "2019", "total", "1", "t"]],
    header=["record", "city_id", "year", "sector", "emissions", "unit"],
)  # one row imported (Vienna), one not
def test_injection_fuzz_template_importer(built_store, tmp_path_factory, rows, header):
    store = tmp_path_factory.mktemp("fuzz") / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    path = store.parent / "fuzz.csv"
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])
    before = store.read_bytes()
    counted = row_counts(store)
    try:
        report = run_import("template", path, store)
    except ImportRefused:
        assert store.read_bytes() == before
        return
    if report.rows_imported == 0:
        assert store.read_bytes() == before
        return
    # rows imported: exactly the rows the report counts were added, each a finite figure, and no cell ran as SQL
    after = row_counts(store)
    assert report.committed
    assert (after["emissions"] - counted["emissions"], after["targets"] - counted["targets"]) == (
        report.emissions_rows,
        report.targets_rows,
    )
    assert after["cities"] == counted["cities"] and after["bad_figures"] == 0


def row_counts(store) -> dict[str, int]:
    with duckdb.connect(str(store), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("emissions", "targets", "cities")}
        counts["bad_figures"] = con.execute(
            "SELECT count(*) FROM emissions WHERE NOT isfinite(emissions_tco2e) OR emissions_tco2e < 0"
        ).fetchone()[0]
    return counts


EVIL_META = {
    "publisher": '<a href="http://evil.example/x">Official source</a>',
    "licence": "<b>free</b><br>www.evil.example",
    "credit": "[x](http://evil.example) see www.evil.example",
    "title": "<i>Figures</i>",
}


@pytest.fixture(scope="module")
def evil_store(built_store, tmp_path_factory) -> Path:
    """The default store plus Madrid's test figures, imported under a hostile publisher, licence and credit."""
    from tests.conftest import FIGURES_CSV

    folder = tmp_path_factory.mktemp("evil")
    store = folder / "utmc.duckdb"
    shutil.copyfile(built_store, store)
    (folder / "madrid.csv").write_text(FIGURES_CSV, encoding="utf-8")
    assert run_import("template", folder / "madrid.csv", store, meta=EVIL_META).rows_imported
    return store


def figure_texts(spec: dict) -> list[str]:
    """Every string plotly would render with its HTML subset: titles, annotations, trace names and text."""
    layout = spec.get("layout", {})
    out = [str((layout.get("title") or {}).get("text", ""))]
    out += [str(a.get("text", "")) for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        out += [str(trace.get("name", ""))] + [str(t) for t in (trace.get("text") or []) if isinstance(t, str)]
    return out


@pytest.mark.parametrize(
    ("page", "params"),
    [("city", {"city": "3117735"}), ("compare", {"cities": "3117735,3169070"}), ("pathways", {"network": "C40"}),
     ("brief", {"region": "Europe"})],
)  # fmt: skip
def test_source_text_is_never_html_in_figures_or_markdown(evil_store, monkeypatch, page, params):
    import json

    monkeypatch.setenv("UTMC_STORE", str(evil_store))
    at = open_page(page, params)
    assert not at.exception, at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs, "the page drew no figure"
    texts = [t for spec in specs for t in figure_texts(spec)]
    assert any("Official source" in t for t in texts), "the hostile publisher should be shown, as text"
    for t in texts:
        assert not re.search(r"<(a|b|br|i)\b", t), t
    for t in rendered_text(at).split("\n"):
        assert not re.search(r"(?<![\\\u2060])<(a|b|br|i)\b", t), t
        assert "www.evil" not in t and "](http" not in t, t
