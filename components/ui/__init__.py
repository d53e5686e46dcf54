"""The Streamlit pieces every page shares, one module per concern. Everything else in components/ is pure:
DataFrame in, figure or table out, no Streamlit and no queries.

- store      the store gate (build on first start, explain an unreadable file) and the cached query runner
- cache      cached accessors several pages share: profiles, peers, network cities and map, aggregate, brief
- sidebar    the filter sidebar bound to the URL, and the flagged-figures switch
- sources    source credit lines under a view, and the sources table behind downloads
- widgets    city picker, plain tables, charts with their summary sentence, legend swatches
- downloads  data, chart images and the deck, made when clicked
- presenter  presenter mode for the brief
- upload     the admin-gated import forms (reported figures, member lists)
- sandbox    your own figures in this session: banner, forget, upload and table (sandbox_views: the pages' hooks)
- growth     network coverage, prospects and City2City pairs (imported as components.ui.growth)
- links      links in any language for controls bound to the URL
- warmup     what serve.py does once before the first visitor

Pages use them as `from components import ui` and `ui.query(...)`: the names below are that surface.
"""

import importlib

import streamlit as st

_WHERE = {  # name on the surface -> (module, name there)
    "sandbox_summary": ("components.sandbox", "summary_sentence"),
    "aggregate": ("components.ui.cache", "aggregate"),
    "brief": ("components.ui.cache", "brief"),
    "network_cities": ("components.ui.cache", "network_cities"),
    "network_deck": ("components.ui.cache", "network_deck"),
    "peers": ("components.ui.cache", "peers"),
    "profiles": ("components.ui.cache", "profiles"),
    "deck_download": ("components.ui.downloads", "deck_download"),
    "download_bar": ("components.ui.downloads", "download_bar"),
    "image_downloads": ("components.ui.downloads", "image_downloads"),
    "from_link": ("components.ui.links", "from_link"),
    "labelled": ("components.ui.links", "labelled"),
    "present": ("components.ui.presenter", "present"),
    "start_presenting": ("components.ui.presenter", "start_presenting"),
    "sandbox_current": ("components.ui.sandbox", "current"),
    "sandbox_downloads": ("components.ui.sandbox", "download_buttons"),
    "sandbox_for": ("components.ui.sandbox", "for_city"),
    "sandbox_forget": ("components.ui.sandbox", "forget"),
    "sandbox_inputs": ("components.ui.sandbox", "input_widgets"),
    "sandbox_flagged": ("components.ui.sandbox", "show_flagged"),
    "sandbox_city": ("components.ui.sandbox_views", "city_section"),
    "sandbox_compare": ("components.ui.sandbox_views", "compare_section"),
    "sandbox_deck": ("components.ui.sandbox_views", "deck_button"),
    "sector_shares_for": ("components.ui.sandbox_views", "sector_shares_for"),
    "FILTER_KEYS": ("components.ui.sidebar", "FILTER_KEYS"),
    "filter_choices": ("components.ui.sidebar", "filter_choices"),
    "filters_text": ("components.ui.sidebar", "filters_text"),
    "include_flagged": ("components.ui.sidebar", "include_flagged"),
    "pick_region": ("components.ui.sidebar", "pick_region"),
    "sidebar_filters": ("components.ui.sidebar", "sidebar_filters"),
    "SOURCE_COLUMNS": ("components.ui.sources", "SOURCE_COLUMNS"),
    "source_footer": ("components.ui.sources", "source_footer"),
    "sources_for": ("components.ui.sources", "sources_for"),
    "sources_frame": ("components.ui.sources", "sources_frame"),
    "ensure_store": ("components.ui.store", "ensure_store"),
    "query": ("components.ui.store", "query"),
    "members_upload_form": ("components.ui.upload", "members_upload_form"),
    "upload_form": ("components.ui.upload", "upload_form"),
    "warm_up": ("components.ui.warmup", "warm_up"),
    "chart": ("components.ui.widgets", "chart"),
    "city_picker": ("components.ui.widgets", "city_picker"),
    "escape_text": ("components.ui.widgets", "escape_text"),
    "legend_swatch": ("components.ui.widgets", "legend_swatch"),
    "set_compared": ("components.ui.widgets", "set_compared"),
    "table": ("components.ui.widgets", "table"),
}
_SUBMODULES = {"cache", "downloads", "growth", "language", "links", "presenter", "sandbox", "sandbox_views",
               "sidebar", "sources", "store", "upload", "warmup", "widgets"}  # fmt: skip
_SANDBOX_KEY = "sandbox"  # components.ui.sandbox.KEY (a test holds them equal)


def __getattr__(name: str):
    """Each name is imported when a page first asks for it (PEP 562): the Network page's first run, the cold
    start, then does not import the sandbox, the importers and the charts it never uses (~0.1 s)."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attr = _WHERE[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value  # asked once
    return value


def sandbox_banner() -> None:
    """On every page while this session's own figures are in use; without them, the sandbox is not imported."""
    if st.session_state.get(_SANDBOX_KEY) is not None:
        from components.ui.sandbox import banner

        banner()


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = sorted([*_WHERE, "sandbox_banner"])
