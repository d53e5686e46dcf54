"""The shared filter sidebar (region, income group, network, flagged figures), bound to the URL."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

import queries

FILTER_KEYS = {"region": "region", "income": "income", "network": "network"}


@st.cache_resource(show_spinner=False, max_entries=4)
def _filter_choices(store_ident: tuple) -> dict[str, tuple[str, ...]]:
    from components.network import region_labels

    options = queries.run_query("filter_options", store=store_ident[0])
    choices = {f: tuple(options.loc[options["filter"] == f, "value"]) for f in ("region", "income_group", "network")}
    labels = region_labels(options[options["filter"] == "region"])
    choices["region_label"] = tuple(labels[r] for r in choices["region"])
    return choices


def _region_from_old_link(labels: dict[str, str]) -> None:
    """?region=Northern+Europe (a link made before sub-regions named their parent) still opens Northern Europe,
    and the address bar shows it again: the bound widget only accepts its labels from the URL (a bare name is
    dropped from the address bar), so on a session's first run the URL is rewritten to the labels
    (?region=Northern+Europe+(Europe)) and the run starts again, before the widget is drawn, seeded from them."""
    key = FILTER_KEYS["region"]
    asked = st.query_params.get_all(key)
    if not asked or key in st.session_state or all(a in labels.values() for a in asked):
        return
    by_label = {label: name for name, label in labels.items()}
    chosen = [c for c in dict.fromkeys(by_label.get(a, a) for a in asked) if c in labels]
    if not chosen:
        return  # nothing known: Streamlit drops the values, as for any unknown one
    try:
        st.query_params[key] = [labels[c] for c in chosen]
    except StreamlitAPIException:  # already bound to the widget (not on a first run): the view, not the URL
        st.session_state[key] = chosen
        return
    st.rerun()  # the next run seeds the widget from the rewritten URL


def filter_choices() -> dict[str, tuple[str, ...]]:
    """The values each sidebar filter offers (queries/filter_options.sql), in display order."""
    return _filter_choices(queries.store_identity())


def sidebar_filters() -> dict[str, list[str]]:
    """Region, income group and network filters, bound to the URL (?region=Europe&network=C40)."""
    choices = filter_choices()
    labels = dict(zip(choices["region"], choices["region_label"], strict=True))
    _region_from_old_link(labels)
    with st.sidebar:
        st.header("Filters")
        region = st.multiselect(
            "World region (UN M49)",
            choices["region"],
            format_func=labels.__getitem__,
            key=FILTER_KEYS["region"],
            bind="query-params",
            placeholder="All regions",
            help="Regions of the UN M49 standard, each followed by its sub-regions (their region in brackets). "
            + "A city matches if its country lies in any region chosen.",
        )
        income = st.multiselect(
            "Income group (World Bank)",
            choices["income_group"],
            key=FILTER_KEYS["income"],
            bind="query-params",
            placeholder="All income groups",
        )
        network = st.multiselect(
            "Network",
            choices["network"],
            key=FILTER_KEYS["network"],
            bind="query-params",
            placeholder="All networks",
        )
        st.toggle(
            "Include flagged figures",
            key="flagged",
            bind="query-params",
            help="Figures that failed a plausibility check (data/checks.py; listed on the Data page) are left out of "
            "charts, trends, sums and comparisons. Switch this on to put them back; every view says how many.",
        )
        st.caption("The address bar holds these filters: copy it to share this view.")
    return {"regions": region, "income_groups": income, "networks": network}


def include_flagged() -> bool:
    """The sidebar's "Include flagged figures" switch (?flagged=true)."""
    return bool(st.session_state.get("flagged", False))


def filters_text(filters: dict[str, list[str]]) -> str:
    parts = [", ".join(v) for v in filters.values() if v]
    return "; ".join(parts) if parts else "all regions, income groups and networks"


def pick_region(region: str) -> None:
    st.session_state[FILTER_KEYS["region"]] = [region]  # a bound widget is set through session_state
