"""The sidebar filters are read before they are drawn (app.py draws them after the page, so the Network map reaches
the browser first): what the page reads must be what the widgets hold once drawn, from the URL or the viewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.ui.sidebar import _bool_from_url, _options_from_url

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_app(query_params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query_params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def drawn(at: AppTest) -> dict[str, list[str]]:
    return {
        "regions": at.multiselect(key="region").value,
        "income_groups": at.multiselect(key="income").value,
        "networks": at.multiselect(key="network").value,
    }


def test_options_from_url_reads_labels_in_order_once():
    parse = _options_from_url(("Europe", "Northern Europe"), {"Northern Europe": "Northern Europe (Europe)"})
    assert parse(["Northern Europe (Europe)", "Europe", "Europe"]) == ["Northern Europe", "Europe"]
    assert parse(["Nowhere"]) is None  # nothing valid: the default, as Streamlit drops the parameter
    assert parse([""]) == []  # ?region= clears


def test_bool_from_url():
    assert _bool_from_url(["true"]) is True
    assert _bool_from_url(["False"]) is False
    assert _bool_from_url(["yes"]) is None


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"region": "Europe", "network": "EU Mission"},
        {"region": ["Africa", "Africa", "Europe"]},
        {"region": "Polynesia", "network": "EU Mission"},  # a link made before sub-regions named their parent
        {"region": "<script>alert(1)</script>", "network": "Nowhere"},
        {"income": "Low income"},
        {"region": ""},
    ],
)
def test_page_reads_what_the_widgets_hold(use_store, query):
    at = run_app(query)
    assert at.session_state["filters"] == drawn(at)


def test_page_reads_the_viewers_change(use_store):
    at = run_app({"region": "Europe"})
    at.multiselect(key="region").set_value(["Africa"]).run()
    at.multiselect(key="network").select("C40").run()
    assert not at.exception, at.exception
    assert drawn(at)["regions"] == ["Africa"] and drawn(at)["networks"] == ["C40"]
    assert at.session_state["filters"] == drawn(at)


def _flag_script():
    import streamlit as st

    from components.ui.sidebar import include_flagged

    st.write(f"before: {include_flagged()}")
    st.toggle("Include flagged figures", key="flagged", bind="query-params")
    st.write(f"after: {include_flagged()}")


@pytest.mark.parametrize(("asked", "expected"), [(None, False), ("true", True), ("false", False), ("maybe", False)])
def test_include_flagged_before_the_switch_is_drawn(asked, expected):
    at = AppTest.from_function(_flag_script, default_timeout=TIMEOUT)
    if asked is not None:
        at.query_params["flagged"] = asked
    at.run()
    assert [m.value for m in at.markdown] == [f"before: {expected}", f"after: {expected}"]
    at.toggle(key="flagged").set_value(not expected).run()
    assert [m.value for m in at.markdown] == [f"before: {not expected}", f"after: {not expected}"]
