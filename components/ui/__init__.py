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

from components.sandbox import summary_sentence as sandbox_summary
from components.ui.cache import aggregate, brief, network_cities, network_deck, peers, profiles
from components.ui.downloads import deck_download, download_bar, image_downloads
from components.ui.links import from_link, labelled
from components.ui.presenter import present, start_presenting
from components.ui.sandbox import banner as sandbox_banner
from components.ui.sandbox import current as sandbox_current
from components.ui.sandbox import download_buttons as sandbox_downloads
from components.ui.sandbox import for_city as sandbox_for
from components.ui.sandbox import forget as sandbox_forget
from components.ui.sandbox import input_widgets as sandbox_inputs
from components.ui.sandbox import show_flagged as sandbox_flagged
from components.ui.sandbox_views import city_section as sandbox_city
from components.ui.sandbox_views import compare_section as sandbox_compare
from components.ui.sandbox_views import deck_button as sandbox_deck
from components.ui.sandbox_views import sector_shares_for
from components.ui.sidebar import (
    FILTER_KEYS,
    filter_choices,
    filters_text,
    include_flagged,
    pick_region,
    sidebar_filters,
)
from components.ui.sources import SOURCE_COLUMNS, source_footer, sources_for, sources_frame
from components.ui.store import ensure_store, query
from components.ui.upload import members_upload_form, upload_form
from components.ui.warmup import warm_up
from components.ui.widgets import (
    chart,
    city_picker,
    escape_text,
    legend_swatch,
    set_compared,
    table,
)

__all__ = [
    "FILTER_KEYS",
    "SOURCE_COLUMNS",
    "aggregate",
    "brief",
    "chart",
    "city_picker",
    "deck_download",
    "download_bar",
    "ensure_store",
    "escape_text",
    "filter_choices",
    "filters_text",
    "from_link",
    "labelled",
    "image_downloads",
    "include_flagged",
    "legend_swatch",
    "members_upload_form",
    "network_cities",
    "network_deck",
    "peers",
    "pick_region",
    "present",
    "profiles",
    "query",
    "sandbox_banner",
    "sandbox_city",
    "sandbox_compare",
    "sandbox_current",
    "sandbox_deck",
    "sandbox_downloads",
    "sandbox_flagged",
    "sandbox_for",
    "sandbox_forget",
    "sandbox_inputs",
    "sandbox_summary",
    "sector_shares_for",
    "set_compared",
    "sidebar_filters",
    "source_footer",
    "sources_for",
    "sources_frame",
    "start_presenting",
    "table",
    "upload_form",
    "warm_up",
]
