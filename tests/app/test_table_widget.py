"""ui.table: a long list is cut at HTML_ROWS rows with a line that says so (an HTML table of 8,500 sources took
0.4 s a rerun)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(rows: int, lang: str = "en"):
    import pandas as pd

    from components import i18n
    from components.ui.widgets import table

    i18n.set_language(lang)
    table(pd.DataFrame({"n": range(rows)}))


def run(rows: int, lang: str = "en") -> AppTest:
    at = AppTest.from_function(_page, kwargs={"rows": rows, "lang": lang})
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_short_table_is_whole():
    at = run(300)
    assert at.html[0].value.count("<tr>") == 301 and not at.caption  # header row + 300


def test_a_long_table_is_cut_and_says_so():
    at = run(8_500)
    assert at.html[0].value.count("<tr>") == 301
    assert at.caption[0].value == "The first 300 of 8,500 rows are shown; the download has them all."
    french = run(8_500, "fr")
    assert french.caption[0].value == (
        "Les 300 premières lignes sur 8\u202f500 sont affichées ; le téléchargement les contient toutes."
    )
