"""Network: where the cities of the networks the UTMC works with are, and how many people live in them."""

import streamlit as st

from components import ui
from components.i18n import _, fmt_int, ngettext
from components.network import (
    SEVERAL,
    cities_table,
    colour_for,
    coverage_text,
    data_coverage,
    format_people,
    headline_figures,
    map_summary,
    membership_sources,
    network_category,
    population_header,
    table_by_region,
)
from components.ui import growth

filters = st.session_state["filters"]
all_networks = list(ui.filter_choices()["network"])
shown_networks = filters["networks"] or all_networks
cohort_choices = growth.cohorts(shown_networks)
if cohort_choices or st.query_params.get_all("cohort"):  # ?cohort=COP28; offered once a list gives cohorts
    cohorts = st.sidebar.multiselect(_("Cohort"), cohort_choices, key="cohort", bind="query-params",
                                     placeholder=_("All cohorts"), help=_("The cohort each member joined with, as "
                                     "the imported member lists say (memberships.cohort)."))  # fmt: skip
    filters = {**filters, "cohorts": cohorts} if cohorts else filters
cities = ui.network_cities(filters)
described = ui.filters_text(filters)

st.title(_("Network"))
networks_named = ", ".join(filters["networks"] or all_networks)
heading = _("Member cities of {networks} · {filters}").format(networks=networks_named, filters=described)
st.caption(ui.escape_text(heading))
st.caption(growth.coverage_markdown(shown_networks))

figures = headline_figures(cities)
cols = st.columns(4)
cols[0].metric(_("Member cities"), fmt_int(figures["cities"]))
cols[1].metric(_("Countries"), fmt_int(figures["countries"]))
cols[2].metric(_("UN sub-regions"), fmt_int(figures["regions"]))
cols[3].metric(
    _("People living in them"), format_people(figures["people"]), help=_("Sum of GeoNames city populations.")
)

coverage = coverage_text(data_coverage(cities))
st.caption(coverage + " " + _("Sources: Net Zero Tracker, Carbon Monitor Cities, GCoM (JRC)."))

if cities.empty:
    st.info(
        _("No member cities match {filters}. Clear a filter in the sidebar, or pick another region or network.").format(
            filters=ui.escape_text(described)
        ),
        icon=":material/filter_alt_off:",
    )

summary = map_summary(cities, described)
st.pydeck_chart(ui.network_deck(filters, all_networks), height=520, alt=summary)
shown = sorted({network_category(list(ns)) for ns in cities["networks"]})
st.html(
    " ".join(ui.legend_swatch(colour_for(c, all_networks), _(SEVERAL) if c == SEVERAL else c) for c in shown)
    + " &nbsp;·&nbsp; "
    + _("circle area ∝ population")
)
st.caption(ui.escape_text(summary))
source_ids = ["geonames", "natural_earth", "hdx_taxonomy", *membership_sources(cities)]
credit = ui.source_footer(source_ids, label=_("Sources: memberships, cities, countries and outlines"))

st.header(_("By region"))
by_region = table_by_region(cities, filters["networks"] or all_networks)
ui.table(by_region)
ui.download_bar(by_region, "utmc-network-by-region", credit, _("table by region"))

# Filled only when open (a rerun on toggle): closed, it costs this page nothing. ?list=true opens it.
# TRANSLATORS: English says "All 1 member cities" too.
listing_label = ngettext("All {n} member cities", "All {n} member cities", len(cities)).format(n=fmt_int(len(cities)))
listing = st.expander(listing_label, key="list", bind="query-params")
if listing.open:
    with listing:
        table = cities_table(cities)
        st.dataframe(
            table,
            hide_index=True,
            column_config={population_header(): st.column_config.NumberColumn(format="localized")},
        )
        ui.download_bar(table, "utmc-network-cities", credit, _("member cities"))
st.caption(_("Cities: GeoNames (CC BY 4.0). Regions: UN M49; income groups: World Bank. Outlines: Natural Earth. "
             "Memberships: each from a public page, listed under Sources above."))  # fmt: skip
