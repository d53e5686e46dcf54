"""The shared filter sidebar (region, income group, network, flagged figures), bound to the URL."""

from __future__ import annotations

import streamlit as st

import queries
from components import i18n
from components.i18n import N_, _, language
from components.ui.links import from_link

FILTER_KEYS = {"region": "region", "income": "income", "network": "network"}
# The World Bank's income groups as the store names them (the filter's values) and as they are shown.
INCOME_GROUPS = {
    "Low income": N_("Low income"),
    "Lower middle income": N_("Lower middle income"),
    "Upper middle income": N_("Upper middle income"),
    "High income": N_("High income"),
}


@st.cache_resource(show_spinner=False, max_entries=4)
def _filter_choices(store_ident: tuple) -> dict[str, tuple[str, ...]]:
    options = queries.run_query("filter_options", store=store_ident[0])
    choices = {f: tuple(options.loc[options["filter"] == f, "value"]) for f in ("region", "income_group", "network")}
    regions = options[options["filter"] == "region"]
    choices["region_rows"] = tuple(regions[["value", "sort_key", "code"]].itertuples(index=False, name=None))
    return choices


@st.cache_resource(show_spinner=False, max_entries=16)
def _region_labels(store_ident: tuple, lang: str) -> dict[str, str]:
    """Each region's sidebar label in `lang` (components/network.py region_labels), keyed by its English name."""
    import pandas as pd

    from components.network import region_labels

    rows = _filter_choices(store_ident)["region_rows"]
    with i18n.use_language(lang):
        return region_labels(pd.DataFrame(list(rows), columns=["value", "sort_key", "code"]))


def region_label(region: str) -> str:
    """A region's sidebar label in the current language ("Polynesia (Oceania)"; "Polynésie (Océanie)")."""
    return _region_labels(queries.store_identity(), language()).get(region, region)


def income_label(group: str) -> str:
    """An income group in the current language ("High income"; "Revenu élevé"); others as the store has them."""
    return _(INCOME_GROUPS[group]) if group in INCOME_GROUPS else group


PILLS_UP_TO = 6  # a filter with this many options or fewer shows them all, as pills; with more, a list to search


def choose_many(label: str, options, *, placeholder: str, **kwargs) -> list:
    """A filter of several choices bound to the URL: pills when the options are few (the 4 income groups, the 3
    networks of the default store: all visible, one click each), else a multiselect. None chosen means all.
    (Not for speed: over 12 interleaved cold starts the Network map came no sooner than with multiselects.)"""
    if len(options) <= PILLS_UP_TO:
        return st.pills(label, options, selection_mode="multi", help=_("Choose any; none chosen shows all."),
                        **kwargs)  # fmt: skip
    return st.multiselect(label, options, placeholder=placeholder, **kwargs)


def filter_choices() -> dict[str, tuple[str, ...]]:
    """The values each sidebar filter offers (queries/filter_options.sql), in display order."""
    return _filter_choices(queries.store_identity())


def sidebar_filters() -> dict[str, list[str]]:
    """Region, income group and network filters, bound to the URL (?region=Europe&network=C40). The filters hold
    the store's English names; the labels (and so the address bar) are in the current language."""
    ident = queries.store_identity()
    choices = filter_choices()
    labels = _region_labels(ident, language())
    incomes = {g: income_label(g) for g in choices["income_group"]}
    from_link(FILTER_KEYS["region"], choices["region"], region_label)  # links in any language, old links
    from_link(FILTER_KEYS["income"], choices["income_group"], income_label)
    with st.sidebar:
        st.header(_("Filters"))
        region = st.multiselect(
            _("World region (UN M49)"),
            choices["region"],
            format_func=labels.__getitem__,
            key=FILTER_KEYS["region"],
            bind="query-params",
            placeholder=_("All regions"),
            help=_(
                "Regions of the UN M49 standard, each followed by its sub-regions (their region in brackets). "
                "A city matches if its country lies in any region chosen."
            ),
        )
        income = choose_many(
            _("Income group (World Bank)"),
            choices["income_group"],
            format_func=incomes.__getitem__,
            key=FILTER_KEYS["income"],
            bind="query-params",
            placeholder=_("All income groups"),
        )
        network = choose_many(
            _("Network"),
            choices["network"],
            key=FILTER_KEYS["network"],
            bind="query-params",
            placeholder=_("All networks"),
        )
        st.toggle(
            _("Include flagged figures"),
            key="flagged",
            bind="query-params",
            help=_(
                "Figures that failed a plausibility check (data/checks.py; listed on the Data page) are left out of "
                "charts, trends, sums and comparisons. Switch this on to put them back; every view says how many."
            ),
        )
        st.caption(_("The address bar holds these filters: copy it to share this view."))
    return {"regions": region, "income_groups": income, "networks": network}


def include_flagged() -> bool:
    """The sidebar's "Include flagged figures" switch (?flagged=true)."""
    return bool(st.session_state.get("flagged", False))


def filters_text(filters: dict[str, list[str]]) -> str:
    """The filters in words, for captions and sentences: regions and income groups named in the current language
    (networks by their own names), "all regions, income groups and networks" when none is chosen."""
    shown = {
        "regions": _region_names if i18n.language() != i18n.DEFAULT else None,
        "income_groups": income_label,
    }
    parts = []
    for key, values in filters.items():
        if values:
            name = shown.get(key)
            parts.append(", ".join(map(name, values)) if callable(name) else ", ".join(values))
    return "; ".join(parts) if parts else _("all regions, income groups and networks")


def _region_names(region: str) -> str:
    """A region's name (not its label: no parent in brackets) in the current language."""
    codes = {value: code for value, _sort, code in filter_choices()["region_rows"]}
    return i18n.region_name(codes.get(region), fallback=region)


def pick_region(region: str) -> None:
    st.session_state[FILTER_KEYS["region"]] = [region]  # a bound widget is set through session_state
