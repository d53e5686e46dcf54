"""Text from data reaches four renderers: each helper of components/escape.py keeps it text in its renderer."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from components.charts import aggregate_figure, inventory_figure
from components.escape import WORD_JOINER, html_text, link_url, markdown_link, markdown_text, plotly_text

HOSTILE = ['<a href="http://evil.example/x">Official source</a>', "www.x.example", "[x](http://y)", "<b>bold</b><br>"]


@pytest.mark.parametrize("value", HOSTILE)
def test_plotly_text_leaves_no_tag(value):
    out = plotly_text(value)
    assert "<" not in out and ">" not in out


@pytest.mark.parametrize("value", HOSTILE)
def test_html_text_leaves_no_tag(value):
    out = html_text(value)
    assert "<" not in out and ">" not in out and '"' not in out


@pytest.mark.parametrize("value", HOSTILE + ["see http://evil.example/x or mail me@evil.example", "WWW.X.EXAMPLE"])
def test_markdown_text_has_no_link_no_autolink_no_html(value):
    out = markdown_text(value)
    for pattern in ("www.", "www\\.", "http:", "https:", "http\\:", "]("):
        assert pattern not in out.lower(), (pattern, out)
    assert not re.search(r"(?<!\\)[<>\[\]]", out)  # every bracket is backslash-escaped
    assert "@e" not in out  # e-mail auto-links broken too
    assert out.replace(WORD_JOINER, "").replace("\\", "") == value.replace("\\", "")  # nothing lost but escapes


def test_only_http_source_urls_become_links():
    assert link_url("https://data.cdp.net/x") == "https://data.cdp.net/x"
    for bad in ("javascript:alert(1)", "www.evil.example", "data:text/html,<b>", "http://", "ftp://x.example", None, 3):
        assert link_url(bad) is None
    assert markdown_link("CDP", "https://data.cdp.net/a(b)") == "[CDP](https://data.cdp.net/a%28b%29)"
    assert "](" not in markdown_link("[x](http://y)", "javascript:alert(1)")


def test_figures_escape_the_source_line_title_and_trace_names():
    inventory = pd.DataFrame(
        {"year": [2019], "sector": ["total"], "emissions_tco2e": [1.0], "data_kind": ["reported"], "gas": ["CO2e"],
         "boundary": ["not stated"], "source_id": ["import-x"], "publisher": [HOSTILE[0]]}
    )  # fmt: skip
    fig = inventory_figure(inventory, "<b>Madrid</b>", HOSTILE[0])
    spec = json.loads(fig.to_json())
    texts = [spec["layout"]["title"]["text"], *(a["text"] for a in spec["layout"]["annotations"])]
    assert all("<" not in t for t in texts), texts
    group_title = spec["data"][0]["legendgrouptitle"]["text"]  # the publisher's name, then a line break of ours
    assert "<a" not in group_title and "&lt;a href=" in group_title and group_title.count("<br>") == 1
    assert "&lt;a href=" in spec["layout"]["annotations"][-1]["text"]
    agg = aggregate_figure("<i>x</i>", pd.DataFrame({"year": [2020], "level_tco2e": [1.0]}), "www.x.example <br>")
    spec = json.loads(agg.to_json())
    assert "<br>" not in spec["layout"]["annotations"][-1]["text"] and "<i>" not in spec["layout"]["title"]["text"]
