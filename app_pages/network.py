"""Network: where the cities of the networks the UTMC works with are, and how many people live in them."""

import streamlit as st

from components import ui
from components.network import (
    cities_table,
    colour_for,
    coverage_text,
    data_coverage,
    format_people,
    headline_figures,
    map_summary,
    membership_sources,
    network_category,
    table_by_region,
)
from components.ui import growth

filters = st.session_state["filters"]
all_networks = list(ui.filter_choices()["network"])
shown_networks = filters["networks"] or all_networks
cohort_choices = growth.cohorts(shown_networks)
if cohort_choices or st.query_params.get_all("cohort"):  # ?cohort=COP28; offered once a list gives cohorts
    cohorts = st.sidebar.multiselect("Cohort", cohort_choices, key="cohort", bind="query-params",
                                     placeholder="All cohorts", help="The cohort each member joined with, as "
                                     "the imported member lists say (memberships.cohort).")  # fmt: skip
    filters = {**filters, "cohorts": cohorts} if cohorts else filters
cities = ui.network_cities(filters)
described = ui.filters_text(filters)

st.title("Network")
st.caption(ui.escape_text(f"Member cities of {', '.join(filters['networks'] or all_networks)} · {described}"))
st.caption(growth.coverage_markdown(shown_networks))

figures = headline_figures(cities)
cols = st.columns(4)
cols[0].metric("Member cities", f"{figures['cities']:,}")
cols[1].metric("Countries", f"{figures['countries']:,}")
cols[2].metric("UN sub-regions", f"{figures['regions']:,}")
cols[3].metric("People living in them", format_people(figures["people"]), help="Sum of GeoNames city populations.")

st.caption(coverage_text(data_coverage(cities)) + " Sources: Net Zero Tracker, Carbon Monitor Cities, GCoM (JRC).")

if cities.empty:
    st.info(
        f"No member cities match {ui.escape_text(described)}. Clear a filter in the sidebar, "
        "or pick another region or network.",
        icon=":material/filter_alt_off:",
    )

summary = map_summary(cities, described)
st.pydeck_chart(ui.network_deck(filters, all_networks), height=520, alt=summary)
shown = sorted({network_category(list(ns)) for ns in cities["networks"]})
st.html(
    " ".join(ui.legend_swatch(colour_for(c, all_networks), c) for c in shown)
    + " &nbsp;·&nbsp; circle area ∝ population"
)
st.caption(ui.escape_text(summary))
source_ids = ["geonames", "natural_earth", "hdx_taxonomy", *membership_sources(cities)]
credit = ui.source_footer(source_ids, label="Sources: memberships, cities, countries and outlines")

st.subheader("By region")
by_region = table_by_region(cities, filters["networks"] or all_networks)
ui.table(by_region)
ui.download_bar(by_region, "utmc-network-by-region", credit, "table by region")

# Filled only when open (a rerun on toggle): closed, it costs this page nothing. ?list=true opens it.
listing = st.expander(f"All {len(cities):,} member cities", key="list", bind="query-params")
if listing.open:
    with listing:
        table = cities_table(cities)
        st.dataframe(
            table,
            hide_index=True,
            column_config={"Population (GeoNames)": st.column_config.NumberColumn(format="localized")},
        )
        ui.download_bar(table, "utmc-network-cities", credit, "member cities")
st.caption("Cities: GeoNames (CC BY 4.0). Regions: UN M49; income groups: World Bank. Outlines: Natural Earth. "
           "Memberships: each from a public page, listed under Sources above.")  # fmt: skip
